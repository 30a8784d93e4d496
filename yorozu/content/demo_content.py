# ruff: noqa: E501 — prose in Markdown: wrapping lines would change the paragraphs.
"""The content yorozu ships with: the secretariat's notices, FAQ, terms, guidelines, safety page
and support articles, in Japanese and English. Loaded (idempotently) by `manage.py load_content`.

Anchors are part of the contract with the rest of the site: cautions, report forms and restriction
notices link to `/help/guidelines/#<anchor>` and `/safety/#<anchor>`. Never rename one.
"""

from typing import TypedDict


class NoticeItem(TypedDict):
    slug: str
    days_ago: int  # publish_at is set to this many days before the load, on creation only
    category: str
    pinned: bool
    title_ja: str
    title_en: str
    body_ja: str
    body_en: str


class FaqEntryItem(TypedDict):
    slug: str
    question_ja: str
    question_en: str
    answer_ja: str
    answer_en: str


class FaqCategoryItem(TypedDict):
    slug: str
    name_ja: str
    name_en: str
    entries: list[FaqEntryItem]


class TermsItem(TypedDict):
    version: str
    effective_days_ago: int  # effective_on is set relative to the load, on creation only
    title_ja: str
    title_en: str
    body_ja: str
    body_en: str
    changes_ja: str
    changes_en: str


class SectionItem(TypedDict):
    anchor: str
    title_ja: str
    title_en: str
    body_ja: str
    body_en: str


class PageItem(TypedDict):
    slug: str
    kind: str
    title_ja: str
    title_en: str
    summary_ja: str
    summary_en: str
    body_ja: str
    body_en: str
    sections: list[SectionItem]


GUIDELINE_ANCHORS = (
    "prohibited-mlm",
    "prohibited-off-platform",
    "prohibited-contact-harvesting",
    "prohibited-upfront-fees",
    "prohibited-bait-and-switch",
    "prohibited-unrealistic-rewards",
    "prohibited-parcel-forwarding",
    "prohibited-illegal",
)
SAFETY_ANCHORS = (
    "message-screening",
    "posting-monitoring",
    "escrow",
    "certified-clients",
    "reports",
    "restrictions",
    "scam-job-full",
    "scam-video-then-form",
    "scam-easy-money",
    "scam-external-chat",
    "scam-upfront-fees",
    "scam-mlm",
)

