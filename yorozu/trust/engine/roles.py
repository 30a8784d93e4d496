# ruff: noqa: SIM905 - word lists read best as one split string
"""What a mention is doing in its sentence: a channel, the subject of the work, or its content.

    LINEで話しましょう          → channel  (move the conversation there)
    LINEミニアプリの開発          → subject  (the work is about LINE)
    店舗の電話番号を掲載          → content  (the number is what the work publishes)
    電話番号を教えてください      → channel  (hand over your own number)

Read from the analyser's morphemes (`analysis.py`), the way a reader parses Japanese: a mention
is the head or a modifier of a compound (the rightmost noun of a Japanese compound is its head:
LINE+ミニアプリ is an app, LINE+交換 is an exchange); it takes a particle and depends on a
predicate further on in its clause (LINEで → 話す, LINEを → 導入する); the predicate is either
addressed to the reader (ましょう, ませんか, ください, たい, a question) or describes a
product (a relative clause on 仕組み/機能/アプリ…, a third-party subject such as ユーザーが).
Japanese dependents precede their heads, so "the first predicate after the particle" is the
head in the great majority of short clauses; GiNZA's full parse would be better on long ones but
does not fit the budget (docs/trust-engine.md).

Only roles the evidence supports are returned; anything else is "unknown" and the rule falls
back to its context window. The functions are pure and cheap (a few dozen morphemes each).
"""

from __future__ import annotations

from collections.abc import Sequence

from .analysis import Morpheme

CHANNEL = "channel"
SUBJECT = "subject"
CONTENT = "content"
UNKNOWN = "unknown"

