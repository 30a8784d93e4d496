"""The demo's money story: contracts in every state milestones, deadlines, cancellations and
disputes can reach, made by the real actions between client@example.com and worker@example.com.

Each step is its own transaction, as a person's request would be; where the story needs time to
pass (an acceptance period ending, a week of silence) it runs the scheduler's own step with a
later `now`, so what the pages show is exactly what the deadline sweep would have done.

What `make run` then shows:
- worker@example.com — at `/account/earnings/`: payments with fee and withholding, a registered
  bank account, one withdrawal already transferred and one waiting for the secretariat; at
  `/work/`: a two-milestone contract whose second delivery awaits acceptance, work sent back
  with a change request, a proposal to cancel waiting for their answer.
- client@example.com — a company that withholds 源泉徴収 on design work (invoices, receipts and
  this year's 支払調書 on the contract and earnings pages); a contract accepted automatically
  when its acceptance period ended; a cancellation agreed with a partial refund.
- staff@example.com / reviewer@example.com — `/secretariat/disputes/`: a dispute with both
  statements, one sent there by a week without an answer, one already split by the reviewer;
  `/secretariat/payouts/`: a withdrawal to approve and a batch with its Zengin file.
"""

from __future__ import annotations

import datetime

from django.conf import settings

from yorozu.accounts.models import User
from yorozu.catalog.models import Category
from yorozu.contracts.actions import (
    BankAccountData,
    MilestoneTerms,
    do_accept_cancellation,
    do_accept_contract,
    do_add_dispute_statement,
    do_approve_payouts,
    do_auto_accept_milestone,
    do_complete_contract,
    do_deliver_contract,
    do_dispute_contract,
    do_edit_offer,
    do_escalate_cancellation,
    do_fund_contract,
    do_hire_proposal,
    do_propose_cancellation,
    do_request_changes,
    do_request_withdrawal,
    do_resolve_dispute,
    do_save_bank_account,
    do_submit_proposal,
)
from yorozu.contracts.models import CancellationRequest, Contract, Dispute, Milestone
from yorozu.jobs.actions import do_post_job
from yorozu.jobs.models import JobModeration, PayType
from yorozu.messaging.actions import do_send_message
from yorozu.messaging.models import Thread

REVIEWER_EMAIL = "reviewer@example.com"
PROPOSAL = (
    "はじめまして。同じような案件を多数担当してきました。ご要望を伺いながら丁寧に進めます。"
    "どうぞよろしくお願いいたします。"
)


GREETING = "ご提案ありがとうございます。マイルストーンに分けて契約をお送りしました。"


class DemoMoneyStoryError(RuntimeError):
    """A step of the money story did not land where the story needs it."""


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise DemoMoneyStoryError(what)


def _contract(
    client: User,
    worker: User,
    *,
    title: str,
    description: str,
    category: str,
    milestones: list[tuple[str, int]],
    withholding: bool = False,
    today: datetime.date,
) -> Contract:
    """A posting, the worker's proposal, the hire and the offer's milestones, then accepted."""
    job = do_post_job(
        client=client,
        data={
            "title": title,
            "description": description,
            "category": Category.objects.get(slug=category),
            "pay_type": PayType.FIXED,
            "budget_min": 10_000,
            "budget_max": 300_000,
            "deadline": today + datetime.timedelta(days=10),
            "hires_wanted": 1,
        },
        actor=client,
    )
    _expect(job.moderation == JobModeration.PUBLIC, f"the posting “{title}” is public")
    total = sum(amount for _, amount in milestones)
    proposal = do_submit_proposal(
        job=job,
        worker=worker,
        data={"price": total, "delivery_days": 14, "message": PROPOSAL},
        actor=worker,
    )
    contract = do_hire_proposal(proposal, actor=client)
    do_send_message(
        thread=Thread.objects.get(job=job, worker=worker),
        sender=client,
        body=GREETING,
        idempotency_key=f"demo-money-{contract.pk}",
        actor=client,
    )
    do_edit_offer(
        contract,
        milestones=[
            MilestoneTerms(name, amount, today + datetime.timedelta(days=7 * n))
            for n, (name, amount) in enumerate(milestones, start=1)
        ],
        withholding=withholding,
        actor=client,
    )
    return do_accept_contract(contract, actor=worker)


def _past_deadline(moment: datetime.datetime | None) -> datetime.datetime:
    assert moment is not None
    return moment + datetime.timedelta(seconds=1)


