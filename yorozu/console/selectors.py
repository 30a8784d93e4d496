"""Reads for the review console: queues and counts, one case with everything a reviewer needs,
the account's history, related items and the dashboard's figures."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from yorozu.blocks.selectors import BlockSignal, block_signal
from yorozu.certification.models import CertificationStatus
from yorozu.core.staff import REVIEW, has_staff_permission
from yorozu.enforcement.models import Report, ReportStatus, Restriction, RestrictionLevel
from yorozu.moderation.models import CaseEvent, CaseQueue, CaseStatus, ModerationCase
from yorozu.moderation.registry import kind_of
from yorozu.trust.models import ContentToken, RuleHitDaily, TokenKind, TrustRule, VerdictDaily
from yorozu.trust.rules import shipped_rule
from yorozu.trust.screening import versions_of

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

# Every queue a case can be opened in is a tab of the console.
CONSOLE_QUEUES = tuple(CaseQueue)
RELATED_LIMIT = 20


def queue_counts() -> dict[str, int]:
    """Undecided cases per queue, in one query."""
    rows = (
        ModerationCase.objects.exclude(status=CaseStatus.DECIDED)
        .values("queue")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {q.value: 0 for q in CONSOLE_QUEUES}
    for row in rows:
        counts[row["queue"]] = row["n"]
    return counts


def cases_in_queue(queue: str, *, status: str = "") -> QuerySet[ModerationCase]:
    """A queue's undecided cases (or those with `status`), highest priority first."""
    cases = ModerationCase.objects.filter(queue=queue)
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    else:
        cases = cases.exclude(status=CaseStatus.DECIDED)
    return cases.select_related("subject_user", "claimed_by", "content_type").order_by(
        "-priority", "created_at", "id"
    )


def access_case(user, case_id: int) -> ModerationCase:
    """A case for a reviewer; 404 for everyone else, so ids reveal nothing."""
    if not has_staff_permission(user, REVIEW):
        raise Http404("no such case")
    try:
        return ModerationCase.objects.select_related(
            "subject_user", "claimed_by", "decided_by", "content_type"
        ).get(pk=case_id)
    except ModerationCase.DoesNotExist:
        raise Http404("no such case") from None


def case_text(case: ModerationCase) -> str:
    """The text the case's assessment spans index, as its kind registered it (a posting: title,
    newline, description)."""
    obj = case.content_object
    if obj is None:
        return ""
    try:
        return kind_of(case.content_type).text(obj)
    except LookupError:
        return str(obj)


@dataclass
class Version:
    """One version of the content under review: the text, its verdict and reasons."""

    label: str | _StrPromise
    text: str
    verdict: str
    reasons: list[dict]
    written_at: datetime.datetime | None


def case_versions(case: ModerationCase) -> list[Version]:
    """What the reviewer compares: the versions screening flagged (the one that was held,
    first), then the text as it stands now when it differs — so an edit never hides what was
    held."""
    obj = case.content_object
    if obj is None:
        return []
    flagged = list(reversed(versions_of(obj)))
    out = [
        Version(
            _("As written on %(when)s")
            % {"when": localtime(r.created_at).strftime("%Y-%m-%d %H:%M")},
            r.text,
            r.verdict,
            r.reasons,
            r.created_at,
        )
        for r in flagged
    ]
    current = case_text(case)
    if not out or out[-1].text != current:
        out.append(Version(_("As it stands now"), current, "", [], None))
    return out


@dataclass
class AccountHistory:
    user: object
    age_days: int
    cases: list[ModerationCase]
    case_counts: dict[str, int]
    restrictions: list
    certification: object | None
    blocks: BlockSignal


def account_history(user, *, exclude_case: int | None = None) -> AccountHistory:
    """Age, earlier cases, restrictions and certification of the account under review."""
    cases = ModerationCase.objects.filter(subject_user=user).order_by("-created_at")
    if exclude_case:
        cases = cases.exclude(pk=exclude_case)
    counts = dict(
        cases.filter(status=CaseStatus.DECIDED)
        .values_list("decision")
        .annotate(n=Count("id"))
        .order_by()
    )
    certification = getattr(user, "certification", None) if hasattr(user, "certification") else None
    return AccountHistory(
        user=user,
        age_days=(timezone.now() - user.date_joined).days,
        cases=list(cases[:10]),
        case_counts=counts,
        restrictions=list(Restriction.objects.filter(user=user).order_by("-id")[:10]),
        certification=certification,
        blocks=block_signal(user.pk),
    )


@dataclass
class RelatedItem:
    token: str
    kind: str
    user: object
    content: object | None
    content_type: str  # the model's verbose name, in the reader's language
    url: str = ""  # its own case in the console if it has one, else its admin page

    @property
    def kind_label(self) -> str | _StrPromise:
        return TokenKind(self.kind).label if self.kind in TokenKind.values else self.kind