# Nouns that, as the head of a compound with an app name or after "の", make the phrase an act
# of contact or a contact artifact: LINE交換, LINEのID, ラインの追加.
_CHANNEL_NOUNS = frozenset(
    "交換 追加 友達追加 id 通話 連絡 dm やり取り やりとり 招待 申請 検索 相談 話 返信 表示名 "
    "移動 質問 打ち合わせ 面談 面接 アカウント名 ユーザー名 ユーザーネーム 名前 番号 アドレス "
    "qr qrコード グループ ビデオ通話 電話 トーク メッセージ チャット dm送信 ひとこと 名".split()
)
# Verbs and verbal nouns of talking to or reaching the other party.
_CHANNEL_PREDICATES = frozenset(
    "話す 話せる 送る 送れる 教える 伝える 繋がる 交換 追加 続ける 移る 移す 待つ 聞く 相談 返信 "
    "申請 招待 検索 探す やる 持つ 来る 入る 参加 飛ぶ 移動 移行 連絡 貰う 頂く 下さる 願う "
    "受け付ける "
    "受付 応募 面談 面接 打ち合わせ 通話 電話 やり取り やりとり 話し合う 質問 登録 共有 使う "
    "使える "
    "出来る できる 可能 対応 届ける 届く 見る 読む 確認 返事 友達追加 繋ぐ つなぐ 誘う 呼ぶ 会話 "
    "チャット 知らせる 遣る 御願い お願い 送付 お送り 落ち合う 会う 案内 御案内 フォロー "
    "申し込む 申込 リアクション 反応 コンタクト".split()
)
# Nouns that make the phrase a piece of work: the product, its parts, the activities around it.
_WORK_NOUNS = frozenset(
    "開発 実装 構築 制作 作成 設計 運用 管理 連携 導入 設定 配信 通知 表示 集客 広告 分析 改善 "
    "修正 改修 保守 api bot ボット ミニアプリ アプリ liff スタンプ 機能 画面 "
    "ボタン 予約 決済 会員証 システム ツール サーバー 自動化 webhook 連動 版 向け 用 "
    "マーケティング "
    "マーケ 運営 代行 施策 キャンペーン 登録者 友達数 友だち数 追加数 フォロワー 投稿 デザイン "
    "イラスト "
    "翻訳 記事 漫画 動画 アイコン リッチメニュー メニュー ログイン 認証 プラグイン 拡張 通知機能 "
    "移行マニュアル マニュアル 手順書 資料 研修 講座 セミナー 教材 テンプレート 検証 テスト 調査 "
    "リサーチ 比較 解説 コンサル 連携機能 チャンネル運営 コミュニティ運営 "
    "モデレーター "
    "ウィジェット 埋め込み 仕様 要件 フロー 連携設定 ダッシュボード データ 集計 ハッシュタグ "
    "広告運用 "
    "配信設定 カスタマイズ 改善提案 sdk 通知bot チャットボット 公式line line公式 "
    "公式アカウント運用 "
    "ビジネス business ショップ ストア 店舗 クーポン ポイントカード 会員 アンケート 入力フォーム "
    "数 率 件数 "
    "回数 単価 数値 ボタン設置 タグ 計測 効果測定 移行作業 置き換え リプレース 乗り換え 移行 "
    "全面移行 "
    "全社導入 oauth openid 紐付け 紐づけ 検討 時 際 ウェビナー 登録フォーム 主催者 パネリスト 投票 "
    "py js 画面共有機能 マーケット creators 申請作業 審査 配信機能 ステップ配信 "
    "セグメント配信".split()
)
# Products a relative clause can describe: "LINEで予約を受け付ける仕組み".
_PRODUCT_NOUNS = frozenset(
    "仕組み 機能 システム アプリ ボット bot ページ フォーム 画面 フロー サービス ツール 環境 "
    "プログラム スクリプト 連携 ダッシュボード サイト マニュアル 手順書 手順 資料 動画 記事 導線 "
    "方法 やり方 ガイド 設定 処理 ロジック 実装 コード 案 文章 コピー 原稿 旨 こと 形 流れ 案内 "
    "ボタン 導線 文言".split()
)
# Third parties whose actions a product description narrates: "ユーザーがLINEで友だち追加すると".
_THIRD_PARTIES = frozenset(
    "ユーザー 利用者 お客様 お客さま 客 顧客 会員 患者 生徒 受講生 参加者 購入者 来店者 ファン "
    "社員 従業員 スタッフ 店舗 企業 お店 店 エンドユーザー 利用客 入居者 保護者 住民 視聴者 "
    "フォロワー 読者 登録者 相手 各自 社内 協力会社 職人 現場監督 営業担当 講師 担当者 メンバー "
    "取引先 部署 チーム 事務局 保護者 来場者 出演者 宿泊客 海外のお客様".split()
)
# Mood of a predicate addressed to the reader (or offering the writer's own act).
_ADDRESSED = frozenset("ましょう ませんか ください 下さい 下さる たい 欲しい ほしい 願う".split())

