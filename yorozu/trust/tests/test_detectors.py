"""One test per detector and per trap, written in phrasings that are NOT in the corpus, so they
check that the rules generalise rather than recall sentences."""

import pytest

from yorozu.trust.engine import Context, assess, normalize

PRE = Context(kind="message", stage="pre_contract")
POST = Context(kind="message", stage="post_contract")
JOB = Context(kind="job", stage="pre_contract", sender_role="client")


def codes(text, ctx=PRE):
    return {r.category for r in assess(text, ctx).reasons}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("よければＬＩＮＥで繋がりませんか", "contact"),
        ("ライン教えてもらってもいいですか", "contact"),
        ("ﾗｲﾝで連絡とりたいです", "contact"),
        ("line.me/R/ti/p/@abc から追加どうぞ", "contact"),
        ("メール下さい→ hana.k_0101＠ｙａｈｏｏ．ｃｏ．ｊｐ", "contact"),
        ("ke1 あっとまーく docomo.ne.jp に送って", "contact"),
        ("私の携帯 080 9999 0000 です", "contact"),
        ("+81-80-1111-2222 にショートメールを", "contact"),
        ("ぜろはちぜろのきゅうきゅうきゅうきゅうのいちいちいちいち に電話して", "contact"),
        ("Discordのほうが楽なのでそちらで話しませんか", "contact"),
        ("テレグラムのID送るね", "contact"),
        ("インスタのDMで続きを", "contact"),
        ("私の名前でググってもらえればサイトが出ます", "contact"),
        ("Googleフォームに回答してから応募完了です forms.gle/xyz", "contact"),
        ("hit me up on whatsapp, faster there", "contact"),
        ("shoot me an email: dave.k@fastmail.com", "contact"),
        ("サイトの手数料がばかにならないので、直接取引でお願いできませんか", "offplatform"),
        ("pay me directly through PayPal next time, skip the fees", "offplatform"),
        ("今回の仕事は締め切ってしまいました。代わりに別の副業を紹介しますね", "bait_switch"),
        ("説明動画を視聴のうえ、メールアドレスを登録してください", "funnel"),
        ("スマホだけで1日2万円、誰でもOK", "reward_bait"),
        ("ダウンラインを作れば権利収入が入ります", "mlm"),
        ("作業開始前に教材費29,800円のお支払いをお願いします", "upfront_fee"),
        ("you must pay a $99 registration fee before we assign tasks", "upfront_fee"),
        ("荷物を受け取ってそのまま転送してください、即日払い", "parcel"),
    ],
)
def test_violation_is_flagged(text, category):
    a = assess(text, PRE)
    assert a.verdict != "allow", (text, a)
    assert category in codes(text), (text, a.reasons)


@pytest.mark.parametrize(
    ("text", "ctx"),
    [
        ("LINEスタンプ（16個）のデザインをお願いします", JOB),
        ("LINE公式アカウントのリッチメニュー運用をお願いします", JOB),
        ("ネットワークエンジニア（ルーター設定）募集", JOB),
        ("Chatwork APIで通知を自動化したい", JOB),
        ("メールアドレス一覧をCSVに整形する作業", JOB),
        ("月額30万円、Rails経験3年以上、週5稼働", JOB),
        ("マルチ商法の勧誘から身を守るためのコラムを執筆してください", JOB),
        ("規約によりLINEの交換はできませんので、ここでやり取りしましょう", PRE),
        ("Please do not share your phone number here", PRE),
        ("〒100-0001 千代田区、納品は12/24 18:00まで", PRE),
        ("型番 XR-0901-2345-678 の写真を撮ってください", PRE),
        ("use @property and test with bob@example.com", PRE),
        ("契約ありがとうございます。私のLINEは taro_99 です", POST),
        ("納品物は hana@gmail.com に送ってください", POST),
        ("お電話は 03-5555-0000 までどうぞ", POST),
        ("ご応募ありがとうございます。この案件は募集を終了しました", PRE),
        ("検索して競合他社の価格を調べてください", JOB),
    ],
)
def test_legitimate_text_is_allowed(text, ctx):
    a = assess(text, ctx)
    assert a.verdict == "allow", (text, a.reasons)


def test_post_contract_contact_is_never_held():
    for text in ("LINE交換しましょう、IDは abc123", "my email is a.b@gmail.com", "090-1234-5678"):
        assert assess(text, POST).verdict in ("allow", "warn")


def test_negation_scope_does_not_reach_a_later_clause():
    assert assess("LINE交換はしませんが、メールアドレスを教えてください", PRE).verdict != "allow"


def test_invitation_is_not_negation():
    assert assess("LINE交換しませんか", PRE).verdict != "allow"


def test_reason_span_points_at_the_obfuscated_text():
    text = "連絡は ｔａｒｏ＠ｇｍａｉｌ．ｃｏｍ まで"
    a = assess(text, PRE)
    r = next(r for r in a.reasons if r.code == "contact.email")
    assert text[r.start : r.end] == "ｔａｒｏ＠ｇｍａｉｌ．ｃｏｍ"
    assert normalize(text[r.start : r.end]).text == "taro@gmail.com"


def test_bait_switch_uses_the_job_posting():
    ctx = Context(kind="message", job_title="商品説明文の作成（1件500円）")
    a = assess("応募ありがとうございます。もっと良い案件があり、月50万円も可能です", ctx)
    assert "bait_switch.context" in {r.code for r in a.reasons}


def test_job_postings_are_held_not_blocked():
    a = assess("【高収入】コピペだけで月収100万円！詳細はLINE ID: abc123 まで", JOB)
    assert a.verdict == "hold"
