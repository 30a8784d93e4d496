"""Funded contracts always close: cancellation by consent (full or partial refund), a decline or
a silent week sending it to the secretariat, and disputes a reviewer releases, refunds or
splits — amounts adding up, both parties told, every step audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import StaffFactory, UserFactory
from yorozu.contracts.actions import (
    ContractError,
    do_accept_cancellation,
    do_add_dispute_statement,
    do_complete_contract,
    do_decline_cancellation,
    do_deliver_contract,
    do_dispute_contract,
    do_escalate_cancellation,
    do_fund_contract,
    do_propose_cancellation,
    do_remind_cancellation,
    do_resolve_dispute,
    do_withdraw_cancellation,
    sweep_deadlines,
)
from yorozu.contracts.models import (
    CancellationStatus,
    ContractEvent,
    ContractStatus,
    Dispute,
    DisputeReason,
    LedgerEntry,
    Milestone,
    MilestoneStatus,
    WorkerBalance,
)
from yorozu.contracts.tests.factories import ContractFactory
from yorozu.core.staff import OwnCaseRefused
from yorozu.enforcement.actions import do_restrict_account
from yorozu.moderation.models import ModerationCase
from yorozu.notifications.models import Notification
from yorozu.workers.models import WorkerCategoryStat


def sums(contract) -> dict[str, int]:
    totals: dict[str, int] = {}
    for entry in LedgerEntry.objects.filter(contract=contract):
        totals[entry.account] = totals.get(entry.account, 0) + entry.amount
    return totals


def current(contract) -> Milestone:
    return (
        Milestone.objects.filter(contract=contract)
        .exclude(status__in=["released", "refunded", "settled", "cancelled"])
        .order_by("position")
        .first()
        or Milestone.objects.filter(contract=contract).last()
    )


@pytest.fixture
def funded(cast):
    return ContractFactory(
        client=cast["client"], worker=cast["worker"], status="funded", price=100000
    )


@pytest.fixture
def reviewer(db):
    return StaffFactory(role="reviewer", email="reviewer@cast.test")


# ---- cancellation by consent ----------------------------------------------------------------


@pytest.mark.parametrize(("refund", "milestone_status"), [(100000, "refunded"), (40000, "settled")])
def test_agreed_cancellation_splits_the_escrow_as_proposed(refund, milestone_status, funded, cast):
    request = do_propose_cancellation(
        funded, actor=cast["client"], refund=refund, note="中止したい"
    )
    assert request.answer_due_at > request.created_at
    assert Notification.objects.filter(user=cast["worker"], kind="cancellation_proposed")
    do_accept_cancellation(funded, actor=cast["worker"])
    funded.refresh_from_db()
    request.refresh_from_db()
    milestone = current(funded)
    assert funded.status == ContractStatus.CANCELLED and funded.cancelled_at
    assert request.status == CancellationStatus.ACCEPTED
    assert (milestone.status, milestone.refunded, milestone.released) == (
        milestone_status,
        refund,
        100000 - refund,
    )
    got = sums(funded)
    assert got["client"] == -100000 + refund
    assert got.get("worker", 0) == (100000 - refund) * 9 // 10
    assert sum(got.values()) == 0
    # no completion is counted for a cancelled contract
    assert not WorkerCategoryStat.objects.filter(worker=cast["worker"]).exists()


def test_the_proposer_cannot_answer_their_own_proposal(funded, cast):
    do_propose_cancellation(funded, actor=cast["worker"], refund=100000, note="辞退します")
    with pytest.raises(ContractError):
        do_accept_cancellation(funded, actor=cast["worker"])
    with pytest.raises(ContractError):
        do_withdraw_cancellation(funded, actor=cast["client"])


def test_work_waits_while_a_cancellation_is_pending(funded, cast):
    do_propose_cancellation(funded, actor=cast["client"], refund=50000, note="中止したい")
    with pytest.raises(ContractError):
        do_deliver_contract(funded, actor=cast["worker"], note="納品します")
    with pytest.raises(ContractError):
        do_propose_cancellation(funded, actor=cast["worker"], refund=0, note="二重")


@pytest.mark.parametrize("refund", [-1, 100001])
def test_refund_must_be_within_the_milestone(refund, funded, cast):
    with pytest.raises(ContractError):
        do_propose_cancellation(funded, actor=cast["client"], refund=refund, note="中止")


def test_withdrawn_proposal_lets_the_work_go_on(funded, cast):
    do_propose_cancellation(funded, actor=cast["client"], refund=50000, note="中止したい")
    do_withdraw_cancellation(funded, actor=cast["client"])
    do_deliver_contract(funded, actor=cast["worker"], note="納品します")
    assert funded.status == ContractStatus.DELIVERED


def test_a_decline_goes_to_the_secretariat_with_both_statements(funded, cast, reviewer):
    do_propose_cancellation(funded, actor=cast["client"], refund=100000, note="全額返金を希望")
    dispute = do_decline_cancellation(funded, actor=cast["worker"], note="半分は完成しています")
    funded.refresh_from_db()
    assert funded.status == ContractStatus.DISPUTED
    assert dispute.reason == DisputeReason.CANCEL_DECLINED
    assert [s.text for s in dispute.statements.order_by("id")] == [
        "全額返金を希望",
        "半分は完成しています",
    ]
    assert Notification.objects.filter(user=reviewer, kind="dispute_opened").count() == 1
    assert sums(funded)["escrow"] == 100000  # nothing moves until the secretariat decides


def test_a_silent_week_is_reminded_then_escalated(funded, cast, reviewer, settings):
    request = do_propose_cancellation(funded, actor=cast["worker"], refund=80000, note="辞退")
    due = request.answer_due_at
    assert not do_remind_cancellation(
        request.pk, now=due - settings.CANCELLATION_REMINDER - datetime.timedelta(minutes=1)
    )
    assert do_remind_cancellation(request.pk, now=due - settings.CANCELLATION_REMINDER)
    assert not do_remind_cancellation(request.pk, now=due - datetime.timedelta(hours=1))
    reminders = Notification.objects.filter(user=cast["client"], kind="cancellation_reminder")
    assert reminders.count() == 1
    assert not do_escalate_cancellation(request.pk, now=due - datetime.timedelta(seconds=1))
    done = sweep_deadlines(due + datetime.timedelta(seconds=1))
    assert done["escalated"] == 1
    assert sweep_deadlines(due + datetime.timedelta(seconds=2))["escalated"] == 0
    request.refresh_from_db()
    funded.refresh_from_db()
    assert request.status == CancellationStatus.ESCALATED
    assert funded.status == ContractStatus.DISPUTED
    dispute = Dispute.objects.get(contract=funded)
    assert dispute.reason == DisputeReason.CANCEL_UNANSWERED and dispute.opened_by is None
    event = ContractEvent.objects.get(contract=funded, action="escalate_cancellation")
    assert event.actor is None
    for user in (cast["client"], cast["worker"]):
        assert Notification.objects.filter(user=user, kind="cancellation_escalated").exists()


@pytest.mark.parametrize(("level", "features"), [("suspended", ()), ("limited", ("message",))])
def test_a_restricted_party_sends_the_held_escrow_to_the_secretariat(
    level, features, funded, cast, reviewer
):
    do_propose_cancellation(funded, actor=cast["worker"], refund=50000, note="半額で")
    do_restrict_account(
        cast["client"], level=level, features=features, reason="外部誘導", actor=cast["staff"]
    )
    funded.refresh_from_db()
    assert funded.status == ContractStatus.DISPUTED
    dispute = Dispute.objects.get(contract=funded)
    assert (dispute.reason, dispute.opened_by) == (DisputeReason.RESTRICTED, None)
    assert dispute.cancellation.status == CancellationStatus.ESCALATED
    case = ModerationCase.objects.get(queue="disputes", object_id=dispute.pk)
    assert (case.subject_user, case.reason_label) == (cast["client"], dispute.get_reason_display())
    assert ContractEvent.objects.get(contract=funded, action="escalate_restricted").actor is None
    assert Notification.objects.filter(user=reviewer, kind="dispute_opened").count() == 1
    assert sums(funded)["escrow"] == 100000  # nothing moves until the secretariat decides
    # A second restriction finds the contract already with the secretariat.
    do_restrict_account(cast["client"], level="permanent", reason="再発", actor=cast["staff"])
    assert Dispute.objects.filter(contract=funded).count() == 1


def test_a_warning_leaves_the_contract_running(funded, cast):
    do_restrict_account(cast["client"], level="warning", reason="注意", actor=cast["staff"])
    funded.refresh_from_db()
    assert funded.status == ContractStatus.FUNDED
    assert not Dispute.objects.filter(contract=funded).exists()


# ---- disputes -------------------------------------------------------------------------------


def test_a_dispute_opens_a_case_for_the_secretariat(funded, cast, reviewer):
    do_dispute_contract(funded, actor=cast["worker"], note="連絡が途絶えました")
    dispute = Dispute.objects.get(contract=funded)
    assert (dispute.status, dispute.opened_by, dispute.reason) == (
        "open",
        cast["worker"],
        "reported",
    )
    assert Notification.objects.filter(user=cast["client"], kind="contract_disputed").exists()
    notice = Notification.objects.get(user=reviewer, kind="dispute_opened")
    assert notice.url == "/secretariat/disputes/"
    do_add_dispute_statement(funded, actor=cast["client"], note="仕様と違う納品でした")
    assert dispute.statements.count() == 2
    # a second dispute while one is open is refused
    with pytest.raises(ContractError):
        do_dispute_contract(funded, actor=cast["client"], note="もう一度")
    # It waits in the console's disputes queue, decided on its own page.
    case = ModerationCase.objects.get(queue="disputes", object_id=dispute.pk)
    assert case.status == "open" and case.subject_user == cast["worker"]
    do_resolve_dispute(dispute, release=60000, refund=40000, note="半分ずつ", actor=reviewer)
    case.refresh_from_db()
    assert (case.status, case.decision, case.decided_by) == ("decided", "approve", reviewer)


@pytest.mark.parametrize(
    ("release", "refund", "contract_status", "milestone_status"),
    [
        (100000, 0, ContractStatus.COMPLETED, MilestoneStatus.RELEASED),
        (0, 100000, ContractStatus.RESOLVED, MilestoneStatus.REFUNDED),
        (60000, 40000, ContractStatus.RESOLVED, MilestoneStatus.SETTLED),
    ],
)
def test_reviewer_releases_refunds_or_splits(
    release, refund, contract_status, milestone_status, funded, cast, reviewer
):
    do_dispute_contract(funded, actor=cast["client"], note="納品されません")
    dispute = Dispute.objects.get(contract=funded)
    do_resolve_dispute(
        dispute, release=release, refund=refund, note="経緯を確認しました", actor=reviewer
    )
    funded.refresh_from_db()
    dispute.refresh_from_db()
    milestone = current(funded)
    assert funded.status == contract_status and funded.resolved_at
    assert (dispute.status, dispute.release, dispute.refund, dispute.resolved_by) == (
        "resolved",
        release,
        refund,
        reviewer,
    )
    assert (milestone.status, milestone.released, milestone.refunded) == (
        milestone_status,
        release,
        refund,
    )
    got = sums(funded)
    assert sum(got.values()) == 0 and got.get("escrow", 0) == 0
    assert got.get("worker", 0) == release - release // 10
    assert got["client"] == -100000 + refund
    for user in (cast["client"], cast["worker"]):
        notice = Notification.objects.get(user=user, kind="dispute_resolved")
        assert f"{release:,}" in notice.body and "経緯を確認しました" in notice.body
    event = ContractEvent.objects.get(contract=funded, action="resolve")
    assert event.actor == reviewer and event.data["release"] == release
    assert (contract_status == ContractStatus.COMPLETED) == WorkerCategoryStat.objects.filter(
        worker=cast["worker"]
    ).exists()


def test_split_with_withholding_recomputes_the_tax_on_what_is_paid(cast, reviewer):
    contract = ContractFactory(
        client=cast["client"],
        worker=cast["worker"],
        status="funded",
        price=1_500_000,
        withholding=True,
    )
    milestone = current(contract)
    assert milestone.withholding == 102_100 + 102_100  # 1,000,000 + 500,000 × 20.42 %
    do_dispute_contract(contract, actor=cast["client"], note="一部未納品")
    do_resolve_dispute(
        Dispute.objects.get(contract=contract),
        release=900_000,
        refund=600_000,
        note="9割相当",
        actor=reviewer,
    )
    got = sums(contract)
    assert got["tax"] == 91_890  # withheld on the ¥900,000 actually paid
    assert got["worker"] == 900_000 - 91_890 - 90_000
    # the client paid ¥1,295,800 in and gets back what was not paid out
    assert (
        got["client"]
        == -(1_500_000 - 204_200) + (1_500_000 - 204_200 - (900_000 - 91_890)) - 91_890
    )
    assert sum(got.values()) == 0


@pytest.mark.parametrize(("release", "refund"), [(60000, 30000), (-1, 100001), (100001, -1)])
def test_amounts_must_add_up_to_the_milestone(release, refund, funded, cast, reviewer):
    do_dispute_contract(funded, actor=cast["client"], note="問題あり")
    dispute = Dispute.objects.get(contract=funded)
    with pytest.raises(ContractError):
        do_resolve_dispute(dispute, release=release, refund=refund, note="理由", actor=reviewer)
    dispute.refresh_from_db()
    assert dispute.status == "open"
    assert sums(funded)["escrow"] == 100000


def test_only_the_secretariat_decides_and_never_about_their_own_contract(funded, cast):
    do_dispute_contract(funded, actor=cast["client"], note="問題あり")
    dispute = Dispute.objects.get(contract=funded)
    for outsider in (cast["client"], cast["worker"], cast["outsider"]):
        with pytest.raises(PermissionDenied):
            do_resolve_dispute(dispute, release=0, refund=100000, note="理由", actor=outsider)
    staff_client = StaffFactory(role="reviewer", email="staff-client@cast.test")
    own = ContractFactory(client=staff_client, status="funded")
    do_dispute_contract(own, actor=own.worker, note="問題あり")
    with pytest.raises(OwnCaseRefused):
        do_resolve_dispute(
            Dispute.objects.get(contract=own),
            release=0,
            refund=own.amount,
            note="自分の契約",
            actor=staff_client,
        )


def test_a_decided_dispute_cannot_be_decided_again(funded, cast, reviewer):
    do_dispute_contract(funded, actor=cast["client"], note="問題あり")
    dispute = Dispute.objects.get(contract=funded)
    do_resolve_dispute(dispute, release=100000, refund=0, note="納品済み", actor=reviewer)
    with pytest.raises(ContractError):
        do_resolve_dispute(dispute, release=0, refund=100000, note="やり直し", actor=reviewer)


def test_dispute_on_a_later_milestone_leaves_earlier_payments_alone(cast, reviewer):
    contract = ContractFactory(
        client=cast["client"], worker=cast["worker"], milestones=[30000, 70000], status="accepted"
    )
    do_fund_contract(contract, actor=cast["client"])
    do_deliver_contract(contract, actor=cast["worker"], note="第1弾")
    do_complete_contract(contract, actor=cast["client"])
    do_fund_contract(contract, actor=cast["client"])
    do_dispute_contract(contract, actor=cast["client"], note="第2弾が届かない")
    dispute = Dispute.objects.get(contract=contract)
    assert dispute.milestone.position == 2
    do_resolve_dispute(dispute, release=0, refund=70000, note="未納品", actor=reviewer)
    first, second = Milestone.objects.filter(contract=contract).order_by("position")
    assert (first.status, second.status) == ("released", "refunded")
    assert WorkerBalance.objects.get(user=cast["worker"]).available == 27000


def test_statements_are_for_the_two_parties(funded, cast):
    do_dispute_contract(funded, actor=cast["client"], note="問題あり")
    with pytest.raises(ContractError):
        do_add_dispute_statement(funded, actor=cast["outsider"], note="部外者です")
    stranger = UserFactory(role=Role.CLIENT)
    with pytest.raises(ContractError):
        do_add_dispute_statement(funded, actor=stranger, note="部外者です")
