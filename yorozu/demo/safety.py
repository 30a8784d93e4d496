"""The demo's trust and safety story: items for the secretariat's console, made by the real actions.

The rest of the demo is written row by row for speed; these few items go through the same
actions a person's request does (screening by the live trust engine, cases, reports, scouts),
so the console, the warnings and the reports look exactly as they will in use. Each step checks
that the engine judged its text as the story needs, and fails loudly if a rule change moved it.

What `make run` then shows:
- staff@example.com — in `/console/`: a held posting by a days-old account (upfront fee, easy
  money) and a held message from another account carrying the same URL (the case page lists it
  under related items); a warned posting in the jobs queue; two report cases (two workers
  reported the warned posting, merged into one case; worker@example.com reported a message);
  a request to exchange contact details before escrow.
  An appeal waits at `/secretariat/appeals/`: reviewer@example.com (a second member of the
  secretariat, same password) limited an account's messages and its owner appealed, so
  staff@example.com may decide it (never the one who restricted).
- worker@example.com — a message with an inline caution (a client asking to deal directly),
  a scout from client@example.com waiting in `/workers/scouts/`.
- client@example.com — the pending contact request on one of their conversations, the scout sent.
"""

from __future__ import annotations

import datetime
import random
import uuid

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings
from django.utils import timezone

from yorozu.accounts.actions import do_create_account
from yorozu.accounts.models import Role, User
from yorozu.catalog.models import Category
from yorozu.enforcement.actions import do_file_appeal, do_file_report, do_restrict_account
from yorozu.enforcement.models import Feature, ReportReason, RestrictionLevel
from yorozu.enforcement.selectors import access_report_target
from yorozu.jobs.actions import do_post_job
from yorozu.jobs.models import Job, JobModeration, JobStatus, PayType
from yorozu.jobs.selectors import open_jobs_of_client
from yorozu.messaging.actions import do_request_contact, do_send_message
from yorozu.messaging.models import Message, MessageStatus, Thread
from yorozu.messaging.screening import escrow_funded
from yorozu.moderation.models import CaseQueue, ModerationCase
from yorozu.trust.screening import Blocked
from yorozu.workers.actions import do_send_scout
from yorozu.workers.models import ScoutStatus

# A URL the scam account's posting and another account's held message share: the console's
# "related items" finds one from the other.
SHARED_URL = "https://fukugyo-navi.example.com/entry"

HELD_JOB = {
    "title": "スマホで完結！1日5分の簡単作業で月収30万円以上",
    "description": (
        "未経験でもスマホだけで誰でも稼げるお仕事です。作業マニュアルをお渡ししますので、"
        f"初めに教材費として3,000円をお振込みいただきます。詳しくは {SHARED_URL} をご覧ください。"
    ),
}
WARNED_JOB = {
    "title": "飲食店紹介記事の作成（1記事2,000字・継続あり）",
    "description": (
        "地域の飲食店を紹介する記事を書いていただきます。取材は不要で、お店の公式サイトと"
        "口コミを参考にまとめてください。継続案件です。2回目以降は直接取引も可能です。"
    ),
}
HELD_MESSAGE = f"登録料として5000円を先にお振込みください。詳細はこちら {SHARED_URL}"
WARNED_MESSAGE = "直接取引も可能でしょうか？"
REPEATED_ATTEMPTS = (
    "LINE IDはfukugyo_navi01です。こちらで詳しくご説明します",
    "ラインで話しましょう。ID: fukugyo_navi01",
    "メールでも大丈夫です。fukugyo.navi01@gmail.com まで",
    "電話でお話しできますか？090-1234-5678 です",
)
SCOUT_MESSAGE = (
    "はじめまして、株式会社あおば企画の山本です。ポートフォリオを拝見し、雰囲気のある"
    "デザインが当店のイメージに合うと感じました。ぜひこちらの仕事にご提案いただけませんか。"
)
CONTACT_REASON = (
    "店舗の撮影日を決めるにあたり、当日の待ち合わせ連絡のために電話番号を交換したいです。"
)
SECOND_STAFF_EMAIL = "reviewer@example.com"
RESTRICTION_REASON = (
    "仮払い前に、外部のチャットアプリへ移るよう求めるメッセージを複数の発注者に繰り返し"
    "送信したため、30日間メッセージの送信を制限します。"
)
APPEAL_TEXT = (
    "制作物のサンプルをお見せしたかっただけで、取引を外に移すつもりはありませんでした。"
    "今後はyorozuのメッセージ内でファイルを共有します。制限の見直しをお願いします。"
)
REPORT_DETAILS = "応募前の段階から、サイト外での直接取引を前提にした募集になっています。"