# ---------------------------------------------------------------------------------------------
# Notices: the secretariat's monthly updates (days_ago sets publish_at when first created).
# ---------------------------------------------------------------------------------------------
NOTICES: list[NoticeItem] = [
    {
        "slug": "monthly-update-message-screening",
        "days_ago": 2,
        "category": "safety",
        "pinned": False,
        "title_ja": "【事務局からのお知らせ】仮払い前の連絡先交換に警告を表示するようになりました",
        "title_en": "From the secretariat: a warning before contact details are sent ahead of escrow",
        "body_ja": """いつもyorozuをご利用いただきありがとうございます。事務局です。

今月は、メッセージを安心してやり取りしていただくための新しい仕組みについてお知らせします。

## メッセージ送信前のチェックを強化しました

仮払い（エスクロー）が完了する前のメッセージで、メールアドレス・電話番号・LINE IDなどの連絡先や、外部サービスへの誘導と思われる内容を送ろうとすると、**送信前に注意メッセージを表示**するようになりました。

- 受け取る側にも「契約前の外部連絡にご注意ください」という注意書きが表示されます。
- 「募集は締め切りました。代わりにこちらの仕事を」といった別案件への誘導や、前払いを求める内容は、事務局の確認が終わるまでお届けを保留することがあります。
- 明らかな違反と判断したメッセージは送信されず、理由をご説明します。入力した下書きは消えません。

## なぜ仮払い前なのか

仮払い前に外部のチャットへ移ると、報酬が支払われない、個人情報を悪用されるといったトラブルに巻き込まれても、yorozuとしてお守りすることができません。詳しくは[ガイドラインの「外部サービスへの誘導・直接取引」](/help/guidelines/#prohibited-off-platform)をご確認ください。

不審なメッセージを受け取ったときは、メッセージ画面の「違反を報告」からお知らせください。事務局が24時間365日確認しています。

今後ともyorozuをよろしくお願いいたします。
""",
        "body_en": """Thank you for using yorozu. This is the secretariat.

This month we are introducing a new safeguard that helps you exchange messages with confidence.

## Stronger checks before a message is sent

Before escrow is funded, if you try to send contact details — an e-mail address, a phone number, a LINE ID — or something that looks like a move to an outside service, **you now see a warning before the message is sent**.

- The recipient also sees a caution about moving off the platform before a contract.
- Messages offering "another job because this one is full", or asking for money up front, may be held until the secretariat has checked them.
- Messages that clearly break the rules are not sent; we explain why, and your draft is kept.

## Why before escrow?

If you move to an outside chat before escrow, we cannot protect you when the fee is never paid or your personal information is misused. See [the guidelines on off-platform recruiting and direct dealing](/help/guidelines/#prohibited-off-platform).

If you receive a suspicious message, please use "Report a violation" on the message screen. The secretariat checks reports around the clock, every day of the year.
""",
    },
    {
        "slug": "maintenance-notice",
        "days_ago": 12,
        "category": "maintenance",
        "pinned": False,
        "title_ja": "システムメンテナンスのお知らせ",
        "title_en": "Scheduled system maintenance",
        "body_ja": """サービス品質向上のため、深夜帯にシステムメンテナンスを実施しました。

メンテナンス中は一時的にメッセージの送信や仮払いの手続きができない時間がありました。ご不便をおかけしましたことをお詫び申し上げます。

今後もメンテナンスの予定は、こちらのお知らせで事前にご案内します。
""",
        "body_en": """We carried out system maintenance overnight to improve the service.

For a short time during the maintenance, sending messages and funding escrow were unavailable. We apologise for the inconvenience.

Future maintenance will be announced here in advance.
""",
    },
    {
        "slug": "monthly-update-certified-clients",
        "days_ago": 32,
        "category": "features",
        "pinned": False,
        "title_ja": "【事務局からのお知らせ】「認定クライアント」制度を開始しました",
        "title_en": "From the secretariat: introducing certified clients",
        "body_ja": """いつもyorozuをご利用いただきありがとうございます。事務局です。

ワーカーの皆さまが安心してお仕事を選べるよう、**認定クライアント**制度を開始しました。

## 認定クライアントとは

発注実績、ワーカーからの満足度、本人確認、お支払いの実績、メッセージの返信率、規約違反がないことなど、事務局が定めた基準を満たしたクライアントです。

- プロフィール、仕事検索の結果、仕事の詳細ページにバッジが表示されます。
- 仕事検索では「認定クライアントのみ」に絞り込めます。
- クライアントの皆さまは、専用ページで各基準の達成状況を確認できます。

認定状況は毎日、また取引の完了などに合わせて見直します。基準を満たさなくなった場合や違反が確認された場合は、認定を取り消すことがあります。

## ワーカー検索とスカウト

あわせて、クライアントの皆さまが**契約して完了した仕事のカテゴリ**や都道府県、年代などでワーカーを探し、スカウトを送れるようになりました。性別・年代の表示やスカウトの受け取りは、ワーカーご本人が設定で選べます。
""",
        "body_en": """Thank you for using yorozu. This is the secretariat.

So that workers can choose jobs with confidence, we have launched **certified clients**.

## What is a certified client?

A client who meets the criteria the secretariat sets: order record, satisfaction reported by workers, verified identity, payment record, reply rate, and no violations of the terms.

- A badge appears on their profile, in job search results and on job pages.
- Job search can be filtered to certified clients only.
- Clients can see their progress towards each criterion on a dedicated page.

Certification is reviewed daily and whenever a relevant event happens, such as a completed contract. It may be withdrawn when a client no longer meets the criteria or a violation is confirmed.

## Worker search and scouting

Clients can now also find workers by the categories of jobs they have **completed under contract**, by prefecture and by age band, and send them a scout. Workers decide in their settings whether their gender and age are shown and whether they accept scouts.
""",
    },
    {
        "slug": "support-freelance-act",
        "days_ago": 45,
        "category": "support",
        "pinned": False,
        "title_ja": "フリーランスの皆さまへ：取引の基本をまとめた記事を公開しました",
        "title_en": "For freelancers: new articles on the basics of working with clients",
        "body_ja": """フリーランスとして安心してお仕事を続けていただくため、サポート情報に記事を追加しました。

- [フリーランス新法と相談窓口](/help/support/freelance-act/)
- [確定申告とインボイスの基本](/help/support/tax-basics/)

ぜひご一読ください。
""",
        "body_en": """To help you keep working safely as a freelancer, we have added articles to our support information.

- [The Freelance Act and where to get advice](/help/support/freelance-act/)
- [Basics of tax returns and invoices](/help/support/tax-basics/)
""",
    },
    {
        "slug": "monthly-update-monitoring-and-restrictions",
        "days_ago": 62,
        "category": "safety",
        "pinned": True,
        "title_ja": "【事務局からのお知らせ】仕事の掲載を24時間365日監視しています",
        "title_en": "From the secretariat: every job posting is monitored, 24/365",
        "body_ja": """いつもyorozuをご利用いただきありがとうございます。事務局です。

今月は、仕事の掲載監視と違反への対応についてご報告します。

## すべての掲載を公開前にチェック

新しく掲載される仕事、そして編集された仕事は、公開される前に自動でチェックしています。MLM・ネットワークビジネス・ねずみ講の勧誘、外部サービスへの誘導、連絡先の収集を目的とした募集など、[ガイドラインで禁止している仕事](/help/guidelines/)の疑いがあるものは、事務局が確認するまで公開されません。判断の基準は随時見直し、見直した際はすでに公開中の仕事もあらためてチェックしています。

## 違反報告と利用制限

「この仕事を報告」「違反を報告」からいただいた報告は、事務局が順番に確認しています。悪質な違反が確認されたアカウントには、**利用制限**（原則として無期限）を行います。利用制限を受けたアカウントの仕事やメッセージは表示されなくなり、新たな掲載やメッセージの送信もできなくなります。

先月は、外部チャットへの誘導や前払いを求める募集について多くのご報告をいただきました。ご協力に感謝いたします。手口の見分け方は[安全への取り組み](/safety/)にまとめています。
""",
        "body_en": """Thank you for using yorozu. This is the secretariat.

This month we report on how job postings are monitored and how violations are handled.

## Every posting is checked before it goes public

New job postings, and every edit, are checked automatically before they are published. Anything that looks like a job [the guidelines prohibit](/help/guidelines/) — MLM, network business or pyramid recruiting, moving people to outside services, collecting contact details — stays hidden until the secretariat has reviewed it. We revise the rules as scams change, and every open job is checked again when we do.

## Reports and usage restrictions

Reports sent through "Report this job" and "Report a violation" are reviewed by the secretariat in turn. Accounts found to have committed serious violations receive a **usage restriction** (by default, permanent): their jobs and messages are hidden and they can no longer post or send messages.

Last month many of you reported jobs that moved people to outside chats or asked for money up front. Thank you. How to recognise these tricks is explained on [our safety page](/safety/).
""",
    },
    {
        "slug": "monthly-update-scam-patterns",
        "days_ago": 92,
        "category": "safety",
        "pinned": False,
        "title_ja": "【事務局からのお知らせ】最近多い「別案件への誘導」にご注意ください",
        "title_en": "From the secretariat: beware of being steered to another job",
        "body_ja": """いつもyorozuをご利用いただきありがとうございます。事務局です。

最近、応募後に「この募集は定員に達しました。代わりにこちらのお仕事はいかがですか」と別の仕事を紹介し、動画の視聴やメールフォームへの登録、LINEでのやり取りへ誘導する事例が報告されています。

こうした誘導の先で、高額な教材費や登録料を求められるケースが確認されています。

- 契約前に外部のチャットへ移るよう求められたら、やり取りを中断してください。
- 「誰でも簡単に月30万円」のような報酬をうたう話には応じないでください。
- 少しでも不審に思ったら「違反を報告」からお知らせください。

詳しい見分け方は[安全への取り組み](/safety/#scam-job-full)をご覧ください。
""",
        "body_en": """Thank you for using yorozu. This is the secretariat.

We have recently received reports of people being told after they apply that "this job is full — how about this one instead?", and then being steered to watch videos, register through an e-mail form, or continue on LINE.

Further down that path, some were asked to pay large fees for course materials or registration.

- If you are asked to move to an outside chat before a contract, stop the conversation.
- Do not respond to promises such as "anyone can easily earn ¥300,000 a month".
- If anything feels wrong, please use "Report a violation".

How to recognise these tricks is explained on [our safety page](/safety/#scam-job-full).
""",
    },
]

