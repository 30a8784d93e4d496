"""Gen-2d engine mechanisms, from the classes of round 04's misses (and what was left of rounds
01–03): money that flows around escrow, ratings traded for ratings, and the model's veto over
evidence from more than one category.

Phrasings here are written for the tests (not taken from the corpus or the blind rounds); each
violation has a legitimate look-alike beside it. The rules are checked alone (`RULES`: no
model) unless the test is about the model.
"""

import pytest

from yorozu.trust.engine import Context, Engine

RULES = Engine(model=None)
JOB_TITLE = "飲食店のメニュー表デザイン"
JOB_TEXT = "ランチメニューとドリンクメニューのデザインをお願いします。A4両面です。"


def msg(*earlier: str, stage: str = "pre_contract", role: str = "worker", kind="message"):
    return Context(
        kind=kind,
        stage=stage,
        sender_role=role,
        job_title=JOB_TITLE,
        job_text=JOB_TEXT,
        earlier=tuple(earlier),
    )


def codes(text: str, ctx: Context) -> set[str]:
    return {r.code for r in RULES.assess(text, ctx).reasons}


def verdict(text: str, ctx: Context) -> str:
    return RULES.assess(text, ctx).verdict


# --- money that flows around escrow: a means of paying outside + why the platform is avoided --
@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # the platform's cut, then an account to pay into
        (
            "サイト経由だと手数料が引かれるので、振込先をお伝えしますね。"
            "三井住友 新宿支店 普通 1234567",
            "pre_contract",
        ),
        # gift codes instead of escrow, for the client's convenience
        (
            "残りの2万円はアマゾンギフトでお渡ししてもいいですか？経費の関係でその方が楽なので。",
            "post_contract",
        ),
        # escrow's delay as the excuse for an advance by a payment app
        (
            "仮払いだと反映に時間がかかるので、着手金をペイペイで先にいただけますか。",
            "pre_contract",
        ),
        # the contract itself skipped
        ("契約の手続きは省略して、終わったらPayPayで送りますね。", "pre_contract"),
        # work before escrow, payment promised for later
        (
            "仮払いの前に作業に入っていただけると助かります。お支払いはその後きちんとしますので。",
            "pre_contract",
        ),
    ],
)
def test_payment_around_escrow_is_held_at_any_stage(text, stage):
    ctx = msg(stage=stage, role="client")
    found = codes(text, ctx)
    assert found & {"offplatform.pay_outside", "offplatform.prefund_work"}, found
    assert verdict(text, ctx) in ("hold", "block")


@pytest.mark.parametrize(
    "text",
    [
        # accounting work on the company's own transfers
        "経理補助のお仕事です。振込データを作成し、振込先と金額を請求書と照合していただきます。",
        # gift cards as the subject of the work
        "アマギフが当たるキャンペーンのバナーを3点制作してください。",
        # a worker declining direct payment
        "PayPayでの直接のお支払いはお受けできません。仮払いをお願いいたします。",
        # the platform's flow explained to a first-time client
        "仮払いの手続きが済みましたら、こちらで作業を始めます。お支払いはサイト経由でお願いします。",
    ],
)
def test_payment_words_in_the_platform_flow_pass(text):
    assert verdict(text, msg(role="worker")) == "allow"


# --- ratings traded for ratings ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "stage"),
    [
        (
            "こちらは星5を入れておきましたので、あなたからも星5でお返しいただけると嬉しいです。",
            "message",
            "post_contract",
        ),
        (
            "取引相手の皆さん、お互いに★5をつけましょう。評価の交換歓迎です。",
            "review",
            "post_contract",
        ),
        (
            "サブアカから同じ案件を発注しますが、作業は不要です。評価だけお願いします。",
            "message",
            "post_contract",
        ),
        ("I gave you five stars, could you do the same for me?", "message", "post_contract"),
        (
            "Open to a review swap with anyone who wants to boost their profile.",
            "profile",
            "pre_contract",
        ),
    ],
)
def test_ratings_traded_for_ratings_are_caught(text, kind, stage):
    ctx = msg(stage=stage, kind=kind)
    a = RULES.assess(text, ctx)
    # one reason per category is reported: review.fake may be the one shown
    assert {r.category for r in a.reasons} == {"fake_reviews"}, a.reasons
    assert a.verdict != "allow"


@pytest.mark.parametrize(
    "text",
    [
        "★5をつけさせていただきました。丁寧なご対応ありがとうございました。",
        "評価のご入力をお願いいたします。今後の励みになります。",
        "I left you five stars. Thanks for the quick turnaround!",
        "レビュー返信のテンプレートを作成してください。星5のお客様にも星1のお客様にも対応できる内容でお願いします。",
    ],
)
def test_a_rating_given_or_asked_alone_passes(text):
    assert verdict(text, msg(stage="post_contract")) == "allow"


# --- the model's veto over evidence from two categories -------------------------------------
def _reason(code: str, category: str):
    from yorozu.trust.engine.values import Reason

    return Reason(code, "", "", 0, 1, category, 5.0)


