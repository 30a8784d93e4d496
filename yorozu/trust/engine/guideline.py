# ruff: noqa: RUF005 - word lists read best as a split string plus a list of phrases
"""The prohibited-job guideline beyond contact and MLM: word sets and rules, as data.

Each category pairs what the scheme must say (a marker) with what makes it an act rather than
a topic (a cue near it), and each rule that a legitimate job can echo is `discussable` (an
article warning about it is not it) or has an `unless_near` work frame (a logistics company's
warehouse, a store's own review replies, a form that has a phone field). Categories:

fake_reviews · stealth_marketing · engagement_manipulation · account_trading · name_lending ·
money_transfer · card_purchase · id_documents · data_harvesting · signup_as_work ·
dating_adult · casino · ghostwriting · task_scam · direct_payment (off-platform payment and
work before escrow) · upfront_fee (paid manuals, tools, deposits) · contact (channels the
first generation did not know: Slack, Teams, Zoom, Meet, Telegram, WhatsApp, WeChat, QR codes,
euphemisms).

Words are written as people type them; the engine normalises them when it compiles.
"""

from __future__ import annotations

from typing import Any

from .values import Rule

W = str.split

GUIDELINE_LEXICON: dict[str, tuple[str, ...]] = {
    # --- fake reviews --------------------------------------------------------------------
    "review_noun": tuple(
        W(
            "レビュー 口コミ クチコミ くちこみ 評価 星5 星５ ★5 ★★★★★ 星4 高評価 低評価 5つ星 "
            "五つ星 レビュアー 評価コメント 感想投稿 星評価"
        )
        + ["review", "reviews", "rating", "ratings", "5-star", "five-star", "5 star", "five star"]
    ),
    "review_fake": tuple(
        W(
            "高評価 星5 ★5 5つ星 五つ星 星4以上 ★4以上 好意的 サクラ さくら やらせ ヤラセ "
            "指定の文面 "
            "指定した文面 指定の文章 こちらで用意した文章 用意した文章 テンプレート通り "
            "実際に使わず "
            "使っていなくても 利用していなくても 行ったことがなくても 購入者として 利用者として "
            "お客様として 一般ユーザーとして 一般のお客様として 複数アカウント 別アカウント "
            "競合 低評価を 悪い口コミ 悪評 削除されない 自然な口コミ 自然なレビュー 本物の口コミ "
            "バレない 気づかれない 返金 全額返金 購入代金 キャッシュバック"
        )
        + [
            "5-star",
            "five-star",
            "5 star",
            "positive review",
            "positive reviews",
            "fake review",
            "without using",
            "never used",
            "as a customer",
            "we provide the text",
            "refund after",
            "full refund",
            "reimburse",
            "competitor",
            "bad reviews",
        ]
    ),
    "review_post": tuple(
        W(
            "投稿 書い 書き込 書き 付けて つけて 押して 入れて 残して 星をつけ 評価して 評価をつけ "
            "レビューして 掲載して 投稿して"
        )
        + ["post", "leave", "write", "give", "rate", "submit", "reviews for", "per review"]
    ),
    "review_place": tuple(
        W(
            "googleマップ グーグルマップ googleの口コミ google口コミ amazon アマゾン 楽天 食べログ "
            "ホットペッパー appstore アプリストア ストア yahooショッピング "
            "じゃらん 一休 トリップアドバイザー メルカリ ecサイト 通販サイト 口コミサイト "
            "ストアレビュー "
            "アプリレビュー"
        )
        + [
            "google maps",
            "trustpilot",
            "yelp",
            "tripadvisor",
            "play store",
            "app store",
            "google play",
        ]
    ),
    "review_legit": tuple(
        W(
            "返信 返信文 レビュー返信 口コミ返信 コードレビュー 分析 集計 調査 要約 翻訳 "
            "レビュー記事 "
            "デザインレビュー ux 監修 ガイドライン 規約 ステマ規制 景品表示法 依頼しない "
            "書かせない "
            "禁止 啓発 見分け方 体験記事 モニター記事 pr表記 #pr"
        )
        + [
            "reply",
            "replies",
            "code review",
            "analysis",
            "summarize",
            "moderat",
            "提供を受け",
            "広告表記",
            "タイアップ投稿",
            "#pr表記",
            "disclos",
        ]
    ),
    # --- stealth marketing -----------------------------------------------------------------
    "stealth_hide": tuple(
        W(
            "伏せて 伏せた 隠して 書かずに 書かないで 表記しない 表記なし 表記せず 記載しない "
            "記載なし "
            "記載せず 付けずに 付けないで つけずに つけないで 入れずに 入れないで 明かさず "
            "明かさない "
            "装って 装い なりすま 一般人のふり 一般人として 個人の感想として 自分で買ったように "
            "自腹で買ったように 広告だと思われない 広告とわからない 広告と分からない "
            "案件とわからない "
            "案件と分からない pr表記なし #prなし 宣伝っぽくない 宣伝と分からない"
        )
        + [
            "without disclosing",
            "don't disclose",
            "do not disclose",
            "not disclose",
            "no #ad",
            "without #ad",
            "don't mention",
            "do not mention",
            "as if you bought",
            "pretend to be",
            "pretend you",
            "organic-looking",
            "look organic",
            "undisclosed",
        ]
    ),
    "ad_noun": tuple(
        W(
            "pr 広告 宣伝 案件 スポンサー 提供 タイアップ 依頼 報酬 商品提供 ギフティング 紹介 "
            "アフィリエイト プロモーション"
        )
        + ["sponsored", "sponsor", "ad", "ads", "promotion", "paid", "partnership", "#ad"]
    ),
    # --- engagement manipulation -------------------------------------------------------------
    "engage_metric": tuple(
        W(
            "再生数 再生回数 視聴回数 登録者 チャンネル登録 フォロワー いいね 高評価 ハート 保存数 "
            "リツイート リポスト rt コメント数 フォロー 閲覧数 pv インプレッション 再生 "
            "ダウンロード数 "
            "星評価 ランキング"
        )
        + [
            "views",
            "subscribers",
            "followers",
            "likes",
            "retweets",
            "upvotes",
            "streams",
            "plays",
            "downloads",
            "follows",
            "stream",
            "upvote",
            "viewers",
            "viewer count",
            "listeners",
            "play our",
            "stream our",
            "listen to our",
        ]
        + W("同時視聴者 視聴者数 同接 再生回数を")
    ),
    # Fakery by numbers of devices or accounts: what turns watching or streaming into inflation.
    "multi_device": tuple(
        W("複数の端末 複数端末 2台 3台 2〜3台 2~3台 端末1台 端末を増や")
        + W("複数のアカウント 複数アカウント")
        + ["several accounts", "multiple accounts", "several devices", "multiple devices"]
        + ["different devices", "different ips", "aged accounts", "more than one account"]
        + ["browser profiles", "each account", "per account", "10+ accounts"]
    ),
    "device_legit": tuple(
        W("テスト 検証 動作確認 qa 品質 互換性 ui確認")
        + ["test", "testing", "qa", "compatibility", "responsive", "cross-browser"]
    ),
    # Graded work done as the student: their login, their quiz, their exam.
    "as_student": tuple(
        W("私のアカウントで 私のidで 私として 本人として 代わりに受験 代わりにテスト 代わりに受講")
        + ["log into my", "login to my", "log in as me", "as me", "my canvas", "my blackboard"]
        + ["my moodle", "my university portal", "my school portal", "my student portal"]
        + ["my student account"]
        + ["on my account", "my login"]
    ),
    "graded_work": tuple(
        W("課題 小テスト 試験 テスト 単位 レポート 期末 中間 受講")
        + ["quiz", "quizzes", "exam", "exams", "test", "tests", "assignments", "coursework"]
        + ["discussion posts", "homework", "graded", "proctored", "my class", "my grades"]
    ),
    "engage_fake": tuple(
        W(
            "水増し 購入 買い 買う 複数アカウント 複数のアカウント サブ垢 サブアカ 捨て垢 別垢 "
            "いいねするだけ フォローするだけ 押すだけ 再生するだけ 登録するだけ 1いいね 1フォロー "
            "1登録 1再生 自動で増や bot 業者 増やし作業 増加作業 ぽちぽち ポチポチ 相互フォロー "
            "ランキング操作 順位操作 ループ再生 流しっぱなし 指定のアカウント 指定の投稿 "
            "指定の動画 "
            "指定された投稿 指定されたアカウント"
        )
        + [
            "buy",
            "purchase",
            "multiple accounts",
            "real-looking accounts",
            "real-looking profiles",
            "per like",
            "per follow",
            "per view",
            "per subscribe",
            "bot",
            "bots",
            "fake",
            "boost",
            "like each",
            "follow each",
            "stream farm",
            "click farm",
        ]
    ),
    # --- account trading ---------------------------------------------------------------------
    "account_noun": tuple(
        W(
            "アカウント アカ 垢 ログイン情報 ログインid パスワード id・パスワード idとパスワード "
            "メールアカウント gmailアカウント 認証済み ユーザーid"
        )
        + ["account", "accounts", "login", "logins", "credentials", "password", "profile"]
    ),
    "account_trade": tuple(
        W(
            "売買 販売 買取 買い取 買います 買わせて 高額買取 譲渡 譲って 譲り 譲ります お譲り "
            "売って "
            "売ります 売却 貸して 貸し出 貸出 レンタル 借り 大量作成 量産 複数作成 まとめて作成 "
            "作成して納品 作成代行 作成していただく 作ってもらう 作ってください 新規作成 "
            "教えてください 共有してください 渡して お渡し ログインさせて 運用させて 引き継 "
            "sms認証"
        )
        + [
            "sell your",
            "buy your",
            "buy or rent",
            "rent or buy",
            "lend me your",
            "lend your",
            "borrow your",
            "let me use your",
            "buy accounts",
            "sell accounts",
            "rent your",
            "rent out",
            "account rental",
            "aged accounts",
            "verified accounts",
            "for sale",
            "hand over",
            "share your login",
            "share your password",
            "create accounts",
            "bulk",
        ]
    ),
    "account_legit": tuple(
        W(
            "運用代行 投稿代行 店舗の 自社の 弊社の 御社の 貴社の 公式 開設支援 初期設定 設定代行 "
            "パスワード管理 パスワードリセット 再設定 セキュリティ 二段階認証 規約違反 禁止 啓発"
        )
        + ["password manager", "reset", "security", "two-factor"]
    ),
    # --- 名義貸し -------------------------------------------------------------------------------
    "name_lending": tuple(
        W(
            "名義貸し 名義を貸 名義をお借り 名義を借り 名義のみ 名義だけ あなたの名義 ご自身の名義 "
            "本人名義で 本人名義の 名義人 "
            "口座を貸 口座を売 口座買取 口座の買取 "
            "通帳を送 通帳とキャッシュカード キャッシュカードを送 代表者になって "
            "代表取締役になって 名前を貸 あなたのお名前で さんの名義で 様の名義で 名義で回線 "
            "名義で契約 名義で申し込"
        )
        + [
            "in your name",
            "your name on",
            "open an account in your name",
            "sim card in your name",
            "lend your name",
            "use your identity",
        ]
    ),
    # A contract or an account opened by the worker is name lending only when it is for
    # someone else: handed over, sent, or paid for per line ("回線契約の流れの図解" is not).
    "contract_act": tuple(
        W(
            "携帯契約 携帯を契約 スマホを契約 回線契約 回線を契約 sim契約 simを契約 "
            "simカードを契約 simを購入 simカードを購入 simを作 格安sim契約 口座開設して "
            "口座を開設して 口座を作って 法人登記"
        )
        + ["open a bank account", "phone contract"]
    ),
    "for_other": tuple(
        W(
            "代わりに 送って 送付 郵送 渡して お渡し 当社へ 弊社へ こちらへ こちらに 買取 謝礼 "
            "1回線 1台につき 1契約 1口座 件につき 報酬 お礼 名義 お名前で 使用させて 使わせて"
        )
        + ["send", "hand over", "mail the", "we pay", "per line", "per account", "for us"]
    ),
    # --- money transfer and crypto for others -------------------------------------------------
    "own_account": tuple(
        W(
            "ご自身の口座 あなたの口座 個人口座 本人名義の口座 自分の口座 ご自身名義 あなた名義 "
            "個人の口座 お持ちの口座 ご本人の口座 自身の口座 ご自分の口座 手持ちの口座 "
            "さんの口座 様の口座"
        )
        # the same owners with the kind of account between: あなたの銀行口座, ご自身のゆうちょ口座
        + [
            f"{owner}{kind}"
            for owner in W(
                "ご自身の あなたの 自分の 個人の お持ちの ご本人の 自身の ご自分の 手持ちの"
            )
            for kind in W("銀行口座 預金口座 ゆうちょ口座 ネット銀行の口座 普通口座")
        ]
        + [
            "your bank account",
            "your personal account",
            "your own account",
            "your account",
            "personal bank account",
            "your paypal",
            "your wallet",
        ]
    ),
    "transfer_act": tuple(
        W(
            "入金 送金 振り込 振込 引き出 出金 受け取 受取 着金 移動 転送 両替 換金 現金化 "
            "送って 指定の口座 指定口座 別の口座"
        )
        + [
            "transfer",
            "forward the",
            "withdraw",
            "receive",
            "send it",
            "wire",
            "deposit",
            "pass on",
            "move the money",
        ]
    ),
    "crypto": tuple(
        W(
            "仮想通貨 暗号資産 ビットコイン btc usdt イーサリアム eth テザー 暗号通貨 ウォレット "
            "コイン"
        )
        + ["crypto", "bitcoin", "usdt", "ethereum", "wallet", "cryptocurrency", "coinbase"]
    ),
    "proxy_buy": tuple(
        W(
            "代わりに購入 代理で購入 代理購入 購入代行 購入して送 購入して指定 買って送 "
            "指定のウォレット "
            "指定したウォレット 指定のアドレス 受け取った資金 受け取ったお金 お預かりした 資金を預 "
            "お金を預 立て替え 代わりに買"
        )
        + [
            "on our behalf",
            "on behalf of",
            "buy bitcoin",
            "buy crypto",
            "purchase bitcoin",
            "send to the wallet",
            "send it to our wallet",
            "to this wallet",
            "with the funds",
        ]
    ),
    "money_legit": tuple(
        W(
            "支払い方法 お支払い方法 決済方法 決済手段 お支払い 対応決済 キャッシュレス 導入 連携 "
            "翻訳 画面 アプリ ui 表記 faq よくある質問 "
            "会社の口座 法人口座 弊社口座 当社の口座 経理 仕訳 会計 記帳 振込データ 振込業務 "
            "システム "
            "開発 記事 解説 啓発 注意喚起 報酬の受取 報酬の受け取り 報酬受取 出金申請 運営 事務局"
        )
        + ["company account", "bookkeeping", "accounting", "payroll system", "article"]
    ),
    # --- card purchases ---------------------------------------------------------------------
    "own_card": tuple(
        W(
            "ご自身のクレジットカード ご自身のカード あなたのカード あなたのクレジットカード "
            "自分のカード "
            "お手持ちのカード 個人のカード 個人のクレジットカード 手持ちのクレカ ご自身のクレカ "
            "クレジットカードで立て替え カードで立て替え"
        )
        + ["your own card", "your credit card", "your card", "your debit card"]
    ),
    "gift_card": tuple(
        W(
            "ギフトカード ギフト券 amazonギフト アマゾンギフト itunesカード appleギフト "
            "googleplayカード "
            "プリペイドカード 電子マネー webmoney ウェブマネー バニラ vプリカ"
        )
        + ["gift card", "gift cards", "itunes card", "steam card", "prepaid card", "voucher code"]
    ),
    "card_act": tuple(
        W(
            "購入して 買って 決済して 支払って 番号を送 コードを送 番号を教 コードを教 写真を送 "
            "指定の住所 別の住所 転送 後で返金 後日返金 後ほど返金 立て替え 報酬と一緒に"
        )
        + [
            "buy",
            "purchase",
            "send the code",
            "send the codes",
            "scratch",
            "ship to",
            "reimburse",
            "we will refund",
            "pay you back",
        ]
    ),
    "card_legit": tuple(
        W(
            "デザイン 印刷 販売 制作 券面 発行システム 導入 キャンペーン 景品 プレゼント 特典 "
            "レジ 店頭"
        )
        + ["design", "print", "promotion", "giveaway"]
    ),
    # --- ID documents -----------------------------------------------------------------------
    "id_doc": tuple(
        W(
            "身分証 身分証明書 本人確認書類 運転免許証 免許証 マイナンバー マイナンバーカード "
            "パスポート "
            "保険証 健康保険証 在留カード 住民票 学生証 キャッシュカード 通帳 暗証番号 顔写真付き "
            "自撮り セルフィー"
        )
        + [
            "driver's license",
            "drivers license",
            "driving licence",
            "passport",
            "id card",
            "photo id",
            "selfie",
            "ssn",
            "social security",
            "bank card",
            "national id",
        ]
    ),
    "id_send": tuple(
        W(
            "送って 送信 提出 アップロード 添付 画像 写真 コピー 撮影 撮って 見せて 貼って 送付 "
            "お送り 持った 一緒に撮 教えて 控え"
        )
        + ["send", "upload", "photo", "picture", "copy", "scan", "holding", "share", "submit"]
    ),
    "id_legit": tuple(
        W(
            "事務局 本人確認機能 本人確認手続き 運営の 公式の 認証機能 ocr 読み取り システム "
            "アプリ開発 "
            "開発 実装 ui 画面 記事 解説 啓発 注意 送らないで 求めません 不要 しないで 制度 翻訳 "
            "デザイン 更新手続き ekyc kyc "
            # what an event or a service asks of its participants, as content of the page
            "参加条件 入会条件 申込条件 参加資格"
        )
        + ["platform's", "never ask", "don't send", "do not send", "verification feature", "ocr"]
    ),
    # --- data harvesting --------------------------------------------------------------------
    "survey": tuple(
        W("アンケート 調査 モニター 回答 フォーム 登録フォーム 入力フォーム 名簿 リスト 一覧")
        + ["survey", "questionnaire", "form", "poll", "list"]
    ),
    "pii_sensitive": tuple(
        W(
            "口座番号 カード番号 暗証番号 マイナンバー パスワード 生年月日 年収 勤務先 家族構成 "
            "免許証番号 保険証番号 セキュリティコード 有効期限 ログイン情報"
        )
        + [
            "card number",
            "bank account number",
            "ssn",
            "social security",
            "date of birth",
            "password",
            "pin",
            "cvv",
            "mother's maiden",
        ]
    ),
    "others_contacts": tuple(
        W(
            "知人の 友人の 家族の 友達の 知り合いの 同僚の 親戚の 周りの人の 近所の 友だちの "
            "line友だちの 友だち一覧 友達一覧 連絡先一覧 アドレス帳 電話帳"
        )
        + [
            "your friends'",
            "your contacts",
            "contact list",
            "friends' numbers",
            "address book",
            "phonebook",
        ]
    ),
    "collect": tuple(
        W(
            "集め 収集 リスト化 書き出 提出 送って 教えて 入力 記入 調べて 聞き出 スクショ "
            "スクリーンショット 回答"
        )
        + ["collect", "gather", "send", "list", "screenshot", "enter", "provide", "fill"]
    ),
    # --- sign-ups sold as work ---------------------------------------------------------------
    "signup": tuple(
        W(
            "会員登録 無料登録 無料会員登録 新規登録 メルマガ登録 メルマガに登録 登録するだけ "
            "アプリをインストール アプリのインストール インストールして インストールするだけ "
            "無料トライアル 無料体験 お試し登録 口座開設 カード発行 カードを作 申し込むだけ "
            "申込みするだけ 申し込みするだけ ポイントサイト 友だち追加するだけ 登録して頂く "
            "登録していただく 登録作業"
        )
        + [
            "sign up for",
            "signup",
            "install the app",
            "install apps",
            "free trial",
            "free trials",
            "register for",
            "create a free account",
            "open an account",
        ]
    ),
    "pay_per": tuple(
        W(
            "報酬 1件 一件 1登録 1アプリ 円 謝礼 ポイント お小遣い 稼げ 稼ぐ 成果報酬 達成で "
            "につき 単価"
        )
        + ["reward", "per signup", "per install", "earn", "$", "paid", "commission", "bonus"]
    ),
    "signup_legit": tuple(
        W(
            "フォーム 実装 開発 構築 ui 導線 改善 設計 手順書 マニュアル ユーザビリティ "
            "ユーザーテスト "
            "テスト環境 検証環境 テスト用 qa デバッグ 記事 lp 文言 コピー 分析 デザイン"
        )
        + ["implement", "test account", "staging", "usability", "qa"]
    ),
    # --- dating sakura / adult ----------------------------------------------------------------
    "dating_strong": tuple(
        W(
            "チャットレディ チャトレ メールレディ ライブチャット パパ活 ママ活 出会い系 "
            "アダルト 風俗 デリヘル 援助交際 エロ 裸 下着姿 セクシー動画 アダルト動画 "
            "男性会員とのやり取り 男性会員とメッセージ 女性になりきって 女性のふり 女性を装 "
            "なりすましてメッセージ 恋愛感情を"
        )
        + [
            "sugar daddy",
            "sugar baby",
            "cam girl",
            "webcam model",
            "adult chat",
            "adult content",
            "onlyfans",
            "pretend to be a woman",
            "flirt with",
            "lonely men",
            "dating site operator",
        ]
    ),
    "sakura": tuple(W("サクラ さくら桜 サクラ要員 サクラとして サクラ役") + ["shill", "shills"]),
    "dating_context": tuple(
        W("会員 男性 女性 出会い マッチング メッセージ 返信 ポイント 恋愛 チャット 異性 サイト")
        + ["members", "men", "dating", "messages", "chat"]
    ),
    "dating_legit": tuple(
        W(
            "審査 監視 モニタリング 通報 開発 デザイン ui 記事 解説 啓発 注意 見分け 被害 "
            "色 開花 お花見 イラスト 桜色 さくら色 桜並木"
        )
        + ["moderation", "review profiles", "safety", "article"]
    ),
    # --- online casinos -----------------------------------------------------------------------
    "casino": tuple(
        W(
            "オンラインカジノ オンカジ ネットカジノ ネットカジノ ブックメーカー 海外カジノ "
            "カジノサイト "
            "カジノアフィリエイト 違法カジノ 賭博 スポーツベット スポーツベッティング バカラ "
            "ライブカジノ 仮想通貨カジノ 闇カジノ 裏カジノ 紹介先のカジノ カジノに登録 カジノに入金"
        )
        + [
            "online casino",
            "casino affiliate",
            "betting site",
            "sportsbook",
            "bookmaker",
            "online gambling",
            "crypto casino",
            "casino bonus",
        ]
    ),
    "casino_act": tuple(
        W(
            "紹介 アフィリエイト 登録 入金 ボーナス 招待コード 紹介コード 誘導 集客 プレイ 稼 記事 "
            "レビュー 攻略 報酬 キャッシュバック"
        )
        + ["affiliate", "referral", "deposit", "bonus", "promote", "sign up", "commission"]
    ),
    # --- academic ghost-writing ----------------------------------------------------------------
    "academic": tuple(
        W(
            "卒論 卒業論文 修士論文 博士論文 学位論文 大学のレポート 大学の課題 大学の授業 "
            "課題レポート 期末レポート レポート課題 ゼミのレポート 授業のレポート 読書感想文 "
            "夏休みの宿題 "
            "宿題 小論文 志望理由書 入試 単位 授業の課題 大学院の課題 オンライン試験 "
            "オンラインテスト "
            "資格試験の代わり"
        )
        + [
            "my essay",
            "my assignment",
            "my homework",
            "my dissertation",
            "my thesis",
            "msc dissertation",
            "master's dissertation",
            "mba dissertation",
            "phd thesis",
            "my coursework",
            "my coursework",
            "my exam",
            "online exam",
            "take my",
            "my class",
            "college essay",
            "term paper",
        ]
    ),
    "ghost_act": tuple(
        W(
            "代行 代筆 代わりに 書いて 作成して 丸ごと まるごと 仕上げて 提出する 提出用 "
            "提出します "
            "本人として 自分が書いたように 受けて 解いて 解答して お任せ 全部 "
            "を執筆して 執筆していただ 執筆をお願い 執筆をご担当 執筆パートナー 執筆代行"
        )
        + ["write", "do my", "complete my", "ghostwrite", "take", "for me", "submit", "sit"]
    ),
    "academic_legit": tuple(
        W(
            "校正 添削 指導 書き方 翻訳 英文校閲 アドバイス 講座 家庭教師 チューター 解説 "
            "参考文献の "
            "文献調査 データ分析 統計 論文翻訳 学術翻訳 要約 ネイティブチェック 記事 啓発"
        )
        + ["proofread", "proofreading", "editing", "tutor", "tutoring", "feedback", "translate"]
    ),
    # --- English task scams -------------------------------------------------------------------
    "task_scam_en": tuple(
        [
            "product optimization",
            "premium tasks",
            "unlock premium",
            "combination order",
            "combination task",
            "optimize products",
            "optimize product",
            "product listings optimization",
            "app optimization",
            "data optimization",
            "order optimization",
            "boost product",
            "boost ratings",
            "rating tasks",
            "task platform",
            "negative balance",
            "combination task",
            "combo task",
            "combination order",
            "lucky order",
            "recharge",
            "top up your account",
            "top-up your account",
            "unlock tasks",
            "unlock the next set",
            "complete a set",
            "sets of tasks",
            "merchant rating",
            "task commission",
        ]
    ),
    "cheque": tuple(
        ["check", "cheque", "mobile deposit", "deposit the check", "deposit this check"]
    ),
    "cheque_act": tuple(
        [
            "equipment",
            "vendor",
            "send the remaining",
            "send the balance",
            "remaining balance",
            "the rest back",
            "the difference",
            "office supplies",
            "software from our",
        ]
    ),
    "interview_chat_en": tuple(
        [
            "interview on telegram",
            "interview via telegram",
            "interview on whatsapp",
            "interview via whatsapp",
            "interview on signal",
            "text interview",
            "chat interview",
            "interview will be conducted on",
            "interview through telegram",
            "interview through whatsapp",
            "hangouts interview",
        ]
    ),
    # --- the act of finding a handle elsewhere (contact.at_handle) ----------------------------
    "handle_find": tuple(
        W("フォロー 検索 けんさく 追加 友だち 友達 dm")
        + ["follow", "add me", "find me", "search", "look me up"]
    ),
    # an @ that is code, not a person: annotations, decorators, package scopes
    "code_frame": tuple(
        W("アノテーション デコレータ デコレーター パッケージ ライブラリ メソッド クラス npm")
        + ["annotation", "decorator", "package", "import", "library"]
    ),
    # --- off-platform payment and pre-escrow work ----------------------------------------------
    "pay_outside": tuple(
        W(
            "paypay ペイペイ 銀行振込 銀行振り込み 口座振込 口座に直接 個人口座 直接振込 "
            "直接お振込 "
            "直接振り込 直接支払 直接お支払 直接払 現金で 手渡し 請求書で 請求書払い paypal "
            "ペイパル "
            "楽天ペイ linepay 送金アプリ "
            # the means of a payment that bypasses escrow: an account to pay into, gift codes
            "振込先をお送り 振込先をお伝え 振込先を送 口座番号をお送り 口座をお伝え アマギフ "
            "アマゾンギフト amazonギフト ギフトコード ギフト券で"
        )
        + ["支店 普通", "支店 普通預金"]
        + [
            "line pay",
            "paypal",
            "venmo",
            "zelle",
            "cash app",
            "cashapp",
            "wise",
            "bank transfer",
            "wire transfer",
            "invoice me",
            "invoice directly",
            "pay me directly",
            "pay you directly",
            "in cash",
            "friends & family",
            "friends and family",
            "wire you",
            "swift code",
            "bank details",
        ]
    ),
    "pay_outside_why": tuple(
        W(
            "手数料 システム利用料 サイトを通さ サイト外 外で 直接 節約 浮く 差額 上乗せ 個人的に "
            "手数料分 通さずに 通さないで "
            # why the platform's own flow is avoided: its cut, its escrow's delay, the contract
            "引かれ 差し引かれ 取られ 仮払いだと 仮払いは時間 反映まで 手続きは省略 手続きを省略 "
            "契約の手続き 契約せず 契約なしで 経費の関係 その方が楽"
        )
        + ["fee", "fees", "directly", "outside", "save", "skip", "bypass", "instead", "takes 20%"]
        + ["platform takes", "end the contract", "cancel the contract", "instead of"]
    ),
    "prefund_work": tuple(
        W(
            "仮払い前に 仮払いの前に 仮払い前から 仮払いなしで 仮払いは不要 仮払い不要 "
            "仮払いはいらない "
            "仮払いしなくて 仮払いせずに 仮払いは後で 契約前に作業 契約前から作業 契約前に着手 "
            "契約前ですが作業 先に作業 先に納品 先に始め 先行して作業 先行着手 エスクローなし "
            # not waiting for escrow: "仮払いの手続きを待たずに", "先に着手していただけませんか"
            "待たずに 待たずして 先に着手 先に取りかか 先に取り掛か 先に進めて 先に進めていただ"
        )
        + [
            "before escrow",
            "without escrow",
            "skip escrow",
            "skip the escrow",
            "before funding",
            "before the contract",
            "start before",
            "no need for escrow",
            "fund the milestone next week",
            "fund the milestone later",
            "fund it next week",
            "fund escrow later",
        ]
    ),
    "pay_later": tuple(
        W(
            "後で 後払い 後日 あとで 完成してから 納品後に 終わってから 完了後 払います "
            "お支払いします "
            "振り込みます 振込みます お振込み 支払う 報酬は "
            "確認したら 納品していただいたら 納品いただいたら 納品したら すぐ送ります "
            "すぐにお支払い "
            "すぐお支払い 送金します お支払いはその後 支払いはその後 信用してください"
        )
        + ["pay you after", "pay after", "pay later", "pay you later", "pay when", "i'll pay"]
        + ["start today", "start now", "start right away", "get started today"]
    ),
    "close_posting": tuple(
        W(
            "案件を閉じ 募集を閉じ 取り下げ 契約をキャンセル キャンセルして 案件をキャンセル "
            "終了させて "
            "一度キャンセル 契約を終了 完了扱い"
        )
        + ["close this job", "close the job", "cancel the contract", "cancel this contract"]
    ),
    # --- upfront costs, beyond registration fees ------------------------------------------------
    "upfront_more": tuple(
        W(
            "マニュアル代 マニュアル購入 有料マニュアル 教材 教材費 研修費 研修代 講習費 "
            "サポート費用 "
            "月額ツール ツール利用料 ツール代 システム利用料 月額利用料 月額費用 初期費用 保証金 "
            "登録費用 参加費 入会費 スターターキット 購入が必要 購入必須 自己負担 自腹 先に入金 "
            "入金して 入金が必要 デポジット 前金 事務手数料 審査料 仮登録料 認定料 資格取得費用 "
            "研修テキスト テキスト代"
        )
        + [
            "training materials",
            "onboarding kit",
            "onboarding fee",
            "activation fee",
            "paid training",
            "buy the software",
            "purchase the software",
            "monthly tool",
            "deposit",
            "starter pack",
            "certification fee",
            "you need to purchase",
            "you must purchase",
            "pay for the",
        ]
    ),
    "upfront_required": tuple(
        W(
            "必要 必須 お願いします ご購入 ご用意 いただきます 頂きます 負担 支払い 支払って "
            "お支払い "
            "振込 振り込 入金 購入して 購入いただ してから 後に 開始前 始める前 事前 先に 最初に "
            "契約後 ご登録をお願い お願いしています"
        )
        + ["required", "must", "need to", "before you start", "first", "to start", "to begin"]
        + ["one-time", "once it's paid", "once paid", "once you pay"]
    ),
    # --- new contact channels and euphemisms -------------------------------------------------
    # What the worker pays for, priced, and a word that makes paying it the worker's part: the
    # shape of an upfront fee whatever the thing is called (認定講座（39,800円）の受講が必須,
    # 作業マニュアル（9,800円）をご購入いただく必要, a $49 certification course paid through a
    # link).
    "worker_pays": tuple(
        W(
            "ご購入いただ ご購入の上 購入していただ 購入が必須 購入必須 受講が必須 受講必須 "
            "受講していただ ご受講 ご負担 負担となります ご契約いただける方 ご契約ください "
            "お申し込みください お振込み 振り込んで お支払いください 購入完了 ご自身で購入 "
            "必須となります 必要があります 必要となります ご登録をお願い "
            # the money flows to the one who offers the work
            "頂戴しております 頂戴します 頂戴いたします お支払いいただきます ご入金いただ"
        )
        + ["you need to", "you must", "need to complete", "need to buy", "need to pay", "must pay"]
        + ["paid through the link", "pay through", "all contractors need", "is required"]
        + ["are required", "required to", "top up", "top-up", "prepay"]
    ),
    # --- a different job raised in the thread, moved off the site or paid for ---------------
    "job_change": tuple(
        W(
            "その代わり 代わりに かわりに 中止になって 中止となり 中止に 見送り 実際にお願いしたい "
            "実はメイン 本当の案件 メインの案件 本案件"
        )
        + ["instead", "change of plan", "change of plans", "pausing the", "actually run"]
        + ["main project", "is actually", "the real project", "switch gears"]
    ),
    "offsite_move": tuple(
        W(
            "このサイトではなく ここではなく このサイト以外 サイト外 専用のアプリ 専用アプリ "
            "ダウンロード 外部のサイト 別サイト 自社サイト 入金 デポジット 投資"
        )
        + ["our own portal", "own portal", "register at", "sign up at", "not here"]
        + ["outside the platform", "off the platform", "deposit", "trading app", "download"]
    ),
    # --- task scams: a deposit that unlocks the paid work -----------------------------------
    "task_unlock": tuple(
        ["commission", "unlock", "activate", "next level", "premium", "tasks", "comes back"]
        + ["refunded", "with your first", "level", "work account", "profit"]
    ),
    # --- dating and companionship work ----------------------------------------------------------
    "dating_party": tuple(
        W("男性会員 男性のお客様 男性ユーザー 男性のユーザー 男性利用者")
        + ["male members", "male users", "male clients", "male customers", "lonely men"]
    ),
    "dating_act": tuple(
        W("お相手 メッセージ 返信 お話し おしゃべり ビデオ通話 チャット 大人っぽい")
        + ["chat", "message", "messages", "flirt", "video call", "keep them talking"]
    ),
    "meet_words": tuple(W("お食事 食事 デート 会って 会いません 飲みに 二人で ふたりで")),
    # --- investment pitches --------------------------------------------------------------------
    "invest_join": tuple(
        W(
            "運用体験 少額 ご自身でも 参加 招待 グループ 勉強会 始めてみ 入金 投資して 運用して "
            "一緒に サロン コミュニティ 先生 紹介します 興味あれば 興味があれば"
        )
        + ["join", "invite", "add you", "fund", "deposit", "trading account", "let in", "lets in"]
        + ["walk you through", "get you in", "sign up", "interested", "group", "team members"]
    ),
    "app_more": tuple(
        W(
            "slack スラック teams チームズ zoom ズーム グーグルミート テレグラ "
            "テレグラム wechat 微信 ウィーチャット whatsapp ワッツアップ signal シグナル viber "
            "バイバー "
            "discord ディスコ ディスコード kakaotalk カカオトーク "
            "skype スカイプ messenger メッセンジャー x(旧twitter) インスタ"
        )
        + ["whatsapp", "telegram", "signal app", "google chat", "google meet", "hangouts", "wechat"]
        + ["tg", "wa", "insta dm"]
    ),
    # Channels named without their name: "緑のアプリ" (LINE), "青い鳥" (X), 「Rain」で察して.
    "app_euphemism": tuple(
        W(
            "緑のアプリ 緑のやつ 緑のほう 緑の方 みどりの方 みどりのアプリ 緑のメッセージアプリ "
            "青い鳥 青い鳥の方 黒いアプリ 「rain」 ライソ 例のアプリ いつものアプリ 某アプリ 某sns "
            "外のアプリ 別のアプリ"
        )
        + ["green app", "the blue bird", "the other app", "you know which app"]
        # Telegram by its icon, LINE or Telegram by colour
        + W("紙飛行機 紙ひこうき 青いアプリ 水色のアプリ 黄色いアプリ 紫のアプリ みどりのやつ")
        + ["paper plane", "paper-plane", "the green one", "the blue one", "the other platform"]
    ),
    "qr": tuple(W("qrコード qr QR コード読み取") + ["qr code", "scan the code", "scan this"]),
    "qr_act": tuple(
        W(
            "読み取って 読み込んで 読み取り スキャン 追加して 友だち追加 友達追加 登録して "
            "送ります "
            "貼ります 添付 載せて プロフ画像 アイコン"
        )
        + ["scan", "add me", "add", "sent", "attached"]
    ),
    "qr_legit": tuple(
        W(
            "チラシ ポスター 名刺 メニュー表 店頭 印刷 デザイン 作成 生成 読み取り機能 実装 開発 "
            "決済 キャッシュレス 店舗の 公式 予約ページ "
            # a QR code that is part of the product: who scans it is a customer, not the reader
            "お客様 顧客 来店 利用者 ユーザーが 会員証 ポイントを ポイント付与 スタンプカード "
            "仕組み 機能 システム チェックイン 入場 受付 在庫 商品"
        )
        + ["flyer", "poster", "menu", "generate", "print", "design", "customers", "check-in"]
    ),
    "display_name": tuple(
        W(
            "表示名 プロフの名前 プロフィールの名前 ここの名前 同じ名前 同じ名で 同じidで "
            "ユーザー名と同じ "
            "表示名と同じ アイコンの名前 ハンドルネーム 名前のまま 名前で検索 この名前で "
            "名前で出て "
            "名前で出てきます 名前で探し プロフィール画像 プロフ画像 アイコン画像"
        )
        + ["same name", "same handle", "my display name", "search my name", "same username"]
        # the handle given as "the one I use here"
        + ["same as my username", "same as my profile name", "same as my name here"]
        + ["same as here", "name as here", "username as here", "username on here", "name on here"]
        + W("ここと同じ名前 ここと同じid ここのユーザー名 ここの表示名 こちらと同じ名前")
    ),
    "display_act": tuple(
        W("検索 探して 出てきます 出て 見て わかる 分かる 追加 dm 連絡 申請 フォロー")
        + ["search", "find", "look", "add", "dm", "message", "follow", "friend request"]
    ),
    "email_replace": tuple(
        W(
            "を@に を＠に をアットに をアットマークに を@に変え を@に置き換え に変えて "
            "に置き換えて "
            "を.に をドットに"
        )
        + ["replace", "swap", "change the"]
    ),
    "email_symbol": tuple(W("★ ☆ ◆ ◇ ■ □ ● ◎ ※ # (at) [at] (a) アット あっと")),
    "deictic_move": tuple(
        W(
            "そちらで そっちで そこで そちらに そっちに そこに あっちで あちらで そちらの方で "
            "そちらでお願い そっちでお願い そこにdm そちらにdm そちらから そっちから"
        )
        + ["over there", "there instead", "on there", "there."]
    ),
    "deictic_act": tuple(
        W(
            "話 続き 連絡 送って 送ります dm 返信 やり取り やりとり 詳しく 詳細 相談 お願い 待って "
            "メッセージ"
        )
        + ["talk", "chat", "continue", "message", "dm", "reply", "contact"]
    ),
}