def build_money_story(*, today: datetime.date) -> dict[str, int]:
    """Create the story's contracts and payouts; returns what was made, for the summary."""
    client = User.objects.get(email="client@example.com")
    worker = User.objects.get(email="worker@example.com")
    staff = User.objects.get(email="staff@example.com")
    reviewer = User.objects.get(email=REVIEWER_EMAIL)
    made: dict[str, int] = {}

    def contract(**kwargs) -> Contract:
        return _contract(client, worker, today=today, **kwargs)

    # A. Two milestones with withholding: the first approved after one change request, the
    #    second delivered and waiting for the client's approval.
    site = contract(
        title="ブランドサイトのデザイン（2段階）",
        description="自社ブランドの紹介サイトのデザインをお願いします。まずトップページ、"
        "次に下層ページの順に進めます。",
        category="web-homepage",
        milestones=[("トップページのデザイン", 120_000), ("下層ページ5枚のデザイン", 180_000)],
        withholding=True,
    )
    do_fund_contract(site, actor=client)
    do_deliver_contract(site, actor=worker, note="トップページのデザイン案をお送りします。")
    do_request_changes(
        site, actor=client, note="メインビジュアルの色味をもう少し明るくしてください。"
    )
    do_deliver_contract(site, actor=worker, note="色味を調整した修正版をお送りします。")
    do_complete_contract(site, actor=client)
    do_fund_contract(site, actor=client)
    do_deliver_contract(site, actor=worker, note="下層ページ5枚のデザインをお送りします。")

    # B. Work sent back with a change request.
    photos = contract(
        title="商品写真のレタッチ 30点",
        description="ECサイトに掲載する商品写真30点の色補正と背景の切り抜きをお願いします。",
        category="multimedia-photo",
        milestones=[("レタッチ30点", 45_000)],
    )
    do_fund_contract(photos, actor=client)
    do_deliver_contract(photos, actor=worker, note="30点のレタッチ済み画像をお送りします。")
    do_request_changes(photos, actor=client, note="白背景の影をもう少し自然に残してください。")

    # C. The client never answered: accepted automatically when the period ended.
    flyer = contract(
        title="展示会チラシのデザイン",
        description="来月の展示会で配布するA4両面チラシのデザインをお願いします。",
        category="design-flyer",
        milestones=[("A4両面チラシ", 38_000)],
    )
    do_fund_contract(flyer, actor=client)
    do_deliver_contract(flyer, actor=worker, note="チラシのデータ（PDF・AI）をお送りします。")
    milestone = Milestone.objects.get(contract=flyer)
    _expect(
        do_auto_accept_milestone(milestone.pk, now=_past_deadline(milestone.acceptance_due_at)),
        "the flyer is accepted automatically",
    )

    # D. The client proposes to cancel with a partial refund; the worker has not answered.
    copy = contract(
        title="ECサイト商品説明文 20本",
        description="新商品20点の商品説明文（各300字程度）の作成をお願いします。",
        category="writing-copy",
        milestones=[("商品説明文20本", 40_000)],
    )
    do_fund_contract(copy, actor=client)
    do_propose_cancellation(
        copy,
        actor=client,
        refund=30_000,
        note="商品の発売が延期になったため、作成済みの5本分をお支払いして終了したいです。",
    )

    # E. Cancelled by consent: the worker proposed, the client agreed to a partial refund.
    interview = contract(
        title="インタビュー記事の構成",
        description="社員インタビュー記事3本の構成案の作成をお願いします。",
        category="writing-rewrite",
        milestones=[("構成案3本", 30_000)],
    )
    do_fund_contract(interview, actor=client)
    do_propose_cancellation(
        interview,
        actor=worker,
        refund=18_000,
        note="体調不良のため続けられません。1本分は完成しているので、その分だけいただけますか。",
    )
    do_accept_cancellation(interview, actor=client, note="承知しました。お大事になさってください。")

    # F. An open dispute, with both sides' statements.
    translation = contract(
        title="会社案内パンフレットの英訳",
        description="会社案内パンフレット（約4,000字）の英訳をお願いします。",
        category="translation-en",
        milestones=[("英訳一式", 60_000)],
    )
    do_fund_contract(translation, actor=client)
    do_deliver_contract(translation, actor=worker, note="英訳データをお送りします。")
    do_dispute_contract(
        translation,
        actor=client,
        note="訳抜けが多く、このままでは使えません。修正をお願いしても返事がありません。",
    )
    do_add_dispute_statement(
        translation,
        actor=worker,
        note="ご指摘の箇所は原稿に含まれていなかった部分です。追加分は別途ご相談したいです。",
    )

    # G. A dispute the reviewer already split.
    sns = contract(
        title="SNS投稿画像の制作 10枚",
        description="Instagram向けの投稿画像10枚の制作をお願いします。",
        category="design-banner",
        milestones=[("投稿画像10枚", 50_000)],
    )
    do_fund_contract(sns, actor=client)
    do_deliver_contract(sns, actor=worker, note="投稿画像10枚をお送りします。")
    do_dispute_contract(sns, actor=worker, note="納品後2週間、検収も修正依頼もいただけません。")
    do_resolve_dispute(
        Dispute.objects.get(contract=sns, status="open"),
        release=30_000,
        refund=20_000,
        note="10枚のうち6枚は指示どおりに納品されていることを確認しました。6枚分を支払い、"
        "残りを返金します。",
        actor=reviewer,
    )

    # H. A proposal to cancel nobody answered for a week: sent to the secretariat.
    logo = contract(
        title="カフェのロゴ制作",
        description="新しく開くカフェのロゴ制作をお願いします。",
        category="design-logo",
        milestones=[("ロゴ3案", 35_000)],
    )
    do_fund_contract(logo, actor=client)
    request = do_propose_cancellation(
        logo,
        actor=worker,
        refund=35_000,
        note="ご依頼の内容が当初と大きく変わったため、辞退させてください。",
    )
    _expect(
        do_escalate_cancellation(request.pk, now=_past_deadline(request.answer_due_at)),
        "the unanswered cancellation goes to the secretariat",
    )
    _expect(
        CancellationRequest.objects.filter(pk=request.pk, status="escalated").exists(),
        "the cancellation is escalated",
    )
    made["money story contracts"] = 8

    # The worker's bank account, a withdrawal the secretariat already transferred, and one
    # waiting for the next batch.
    do_save_bank_account(
        user=worker,
        data=BankAccountData(
            bank_code="0001",
            branch_code="001",
            account_type="1",
            account_number="1234567",
            holder_name="サトウ ヒナ",
        ),
        actor=worker,
    )
    paid = do_request_withdrawal(user=worker, amount=50_000, request_key="demo-1", actor=worker)
    do_approve_payouts([paid.pk], transfer_date=today, actor=staff)
    do_request_withdrawal(user=worker, amount=20_000, request_key="demo-2", actor=worker)
    made["withdrawals"] = 2
    _expect(settings.WITHDRAWAL_MINIMUM <= 20_000, "the demo withdrawals are above the minimum")
    return made