# ---------------------------------------------------------------------------------------------
# FAQ: categories, each with entries (slugs are anchors on /help/faq/).
# ---------------------------------------------------------------------------------------------
FAQ: list[FaqCategoryItem] = [
    {
        "slug": "getting-started",
        "name_ja": "はじめての方へ",
        "name_en": "Getting started",
        "entries": [
            {
                "slug": "what-is-yorozu",
                "question_ja": "yorozuはどんなサービスですか？",
                "question_en": "What is yorozu?",
                "answer_ja": "仕事を依頼したいクライアントと、仕事を受けたいワーカーをつなぐクラウドソーシングサービスです。報酬は仮払いでお預かりし、納品と検収が終わってからワーカーにお支払いします。",
                "answer_en": "A crowdsourcing marketplace that connects clients who need work done with workers who want to do it. The fee is held in escrow and paid to the worker once the work is delivered and accepted.",
            },
            {
                "slug": "fees-to-register",
                "question_ja": "登録にお金はかかりますか？",
                "question_en": "Does it cost anything to sign up?",
                "answer_ja": "会員登録は無料です。契約が成立した場合にのみ、所定のシステム利用料がかかります。登録時や応募時に料金を求めることはありません。",
                "answer_en": "Signing up is free. A system fee applies only when a contract is made. We never charge you to register or to apply.",
            },
            {
                "slug": "client-and-worker",
                "question_ja": "クライアントとワーカーの両方として使えますか？",
                "question_en": "Can I be both a client and a worker?",
                "answer_ja": "はい。ひとつのアカウントで、画面上部の切り替えから「クライアント」「ワーカー」を選べます。",
                "answer_en": "Yes. With one account you can switch between acting as a client and as a worker from the top of the screen.",
            },
            {
                "slug": "how-to-apply",
                "question_ja": "仕事に応募するにはどうすればよいですか？",
                "question_en": "How do I apply for a job?",
                "answer_ja": "仕事の詳細ページで内容をよく確認し、「提案する」から金額と提案内容を送ってください。クライアントが提案を選ぶと契約に進みます。",
                "answer_en": 'Read the job page carefully, then use "Propose" to send your price and proposal. When the client accepts it, you move on to a contract.',
            },
            {
                "slug": "how-to-post",
                "question_ja": "仕事を依頼するにはどうすればよいですか？",
                "question_en": "How do I post a job?",
                "answer_ja": "クライアントとして「仕事を依頼する」から、内容・予算・期限を入力して掲載します。掲載前に[ガイドライン](/help/guidelines/)をご確認ください。",
                "answer_en": 'Acting as a client, use "Post a job" and fill in the details, budget and deadline. Please read [the guidelines](/help/guidelines/) first.',
            },
        ],
    },
    {
        "slug": "payments",
        "name_ja": "お支払い・仮払い",
        "name_en": "Payments and escrow",
        "entries": [
            {
                "slug": "what-is-escrow",
                "question_ja": "仮払いとは何ですか？",
                "question_en": "What is escrow (仮払い)?",
                "answer_ja": "契約時にクライアントが報酬をyorozuに預ける仕組みです。ワーカーは報酬が確保されていることを確認してから作業を始められ、クライアントは納品物を確認してから支払いを確定できます。",
                "answer_en": "When a contract is made, the client deposits the fee with yorozu. The worker can start knowing the money is there, and the client releases it only after checking the delivery.",
            },
            {
                "slug": "start-before-escrow",
                "question_ja": "仮払い前に作業を始めてもよいですか？",
                "question_en": "May I start working before escrow is funded?",
                "answer_ja": "おすすめしません。仮払い前に作業を始めると、報酬が支払われないトラブルにつながります。必ず仮払いの完了を確認してから作業を始めてください。",
                "answer_en": "We advise against it. Starting before escrow leads to unpaid work. Always check that escrow is funded before you begin.",
            },
            {
                "slug": "when-paid",
                "question_ja": "報酬はいつ受け取れますか？",
                "question_en": "When do I get paid?",
                "answer_ja": "クライアントが納品物を検収すると報酬が確定し、所定の手続きを経てお受け取りいただけます。",
                "answer_en": "Once the client accepts your delivery, the fee is confirmed and paid out through the usual procedure.",
            },
            {
                "slug": "direct-payment",
                "question_ja": "yorozuを通さずに直接支払ってもよいですか？",
                "question_en": "Can we pay each other directly, outside yorozu?",
                "answer_ja": "できません。yorozuで知り合った相手との直接取引は禁止しています。トラブルが起きたときにお守りできなくなるためです。詳しくは[ガイドライン](/help/guidelines/#prohibited-off-platform)をご覧ください。",
                "answer_en": "No. Direct dealing with someone you met on yorozu is prohibited, because we cannot protect you if something goes wrong. See [the guidelines](/help/guidelines/#prohibited-off-platform).",
            },
            {
                "slug": "cancel-contract",
                "question_ja": "契約をキャンセルしたいときは？",
                "question_en": "How do I cancel a contract?",
                "answer_ja": "まずは相手とメッセージでご相談ください。合意のうえでキャンセルした場合、仮払いされた報酬はクライアントに返金されます。話し合いがまとまらない場合は事務局にご相談ください。",
                "answer_en": "First talk it over with the other party in messages. If you both agree to cancel, the escrowed fee is refunded to the client. If you cannot agree, contact the secretariat.",
            },
        ],
    },
    {
        "slug": "safety",
        "name_ja": "安全・トラブル",
        "name_en": "Safety and trouble",
        "entries": [
            {
                "slug": "asked-to-use-line",
                "question_ja": "契約前にLINEやChatworkでのやり取りを求められました。",
                "question_en": "I was asked to continue on LINE or Chatwork before a contract.",
                "answer_ja": "応じないでください。契約前の外部ツールへの誘導は禁止しており、詐欺の入口になりやすい手口です。メッセージ画面の「違反を報告」からお知らせください。",
                "answer_en": 'Please decline. Moving to outside tools before a contract is prohibited and is a common way into scams. Use "Report a violation" on the message screen.',
            },
            {
                "slug": "asked-for-fee",
                "question_ja": "仕事を始める前に教材費や登録料を払うよう言われました。",
                "question_en": "I was told to pay for materials or registration before starting.",
                "answer_ja": "お支払いしないでください。ワーカーに前払いを求める募集は禁止しています。すぐに事務局へ報告してください。",
                "answer_en": "Do not pay. Jobs that ask workers to pay up front are prohibited. Please report it to the secretariat straight away.",
            },
            {
                "slug": "why-warning",
                "question_ja": "メッセージを送ろうとしたら注意が表示されました。なぜですか？",
                "question_en": "A warning appeared when I tried to send a message. Why?",
                "answer_ja": "仮払い前に連絡先や外部サービスへの誘導と思われる内容が含まれていると、送信前に注意を表示します。内容を見直してから送信してください。詳しくは[安全への取り組み](/safety/#message-screening)をご覧ください。",
                "answer_en": "Before escrow, we show a warning when a message seems to contain contact details or a move to an outside service. Please review it before sending. See [our safety page](/safety/#message-screening).",
            },
            {
                "slug": "message-held",
                "question_ja": "送ったメッセージが「確認中」になっています。",
                "question_en": "My message says it is being reviewed.",
                "answer_ja": "規約違反の可能性がある内容は、事務局が確認するまでお届けを保留することがあります。確認が終わり次第、お届けするか、理由をお知らせします。",
                "answer_en": "Messages that may break the rules can be held until the secretariat has reviewed them. Once reviewed, they are delivered or we tell you why not.",
            },
            {
                "slug": "how-to-report",
                "question_ja": "不審なユーザーや仕事を見つけたら？",
                "question_en": "What should I do if I find a suspicious user or job?",
                "answer_ja": "仕事の詳細ページの「この仕事を報告」、プロフィールやメッセージの「違反を報告」からお知らせください。報告した相手に、あなたが報告したことは伝わりません。",
                "answer_en": 'Use "Report this job" on the job page, or "Report a violation" on a profile or message. The person you report is not told who reported them.',
            },
            {
                "slug": "job-hidden",
                "question_ja": "掲載した仕事がすぐに公開されません。",
                "question_en": "My job posting was not published straight away.",
                "answer_ja": "すべての仕事は公開前にチェックしています。ガイドラインに抵触する可能性がある場合は、事務局の確認が終わるまで公開を保留します。結果はお知らせでご連絡します。",
                "answer_en": "Every job is checked before it goes public. If it may conflict with the guidelines, it stays hidden until the secretariat has reviewed it; we will notify you of the outcome.",
            },
        ],
    },
    {
        "slug": "account",
        "name_ja": "アカウント・認定",
        "name_en": "Account and certification",
        "entries": [
            {
                "slug": "certified-client",
                "question_ja": "認定クライアントになるには？",
                "question_en": "How do I become a certified client?",
                "answer_ja": "発注実績、満足度、本人確認、お支払い実績、返信率、違反がないことなどの基準を満たすと自動的に認定されます。達成状況はクライアント向けの専用ページで確認できます。",
                "answer_en": "You are certified automatically once you meet the criteria: order record, satisfaction, verified identity, payment record, reply rate and no violations. Your progress is shown on a page for clients.",
            },
            {
                "slug": "stop-scouts",
                "question_ja": "スカウトを受け取りたくありません。",
                "question_en": "I do not want to receive scouts.",
                "answer_ja": "アカウント設定で「スカウトを受け取る」をオフにしてください。性別や年代を表示するかどうかも設定で選べます。",
                "answer_en": 'Turn off "Accept scouts" in your account settings. You can also choose there whether your gender and age are shown.',
            },
            {
                "slug": "restricted",
                "question_ja": "利用制限とは何ですか？",
                "question_en": "What is a usage restriction?",
                "answer_ja": "悪質な規約違反が確認されたアカウントに対する措置です。仕事やメッセージが表示されなくなり、掲載やメッセージの送信ができなくなります。措置の理由は通知でお知らせします。",
                "answer_en": "A measure against accounts found to have seriously broken the terms. Their jobs and messages are hidden, and they can no longer post or send messages. The reasons are sent in a notification.",
            },
            {
                "slug": "change-email",
                "question_ja": "メールアドレスを変更したいです。",
                "question_en": "How do I change my e-mail address?",
                "answer_ja": "アカウント設定から変更できます。",
                "answer_en": "You can change it in your account settings.",
            },
            {
                "slug": "delete-account",
                "question_ja": "退会するには？",
                "question_en": "How do I close my account?",
                "answer_ja": "進行中の契約がすべて完了していることを確認のうえ、事務局までご連絡ください。",
                "answer_en": "Make sure all your contracts are completed, then contact the secretariat.",
            },
        ],
    },
]

