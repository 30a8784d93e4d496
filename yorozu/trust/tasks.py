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
from collections.abc import Iterator

from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from yorozu.trust.models import Rescan, RescanChunk, RescanStatus, TrustRule
from yorozu.trust.rules import rule_from_row
from yorozu.trust.services import assessment_as_json, job_text, not_counting_hits

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
    with not_counting_hits():
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
            .order_by("id")
            .first()
        )
        if chunk is None:
            return None
        if chunk.kind == "job":
            last_id, count, holds = _rescan_jobs(chunk, batch_size)
        else:
            last_id, count, holds = _rescan_messages(chunk, batch_size)
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


def _rescan_jobs(chunk: RescanChunk, batch_size: int) -> tuple[int, int, int]:
    from yorozu.jobs.actions import screen_job
    from yorozu.jobs.models import Job, JobModeration, JobStatus

    rows = list(
        Job.objects.filter(id__gt=chunk.cursor, id__lte=chunk.end_id, status=JobStatus.OPEN)
        .order_by("id")
        .values_list("id", "title", "description", "moderation")[:batch_size]
    )
    holds = 0
    flagged = []
    for job_id, title, description, moderation in rows:
        if moderation != JobModeration.PUBLIC:
            continue  # already held or refused: never held twice
        verdict, assessment = screen_job(title, description)
        if verdict in ("hold", "block"):
            flagged.append((job_id, assessment))
    if flagged:
        holds = _hold_jobs(flagged)
    return (rows[-1][0] if rows else chunk.end_id), len(rows), holds


def _hold_jobs(flagged) -> int:
    from yorozu.jobs.actions import do_set_job_moderation
    from yorozu.jobs.models import Job, JobModeration
    from yorozu.moderation.actions import do_open_case
    from yorozu.trust.services import index_content_tokens

    jobs = Job.objects.select_related("client").in_bulk([job_id for job_id, _ in flagged])
    holds = 0
    for job_id, assessment in flagged:
        job = jobs[job_id]
        if do_set_job_moderation(job, moderation=JobModeration.HELD, actor=None):
            holds += 1
            index_content_tokens(job, user=job.client, texts=(job.title, job.description))
            do_open_case(
                queue="jobs",
                content_object=job,
                subject_user=job.client,
                reason_code="rescan_hold",
                assessment=assessment_as_json(assessment),
                priority=int(assessment.points * 10),
            )
    return holds


def _rescan_messages(chunk: RescanChunk, batch_size: int) -> tuple[int, int, int]:
    from yorozu.messaging.models import Message, MessageStatus
    from yorozu.moderation.actions import do_open_case
    from yorozu.moderation.selectors import has_live_case
    from yorozu.trust.services import assess_text, index_content_tokens

    since = chunk.rescan.created_at - datetime.timedelta(days=chunk.rescan.message_days)
    rows = list(
        Message.objects.filter(id__gt=chunk.cursor, id__lte=chunk.end_id, created_at__gte=since)
        .order_by("id")
        .values_list(
            "id",
            "body",
            "status",
            "sender_id",
            "thread__client_id",
            "thread__job__title",
            "thread__job__description",
        )[:batch_size]
    )
    if not rows:
        return chunk.end_id, 0, 0
    post = _post_contract_messages([r[0] for r in rows])
    flagged = []
    for msg_id, body, status, sender_id, client_id, title, description in rows:
        if status not in (MessageStatus.DELIVERED, MessageStatus.WARNED):
            continue  # held or rejected messages are already with the secretariat
        assessment = assess_text(
            body,
            kind="message",
            stage="post_contract" if msg_id in post else "pre_contract",
            sender_role="client" if sender_id == client_id else "worker",
            job_title=title,
            job_text=description,
        )
        if assessment.verdict in ("hold", "block"):
            flagged.append((msg_id, assessment))
    holds = 0
    if flagged:
        messages = Message.objects.select_related("sender").in_bulk([m for m, _ in flagged])
        for msg_id, assessment in flagged:
            message = messages[msg_id]
            if has_live_case("messages", message):
                continue
            index_content_tokens(message, user=message.sender, texts=(message.body,))
            do_open_case(
                queue="messages",
                content_object=message,
                subject_user=message.sender,
                reason_code="rescan_hold",
                assessment=assessment_as_json(assessment),
                priority=int(assessment.points * 10),
            )
            holds += 1
    return rows[-1][0], len(rows), holds


