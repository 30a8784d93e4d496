# ruff: noqa: RUF005 - word lists read best as a split string plus a list of phrases
"""Shared word sets the rules refer to as `@name`: channels, intents, cues, frames.

Words are written as people type them; the engine runs each through the normalizer when it
compiles, so "ライン", "ＬＩＮＥ" and "line" are one entry. Keeping these sets apart from the rules
lets one improvement (a new way to say "let's talk on …") help every rule that uses the set.
"""

from __future__ import annotations

from .guideline import GUIDELINE_LEXICON
from .roles import frame_words

W = str.split

_APP_NAMES = (
    "line",
    "skype",
    "discord",
    "telegram",
    "whatsapp",
    "chatwork",
    "gmail",
    "instagram",
    "kakao",
    "ライン",
    "らいん",
)


def _masked(words: tuple[str, ...]) -> list[str]:
    """Each name with one letter hidden behind ○ ("li○e"), a common way to dodge filters."""
    return [w[:i] + "○" + w[i + 1 :] for w in words if len(w) >= 3 for i in range(len(w))]


LEXICON: dict[str, tuple[str, ...]] = {
    # Off-platform channels. Bare "x" is too common to be a keyword; X is matched as "xのdm" etc.
    "app": tuple(
        W(
            "line ライン らいん insta chatwork skype discord telegram whatsapp kakaotalk "
            "kakao カカオ "
            "wechat "
            "messenger facebook instagram ig twitter tiktok gmail yahooメール icloud hotmail "
            "outlook "
            "sns viber signalアプリ"
        )
        + ["xのdm", "x の dm", "xでdm", "xにdm", "x dm", "x(旧twitter)", "エックス"]
        + _masked(_APP_NAMES)
    ),
    # Acts of moving a conversation or handing over a handle.
    "contact_intent": tuple(
        W(
            "交換 追加 友達追加 友だち追加 ともだち追加 連絡 やりとり やり取り 送って "
            "送ります 送るので "
            "送りますね 教えて 教えます 教えてもらえ 登録して やって やってる 使って 持って "
            "受け付け 受付 "
            "で検索 検索→ id検索 待ち 話し アイディー 移動 移行 移って 移りま 移りたい "
            "話しましょう 話せ 話そう お話し お話 つながり 繋が つなが 個別 dm id qr ふるふる 申請 "
            "招待 通話 電話して 待ってます 相談しましょう 詳しくは 詳細は 続きは アカウント名 "
            "ユーザー名 にて で連絡 から連絡 へ連絡 メッセージ 追加して 追加お願い フォローして "
            "検索して 飛んで 入って 参加して 下記 以下 こちら"
        )
        + [
            "add me",
            "add my",
            "my id",
            "my handle",
            "my username",
            "my account",
            "my number",
            "contact me",
            "reach me",
            "reach out",
            "message me",
            "text me",
            "dm me",
            "ping me",
            "hit me up",
            "talk on",
            "chat on",
            "continue on",
            "continue this on",
            "move to",
            "switch to",
            "let's move",
            "lets move",
            "via",
            "over on",
            "find me",
            "call me",
            "email me",
            "send me",
            "drop me",
            "connect on",
            "join my",
            "join me",
            "invite",
            "on there",
            "me on",
            "handle is",
            "id is",
            "is @",
            "username is",
        ]
        + [name + "id" for name in _APP_NAMES if name.isascii()]
        + [name + " me" for name in _APP_NAMES if name.isascii()]
        + ["contact us", "message us", "reach us", "text us", "call us", "email us", "find us"]
    ),
    # Frames that make an app name a topic of work rather than a channel.
    "app_work_frame": tuple(
        W(
            "スタンプ api bot ボット 運用 施策 追加数 登録者数 友だち数 友達数 フォロワー数 "
            "設置 リサーチ "
            "リストアップ 競合 調査 改善 修正 バグ 出力 ui 改修 エクスポート 連携 開発 構築 "
            "広告 集客 マーケ 配信 "
            "導入 設定 実装 webhook ミニアプリ liff 着せかえ 絵文字 運営 管理 投稿 リール "
            "フォロワー "
            "分析 コンサル 代行 ショップ 制作 作成 デザイン イラスト 翻訳 ads marketing sticker "
            "official integration automation campaign content posts management account運用 "
            "クリエイターズ 広告運用 サーバー運営 サーバー管理 のapi とapi 通知 アプリ開発 "
            "ライブ配信 "
            "ストーリー キャンペーン 記事 漫画 動画編集 撮影 ハッシュタグ 自動化 プラグイン 拡張 "
            "developer bots app development moderator moderation 用の 向けの ads"
        )
    ),
    "official": tuple(W("公式 official 企業 ブランド 店舗 弊社の 当社の 御社の クライアントの")),
    # Negation and prohibition; for Japanese they follow the thing negated.
    "negation_ja": tuple(
        W(
            "ない ません せず わず らず さず 禁止 厳禁 不可 ng ダメ だめ 控え やめ お断り "
            "できかね 違反 いけない "
            "いけません かかりません 避け 遠慮 ご遠慮 しないで お控え "
            "ではなく 絶対にしない 行わない 行いません 求めません 取りません 取らない"
        )
    ),
    # Extra negation for costs: "登録料は無料", "教材費不要", "no fee".
    "fee_free": tuple(
        W("無料 不要 なし 無し 0円 ゼロ円 一切 かかりません 負担します 支給 当方負担 弊社負担 free")
        + [
            "no fee",
            "no fees",
            "no cost",
            "at no cost",
            "we cover",
            "we pay",
            "reimburse",
            "covered by",
            "paid by us",
            "is free",
            "are free",
            "waived",
        ]
    ),
    # Deferral: "after the contract" makes a contact move legitimate (the platform allows it).
    "deferral": tuple(
        W(
            "契約後 契約してから 契約が成立したら 契約成立後 仮払い後 仮払いの後 仮払いが完了 "
            "仮払い完了後 "
            "仮払いされたら 仮払いしていただいた後 発注後 契約締結後 正式契約後 受注後 "
            "仮払いのあと 仮払いの後 契約のあと 契約の後 仮払いのあとに 仮払いが済んだら "
            "契約が済んだら 仮払いが済んでから 契約してからに 仮払い確認後 仮払いを確認してから"
        )
        + [
            "after the contract",
            "after escrow",
            "once escrow",
            "once the contract",
            "after the escrow",
            "once you fund",
            "after you fund",
            "after funding",
            "after we sign",
            "once we sign",
            "after hiring",
            "once hired",
        ]
    ),
    # Prohibitions that may precede what they forbid ("禁止：LINE交換").
    "prohibition_ja": tuple(W("禁止 厳禁 不可 ng ダメ だめ お断り 違反 控えて お控え")),
    # Phrases that look like negation but invite ("LINE交換しませんか").
    "invitation_ja": tuple(
        W(
            "ませんか ないですか ないかな ないか? ない? ないでしょうか ませんでしょうか ないかしら "
            "ないかい ないの? かもしれない かもしれません しれません 夢じゃない 夢ではない "
            "だけじゃない "
            "だけではない ではないでしょうか じゃないですか ないため なくて困 できないので "
            "使えないので "
            "ません? ない方が早 ないですよね しかない ないとダメ ないといけ なければ"
        )
    ),
    "negation_en": tuple(
        W("don't dont never no not without avoid prohibited forbidden cannot can't")
        + [
            "do not",
            "can not",
            "not allowed",
            "against the rules",
            "please refrain",
            "refrain from",
            "won't",
            "will not",
            "must not",
            "mustn't",
            "should not",
            "shouldn't",
            "isn't",
            "is not",
        ]
    ),
    # Talking about a scheme rather than running it.
    "discussion": tuple(
        W(
            "注意 危険 詐欺 見分け 気をつけ 被害 対策 啓発 記事 解説 執筆 ライティング 体験談 "
            "手口 違法 "
            "規約 注意喚起 見抜 警告 相談窓口 消費者 トラブル 事例 悪質 騙され だまされ 研究 "
            "研究論文 論文によると 論文では "
            "warn warning scam beware avoid article blog explain awareness risks dangers illegal "
            "fraud spot protect report reporting research essay "
            # The schemes' pejorative names: nobody pitching one calls it that.
            "マルチ商法 ねずみ講 ネズミ講 ねずみこう ピラミッドスキーム 連鎖販売 連鎖販売取引 "
            "ネットワーク商法 "
            "ponzi 架空請求 特殊詐欺 闇バイト 受け子 出し子 被害者 手口 規約違反 ステマ ステマ規制 "
            "ステルスマーケティング 景品表示法 薬機法 依存症 断る 断り方 断るため 見分ける 怪しい"
        )
        + ["red flags", "how to spot", "how to avoid", "write about", "case study"]
    ),
    "writing_task": tuple(
        W(
            "記事 執筆 ライティング コラム 原稿 ブログ 啓発 注意喚起 解説記事 article essay "
            "ポスター チラシ パンフレット リーフレット スライド 教材 漫画 台本 研修資料 出前授業 "
            "翻訳 多言語化 ローカライズ 研究 論文 ガイドライン ヘルプ記事 faq 講座 セミナー資料"
        )
        + ["blog post", "write-up", "writeup", "awareness campaign"]
        # a script, an explainer or a guide for readers is writing about the thing
        + ["write a script", "video script", "explainer video", "plain-language guide"]
        + ["word guide", "digital literacy", "digital-literacy", "awareness video"]
    ),
    "job_closed": tuple(
        W(
            "締め切って 締め切らせ 締切となり 募集を締め切 枠はもう 枠がもう 枠はありません "
            "枠がありません 枠がなくな 枠は終了 募集終了 募集は終了 募集を終了 "
            "募集を締め 募集は締め 締め切りました 締切ました 〆切ました "
            "定員 満員 埋まり 埋まって 枠がなく 枠が無く 枠はなく 枠がいっぱい 枠が埋 人数が集まり "
            "集まってしまい 採用枠 決まってしまい 決まりました 打ち切り 終了しました 終了となり "
            "受付終了 ストップ"
        )
        + [
            "already filled",
            "been filled",
            "is filled",
            "is closed",
            "has closed",
            "been closed",
            "no longer available",
            "is full",
            "are full",
            "position was taken",
            "been taken",
            "no longer open",
            "we found someone",
            "already hired",
            "slots are gone",
            "no slots",
        ]
    ),
    "alt_offer": tuple(
        W(
            "別の 他の ほかの 代わり かわり もっと 新しい こちらの 別案件 他案件 違う 似た 類似 "
            "高単価 高収入 副業 紹介 ご案内 案内 おすすめ オススメ"
        )
        + [
            "other",
            "another",
            "instead",
            "different",
            "similar",
            "better",
            "alternative",
            "side job",
            "opportunity",
            "offer",
        ]
    ),
    "link_or_contact": tuple(
        W(
            "http www .com .net .jp .me .ee サイト url リンク 登録 line ライン メール 連絡 こちら "
            "下記 以下 フォーム dm"
        )
        + ["site", "link", "email", "contact", "sign up", "register", "telegram", "whatsapp"]
    ),
    "video": tuple(
        W(
            "動画 ビデオ ウェビナー webinar video youtube セミナー 説明会 講座 映像 ムービー "
            "オンライン説明会"
        )
    ),
    "watch": tuple(
        W("視聴 見て 見た 見る みて みた 観て 観た ご覧 閲覧 watch watched watching view viewing")
    ),
    "leave_contact": tuple(
        W(
            "メールアドレス メアド email e-mail 登録して 登録してください ご登録 登録をお願い "
            "登録すると "
            "登録後 登録フォーム 入力して 入力してください ご入力 フォーム 送信 記入 公式line "
            "line登録 "
            "お名前と 連絡先 line追加 友だち追加 友達追加"
        )
        + [
            "sign up",
            "signup",
            "enter your",
            "your email",
            "your address",
            "register",
            "subscribe",
            "opt in",
            "opt-in",
            "contact details",
            "mailing list",
        ]
    ),
    "easy": tuple(
        W(
            "コピペ コピー&ペースト コピーアンドペースト コピーして貼り スマホ1台 スマホ一台 "
            "スマホだけ "
            "スマホひとつ スマホ一つ スマホ1つ スキマ時間 すきま時間 隙間時間 1日5分 1日10分 "
            "1日15分 "
            "1日30分 ほったらかし 放置 ポチポチ ぽちぽち タップするだけ クリックするだけ 見るだけ "
            "いいねするだけ するだけ だけで 誰でも だれでも 簡単 かんたん 知識不要 スキル不要 "
            "作業なし "
            "楽に らくらく ラクラク 不労 自動で 寝ている間 ノーリスク 完全在宅 主婦でも 学生でも"
        )
        + [
            "copy-paste",
            "copy paste",
            "copy and paste",
            "just a smartphone",
            "only your phone",
            "just your phone",
            "no experience",
            "no skills",
            "anyone can",
            "easy money",
            "few minutes",
            "minutes a day",
            "just click",
            "just like",
            "no work",
            "effortless",
            "while you sleep",
            "from your phone",
            "simple tasks",
            "easy tasks",
            "easy job",
            "no effort",
            "only a phone",
            "autopilot",
            "zero effort",
            "just a phone",
        ]
    ),
    "earn": tuple(
        W("稼げ 稼ぐ 稼い 稼ぎ 収入 収益 報酬 儲か もうか 月収 日給 日収 年収 副収入 利益")
        + ["earn", "income", "profit", "make", "paid", "cash", "payout", "per day", "a day"]
    ),
    "guarantee": tuple(
        W(
            "必ず稼げ 確実に稼げ 絶対に稼げ 絶対稼げ 誰でも稼げ 簡単に稼げ 楽に稼げ 確実に儲 "
            "絶対儲 "
            "元本保証 月利 日利 必ず儲 100%稼げ 保証します 高額報酬 高収入保証"
        )
        + [
            "guaranteed income",
            "guaranteed profit",
            "guaranteed earnings",
            "guaranteed return",
            "guaranteed pay",
            "risk-free",
            "risk free",
            "get rich",
            "double your money",
        ]
    ),
    "mlm_strong": tuple(
        W(
            "権利収入 ネットワークビジネス マルチレベル mlm ピラミッド型 ダウンライン アップライン "
            "まるち"
        )
        + [
            "network marketing",
            "multi-level",
            "multilevel",
            "downline",
            "upline",
            "binary compensation",
            "matrix scheme",
            "mlm",
        ]
    ),
    "mlm_medium": tuple(
        W(
            "不労所得 紹介報酬 紹介料 紹介するだけ 紹介すれば 人を紹介 "
            "会員を紹介 "
            "友達を紹介 友人を紹介 知人を紹介 組織を作 組織を構築 組織を拡大 傘下 "
            "タイトル昇格 愛用者 "
            "ビジネスパートナー 経済的自由 時間的自由 仲間を増や 仲間募集 チームを作 在宅ビジネス "
            "会員を増や 会員獲得 紹介ボーナス 報酬プラン 報酬システム 毎月の権利 口コミで広げ "
            "紹介していくだけ 二人紹介 2人紹介 ふたり紹介"
        )
        + [
            "passive income",
            "residual income",
            "financial freedom",
            "recruit members",
            "recruit new members",
            "recruit people",
            "be your own boss",
            "business opportunity",
            "join my team",
            "build your team",
            "build a team",
            "bring in members",
            "recruit two",
            "recruit 2",
            "team's sales",
            "your team's",
            "earn from your team",
            "referral bonus",
            "sign up others",
            "sign up two",
            "time freedom",
            "your team earns",
            "commission on everyone",
        ]
    ),
    "fee": tuple(
        W(
            "教材費 登録料 初期費用 入会金 保証金 研修費 受講料 参加費 加盟金 サポート費 "
            "サポート料 "
            "購入費 マニュアル代 マニュアルを購入 マニュアルの購入 マニュアル購入 "
            "ノウハウを購入 商材 "
            "情報商材 前払い 先払い 事前入金 事前に入金 事前振込 事前に振込 事前にお振込 "
            "デポジット "
            "手数料を先に 費用を先に 代金を先に 研修費用 講座代 教材代 ツール代 システム利用料を "
            "自己投資 初期投資 スターターキット 登録費 会費 月会費 年会費 ツール購入"
        )
        + [
            "registration fee",
            "starter kit",
            "training fee",
            "joining fee",
            "security deposit",
            "refundable deposit",
            "upfront",
            "up-front",
            "up front",
            "membership fee",
            "activation fee",
            "sign-up fee",
            "signup fee",
            "application fee",
            "processing fee",
            "buy the course",
            "buy our course",
            "buy the manual",
            "buy our manual",
            "buy the kit",
            "buy our kit",
            "purchase the course",
            "purchase our",
            "pay for training",
            "course fee",
            "onboarding fee",
            "admin fee",
            "enrollment fee",
            "enrolment fee",
            "pay first",
        ]
    ),
    "pay": tuple(
        W(
            "必要 かかり かかる お支払い 支払い 支払って 払って 払う 振込 振り込 入金 購入 円 "
            "万 負担 "
            "ご用意 用意して 徴収 いただき いただく 請求"
        )
        + [
            "$",
            "¥",
            "pay",
            "paid",
            "required",
            "must",
            "need to",
            "costs",
            "cost",
            "send",
            "transfer",
            "yen",
            "usd",
            "purchase",
            "buy",
            "invest",
        ]
    ),
    "parcel": tuple(
        W("荷物 小包 郵便物 宅配便 宅配物 荷受け 荷受 段ボール 配達物 届いた商品 届く商品")
        + ["parcel", "parcels", "package", "packages", "shipment", "shipments", "deliveries"]
    ),
    "forward": tuple(
        W(
            "転送 再発送 送り直 別の住所 指定の住所 指定住所 海外に発送 海外へ発送 海外発送 "
            "詰め替え "
            "ラベルを貼り替え 貼り替え 受け取るだけ 受取代行 受け取り代行 受け取って送"
        )
        + [
            "forward",
            "forwarding",
            "reship",
            "re-ship",
            "reshipping",
            "relabel",
            "re-label",
            "new address",
            "overseas address",
            "receive packages",
            "receive parcels",
            "receive them",
        ]
    ),
    "home_receive": tuple(
        W("自宅 ご自宅 家で 自宅住所")
        + ["your home", "at home", "your address", "your house", "your place"]
    ),
    "fee_platform": tuple(
        W(
            "手数料 システム利用料 サービス料 利用料 中抜き マージン 仲介料 サイト手数料 "
            "プラットフォーム手数料"
        )
        + ["fee", "fees", "commission", "service charge", "platform cut", "the cut"]
    ),
    "fee_saving": tuple(
        W(
            "なし 無し ゼロ 0円 無料 かからない かからず 浮く 浮か 節約 払わず 払わない 回避 "
            "抜き もったいない 省け 省き 取られ "
            "取られない 引かれない お得 安く 安くでき 減らせ 分お支払い"
        )
        + [
            "avoid",
            "save",
            "saving",
            "skip",
            "bypass",
            "no fee",
            "without the fee",
            "without fees",
            "cheaper",
            "cut out",
            "keep more",
            "get around",
            "lose",
        ]
    ),
    "direct_deal": tuple(
        W(
            "直接払 直接取引 直接契約 直接のお取引 直接お取引 直接やりとり 直接やり取り "
            "直接依頼 直接発注 "
            "直接お支払い 直接振込 直接振り込 直接払い 直接ご依頼 直接のご依頼 直接ご契約 "
            "直接の契約 "
            "直接のやり取り 直接お仕事 直接お願い 個人間取引 個人的に取引 個人契約 個人で契約 "
            "サイト外 "
            "サイトの外 プラットフォーム外 このサイトを通さず 通さずに 通さないで 通さない形 "
            "外部で取引 "
            "外でやり取り 外部でやり取り 手渡し"
        )
        + [
            "directly",
            "direct deal",
            "direct contract",
            "direct payment",
            "off-platform",
            "off platform",
            "outside the platform",
            "outside this platform",
            "outside the site",
            "outside this site",
            "outside the app",
            "off the site",
            "off-site",
            "bypass",
            "pay you directly",
            "pay me directly",
            "between us",
            "privately",
            "paypal me",
            "bank transfer directly",
        ]
    ),
    "contact_noun": tuple(
        W(
            "連絡先 メールアドレス メアド 電話番号 携帯番号 番号 口座 振込先 ケータイ 個人アドレス "
            "プライベートアドレス 個人メール 個人の連絡先 lineid アカウント名 住所 携帯電話 "
            # the reader's own address, whatever it is called
            "お使いのアドレス 普段使いのアドレス ご自身のアドレス 個人のアドレス"
        )
        + [
            "email address",
            "e-mail",
            "email",
            "phone number",
            "mobile number",
            "cell number",
            "contact details",
            "contact info",
            "personal contact",
            "whatsapp number",
        ]
    ),
    "ask_give": tuple(
        W(
            "教えて 教えてください 教えてもらえ 教えていただ 交換 送って 送ります 送るので "
            "送ってください "
            "伝えて お伝え 書いて 渡して お渡し 聞いても 聞いて お聞き 知りたい 頂け いただけ "
            "共有して 共有します 貼って 下記 以下 こちら 登録して 連絡ください ご連絡ください "
            "ご連絡を "
            "連絡して 連絡を 連絡お待ち 連絡します 連絡下さい にご連絡 "
            # filled in by the reader (a form, a reply): who is asked to hand the details over
            "入力していただ ご入力 ご記入 記入して 記入していただ お送りください お送りいただ "
            "書いていただ"
        )
        + [
            "send me",
            "send your",
            "give me",
            "share your",
            "share my",
            "what's your",
            "whats your",
            "what is your",
            "can i have",
            "can i get",
            "may i have",
            "drop your",
            "drop me",
            "here is my",
            "here's my",
            "heres my",
            "is below",
            "reach me",
            "call me",
            "text me",
            "exchange",
            "contact me",
            "email me",
            "leave your",
            "tell me your",
            "post your",
            "my email",
            "my number",
        ]
    ),
    "search_verb": tuple(
        W("検索 ググ ぐぐ 調べて 調べると 調べれば 探して 探すと で出て 出てきます ヒット")
        + ["search", "google", "look me up", "look up", "find me", "search for", "googling"]
    ),
    "my_name": tuple(
        W(
            "私の名前 僕の名前 ぼくの名前 わたしの名前 私の名 僕の名 私を 僕を わたしを "
            "弊社を 弊社名 "
            "屋号 私のアカウント 僕のアカウント 私のフルネーム 私の本名 私のユーザー名 自分の名前"
        )
        + [
            "my name",
            "my full name",
            "my company",
            "my handle",
            "my brand",
            "me on",
            "me up",
            "for me",
            "my profile",
            "my page",
        ]
    ),
    "gift": tuple(
        W("特典 プレゼント 無料 受け取 もらえ ノウハウ 限定 秘密 非公開 無料公開")
        + ["bonus", "free gift", "free guide", "free ebook", "secret", "exclusive"]
    ),
    "prize": tuple(
        W("当選 懸賞 賞金 当たり ギフト券 商品券 景品")
        + [
            "prize",
            "prizes",
            "winner",
            "you have won",
            "you've won",
            "u have won",
            "you won",
            "won a",
            "cash award",
            "cash prize",
            "voucher",
            "gift card",
            "reward",
            "bonus",
            "free entry",
            "selected to receive",
            "claim",
        ]
    ),
    "claim_act": tuple(
        W("受け取り 受取 連絡 応募 クリック 電話 返信 手続き")
        + [
            "claim",
            "call",
            "txt",
            "text",
            "reply",
            "click",
            "collect",
            "redeem",
            "send",
            "dial",
            "ring",
            "now",
            "expires",
            "urgent",
        ]
    ),
    "pay_act": tuple(
        W("支払 払い 振込 振り込 送金 契約 発注 依頼 取引 口座")
        + [
            "pay",
            "payment",
            "invoice",
            "contract",
            "deal",
            "hire",
            "work with",
            "paypal",
            "bank transfer",
            "venmo",
            "wise",
            "transfer",
        ]
    ),
    "evasion": tuple(
        W(
            "運営にバレ 運営に見られ 運営にばれ バレないように ばれないように 監視されて "
            "見つからないように "
            "規約に引っかか 検閲"
        )
        + [
            "the admins",
            "get banned",
            "so they don't see",
            "so they dont see",
            "avoid detection",
            "without the site knowing",
            "they monitor",
            "they read messages",
        ]
    ),
    "external_form": tuple(
        W(
            "forms.gle docs.google.com/forms googleフォーム グーグルフォーム form.run formrun "
            "typeform jotform forms.office questant surveymonkey tayori 外部フォーム 応募フォーム "
            "お問い合わせフォーム 問い合わせフォーム 専用フォーム 申し込みフォーム "
            "申込フォーム エントリーフォーム 登録フォーム"
        )
        + ["google form", "external form", "application form", "sign-up form", "signup form"]
    ),
    "form_act": tuple(
        W(
            "入力 回答 登録 応募 記入 申し込 申込 送信 エントリー ご記入 お申し込み 送って "
            "連絡 問い合わせ"
        )
        + ["fill", "submit", "apply", "register", "enter", "complete", "sign up"]
    ),
    "offsite": tuple(
        W(
            "サイト外 ここ以外 外部で 外部の ここではなく ここだと ここでは話せ ここじゃ "
            "メッセージ機能は "
            "メッセージ機能を使わず サイトのメッセージは 運営に見られ 運営にバレ 監視 "
            "ばれない バレない "
            "バレると 見られたくない 別の場所 別のツール 別のアプリ 外で"
        )
        + [
            "outside this site",
            "outside the site",
            "outside this platform",
            "off platform",
            "off-platform",
            "off the platform",
            "elsewhere",
            "somewhere else",
            "another app",
            "other app",
            "not here",
            "monitored",
            "get banned",
            "the admins",
            "they watch",
        ]
    ),
    # Bait-and-switch after a task or a contract: a "private" offer somewhere else.
    "private_offer": tuple(
        W(
            "非公開案件 非公開のお仕事 非公開の案件 プライベート案件 個人案件 別サイト "
            "外部サイト 専用サイト "
            "専用アプリ 別のプラットフォーム 別のサイト 他のサイト 他サイト 弊社サイト "
            "自社サイト 自社アプリ "
            "専用ページ 会員サイト 特別案件 限定案件 裏案件 直接案件"
        )
        + [
            "private project",
            "private projects",
            "another site",
            "another platform",
            "our own platform",
            "our platform",
            "our website",
            "our app",
            "exclusive project",
            "private task",
            "vip task",
        ]
    ),
    "move_offer": tuple(
        W(
            "登録 応募 移って 移行 ご案内 案内 紹介 ご紹介 参加 招待 続き こちら 下記 url リンク "
            "http www line 連絡 お声がけ 進めて"
        )
        + ["register", "sign up", "join", "apply", "move", "continue", "link", "invite", "offer"]
    ),
}
LEXICON.update(GUIDELINE_LEXICON)
# MLM by its mechanism, whatever the product: income that grows with the people recruited.
LEXICON["mlm_strong"] = (
    *LEXICON["mlm_strong"],
    *W(
        "増えるほど収入 紹介するほど 紹介した人が増えるほど 紹介した方が増えるほど "
        "紹介者が増えるほど"
    ),
    *W("紹介した方がまた紹介 紹介した人がまた紹介"),
    *["the more people you recruit", "the more you recruit"],
)
LEXICON["mlm_medium"] = (*LEXICON["mlm_medium"], *W("会員ビジネス 愛用者グループ"))
# "ラ〇ン": the kanji zero 〇 (kept as a digit by the normaliser) used as the mask glyph.
LEXICON["app"] = tuple(
    dict.fromkeys((*LEXICON["app"], *(w.replace("○", "〇") for w in LEXICON["app"] if "○" in w)))
)
# Someone else's move, reported: "someone messaged me claiming to be from your company".
LEXICON["discussion"] = (
    *LEXICON["discussion"],
    *W("を名乗る 名乗って なりすまし 成りすまし"),
    *["claiming to be", "pretending to be", "impersonat", "someone messaged me"],
    *["i've reported", "reported the account", "reported it"],
)
LEXICON["deferral"] = (*LEXICON["deferral"], *W("仮払い)後 後でしたら 後であれば 後なら"))
# the same promise said the other way round: until the contract, the talk stays here
LEXICON["deferral"] = (
    *LEXICON["deferral"],
    *W(
        "契約前はこちら 契約まではこちら 仮払い前はこちら 仮払いまではこちら 契約前はこのメッセージ"
    ),
)
LEXICON["referral_legit"] = tuple(
    W(
        "クーポン 割引 特典 初回 ご来店 来店 成約 入塾 入会金無料 ギフトカード キャンペーン "
        "紹介カード "
        "紹介制度 お友だち紹介 お友達紹介 紹介特典 紹介キャンペーン 顧問先 off 無料券 プレゼント"
    )
    + ["coupon", "discount", "referral program", "referral code", "first visit", "% off"]
)
# Negation that governs a whole sentence however far it is from what it negates: lists of what
# a job will not do ("フォロワーの購入や、自動いいねツールの使用は一切行いません").
LEXICON["strong_negation"] = tuple(
    W(
        "一切 行いません 行わない 使いません 使用しません 使用しない 致しません いたしません "
        "お断り 禁止 厳禁 ng 不可 ご遠慮 やらないこと 行わないこと しないこと 求めません "
        "依頼しません お願いしません 受け付けません 対象外 含みません 扱いません 違反 ダメです "
        "しないでください しないで下さい お控えください ご遠慮ください やめてください 不要です "
        # a list negated at its end: "フォロワーの購入、相互フォローなどは行わず、…"
        "などは行わず などは行わない は行わず は使わず などは使わず は一切せず"
    )
    + ["never", "not allowed", "prohibited", "we do not", "we don't", "will not", "won't"]
)
# Section headings whose lines list what is not done or not allowed.
LEXICON["negative_heading"] = tuple(
    W(
        "やらないこと 禁止事項 ngなこと ng事項 ng行為 注意事項 ご注意 お断り事項 行わないこと "
        "してはいけないこと 禁止行為 やってはいけないこと 対象外 見分け方 注意点 よくある手口 "
        "チェックリスト 判断の例 判断基準 対応しないもの"
    )
    + ["what we don't", "don'ts", "not allowed", "red flags", "prohibited", "we never"]
)
LEXICON["role_frame"] = frame_words()
# What a posting is about when it writes about schemes rather than any topic: a job whose title
# or text names one of these and a writing task (a scam-awareness article) makes naming schemes
# in its thread the work (engine `_Scan.job_about_schemes`). Not 記事 or blog: any writing job.
LEXICON["scheme_topic"] = tuple(
    W(
        "詐欺 注意喚起 手口 啓発 被害 悪質商法 見分け方 見分ける 防止 対策 闇バイト 特殊詐欺 "
        "マルチ商法 ねずみ講 消費者トラブル 消費生活 犯罪 騙され だまされ 違法"
    )
    + ["scam", "scams", "fraud", "awareness", "beware", "red flags", "money mule", "phishing"]
)
# A channel said to be the writer's own: "my personal WhatsApp", "私の個人LINE" — a channel
# even in a thread whose job builds on that app.
LEXICON["own_channel"] = tuple(
    W("個人の 私の わたしの 僕の 自分の プライベートの 個人用 個人アカウント 個人line")
    + ["my personal", "personal", "my own", "me on", "my whatsapp", "my line", "my telegram"]
)
# What is built on an app when its name comes right before it: the app is then the product of
# the work, not a channel (engine `$app_channel`).
LEXICON["app_product"] = tuple(
    W("ミニアプリ api bot ボット 開発 連携 sdk liff 公式アカウント アプリ開発 works スタンプ 拡張 ")
    + W("プラグイン webhook 通知 広告 ログイン 決済 予約システム")
    + ["messaging api", "integration", "plugin", "for business", "business api", "workspace app"]
)
# Moving the talk itself somewhere (not a product's message going there).
LEXICON["talk_move"] = tuple(
    W(
        "話しましょう 話せ お話し やり取り やりとり 連絡を取 連絡取 続きは 詳しくは "
        "相談しましょう 追加して 友だち追加 友達追加 id交換 交換しましょう"
    )
    + ["talk", "chat with me", "continue", "reach me", "add me", "message me", "dm me"]
)
# A request addressed to the reader: what makes a scheme asked for rather than written about
# (engine `_requested`).
LEXICON["request_addressed"] = tuple(
    W(
        "してみてもらえ てみてもらえ してもらえ もらえますか もらえません いただけますか "
        "いただけませんか ください 下さい してほしい して欲しい お願いできますか"
    )
    + ["could you", "can you", "would you", "i need you", "need you to", "with your card"]
    + ["with your own", "your own card", "send me photos", "send me the codes", "favour", "favor"]
)
# Between the scheme and the request, these make the request about something else: writing or
# showing it (番号を書いてください), reported speech (…と頼まれたら), a negative request.
LEXICON["request_blocker"] = tuple(
    W(
        "書いて 記載 掲載 載せ 追記 まとめ 説明 解説 紹介して 頼まれ 言われ 誘われ ないで "
        "ように ことを 場合は たら"
    )
    + ["write", "explain", "describe", "if someone", "if anyone", "asked to", "don't", "never"]
)
# Any name of an outside channel, by its name or a euphemism: what a bare handle, an invite
# code or half an address in the next message is read against.
LEXICON["app_any"] = tuple(
    dict.fromkeys((*LEXICON["app"], *LEXICON["app_more"], *LEXICON["app_euphemism"]))
)
# A word that says an e-mail address is being given in pieces (not the word address itself:
# "did you mean gmail.com?" in a form-validation proposal is content).
LEXICON["address_part"] = tuple(
    W("前半 後半 宛先 あて先 @の前 @の後 @より前 @以降 @の後ろ 残り")
    + ["first part", "second part", "first half", "second half", "the rest is", "before the @"]
)