# Contact nouns: whose number is it, and what does the work do with it?
_CONTACT_NOUNS = frozenset(
    "電話番号 携帯番号 メールアドレス メアド アドレス 住所 連絡先 番号 電話 携帯 ケータイ email "
    "e-mail メール".split()
)
_OWNER_CONTENT = frozenset(
    "店舗 店 お店 会社 企業 弊社 当社 法人 事務所 お客様 お客さま 顧客 会員 利用者 ユーザー 応募者 "
    "生徒 患者 参加者 購入者 取引先 新 新しい 旧 代表 問い合わせ 問合せ お問い合わせ 本社 支店 "
    "各店舗 "
    "クリニック 病院 サロン 教室 施設 医院 店舗情報 担当部署 窓口 各 全 架空 ダミー "
    "サンプル テスト".split()
)
_OWNER_SELF = frozenset(
    "あなた 貴方 ご自身 自分 私 僕 わたし 俺 個人 プライベート 直接 本人".split()
)
_CONTENT_COMPOUND = frozenset(
    "欄 項目 入力 フィールド 形式 フォーマット 表示 認証 データ リスト 一覧 管理 検証 チェック "
    "バリデーション 桁 変換 整形 統一 マスク 部分 列 カラム 記載 掲載 変更 更新 認証機能 入力欄 "
    "入力フォーム 帳 簿 台帳 重複 抽出 非表示 ハイフン".split()
)
_CONTENT_PREDICATES = frozenset(
    "掲載 載せる 載る 入力 表示 整形 変更 更新 修正 管理 検証 抽出 置換 削除 非表示 隠す マスク "
    "統一 "
    "変換 書き換える 差し替える 差し替え 反映 記載 明記 印刷 配置 デザイン 登録 追記 転記 集計 "
    "入れる 記入 設置 チェック 確認 照合 フォーマット 移す 移行 保存 取り込む 入れ替える 並べる "
    "分ける 分割 結合 正規化 取得 出力 書く 書き込む 乗せる 記す 打ち込む 打つ 差し込む".split()
)
_EXCHANGE_PREDICATES = frozenset(
    "教える 送る 伝える 交換 渡す 聞く 知る 共有 連絡 貼る 頂く 下さる 貰う お知らせ 知らせる "
    "書く 載せる 記載 記入 入れる 添える 添付 残す 送信 伺う 尋ねる ".split()
)
# Where a written number goes: a page (content) or the reader (exchange).
_PAGE_PLACES = frozenset(
    "ページ サイト ホームページ hp lp チラシ 名刺 フォーム 看板 メニュー 店舗ページ 画面 記事 表 "
    "シート スプレッドシート csv データベース db 資料 パンフレット ポスター 地図 フッター ヘッダー "
    "会社概要 プロフィール欄 一覧 リスト 台帳 sns 媒体 広告 原稿 google "
    "ビジネスプロフィール".split()
)
_TOPIC_ACTS = frozenset(
    "面接 面談 打ち合わせ 連絡 やり取り やりとり 詳細 続き 選考 相談 質問 ご連絡 説明 ミーティング "
    "mtg やりとり 今後 以降 報告 応募 お問い合わせ 問い合わせ".split()
)
_GENERIC_PREDICATES = frozenset("行う 為る する 実施 御願い 願う 進める 致す いたす 可能".split())
_PAGE_SUFFIXES = ("ページ", "サイト", "チラシ", "フォーム", "画面", "シート", "欄")
_READER_PLACES = frozenset(
    "メッセージ こちら ここ 応募 応募時 返信 プロフィール 私 弊社 担当 当方".split()
)

_CLAUSE_END = frozenset(["。", "!", "?", "\n"])
_PARTICLE_LINK = frozenset("で に へ から でも を は が の と も にて 経由".split())


def _lemma(m: Morpheme) -> str:
    return m.lemma.lower()


def _index(ms: Sequence[Morpheme], s: int, e: int) -> tuple[int, int] | None:
    """Indices of the first and last morpheme overlapping [s, e)."""
    first = last = -1
    for k, m in enumerate(ms):
        if m.end <= s:
            continue
        if m.begin >= e:
            break
        if first < 0:
            first = k
        last = k
    return None if first < 0 else (first, last)


def _is_end(m: Morpheme) -> bool:
    return m.surface in _CLAUSE_END or (m.pos == "補助記号" and m.surface in ("。", "!", "?"))


def _compound_after(ms: Sequence[Morpheme], k: int) -> int:
    """Index after the nouns that continue a compound starting at k."""
    n = len(ms)
    while k < n and ms[k].pos in ("名詞", "接尾辞") and ms[k].begin == ms[k - 1].end:
        k += 1
    return k


def _predicate(ms: Sequence[Morpheme], k: int, limit: int = 14) -> int | None:
    """Index of the first predicate from k within the clause: a verb (not an auxiliary light
    verb alone), or a verbal noun followed by する/できる/ください, or 可能."""
    n = len(ms)
    seen = 0
    while k < n and seen < limit:
        m = ms[k]
        if _is_end(m):
            return None
        if m.pos == "空白" or m.pos == "補助記号":
            k += 1
            continue
        seen += 1
        if m.pos == "動詞" and m.pos2 != "非自立可能":
            return k
        if m.pos == "名詞" and k + 1 < n:
            nxt = ms[k + 1]
            if nxt.pos == "動詞" and _lemma(nxt) in ("為る", "する", "出来る", "できる", "下さる"):
                return k
            if m.lemma in ("可能", "OK", "ok", "歓迎"):
                return k
            lm = _lemma(m)
            if (nxt.pos in ("補助記号", "空白") or _is_end(nxt)) and (
                lm in _CONTENT_PREDICATES or lm in _WORK_NOUNS or lm in _CHANNEL_PREDICATES
            ):
                return k  # 体言止め: "…をアクセスページに掲載（…）", "…へ移行"
        if m.pos == "動詞" and _lemma(m) in _LIGHT_PREDICATES:
            return k
        k += 1
    return None


