"""Background work for the rule set: rescans after live rules change, and rule backtests.

A rescan is planned as chunks (id ranges of open jobs and recent messages, see
`actions.do_start_rescan`). `run_rescan` takes one chunk at a time with SKIP LOCKED, assesses one
batch of it with the rules in force and, in the same transaction, applies what changed and
advances the chunk's cursor. So the work is idempotent (an item already held or with an open
case is not held twice), resumable (a killed worker's batch rolls back; the next run continues
from the cursor) and shared (two workers take different chunks).

Sharing needs one queued task per worker: the first `run_rescan` of a rescan (the one that moves
it from pending to running) enqueues up to `SHARING_TASKS - 1` more, never more than there are
chunks left, and every one of them takes chunks until none is left. A task that finds nothing
to do returns at once, so more tasks than `db_worker` processes cost only an empty run.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from yorozu.moderation.registry import kind_named, rescannable
from yorozu.trust.engine import Context, Engine, default_engine
from yorozu.trust.models import Rescan, RescanChunk, RescanStatus, TrustRule
from yorozu.trust.rules import rule_from_row

BATCH_SIZE = 500
BACKTEST_SAMPLES = 10
SHARING_TASKS = 4  # at most this many queued tasks share one rescan


@task()
def run_rescan(rescan_id: int) -> int:
    """Work through a rescan's chunks until none is left; returns the items processed.

    The first run of a rescan enqueues helpers (more `run_rescan` tasks for the same rescan), so
    that every idle `db_worker` process takes a share of the chunks.
    """
    if _mark_running(rescan_id):
        enqueue_helpers(rescan_id)
    return process_rescan(rescan_id)


def enqueue_helpers(rescan_id: int) -> int:
    """Enqueue up to SHARING_TASKS - 1 more tasks: one per chunk beyond the first."""
    left = RescanChunk.objects.filter(rescan_id=rescan_id, done=False).count()
    helpers = max(0, min(SHARING_TASKS, left) - 1)
    for _ in range(helpers):
        run_rescan.enqueue(rescan_id)
    return helpers


def _mark_running(rescan_id: int) -> bool:
    """Pending → running, once: true only for the caller that made the move."""
    return bool(
        Rescan.objects.filter(pk=rescan_id, status=RescanStatus.PENDING).update(
            status=RescanStatus.RUNNING, started_at=timezone.now()
        )
    )


def process_rescan(
    rescan_id: int, *, max_batches: int | None = None, batch_size: int = BATCH_SIZE
) -> int:
    """Process batches of a rescan (all of them, or `max_batches`); safe to call again."""
    _mark_running(rescan_id)
    processed = 0
    batches = 0
    while max_batches is None or batches < max_batches:
        got = _process_one_batch(rescan_id, batch_size)
        if got is None:
            break
        processed += got
        batches += 1
    if not RescanChunk.objects.filter(rescan_id=rescan_id, done=False).exists():
        Rescan.objects.filter(pk=rescan_id).exclude(status=RescanStatus.DONE).update(
            status=RescanStatus.DONE, finished_at=timezone.now()
        )
    return processed


def _process_one_batch(rescan_id: int, batch_size: int) -> int | None:
    with transaction.atomic():
        chunk = (
            RescanChunk.objects.select_for_update(skip_locked=True)
            .filter(rescan_id=rescan_id, done=False)
            .select_related("rescan")
            .order_by("id")
            .first()
        )
        if chunk is None:
            return None
        last_id, count, holds = _rescan_chunk(chunk, batch_size)
        done = count < batch_size or last_id >= chunk.end_id
        RescanChunk.objects.filter(pk=chunk.pk).update(
            cursor=chunk.end_id if done else last_id,
            processed=F("processed") + count,
            done=done,
        )
        Rescan.objects.filter(pk=rescan_id).update(
            processed=F("processed") + count, new_holds=F("new_holds") + holds
        )
        return count


def rescan_since(rescan: Rescan) -> datetime.datetime:
    """How far back a rescan reads kinds that look back (messages): `message_days` days."""
    return rescan.created_at - datetime.timedelta(days=rescan.message_days)


def _rescan_chunk(chunk: RescanChunk, batch_size: int) -> tuple[int, int, int]:
    """Screen one batch of a chunk's items with the rules in force; hold what is flagged.

    The kind's registration says what its live items are and what holding one means; an item
    already held or with an open case is not held twice.
    """
    kind = kind_named(chunk.kind)
    spec = kind.rescan
    if spec is None:
        return chunk.end_id, 0, 0
    items = list(
        spec.items(rescan_since(chunk.rescan))
        .filter(id__gt=chunk.cursor, id__lte=chunk.end_id)
        .order_by("id")[:batch_size]
    )
    if not items:
        return chunk.end_id, 0, 0
    holds = 0
    for item, screening in spec.screen(items):
        if screening.verdict in ("hold", "block") and spec.hold(item, screening):
            holds += 1
    return items[-1].pk, len(items), holds


# -- backtests ----------------------------------------------------------------------------------


def backtest_rule(rule: TrustRule, *, days: int = 30, now: datetime.datetime | None = None) -> dict:
    """What `rule`, live on its own, would have flagged in the last `days` days of every
    rescannable kind (postings, messages…): counts per kind and a few samples with the matched
    part.

    The rule runs in an engine of its own (no model, shared lexicon), so the figures say what
    this rule adds, whatever the other rules do.
    """
    base = default_engine()
    as_live = rule_from_row(rule, state="live")
    engine = Engine(rules=[as_live], lexicon=base.lexicon, model=None)
    since = (now or timezone.now()) - datetime.timedelta(days=days)
    scanned: dict[str, int] = {}
    flagged: dict[str, int] = {}
    samples: list[dict] = []
    for kind in rescannable():
        assert kind.rescan is not None
        ctx = Context(kind=kind.screening_kind, sender_role="client")
        scanned[kind.name] = flagged[kind.name] = 0
        applies = as_live.applies(ctx.kind, ctx.stage)
        taken = 0
        for pk, text in kind.rescan.texts(since):
            scanned[kind.name] += 1
            if not applies:
                continue
            got = engine.assess(text, ctx)
            if not got.reasons:
                continue
            flagged[kind.name] += 1
            if taken < BACKTEST_SAMPLES:
                taken += 1
                r = got.reasons[0]
                samples.append(
                    {
                        "kind": kind.name,
                        "id": pk,
                        "before": text[max(0, r.start - 40) : r.start],
                        "match": text[r.start : r.end],
                        "after": text[r.end : r.end + 40],
                    }
                )
    return {"days": days, "scanned": scanned, "flagged": flagged, "samples": samples}
