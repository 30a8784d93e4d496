"""Each category of the prohibited-job guideline, with a legitimate look-alike beside it.

Written for these tests (not taken from the corpus) and checked with the rules alone, so that a
category's coverage cannot be the learned model remembering its training rows. The look-alikes
are checked with the full engine too: the model must not turn them into flags.
"""

import pytest

from yorozu.trust.engine import Context, Engine, assess

JOB = Context(kind="job", stage="pre_contract", sender_role="client")
MSG = Context(kind="message", stage="pre_contract", sender_role="client")
WORKER = Context(kind="message", stage="pre_contract", sender_role="worker")
POST = Context(kind="message", stage="post_contract", sender_role="client")
RULES = Engine(model=None)

CASES = [
    # (category, violation, context, look-alike, context)
    (
        "fake_reviews",
        "来店していなくても大丈夫なので、Googleマップに星5の口コミを投稿してください。1件800円です。",
        MSG,
        "Googleマップの口コミへの返信文を、店長の口調で20件分作成してください。",
        JOB,
    ),
    (
        "stealth_marketing",
        "PRであることは伏せて、ご自身が買ったように感想を投稿してください。報酬は1投稿3,000円です。",
        MSG,
        "投稿には必ず「#PR」と提供元を明記し、広告であることが分かるようにしてください。",
        JOB,
    ),
    (
        "engagement_manipulation",
        "複数アカウントで指定の動画を再生して、再生数を水増ししてください。1アカウント50円。",
        MSG,
        "YouTubeチャンネルの再生数と登録者の推移を分析し、伸びた動画の共通点をレポートにまとめてください。",
        JOB,
    ),
    (
        "account_trading",
        "使っていないInstagramのアカウントを高額買取します。ログイン情報を教えてください。",
        MSG,
        "店舗のInstagramアカウントの運用代行をお願いします。投稿は週3回、写真はこちらで用意します。",
        JOB,
    ),
    (
        "name_lending",
        "あなたの名義で携帯を契約して、SIMカードを送ってもらうだけの簡単なお仕事です。",
        MSG,
        "格安SIMの料金プランを比較する記事（3,000字）を書いてください。",
        JOB,
    ),
    (
        "money_transfer",
        "ご自身の口座に届いたお金を、指定の口座へそのまま送金してください。手数料として1割お渡しします。",
        MSG,
        "経理補助として、会社の口座の入出金明細を仕訳ソフトに入力していただきます。",
        JOB,
    ),
    (
        "money_transfer",
        "お預かりした資金でビットコインを購入し、指定のウォレットに送ってください。",
        MSG,
        "ビットコインの仕組みを初心者向けに解説する記事を執筆してください。",
        JOB,
    ),
    (
        "card_purchase",
        "Amazonギフトカードを5万円分購入して、裏面のコードを写真で送ってください。後で報酬と一緒に返金します。",
        MSG,
        "ギフトカードのデザイン（表面・裏面）をお願いします。店舗で販売する予定です。",
        JOB,
    ),
    (
        "id_documents",
        "本人確認のため、運転免許証の両面の写真と、免許証を持った自撮りを送ってください。",
        MSG,
        "運転免許証のOCR読み取り機能をアプリに実装してください（テスト画像はダミーを用意します）。",
        JOB,
    ),
    (
        "data_harvesting",
        "簡単なアンケートに答えるだけ！氏名・生年月日・口座番号・暗証番号を記入してください。",
        MSG,
        "顧客満足度アンケートの設問（10問）を作成してください。個人情報は取得しない形でお願いします。",
        JOB,
    ),
    (
        "signup_as_work",
        "無料会員登録するだけで1件500円！アプリをインストールして登録してください。",
        MSG,
        "会員登録フォームの入力項目を減らす改善案と、実装をお願いします。",
        JOB,
    ),
    (
        "dating_adult",
        "チャットレディとして男性会員とメッセージのやり取りをするだけで高収入です。",
        MSG,
        "マッチングアプリのプロフィール審査スタッフ（ガイドラインに沿った承認・差し戻し）を募集します。",
        JOB,
    ),
    (
        "casino",
        "オンラインカジノの紹介コードをSNSで広めてください。入金があれば報酬をお支払いします。",
        MSG,
        "ギャンブル依存症の相談窓口を紹介するパンフレットの文章を作成してください。",
        JOB,
    ),
    (
        "ghostwriting",
        "大学のレポート課題を代わりに書いてください。提出用なので、私が書いたように仕上げてほしいです。",
        WORKER,
        "英語論文の英文校正をお願いします。内容の添削と表現のアドバイスをいただけると助かります。",
        JOB,
    ),
    (
        "task_scam",
        "Our product optimization tasks pay daily commission; recharge your account with USDT "
        "to unlock tasks.",
        MSG,
        "We need product listing copy for 40 items in our Shopify store, 80 words each.",
        JOB,
    ),
    (
        "direct_payment",
        "次回からはサイトを通さずにPayPayで直接お支払いします。手数料がもったいないので。",
        MSG,
        "お支払い方法のページに、クレジットカード・PayPay・銀行振込の案内を追加してください。",
        JOB,
    ),
    (
        "direct_payment",
        "仮払い前に作業を始めてもらえますか？報酬は完成してから振り込みます。",
        MSG,
        "仮払いを確認しましたので、本日から作業を開始します。",
        WORKER,
    ),
    (
        "upfront_fee",
        "作業を始める前に、専用ツールの月額利用料5,980円のお支払いが必要です。",
        MSG,
        "作業に必要なツールの利用料はすべて弊社負担です。ご自身での購入は不要です。",
        JOB,
    ),
    (
        "contact",
        "細かい話はTelegramでしましょう。IDを送ります。",
        WORKER,
        "Telegram Bot APIを使った社内向け通知ボットを開発してください。",
        JOB,
    ),
    (
        "contact",
        "プロフ画像のQRコードを読み取って友だち追加してください。",
        WORKER,
        "チラシの裏面に店舗のQRコードと地図を入れてください。",
        JOB,
    ),
    (
        "contact",
        "緑のアプリの方が早いので、そっちで話しませんか？",
        WORKER,
        "アプリのアイコンを緑を基調にしたデザインに変更したいです。",
        JOB,
    ),
    # Second round: phrasings the first rules missed (someone else's account or name, paid
    # tools after the contract, half an address, a casino deposit, thesis writing).
    (
        "money_transfer",
        "振込先がまだ用意できないので、佐藤さんの口座で代金を受け取って、こちらの指定口座へ送金してもらえますか。",
        POST,
        "佐藤さんの口座の入出金明細を確認して、会計ソフトへの仕訳をお願いします。",
        JOB,
    ),
    (
        "name_lending",
        "営業用のスマホが足りないので、田中さんの名義で回線を2つ申し込んでいただけませんか。",
        MSG,
        "スマホの回線契約の流れを説明する図解（A4・1枚）を作ってください。",
        JOB,
    ),
    (
        "upfront_fee",
        "仮払いありがとうございます。作業前に、当社の専用ツール（月額3,300円）へのご登録が必要です。",
        POST,
        "作業に使う専用ツールのライセンスはこちらで用意し、費用も当社で負担します。",
        JOB,
    ),
    (
        "contact",
        "続きは アットマーク gmail ドット コム の前に名前をつけたアドレスへどうぞ",
        WORKER,
        "メールアドレス欄の入力チェック（@の有無と形式）を実装してください。",
        JOB,
    ),
    (
        "casino",
        "記事ありがとうございます。紹介先のカジノに登録して、5,000円入金して遊んでみてもらえますか。",
        POST,
        "ギャンブル依存症の相談窓口を紹介する記事を書いてください。",
        JOB,
    ),
    (
        "ghostwriting",
        "修士論文の執筆代行をお願いします。指導教員に提出する原稿として3万字を書いてください。",
        JOB,
        "修士論文の英文校閲をお願いします。内容の書き換えはせず、英語表現のみの添削です。",
        JOB,
    ),
    (
        "upfront_fee",
        "Welcome aboard! There's a one-time $39 onboarding kit before your first task; once it's "
        "paid we'll open your dashboard.",
        MSG,
        "Design an onboarding kit for our new hires (welcome letter, stickers); we cover costs.",
        JOB,
    ),
    (
        "task_scam",
        "Day one is free. After that you recharge 50 USDT to unlock premium tasks with triple "
        "commission.",
        MSG,
        "Write product descriptions for 20 kitchen items in our online shop.",
        JOB,
    ),
    (
        "direct_payment",
        "Could you start today? I'll fund the milestone next week when accounting signs off.",
        MSG,
        "Could you start today? The first milestone is funded already.",
        MSG,
    ),
    (
        "account_trading",
        "Yahoo!メールのアカウント作成（SMS認証まで）を1件100円でお願いします。",
        JOB,
        "会員登録画面にSMS認証を実装してください（Twilio利用）。",
        JOB,
    ),
]

