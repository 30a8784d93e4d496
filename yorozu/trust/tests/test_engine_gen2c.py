"""Gen-2c engine mechanisms: what a thread says across messages, requests against mentions, the
context of the thread's job, and schemes recognised by their shape rather than their names.

Phrasings here are written for the tests (not taken from the corpus or the blind rounds); each
violation has a legitimate look-alike beside it. The rules are checked alone (`RULES`: no
model), so a test fails when the mechanism does.
"""

import pytest

from yorozu.trust.engine import Context, Engine, normalize

RULES = Engine(model=None)
JOB_TITLE = "飲食店のメニュー表デザイン"
JOB_TEXT = "ランチメニューとドリンクメニューのデザインをお願いします。A4両面です。"


def msg(*earlier: str, stage: str = "pre_contract", role: str = "worker", **kw) -> Context:
    return Context(
        kind="message",
        stage=stage,
        sender_role=role,
        job_title=kw.get("job_title", JOB_TITLE),
        job_text=kw.get("job_text", JOB_TEXT),
        earlier=tuple(earlier),
    )


def codes(text: str, ctx: Context) -> set[str]:
    return {r.code for r in RULES.assess(text, ctx).reasons}


def verdict(text: str, ctx: Context) -> str:
    return RULES.assess(text, ctx).verdict


# --- numbers said across messages -------------------------------------------------------------
@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        (
            ("電話のほうが早いので番号送ります", "ぜろきゅうぜろ、にーさんよんの"),
            "ごーろくななはち です",
        ),
        (("携帯は〇八〇の",), "一二三四の五六七八です"),
        (("call me, it's plus four four",), "seven seven zero zero nine one two three four"),
        (("番号は〇七〇",), "八七六五 四三二一 です"),
    ],
)
def test_a_phone_number_split_over_messages_is_caught_on_the_second(earlier, text):
    ctx = msg(*earlier)
    assert "contact.phone_split" in codes(text, ctx)
    assert verdict(text, ctx) == "block"


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        # amounts, dates and counts that happen to follow each other
        (("見積もりは 30000",), "12月20日までに納品します"),
        (("修正は2回まで",), "3案ご提案します"),
        # the number after escrow is allowed
    ],
)
def test_numbers_that_are_not_a_phone_number_pass(earlier, text):
    assert "contact.phone_split" not in codes(text, msg(*earlier))


def test_a_split_number_after_escrow_is_not_a_contact_violation():
    ctx = msg("撮影当日の連絡用に、番号は 090-", stage="post_contract")
    assert "contact.phone_split" not in codes("1111-2222 です", ctx)


# --- normalisation of spelt-out handles and addresses -----------------------------------------
@pytest.mark.parametrize(
    ("text", "canon"),
    [
        ("m🌸i🌸k🌸a", "mika"),
        ("s★a★k★i_22", "saki_22"),
        ("えす・えー・けー・あい、あんだーばー、いち・に", "saki_12"),
        ("ティー・エー・ケー・エー", "taka"),
        ("アットマーク ホットメール ドット コム", "@ hotmail .com"),
        ("ヤフーのジェーピー", "yahooのjp"),
    ],
)
def test_spelt_out_letters_and_domains_are_normalised(text, canon):
    assert normalize(text).text == canon


@pytest.mark.parametrize(
    "text",
    [
        "コーヒー・ティー・ジュースから選べます",  # katakana words with ・ are not letter names
        "えー、あの、そうですね",  # fillers
        "ドット絵のキャラクター",
    ],
)
def test_ordinary_kana_is_left_alone(text):
    n = normalize(text).text
    assert n == normalize(n).text  # idempotent
    assert not any(c.isascii() and c.isalpha() for c in n)


# --- a channel named (or hinted at) before, a handle or code after -------------------------------
@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        (("ここだと通知が来ないので、紙飛行機のアプリでどうですか",), "haru_design77 です。"),
        (("黄色いアプリなら返信早いです",), "@mochi_works で出てきます"),
        (("スカイプのIDお送りしますね",), "えむ・おー・えぬ・えー、あんだーばー、なな です"),
        (("Are you on the paper plane app?",), "kai_motion_3 です"),
        (("ディスコードにうちのサーバーがあります",), "招待コードは Zx81kQ です"),
    ],
)
def test_a_handle_or_invite_code_after_a_channel_is_caught(earlier, text):
    assert verdict(text, msg(*earlier)) in ("hold", "block")


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        # a file name or a version after talk of an app that is the work itself
        (("LINEミニアプリの画面を作りました",), "menu_v2 です。ご確認ください"),
        # a coupon code with a referral discount
        (("LINEで友だち登録すると割引になります",), "招待コードは SPRING10 で10%割引です"),
    ],
)
def test_work_files_and_coupons_after_an_app_mention_pass(earlier, text):
    assert verdict(text, msg(*earlier)) == "allow"