_LIGHT_PREDICATES = frozenset("やる 遣る 下さる 頂く 貰う 願う 出来る できる".split())


def _addressed(ms: Sequence[Morpheme], k: int) -> bool:
    """Does the predicate at k end in a mood addressed to the reader (or an offer)?"""
    n = len(ms)
    for j in range(k + 1, min(n, k + 7)):
        m = ms[j]
        if _is_end(m):
            return m.surface in ("?",) or j == k + 1
        s = m.surface
        if s in _ADDRESSED or _lemma(m) in _ADDRESSED:
            return True
        if m.lemma == "ます" and m.conj.startswith("意志推量"):
            return True  # ましょう
        if s == "か" and m.pos == "助詞":
            return True  # a question: LINEやってますか
        if s in ("て", "で") and m.pos == "助詞" and (j + 1 >= n or _is_end(ms[j + 1])):
            return True  # 連絡して。
        if m.pos == "名詞" and m.lemma in _PRODUCT_NOUNS:
            return False  # a relative clause: …する仕組み
    return False


def _relative_clause(ms: Sequence[Morpheme], k: int) -> bool:
    """Does the predicate at k modify a product noun ("受け付ける仕組み", "送れる機能")?"""
    n = len(ms)
    for j in range(k + 1, min(n, k + 6)):
        m = ms[j]
        if _is_end(m) or (m.pos == "補助記号" and m.surface in ("、", ",")):
            return False
        if m.pos == "名詞" and (_lemma(m) in _PRODUCT_NOUNS or _lemma(m) in _WORK_NOUNS):
            return True
        if m.pos == "助詞" and m.surface not in ("の",):
            return False
    return False


def _third_party_subject(ms: Sequence[Morpheme], first: int) -> bool:
    """A third party acts in this clause before the mention ("ユーザーがLINEで…")."""
    for j in range(first - 1, max(-1, first - 10), -1):
        m = ms[j]
        if _is_end(m):
            return False
        if m.pos == "名詞" and _lemma(m) in _THIRD_PARTIES:
            nxt = ms[j + 1] if j + 1 < len(ms) else None
            if nxt is not None and nxt.surface in (
                "が",
                "は",
                "も",
                "から",
                "に",
                "の",
                "へ",
                "と",
                "・",
                "、",
                "や",
            ):
                return True
    return False


_PLACE_NOUNS = frozenset(
    "アカウント 公式アカウント 公式 サーバー 鯖 ワークスペース グループ グループチャット "
    "コミュニティ "
    "チャンネル ルーム トークルーム オープンチャット オプチャ 個人アカウント 裏垢 サブ垢 "
    "プロフィール "
    "ストーリー ハイライト 投稿 ページ 会議室 ミーティング 会議".split()
)
_USE_PREDICATES = frozenset(
    "やる 遣る 持つ 使う 使える 出来る できる 可能 対応 見る 読む 確認 移行 届く 利用 "
    "活用 ok".split()
)
_SELF_OWNERS = frozenset("私 僕 わたし 俺 個人 自分 弊社 当社 当方 うち 小生 プライベート".split())
_ORG_OWNERS = frozenset("公式 社内 企業 店舗 自社 御社 貴社 お店 店 学校 チーム 所内 部署".split())
_TRANSPARENT = frozenset("方 ほう 辺 あたり 方面".split())


