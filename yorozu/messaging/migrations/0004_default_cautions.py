# ruff: noqa: E501 — prose in Markdown: wrapping lines would change the paragraphs.
"""The caution copy yorozu ships with, one per reader. The secretariat edits it in the admin;
this migration only creates a row that does not exist yet, so it never overwrites their edits."""

from django.db import migrations

CAUTIONS = {
    "worker": {
        "title_ja": "安全にお仕事をするために",
        "title_en": "Stay safe while you work",
        "body_ja": """次のようなクライアントには応じず、事務局に報告してください。

- 募集内容と**違う仕事**を持ちかける（「この案件は締め切りました。代わりに…」）
- 契約・仮払いの前に **LINE や Chatwork など外部の連絡手段**へ移るよう求める
- 登録料・教材費などの**費用の支払い**を求める、「コピペで月30万円」のような**簡単に稼げる話**をする

やり取りと支払いは必ず yorozu の中で。外部での取引は事務局が守れません。
詳しくは[ガイドライン（直接取引の禁止）](/help/guidelines/#prohibited-off-platform)、[ガイドライン（MLM・ネットワークビジネス）](/help/guidelines/#prohibited-mlm)、[よくある質問](/help/faq/)、[安全のために](/safety/#scam-external-chat)をご覧ください。""",
        "body_en": """Decline, and report to the secretariat, a client who:

- offers **different work** from the posting ("this job is full, try this one instead");
- asks you to move to **LINE, Chatwork or another app** before a contract and escrow;
- asks you to **pay fees** (registration, materials) or promises **easy money** ("¥300k a month for copy-paste").

Keep every conversation and payment on yorozu: the secretariat cannot protect dealings made elsewhere.
See the [guidelines on off-platform dealing](/help/guidelines/#prohibited-off-platform), [on MLM](/help/guidelines/#prohibited-mlm), the [FAQ](/help/faq/) and [staying safe](/safety/#scam-external-chat).""",
    },
    "client": {
        "title_ja": "メッセージのルール",
        "title_en": "Rules for messages",
        "body_ja": """- 募集内容と**違う仕事**を持ちかけないでください。別の仕事は新しい案件として掲載してください。
- 仮払い前の連絡先の交換や、**yorozu の外での取引（直接取引）**は禁止されています。
- 作業に必要な連絡先は、仮払い後に共有できます。

詳しくは[ガイドライン（直接取引の禁止）](/help/guidelines/#prohibited-off-platform)、[ガイドライン（募集と異なる依頼）](/help/guidelines/#prohibited-bait-and-switch)、[よくある質問](/help/faq/)をご覧ください。気になるワーカーがいれば報告してください。""",
        "body_en": """- Do not pitch **different work** from the posting: post a new job instead.
- Exchanging contact details before escrow, or **dealing outside yorozu**, is prohibited.
- Contact details needed for the work can be shared once the escrow is funded.

See the [guidelines on off-platform dealing](/help/guidelines/#prohibited-off-platform), [on offers that differ from the posting](/help/guidelines/#prohibited-bait-and-switch) and the [FAQ](/help/faq/). If a worker worries you, report them.""",
    },
}


def create_cautions(apps, schema_editor):
    Caution = apps.get_model("messaging", "Caution")
    for role, copy in CAUTIONS.items():
        Caution.objects.get_or_create(reader_role=role, defaults=copy)


class Migration(migrations.Migration):
    dependencies = [("messaging", "0003_safe_messaging")]

    operations = [migrations.RunPython(create_cautions, migrations.RunPython.noop)]