# ---------------------------------------------------------------------------------------------
# Terms of use: two versions; effective_days_ago sets effective_on when first created.
# ---------------------------------------------------------------------------------------------
_TERMS_COMMON_JA = """## 第1条（目的）
本規約は、yorozu（以下「本サービス」）の利用条件を定めるものです。

## 第2条（会員登録）
利用者は、正確な情報で会員登録を行うものとします。

## 第3条（契約と仮払い）
クライアントとワーカーの契約は本サービス上で成立し、クライアントは作業開始前に報酬を仮払いするものとします。

## 第4条（禁止事項）
利用者は、[仕事掲載ガイドライン](/help/guidelines/)に定める行為その他法令に違反する行為をしてはなりません。
"""
_TERMS_COMMON_EN = """## Article 1 (Purpose)
These terms set out the conditions for using yorozu (the "Service").

## Article 2 (Registration)
Users register with accurate information.

## Article 3 (Contracts and escrow)
Contracts between clients and workers are made on the Service, and the client funds escrow before work begins.

## Article 4 (Prohibited conduct)
Users must not do anything prohibited by the [job-posting guidelines](/help/guidelines/) or by law.
"""

TERMS: list[TermsItem] = [
    {
        "version": "1.0",
        "effective_days_ago": 400,
        "title_ja": "yorozu 利用規約",
        "title_en": "yorozu Terms of Use",
        "body_ja": _TERMS_COMMON_JA,
        "body_en": _TERMS_COMMON_EN,
        "changes_ja": "制定。",
        "changes_en": "First version.",
    },
    {
        "version": "2.0",
        "effective_days_ago": 30,
        "title_ja": "yorozu 利用規約",
        "title_en": "yorozu Terms of Use",
        "body_ja": _TERMS_COMMON_JA
        + """
## 第5条（直接取引の禁止）
利用者は、本サービスで知り合った相手と、本サービスを介さずに取引をしてはなりません。仮払い前に連絡先を交換し、または外部サービスへ誘導することも同様とします。

## 第6条（メッセージと掲載の確認）
当社は、利用者の安全を守るため、メッセージおよび仕事の掲載内容を確認し、違反のおそれがあるものの配信または公開を保留し、もしくは拒否することがあります。

## 第7条（利用制限）
当社は、本規約に違反した利用者に対し、理由を示したうえで、本サービスの全部または一部の利用を制限することができます。
""",
        "body_en": _TERMS_COMMON_EN
        + """
## Article 5 (No direct dealing)
Users must not deal with someone they met on the Service outside the Service. Exchanging contact details or moving to an outside service before escrow is also prohibited.

## Article 6 (Checks on messages and postings)
To keep users safe, we check messages and job postings, and may hold or refuse to deliver or publish those that may break these terms.

## Article 7 (Usage restrictions)
We may restrict all or part of a user's use of the Service when they break these terms, giving our reasons.
""",
        "changes_ja": """- 直接取引の禁止（第5条）を追加し、仮払い前の連絡先交換・外部サービスへの誘導を明記しました。
- メッセージと掲載内容の確認（第6条）について定めました。
- 利用制限とその理由の通知（第7条）について定めました。""",
        "changes_en": """- Added Article 5 prohibiting direct dealing, including exchanging contact details or moving off the platform before escrow.
- Added Article 6 on checks of messages and job postings.
- Added Article 7 on usage restrictions and the statement of reasons.""",
    },
]