def _noun_phrase(ms: Sequence[Morpheme], k: int) -> int:
    """Index after the noun phrase starting at k (nouns, suffixes, single spaces between)."""
    n = len(ms)
    j = k
    while j < n:
        m = ms[j]
        if m.pos in ("名詞", "接尾辞", "接頭辞") or (
            m.pos == "空白" and j + 1 < n and ms[j + 1].pos == "名詞" and j > k
        ):
            j += 1
        else:
            break
    return j


def _classify(lemmas: list[str]) -> str | None:
    """What a compound or の-phrase built on a name is: a product of work, a place to talk,
    an act of contact, or None."""
    if any(x in _WORK_NOUNS for x in lemmas):
        return "product"
    if not lemmas:
        return None
    if len(lemmas) >= 2 and lemmas[-2] + lemmas[-1] in _CHANNEL_NOUNS:
        return "act"  # qr+コード
    if lemmas[-1] in _CHANNEL_NOUNS:
        return "act"
    if lemmas[-1] in _PLACE_NOUNS:
        return "place"
    return "other"


def app_role(ms: Sequence[Morpheme], s: int, e: int) -> str:
    """Role of an app/channel mention (LINE, Slack, Discord…) spanning [s, e)."""
    got = _index(ms, s, e)
    if got is None:
        return UNKNOWN
    first = last = got[0]  # the name itself (a pattern's match may run on past it)
    while last + 1 < len(ms) and ms[last + 1].begin < s + 1 and ms[last + 1].end <= e:
        last += 1
    # Whose is it: 公式LINE / 社内のSlack (an organisation's tool) or 私のLINE (a person's).
    owner = None
    j = first - 1
    if j >= 1 and ms[j].surface == "の":
        j -= 1
    if j >= 0:
        lm = _lemma(ms[j])
        if lm in _SELF_OWNERS or ms[j].surface in _SELF_OWNERS:
            owner = "self"
        elif lm in _ORG_OWNERS:
            owner = "org"
    # What is built on the name: LINE+ミニアプリ (product), LINE+交換 (act), LINE+グループ (place).
    k = last + 1
    if k + 1 < len(ms) and ms[k].pos == "空白" and ms[k + 1].surface.isascii():
        k += 1  # LINE WORKS, Skype for Business: a product name in two words
    k = _noun_phrase(ms, k)
    compound = [_lemma(m) for m in ms[last + 1 : k] if m.pos != "空白"]
    what = _classify(compound)
    if owner is None and any(lm in _ORG_OWNERS for lm in compound):
        owner = "org"  # LINE公式アカウント: the organisation's account, as 公式LINE
    if what == "other" and ms[k - 1].surface.isascii():
        what = "product"  # LINE WORKS, Zoom Webinar: another product
    if what == "product":
        return SUBJECT
    # …の + noun phrase (also へのX, とのX): LINEのID, Slackのワークスペース, Chatworkへの通知bot.
    n = len(ms)
    if k < n and ms[k].pos == "助詞" and what in (None, "place"):
        q = k
        if ms[q].surface in ("へ", "と", "で", "から") and q + 1 < n and ms[q + 1].surface == "の":
            q += 1
        if ms[q].surface == "の":
            j = _noun_phrase(ms, q + 1)
            lemmas = [_lemma(m) for m in ms[q + 1 : j] if m.pos != "空白"]
            if lemmas and lemmas[0] in _TRANSPARENT:
                k = j  # LINEの方で: the same as LINEで
            else:
                inner = _classify(lemmas)
                if inner == "product":
                    return SUBJECT
                if inner in (None, "other") and what is None:
                    return UNKNOWN  # LINEの使い方, LINEの歴史: a topic
                what = inner if inner not in (None, "other") else what
                k = j
    if _third_party_subject(ms, first):
        return SUBJECT
    pred = _predicate(ms, k)
    if owner == "org" and (pred is None or not _addressed(ms, pred)):
        return SUBJECT  # 公式Instagramのアカウント名とQRコード (on a flyer)
    if pred is None:
        if what == "act" or owner == "self":
            return CHANNEL  # LINE交換！, 私のLINE→ abc
        return UNKNOWN
    lemma = _lemma(ms[pred])
    if lemma in _WORK_NOUNS and lemma not in _CHANNEL_PREDICATES:
        return SUBJECT
    if _relative_clause(ms, pred):
        return SUBJECT
    addressed = _addressed(ms, pred)
    if lemma in _CONTENT_PREDICATES and lemma not in _EXCHANGE_PREDICATES:
        return SUBJECT  # …のQRコードをチラシに掲載, …をアクセスページに設置
    if lemma in _CONTENT_PREDICATES and any(
        _lemma(m) in _PAGE_PLACES or (m.pos == "名詞" and _lemma(m).endswith(_PAGE_SUFFIXES))
        for m in ms[k:pred]
    ):
        return SUBJECT  # …をチラシの裏に入れてください
    if lemma in _CHANNEL_PREDICATES and lemma not in _USE_PREDICATES:
        # An act of moving or reaching someone: 送る, 連絡, 追加, 参加, 招待…
        if addressed or what in ("act", "place") or owner == "self" or _polite_offer(ms, pred):
            return CHANNEL
        if _topic_act(ms, first):
            return CHANNEL
        return SUBJECT if owner == "org" else UNKNOWN
    if lemma in _USE_PREDICATES or lemma in _CHANNEL_PREDICATES:
        # Using or having the app: a channel only when asked or offered to the reader.
        if addressed and (what != "other"):
            return CHANNEL
        return SUBJECT if owner == "org" else UNKNOWN
    if what == "act":
        return CHANNEL
    if lemma in _GENERIC_PREDICATES and _topic_act(ms, first):
        return CHANNEL  # 面接はTelegramで行います
    if _topic_act(ms, first) and ms[k].surface in ("で", "が", "にて"):
        return CHANNEL  # 打ち合わせはLINEの方がやりやすい
    return SUBJECT if owner == "org" else UNKNOWN


