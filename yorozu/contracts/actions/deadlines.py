"""Contracts always close: the deadlines the scheduler enforces.

`sweep_deadlines` (run by the periodic task `tasks.sweep_contract_deadlines`) finds what is due
and takes each item in its own transaction, so one failure never holds up the others:

- a delivered milestone nearing the end of its acceptance period: remind the client (連絡催促);
- one past it: accept it automatically and release the payment (the audit says why);
- a cancellation proposal nearing its answer deadline: remind the silent party;
- one past it: send the contract to the secretariat.

Every step re-reads its row and is conditional, so a sweep run twice (two schedulers, a retried
task) does everything once.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yorozu.contracts.actions import steps
from yorozu.contracts.actions.closure import do_escalate_cancellation, do_remind_cancellation
from yorozu.contracts.actions.contracts import do_auto_accept_milestone
from yorozu.contracts.models import (
    CancellationRequest,
    CancellationStatus,
    ContractStatus,
    Milestone,
    MilestoneStatus,
)
from yorozu.contracts.notices import notify

logger = logging.getLogger(__name__)


def _reminder_index(milestone: Milestone, now: datetime.datetime) -> int | None:
    """The latest acceptance reminder whose moment has come (index into ACCEPTANCE_REMINDERS,
    which are ordered from the earliest), or None."""
    due = milestone.acceptance_due_at
    if due is None:
        return None
    latest = None
    for index, before in enumerate(settings.ACCEPTANCE_REMINDERS):
        if due - before <= now:
            latest = index
    return latest


@transaction.atomic(durable=True)
def do_remind_acceptance(milestone_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Remind the client that a delivery will be accepted automatically; True if sent.

    Reminders whose moment fell before the delivery (a short acceptance period) are counted as
    sent without a message; a reminder already sent for this delivery is never sent again.
    """
    now = now or timezone.now()
    milestone = (
        Milestone.objects.select_related("contract", "contract__client")
        .filter(pk=milestone_id, status=MilestoneStatus.DELIVERED)
        .first()
    )
    if milestone is None or milestone.contract.status != ContractStatus.DELIVERED:
        return False
    index = _reminder_index(milestone, now)
    if index is None or index < milestone.reminders_sent:
        return False
    updated = Milestone.objects.filter(
        pk=milestone.pk,
        status=MilestoneStatus.DELIVERED,
        reminders_sent=milestone.reminders_sent,
        acceptance_due_at=milestone.acceptance_due_at,
    ).update(reminders_sent=index + 1)
    if not updated:
        return False
    due = milestone.acceptance_due_at
    assert due is not None
    before = settings.ACCEPTANCE_REMINDERS[index]
    if milestone.delivered_at and due - before < milestone.delivered_at:
        return False
    contract = milestone.contract
    notify(
        contract.client,
        kind="acceptance_reminder",
        title=_("Reminder: please check the delivery of “%(milestone)s”"),
        body=_(
            "If you neither approve it nor request changes by %(due)s, it will be approved "
            "automatically and the payment released to the worker."
        ),
        url=steps.url(contract),
        params={"milestone": milestone.title, "due": steps.local_datetime(due)},
    )
    return True


def due_acceptance_reminders(now: datetime.datetime) -> list[int]:
    earliest = max(settings.ACCEPTANCE_REMINDERS)
    return list(
        Milestone.objects.filter(
            status=MilestoneStatus.DELIVERED,
            acceptance_due_at__gt=now,
            acceptance_due_at__lte=now + earliest,
            reminders_sent__lt=len(settings.ACCEPTANCE_REMINDERS),
        ).values_list("pk", flat=True)
    )


def due_auto_acceptances(now: datetime.datetime) -> list[int]:
    return list(
        Milestone.objects.filter(
            status=MilestoneStatus.DELIVERED, acceptance_due_at__lte=now
        ).values_list("pk", flat=True)
    )


def due_cancellation_reminders(now: datetime.datetime) -> list[int]:
    return list(
        CancellationRequest.objects.filter(
            status=CancellationStatus.OPEN,
            reminded_at__isnull=True,
            answer_due_at__gt=now,
            answer_due_at__lte=now + settings.CANCELLATION_REMINDER,
        ).values_list("pk", flat=True)
    )


def due_escalations(now: datetime.datetime) -> list[int]:
    return list(
        CancellationRequest.objects.filter(
            status=CancellationStatus.OPEN, answer_due_at__lte=now
        ).values_list("pk", flat=True)
    )


def sweep_deadlines(now: datetime.datetime | None = None) -> dict[str, int]:
    """Take every due step once; how many of each were taken."""
    now = now or timezone.now()
    work = [
        ("acceptance_reminders", due_acceptance_reminders, do_remind_acceptance),
        ("auto_accepted", due_auto_acceptances, do_auto_accept_milestone),
        ("cancellation_reminders", due_cancellation_reminders, do_remind_cancellation),
        ("escalated", due_escalations, do_escalate_cancellation),
    ]
    done = dict.fromkeys((name for name, _find, _act in work), 0)
    for name, find, act in work:
        for pk in find(now):
            try:
                if act(pk, now=now):
                    done[name] += 1
            except Exception:  # one bad row must not stop the others; it is retried next sweep
                logger.exception("contract deadline step %s failed for %s", name, pk)
    return done
