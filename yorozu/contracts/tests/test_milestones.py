"""Milestones: the offer split into steps, each funded, delivered, sent back or approved on its
own; the acceptance period with its reminders and automatic acceptance, through the scheduler's
task on the real database queue."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from yorozu.contracts.actions import (
    ContractError,
    MilestoneTerms,
    do_accept_contract,
    do_auto_accept_milestone,
    do_complete_contract,
    do_deliver_contract,
    do_edit_offer,
    do_fund_contract,
    do_remind_acceptance,
    do_request_changes,
    sweep_deadlines,
)
from yorozu.contracts.models import (
    ContractEvent,
    ContractStatus,
    LedgerAccount,
    LedgerEntry,
    Milestone,
    MilestoneStatus,
    WorkerBalance,
)
from yorozu.contracts.tests.factories import ContractFactory, make_company
from yorozu.core.scheduler import PeriodicTask, enqueue_due_tasks
from yorozu.notifications.models import Notification

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def milestones(contract):
    return list(Milestone.objects.filter(contract=contract).order_by("position"))


def test_hiring_makes_one_milestone_for_the_whole_price(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"], price=56000)
    (only,) = milestones(contract)
    assert (only.position, only.amount, only.status) == (1, 56000, MilestoneStatus.PENDING)
    assert only.due_date == timezone.localdate() + datetime.timedelta(days=7)


def test_client_splits_the_offer_and_the_worker_is_told(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"])
    do_edit_offer(
        contract,
        milestones=[MilestoneTerms("設計", 30000), MilestoneTerms("実装", 70000)],
        withholding=False,
        actor=cast["client"],
    )
    contract.refresh_from_db()
    assert contract.amount == 100000
    assert contract.terms_version == 2
    assert [(m.position, m.title, m.amount) for m in milestones(contract)] == [
        (1, "設計", 30000),
        (2, "実装", 70000),
    ]
    assert Notification.objects.filter(user=cast["worker"], kind="contract_offer_changed")


@pytest.mark.parametrize(
    ("terms", "withholding"),
    [
        ([], False),
        ([MilestoneTerms("", 5000)], False),
        ([MilestoneTerms("小さすぎ", 999)], False),
        ([MilestoneTerms("過去", 5000, datetime.date(2000, 1, 1))], False),
        ([MilestoneTerms(f"{n}", 1000) for n in range(11)], False),
        ([MilestoneTerms("個人は源泉徴収しない", 5000)], True),
    ],
)
def test_bad_offers_are_refused(terms, withholding, cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"])
    with pytest.raises(ContractError):
        do_edit_offer(contract, milestones=terms, withholding=withholding, actor=cast["client"])
    assert len(milestones(contract)) == 1


def test_only_the_client_edits_and_only_before_acceptance(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"])
    with pytest.raises(ContractError):
        do_edit_offer(
            contract,
            milestones=[MilestoneTerms("x", 5000)],
            withholding=False,
            actor=cast["worker"],
        )
    do_accept_contract(contract, actor=cast["worker"])
    with pytest.raises(ContractError):
        do_edit_offer(
            contract,
            milestones=[MilestoneTerms("x", 5000)],
            withholding=False,
            actor=cast["client"],
        )


def test_the_worker_accepts_the_terms_they_saw(cast):
    contract = ContractFactory(client=cast["client"], worker=cast["worker"])
    seen = contract.terms_version
    do_edit_offer(
        contract,
        milestones=[MilestoneTerms("値下げ", 1000)],
        withholding=False,
        actor=cast["client"],
    )
    with pytest.raises(ContractError):
        do_accept_contract(contract, actor=cast["worker"], terms_version=seen)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.OFFERED
    do_accept_contract(contract, actor=cast["worker"], terms_version=contract.terms_version)


def test_two_milestones_change_request_then_completion(cast):
    contract = ContractFactory(
        client=cast["client"], worker=cast["worker"], milestones=[30000, 50000], status="accepted"
    )
    client, worker = cast["client"], cast["worker"]
    do_fund_contract(contract, actor=client)
    first, second = milestones(contract)
    assert (first.status, second.status) == (MilestoneStatus.FUNDED, MilestoneStatus.PENDING)
    do_deliver_contract(contract, actor=worker, note="第1回の納品です。")
    do_request_changes(contract, actor=client, note="配色を変えてください。")
    first.refresh_from_db()
    assert (contract.status, first.status, first.revisions) == ("funded", "funded", 1)
    assert first.acceptance_due_at is None
    do_deliver_contract(contract, actor=worker, note="修正版です。")
    do_complete_contract(contract, actor=client)
    assert contract.status == ContractStatus.ACCEPTED  # awaiting escrow for milestone 2
    assert contract.completed_at is None
    first.refresh_from_db()
    assert (first.status, first.released) == (MilestoneStatus.RELEASED, 30000)
    assert WorkerBalance.objects.get(user=worker).available == 27000
    do_fund_contract(contract, actor=client)
    do_deliver_contract(contract, actor=worker, note="第2回の納品です。")
    do_complete_contract(contract, actor=client)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.COMPLETED
    assert contract.completed_at is not None
    assert WorkerBalance.objects.get(user=worker).available == 72000
    actions = list(contract.events.values_list("action", flat=True))
    assert actions.count("fund") == 2 and actions.count("request_changes") == 1
    assert actions[-1] == "complete"


def test_contract_between_milestones_counts_as_past_escrow(cast):
    from yorozu.contracts.models import Contract, past_escrow_q

    contract = ContractFactory(
        client=cast["client"], worker=cast["worker"], milestones=[30000, 50000], status="accepted"
    )
    assert not Contract.objects.filter(past_escrow_q(), pk=contract.pk).exists()
    do_fund_contract(contract, actor=cast["client"])
    do_deliver_contract(contract, actor=cast["worker"], note="納品")
    do_complete_contract(contract, actor=cast["client"])
    assert contract.status == ContractStatus.ACCEPTED
    assert Contract.objects.filter(past_escrow_q(), pk=contract.pk).exists()


def test_withholding_company_pays_less_into_escrow(cast):
    make_company(cast["client"])
    contract = ContractFactory(
        client=cast["client"],
        worker=cast["worker"],
        withholding=True,
        price=200000,
        status="funded",
    )
    milestone = milestones(contract)[0]
    assert milestone.withholding == 20420
    escrow = LedgerEntry.objects.get(contract=contract, account=LedgerAccount.ESCROW)
    assert escrow.amount == 200000 - 20420


# ---- the acceptance period ------------------------------------------------------------------


def delivered(cast, **kwargs):
    contract = ContractFactory(
        client=cast["client"], worker=cast["worker"], status="delivered", **kwargs
    )
    return contract, milestones(contract)[0]


def test_delivery_starts_the_acceptance_period(cast, settings):
    before = timezone.now()
    _contract, milestone = delivered(cast)
    assert before + settings.ACCEPTANCE_PERIOD <= milestone.acceptance_due_at
    assert milestone.acceptance_due_at <= timezone.now() + settings.ACCEPTANCE_PERIOD


def test_auto_accept_waits_for_the_deadline(cast):
    _contract, milestone = delivered(cast)
    assert not do_auto_accept_milestone(
        milestone.pk, now=milestone.acceptance_due_at - datetime.timedelta(seconds=1)
    )
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.DELIVERED


def test_auto_accept_releases_and_says_why_once(cast):
    contract, milestone = delivered(cast, price=40000)
    later = milestone.acceptance_due_at + datetime.timedelta(seconds=1)
    assert do_auto_accept_milestone(milestone.pk, now=later)
    assert not do_auto_accept_milestone(milestone.pk, now=later)  # idempotent
    contract.refresh_from_db()
    milestone.refresh_from_db()
    assert contract.status == ContractStatus.COMPLETED
    assert (milestone.status, milestone.auto_accepted) == (MilestoneStatus.RELEASED, True)
    event = ContractEvent.objects.get(contract=contract, action="auto_accept")
    assert event.actor is None
    assert "acceptance period ended" in event.note or "検収期間" in event.note
    assert WorkerBalance.objects.get(user=cast["worker"]).available == 36000
    assert Notification.objects.filter(user=cast["client"], kind="milestone_released").exists()
    assert LedgerEntry.objects.filter(contract=contract, kind="release").count() == 2


def test_no_auto_accept_after_a_change_request_or_while_disputed(cast):
    contract, milestone = delivered(cast)
    due = milestone.acceptance_due_at
    do_request_changes(contract, actor=cast["client"], note="直してください")
    assert not do_auto_accept_milestone(milestone.pk, now=due + datetime.timedelta(days=1))
    other, other_milestone = delivered(cast)
    from yorozu.contracts.actions import do_dispute_contract

    do_dispute_contract(other, actor=cast["worker"], note="検収されません")
    assert not do_auto_accept_milestone(
        other_milestone.pk, now=other_milestone.acceptance_due_at + datetime.timedelta(days=1)
    )


def test_reminders_go_to_the_client_once_each(cast, settings):
    _contract, milestone = delivered(cast)
    due = milestone.acceptance_due_at
    three_days = due - settings.ACCEPTANCE_REMINDERS[0]
    one_day = due - settings.ACCEPTANCE_REMINDERS[1]
    assert not do_remind_acceptance(milestone.pk, now=three_days - datetime.timedelta(minutes=1))
    assert do_remind_acceptance(milestone.pk, now=three_days)
    assert not do_remind_acceptance(milestone.pk, now=three_days + datetime.timedelta(hours=1))
    assert do_remind_acceptance(milestone.pk, now=one_day)
    assert not do_remind_acceptance(milestone.pk, now=one_day)
    reminders = Notification.objects.filter(user=cast["client"], kind="acceptance_reminder")
    assert reminders.count() == 2


@override_settings(ACCEPTANCE_PERIOD=datetime.timedelta(hours=1))
def test_a_short_period_sends_no_reminder_from_before_the_delivery(cast):
    _contract, milestone = delivered(cast)
    assert not do_remind_acceptance(
        milestone.pk, now=milestone.acceptance_due_at - datetime.timedelta(minutes=5)
    )
    assert not Notification.objects.filter(kind="acceptance_reminder").exists()


def test_the_sweep_takes_every_due_step(cast):
    _contract, milestone = delivered(cast)
    later = milestone.acceptance_due_at + datetime.timedelta(minutes=1)
    done = sweep_deadlines(later)
    assert done["auto_accepted"] == 1
    assert sweep_deadlines(later)["auto_accepted"] == 0


@pytest.mark.django_db(transaction=True)
def test_auto_acceptance_runs_as_the_scheduled_task_on_the_database_queue(settings):
    """The real path: the scheduler enqueues the sweep on the django-tasks-db queue, `db_worker`
    runs it, and the overdue milestone is accepted and paid."""
    from yorozu.accounts.models import Role
    from yorozu.accounts.tests.factories import UserFactory

    settings.ACCEPTANCE_PERIOD = datetime.timedelta(seconds=1)
    client, worker = UserFactory(role=Role.CLIENT), UserFactory(role=Role.WORKER)
    contract = ContractFactory(client=client, worker=worker, status="delivered", price=20000)
    milestone = milestones(contract)[0]
    schedule = (
        PeriodicTask(
            "yorozu.contracts.tasks.sweep_contract_deadlines", datetime.timedelta(minutes=5)
        ),
    )
    with override_settings(TASKS=DB_QUEUE):
        now = milestone.acceptance_due_at + datetime.timedelta(seconds=5)
        import time

        time.sleep(max(0.0, (now - timezone.now()).total_seconds()))
        assert enqueue_due_tasks(timezone.now(), schedule) == [schedule[0].task_path]
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        result = DBTaskResult.objects.get(task_path=schedule[0].task_path)
        assert result.status == "SUCCESSFUL", result.traceback
        assert result.return_value["auto_accepted"] == 1
    contract.refresh_from_db()
    assert contract.status == ContractStatus.COMPLETED
    assert WorkerBalance.objects.get(user=worker).available == 18000


def test_a_thread_stays_past_escrow_between_milestones(cast):
    """Contact details the work needs stay allowed after the first milestone is paid, while the
    second waits for escrow (the messaging screen reads the contracts' predicate)."""
    from yorozu.messaging.models import Thread
    from yorozu.messaging.screening import POST_CONTRACT, PRE_CONTRACT, escrow_funded, thread_stage

    contract = ContractFactory(
        client=cast["client"], worker=cast["worker"], milestones=[30000, 50000], status="accepted"
    )
    thread = Thread.objects.get(job=contract.job, worker=cast["worker"])
    assert thread_stage(thread) == PRE_CONTRACT
    do_fund_contract(contract, actor=cast["client"])
    do_deliver_contract(contract, actor=cast["worker"], note="納品")
    do_complete_contract(contract, actor=cast["client"])
    assert contract.status == ContractStatus.ACCEPTED
    assert thread_stage(thread) == POST_CONTRACT and escrow_funded(thread)