def related_items(case: ModerationCase) -> list[RelatedItem]:
    """The same URLs, e-mail addresses, phone numbers or IDs in other accounts' content."""
    mine = list(
        ContentToken.objects.filter(
            content_type_id=case.content_type_id, object_id=case.object_id
        ).values_list("kind", "token")
    )
    if not mine:
        return []
    match = Q()
    for kind, token in mine:
        match |= Q(kind=kind, token=token)
    rows = list(
        ContentToken.objects.filter(match)
        .exclude(user_id=case.subject_user_id)
        .select_related("user", "content_type")
        .order_by("-created_at")[:RELATED_LIMIT]
    )
    if not rows:
        return []
    pairs = Q()
    for row in rows:
        pairs |= Q(content_type_id=row.content_type_id, object_id=row.object_id)
    # Each item's latest case (an undecided one first), in one query.
    case_of: dict[tuple[int, int], int] = {}
    for ct, oid, pk in (
        ModerationCase.objects.filter(pairs)
        .order_by(F("decided_at").desc(nulls_first=True), "-id")
        .values_list("content_type_id", "object_id", "id")
    ):
        case_of.setdefault((ct, oid), pk)
    # The items themselves: one query per kind of content, not one per item.
    ids_by_type: dict[ContentType, set[int]] = {}
    for row in rows:
        ids_by_type.setdefault(row.content_type, set()).add(row.object_id)
    contents: dict[tuple[int, int], object] = {}
    for content_type, ids in ids_by_type.items():
        model = content_type.model_class()
        if model is not None:
            for pk, obj in model._default_manager.in_bulk(ids).items():
                contents[(content_type.pk, pk)] = obj
    out = []
    for row in rows:
        content = contents.get((row.content_type_id, row.object_id))
        case_id = case_of.get((row.content_type_id, row.object_id))
        url = reverse("console:case", args=[case_id]) if case_id else ""
        if not url and content is not None:
            try:
                url = reverse(
                    f"admin:{row.content_type.app_label}_{row.content_type.model}_change",
                    args=[row.object_id],
                )
            except NoReverseMatch:
                url = ""
        out.append(RelatedItem(row.token, row.kind, row.user, content, row.content_type.name, url))
    return out


def case_events(case: ModerationCase) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("created_at", "id")


# -- dashboard -----------------------------------------------------------------------------------


@dataclass
class DayRow:
    day: datetime.date
    postings: int = 0
    holds: int = 0
    blocks: int = 0
    reports: int = 0
    decisions: int = 0