def test_two_categories_in_a_short_text_keep_their_flag_from_the_model():
    engine = Engine()
    clearable = sorted(engine.model.clearable & engine._clearable)
    by_category = {}
    for rule in engine.rules:
        if rule.code in clearable:
            by_category.setdefault(rule.category, rule.code)
    (cat_a, code_a), (cat_b, code_b) = list(by_category.items())[:2]
    two = [_reason(code_a, cat_a), _reason(code_b, cat_b)]
    one = [_reason(code_a, cat_a)]
    assert engine._evidence_clear(one, "proposal")
    assert not engine._evidence_clear(two, "proposal")
    assert not engine._evidence_clear(two, "message")
    # a posting is long and names many things: the model may still clear it
    assert engine._evidence_clear(two, "job")


# --- contact given indirectly: an @handle with the act of finding it ---------------------------
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("続きはあちらのDMで。＠ｈａｒｕ＿ｄｅｓｉｇｎ２２ をフォローしてください。", "message"),
        ("詳細は公式のほうで案内しています。@ 4 1 9 a b c d で検索→追加してね", "scout"),
        ("お仕事のご相談はお気軽に。@nagi.works_77 まで DM ください", "profile"),
        ("Great job. Anyone who needs a logo, find me: @tomo_draws_jp", "review"),
    ],
)
def test_an_at_handle_with_the_act_of_finding_it_is_caught(text, kind):
    ctx = msg(kind=kind)
    assert "contact.at_handle" in codes(text, ctx)
    assert verdict(text, ctx) in ("hold", "block")


@pytest.mark.parametrize(
    "text",
    [
        "Pythonの@propertyデコレータを追加して、属性を読み取り専用にしました。",
        "npmで@vue/cliを追加してください。",
        "メールアドレスは taro@example.com のような形式で入力欄に表示します。",
        "SNS運用のお仕事です。弊社アカウント @cafe_hinata の投稿を週3本作成し、"
        "フォロワー分析もお願いします。",
    ],
)
def test_code_addresses_and_the_clients_own_account_as_work_pass(text):
    assert "contact.at_handle" not in codes(text, msg(kind="message"))


def test_an_at_handle_after_escrow_is_not_a_contact_violation():
    assert "contact.at_handle" not in codes(
        "@haru_design22 をフォローしてDMください", msg(stage="post_contract")
    )


# --- who is asked to hand over their details --------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "共有フォルダに招待したいので、普段お使いのアドレスを教えていただけますか？",
        "応募フォームに携帯番号をご記入ください。折り返しご連絡します。",
    ],
)
def test_the_reader_asked_for_their_own_address_is_caught(text):
    assert "contact.request" in codes(text, msg(role="client"))


def test_a_form_with_a_phone_field_as_the_work_passes():
    text = "問い合わせフォームを作成してください。項目はお名前・電話番号・ご相談内容です。"
    assert verdict(text, msg(role="client", kind="message")) == "allow"


# --- money that flows the wrong way: the one offering the work receives it ------------------
@pytest.mark.parametrize(
    "text",
    [
        "提携ライターとしてご登録いただく際、研修テキスト代として15,000円を頂戴しております。",
        "Join as a partner: a 12% guaranteed weekly yield on your own deposit, minimum $300.",
    ],
)
def test_money_asked_of_the_worker_is_caught(text):
    a = RULES.assess(text, msg(role="client", kind="scout"))
    assert {r.category for r in a.reasons} & {"upfront_fee", "investment"}, a.reasons
    assert a.verdict != "allow"


@pytest.mark.parametrize(
    "text",
    [
        "研修は無料です。テキスト（3,000円相当）も当社負担でお渡しします。",
        'We write for a personal-finance blog: explain why a "guaranteed monthly return" '
        "is a red flag, in 1,500 words.",
    ],
)
def test_money_the_client_pays_or_writes_about_passes(text):
    assert verdict(text, msg(role="client", kind="scout")) == "allow"


# --- a number dictated: words and figures mixed, the particle carried over a break -----------
@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        (("text me on signal",), "plus four four, seven seven zero zero, 900, one two three"),
        (("電話番号です", "ぜろきゅうぜろ"), "のいちにさんよん の ごーろくななはち です"),
    ],
)
def test_a_number_read_aloud_is_caught(earlier, text):
    ctx = msg(*earlier)
    assert codes(text, ctx) & {"contact.phone_intl", "contact.phone_split"}
    assert verdict(text, ctx) == "block"


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        (("the plan has",), "plus one, four one five extra seats for 555 dollars"),
        (("見積もりは",), "のちほど30,000円でお送りします"),
    ],
)
def test_counts_and_prices_read_aloud_pass(earlier, text):
    ctx = msg(*earlier)
    assert not codes(text, ctx) & {"contact.phone_intl", "contact.phone_split"}


# --- the promise to keep the talk here until the contract is a deferral ----------------------
def test_an_app_for_after_the_contract_with_the_talk_kept_here_passes():
    text = "社内ではSlackを使っていますが、契約まではこちらでご質問にお答えします。"
    assert verdict(text, msg(role="client", kind="scout")) == "allow"


def test_an_app_move_before_the_contract_is_still_caught():
    text = "契約前ですが、詳しくはSlackで話しましょう。"
    assert verdict(text, msg(role="client", kind="scout")) != "allow"