def _section(anchor: str, title_ja: str, title_en: str, body_ja: str, body_en: str) -> SectionItem:
    return {
        "anchor": anchor,
        "title_ja": title_ja,
        "title_en": title_en,
        "body_ja": body_ja,
        "body_en": body_en,
    }


# ---------------------------------------------------------------------------------------------
# Help pages: guidelines, safety, support articles.
# ---------------------------------------------------------------------------------------------
GUIDELINES: PageItem = {
    "slug": "guidelines",
    "kind": "guidelines",
    "title_ja": "仕事掲載ガイドライン",
    "title_en": "Job-posting guidelines",
    "summary_ja": "yorozuで掲載できない仕事と、その具体例です。",
    "summary_en": "The jobs that cannot be posted on yorozu, with examples.",
    "body_ja": "yorozuでは、ワーカーとクライアントの双方が安心して取引できるよう、次のような仕事の掲載や勧誘を禁止しています。掲載はすべて公開前に確認し、違反が確認された場合は掲載の取り下げや[利用制限](/safety/#restrictions)を行います。",
    "body_en": "So that workers and clients can deal with each other safely, yorozu prohibits posting or recruiting for the jobs below. Every posting is checked before it goes public; violations lead to removal and, where serious, a [usage restriction](/safety/#restrictions).",
    "sections": [
        _section(
            "prohibited-mlm",
            "MLM・ネットワークビジネス・ねずみ講の勧誘",
            "MLM, network business and pyramid schemes",
            """会員を増やすことで報酬が得られる仕組みへの勧誘や、その入口となる募集は禁止です。

**例**

- 「紹介した人数に応じて収入が増えます」
- 「まずは説明会（オンラインセミナー）に参加するだけでOK」
- 商品の購入や会員登録を条件にした「お仕事」""",
            """Recruiting people into schemes that pay for bringing in new members, or posting jobs that lead into one, is prohibited.

**Examples**

- "Your income grows with every person you introduce"
- "Just join our online seminar to get started"
- A "job" that requires buying products or signing up as a member""",
        ),
        _section(
            "prohibited-off-platform",
            "外部サービスへの誘導・直接取引",
            "Off-platform recruiting and direct dealing",
            """yorozuを介さずに取引することや、契約・仮払いの前にLINE、Chatwork、メールなど外部のサービスへ誘導することは禁止です。

**例**

- 「詳細はLINEでお伝えします。IDを追加してください」
- 「手数料がかかるので、直接振り込みでやり取りしましょう」
- 募集文に外部サイトの登録フォームを載せる""",
            """Dealing outside yorozu, or moving people to outside services such as LINE, Chatwork or e-mail before a contract and escrow, is prohibited.

**Examples**

- "I'll explain the details on LINE — please add my ID"
- "Let's avoid the fees and pay by direct bank transfer"
- A job description that links to a sign-up form on another site""",
        ),
        _section(
            "prohibited-contact-harvesting",
            "連絡先・個人情報の収集",
            "Harvesting contact details and personal data",
            """仕事の実態がなく、応募者のメールアドレス、電話番号、SNSアカウントなどを集めることが目的の募集は禁止です。

**例**

- 「応募の際にメールアドレスと電話番号を書いてください」
- アンケート回答を装って個人情報を入力させる""",
            """Jobs with no real work whose purpose is to collect applicants' e-mail addresses, phone numbers or social media accounts are prohibited.

**Examples**

- "Include your e-mail address and phone number in your proposal"
- A "survey" that collects personal information""",
        ),
        _section(
            "prohibited-upfront-fees",
            "登録料・教材費などの前払いの要求",
            "Asking for upfront fees",
            """ワーカーに対して、仕事を始める条件として登録料、教材費、保証金、ツール代などの支払いを求めることは禁止です。

**例**

- 「まずはマニュアル代として3万円をお支払いください」
- 「高単価の案件を紹介するには有料会員登録が必要です」""",
            """Asking workers to pay a registration fee, course materials, a deposit or tool costs as a condition of starting work is prohibited.

**Examples**

- "First, please pay ¥30,000 for the manual"
- "You need a paid membership to be introduced to high-paying jobs\"""",
        ),
        _section(
            "prohibited-bait-and-switch",
            "募集内容と異なる仕事への誘導",
            "Bait-and-switch",
            """掲載した内容とは異なる仕事や条件を提示することは禁止です。

**例**

- 「この募集は定員に達したので、代わりにこちらの仕事を」と別の案件を紹介する
- 応募後に報酬や作業内容を大きく変える""",
            """Offering a different job or different terms from the ones you posted is prohibited.

**Examples**

- "This job is full, but here is another one instead"
- Changing the fee or the work substantially after people apply""",
        ),
        _section(
            "prohibited-unrealistic-rewards",
            "非現実的な高報酬をうたう募集",
            "Unrealistic-reward bait",
            """作業内容に見合わない高額な報酬や、誰でも簡単に稼げることを強調する募集は禁止です。

**例**

- 「コピペだけで月30万円」
- 「スマホ1台で誰でも日給3万円」""",
            """Jobs that promise rewards out of all proportion to the work, or stress that anyone can earn easily, are prohibited.

**Examples**

- "¥300,000 a month just by copying and pasting"
- "Anyone can earn ¥30,000 a day with just a smartphone\"""",
        ),
        _section(
            "prohibited-parcel-forwarding",
            "荷物の受け取り・転送",
            "Parcel receiving and forwarding",
            """自宅などで荷物を受け取って別の住所へ転送する仕事や、口座・携帯電話の名義を貸す仕事は、犯罪に利用されるおそれがあるため禁止です。

**例**

- 「届いた荷物を指定の住所に送るだけの簡単なお仕事」
- 「使っていない口座を買い取ります」""",
            """Jobs receiving parcels at home and forwarding them to another address, or lending out bank accounts or phone contracts, are prohibited because they are used in crime.

**Examples**

- "Easy job: just send on the parcels you receive to the address we give you"
- "We buy bank accounts you no longer use\"""",
        ),
        _section(
            "prohibited-illegal",
            "法令違反・公序良俗に反する仕事",
            "Illegal or harmful jobs",
            """法令に違反する仕事や、他人の権利を侵害する仕事は禁止です。

**例**

- 口コミ・レビューの代筆（ステルスマーケティング）
- 他人の著作物の無断転載
- 資格が必要な業務を無資格で行わせる""",
            """Jobs that break the law or infringe other people's rights are prohibited.

**Examples**

- Writing fake reviews (stealth marketing)
- Copying other people's copyrighted work without permission
- Asking unlicensed people to do work that requires a licence""",
        ),
    ],
}