def dashboard(days: int = 14) -> dict:
    """Per-day figures, the median time to decision and the top rules over `days` days."""
    today = timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    since = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    rows = {
        first + datetime.timedelta(days=i): DayRow(first + datetime.timedelta(days=i))
        for i in range(days)
    }

    def per_day(qs, field="created_at"):
        return qs.annotate(d=TruncDate(field)).values("d").annotate(n=Count("id")).order_by()

    for r in (
        VerdictDaily.objects.filter(day__gte=first, kind="job")
        .values("day")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        if r["day"] in rows:
            rows[r["day"]].postings = r["n"]
    for r in (
        VerdictDaily.objects.filter(day__gte=first, verdict__in=("hold", "block"))
        .values("day", "verdict")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        if r["day"] in rows:
            setattr(rows[r["day"]], "holds" if r["verdict"] == "hold" else "blocks", r["n"])
    for r in per_day(ModerationCase.objects.filter(queue=CaseQueue.REPORTS, created_at__gte=since)):
        if r["d"] in rows:
            rows[r["d"]].reports = r["n"]
    for r in per_day(
        ModerationCase.objects.filter(status=CaseStatus.DECIDED, decided_at__gte=since),
        field="decided_at",
    ):
        if r["d"] in rows:
            rows[r["d"]].decisions = r["n"]
    waits = [
        (decided - created).total_seconds()
        for created, decided in ModerationCase.objects.filter(
            status=CaseStatus.DECIDED, decided_at__gte=since
        ).values_list("created_at", "decided_at")
        if decided and created
    ]
    top = list(
        RuleHitDaily.objects.filter(day__gte=first)
        .values("code")
        .annotate(hits=Sum("hits"), shadow=Sum("shadow_hits"))
        .order_by("-hits", "code")[:10]
    )
    return {
        "days": list(rows.values()),
        "median_seconds": statistics.median(waits) if waits else None,
        "decided": len(waits),
        "top_rules": top,
    }


# --- the monthly round-up ----------------------------------------------------------------------

# What each category of the screening rules catches, as the round-up names it to users.
PATTERN_NAMES: dict[str, tuple[str, str]] = {
    "contact": ("契約前の連絡先の交換", "Swapping contact details before a contract"),
    "offplatform": ("yorozu外（LINEなど）への誘導", "Moving people off yorozu (LINE and the like)"),
    "funnel": ("動画視聴から外部登録への誘導", "Video-then-sign-up funnels"),
    "mlm": ("MLM・ネットワークビジネスの勧誘", "MLM and network-business pitches"),
    "upfront_fee": ("教材費・登録料などの前払い請求", "Upfront fees (materials, registration)"),
    "reward_bait": ("「コピペで月30万円」などの高報酬のうたい文句", "Too-good-to-be-true pay"),
    "task_scam": ("タスク形式を装った詐欺", "Scams dressed up as small tasks"),
    "bait_switch": ("「募集は締め切った、別の仕事を」という誘導", "Bait and switch"),
    "data_harvesting": ("個人情報の収集", "Harvesting personal data"),
    "id_documents": ("本人確認書類の要求", "Asking for identity documents"),
    "parcel": ("荷物の受け取り・転送", "Receiving and forwarding parcels"),
    "money_transfer": ("口座やお金の受け渡し", "Moving money for others"),
    "account_trading": ("アカウントの売買", "Buying and selling accounts"),
    "name_lending": ("名義貸し", "Lending one's name"),
    "card_purchase": ("カードでの商品購入代行", "Buying goods with one's card"),
    "fake_reviews": ("やらせレビュー", "Fake reviews"),
    "stealth_marketing": ("ステルスマーケティング", "Stealth marketing"),
    "engagement_manipulation": ("フォロワー・評価の水増し", "Buying followers or ratings"),
    "signup_as_work": ("登録そのものを仕事と称する依頼", "Sign-ups passed off as work"),
    "ghostwriting": ("課題・論文の代行", "Ghost-writing coursework"),
    "casino": ("オンラインカジノ", "Online casinos"),
    "dating_adult": ("出会い系・アダルト", "Dating and adult services"),
}


@dataclass
class RoundupFigures:
    """What the secretariat did in one month, counted from the records it left."""

    year: int
    month: int
    postings: int = 0
    postings_held: int = 0
    postings_blocked: int = 0
    messages: int = 0
    messages_warned: int = 0
    messages_held: int = 0
    messages_blocked: int = 0
    reports_filed: int = 0
    reports_decided: int = 0
    reports_upheld: int = 0
    restrictions: int = 0
    restrictions_permanent: int = 0
    new_rules: int = 0
    certified_clients: int = 0
    patterns: list[tuple[str, str, int]] = field(default_factory=list)  # (ja, en, hits)


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The month's first instant and the next month's, in the site's time zone (Japan)."""
    first = datetime.date(year, month, 1)
    after = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (
        timezone.make_aware(datetime.datetime.combine(first, datetime.time.min)),
        timezone.make_aware(datetime.datetime.combine(after, datetime.time.min)),
    )


def roundup_figures(year: int, month: int) -> RoundupFigures:
    """The month's figures for the round-up: postings and messages screened (and what became of
    them), reports filed and decided, restrictions imposed, rules added, certified clients now,
    and the three kinds of scam the rules caught most."""
    start, end = month_bounds(year, month)
    figures = RoundupFigures(year, month)
    days = {"day__gte": start.date(), "day__lt": end.date()}
    for row in (
        VerdictDaily.objects.filter(kind__in=("job", "message"), **days)
        .values("kind", "verdict")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        prefix = "postings" if row["kind"] == "job" else "messages"
        setattr(figures, prefix, getattr(figures, prefix) + row["n"])
        suffix = {"warn": "warned", "hold": "held", "block": "blocked"}.get(row["verdict"])
        if suffix and hasattr(figures, f"{prefix}_{suffix}"):
            setattr(figures, f"{prefix}_{suffix}", row["n"])
    in_month = {"created_at__gte": start, "created_at__lt": end}
    figures.reports_filed = Report.objects.filter(**in_month).count()
    decided = Report.objects.filter(decided_at__gte=start, decided_at__lt=end)
    figures.reports_decided = decided.count()
    figures.reports_upheld = decided.filter(status=ReportStatus.UPHELD).count()
    imposed = Restriction.objects.filter(starts_at__gte=start, starts_at__lt=end).exclude(
        level=RestrictionLevel.WARNING
    )
    figures.restrictions = imposed.count()
    figures.restrictions_permanent = imposed.filter(level=RestrictionLevel.PERMANENT).count()
    figures.new_rules = TrustRule.objects.filter(**in_month).count()
    figures.certified_clients = CertificationStatus.objects.filter(certified=True).count()
    hits: dict[str, int] = {}
    rows = RuleHitDaily.objects.filter(**days).values("code").annotate(n=Sum("hits")).order_by()
    categories = dict(TrustRule.objects.values_list("code", "category"))
    for hit in rows:
        rule = shipped_rule(hit["code"])
        category = rule.category if rule is not None else categories.get(hit["code"], "")
        if category in PATTERN_NAMES and hit["n"]:
            hits[category] = hits.get(category, 0) + hit["n"]
    top = sorted(hits.items(), key=lambda item: (-item[1], item[0]))[:3]
    figures.patterns = [(*PATTERN_NAMES[c], n) for c, n in top]
    return figures