def test_half_an_address_dictated_after_the_first_half_is_caught():
    ctx = msg("見積書をメールでお送りしたいので、アドレスの前半は sora.office です")
    assert "contact.email_domain_spoken" in codes("後半はジーメールのドットコムです", ctx)


def test_a_mail_domain_in_form_work_is_not_half_an_address():
    text = "入力欄では gmail.com などのドメインの打ち間違いを候補で直す処理を入れます"
    assert "contact.email_domain_spoken" not in codes(text, msg())


# --- a request addressed to the reader overrides a discussion frame -----------------------------
def test_a_scheme_asked_for_next_to_a_writing_word_is_not_a_topic():
    text = "記事にリアリティを出したいので、実際に紹介先のカジノに入金してみてもらえますか？"
    assert "casino.affiliate" in codes(text, msg(stage="post_contract"))


@pytest.mark.parametrize(
    "text",
    [
        "オンラインカジノに入金させる手口について、注意喚起の記事を書いてください",
        "知らない人からカジノに入金するよう頼まれたら、すぐに相談してください",
    ],
)
def test_a_request_for_writing_about_a_scheme_stays_a_topic(text):
    assert "casino.affiliate" not in codes(text, msg())


# --- the thread's job -----------------------------------------------------------------------------
def test_scheme_words_in_the_thread_of_a_scam_awareness_job_are_the_work():
    ctx = msg(
        job_title="闇バイトの手口を解説する記事（3,000字）",
        job_text="高校生向けに、闇バイトや副業詐欺の見分け方を解説する記事をお願いします。",
    )
    text = "見出し案です。「荷物を受け取って転送するだけ」「口座を貸すだけ」の仕事が危ない理由"
    assert verdict(text, ctx) == "allow"
    # …but the same words pitched in an ordinary job's thread are not
    assert verdict("荷物を受け取って転送するだけの仕事があります。口座を貸すだけでもOK", msg()) != (
        "allow"
    )


def test_an_app_in_the_thread_of_a_job_that_builds_on_it_is_the_product():
    ctx = msg(
        job_title="LINE公式アカウントの予約Bot開発",
        job_text="LINE公式アカウントに予約Botを作っていただきたいです。Messaging APIを使います。",
        role="client",
    )
    text = "予約完了のお知らせはLINEで、リマインドはメールで届くようにしたいです"
    assert verdict(text, ctx) == "allow"
    # the writer's own LINE is still a channel
    assert verdict("詳しくは私の個人のLINEで話しましょう", ctx) != "allow"


# --- schemes by their shape ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "作業の前に、専用の編集講座（29,800円）の受講が必須となります。",
        "ご契約後、作業用テンプレート（4,980円）をご購入いただく必要があります。",
        "All editors need to complete our onboarding course first. It's $79, paid through the "
        "link below.",
    ],
)
def test_a_priced_thing_the_worker_must_pay_for_is_an_upfront_fee(text):
    assert "fee.priced_requirement" in codes(text, msg(role="client", stage="post_contract"))


@pytest.mark.parametrize(
    "text",
    [
        "作業で使うツールの利用料（月額2,980円）は弊社負担です。",
        "Adobeのライセンス（月額6,480円）は当方で用意しますので不要です。",
    ],
)
def test_a_priced_tool_the_client_pays_for_is_not(text):
    assert "fee.priced_requirement" not in codes(text, msg(role="client"))


def test_an_investment_pitch_with_promised_returns_is_flagged():
    text = "私が入っている投資サロンは月利10%で、元本保証です。よければ招待しますよ"
    assert "investment.returns" in codes(text, msg(stage="post_contract"))


def test_writing_about_yields_is_not_an_investment_pitch():
    text = "不動産投資の利回り5%の計算方法を解説する記事の構成案です"
    assert "investment.returns" not in codes(text, msg())


def test_a_different_job_moved_off_site_after_funding_is_flagged():
    text = (
        "申し訳ないのですが、この案件は中止になりました。"
        "その代わり、専用アプリでできる別のお仕事をご紹介します"
    )
    assert "bait_switch.job_changed" in codes(text, msg(stage="post_contract", role="client"))


def test_a_changed_scope_kept_on_the_platform_is_not():
    text = (
        "ロゴの代わりに名刺のデザインをお願いできますか？新しいマイルストーンをこちらで追加します"
    )
    assert "bait_switch.job_changed" not in codes(text, msg(stage="post_contract", role="client"))


