"""The default criteria, modelled on those a large Japanese platform publishes for its own
certified clients. The secretariat edits them in the admin afterwards; this never overwrites."""

from decimal import Decimal

from django.db import migrations

DEFAULTS = [
    # code, label ja, label en, metric, comparison, threshold, window days
    ("identity", "本人確認済み", "Identity verified", "identity_verified", "==", 1, 0),
    (
        "escrow_on_time",
        "仮払いの遅れ・未払いがない",
        "No late or failed escrow funding",
        "late_or_failed_funding",
        "<=",
        0,
        182,
    ),
    (
        "order_value",
        "直近6か月の発注実績が30万円以上",
        "Completed orders worth ¥300,000 or more in the last 6 months",
        "completed_order_value",
        ">=",
        300000,
        182,
    ),
    (
        "hire_rate",
        "直近6か月に掲載した仕事の70%以上で契約",
        "70% or more of jobs posted in the last 6 months led to a hire",
        "hire_rate",
        ">=",
        70,
        182,
    ),
    (
        "satisfaction",
        "直近6か月のワーカーからの評価の95%以上が満足（星4以上）",
        "95% or more of workers' reviews in the last 6 months are satisfied (4 stars or more)",
        "satisfied_review_rate",
        ">=",
        95,
        182,
    ),
    (
        "response_rate",
        "直近6か月の提案・メッセージの80%以上に72時間以内に返信",
        "80% or more of proposals and messages in the last 6 months answered within 72 hours",
        "response_rate",
        ">=",
        80,
        182,
    ),
    (
        "no_violations",
        "直近180日間に違反・利用制限がない",
        "No upheld violation or usage restriction in the last 180 days",
        "upheld_violations",
        "<=",
        0,
        180,
    ),
]


def add_defaults(apps, schema_editor):
    Criterion = apps.get_model("certification", "Criterion")
    for position, (code, ja, en, metric, comparison, threshold, window) in enumerate(DEFAULTS):
        Criterion.objects.get_or_create(
            code=code,
            defaults={
                "label_ja": ja,
                "label_en": en,
                "metric": metric,
                "comparison": comparison,
                "threshold": Decimal(threshold),
                "window_days": window,
                "enabled": True,
                "position": (position + 1) * 10,
            },
        )


def remove_defaults(apps, schema_editor):
    Criterion = apps.get_model("certification", "Criterion")
    Criterion.objects.filter(code__in=[row[0] for row in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
