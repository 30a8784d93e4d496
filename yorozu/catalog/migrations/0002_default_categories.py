"""The shipped two-level taxonomy, modelled on the large Japanese platforms' categories."""

from django.db import migrations

TAXONOMY = [
    ("system", "システム開発", "System development", [
        ("system-web-app", "Webシステム開発", "Web application development"),
        ("system-business", "業務システム開発", "Business systems"),
        ("system-smartphone", "スマホアプリ開発", "Smartphone apps"),
        ("system-ai", "AI・機械学習", "AI and machine learning"),
        ("system-scraping", "データ収集・スクレイピング", "Data collection and scraping"),
        ("system-infra", "サーバー・インフラ構築", "Servers and infrastructure"),
    ]),
    ("web", "Web制作・Webデザイン", "Web production and design", [
        ("web-homepage", "ホームページ作成", "Website creation"),
        ("web-lp", "ランディングページ制作", "Landing pages"),
        ("web-ec", "ECサイト構築", "E-commerce sites"),
        ("web-wordpress", "WordPress制作・カスタマイズ", "WordPress"),
        ("web-coding", "HTML・CSSコーディング", "HTML/CSS coding"),
    ]),
    ("design", "デザイン", "Design", [
        ("design-logo", "ロゴ作成", "Logos"),
        ("design-banner", "バナー作成", "Banners"),
        ("design-illustration", "イラスト制作", "Illustration"),
        ("design-flyer", "チラシ・パンフレット", "Flyers and brochures"),
        ("design-character", "キャラクターデザイン", "Character design"),
    ]),
    ("writing", "ライティング・記事作成", "Writing", [
        ("writing-seo", "SEO記事作成", "SEO articles"),
        ("writing-copy", "コピーライティング", "Copywriting"),
        ("writing-rewrite", "リライト・校正", "Rewriting and proofreading"),
        ("writing-scenario", "シナリオ・台本", "Scenarios and scripts"),
    ]),
    ("tasks", "タスク・作業", "Tasks", [
        ("tasks-data-entry", "データ入力", "Data entry"),
        ("tasks-research", "リサーチ・調査", "Research"),
        ("tasks-transcription", "文字起こし", "Transcription"),
        ("tasks-review", "レビュー・口コミ投稿", "Product reviews"),
    ]),
    ("multimedia", "動画・写真・音楽", "Video, photo and music", [
        ("multimedia-video-edit", "動画編集", "Video editing"),
        ("multimedia-photo", "写真撮影・加工", "Photography and retouching"),
        ("multimedia-narration", "ナレーション・声入れ", "Narration and voice"),
        ("multimedia-music", "作曲・BGM制作", "Music and BGM"),
    ]),
    ("business", "ビジネス・事務サポート", "Business support", [
        ("business-secretary", "オンライン秘書・事務", "Online assistant"),
        ("business-accounting", "経理・記帳", "Bookkeeping"),
        ("business-marketing", "マーケティング・SNS運用", "Marketing and social media"),
        ("business-support", "カスタマーサポート", "Customer support"),
    ]),
    ("translation", "翻訳・通訳", "Translation and interpreting", [
        ("translation-en", "英語翻訳", "English translation"),
        ("translation-zh", "中国語翻訳", "Chinese translation"),
        ("translation-other", "その他の言語の翻訳", "Other languages"),
    ]),
]


def create(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    for pos, (slug, ja, en, children) in enumerate(TAXONOMY):
        parent = Category.objects.create(slug=slug, name_ja=ja, name_en=en, position=pos)
        for cpos, (cslug, cja, cen) in enumerate(children):
            Category.objects.create(
                slug=cslug, name_ja=cja, name_en=cen, position=cpos, parent=parent
            )


def remove(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