class DemoStoryError(RuntimeError):
    """The engine no longer judges a demo text as the story needs: change the text."""


def build_safety_story(*, rng: random.Random, today: datetime.date) -> dict[str, int]:
    """Create the story's items; returns what was made, for the loader's summary."""
    staff = User.objects.get(email="staff@example.com")
    demo_client = User.objects.get(email="client@example.com")
    demo_worker = User.objects.get(email="worker@example.com")
    demo_ids = {staff.pk, demo_client.pk, demo_worker.pk}
    made: dict[str, int] = {}

    # 1. A days-old account posts a get-rich-quick job with an upfront fee: held.
    scammer = do_create_account(
        email="support@fukugyo-navi.example.com",
        password=None,
        display_name="副業ナビ サポート",
        role=Role.CLIENT,
        email_confirmed=True,
    )
    User.objects.filter(pk=scammer.pk).update(date_joined=timezone.now() - datetime.timedelta(2))
    held_job = _post(scammer, HELD_JOB, category="tasks-review", today=today)
    _expect(held_job.moderation == JobModeration.HELD, "the get-rich-quick posting is held")

    # 2. An established client's posting that offers direct dealing later: public, warned.
    others = list(
        User.objects.filter(is_staff=False, jobs__isnull=False)
        .exclude(pk__in=demo_ids)
        .distinct()
        .order_by("pk")
    )
    poster = rng.choice(others)
    warned_job = _post(poster, WARNED_JOB, category="writing-seo", today=today)
    _expect(
        warned_job.moderation == JobModeration.PUBLIC
        and ModerationCase.objects.filter(
            queue=CaseQueue.JOBS,
            content_type=ContentType.objects.get_for_model(Job),
            object_id=warned_job.pk,
        ).exists(),
        "the direct-dealing posting is public and in the jobs queue",
    )
    made["screened postings"] = 2

    # 3. Two workers report the warned posting: one case with two reports.
    reporters = rng.sample(
        list(
            User.objects.filter(is_staff=False, worker_profile__completed_count__gt=0)
            .exclude(pk__in=demo_ids | {poster.pk})
            .order_by("pk")
        ),
        2,
    )
    for reporter, reason in zip(
        reporters, (ReportReason.OFF_PLATFORM, ReportReason.DIFFERENT_WORK), strict=True
    ):
        do_file_report(
            item=access_report_target(reporter, "job", warned_job.pk),
            reason=reason,
            details=REPORT_DETAILS,
            actor=reporter,
        )

    # 4. Another client's message asking for a registration fee, with the same URL: held.
    thread = _thread(exclude=demo_ids | {scammer.pk, poster.pk}, rng=rng)
    held = _send(thread, thread.client, HELD_MESSAGE)
    _expect(held.status == MessageStatus.HELD, "the registration-fee message is held")
    # ... and the same client keeps trying to move the worker to LINE: refused each time, and
    # from the fifth flagged text the account goes to the secretariat's accounts queue. (The
    # story compresses the afternoon: no wait between the tries.)
    with override_settings(SCREENING_SLOWDOWN_SECONDS=0):
        for attempt in REPEATED_ATTEMPTS:
            try:
                _send(thread, thread.client, attempt)
            except Blocked:
                continue
            raise DemoStoryError(f"expected the engine to refuse {attempt!r}")
    _expect(
        ModerationCase.objects.filter(
            queue=CaseQueue.ACCOUNTS, subject_user=thread.client
        ).exists(),
        "the account that kept trying is in the accounts queue",
    )

    # 5. A client asks worker@example.com to deal directly: delivered with a caution, reported.
    thread = _thread(worker=demo_worker, exclude={demo_client.pk, scammer.pk}, rng=rng)
    warned = _send(thread, thread.client, WARNED_MESSAGE)
    _expect(
        warned.status == MessageStatus.WARNED,
        "the direct-dealing message is delivered with a caution",
    )
    do_file_report(
        item=access_report_target(demo_worker, "message", warned.pk),
        reason=ReportReason.OFF_PLATFORM,
        details="仮払い前に直接取引を持ちかけられました。",
        actor=demo_worker,
    )
    made["messages screened"] = 2
    made["reports"] = 3

    # 6. client@example.com asks to exchange phone numbers before escrow on one conversation.
    thread = _thread(client=demo_client, exclude=set(), rng=rng)
    do_request_contact(thread=thread, reason=CONTACT_REASON, actor=demo_client)
    made["contact requests"] = 1

    # 7. client@example.com scouts worker@example.com for an open posting.
    job = open_jobs_of_client(demo_client).exclude(threads__worker=demo_worker).first()
    _expect(job is not None, "client@example.com has an open posting to scout for")
    scout = do_send_scout(
        client=demo_client, worker=demo_worker, job=job, message=SCOUT_MESSAGE, actor=demo_client
    )
    _expect(scout.status == ScoutStatus.SENT, "the scout is delivered")
    made["scouts"] = 1

    # 8. Another member of the secretariat limited an account that kept pushing a chat app before
    #    escrow; its owner appealed. staff@example.com did not decide it, so may decide the appeal.
    reviewer = do_create_account(
        email=SECOND_STAFF_EMAIL,
        password=None,
        display_name="事務局 審査担当",
        role=Role.CLIENT,
        email_confirmed=True,
    )
    User.objects.filter(pk=reviewer.pk).update(
        is_staff=True, password=staff.password, date_joined=staff.date_joined
    )
    reviewer.refresh_from_db()
    reviewer.groups.add(Group.objects.get(name="senior_reviewer"))
    offender = do_create_account(
        email="biz-chance@mail.example.net",
        password=None,
        display_name="ビジネスチャンス研究会",
        role=Role.WORKER,
        email_confirmed=True,
    )
    restriction = do_restrict_account(
        offender,
        level=RestrictionLevel.LIMITED,
        features=[Feature.MESSAGE],
        reason=RESTRICTION_REASON,
        rule_code="prohibited-off-platform",
        content_label="メッセージ: 詳しいお話はLINEでお伝えします。IDを教えてください。",
        until=timezone.now() + datetime.timedelta(days=30),
        actor=reviewer,
    )
    do_file_appeal(restriction, text=APPEAL_TEXT, actor=offender)
    made["appeals"] = 1
    return made


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise DemoStoryError(f"demo trust and safety story: expected {what}")


