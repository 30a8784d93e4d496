"""The rules yorozu ships with, as data.

Each rule is a `Rule` value: what triggers it, what must be near, what makes it a topic rather
than an act, how much it weighs, where it applies. Weights are points; a text's points are
summed and compared with per-kind, per-stage thresholds (see `engine.THRESHOLDS`). The scale:

* 6 — a concrete contact artifact before escrow (an address, a number, a chat link, an ID);
* 5 — an unambiguous act (asking to move to LINE, a video-then-e-mail funnel, parcel forwarding);
* 4 — a strong scheme marker (MLM vocabulary, upfront fees, "直接取引");
* 2-3 — a signal that needs company to cross the warning line (bait-switch wording, guarantees);
* ≤ 1.5 — colour only.

Patterns are written against the canonical text (`normalize`): lower case, ASCII digits and
letters, kana app names already spelt in Latin letters.
"""

from __future__ import annotations

from typing import Any

from .guideline import GUIDELINE_RULES
from .values import Rule

PRE = frozenset({"pre_contract"})
CHAT = frozenset({"message", "scout", "proposal"})
CHAT_PROFILE = frozenset({"message", "scout", "proposal", "profile"})

_APPS = (
    r"(?:line|chatwork|skype|discord|telegram|whatsapp|kakaotalk|kakao|wechat|messenger|"
    r"instagram|insta|ig|twitter|tiktok|facebook|viber|signal|x|gmail|sns|slack|teams|zoom|"
    r"wechat|微信|skype|テレグラ)"
)
_HANDLE = r"@?[a-z0-9][a-z0-9._\-]{2,}"

EMAIL = (
    r"(?<![a-z0-9._%+\-])[a-z0-9][a-z0-9._%+\-]*\s?@\s?[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
    r"(?:\s?\.\s?[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\s?\.\s?[a-z]{2,}(?![a-z0-9])"
)
INTL_PHONE = r"(?<![0-9a-z])\+\s?[1-9][0-9]{0,2}(?:[\s\-.]?\(?[0-9]{1,4}\)?){2,4}(?![0-9])"
EMAIL_SPOKEN = (
    r"(?<![a-z0-9])[a-z0-9][a-z0-9._\-]*(?:\s(?:dot|\.)\s[a-z0-9\-]+)*\sat\s[a-z0-9\-]+"
    r"(?:\s?(?:dot|\.)\s?[a-z0-9\-]+)*\s?(?:dot|\.)\s?(?:com|net|org|jp|co|io|me|info|biz)(?![a-z])"
)
PHONE = (
    r"(?<![0-9a-z\-/.])(?:\+\s?81[\s\-]?\(?0?\)?[\s\-]?[1-9][0-9]{0,3}|\(?0[0-9]{1,4}\)?)"
    r"(?:[\s\-]{0,2}|\s?の\s?)\(?[0-9]{1,4}\)?(?:[\s\-]{0,2}|\s?の\s?)[0-9]{3,4}(?![0-9])"
)
# A handle-like token (letters, then digits or _ . -) someone is told to search for or add
# ("hina0123 で検索してみて", "@mika_design を追加"), or that ends a message ("ID→ mm_0808").
# The patterns match what follows the token; the "handle" validator finds the token just
# before the match (engine.HANDLE_BEFORE) and excludes product codes and error numbers by
# their labels, so the regex itself runs at a few cheap positions only.
HANDLE_SEARCH = (
    r"(?:って|と|で|を|\s)\s?(?:検索|けんさく|ググ|ぐぐ|探し|探す|探せ|追加|出て|ヒット|search|add)"
)
HANDLE_BARE = r"\s?(?:です|だよ|だよー|になります|ね|よ)?\s?[!.。]?\s?\Z"
CHAT_LINK = (
    r"(?:line\.me/|lin\.ee/|page\.line\.me|liff\.line\.me|discord\.gg/|discord(?:app)?\.com/"
    r"invite|t\.me/|telegram\.me/|wa\.me/|chat\.whatsapp\.com|join\.skype\.com|skype:|"
    r"chatwork\.com/|open\.kakao\.com|qr\.kakao|m\.me/|instagram\.com/|twitter\.com/|x\.com/|"
    r"facebook\.com/|fb\.com/|tiktok\.com/@)[a-z0-9_./?=\-%@]*"
)