def test_paid_entry_with_recruiting_income_is_mlm_even_next_to_a_discount():
    text = (
        "会員になると2割引で買えて、お友達を紹介すると紹介料も入ります。"
        "最初の登録料が2万円かかります"
    )
    assert verdict(text, msg(stage="post_contract")) != "allow"


def test_a_task_scam_deposit_is_flagged():
    text = (
        "You've reached level 2! To unlock the next set, top up 80 USDT; it comes back with "
        "your commission."
    )
    assert "task_scam.deposit" in codes(text, msg(role="client"))


def test_a_reported_impersonation_is_not_a_move_to_telegram():
    text = (
        "FYI, someone claiming to be your recruiter asked me to continue the interview on "
        "Telegram. I've reported the account; let's keep talking here."
    )
    assert verdict(text, msg()) == "allow"


def test_quoting_the_rule_and_deferring_contact_until_escrow_passes():
    text = (
        "規約で契約前の連絡先交換は禁止されているので、ご契約（仮払い）後でしたら当日用に"
        "携帯番号を交換させてください。"
    )
    assert verdict(text, msg()) == "allow"


def test_a_list_negated_at_its_end_negates_engagement_buying():
    ctx = Context(kind="job", stage="pre_contract", sender_role="client")
    text = (
        "自社アカウントの運用代行です。フォロワーの購入、相互フォローの一斉フォローなどは行わず、"
        "ファンを少しずつ増やしたいです。"
    )
    assert verdict(text, ctx) == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "番号は080の2468の1357です",  # の between the groups, as numbers are dictated
        "ゼロハチゼロ、ニーヨンロク、ハチイチサンゴーに電話ください",  # long-vowel digit names
        "ぜろきゅう ぜろ の いち に さん よん の ご ろく なな はち",  # の with spaces
    ],
)
def test_dictated_phone_numbers_in_one_message_are_caught(text):
    assert verdict(text, msg()) == "block"


def test_dictated_digit_look_alikes_are_left_alone():
    assert (
        normalize("ゴーサインが出たらニーズを確認します").text
        == "ゴーサインが出たらニーズを確認します"
    )


def test_an_organisations_official_account_in_a_posting_is_content():
    ctx = Context(kind="job", stage="pre_contract", sender_role="client")
    text = (
        "閉店のお知らせチラシの作成をお願いします。\n"
        "・ご予約はお電話またはLINE公式アカウントで受け付けている旨の案内\n"
        "・これまでのお礼の言葉"
    )
    assert "contact.app_move" not in codes(text, ctx)


def test_an_address_dictated_with_a_spoken_at_is_caught():
    assert "contact.email_freemail" in codes("kaori.works と あっと じーめーる です", msg())


def test_money_through_your_bank_account_with_the_account_kind_named():
    ctx = Context(kind="job", stage="pre_contract", sender_role="client")
    text = "ご自身の銀行口座で受け取ったお金を、指定の口座へ送金していただくお仕事です。"
    assert "money.transfer" in codes(text, ctx)


def test_contact_in_a_public_review_is_flagged_whatever_the_stage():
    ctx = Context(kind="review", stage="post_contract", sender_role="worker")
    text = "素敵なクライアントさんでした。私のインスタは @nao_draws_22 です、フォローしてください"
    assert verdict(text, ctx) != "allow"
    assert verdict(
        "LINEスタンプの修正にもすぐ対応してくださり、素敵なクライアントさんでした", ctx
    ) == ("allow")


JOB = Context(kind="job", stage="pre_contract", sender_role="client")


def test_graded_work_done_as_the_student_is_ghostwriting():
    text = (
        "I'll give you my login. Log into my school portal and finish the weekly quizzes and the "
        "final exam for my statistics class."
    )
    assert "academic.as_student" in codes(text, JOB)


def test_a_quiz_bot_linked_to_a_schools_portal_is_not():
    text = (
        "Students link their account to the bot from our student portal; the bot sends a daily "
        "quiz and homework reminders."
    )
    assert "academic.as_student" not in codes(text, JOB)


def test_streams_from_several_devices_are_engagement_manipulation():
    text = "Play our album on Spotify all night from several devices, $3 per device per day."
    assert "engagement.multi_device" in codes(text, JOB)


def test_testing_a_streaming_app_on_several_devices_is_not():
    text = "QA testing of our music streaming app: check playback and downloads on several devices."
    assert "engagement.multi_device" not in codes(text, JOB)