CATEGORY_OF_CODE = {
    "fake_reviews": "fake_reviews",
    "stealth_marketing": "stealth_marketing",
    "engagement_manipulation": "engagement_manipulation",
    "account_trading": "account_trading",
    "name_lending": "name_lending",
    "money_transfer": "money_transfer",
    "card_purchase": "card_purchase",
    "id_documents": "id_documents",
    "data_harvesting": "data_harvesting",
    "signup_as_work": "signup_as_work",
    "dating_adult": "dating_adult",
    "casino": "casino",
    "ghostwriting": "ghostwriting",
    "task_scam": "task_scam",
    "direct_payment": "offplatform",
    "upfront_fee": "upfront_fee",
    "contact": "contact",
}


@pytest.mark.parametrize(("category", "bad", "bad_ctx", "ok", "ok_ctx"), CASES)
def test_category_is_flagged_by_the_rules_with_its_reason(category, bad, bad_ctx, ok, ok_ctx):
    a = RULES.assess(bad, bad_ctx)
    assert a.verdict != "allow", (bad, a.reasons)
    want = CATEGORY_OF_CODE[category]
    assert any(r.category == want for r in a.reasons), (bad, a.reasons)
    for r in a.reasons:
        assert r.message_ja and r.message_en
        assert 0 <= r.start < r.end <= len(bad)