def _polite_offer(ms: Sequence[Morpheme], k: int) -> bool:
    """The predicate ends in plain polite ます/です: an offer or statement of the writer's own
    act ("LINEでお送りします"); a product description would have a third party or a relative
    clause, checked before."""
    for j in range(k + 1, min(len(ms), k + 6)):
        m = ms[j]
        if _is_end(m):
            return False
        if m.lemma in ("ます", "です") and m.conj.startswith("終止形"):
            return True
    return False


def _topic_act(ms: Sequence[Morpheme], first: int) -> bool:
    """A contact act is the topic of the clause before the mention: 面接は…, 詳細は…"""
    for j in range(first - 1, max(-1, first - 8), -1):
        m = ms[j]
        if _is_end(m):
            return False
        if m.pos == "名詞" and _lemma(m) in _TOPIC_ACTS:
            return True
    return False


def contact_role(ms: Sequence[Morpheme], s: int, e: int) -> str:
    """Role of a contact noun (電話番号, メールアドレス, 住所…) or a written number at [s, e)."""
    got = _index(ms, s, e)
    if got is None:
        return UNKNOWN
    first, last = got
    # Coordinated nouns share their modifier: 新しい住所と電話番号, 店舗の住所・電話番号.
    while (
        first >= 2
        and ms[first - 1].surface in ("と", "や", "・", "、", "及び", "および", "/")
        and _lemma(ms[first - 2]) in _CONTACT_NOUNS
    ):
        first -= 2
    if (
        first > 0
        and ms[first - 1].pos in ("形容詞", "連体詞")
        and (_lemma(ms[first - 1]) in _OWNER_CONTENT or ms[first - 1].surface in _OWNER_CONTENT)
    ):
        return CONTENT  # 新しい電話番号
    # Whose is it? The modifier before: 店舗の電話番号 / あなたの電話番号.
    j = first - 1
    if j >= 0 and ms[j].surface in ("の", "な") and j >= 1:
        owner = _lemma(ms[j - 1])
        if owner in _OWNER_CONTENT or ms[j - 1].surface in _OWNER_CONTENT:
            return CONTENT
        if owner in _OWNER_SELF or ms[j - 1].surface in _OWNER_SELF:
            return CHANNEL
    if j >= 0 and ms[j].end == ms[first].begin and ms[j].pos == "名詞":
        if _lemma(ms[j]) in _OWNER_CONTENT:
            return CONTENT  # 店舗電話番号, 代表電話番号
        if _lemma(ms[j]) in _OWNER_SELF:
            return CHANNEL
    k = _compound_after(ms, last + 1)
    comp = [_lemma(m) for m in ms[last + 1 : k]]
    if any(c in _CONTENT_COMPOUND for c in comp):
        return CONTENT  # 電話番号欄, メールアドレス形式
    pred = _predicate(ms, k)
    if pred is None:
        return UNKNOWN
    lemma = _lemma(ms[pred])
    # Where does it go? "ページに掲載" (content) vs "こちらに送って" (exchange).
    place = None
    for m in ms[k:pred]:
        lm = _lemma(m)
        if lm in _PAGE_PLACES or (m.pos == "名詞" and lm.endswith(_PAGE_SUFFIXES)):
            place = CONTENT
        elif lm in _READER_PLACES:
            place = CHANNEL
    if place is not None and lemma in (_CONTENT_PREDICATES | _EXCHANGE_PREDICATES):
        return place
    if lemma in _CONTENT_PREDICATES and lemma not in _EXCHANGE_PREDICATES:
        return CONTENT
    if lemma in _EXCHANGE_PREDICATES:
        return CHANNEL if _addressed(ms, pred) or lemma in ("交換", "教える") else UNKNOWN
    if _relative_clause(ms, pred):
        return CONTENT
    return UNKNOWN


