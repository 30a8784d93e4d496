"""Competitions: the prize funded first, entries, shortlist and comments, the winner paid and
the rights recorded, and the secretariat's decision when the client picks nobody."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.contracts.models import LedgerAccount, LedgerEntry, WorkerBalance
from yorozu.core.errors import Refused
from yorozu.core.staff import OwnCaseRefused
from yorozu.formats.actions import (
    do_comment_entry,
    do_decide_competition,
    do_fund_competition,
    do_pick_winner,
    do_shortlist_entry,
    do_submit_entry,
)
from yorozu.formats.actions.common import FormatRefused
from yorozu.formats.actions.deadlines import sweep_format_deadlines
from yorozu.formats.models import Competition, CompetitionStage, EntryStatus
from yorozu.formats.tests.factories import posted_competition
from yorozu.jobs.models import Job, JobEvent, JobModeration, JobStatus
from yorozu.moderation.models import CaseQueue, CaseStatus, ModerationCase
from yorozu.moderation.registry import kind_of

pytestmark = pytest.mark.django_db


def entries(competition, n):
    made = []
    for i in range(n):
        worker = UserFactory(role=Role.WORKER)
        made.append(
            do_submit_entry(
                competition,
                worker=worker,
                body=f"案{i + 1}: 温かみのある茶色と、湯気をかたどった丸いロゴ。",
                actor=worker,
            )
        )
    return made


def ledger_sum(competition, account=None):
    rows = LedgerEntry.objects.filter(job_id=competition.pk)
    if account:
        rows = rows.filter(account=account)
    return int(rows.aggregate(t=Sum("amount"))["t"] or 0)


def fresh(competition):
    return Competition.objects.select_related("job").get(pk=competition.pk)


def past_selection(competition):
    Job.objects.filter(pk=competition.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    return timezone.now() + datetime.timedelta(days=8)


def test_the_prize_is_funded_before_entries(client_user, worker_user):
    competition = posted_competition(client_user, fund=False)
    assert competition.job.status == JobStatus.UNFUNDED
    with pytest.raises(FormatRefused):
        do_submit_entry(competition, worker=worker_user, body="案です", actor=worker_user)
    do_fund_competition(competition, actor=client_user)
    with pytest.raises(FormatRefused):
        do_fund_competition(fresh(competition), actor=client_user)
    assert ledger_sum(competition, LedgerAccount.ESCROW) == 30000


def test_one_entry_per_worker(client_user, worker_user):
    competition = posted_competition(client_user)
    do_submit_entry(competition, worker=worker_user, body="案1です。", actor=worker_user)
    with pytest.raises(FormatRefused):
        do_submit_entry(competition, worker=worker_user, body="案2です。", actor=worker_user)
    assert fresh(competition).entry_count == 1


def test_shortlist_and_comment(client_user):
    competition = posted_competition(client_user)
    (entry,) = entries(competition, 1)
    assert do_shortlist_entry(entry, actor=client_user) is True
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SHORTLISTED
    do_comment_entry(entry, comment="色の案をもう少し見たいです。", actor=client_user)
    entry.refresh_from_db()
    assert entry.comment == "色の案をもう少し見たいです。"
    assert entry.worker.notifications.filter(kind="competition_comment").exists()


def test_a_comment_that_moves_off_the_platform_is_refused(client_user):
    competition = posted_competition(client_user)
    (entry,) = entries(competition, 1)
    with pytest.raises(Refused):
        do_comment_entry(
            entry, comment="続きはLINEで話しましょう。IDは cafe_owner77 です", actor=client_user
        )
    entry.refresh_from_db()
    assert entry.comment == ""


def test_the_winner_is_paid_and_the_rights_transfer_is_recorded(client_user):
    competition = posted_competition(client_user)
    first, second, third = entries(competition, 3)
    do_pick_winner(second, actor=client_user)
    competition = fresh(competition)
    assert competition.stage == CompetitionStage.AWARDED
    assert competition.winner_id == second.pk
    assert competition.rights_transferred_at is not None
    assert competition.job.status == JobStatus.CLOSED
    assert WorkerBalance.objects.get(user=second.worker).available == 27000  # less 10 %
    assert not WorkerBalance.objects.filter(user__in=[first.worker, third.worker]).exists()
    rights = JobEvent.objects.get(job_id=competition.pk, event_type="rights_transferred")
    assert rights.data == {
        "entry": second.pk,
        "from_worker": second.worker_id,
        "to_client": client_user.pk,
        "files": [],
    }
    assert ledger_sum(competition) == 0 and ledger_sum(competition, LedgerAccount.ESCROW) == 0
    with pytest.raises(FormatRefused):
        do_pick_winner(third, actor=client_user)  # one winner, paid once


def test_only_the_client_picks(client_user, outsider):
    competition = posted_competition(client_user)
    (entry,) = entries(competition, 1)
    with pytest.raises(PermissionDenied):
        do_pick_winner(entry, actor=outsider)
    assert fresh(competition).stage == CompetitionStage.OPEN


def test_no_winner_goes_to_the_secretariat_who_refunds(client_user, staff_user):
    competition = posted_competition(client_user)
    entries(competition, 2)
    assert sweep_format_deadlines()["to_secretariat"] == 0
    later = past_selection(competition)
    assert sweep_format_deadlines(later)["to_secretariat"] == 1
    assert sweep_format_deadlines(later)["to_secretariat"] == 0
    competition = fresh(competition)
    assert competition.stage == CompetitionStage.SECRETARIAT
    case = ModerationCase.objects.get(queue=CaseQueue.DISPUTES, object_id=competition.pk)
    assert (
        kind_of(case.content_type)
        .decide_url(competition)
        .endswith(f"/secretariat/competitions/{competition.pk}/")
    )
    with pytest.raises(FormatRefused):
        do_decide_competition(competition, outcome="refund", reason="", actor=staff_user)
    do_decide_competition(
        competition,
        outcome="refund",
        reason="どの案もブリーフの条件（茶色系）を満たしていないため返金します。",
        actor=staff_user,
    )
    competition = fresh(competition)
    assert competition.stage == CompetitionStage.REFUNDED
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED
    assert ledger_sum(competition, LedgerAccount.CLIENT) == 0  # everything came back
    assert ledger_sum(competition, LedgerAccount.ESCROW) == 0


def test_the_secretariat_may_award_an_entry(client_user, staff_user):
    competition = posted_competition(client_user)
    first, _second = entries(competition, 2)
    sweep_format_deadlines(past_selection(competition))
    do_decide_competition(
        fresh(competition),
        outcome="award",
        entry=first,
        reason="ブリーフの条件を満たす唯一の案のため授与します。",
        actor=staff_user,
    )
    competition = fresh(competition)
    assert competition.stage == CompetitionStage.AWARDED and competition.winner_id == first.pk
    assert WorkerBalance.objects.get(user=first.worker).available == 27000
    assert ledger_sum(competition, LedgerAccount.ESCROW) == 0


def test_nobody_decides_about_their_own_competition(staff_user):
    competition = posted_competition(staff_user)
    sweep_format_deadlines(past_selection(competition))
    with pytest.raises(OwnCaseRefused):
        do_decide_competition(
            fresh(competition), outcome="refund", reason="自分の案件", actor=staff_user
        )


def test_the_client_cannot_pick_after_the_selection_period(client_user):
    competition = posted_competition(client_user)
    (entry,) = entries(competition, 1)
    Job.objects.filter(pk=competition.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=30)
    )
    with pytest.raises(FormatRefused):
        do_pick_winner(entry, actor=client_user)


def test_a_taken_down_competition_returns_the_prize(client_user):
    competition = posted_competition(client_user)
    entries(competition, 1)
    Job.objects.filter(pk=competition.pk).update(moderation=JobModeration.REJECTED)
    assert sweep_format_deadlines()["taken_down"] == 1
    assert fresh(competition).stage == CompetitionStage.REFUNDED
    assert ledger_sum(competition, LedgerAccount.ESCROW) == 0
    assert ledger_sum(competition, LedgerAccount.CLIENT) == 0


def test_a_suspended_workers_entry_is_hidden_from_the_client_and_cannot_win(
    client, client_user, staff_user
):
    """As for proposals: a restriction that hides a worker hides their entries from the client
    (the list, the entry's own actions) and they cannot be picked; the secretariat sees all."""
    from django.urls import reverse

    from yorozu.enforcement.actions import do_restrict_account
    from yorozu.formats.selectors import entries_for_secretariat

    competition = posted_competition(client_user)
    kept, hidden = entries(competition, 2)
    do_restrict_account(hidden.worker, level="suspended", reason="調査中", actor=staff_user)
    client.force_login(client_user)
    page = client.get(reverse("formats:competition", args=[competition.pk])).text
    assert kept.worker.display_name in page
    assert hidden.worker.display_name not in page
    win = reverse("formats:entry_win", args=[competition.pk, hidden.pk])
    assert client.post(win).status_code == 404
    with pytest.raises(FormatRefused):
        do_pick_winner(hidden, actor=client_user)
    assert fresh(competition).stage == CompetitionStage.OPEN
    assert {e.pk for e in entries_for_secretariat(competition, staff_user)} == {kept.pk, hidden.pk}
