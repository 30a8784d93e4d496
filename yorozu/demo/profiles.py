"""The demo's profiles (issue 23): skills with years and availability for every worker, a
company page for every company client, and a few portfolio works per worker — the fixed demo
worker's with pictures that went through the files app's screening like any upload.

Avatars are left to the generated default (an initial on a colour of its own), which is what
most people have on a new marketplace; the e2e journey uploads one.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from yorozu.accounts.models import ClientKind, ClientProfile, WorkerProfile
from yorozu.files.actions import prepare_attachments, store_attachments
from yorozu.portfolio.attachments import work_context
from yorozu.portfolio.models import PortfolioWork

# Works by a worker's main category: (subcategory slug, title, description).
WORKS: dict[str, list[tuple[str, str, str]]] = {
    "system": [
        (
            "system-web-app",
            "予約管理Webアプリ",
            "整体院向けの予約管理システムをDjangoで開発しました。",
        ),
        (
            "system-business",
            "在庫管理システムの改修",
            "既存システムの検索を高速化し、CSV出力を追加しました。",
        ),
        (
            "system-smartphone",
            "スタンプラリーアプリ",
            "商店街のイベント用にFlutterで制作しました。",
        ),
    ],
    "web": [
        (
            "web-homepage",
            "カフェのホームページ",
            "メニューと店内の雰囲気が伝わるサイトを制作しました。",
        ),
        ("web-lp", "英会話教室のLP", "体験レッスンの申し込みが1.5倍になりました。"),
        (
            "web-wordpress",
            "工務店サイトのWordPress化",
            "施工事例をご自身で更新できるようにしました。",
        ),
    ],
    "design": [
        ("design-logo", "ベーカリーのロゴ", "小麦の穂をモチーフにした、やわらかい印象のロゴです。"),
        ("design-flyer", "音楽教室のチラシ", "A4両面。季節の発表会の告知用に制作しました。"),
        ("design-illustration", "絵本風の挿絵", "児童向け冊子の挿絵を10点描きました。"),
    ],
    "writing": [
        ("writing-seo", "不動産メディアの記事", "住み替えに関する記事を月8本執筆しています。"),
        ("writing-copy", "化粧品のキャッチコピー", "新商品のパッケージ用コピーを提案しました。"),
    ],
    "tasks": [
        ("tasks-data-entry", "名刺データの入力", "約3,000件を2週間で入力・校正しました。"),
        ("tasks-research", "競合店舗のリサーチ", "50店舗の価格とサービスを一覧にまとめました。"),
    ],
    "multimedia": [
        (
            "multimedia-video-edit",
            "YouTubeの料理動画編集",
            "テロップとBGMを付けて週2本編集しています。",
        ),
        ("multimedia-photo", "商品写真の撮影", "雑貨店のECサイト用に120点を撮影・加工しました。"),
    ],
    "business": [
        ("business-secretary", "オンライン秘書業務", "日程調整と請求書作成を担当しています。"),
        (
            "business-marketing",
            "Instagram運用代行",
            "投稿企画と画像作成でフォロワーが倍増しました。",
        ),
    ],
    "translation": [
        ("translation-en-ja", "アプリのローカライズ", "英語のUI文言約2,000語を日本語にしました。"),
        ("translation-ja-en", "観光パンフレットの英訳", "温泉街の観光案内を英訳しました。"),
    ],
}
COMPANY_DESCRIPTIONS = [
    "地域のお客さまに愛される店づくりを続けています。Web集客や販促物の制作を一緒に進めてくださる方を募集しています。",
    "少人数で運営しているため、専門分野は外部のプロの皆さまにお願いしています。長くお付き合いできる方を歓迎します。",
    "創業20年。紙の販促からWebへの移行を進めています。",
]
HOURS = [10, 15, 20, 20, 30, 40]


def picture(colour: tuple[int, int, int], label: str) -> bytes:
    """A simple mock-up picture (shapes, no text): what a portfolio image looks like in a demo."""
    image = Image.new("RGB", (640, 420), colour)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((60, 60, 580, 360), radius=24, fill=(255, 255, 255))
    draw.ellipse((100, 110, 260, 270), fill=colour)
    for i, width in enumerate((260, 220, 240, 160)):
        draw.rectangle((300, 130 + i * 40, 300 + width, 150 + i * 40), fill=(200, 200, 200))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def enrich_profiles(builder: Any) -> None:  # a demo.builder.DemoBuilder, which imports this
    rng = builder.rng
    today = builder.today
    by_slug = {c.slug: c for c in builder.subcategories}
    profiles: list[WorkerProfile] = []
    works: list[PortfolioWork] = []
    for index in builder.worker_indexes:
        profile = builder.worker_profiles[index]
        names = [s.strip() for s in profile.skills.split(",") if s.strip()]
        profile.skill_years = [{"name": n, "years": rng.randint(1, 12)} for n in names]
        profile.hours_per_week = rng.choice(HOURS)
        profile.available_from = (
            today + datetime.timedelta(days=rng.randint(3, 40)) if rng.random() < 0.3 else None
        )
        profiles.append(profile)
        specialty = builder.worker_specialty.get(index, "web")
        pool = WORKS.get(specialty, [])
        chosen = rng.sample(pool, k=min(len(pool), rng.randint(0, 3))) if pool else []
        user = builder.users[index]
        for position, (slug, title, description) in enumerate(chosen):
            works.append(
                PortfolioWork(
                    worker=user,
                    title=title,
                    description=description,
                    category=by_slug.get(slug),
                    position=position,
                    created_at=builder.ago(rng.uniform(5, 300)),
                )
            )
    WorkerProfile.objects.bulk_update(
        profiles, ["skill_years", "hours_per_week", "available_from"], batch_size=500
    )
    # The fixed demo worker's portfolio is built below, with pictures.
    demo_worker = builder.users[builder.worker]
    works = [w for w in works if w.worker_id != demo_worker.pk]
    builder.bulk(PortfolioWork, works, "Portfolio works")

    clients: list[ClientProfile] = []
    for n, index in enumerate(builder.client_indexes):
        profile = builder.client_profiles[index]
        if profile.kind != ClientKind.COMPANY:
            continue
        profile.company_url = f"https://company{n + 1}.example.jp/"
        profile.company_description = rng.choice(COMPANY_DESCRIPTIONS)
        clients.append(profile)
    ClientProfile.objects.bulk_update(clients, ["company_url", "company_description"])

    demo_works = [
        (
            "web-homepage",
            "カフェのホームページ",
            "京都のカフェのサイトです。季節のメニューをご自身で更新できるようにしました。",
            (46, 125, 90),
        ),
        (
            "design-logo",
            "ベーカリーのロゴ",
            "小麦の穂をモチーフにしたロゴと、ショップカードを制作しました。",
            (190, 120, 60),
        ),
    ]
    for position, (slug, title, description, colour) in enumerate(demo_works):
        work = PortfolioWork.objects.create(
            worker=demo_worker,
            title=title,
            description=description,
            category=by_slug.get(slug),
            position=position,
        )
        upload = SimpleUploadedFile(f"{title}.png", picture(colour, title), "image/png")
        prepared = prepare_attachments(
            [upload], author=demo_worker, context=work_context(work, demo_worker)
        )
        store_attachments(prepared, owner=work, actor=demo_worker)
        builder.counts["portfolio.PortfolioWork"] += 1