@pytest.mark.parametrize(("category", "bad", "bad_ctx", "ok", "ok_ctx"), CASES)
def test_look_alike_is_allowed(category, bad, bad_ctx, ok, ok_ctx):
    assert RULES.assess(ok, ok_ctx).verdict == "allow", (ok, RULES.assess(ok, ok_ctx).reasons)
    # With the model: no rule reason, and never a hold. The model alone may warn on a posting
    # it finds close to known violations (its cross-validated false-flag rate is printed by
    # `make train` and `make eval-trust`); a person then looks, nothing is held.
    full = assess(ok, ok_ctx)
    assert full.verdict in ("allow", "warn"), (ok, full.reasons)
    assert all(r.category == "model" for r in full.reasons), (ok, full.reasons)


def test_awareness_writing_is_not_the_scheme():
    text = (
        "消費者向けの啓発記事を書いてください。「登録料を払えば仕事を回す」「あなたの名義で携帯を"
        "契約するだけ」といった勧誘の手口と、相談窓口（188）を紹介します。"
    )
    assert assess(text, JOB).verdict == "allow"


def test_logistics_company_is_not_parcel_forwarding():
    text = (
        "物流倉庫での入荷検品・ピッキング・出荷作業のスタッフを募集します。倉庫は千葉県市川市です。"
    )
    assert assess(text, JOB).verdict == "allow"
    scam = "ご自宅で荷物を受け取って、届いた商品を指定の住所へ転送するだけ。1件3,000円です。"
    assert RULES.assess(scam, MSG).verdict != "allow"


def test_referral_coupon_is_not_mlm():
    text = (
        "お友だち紹介キャンペーンのチラシを作ってください。"
        "紹介した方・された方に初回20%OFFクーポンを差し上げます。"
    )
    assert assess(text, JOB).verdict == "allow"
    mlm = "会員を2人紹介すれば紹介報酬が入り、その人たちが紹介すればさらに権利収入が増えます。"
    assert RULES.assess(mlm, MSG).verdict != "allow"


def test_declining_because_fully_booked_is_not_bait():
    text = (
        "スカウトありがとうございます。"
        "あいにく来月まで予定が埋まっているため、今回はお受けできません。"
    )
    assert assess(text, WORKER).verdict == "allow"


def test_quoting_the_rules_is_not_a_violation():
    text = "規約で「仮払い前の連絡先交換は禁止」とされているので、LINEは契約後にお伝えしますね。"
    assert assess(text, WORKER).verdict == "allow"


def test_post_funding_contact_passes_and_post_funding_payment_outside_does_not():
    ok = assess("仮払いありがとうございます。今後はLINE（taro_99）でも大丈夫です。", POST)
    assert ok.verdict == "allow"
    bad = assess("次の案件はサイトを通さずに銀行振込で直接払います。手数料がかからないので。", POST)
    assert bad.verdict != "allow"