SAFETY: PageItem = {
    "slug": "safety",
    "kind": "safety",
    "title_ja": "安全への取り組み",
    "title_en": "Keeping you safe",
    "summary_ja": "yorozuが行っている安全対策と、よくある詐欺の手口の見分け方です。",
    "summary_en": "What yorozu does to keep you safe, and how to recognise common scams.",
    "body_ja": "yorozuでは、事務局が24時間365日、皆さまの取引を見守っています。ここでは私たちの取り組みと、ご自身で身を守るためのポイントをご紹介します。",
    "body_en": "The yorozu secretariat watches over your dealings around the clock, every day of the year. Here is what we do, and how you can protect yourself.",
    "sections": [
        _section(
            "message-screening",
            "メッセージのチェック",
            "Message screening",
            "メッセージは送信時に自動でチェックしています。仮払い前に連絡先を送ろうとしたときや外部サービスへ誘導する内容には、送信前に注意を表示します。受け取る側にも、立場に合わせた注意書きを表示します。悪質な内容は事務局の確認まで保留し、明らかな違反は送信されません。",
            "Every message is checked as it is sent. Before escrow, trying to send contact details or move to an outside service shows a warning first, and the recipient sees a caution worded for them. Suspicious messages are held for the secretariat; clear violations are not sent.",
        ),
        _section(
            "posting-monitoring",
            "仕事掲載の24時間365日監視",
            "24/365 monitoring of job postings",
            "すべての仕事の掲載と編集は、公開前にチェックしています。[ガイドライン](/help/guidelines/)で禁止している仕事の疑いがあるものは、事務局の確認が終わるまで公開されません。",
            "Every job posting and edit is checked before it goes public. Anything that looks like a job [the guidelines](/help/guidelines/) prohibit stays hidden until the secretariat has reviewed it.",
        ),
        _section(
            "escrow",
            "仮払い（エスクロー）",
            "Escrow",
            "報酬は契約時にyorozuがお預かりし、納品と検収が終わってからワーカーに支払われます。仮払いの前に作業を始めたり、外部で支払いをしたりしないでください。",
            "The fee is held by yorozu when the contract is made and paid to the worker once the work is delivered and accepted. Do not start before escrow, and never pay outside yorozu.",
        ),
        _section(
            "certified-clients",
            "認定クライアント",
            "Certified clients",
            "発注実績や満足度、本人確認、お支払い実績などの基準を満たしたクライアントにはバッジが付きます。仕事検索で認定クライアントのみに絞り込むこともできます。",
            "Clients who meet criteria such as order record, satisfaction, verified identity and payment record carry a badge. Job search can be filtered to certified clients only.",
        ),
        _section(
            "reports",
            "違反報告",
            "Reports",
            "不審な仕事・ユーザー・メッセージは「この仕事を報告」「違反を報告」からお知らせください。報告は事務局が確認し、必要な対応を行います。",
            'Report suspicious jobs, users and messages with "Report this job" or "Report a violation". The secretariat reviews every report and acts on it.',
        ),
        _section(
            "restrictions",
            "利用制限",
            "Usage restrictions",
            "悪質な違反が確認されたアカウントは、原則として無期限で利用を制限します。制限されたアカウントの仕事やメッセージは表示されなくなり、掲載やメッセージの送信もできなくなります。",
            "Accounts found to have committed serious violations are restricted, by default permanently. Their jobs and messages are hidden and they can no longer post or send messages.",
        ),
        _section(
            "scam-job-full",
            "手口：「募集は終了しました」のあとに別の仕事を紹介される",
            'Scam: another job offered after "this one is full"',
            "応募した直後に「定員に達しました」と言われ、別の「もっと稼げる仕事」を紹介されるのは典型的な手口です。紹介された仕事の先で、外部への誘導や前払いを求められることがあります。",
            'Being told straight after applying that "the job is full", then offered another "better-paid" one, is a classic trick. That other job usually leads off the platform or to a request for money.',
        ),
        _section(
            "scam-video-then-form",
            "手口：動画を見せてからメールフォームへ誘導される",
            "Scam: a video, then an e-mail form",
            "「まずはこの動画を見てください」と外部の動画を見せ、そのあとメールアドレスの登録フォームへ誘導する手口があります。登録すると、高額な教材やセミナーの勧誘が始まります。",
            'Some scams start with "please watch this video first", then lead to a form asking for your e-mail address. Once registered, you are pitched expensive courses or seminars.',
        ),
        _section(
            "scam-easy-money",
            "手口：「誰でも簡単に稼げる」",
            "Scam: easy-money claims",
            "「コピペだけで月30万円」「スキル不要で高収入」など、作業に見合わない報酬をうたう話は疑ってください。",
            'Be suspicious of claims like "¥300,000 a month just by copying and pasting" or "high income, no skills needed".',
        ),
        _section(
            "scam-external-chat",
            "手口：契約前にLINEやChatworkへ移るよう求められる",
            "Scam: moving to LINE or Chatwork before a contract",
            "契約や仮払いの前に「詳しくはLINEで」「Chatworkに招待します」と外部に移ろうとする相手には注意してください。外部でのやり取りは事務局が確認できず、トラブルからお守りできません。",
            "Be careful with anyone who wants to move to LINE or Chatwork before a contract and escrow. We cannot see conversations off the platform and cannot protect you there.",
        ),
        _section(
            "scam-upfront-fees",
            "手口：登録料・教材費の前払い",
            "Scam: upfront fees",
            "仕事を始めるためにお金を払う必要はありません。登録料、教材費、保証金などを求められたら、支払わずに報告してください。",
            "You never need to pay to start a job. If you are asked for a registration fee, materials or a deposit, do not pay — report it.",
        ),
        _section(
            "scam-mlm",
            "手口：MLM・ネットワークビジネスへの勧誘",
            "Scam: MLM pitches",
            "「仲間を紹介すると収入が増える」「権利収入」といった話は、MLMやねずみ講への勧誘の可能性があります。[ガイドライン](/help/guidelines/#prohibited-mlm)で禁止しています。",
            'Talk of "earning more by introducing friends" or "passive income rights" may be an MLM or pyramid pitch. It is prohibited by [the guidelines](/help/guidelines/#prohibited-mlm).',
        ),
    ],
}