def _post_contract_messages(message_ids: list[int]) -> set[int]:
    """Which of these messages sit in a thread whose escrow is funded or contact approved."""
    from yorozu.contracts.models import Contract
    from yorozu.messaging.models import ContactRequest, ContactRequestStatus, Message
    from yorozu.messaging.screening import POST_ESCROW_STATUSES

    pairs = dict(Message.objects.filter(id__in=message_ids).values_list("id", "thread_id"))
    threads = set(pairs.values())
    funded = set(
        Contract.objects.filter(
            status__in=POST_ESCROW_STATUSES,
            job__threads__id__in=threads,
        )
        .filter(worker_id=F("job__threads__worker_id"))
        .values_list("job__threads__id", flat=True)
    )
    approved = set(
        ContactRequest.objects.filter(
            thread_id__in=threads, status=ContactRequestStatus.APPROVED
        ).values_list("thread_id", flat=True)
    )
    return {m for m, t in pairs.items() if t in funded or t in approved}


# -- backtests ----------------------------------------------------------------------------------


def backtest_rule(rule: TrustRule, *, days: int = 30, now: datetime.datetime | None = None) -> dict:
    """What `rule`, live on its own, would have flagged in the last `days` days of postings
    and messages: counts per kind and a few samples with the matched part.

    The rule runs in an engine of its own (no model, shared lexicon), so the figures say what
    this rule adds, whatever the other rules do.
    """
    from yorozu.jobs.models import Job
    from yorozu.messaging.models import Message
    from yorozu.trust.engine import Context, Engine, default_engine

    base = default_engine()
    engine = Engine(rules=[rule_from_row(rule, state="live")], lexicon=base.lexicon, model=None)
    since = (now or timezone.now()) - datetime.timedelta(days=days)
    scanned = {"job": 0, "message": 0}
    flagged = {"job": 0, "message": 0}
    samples: list[dict] = []
    job_ctx = Context(kind="job", sender_role="client")
    msg_ctx = Context(kind="message", stage="pre_contract")
    # Each source yields (id, text) pairs: a posting's text is its title and description.
    job_rows = (
        Job.objects.filter(created_at__gte=since)
        .order_by()
        .values_list("id", "title", "description")
        .iterator(chunk_size=2000)
    )
    jobs = ((pk, job_text(title, description)) for pk, title, description in job_rows)
    messages = (
        Message.objects.filter(created_at__gte=since)
        .order_by()
        .values_list("id", "body")
        .iterator(chunk_size=2000)
    )
    sources: tuple[tuple[str, Context, Iterator[tuple[int, str]]], ...] = (
        ("job", job_ctx, jobs),
        ("message", msg_ctx, messages),
    )
    for kind, ctx, rows in sources:
        applies = rule_from_row(rule, state="live").applies(ctx.kind, ctx.stage)
        for pk, text in rows:
            scanned[kind] += 1
            if not applies:
                continue
            got = engine.assess(text, ctx)
            if not got.reasons:
                continue
            flagged[kind] += 1
            if len(samples) < BACKTEST_SAMPLES * 2 and (
                sum(1 for s in samples if s["kind"] == kind) < BACKTEST_SAMPLES
            ):
                r = got.reasons[0]
                samples.append(
                    {
                        "kind": kind,
                        "id": pk,
                        "before": text[max(0, r.start - 40) : r.start],
                        "match": text[r.start : r.end],
                        "after": text[r.end : r.end + 40],
                    }
                )
    return {"days": days, "scanned": scanned, "flagged": flagged, "samples": samples}