def _r(code: str, category: str, weight: float, ja: str, en: str, **kw: Any) -> Rule:
    return Rule(code=code, category=category, weight=weight, message_ja=ja, message_en=en, **kw)


DEFAULT_RULES: tuple[Rule, ...] = (
    # --- contact details and off-platform moves before escrow -------------------------------
    _r(
        "contact.email",
        "contact",
        6.0,
        "仮払い前にメールアドレスを送ることはできません。やり取りはメッセージ機能で行ってください。",
        "E-mail addresses cannot be shared before escrow is funded; please keep talking here.",
        patterns=(EMAIL,),
        validator="email",
        gate=("@",),
        negatable=False,
        stages=PRE,
    ),
    _r(
        "contact.email_spoken",
        "contact",
        6.0,
        "仮払い前にメールアドレスを送ることはできません。やり取りはメッセージ機能で行ってください。",
        "E-mail addresses cannot be shared before escrow is funded; please keep talking here.",
        patterns=(EMAIL_SPOKEN,),
        validator="email",
        negatable=False,
        stages=PRE,
        gate=(" dot ", "gmail", "yahoo", "outlook", "hotmail", "icloud", "proton"),
    ),
    _r(
        "contact.phone",
        "contact",
        6.0,
        "仮払い前に電話番号を送ることはできません。",
        "Phone numbers cannot be shared before escrow is funded.",
        patterns=(PHONE,),
        validator="phone",
        gate=("0",),
        negatable=False,
        stages=PRE,
        role="artifact",
    ),
    _r(
        "contact.phone_intl",
        "contact",
        6.0,
        "仮払い前に電話番号を送ることはできません。",
        "Phone numbers cannot be shared before escrow is funded.",
        # "+1 415…" or, dictated in words and normalised to figures, "plus 1415…"
        patterns=(INTL_PHONE, r"(?<![a-z])plus\s?[1-9][0-9]{8,14}(?![0-9])"),
        validator="phone",
        gate=("+", "plus"),
        negatable=False,
        stages=PRE,
        role="artifact",
    ),
    _r(
        "contact.phone_split",
        "contact",
        6.0,
        "仮払い前に電話番号を送ることはできません（前のメッセージと合わせて電話番号になっています）。",
        "Phone numbers cannot be shared before escrow is funded (together with the previous "
        "message this is a phone number).",
        # A number said in pieces: the digits (figures, kana, kanji or English words) that end
        # one message and open the next; the validator reads them across the break.
        patterns=(r"\n",),
        validator="digits_across",
        gate=("\n",),
        negatable=False,
        stages=PRE,
        kinds=CHAT,
    ),
    _r(
        "contact.chat_link",
        "contact",
        6.0,
        "外部のチャット・SNSへのリンクは仮払い前には送れません。",
        "Links to outside chat apps or social accounts cannot be shared before escrow.",
        patterns=(CHAT_LINK,),
        gate=("/", "skype:"),
        negatable=False,
        stages=PRE,
        unless_near=("@app_work_frame",),
        unless_window=4,
    ),
    _r(
        "contact.handle",
        "contact",
        6.0,
        "外部アプリのID・アカウントは仮払い前には送れません。",
        "IDs or handles for outside apps cannot be shared before escrow.",
        patterns=(
            rf"(?<![a-z]){_APPS}\s?(?:の|:)?\s?(?:id|アカウント|ユーザー名|ユーザ名|username|user|"
            rf"handle|account|名前)\s?(?:は|:|=|→|->|is)?\s?[「『\"(]?\s?{_HANDLE}",
            rf"(?<![a-z]){_APPS}\s?(?:は|:|=|→|->|is|で|に)?\s?[「『\"(]?\s?@[a-z0-9_.]{{3,}}",
            r"(?<![a-z])(?:id|ユーザー名|username|handle|アカウント名?)\s?(?:は|:|=|→|->|is)"
            r"\s?[「『\"(]?"
            r"\s?@?[a-z][a-z0-9._\-]{3,}",
        ),
        near=("@app_any",),
        window=40,
        same_sentence=False,
        negatable=False,
        stages=PRE,
        gate=("@app_any",),
        unless_near=("@app_work_frame",),
        unless_window=6,
    ),
    _r(
        "contact.at_handle",
        "contact",
        6.0,
        "外部のアカウント（@ID）をフォロー・検索・追加させる誘導は、仮払い前にはできません。",
        "Handing over an @handle to follow, search or add elsewhere is not allowed before escrow.",
        # contact given indirectly: whatever the app is called (or not called at all), an
        # @handle — even spelt with spaces between its letters — with the act of finding it
        patterns=(r"(?<![a-z0-9._%+\-])@\s?[a-z0-9_](?:\s?[a-z0-9_.]){3,}(?![a-z0-9/])",),
        near=("@handle_find",),
        window=40,
        same_sentence=False,
        negatable=False,
        stages=PRE,
        kinds=frozenset({"message", "scout", "proposal", "profile", "review"}),
        unless_near=("@app_work_frame", "@code_frame"),
        unless_window=12,
    ),
    _r(
        "contact.app_move",
        "contact",
        5.0,
        "仮払い前に外部アプリ（LINE・Discord 等）へやり取りを移すことはできません。",
        "Moving the conversation to an outside app (LINE, Discord…) is not allowed before escrow.",
        keywords=("@app",),
        near=("@contact_intent",),
        window=25,
        stages=PRE,
        unless_near=("@app_work_frame",),
        unless_window=12,
        role="app",
        discussable=True,
    ),
    _r(
        "contact.app_via",
        "contact",
        5.0,
        "仮払い前に外部アプリ（LINE・Discord 等）へやり取りを移すことはできません。",
        "Moving the conversation to an outside app (LINE, Discord…) is not allowed before escrow.",
        patterns=(
            rf"(?<![a-z0-9]){_APPS}\s?(?:で|に|へ|から|の方で|のほうで|の方に|のほうに|でも)(?!の)"
            r"[^。\n!?]{0,14}?(?:ます|ください|下さい|ましょう|ませんか|しよう|しよ|たい|ね|よ|して|待って)",
        ),
        stages=PRE,
        unless_near=("@app_work_frame",),
        unless_window=12,
        role="app",
        gate=("@app",),
        discussable=True,
    ),
    _r(
        "contact.phone_call",
        "contact",
        4.0,
        "仮払い前に電話での連絡に切り替えることはできません。",
        "Switching to phone calls is not allowed before escrow.",
        keywords=(
            "電話で",
            "お電話で",
            "電話して",
            "電話ください",
            "お電話ください",
            "電話をください",
            "電話をかけ",
            "電話かけ",
            "電話させて",
            "通話で",
            "通話しません",
            "電話しません",
            "電話で話",
            "call me at",
            "call me on",
            "give me a call at",
            "call me directly",
            "ring me on",
            "ring me at",
            "call you at",
            "call you on",
        ),
        stages=PRE,
        kinds=CHAT_PROFILE,
    ),
    _r(
        "contact.request",
        "contact",
        5.0,
        "仮払い前に連絡先（メール・電話番号など）をやり取りすることはできません。",
        "Contact details (e-mail, phone…) cannot be exchanged before escrow.",
        keywords=("@contact_noun",),
        near=("@ask_give",),
        window=16,
        stages=PRE,
        role="contact",
        discussable=True,
    ),
    _r(
        "contact.handle_search",
        "contact",
        3.0,
        "外部で名前やアカウントを検索させる誘導は禁止されています。",
        "Asking someone to look you up elsewhere is an off-platform move and is not allowed.",
        patterns=(HANDLE_SEARCH,),
        negatable=False,
        stages=PRE,
        kinds=CHAT_PROFILE,
        gate=("検索", "けんさく", "ググ", "ぐぐ", "探", "追加", "出て", "ヒット", "search", "add"),
        validator="handle",
    ),
    _r(
        "contact.handle_thread",
        "contact",
        6.0,
        "外部アプリのID・アカウントは仮払い前には送れません（前のメッセージと合わせて連絡先になっています）。",
        "IDs or handles for outside apps cannot be shared before escrow (together with the "
        "previous message this is a contact detail).",
        patterns=(HANDLE_SEARCH, HANDLE_BARE),
        near=("$app_channel",),
        window=80,
        same_sentence=False,
        negatable=False,
        stages=PRE,
        kinds=CHAT_PROFILE,
        unless_near=("@app_work_frame",),
        unless_window=6,
        gate=("@app_any",),
        validator="handle",
    ),
    _r(
        "contact.handle_lead",
        "contact",
        6.0,
        "外部アプリのID・アカウントは仮払い前には送れません（前のメッセージと合わせて連絡先になっています）。",
        "IDs or handles for outside apps cannot be shared before escrow (together with the "
        "previous message this is a contact detail).",
        # A message that opens with a handle-like token and "です / で出ます" after a channel
        # (named or by a euphemism) was brought up: "tsubame_photo_88 です。よろしく…".
        patterns=(
            r"(?m)^\s?@?[a-z][a-z0-9_.\-]*[0-9_][a-z0-9_.\-]*(?<![.\-])\s?"
            r"(?:です|でございます|になります|で出ます|で出てきます|だよ|で検索|\(|$)",
        ),
        near=("$app_channel",),
        window=80,
        same_sentence=False,
        negatable=False,
        stages=PRE,
        kinds=CHAT,
        unless_near=("@app_work_frame",),
        unless_window=6,
        gate=("@app_any",),
    ),
    _r(
        "contact.invite_code",
        "contact",
        5.0,
        "外部のサーバー・グループへの招待コードは仮払い前には送れません。",
        "Invite codes for outside servers or groups cannot be shared before escrow.",
        patterns=(
            r"(?:招待コード|招待code|サーバーコード|invite code|invitation code|server code)"
            r"\s?(?:は|:|=|is)?\s?[a-z0-9]*[0-9][a-z0-9]*(?![a-z0-9])",
        ),
        near=("$app_channel",),
        window=120,
        same_sentence=False,
        negatable=False,
        stages=PRE,
        kinds=CHAT,
        unless_near=("@referral_legit",),
        unless_window=30,
        gate=("招待", "code", "コード"),
    ),
    _r(
        "contact.email_domain_spoken",
        "contact",
        5.0,
        "仮払い前にメールアドレス（またはその一部）を送ることはできません。",
        "E-mail addresses, or a part of one, cannot be shared before escrow is funded.",
        # the domain half of an address, dictated: "後半はヤフーのジェーピー", "gmail dot com"
        patterns=(
            r"(?<![a-z0-9@.])(?:gmail|yahoo|outlook|hotmail|icloud|docomo|ezweb|softbank|"
            r"protonmail)\s?(?:の\s?)?(?:\.|の|dot)\s?(?:com|jp|co\.jp|ne\.jp|net)(?![a-z])",
        ),
        near=("@address_part",),
        window=150,
        same_sentence=False,
        stages=PRE,
        kinds=CHAT,
        gate=(
            "gmail",
            "yahoo",
            "outlook",
            "hotmail",
            "icloud",
            "docomo",
            "ezweb",
            "softbank",
            "proton",
        ),
    ),
    _r(
        "contact.search_me",
        "contact",
        5.0,
        "外部で名前やアカウントを検索させる誘導は禁止されています。",
        "Asking someone to look you up elsewhere is an off-platform move and is not allowed.",
        keywords=("@search_verb",),
        near=("@my_name",),
        window=24,
        stages=PRE,
    ),
    _r(
        "contact.search_quoted",
        "contact",
        4.0,
        "外部で名前やアカウントを検索させる誘導は禁止されています。",
        "Asking someone to look you up elsewhere is an off-platform move and is not allowed.",
        patterns=(
            r"[「『\"][^」』\"\n]{1,30}[」』\"]\s?(?:で|と|を|って)\s?(?:検索|ググ|ぐぐ|調べ)",
            r"(?:search|google|look up)\s(?:for\s)?[\"'][^\"'\n]{1,30}[\"']\s(?:on|in)\s",
        ),
        stages=PRE,
        kinds=CHAT_PROFILE,
        gate=("「", "『", '"', "'"),
    ),
    _r(
        "contact.external_form",
        "contact",
        5.0,
        "外部フォームへの誘導は禁止されています（応募や連絡はサイト内で行ってください）。",
        "Sending people to an outside form is not allowed; applications stay on the platform.",
        keywords=("@external_form",),
        near=("@form_act",),
        window=40,
        stages=PRE,
        unless_near=("@app_work_frame",),
        unless_window=8,
        role="app",
        discussable=True,
    ),
    _r(
        "offplatform.offsite",
        "offplatform",
        4.0,
        "サイト外でのやり取りへの誘導は禁止されています。",
        "Steering the conversation off the platform is not allowed.",
        keywords=("@offsite",),
        near=("@contact_intent",),
        window=30,
    ),
    _r(
        "offplatform.evasion",
        "offplatform",
        3.0,
        "運営の目を避けるためのやり取りは禁止されています。",
        "Trying to hide a conversation from the platform is not allowed.",
        keywords=("@evasion",),
    ),
    # --- direct dealing to save the fee (any stage) -----------------------------------------
    _r(
        "offplatform.fee_avoid",
        "offplatform",
        5.0,
        "手数料を避けるための直接取引は規約で禁止されています。",
        "Dealing directly to avoid the platform fee is prohibited.",
        keywords=("@fee_platform",),
        near=("@fee_saving",),
        window=25,
    ),
    _r(
        "offplatform.direct_deal",
        "offplatform",
        4.0,
        "サイトを通さない直接取引は禁止されています。",
        "Direct dealing outside the platform is prohibited.",
        keywords=("@direct_deal",),
        near=("@pay_act",),
        window=40,
        same_sentence=False,
    ),
    _r(
        "offplatform.direct_deal_term",
        "offplatform",
        2.0,
        "サイトを通さない直接取引は禁止されています。",
        "Direct dealing outside the platform is prohibited.",
        keywords=(
            "直接取引",
            "直接契約",
            "個人間取引",
            "サイト外",
            "プラットフォーム外",
            "通さずに",
            "off-platform",
            "off platform",
            "outside the platform",
            "outside this platform",
        ),
    ),
    # --- bait and switch (any stage: escrow makes contact details allowed, never a switch) ---
    _r(
        "bait_switch.closed_alt",
        "bait_switch",
        3.0,
        "「募集終了なので別の案件を」という誘導は典型的な詐欺の手口です。",
        "'This job is full, here is another one' is a classic bait-and-switch.",
        keywords=("@job_closed",),
        near=("@alt_offer",),
        window=80,
        negatable=False,
        same_sentence=False,
        kinds=CHAT,
    ),
    _r(
        "bait_switch.closed_link",
        "bait_switch",
        3.0,
        "募集終了を理由に外部サイトや連絡先へ誘導しています。",
        "Uses a closed job as a reason to send you to another site or contact.",
        keywords=("@job_closed",),
        near=("@link_or_contact",),
        window=120,
        negatable=False,
        same_sentence=False,
        kinds=CHAT,
    ),
    _r(
        "bait_switch.context",
        "bait_switch",
        3.0,
        "この案件とは別の条件や外部サイトを持ちかけています。",
        "Offers terms or a site that are not part of this job posting.",
        keywords=("@alt_offer",),
        near=("$offer_mismatch",),
        window=200,
        negatable=False,
        same_sentence=False,
        kinds=CHAT,
    ),
    _r(
        "bait_switch.private_offer",
        "bait_switch",
        4.0,
        "タスクや契約の後に、別サイトの非公開案件などへ誘導するのは典型的な詐欺の手口です。",
        "Moving you to a 'private project' on another site after a task or contract is a scam.",
        keywords=("@private_offer",),
        near=("@move_offer",),
        window=60,
        same_sentence=False,
        negatable=False,
        discussable=True,
        kinds=CHAT,
    ),
    # --- funnels ------------------------------------------------------------------------------
    _r(
        "funnel.video_email",
        "funnel",
        5.0,
        "動画視聴後にメールアドレス等を登録させる誘導は勧誘の典型です。",
        "Watch-a-video-then-leave-your-e-mail is a typical recruitment funnel.",
        keywords=("@video",),
        near=("@watch", "@leave_contact"),
        window=80,
        discussable=True,
        same_sentence=False,
    ),
    _r(
        "funnel.official_line",
        "funnel",
        4.0,
        "特典を餌に外部の公式アカウントへ登録させる誘導です。",
        "Lures people into following an outside account with a free gift.",
        keywords=("公式line", "line公式", "公式アカウント"),
        near=("@gift", "@leave_contact"),
        window=60,
        discussable=True,
        unless_near=("@app_work_frame",),
        unless_window=6,
    ),
    # --- unrealistic reward bait --------------------------------------------------------------
    _r(
        "reward.easy_money",
        "reward_bait",
        5.0,
        "「簡単な作業で高収入」をうたう案件は詐欺の可能性が高いため確認が必要です。",
        "'Easy work, big money' offers are usually scams and need review.",
        keywords=("@easy",),
        near=("$money_big",),
        window=50,
        discussable=True,
        same_sentence=False,
    ),
    _r(
        "reward.guarantee",
        "reward_bait",
        3.0,
        "収入を保証する表現は禁止されています。",
        "Guaranteed-income claims are not allowed.",
        keywords=("@guarantee",),
        discussable=True,
    ),
    _r(
        "reward.easy_earn",
        "reward_bait",
        1.5,
        "簡単に稼げることを強調する表現です。",
        "Stresses how easy the money is.",
        keywords=("@easy",),
        near=("@earn",),
        window=20,
        discussable=True,
    ),
    _r(
        "reward.prize",
        "reward_bait",
        4.0,
        "当選や賞品を口実に連絡を求める内容は詐欺の典型です。",
        "A 'you have won' prize that asks you to call or reply is a classic scam.",
        keywords=("@prize",),
        near=("@claim_act",),
        window=60,
        discussable=True,
    ),
    _r(
        "reward.premium_sms",
        "reward_bait",
        4.0,
        "有料番号やショートコードへの返信を求める内容です。",
        "Asks you to text or call a short or premium-rate number.",
        patterns=(
            r"(?:txt|text|send|reply|sms)\s[a-z0-9]{2,12}\s(?:to|2)\s[0-9]{4,6}(?![0-9])",
            r"(?<![0-9])(?:09[0-9]{9}|0871[0-9]{7}|087[0-9]{8})(?![0-9])",
        ),
        gate=("txt", "text", "send", "reply", "sms", "09", "087"),
        negatable=False,
        role="artifact",
    ),
    # --- MLM, network business, pyramid schemes -----------------------------------------------
    _r(
        "mlm.scheme",
        "mlm",
        4.0,
        "ネットワークビジネス・マルチ商法・ねずみ講の勧誘は禁止されています。",
        "Network marketing, MLM and pyramid pitches are prohibited.",
        keywords=("@mlm_strong",),
        discussable=True,
    ),
    _r(
        "mlm.recruit",
        "mlm",
        2.5,
        "会員紹介で報酬が増える仕組みはマルチ商法の特徴です。",
        "Pay for recruiting members is the mark of a pyramid or MLM scheme.",
        keywords=("@mlm_medium",),
        discussable=True,
        unless_near=("@referral_legit",),
        unless_window=30,
    ),
    # --- upfront fees ---------------------------------------------------------------------------
    _r(
        "fee.upfront",
        "upfront_fee",
        4.5,
        "仕事を始める前に教材費・登録料などの支払いを求めることは禁止されています。",
        "Asking workers to pay fees (materials, registration, manuals) up front is prohibited.",
        keywords=("@fee",),
        near=("@pay",),
        window=30,
        discussable=True,
        same_sentence=False,
        unless_near=("@fee_free",),
        unless_window=12,
    ),
    # --- parcel forwarding ------------------------------------------------------------------------
    _r(
        "parcel.forward",
        "parcel",
        5.0,
        "荷物の受け取り・転送の仕事は犯罪に利用されるおそれがあります。",
        "Receiving and forwarding parcels is a known fraud and money-mule pattern.",
        keywords=("@parcel",),
        near=("@forward",),
        window=40,
        discussable=True,
        negatable=False,
    ),
    _r(
        "parcel.forward_home",
        "parcel",
        4.0,
        "自宅で受け取った物を別の住所へ送る仕事は犯罪に利用されるおそれがあります。",
        "Receiving goods at home and sending them on is a known fraud pattern.",
        keywords=("@home_receive",),
        near=("@forward",),
        window=40,
        discussable=True,
        negatable=False,
    ),
    _r(
        "parcel.home",
        "parcel",
        2.0,
        "自宅で荷物を受け取る仕事は犯罪に利用されるおそれがあります。",
        "Taking in parcels at your home is a known fraud pattern.",
        keywords=("@parcel",),
        near=("@home_receive",),
        window=20,
        discussable=True,
    ),
    _r(
        "parcel.cash",
        "parcel",
        2.0,
        "即日現金払いをうたう荷物関連の仕事です。",
        "A parcel job that promises same-day cash.",
        keywords=(
            "即日払い",
            "即日現金",
            "日払い",
            "即金",
            "当日現金",
            "現金手渡し",
            "same day cash",
            "same-day cash",
            "cash same day",
            "paid same day",
            "cash daily",
        ),
        near=("@parcel",),
        window=80,
        discussable=True,
    ),
)
DEFAULT_RULES += GUIDELINE_RULES
