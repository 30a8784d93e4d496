"""Gen-2 engine behaviour: what a mention is doing, split contact details, stage and kind policy.

Phrasings here are not in the corpus; each violation has a legitimate look-alike beside it.
"""

import pytest

from yorozu.trust.engine import Context, analysis, assess, normalize
from yorozu.trust.engine.roles import (
    CHANNEL,
    CONTENT,
    SUBJECT,
    app_role,
    artifact_role,
    contact_role,
)

needs_analyser = pytest.mark.skipif(not analysis.available(), reason="sudachipy not installed")

MSG = Context(kind="message", stage="pre_contract", sender_role="worker")
JOB = Context(kind="job", stage="pre_contract", sender_role="client")


def _role(fn, text, word):
    canon = normalize(text).text
    start = canon.index(word)
    return fn(analysis.analyse(canon), start, start + len(word))


@needs_analyser
@pytest.mark.parametrize(
    ("text", "word", "role"),
    [
        ("LINEで話しましょう", "line", CHANNEL),
        ("LINEミニアプリの開発", "line", SUBJECT),
        ("ラインやってますか？", "line", CHANNEL),
        ("Slackで続きをお願いできますか", "slack", CHANNEL),
        ("kintoneの更新をSlackに通知するボットの作成", "slack", SUBJECT),
        ("ユーザーがLINEで友だち追加するとクーポンが届く仕組み", "line", SUBJECT),
        ("面接はテレグラムで行います", "telegram", CHANNEL),
        ("社内のSkype for BusinessをTeamsへ移行する手順書", "teams", SUBJECT),
        ("公式LINEの運用代行", "line", SUBJECT),
    ],
)
def test_app_mention_role(text, word, role):
    assert _role(app_role, text, word) == role


@needs_analyser
@pytest.mark.parametrize(
    ("text", "word", "role"),
    [
        ("店舗の電話番号を掲載してください", "電話番号", CONTENT),
        ("電話番号を教えてください", "電話番号", CHANNEL),
        ("あなたのメールアドレスを送ってください", "メールアドレス", CHANNEL),
        ("フォームに入力された電話番号を整形する処理", "電話番号", CONTENT),
        ("電話番号欄の入力チェック", "電話番号", CONTENT),
        ("新しい住所と電話番号をWebページに載せてください", "電話番号", CONTENT),
    ],
)
def test_contact_noun_role(text, word, role):
    assert _role(contact_role, text, word) == role


@needs_analyser
def test_written_number_role():
    assert _role(artifact_role, "03-5555-0123 をトップページに掲載してください", "03") == CONTENT
    assert _role(artifact_role, "090-8765-4321 までご連絡ください", "090") == CHANNEL


@needs_analyser
@pytest.mark.parametrize(
    ("text", "ctx", "flagged"),
    [
        # channel: a violation before escrow
        ("詳しくはLINEで話しましょう", MSG, True),
        ("ご提案の件、Discordで続きを話しませんか", MSG, True),
        ("電話番号を教えていただけますか", MSG, True),
        # subject of the work
        (
            "LINEミニアプリで会員証を作りたいです。会員がLINEで友だち追加すると特典が届きます",
            JOB,
            False,
        ),
        ("kintoneの更新をChatworkに通知するボットを作ってください", JOB, False),
        # content of the work
        ("店舗の電話番号を掲載してください", MSG, False),
        (
            "移転に伴い、ホームページの住所と電話番号（03-5555-0123）を新しいものに更新してください",
            MSG,
            False,
        ),
        (
            "入力された電話番号 09012345678 を 090-1234-5678 の形式に整形する処理を書きます",
            MSG,
            False,
        ),
    ],
)
def test_mention_roles_decide_the_verdict(text, ctx, flagged):
    a = assess(text, ctx)
    assert (a.verdict != "allow") == flagged, (text, a.reasons)


def test_split_contact_over_two_messages_is_caught_on_the_second():
    ctx = Context(kind="message", stage="pre_contract", earlier=("LINEやってますか？",))
    text = "hina0123 で検索してみて"
    a = assess(text, ctx)
    assert a.verdict == "block", a.reasons
    for r in a.reasons:
        assert 0 <= r.start < r.end <= len(text)
    assert any("hina0123" in text[r.start : r.end] for r in a.reasons)


def test_split_contact_without_the_first_message_still_warns_and_a_code_passes():
    assert assess("hina0123 で検索してみて", MSG).verdict != "allow"
    ctx = Context(earlier=("エラーが出ました",))
    assert assess("エラーコード e0123 で検索してみて", ctx).verdict == "allow"


def test_earlier_violation_alone_is_not_counted_again():
    ctx = Context(earlier=("LINE IDは yamada_1234 です",))
    a = assess("よろしくお願いします", ctx)
    assert a.verdict == "allow" and a.reasons == ()


def test_split_email_over_two_messages():
    ctx = Context(earlier=("メールはこちら tanaka.hina",))
    text = "@gmail.com です"
    a = assess(text, ctx)
    assert a.verdict == "block"
    assert all(0 <= r.start < r.end <= len(text) for r in a.reasons)


def test_earlier_is_a_tuple_whatever_is_passed():
    assert Context(earlier=["a", "b"]).earlier == ("a", "b")
    assert Context().earlier == ()


POST = Context(
    kind="message",
    stage="post_contract",
    sender_role="client",
    job_title="ECサイトの商品説明文作成",
    job_text="商品説明文を1件1000円で20件書いていただきます。",
)


def test_post_funding_bait_and_switch_is_flagged_while_contact_details_pass():
    bait = assess(
        "仮払いありがとうございます。実はこの案件は定員に達したので、別の案件を紹介します。"
        "こちらから登録してください https://side-job.example.net/entry",
        POST,
    )
    assert bait.verdict != "allow"
    assert any(r.category == "bait_switch" for r in bait.reasons)
    contact = assess(
        "仮払いありがとうございます。急ぎの連絡はLINE（taro_99）か 090-1111-2222 へどうぞ", POST
    )
    assert contact.verdict == "allow", contact.reasons


def test_after_a_task_a_private_project_elsewhere_is_flagged():
    a = assess(
        "タスクのご協力ありがとうございました！次は非公開案件をご紹介します。弊社サイトに登録してください",
        POST,
    )
    assert a.verdict != "allow"


def test_a_polite_decline_is_not_bait():
    a = assess(
        "お声がけありがとうございます。あいにく今月は予定が埋まっておりお受けできません。", MSG
    )
    assert a.verdict == "allow", a.reasons


def test_reports_are_flagged_at_most():
    ctx = Context(kind="report", stage="pre_contract")
    a = assess(
        "この人から「LINE IDは yamada_1234 です、メールは a.b@gmail.com」と送られてきました", ctx
    )
    assert a.verdict == "warn"
    assert a.reasons


def test_review_kind_is_accepted():
    assert (
        assess("丁寧に対応していただきました。また依頼したいです。", Context(kind="review")).verdict
        == "allow"
    )


def test_one_weak_cue_never_holds_a_posting():
    # two points of "直接取引" plus a confident model would reach the hold line in a chat;
    # a posting needs a strong rule or two rules agreeing.
    a = assess("【業務内容】データ入力\n【報酬】1件100円\n直接取引も可能です", JOB)
    assert a.verdict in ("allow", "warn"), a.reasons
    strong = assess("【業務内容】データ入力\n【応募方法】LINE IDを追加してください: boss_8821", JOB)
    assert strong.verdict == "hold", strong.reasons