def artifact_role(ms: Sequence[Morpheme], s: int, e: int) -> str:
    """Role of a written phone number or address at [s, e): what the clause does with it
    ("…を店舗ページに掲載" → content; "…までご連絡ください" → channel), else whose it is, read
    from the contact noun before it ("店舗の電話番号: …")."""
    got = _index(ms, s, e)
    if got is None:
        return UNKNOWN
    first, last = got
    pred = _predicate(ms, last + 1, limit=12)
    if pred is not None:
        lemma = _lemma(ms[pred])
        place = None
        for m in ms[last + 1 : pred]:
            lm = _lemma(m)
            if lm in _PAGE_PLACES or (m.pos == "名詞" and lm.endswith(_PAGE_SUFFIXES)):
                place = CONTENT
            elif lm in _READER_PLACES or lm in ("まで", "迄"):
                place = CHANNEL
        if lemma in _CHANNEL_PREDICATES and lemma not in _CONTENT_PREDICATES:
            return CHANNEL  # …までご連絡ください, …に電話して
        if place is not None:
            return place
        if lemma in _CONTENT_PREDICATES and lemma not in _EXCHANGE_PREDICATES:
            return CONTENT
    for j in range(first - 1, max(-1, first - 8), -1):
        m = ms[j]
        if _is_end(m):
            break
        if m.pos == "名詞" and (_lemma(m) in _CONTACT_NOUNS or _lemma(m) in ("tel", "fax")):
            return contact_role(ms, m.begin, m.end)
    return UNKNOWN


def frame_words() -> tuple[str, ...]:
    """Surface forms whose presence near a mention means its role needs the analyser: the
    words of work, content, products, third parties and owners above (verbs by their stem,
    載せる → 載せ). A chat text without any of them near a mention keeps the rule's window
    decision and skips the analyser."""
    out: set[str] = set()
    nouns = (
        _WORK_NOUNS
        | _PRODUCT_NOUNS
        | _THIRD_PARTIES
        | _OWNER_CONTENT
        | _CONTENT_COMPOUND
        | _PAGE_PLACES
        | _ORG_OWNERS
        | {"公式", "社内"}
    )
    for w in nouns:
        if len(w) >= 2 or not w.isascii():
            out.add(w)
    for w in _CONTENT_PREDICATES:
        stem = w[:-1] if len(w) >= 3 and w[-1] in "るうくすつぬぶむぐ" else w
        out.add(stem)
    return tuple(sorted(x for x in out if len(x) >= 2))