SUPPORT_ARTICLES: list[PageItem] = [
    {
        "slug": "freelance-act",
        "kind": "support",
        "title_ja": "フリーランス新法と相談窓口",
        "title_en": "The Freelance Act and where to get advice",
        "summary_ja": "取引条件の明示や支払期日など、フリーランスを守るルールの基本です。",
        "summary_en": "The basics of the rules that protect freelancers: written terms, payment deadlines and more.",
        "body_ja": "2024年11月1日に「特定受託事業者に係る取引の適正化等に関する法律」（いわゆるフリーランス新法）が施行されました。ここでは、ワーカーの皆さまに知っておいていただきたいポイントをまとめます。正確な内容は公的機関の情報をご確認ください。",
        "body_en": 'The Act on Ensuring Proper Transactions Involving Specified Entrusted Business Operators (the "Freelance Act") took effect in Japan on 1 November 2024. Here are the points workers should know; please check official sources for the exact rules.',
        "sections": [
            {
                "anchor": "written-terms",
                "title_ja": "取引条件は書面などで明示されます",
                "title_en": "Terms must be stated clearly",
                "body_ja": "発注する側は、業務の内容、報酬の額、支払期日などを書面や電子メールなどで明示する必要があります。yorozuでは、契約画面に条件が記録されます。",
                "body_en": "The party placing the order must state the work, the fee and the payment date in writing or electronically. On yorozu, these terms are recorded on the contract page.",
            },
            {
                "anchor": "payment-deadline",
                "title_ja": "報酬の支払期日",
                "title_en": "Payment deadlines",
                "body_ja": "報酬は、原則として成果物を受け取った日から60日以内のできるだけ早い日に支払う必要があります。",
                "body_en": "As a rule, the fee must be paid as soon as possible and within 60 days of receiving the work.",
            },
            {
                "anchor": "consultation",
                "title_ja": "困ったときの相談窓口",
                "title_en": "Where to get advice",
                "body_ja": "取引上のトラブルは、厚生労働省の委託事業である「フリーランス・トラブル110番」で弁護士に無料で相談できます。yorozu上の取引については、まず事務局にご相談ください。",
                "body_en": 'For disputes, the "Freelance Trouble 110" service commissioned by the Ministry of Health, Labour and Welfare offers free advice from lawyers. For dealings on yorozu, please contact the secretariat first.',
            },
        ],
    },
    {
        "slug": "tax-basics",
        "kind": "support",
        "title_ja": "確定申告とインボイスの基本",
        "title_en": "Basics of tax returns and invoices",
        "summary_ja": "副業・フリーランスの収入に関わる税金の基本をまとめました。",
        "summary_en": "Tax basics for side-job and freelance income.",
        "body_ja": "yorozuで得た報酬は、所得として申告が必要になる場合があります。ここでは基本的な考え方をご紹介します。個別の判断は、税務署や税理士にご相談ください。",
        "body_en": "Fees earned on yorozu may need to be declared as income. Here are the basic ideas; for your own situation, please ask the tax office or a tax accountant.",
        "sections": [
            {
                "anchor": "tax-return",
                "title_ja": "確定申告が必要な場合",
                "title_en": "When you need to file a tax return",
                "body_ja": "会社員の方で副業の所得（収入から経費を差し引いた額）が年間20万円を超える場合は、原則として確定申告が必要です。専業のフリーランスの方は、所得に応じて確定申告を行います。",
                "body_en": "Salaried employees whose side income (revenue minus expenses) exceeds ¥200,000 a year generally need to file a return. Full-time freelancers file according to their income.",
            },
            {
                "anchor": "expenses",
                "title_ja": "経費と記録",
                "title_en": "Expenses and records",
                "body_ja": "仕事のために使ったパソコンやソフトウェア、通信費などは経費にできる場合があります。領収書や取引の記録は保管しておきましょう。",
                "body_en": "Computers, software and connection costs used for work may count as expenses. Keep your receipts and records.",
            },
            {
                "anchor": "invoice",
                "title_ja": "インボイス制度",
                "title_en": "The invoice system",
                "body_ja": "2023年10月から、消費税の仕入税額控除にはインボイス（適格請求書）が必要になりました。登録するかどうかは、取引先や売上の状況をふまえてご検討ください。",
                "body_en": "Since October 2023, a qualified invoice is needed for the buyer to deduct consumption tax. Whether to register depends on your clients and your revenue.",
            },
        ],
    },
]

PAGES: list[PageItem] = [GUIDELINES, SAFETY, *SUPPORT_ARTICLES]