def _post(client: User, text: dict[str, str], *, category: str, today: datetime.date) -> Job:
    data = {
        **text,
        "category": Category.objects.get(slug=category),
        "pay_type": PayType.FIXED,
        "budget_min": 5000,
        "budget_max": 30000,
        "deadline": today + datetime.timedelta(days=14),
        "hires_wanted": 1,
    }
    return do_post_job(client=client, data=data, actor=client)


def _send(thread: Thread, sender: User, body: str) -> Message:
    return do_send_message(
        thread=thread, sender=sender, body=body, idempotency_key=uuid.uuid4().hex, actor=sender
    )


def _thread(
    *,
    rng: random.Random,
    exclude: set[int],
    client: User | None = None,
    worker: User | None = None,
) -> Thread:
    """A conversation on an open posting, before any escrow, between the given parties."""
    threads = Thread.objects.filter(job__status=JobStatus.OPEN).exclude(client__in=exclude)
    threads = threads.exclude(worker__in=exclude)
    if client is not None:
        threads = threads.filter(client=client)
    if worker is not None:
        threads = threads.filter(worker=worker)
    threads = threads.select_related("job", "client", "worker").order_by("pk")
    candidates = [thread for thread in threads if not escrow_funded(thread)]
    _expect(bool(candidates), "a conversation before escrow for the story")
    return rng.choice(candidates)