def _r(code: str, category: str, weight: float, ja: str, en: str, **kw: Any) -> Rule:
    return Rule(code=code, category=category, weight=weight, message_ja=ja, message_en=en, **kw)


PRE = frozenset({"pre_contract"})
CHAT = frozenset({"message", "scout", "proposal"})

GUIDELINE_RULES: tuple[Rule, ...] = (
    # --- a different job in the thread, taken off the site or paid for (any stage) -----------
    _r(
        "bait_switch.job_changed",
        "bait_switch",
        3.5,
        "契約した仕事と別の仕事に切り替えて、サイトの外や入金に誘導することは禁止されています。",
        "Switching to a different job than the one agreed, off the platform or paid for, is "
        "prohibited.",
        keywords=("@job_change",),
        near=("@offsite_move",),
        window=150,
        same_sentence=False,
        discussable=True,
        kinds=CHAT,
    ),
    # --- MLM: a fee to join next to pay for recruiting ---------------------------------------
    _r(
        "mlm.paid_entry",
        "mlm",
        4.5,
        "登録料などを払って参加し、紹介で収入を得る仕組みはマルチ商法にあたるおそれがあります。",
        "Paying to join and earning from recruiting others is the mark of an MLM scheme.",
        patterns=(
            r"(?:登録|入会|初期費用|参加費|スターターキット|加入|入会金|会員登録)[^。\n]{0,12}?"
            r"[0-9][0-9,]*\s?万?円",
            r"(?:sign-?up|joining|starter kit|membership|entry) fee[^.\n]{0,12}?\$\s?[0-9]",
        ),
        gate=("円", "$"),
        near=("@mlm_medium",),
        window=120,
        same_sentence=False,
        discussable=True,
    ),
    # --- task scams: pay in to unlock the work -----------------------------------------------
    _r(
        "task_scam.deposit",
        "task_scam",
        4.5,
        "報酬や次の作業を受け取るために入金（チャージ）を求めるのは典型的な詐欺です。",
        "Asking for a deposit or top-up to unlock tasks or commission is a classic task scam.",
        patterns=(
            r"(?:top[- ]?up|deposit|prepay|pre-pay|recharge)[^.\n]{0,40}?"
            r"(?:[0-9][0-9,.]*\s?(?:usdt|usd|dollars)|\$\s?[0-9]|order value|balance)",
            r"[0-9][0-9,.]*\s?usdt",
        ),
        gate=("top", "deposit", "prepay", "pre-pay", "recharge", "usdt"),
        near=("@task_unlock",),
        window=150,
        same_sentence=False,
        discussable=True,
    ),
    # --- chat with (male) members of a site, paid by the message ------------------------------
    _r(
        "dating.member_chat",
        "dating_adult",
        3.5,
        "会員の相手をするメッセージ・通話の仕事は、出会い系のサクラにあたるおそれがあります。",
        "Being paid to chat with a site's (male) members is dating-site shill work.",
        keywords=("@dating_party",),
        near=("@dating_act",),
        window=40,
        same_sentence=False,
        discussable=True,
        unless_near=("@dating_legit",),
        unless_window=15,
    ),
    _r(
        "dating.paid_date",
        "dating_adult",
        3.5,
        "仕事とは別に、お小遣いを出して会うことを持ちかけるのは禁止されています。",
        "Offering money to meet in private, apart from the job, is prohibited.",
        keywords=("お小遣い", "おこづかい", "pocket money", "allowance"),
        near=("@meet_words",),
        window=80,
        same_sentence=False,
        discussable=True,
        kinds=CHAT,
    ),
    # --- investment pitches: a promised return and an invitation to put money in -------------
    _r(
        "investment.returns",
        "investment",
        3.5,
        "高い利回りや元本保証をうたう投資・運用への勧誘は禁止されています。",
        "Recruiting people into investments that promise high or guaranteed returns is prohibited.",
        patterns=(
            r"(?:利回り|月利|日利|週利|年利|配当|リターン)[^。\n]{0,10}?[0-9.]+\s?[%％]",
            r"元本(?:は|が|を)?(?:保証|保障)",
            r"資産が\s?[0-9一二三四五十]+\s?倍",
            r"[0-9.]+\s?(?:[-–~〜]\s?[0-9.]+\s?)?%\s?(?:per|a|every|each)\s(?:day|week|month)",
            r"(?:made|earned|returns? of|profit of|gained)\s[0-9.]+\s?%",
            r"guaranteed (?:[a-z]+ ){0,2}(?:returns?|profits?|yield|interest)|no losses|"
            r"signals? group|trading signals",
            r"[0-9.]+\s?%\s?(?:guaranteed\s)?(?:monthly|weekly|daily|annual) "
            r"(?:returns?|profits?|yield)",
        ),
        gate=("%", "％", "元本", "倍", "guaranteed", "no losses", "signal"),
        near=("@invest_join",),
        window=100,
        same_sentence=False,
        discussable=True,
        stages=frozenset(),
    ),
    # --- contact: channels and tricks the first generation did not know ----------------------
    _r(
        "contact.app_more",
        "contact",
        5.0,
        "仮払い前に外部のチャット・会議ツール（Slack・Teams・Zoom・Telegram "
        "等）へやり取りを移すことはできません。",
        "Moving the conversation to an outside chat or meeting tool (Slack, Teams, Zoom, "
        "Telegram…) is not allowed before escrow.",
        keywords=("@app_more",),
        near=("@contact_intent",),
        window=25,
        stages=PRE,
        unless_near=("@app_work_frame",),
        unless_window=10,
        role="app",
        discussable=True,
    ),
    _r(
        "contact.euphemism",
        "contact",
        5.0,
        "アプリ名をぼかしても、仮払い前に外部アプリへやり取りを移すことはできません。",
        "Moving the conversation to an outside app is not allowed before escrow, whatever it "
        "is called.",
        keywords=("@app_euphemism",),
        near=("@contact_intent",),
        window=25,
        stages=PRE,
        discussable=True,
    ),
    _r(
        "contact.meeting_link",
        "contact",
        6.0,
        "外部の会議・チャットへのリンクは仮払い前には送れません。",
        "Links to outside meetings or chats cannot be shared before escrow.",
        patterns=(
            r"(?:zoom\.us/|meet\.google\.com/|teams\.microsoft\.com/l/meetup|teams\.live\.com/|"
            r"join\.slack\.com/|[a-z0-9\-]+\.slack\.com/|chat\.whatsapp\.com/|u\.wechat\.com/|"
            r"weixin\.qq\.com/|signal\.me/|signal\.group/|t\.me/|discord\.gg/|whereby\.com/|"
            r"webex\.com/)[a-z0-9_./?=\-%#&]*",
        ),
        gate=("/",),
        negatable=False,
        stages=PRE,
    ),
    _r(
        "contact.meeting_id",
        "contact",
        5.0,
        "外部の会議ID・パスコードは仮払い前には送れません。",
        "Outside meeting IDs and passcodes cannot be shared before escrow.",
        patterns=(
            r"(?:ミーティングid|meeting id|会議id|ミーティングアイディー)"
            r"\s?[:：は]?\s?[0-9][0-9 \-]{8,}",
            r"(?:wxid|wechat id|微信id)\s?[:：_は]?\s?[a-z0-9_\-]{4,}",
        ),
        gate=("id",),
        negatable=False,
        stages=PRE,
        kinds=CHAT | {"profile"},
    ),
    _r(
        "contact.qr",
        "contact",
        5.0,
        "QRコードで外部の連絡先へ誘導することは仮払い前にはできません。",
        "Sending people to an outside contact through a QR code is not allowed before escrow.",
        keywords=("@qr",),
        near=("@qr_act",),
        window=25,
        stages=PRE,
        unless_near=("@qr_legit",),
        unless_window=25,
        discussable=True,
    ),
    _r(
        "contact.email_freemail",
        "contact",
        5.0,
        "仮払い前にメールアドレス（またはその一部）を送ることはできません。",
        "E-mail addresses, or a part of one, cannot be shared before escrow is funded.",
        # "@ icloud.com" after the name was sent apart, "… アットマーク ジーメール ドット コム"
        patterns=(
            r"(?:@|あっと|アット)\s?(?:gmail|googlemail|yahoo|icloud|outlook|hotmail|protonmail|"
            r"proton)(?![a-z])",
        ),
        gate=("@", "あっと", "アット"),
        negatable=True,
        stages=PRE,
        kinds=CHAT | {"profile"},
    ),
    _r(
        "contact.display_name",
        "contact",
        4.0,
        "外部で名前やアカウントを検索させる誘導は禁止されています。",
        "Asking someone to look you up elsewhere is an off-platform move and is not allowed.",
        keywords=("@display_name",),
        near=("@display_act",),
        window=50,
        same_sentence=False,
        stages=PRE,
        kinds=CHAT | {"profile", "review"},
    ),
    _r(
        "contact.email_replace",
        "contact",
        6.0,
        "記号を置き換えさせる形のメールアドレスも仮払い前には送れません。",
        "E-mail addresses disguised with a symbol to replace cannot be shared before escrow.",
        keywords=("@email_symbol",),
        near=("@email_replace",),
        window=12,
        stages=PRE,
        negatable=False,
    ),
    _r(
        "contact.deictic_move",
        "contact",
        5.0,
        "仮払い前に外部アプリ（LINE・Discord 等）へやり取りを移すことはできません。",
        "Moving the conversation to an outside app (LINE, Discord…) is not allowed before escrow.",
        keywords=("@deictic_move",),
        near=("@deictic_act", "@app"),
        window=60,
        same_sentence=False,
        stages=PRE,
        kinds=CHAT,
        unless_near=("@app_work_frame",),
        unless_window=10,
    ),
    # --- off-platform payment and pre-escrow work (any stage) --------------------------------
    _r(
        "offplatform.pay_outside",
        "offplatform",
        5.0,
        "サイトを通さない支払い（直接振込・PayPay 等）は規約で禁止されています。",
        "Payment outside the platform (direct transfer, PayPay…) is prohibited.",
        keywords=("@pay_outside",),
        near=("@pay_outside_why",),
        window=40,
        same_sentence=False,
        discussable=True,
        unless_near=("@money_legit",),
        unless_window=15,
    ),
    _r(
        "offplatform.prefund_work",
        "offplatform",
        5.0,
        "仮払い前の作業開始や、仮払いを省いた後払いの約束は、報酬未払いのもとになるため禁止されています。",
        "Starting work before escrow, or skipping escrow with a promise to pay later, is not "
        "allowed.",
        keywords=("@prefund_work",),
        near=("@pay_later",),
        window=60,
        same_sentence=False,
        discussable=True,
    ),
    _r(
        "offplatform.close_posting",
        "offplatform",
        5.0,
        "案件を閉じてサイトの外で取引する誘導は禁止されています。",
        "Closing the job to deal outside the platform is prohibited.",
        keywords=("@close_posting",),
        near=("@direct_deal",),
        window=60,
        same_sentence=False,
        discussable=True,
    ),
    # --- upfront costs -------------------------------------------------------------------------
    _r(
        "fee.priced_requirement",
        "upfront_fee",
        4.5,
        "仕事を始めるために講座・マニュアル・ツールなどの費用を求めることは禁止されています。",
        "Asking workers to pay for courses, manuals or tools to do the work is prohibited.",
        # a thing the work needs, with its price, that the worker is told to pay for
        patterns=(
            r"(?:講座|受講|マニュアル|教材|テンプレート|テンプレ|ツール|コース|セミナー|研修|"
            r"認定|資格|キット|パック|ソフト|利用料|会員|登録料|入会)[^。\n]{0,20}?"
            r"(?:[0-9][0-9,]*\s?円|¥\s?[0-9][0-9,]*)",
            r"(?:course|certification|training|manual|kit|software|membership|starter|toolkit|"
            r"license|program)[^\n]{0,40}?\$\s?[0-9][0-9,.]*",
        ),
        gate=("円", "¥", "$"),
        near=("@worker_pays",),
        window=40,
        same_sentence=False,
        discussable=True,
        unless_near=("@fee_free",),
        unless_window=25,
    ),
    _r(
        "fee.upfront_more",
        "upfront_fee",
        4.5,
        "仕事を始めるために教材・ツール・保証金などの費用を求めることは禁止されています。",
        "Asking workers to pay for materials, tools or deposits to start work is prohibited.",
        keywords=("@upfront_more",),
        near=("@upfront_required",),
        window=30,
        same_sentence=False,
        discussable=True,
        unless_near=("@fee_free",),
        unless_window=12,
    ),
    _r(
        "fee.monthly_required",
        "upfront_fee",
        3.0,
        "作業のために有料サービスへの加入・登録を求めることは、費用の前払いにあたるおそれがあります。",
        "Requiring the worker to sign up for a paid service to do the work may be an upfront fee.",
        patterns=(r"月額\s?[0-9][0-9,]*\s?円",),
        gate=("月額",),
        near=("@upfront_required",),
        window=30,
        same_sentence=False,
        discussable=True,
        unless_near=("@fee_free",),
        unless_window=30,
        kinds=CHAT,
    ),
    # --- fake reviews -----------------------------------------------------------------------
    _r(
        "review.fake",
        "fake_reviews",
        5.0,
        "報酬と引き換えの口コミ・評価の投稿（やらせレビュー）は禁止されています。",
        "Posting reviews or ratings in exchange for pay (fake reviews) is prohibited.",
        keywords=("@review_noun",),
        near=("@review_fake", "@review_post"),
        window=40,
        same_sentence=False,
        discussable=True,
        unless_near=("@review_legit",),
        unless_window=30,
    ),
    _r(
        "review.swap",
        "fake_reviews",
        5.0,
        "評価の交換（高評価をつけ合う約束）や、作業のない発注での評価は禁止されています。",
        "Trading ratings (five stars for five stars) or rating orders with no work is prohibited.",
        # a rating that depends on a rating in return, whatever the words: the speaker's rating
        # given, then the reader's asked for in the same breath; or an order placed only to be
        # rated (no work wanted)
        patterns=(
            r"(?:★|星|評価)[^。\n]{0,30}?(?:つけ|付け|入れ|送り|させていただ)[^。\n]{0,25}?"
            r"(?:ので|から|ます|ました)[^\n]{0,30}?"
            r"(?:私にも|わたしにも|僕にも|こちらにも|そちらからも|そちらも|あなたからも|同じく|同じ)"
            r"[^\n]{0,20}?(?:★|星|評価)",
            r"評価(?:を|の)?(?:交換|つけ合|付け合|し合)|相互評価|お互いに(?:★|星|高評価)",
            r"(?:別の?アカウント|別アカ|サブアカ)[^\n]{0,60}?(?:発注|依頼)[^\n]{0,60}?"
            r"(?:作業は不要|作業なし|作業不要|納品は不要|納品不要)",
            r"(?:left|given|gave|give|leave|leaving)[^.\n]{0,20}?(?:5|five)[ -]?stars?[^\n]{0,60}?"
            r"(?:same for me|same to me|in return|return the favou?r|do the same|same back)",
            r"(?:rate each other|exchange (?:reviews|ratings)|swap (?:reviews|ratings)|"
            r"(?:review|rating) swap|review exchange)",
        ),
        gate=("★", "星", "評価", "star", "rate", "review", "rating", "アカ"),
        discussable=True,
        unless_near=("@review_legit",),
        unless_window=30,
    ),
    _r(
        "review.place",
        "fake_reviews",
        2.5,
        "ストアや地図サービスへの口コミ投稿を仕事として依頼しています。",
        "Asks for reviews on a store, app store or map service as a paid task.",
        keywords=("@review_place",),
        near=("@review_noun", "@pay_per"),
        window=60,
        same_sentence=False,
        discussable=True,
        unless_near=("@review_legit",),
        unless_window=10,
    ),
    # --- stealth marketing ---------------------------------------------------------------------
    _r(
        "stealth.hide_ad",
        "stealth_marketing",
        5.0,
        "広告であることを隠した投稿（ステルスマーケティング）は禁止されています。",
        "Posts that hide that they are advertising (stealth marketing) are prohibited.",
        keywords=("@stealth_hide",),
        near=("@ad_noun",),
        window=40,
        same_sentence=False,
        discussable=True,
    ),
    # --- engagement manipulation ----------------------------------------------------------------
    _r(
        "engagement.fake",
        "engagement_manipulation",
        5.0,
        "再生数・フォロワー・いいね等を水増しする仕事は禁止されています。",
        "Inflating views, followers or likes is prohibited.",
        keywords=("@engage_metric",),
        near=("@engage_fake",),
        window=15,
        discussable=True,
        unless_near=("@review_legit",),
        unless_window=6,
    ),
    _r(
        "engagement.multi_device",
        "engagement_manipulation",
        5.0,
        "複数の端末・アカウントで再生数や視聴者数を増やす仕事は禁止されています。",
        "Inflating streams, views or viewers with several devices or accounts is prohibited.",
        keywords=("@engage_metric",),
        near=("@multi_device",),
        window=80,
        same_sentence=False,
        discussable=True,
        unless_near=("@device_legit",),
        unless_window=100,
    ),
    # --- account trading ------------------------------------------------------------------------
    _r(
        "account.trade",
        "account_trading",
        5.0,
        "アカウントの作成代行・売買・貸し借りは禁止されています。",
        "Creating accounts to hand over, or buying, selling or renting accounts, is prohibited.",
        keywords=("@account_noun",),
        near=("@account_trade",),
        window=25,
        discussable=True,
        unless_near=("@account_legit",),
        unless_window=10,
    ),
    # --- 名義貸し --------------------------------------------------------------------------------
    _r(
        "identity.name_lending",
        "name_lending",
        5.0,
        "名義貸し（携帯・SIM・口座などの契約を他人のために行うこと）は犯罪に利用されるおそれがあり禁止されています。",
        "Lending your name (phone, SIM or bank contracts for someone else) is prohibited.",
        keywords=("@name_lending",),
        discussable=True,
    ),
    _r(
        "identity.contract_for_other",
        "name_lending",
        5.0,
        "他人のために携帯・SIM・口座などを契約して渡すこと（名義貸し）は犯罪に利用されるおそれがあり禁止されています。",
        "Taking out a phone, SIM or bank contract to hand to someone else is name lending and "
        "prohibited.",
        keywords=("@contract_act",),
        near=("@for_other",),
        window=40,
        same_sentence=False,
        discussable=True,
    ),
    # --- money transfer and crypto ---------------------------------------------------------------
    _r(
        "money.transfer",
        "money_transfer",
        5.0,
        "ご自身の口座で他人のお金を受け取り・送金する仕事は、犯罪（マネーロンダリング）に利用されます。",
        "Receiving and passing on someone else's money through your own account is money "
        "laundering.",
        keywords=("@own_account",),
        near=("@transfer_act",),
        window=40,
        same_sentence=False,
        discussable=True,
        unless_near=("@money_legit",),
        unless_window=12,
    ),
    _r(
        "money.crypto_proxy",
        "money_transfer",
        5.0,
        "他人の代わりに仮想通貨を購入・送金する仕事は、犯罪に利用されるおそれがあります。",
        "Buying or sending crypto on someone else's behalf is a money-laundering pattern.",
        keywords=("@crypto",),
        near=("@proxy_buy",),
        window=50,
        same_sentence=False,
        discussable=True,
        unless_near=("@money_legit",),
        unless_window=12,
    ),
    # --- card purchases -----------------------------------------------------------------------
    _r(
        "card.own_card",
        "card_purchase",
        5.0,
        "ご自身のカードで購入して別の場所へ送らせる・コードを送らせる仕事は詐欺の手口です。",
        "Buying with your own card for someone else, or sending card codes, is a fraud pattern.",
        keywords=("@own_card",),
        near=("@card_act",),
        window=50,
        same_sentence=False,
        discussable=True,
    ),
    _r(
        "card.gift_codes",
        "card_purchase",
        5.0,
        "ギフトカード等を購入してコードを送らせるのは典型的な詐欺です。",
        "Buying gift cards and sending their codes is a classic scam.",
        keywords=("@gift_card",),
        near=("@card_act",),
        window=40,
        same_sentence=False,
        discussable=True,
        unless_near=("@card_legit",),
        unless_window=15,
    ),
    # --- ID documents -----------------------------------------------------------------------
    _r(
        "identity.documents",
        "id_documents",
        5.0,
        "身分証・キャッシュカード等の画像や番号を送らせることは禁止されています（本人確認は事務局の機能で行います）。",
        "Asking for ID documents, bank cards or their numbers is prohibited (identity checks go "
        "through the platform).",
        keywords=("@id_doc",),
        near=("@id_send",),
        window=25,
        discussable=True,
        unless_near=("@id_legit",),
        unless_window=15,
        kinds=frozenset({"message", "scout", "proposal", "job", "profile"}),
    ),
    # --- data harvesting -------------------------------------------------------------------
    _r(
        "data.sensitive",
        "data_harvesting",
        5.0,
        "アンケート等を装って口座番号・暗証番号などの個人情報を集めることは禁止されています。",
        "Collecting sensitive personal data (account numbers, PINs…) under cover of a survey is "
        "prohibited.",
        keywords=("@pii_sensitive",),
        near=("@collect", "@survey"),
        window=40,
        same_sentence=False,
        discussable=True,
        unless_near=("@id_legit",),
        unless_window=15,
    ),
    _r(
        "data.others_contacts",
        "data_harvesting",
        5.0,
        "知人・友人の連絡先を集めさせる仕事は禁止されています。",
        "Collecting the contact details of your friends or acquaintances is prohibited.",
        keywords=("@others_contacts",),
        near=("@collect",),
        window=30,
        same_sentence=False,
        discussable=True,
    ),
    # --- sign-ups sold as work --------------------------------------------------------------
    _r(
        "signup.as_work",
        "signup_as_work",
        4.5,
        "会員登録・アプリのインストール・無料体験への申込みそのものを仕事にすることは禁止されています。",
        "Selling sign-ups, app installs or free-trial registrations as work is prohibited.",
        keywords=("@signup",),
        near=("@pay_per",),
        window=50,
        same_sentence=False,
        discussable=True,
        unless_near=("@signup_legit",),
        unless_window=10,
    ),
    # --- dating sakura / adult -------------------------------------------------------------
    _r(
        "dating.adult",
        "dating_adult",
        5.0,
        "出会い系のサクラ・アダルト関連の仕事は禁止されています。",
        "Dating-site shills and adult work are prohibited.",
        keywords=("@dating_strong",),
        discussable=True,
        unless_near=("@dating_legit",),
        unless_window=10,
    ),
    _r(
        "dating.sakura",
        "dating_adult",
        5.0,
        "出会い系のサクラの仕事は禁止されています。",
        "Working as a dating-site shill is prohibited.",
        keywords=("@sakura",),
        near=("@dating_context",),
        window=30,
        same_sentence=False,
        discussable=True,
        unless_near=("@dating_legit",),
        unless_window=8,
    ),
    # --- online casinos -----------------------------------------------------------------------
    _r(
        "casino.affiliate",
        "casino",
        5.0,
        "オンラインカジノ等の賭博への誘導・紹介は禁止されています。",
        "Promoting online casinos or betting sites is prohibited.",
        keywords=("@casino",),
        near=("@casino_act",),
        window=60,
        same_sentence=False,
        discussable=True,
    ),
    # --- academic ghost-writing -----------------------------------------------------------------
    _r(
        "academic.as_student",
        "ghostwriting",
        5.0,
        "本人になりすまして課題・試験を受ける代行は禁止されています。",
        "Doing graded work or exams logged in as the student is prohibited.",
        keywords=("@as_student",),
        near=("@graded_work",),
        window=80,
        same_sentence=False,
        discussable=True,
        unless_near=("@academic_legit",),
        unless_window=15,
    ),
    _r(
        "academic.ghostwriting",
        "ghostwriting",
        4.5,
        "大学の課題・論文・宿題などの代行は禁止されています（添削・指導は可能です）。",
        "Doing someone's coursework, theses or exams is prohibited (editing and tutoring are "
        "fine).",
        keywords=("@academic",),
        near=("@ghost_act",),
        window=30,
        same_sentence=False,
        # Writing words (執筆, 論文, write) are what the scheme is made of, not a frame that
        # makes it a topic: articles and guides are left alone by @academic_legit instead.
        discussable=False,
        unless_near=("@academic_legit",),
        unless_window=15,
    ),
    # --- English task scams -----------------------------------------------------------------
    _r(
        "task_scam.optimization",
        "task_scam",
        5.0,
        "「商品の最適化」などのタスクで入金を求める手口は詐欺です。",
        "'Product optimization' tasks that need your own deposit are a scam.",
        keywords=("@task_scam_en",),
        discussable=True,
    ),
    _r(
        "task_scam.cheque",
        "task_scam",
        5.0,
        "小切手を入金させて差額を送らせる手口は詐欺です。",
        "Depositing a cheque and sending part of it on (for equipment, a vendor) is a scam.",
        keywords=("@cheque",),
        near=("@cheque_act",),
        window=80,
        same_sentence=False,
        discussable=True,
    ),
    _r(
        "task_scam.chat_interview",
        "contact",
        5.0,
        "面接を外部チャット（Telegram・WhatsApp 等）で行う求人は詐欺の典型です。",
        "Job interviews held only on Telegram or WhatsApp are a typical scam.",
        keywords=("@interview_chat_en",),
        discussable=True,
        stages=PRE,
    ),
)
