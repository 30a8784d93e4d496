"""The engine: rules compiled once into fast matchers, then applied to each text in context.

Design (after SpamAssassin, Osprey/Coop and AutoModerator):

* Rules are data (`Rule`). `Engine(rules=...)` compiles every literal keyword of every rule and
  lexicon set into ONE Aho–Corasick automaton, so a text is scanned once whatever the number of
  keyword rules; regex rules are compiled once and only run when their cheap `gate` substring is
  present.
* Cheapest checks first: a rule costs nothing unless its trigger occurred; only then are its
  context conditions (`near`, `unless_near`, negation scope, discussion frame) looked at, and
  the costlier derived signals (money amounts, the job-posting comparison) are computed lazily,
  only when a triggered rule asks for them.
* Negation and context are structural: a Japanese negation cue governs what precedes it in the
  clause ("LINE交換は禁止"), an English one what follows it ("don't share your e-mail"); an
  invitation that merely looks negative ("交換しませんか") is recognised as such; a sentence that
  discusses a scheme (an article warning about MLM) does not run it; an app name compounded
  with a work noun ("LINEスタンプ", "Chatwork API") is a topic, not a channel.
* Each live rule adds its weight once; points become a verdict through thresholds per kind and
  stage. Shadow rules are evaluated and reported apart, never counted. Draft rules are skipped.
* A small character n-gram model (`model.py`) adds points when it is confident, to generalise
  past the wording the rules know.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

from . import analysis, roles, staff_patterns
from .lexicon import LEXICON
from .model import NgramModel, load_default_model
from .normalize import DIGIT_WORDS, Normalized, normalize
from .rules import DEFAULT_RULES
from .values import Assessment, Context, Reason, Rule

__all__ = ["THRESHOLDS", "Engine", "assess", "default_engine"]

INF = float("inf")
# (warn, hold, block) points per kind and stage. Postings and profiles are held for the
# secretariat rather than refused outright, so they have no block threshold.
THRESHOLDS: dict[tuple[str, str], tuple[float, float, float]] = {}
for _kind in ("message", "scout", "proposal"):
    THRESHOLDS[(_kind, "pre_contract")] = (2.0, 4.0, 6.0)
    THRESHOLDS[(_kind, "post_contract")] = (2.0, 5.0, 8.0)
for _kind in ("job", "profile", "review"):
    THRESHOLDS[(_kind, "pre_contract")] = (2.0, 4.0, INF)
    THRESHOLDS[(_kind, "post_contract")] = (2.0, 4.0, INF)
# Reports and appeals go to the secretariat: they may quote anything, so they are flagged at
# most (the reviewer sees the reasons), never held or refused.
THRESHOLDS[("report", "pre_contract")] = (2.0, INF, INF)
THRESHOLDS[("report", "post_contract")] = (2.0, INF, INF)
# Kinds published to everyone: a hold needs strong evidence, not one cue. Without a concrete
# artifact (an address, a number, an ID, a link: weight >= STRONG) the verdict stays at warn
# unless rules of two different categories agree.
PUBLISHED = frozenset({"job", "profile", "review"})
STRONG = 5.0
# Kinds whose texts describe work at length (postings, profiles, reviews, proposals): a contact
# rule that asks the analyser what a mention is doing fires only when it is a channel there;
# in chat an unknown role falls back to the rule's context window.
STRICT_ROLES = frozenset({"job", "profile", "review", "proposal"})
# Earlier messages of the same sender that are read with the current one (split contact
# details): at most this many characters, the most recent ones.
EARLIER_CHARS = 400
# How much of a long sentence around a mention the analyser reads in chat texts.
ROLE_WINDOW_BEFORE = 24
ROLE_WINDOW_AFTER = 40

# The learned model's say (cross-validated in scripts/train_trust_model.py). It never holds or
# refuses anything by itself: a hold or a block always rests on the rules' evidence.
# * it tips a rule signal below the warn line over it when confident (MODEL_POINTS);
# * in the long kinds (postings, profiles, reviews, proposals), where it is measured best, a
#   very confident model flags a text alone, at the warn line and never further
#   (MODEL_FLAG_ALONE): a text the rules cannot explain is only shown to a person;
# * when every rule that fired is one the model file lists as clearable (shipped rules that
#   fire on legitimate text too often, measured at training time) and the model is sure the
#   text is legitimate (p < MODEL_CLEAR), it cancels their points with a negative reason,
#   SpamAssassin's BAYES_00: the rule hits are kept for the record.
MODEL_POINTS = ((0.97, 1.5), (0.90, 1.0))
MODEL_LONG_KINDS = frozenset({"job", "profile", "review", "proposal"})
MODEL_FLAG_ALONE = 0.9
MODEL_FLAG_ALONE_CHAT = 2.0  # > 1: off (see docs: +4 points of recall cost +0.8 of false flags)
MODEL_CLEAR = 0.05
# Short kinds where two categories agreeing keep their flag from the model's veto.
_SHORT_KINDS = frozenset({"message", "scout", "proposal"})
# A concrete contact artifact (an address, a number, an ID, a link): the model never clears it.
ARTIFACT = 6.0
SCORE_SCALE = 4.0

# A sentence ends at 。!? or a newline, or at a "." followed by a space or the end. Written as
# one character class first (then the "." condition) so `re` can skip ahead to candidates;
# the same matches as `[。!?\n]|\.(?=\s|$)`, ~40 % cheaper.
_SENTENCE_END = re.compile(r"[。!?\n.](?:(?<!\.)|(?=\s|$))")
_ASCII_LETTER = frozenset("abcdefghijklmnopqrstuvwxyz")
_CLAUSE_END = re.compile(r"[、,]|ので|けど|けれど")
_EN_CLAUSE_END = re.compile(r"[,;:]|\bbut\b|\bso\b")
_NUMERIC = frozenset("0123456789,.")
_KATAKANA = frozenset(chr(c) for c in range(0x30A1, 0x30FB)) | {"ー"}

# Money: "月30万", "日給3万円", "¥300,000/month", "$500 a day", "30万円稼げる".
_AMOUNT = (
    r"(?:(?:¥|\\|\$|us\$)\s?(?P<a1>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?)\s?(?P<u1>k|万|千)?"
    r"|(?P<a2>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?)\s?(?P<u2>k|万|千)?\s?"
    r"(?P<c2>円|yen|ドル|dollars?|usd|万)"
    r"|(?P<a3>[0-9]+(?:\.[0-9]+)?)\s?(?P<u3>k)(?![a-z]))"
)
_PERIOD_BEFORE = re.compile(
    r"(?P<pb>月収|月給|月|日給|日当|日収|1日|一日|毎日|毎月|日|週|年収|年|時給)"
    r"(?:で|に|は|最大|平均|約|以上|、|:|\s){0,3}$"
)
_PERIOD_AFTER = (
    r"\s?(?P<pa>/月|/日|/day|/month|/week|/hour|/h|per day|a day|daily|per month|a month|"
    r"monthly|per week|a week|weekly|per hour|an hour|/時間|以上/月)?"
)
# The period before an amount is looked up separately (`_money_monthly_yen`) so the regex
# starts with a digit or currency sign and the engine can skip to candidates quickly.
_MONEY = re.compile(rf"{_AMOUNT}{_PERIOD_AFTER}")
# Every money match starts with one of these characters (the amount's digit, a currency sign,
# "us$"). `re` cannot skip ahead on _MONEY itself (its branches open with groups), so
# `_money_matches` jumps from candidate to candidate with this class and tries _MONEY only
# there: the same matches as _MONEY.finditer, ~35 % cheaper on digit-heavy text.
_MONEY_START = re.compile(r"[¥\\$u0-9]")
_URL = re.compile(r"(?:https?://|www\.)[a-z0-9./?=_\-%&#]+|[a-z0-9\-]+\.(?:com|net|jp|me|io|co)\b")
_RESERVED_DOMAINS = ("example.com", "example.net", "example.org", "example.jp", "example.co.jp")
_RESERVED_TLDS = (".example", ".test", ".invalid", ".localhost", ".local")
_PRODUCT_LABEL = re.compile(
    r"(?:型番|品番|注文番号|注文no|商品コード|商品番号|管理番号|伝票番号|口座番号|会員番号|"
    r"sku|jan|order|invoice|ref|no\.|#|id|isbn|請求番号|お問い合わせ番号|受付番号|予約番号)"
    r"\s?[:：]?\s?$"
)


def _money_matches(text: str) -> list[re.Match[str]]:
    """`list(_MONEY.finditer(text))`, computed by jumping between possible match starts."""
    out: list[re.Match[str]] = []
    pos = 0
    search = _MONEY_START.search
    match = _MONEY.match
    while (c := search(text, pos)) is not None:
        s = c.start()
        m = match(text, s)
        if m is None:
            pos = s + 1
        else:
            out.append(m)
            pos = m.end() if m.end() > s else s + 1
    return out


def _money_monthly_yen(m: re.Match[str]) -> float:
    """Monthly-equivalent amount in yen for one money match (0 when it cannot be read)."""
    a = m.group("a1") or m.group("a2") or m.group("a3")
    if not a:
        return 0.0
    try:
        v = float(a.replace(",", ""))
    except ValueError:
        return 0.0
    unit = m.group("u1") or m.group("u2") or m.group("u3") or ""
    cur = m.group("c2") or ""
    if cur == "万":
        unit = "万"
    v *= {"k": 1000.0, "万": 10000.0, "千": 1000.0}.get(unit, 1.0)
    whole = m.group(0)
    if "$" in whole or "ドル" in whole or "dollar" in whole or "usd" in whole:
        v *= 150.0
    before = _PERIOD_BEFORE.search(m.string, max(0, m.start() - 8), m.start())
    period = (before.group("pb") if before else "") + (m.group("pa") or "")
    if any(p in period for p in ("日", "day", "daily")):
        v *= 20
    elif any(p in period for p in ("週", "week")):
        v *= 4
    elif any(p in period for p in ("時", "hour", "/h")):
        # Hourly rates are bait only when extravagant; ordinary part-time pay is not.
        v = v * 100 if v >= 3000 else 0.0
    elif "年" in period:
        v /= 12
    return v


# The handle token a "handle" rule's match must follow (see rules.HANDLE_SEARCH): letters,
# then at least one digit or underscore, not ending in . or -; not a labelled product code.
HANDLE_BEFORE = re.compile(
    r"(?<![a-z0-9_.\-@/])@?[a-z][a-z0-9_.\-]*[0-9_][a-z0-9_.\-]*(?<![.\-])\s?\Z"
)
_CODE_LABEL = re.compile(r"(?:型番|品番|コード|エラー|error|code|ver|version|sku)\s?[:：]?\s?\Z")


def _handle_before(text: str, start: int) -> int | None:
    """Start of the handle token that ends at `start` (spaces allowed), or None."""
    lo = max(0, start - 40)
    m = HANDLE_BEFORE.search(text, lo, start)
    if m is None:
        return None
    if _CODE_LABEL.search(text, max(0, m.start() - 10), m.start()) is not None:
        return None
    return m.start()


# Context of the job a thread belongs to (`Context.job_title/job_text`): a posting that writes
# about schemes (a scam-awareness article) makes naming them in its thread the work, and a
# posting that builds on an app (a LINE booking bot) makes the app the product being discussed.
THREAD_KINDS = frozenset({"message", "proposal"})
PUBLIC_KINDS = frozenset({"review"})
APP_FRAME_GAP = 6
JOB_APP_WINDOW = 12

# How far after a scheme's words a request to the reader still asks for it (`_requested`).
REQUEST_WINDOW = 40

# A number said across consecutive messages ("〇四二の" / "三五六の八八一二", "090の" /
# "5821-3307", "plus one, four one five" / "five five five, two seven one nine"): the digits
# that end the earlier text and those that open the current one, in figures or in words
# (kana, kanji, English), separated by spaces, dashes, 、, の, ー or a message break.
_DW_ALT = "|".join(
    re.escape(w) for w in sorted(DIGIT_WORDS, key=len, reverse=True) if not w.isdigit()
)
_D_TOK = rf"(?:[0-9]+|{_DW_ALT})"
_D_SEP = r"(?:[\s\-・、,.ー]{0,3}|の\s?)"
_DIGITS_TAIL = re.compile(
    rf"(?:(?:\+|plus)\s?)?{_D_TOK}(?:{_D_SEP}{_D_TOK})*\s?(?:の|は|ね|,|、)?\s?\Z"
)
# The next message may open with the particle that joins the groups ("…ぜろはちぜろ" then
# "のよんよん…"): a number read aloud carries its の across the break.
_DIGITS_HEAD = re.compile(rf"\s?(?:の\s?)?{_D_TOK}(?:{_D_SEP}{_D_TOK})*")
_D_TOKEN = re.compile(_D_TOK)
_D_WORDS = [w for w in DIGIT_WORDS if not w.isdigit()]
_D_FIRST = frozenset("0123456789") | {w[0] for w in _D_WORDS}
_D_LAST = frozenset("0123456789") | {w[-1] for w in _D_WORDS}
_D_TRAIL = frozenset(" \tのはね,、")  # what may follow the digits before the break


def _digit_string(s: str) -> str:
    return "".join(t if t.isdigit() else DIGIT_WORDS[t] for t in _D_TOKEN.findall(s))


def _digits_across(text: str, pos: int) -> tuple[int, int] | None:
    """The span of a phone number whose digits run across the message break at `pos` (a
    newline), or None: at least two digits on each side, together 10-11 digits from 0 or
    9-15 after a plus sign (as `_valid_phone` wants them)."""
    # Cheap necessary conditions first: a digit (word) must end just before the break and
    # start just after it (most breaks in a thread are between sentences).
    i = pos - 1
    while i >= 0 and (text[i] in _D_TRAIL or text[i].isspace()):  # the tail's \s: a newline too
        i -= 1
    if i < 0 or text[i] not in _D_LAST:
        return None
    j = pos + 1
    if j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and text[j] == "の":
        j += 1
        if j < len(text) and text[j].isspace():
            j += 1
    if j >= len(text) or text[j] not in _D_FIRST:
        return None
    tail = _DIGITS_TAIL.search(text, max(0, pos - 80), pos)
    if tail is None:
        return None
    head = _DIGITS_HEAD.match(text, pos + 1)
    if head is None:
        return None
    a, b = _digit_string(tail.group(0)), _digit_string(head.group(0))
    if len(a) < 2 or len(b) < 2:
        return None
    digits = a + b
    plus = tail.group(0).lstrip().startswith(("+", "plus"))
    if plus:
        ok = 9 <= len(digits) <= 15
    else:
        ok = digits.startswith("0") and not digits.startswith("00") and 10 <= len(digits) <= 11
    return (tail.start(), head.end()) if ok else None


def _valid_email(s: str) -> bool:
    addr = s.replace(" ", "")
    domain = addr.rsplit("@", 1)[-1]
    if domain in _RESERVED_DOMAINS or domain.endswith(_RESERVED_TLDS):
        return False
    return not any(domain.endswith("." + d) for d in _RESERVED_DOMAINS)


_PLACEHOLDER_DIGITS = re.compile(r"1234\D?5678|0000\D?0000|1111\D?1111|9999\D?9999|xxxx")
_FORMAT_FRAME = re.compile(
    r"形式|例|フォーマット|桁|ハイフン|入力|変換|整形|表示|記載例|全角|半角|ダミー|サンプル|テスト|確認|"
    r"format|e\.?164|pars|validat|example|sample|dummy|normaliz|regex|正規表現"
)


def _example_number(s: str, text: str, start: int) -> bool:
    """A number shown as an example of a format: a placeholder ("03-1234-5678 の形式") or one
    side of a conversion ("０３（３２１２）４５６７」→「03-3212-4567"), next to a format word."""
    end = start + len(s)
    arrow = "→" in text[max(0, start - 4) : start] or "→" in text[end : end + 4]
    if _PLACEHOLDER_DIGITS.search(s) is None and not arrow:
        return False
    return _FORMAT_FRAME.search(text, max(0, start - 40), end + 40) is not None


def _valid_phone(s: str, text: str, start: int) -> bool:
    digits = "".join(ch for ch in s if ch.isdigit())
    if s.lstrip("( ").startswith(("+", "plus")):
        if digits.startswith("81"):
            if not 10 <= len(digits) <= 12:
                return False
        elif not 9 <= len(digits) <= 15:
            return False
    elif not (digits.startswith("0") and 10 <= len(digits) <= 11):
        return False
    if digits.startswith("00"):
        return False
    before = text[max(0, start - 12) : start]
    return _PRODUCT_LABEL.search(before) is None and not _example_number(s, text, start)


# A pattern that opens with a negative look-behind, e.g. `(?<![a-z])(?:line|skype|…)` or
# `(?<![0-9a-z])\+…`: `re` cannot skip ahead on it (it only derives a first-character prefix
# when the pattern starts by consuming), so it runs the whole alternation at every position.
_LEADING_LOOKBEHIND = re.compile(
    r"\(\?<!(?P<cls>\[(?:\\.|[^\]\\\[])+\])\)"
    r"(?:\(\?:(?P<alts>[^()\[\]\\|?*+{}.^$]+(?:\|[^()\[\]\\|?*+{}.^$]+)*)\)"
    r"|(?P<one>\[(?:\\.|[^\]\\\[])+\]|\\[^A-Za-z0-9]|[^()\[\]\\|?*+{}.^$]))"
)


def _compile_pattern(pattern: str, *, linear: bool) -> re.Pattern[str]:
    """A shipped pattern with `re` (made skippable); a staff one with RE2, in linear time."""
    if linear and staff_patterns.runs_linear(pattern):
        compiled: re.Pattern[str] = staff_patterns.compile_linear(pattern)
        return compiled
    return re.compile(_skippable(pattern))


def _skippable(pattern: str) -> str:
    """The same regex with its leading look-behind moved behind the first character it
    consumes, so `re` can skip to the positions where that character occurs.

    `(?<!C)(?:ab|cd)R` matches exactly where `(?:a(?<!C(?s:.))b|c(?<!C(?s:.))d)R` does: the
    moved look-behind sees the same character before the match start (the extra `(?s:.)` steps
    over the consumed one), and it is the same test in every branch, so the branch taken is the
    same. Likewise `(?<!C)XR` with one literal or character class X. Any other shape is
    returned unchanged.
    """
    m = _LEADING_LOOKBEHIND.match(pattern)
    if m is None:
        return pattern
    look = f"(?<!{m['cls']}(?s:.))"
    rest = pattern[m.end() :]
    if rest[:1] in ("*", "+", "?", "{"):
        return pattern  # the first item is quantified: moving into it would change its meaning
    if m["alts"] is not None:
        branches = m["alts"].split("|")
        if any(not b for b in branches):
            return pattern
        moved = "|".join(f"{b[0]}{look}{b[1:]}" for b in branches)
        return f"(?:{moved}){rest}"
    return f"{m['one']}{look}{rest}"


def _near(
    occs: list[tuple[int, int]], s: int, e: int, window: int, ss: int, se: int
) -> tuple[int, int] | None:
    """The first occurrence in `occs` within `window` characters of [s, e), inside [ss, se),
    that is not part of [s, e) itself."""
    for a, b in occs:
        if (s <= a and b <= e) or a < ss or b > se:
            continue
        if a - e <= window and s - b <= window:
            return a, b
    return None


_QUOTES = {"「": "」", "『": "』", '"': '"', "“": "”"}


def _quoted(text: str, s: int, e: int) -> bool:
    """Does the mention starting at s sit inside a quoted phrase (not just a quoted name) on
    its line? (A pattern's match may run on past the closing quote.)"""
    lo = max(0, s - 40)
    for op, cl in _QUOTES.items():
        a = text.rfind(op, lo, s)
        if a < 0 or text.find(cl, a + 1, s) >= 0:
            continue
        b = text.find(cl, s + 1, s + 60)
        if b < 0 or "\n" in text[a:b]:
            continue
        name = min(e, b) - s
        if (b - a - 1) - name >= 4:
            return True
    return False


def _file_matches(
    automaton: ahocorasick_rs.AhoCorasick,
    info: list[tuple[tuple[str, ...], int]],
    text: str,
    hits: dict[str, list[tuple[int, int]]],
) -> None:
    """File every keyword occurrence that respects its word boundaries under its owners."""
    n = len(text)
    for i, start, end in automaton.find_matches_as_indexes(text, overlapping=True):
        owners, flags = info[i]
        if flags:
            if flags & 1 and start > 0 and text[start - 1] in _ASCII_LETTER:
                continue
            # "lineid", "skypeid": a handle label glued to the app name is the app
            if (
                flags & 2
                and end < n
                and text[end] in _ASCII_LETTER
                and not (
                    text.startswith("id", end)
                    and (end + 2 >= n or text[end + 2] not in _ASCII_LETTER)
                )
            ):
                continue
            if flags & 16 and start > 0 and text[start - 1] in _NUMERIC:
                continue
            if flags & 4 and start > 0 and text[start - 1] in _KATAKANA:
                continue
            if flags & 8 and end < n and text[end] in _KATAKANA:
                continue
        span = (start, end)
        for o in owners:
            lst = hits.get(o)
            if lst is None:
                hits[o] = [span]
            else:
                lst.append(span)


def _is_ref(entry: str) -> bool:
    """`@name` refers to a lexicon set; a bare "@" (or "@x.y") is a literal."""
    return entry.startswith("@") and entry[1:].isidentifier()


def _merge_ranges(spans: list[tuple[int, int]], pad: int, n: int) -> list[tuple[int, int]]:
    """Padded, merged [lo, hi) windows around spans."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        lo, hi = max(0, a - pad), min(n, b + pad)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


@dataclass(slots=True)
class _Compiled:
    rule: Rule
    patterns: tuple[re.Pattern[str], ...]
    trigger_keys: tuple[str, ...]
    near_keys: tuple[str, ...] = ()
    unless_keys: tuple[str, ...] = ()
    lexical_gate: bool = False
    # Near cues that are keywords or lexicon sets (not derived `$` signals): if one of them
    # occurs nowhere in the text the rule cannot fire, which the hit table answers at once.
    near_plain: tuple[str, ...] = ()
    near_set: frozenset[str] = frozenset()  # the same as a set, for one C-level subset test


@dataclass(slots=True)
class _Plan:
    """The rules that apply to one (kind, stage), arranged for the hot loop.

    `by_key` maps each trigger key to the positions (in rule order) of the keyword rules it
    triggers; `patterned` lists the rules with patterns, each with what must hold before its
    regexes are worth running: `lexical` gate sets with a hit, or one of the literal gate
    substrings in the text — a one-character literal found by `in` (a memchr), or a longer one
    among those `literal_words` finds (`literal_ids` are their positions there); both None = no
    gate. Keyword rules precede pattern rules in the engine's order, so sorted keyword
    positions followed by `patterned` is that order.
    """

    keyword_rules: list[_Compiled]
    by_key: dict[str, list[int]]
    patterned: list[
        tuple[_Compiled, tuple[str, ...] | None, tuple[str, ...] | None, frozenset[int] | None]
    ]
    literal_words: ahocorasick_rs.AhoCorasick | None = None


class _Scan:
    """Per-text working state: keyword occurrences, sentence bounds, lazily derived signals."""

    __slots__ = (
        "ctx",
        "cued",
        "engine",
        "hits",
        "job",
        "lazy",
        "morphs",
        "norm",
        "offset",
        "sentences",
        "text",
    )

    def __init__(
        self,
        engine: Engine,
        norm: Normalized,
        ctx: Context,
        text: str | None = None,
        offset: int = 0,
    ) -> None:
        self.engine = engine
        self.norm = norm
        # The scanned text: the canonical text, or the sender's earlier messages, a newline and
        # the canonical text, which then starts at `offset`.
        self.text = norm.text if text is None else text
        self.offset = offset
        self.ctx = ctx
        self.hits: dict[str, list[tuple[int, int]]] = {}
        self.sentences: list[int] | None = None
        self.lazy: dict[str, list[tuple[int, int]]] = {}
        self.morphs: dict[tuple[int, int], list[analysis.Morpheme]] = {}
        self.cued = False
        self.job: dict[str, list[tuple[int, int]]] | None = None

    def morphemes(self, lo: int, hi: int) -> list[analysis.Morpheme]:
        """The analyser's morphemes of text[lo:hi] (offsets into the text), computed once.
        Postings are analysed whole on first use (the deeper stage); chat texts only around
        the mention (the caller passes a window of its sentence)."""
        if self.ctx.kind in PUBLISHED:
            lo, hi = 0, len(self.text)
        got = self.morphs.get((lo, hi))
        if got is None:
            got = self.morphs[(lo, hi)] = analysis.analyse(self.text, lo, hi)
        return got

    def sentence_of(self, pos: int) -> tuple[int, int]:
        ends = self.sentences
        if ends is None:
            ends = self.sentences = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        k = bisect_right(ends, pos)
        return (ends[k - 1] if k else 0), (ends[k] if k < len(ends) else len(self.text))

    def job_hits(self) -> dict[str, list[tuple[int, int]]]:
        """The keyword occurrences (every lexicon set) of the posting this text belongs to,
        its title and text, found once and only when a rule asks."""
        got = self.job
        if got is None:
            got = self.job = {}
            ctx = self.ctx
            job = "\n".join(x for x in (ctx.job_title, ctx.job_text) if x)
            if job:
                jt = normalize(job).text
                eng = self.engine
                for auto, info in (
                    (eng._automaton, eng._keyword_info),
                    (eng._cue_automaton, eng._cue_info),
                ):
                    if auto is not None:
                        _file_matches(auto, info, jt, got)
        return got

    def job_about_schemes(self) -> bool:
        """Is the thread's job writing about schemes (a scam-awareness article)?"""
        if self.ctx.kind not in THREAD_KINDS:
            return False
        hits = self.job_hits()
        return "@scheme_topic" in hits and "@writing_task" in hits

    def job_builds_on_app(self) -> bool:
        """Does the thread's job build on an app (an app name with a work word right after
        it: "LINE公式アカウントの予約Bot開発", "Slack API連携")?"""
        if self.ctx.kind not in THREAD_KINDS:
            return False
        hits = self.job_hits()
        frames = hits.get("@app_work_frame")
        if not frames:
            return False
        return any(0 <= a - e <= JOB_APP_WINDOW for _, e in hits.get("@app", ()) for a, _ in frames)

    def occ(self, key: str) -> list[tuple[int, int]]:
        if key.startswith("$"):
            if key not in self.lazy:
                self.lazy[key] = self.engine._derived(key, self)
            return self.lazy[key]
        return self.hits.get(key, [])


class Engine:
    """A compiled rule set. Build once (it costs milliseconds), assess many times."""

    def __init__(
        self,
        rules: Iterable[Rule] | None = None,
        lexicon: Mapping[str, Sequence[str]] | None = None,
        model: NgramModel | str | None = "default",
    ) -> None:
        self.rules: tuple[Rule, ...] = tuple(DEFAULT_RULES if rules is None else rules)
        # The model may cancel only the shipped rules' hits, never a rule staff wrote or changed.
        shipped = frozenset(DEFAULT_RULES)
        self._clearable = frozenset(r.code for r in self.rules if r in shipped)
        self.lexicon = {k: tuple(v) for k, v in (LEXICON if lexicon is None else lexicon).items()}
        self.model: NgramModel | None = load_default_model() if model == "default" else model  # type: ignore[assignment]
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        # Per automaton pattern index: the owners it triggers and its boundary flags.
        self._keyword_info: list[tuple[tuple[str, ...], int]] = []
        self._owners: dict[str, set[str]] = {}
        self._compiled: list[_Compiled] = []
        self._by_context: dict[tuple[str, str], list[_Compiled]] = {}
        for name, words in self.lexicon.items():
            for w in words:
                self._add_keyword(w, "@" + name)
        codes: set[str] = set()
        for rule in self.rules:
            if rule.code in codes:
                raise ValueError(f"duplicate rule code {rule.code!r}")
            codes.add(rule.code)
            if rule.state == "draft":
                continue
            keys = []
            for kw in rule.keywords:
                keys.append(self._entry_key(kw, rule))
            near_keys = tuple(self._entry_key(x, rule) for x in rule.near)
            unless_keys = tuple(self._entry_key(x, rule) for x in rule.unless_near)
            pats = tuple(_compile_pattern(p, linear=rule.linear) for p in rule.patterns)
            if not keys and not pats:
                raise ValueError(f"rule {rule.code!r} has neither keywords nor patterns")
            lexical = bool(rule.gate) and all(_is_ref(g) for g in rule.gate)
            for g in rule.gate:
                if _is_ref(g):
                    self._entry_key(g, rule)
            near_plain = tuple(k for k in near_keys if not k.startswith("$"))
            self._compiled.append(
                _Compiled(
                    rule,
                    pats,
                    tuple(keys),
                    near_keys,
                    unless_keys,
                    lexical,
                    near_plain,
                    frozenset(near_plain),
                )
            )
        for name in (
            "negation_ja",
            "negation_en",
            "invitation_ja",
            "discussion",
            "writing_task",
            "deferral",
            "prohibition_ja",
            "strong_negation",
            "negative_heading",
            "role_frame",
            "request_addressed",
            "request_blocker",
            "scheme_topic",
            "own_channel",
            "talk_move",
            "app_product",
        ):
            if name not in self.lexicon:
                self.lexicon[name] = ()
        # Keys that decide whether a rule can fire at all (its triggers, lexical gates and
        # `near` cues) are found in every text; the rest (unless frames, negation, discussion
        # and role-frame cues) only matter once a rule has its trigger and all its cues, so
        # they sit in a second automaton that runs only then: most texts pay for one scan.
        trigger_keys: set[str] = set()
        for c in self._compiled:
            trigger_keys.update(c.trigger_keys)
            trigger_keys.update(c.near_plain)
            if c.lexical_gate:
                trigger_keys.update(c.rule.gate)
        self._trigger_keys = frozenset(trigger_keys)
        trig = {kw: own & trigger_keys for kw, own in self._owners.items() if own & trigger_keys}
        cue = {kw: own - trigger_keys for kw, own in self._owners.items() if own - trigger_keys}
        self._trigger_words, self._cue_words = list(trig), list(cue)
        self._automaton, self._keyword_info = self._build_automaton(trig)
        self._cue_automaton, self._cue_info = self._build_automaton(cue)
        # Cheapest first: keyword rules (no extra scan) before regex rules.
        self._compiled.sort(key=lambda c: (bool(c.patterns), c.rule.code))
        self._plans: dict[tuple[str, str], _Plan] = {}

    @staticmethod
    def _build_automaton(
        owners: dict[str, set[str]],
    ) -> tuple[ahocorasick_rs.AhoCorasick | None, list[tuple[tuple[str, ...], int]]]:
        """One DFA (Rust `aho-corasick`) over canonical keywords: a text's keyword occurrences,
        overlapping, come back from one call as (index, start, end); per index, the owners it
        files under and its word-boundary flags."""
        if not owners:
            return None, []
        keywords = list(owners)
        info: list[tuple[tuple[str, ...], int]] = []
        for kw in keywords:
            flags = (
                (kw[0] in _ASCII_LETTER)
                | (kw[-1] in _ASCII_LETTER) << 1
                | (kw[0] in _KATAKANA) << 2
                | (kw[-1] in _KATAKANA) << 3
                | (kw[0].isdigit()) << 4
            )
            info.append((tuple(sorted(owners[kw])), flags))
        return (
            ahocorasick_rs.AhoCorasick(keywords, implementation=ahocorasick_rs.Implementation.DFA),
            info,
        )

    def _entry_key(self, entry: str, rule: Rule) -> str:
        if entry.startswith("$"):
            return entry
        if _is_ref(entry):
            if entry[1:] not in self.lexicon:
                raise ValueError(f"rule {rule.code!r} refers to unknown lexicon set {entry!r}")
            return entry
        key = "=" + normalize(entry).text
        self._add_keyword(entry, key)
        return key

    def _add_keyword(self, word: str, owner: str) -> None:
        canon = normalize(word).text.strip()
        if canon:
            self._owners.setdefault(canon, set()).add(owner)

    # -- derived signals -------------------------------------------------------------------
    def _derived(self, key: str, scan: _Scan) -> list[tuple[int, int]]:
        text = scan.text
        if key == "$money_big":
            return [m.span() for m in _money_matches(text) if _money_monthly_yen(m) >= 100_000]
        if key == "$app_channel":
            # a channel named (or hinted at) that is not the subject of work: an app name with
            # a product word right after it (LINEミニアプリ, Slack API) is what is built
            hits = scan.hits
            frames = hits.get("@app_product", ())
            return [
                (a, b)
                for a, b in hits.get("@app_any", ())
                if not any(0 <= fa - b <= APP_FRAME_GAP for fa, _ in frames)
            ]
        if key == "$offer_mismatch":
            ctx = scan.ctx
            job = " ".join(x for x in (ctx.job_title, ctx.job_text) if x)
            if not job:
                return []
            jt = normalize(job).text
            out = [m.span() for m in _URL.finditer(text) if m.group(0) not in jt]
            job_amounts = [_money_monthly_yen(m) for m in _money_matches(jt)]
            top = max(job_amounts, default=0.0)
            for m in _money_matches(text):
                v = _money_monthly_yen(m)
                if v >= 100_000 and v > 2 * top:
                    out.append(m.span())
            return out
        return []

    # -- scanning --------------------------------------------------------------------------
    def _scan(
        self, norm: Normalized, ctx: Context, text: str | None = None, offset: int = 0
    ) -> _Scan:
        """The trigger keywords of a text (the cue keywords come later, if needed: `_cues`)."""
        scan = _Scan(self, norm, ctx, text, offset)
        if self._automaton is not None:
            _file_matches(self._automaton, self._keyword_info, scan.text, scan.hits)
        return scan

    def _cues(self, scan: _Scan) -> None:
        """Add the cue keywords' occurrences to the scan (once a rule has triggered)."""
        if self._cue_automaton is not None and not scan.cued:
            _file_matches(self._cue_automaton, self._cue_info, scan.text, scan.hits)
        scan.cued = True

    def _negated(
        self,
        scan: _Scan,
        s: int,
        e: int,
        sent: tuple[int, int],
        own: list[tuple[int, int]],
        deferrable: bool = True,
    ) -> bool:
        """Is the trigger [s, e) (with its near-cues `own`) governed by a negation cue?

        Cues inside the rule's own matched words do not count ("手数料がかからない" is the
        offer itself, not a negation of it), nor do look-alikes such as "しませんか".
        """
        ss, se = sent
        text = scan.text
        hits = scan.hits  # the cue sets are lexicon sets: their occurrences are the hits
        for a, b in hits.get("@deferral", ()) if deferrable else ():
            if ss <= a and b <= se:
                return True  # "契約後にLINEで": the platform allows contact after escrow
        for a, b in hits.get("@strong_negation", ()):
            if e <= a and b <= se and not any(x < b and a < y for x, y in own):
                return True  # "…の購入や、…の使用は一切行いません"
        heads = hits.get("@negative_heading")
        if heads and self._under_heading(text, s, heads):
            return True
        pro = hits.get("@prohibition_ja", ())
        neg_ja = hits.get("@negation_ja")
        if neg_ja:
            inv = hits.get("@invitation_ja", ())
            # Japanese: the cue follows within the same clause; a clause break ends the scope.
            tail = text[e : min(se, e + 24)]
            cut = _CLAUSE_END.search(tail)
            hi = e + (cut.start() if cut else len(tail))
            for a, b in neg_ja:
                if b > hi or any(x < b and a < y for x, y in own):
                    continue
                if a < s and not (a >= max(ss, s - 8) and (a, b) in pro):
                    continue
                if not any(x <= a and b <= y for x, y in inv):
                    return True
        for a, b in pro:
            if max(ss, s - 8) <= a and b <= s:
                return True
        # English: the cue precedes within the clause, or "X is not allowed" follows X.
        neg_en = hits.get("@negation_en")
        if neg_en:
            lo = max(ss, s - 40)
            for a, b in neg_en:
                if any(x < b and a < y for x, y in own):
                    continue
                if lo <= a and b <= s and not _EN_CLAUSE_END.search(text, b, s):
                    return True
                if e <= a and a - e <= 12 and b <= se:
                    return True
        return False

    @staticmethod
    def _under_heading(text: str, s: int, heads: list[tuple[int, int]]) -> bool:
        """Is position s in a section (lines up to a blank line) whose heading line names what
        is not done ("◆ やらないこと", "【禁止事項】", "Red flags:")?"""
        for a, b in heads:
            if a >= s:
                break
            line_start = text.rfind("\n", 0, a) + 1
            line_end = text.find("\n", b)
            line_end = len(text) if line_end < 0 else line_end
            if line_end - line_start > 30 and not (line_start <= s <= line_end):
                continue  # a heading is a short line of its own (or the head of this line)
            if "\n\n" not in text[line_end:s] and s - line_end < 400:
                return True
        return False

    @staticmethod
    def _requested(scan: _Scan, e: int, sent: tuple[int, int]) -> bool:
        """Is the scheme at [.., e) asked of the reader? A request addressed to them
        (してみてもらえますか, ください, "could you", "with your card") follows it in its
        sentence with no writing or discussion word in between: "記事の信ぴょう性を上げたいので、
        カジノに入金してみてもらえますか" asks for the deposit, while "詐欺の手口を解説する記事を
        書いてください" asks for the article (a writing word stands between)."""
        hits = scan.hits
        asks = hits.get("@request_addressed")
        if not asks:
            return False
        hi = min(sent[1], e + REQUEST_WINDOW)
        frames = [
            *hits.get("@discussion", ()),
            *hits.get("@writing_task", ()),
            *hits.get("@request_blocker", ()),
        ]
        for a, b in asks:
            if e <= a and b <= hi and not any(e <= x and y <= a for x, y in frames):
                return True
        return False

    def _discussed(self, scan: _Scan, sent: tuple[int, int], e: int | None = None) -> bool:
        ss, se = sent
        hits = scan.hits
        disc = hits.get("@discussion")
        if not disc:
            return scan.job_about_schemes() and not (
                e is not None and self._requested(scan, e, sent)
            )
        if e is not None and self._requested(scan, e, sent):
            return False
        if scan.job_about_schemes():
            return True  # the thread's job is writing about schemes: naming them is the work
        text = scan.text
        for a, b in disc:
            if ss <= a and b <= se:
                tail = text[b : b + 8]
                if "ではな" in tail or "じゃな" in tail or "ありません" in tail or "not" in tail:
                    continue  # "詐欺ではありません" claims the opposite of a warning
                return True
        tasks = hits.get("@writing_task")
        return tasks is not None and any(d not in tasks for d in disc)

    @staticmethod
    def _frame_near(scan: _Scan, s: int, e: int, sent: tuple[int, int]) -> bool:
        """Does a word of work, content or a third party occur in the analysis window around
        the mention? (The cheap gate before the analyser in chat texts.)"""
        lo = max(sent[0], s - ROLE_WINDOW_BEFORE)
        hi = min(sent[1], e + ROLE_WINDOW_AFTER)
        return any(lo <= a and b <= hi for a, b in scan.hits.get("@role_frame", ()))

    def _role(self, scan: _Scan, kind: str, s: int, e: int, sent: tuple[int, int]) -> str:
        """What the mention at [s, e) is doing (roles.py), read from the morphemes of its
        sentence, or of a window of it around the mention (chat: the cost is per character)."""
        lo, hi = sent
        if hi - lo > ROLE_WINDOW_BEFORE + ROLE_WINDOW_AFTER:
            lo = max(lo, s - ROLE_WINDOW_BEFORE)
            hi = min(hi, e + ROLE_WINDOW_AFTER)
            # start the window after a space or punctuation, so its first word is whole
            cut = max(scan.text.rfind(ch, lo, s) for ch in " 、,")
            if cut >= lo:
                lo = cut + 1
        ms = scan.morphemes(lo, hi)
        if not ms:
            return roles.UNKNOWN
        if kind == "app":
            return roles.app_role(ms, s, e)
        if kind == "contact":
            return roles.contact_role(ms, s, e)
        if kind == "artifact":
            return roles.artifact_role(ms, s, e)
        return roles.UNKNOWN

    def _fire(self, c: _Compiled, scan: _Scan) -> tuple[int, int] | None:
        """First trigger occurrence of a rule that survives its context checks, or None.

        When earlier messages precede the text (`scan.offset`), an occurrence counts only if
        its evidence (trigger or near cues) reaches into the current text, and the span
        returned is then the first piece of evidence that lies there."""
        hits = scan.hits
        for key in c.near_plain:  # a cue that occurs nowhere rules the text out, cheapest first
            if key not in hits:
                return None
        occs: list[tuple[int, int]] = []
        for key in c.trigger_keys:
            got = hits.get(key)
            if got:
                occs += got
        rule = c.rule
        if c.patterns:
            text = scan.text
            if c.lexical_gate:
                # Search only around the gate's occurrences: the pattern needs them nearby.
                spans = [sp for g in rule.gate for sp in hits.get(g, ())]
                ranges = _merge_ranges(spans, rule.window, len(text))
            elif not rule.gate or any(g in text for g in rule.gate):
                ranges = [(0, len(text))]
            else:
                ranges = []
            validator = rule.validator
            seen: set[tuple[int, int]] = set()
            for lo, hi in ranges:
                for p in c.patterns:
                    for m in p.finditer(text, lo, hi):
                        span = m.span()
                        if span in seen:
                            continue
                        seen.add(span)
                        if validator == "email" and not _valid_email(m.group(0)):
                            continue
                        if validator == "phone" and not _valid_phone(m.group(0), text, span[0]):
                            continue
                        if validator == "digits_across":
                            across = _digits_across(text, span[0])
                            if across is None:
                                continue
                            span = across
                        if validator == "handle":
                            head = _handle_before(text, span[0])
                            if head is None:
                                continue
                            span = (head, span[1])
                        occs.append(span)
        if not occs:
            return None
        # The cues' occurrences, fetched once; a cue that occurs nowhere rules the text out
        # (derived `$` signals are computed here, lazily, only for rules that got this far).
        near: list[list[tuple[int, int]]] = []
        for key in c.near_keys:
            got = scan.occ(key) if key[0] == "$" else hits.get(key)
            if not got:
                return None
            near.append(got)
        occs.sort()
        window = rule.window
        unless: list[list[tuple[int, int]]] | None = None
        n = len(scan.text)
        offset = scan.offset
        for s, e in occs:
            sent = scan.sentence_of(s)
            end = e
            own = [(s, e)]
            ss, se = sent if rule.same_sentence else (0, n)
            for lst in near:
                hit = _near(lst, s, e, window, ss, se)
                if hit is None:
                    break
                end = max(end, hit[1])
                own.append(hit)
            else:
                if offset:
                    here = [sp for sp in own if sp[1] > offset]
                    if not here:
                        continue  # all of it was said before: judged when it was sent
                    span = (max(here[0][0], offset), here[0][1])
                else:
                    span = (s, e)
                topic = False
                if c.unless_keys:
                    if unless is None:
                        unless = [got for k in c.unless_keys if (got := scan.occ(k))]
                    uw = rule.unless_window
                    topic = any(_near(lst, s, e, uw, *sent) is not None for lst in unless)
                    if topic and rule.role is None:
                        continue
                if rule.negatable and self._negated(
                    scan, s, end, sent, own, rule.category == "contact"
                ):
                    continue
                if rule.discussable and self._discussed(scan, sent, e):
                    continue
                if rule.role is not None:
                    if _quoted(scan.text, s, e):
                        continue  # 「詳しくはLINEで」: a quoted phrase is talked about, not said
                    strict = scan.ctx.kind in STRICT_ROLES
                    if topic or strict or self._frame_near(scan, s, e, sent):
                        role = self._role(scan, rule.role, s, e, sent)
                    else:
                        role = roles.UNKNOWN  # chat, nothing of work near: the window decides
                    if role == roles.SUBJECT or role == roles.CONTENT:
                        continue
                    if role != roles.CHANNEL and (topic or scan.ctx.kind in STRICT_ROLES):
                        continue
                    if (
                        rule.role == "app"
                        and scan.job_builds_on_app()
                        and _near(scan.hits.get("@own_channel", []), s, e, 25, *sent) is None
                        and _near(scan.hits.get("@talk_move", []), s, e, 25, *sent) is None
                    ):
                        # the job builds on an app (a LINE booking bot): the thread talks about
                        # the product ("通知はLINEで届くようにしたい"); a mention counts as a
                        # channel only when it is the writer's own or the talk is moved there
                        continue
                return span
        return None

    def _applicable(self, kind: str, stage: str) -> list[_Compiled]:
        key = (kind, stage)
        got = self._by_context.get(key)
        if got is None:
            got = [c for c in self._compiled if c.rule.applies(kind, stage)]
            self._by_context[key] = got
        return got

    def _plan(self, kind: str, stage: str) -> _Plan:
        plan = self._plans.get((kind, stage))
        if plan is not None:
            return plan
        keyword_rules: list[_Compiled] = []
        by_key: dict[str, list[int]] = {}
        patterned: list[
            tuple[_Compiled, tuple[str, ...] | None, tuple[str, ...] | None, frozenset[int] | None]
        ] = []
        words: dict[str, int] = {}
        for c in self._applicable(kind, stage):
            if c.patterns:
                gate = c.rule.gate
                if c.trigger_keys or not gate:
                    patterned.append((c, None, None, None))
                elif c.lexical_gate:
                    patterned.append((c, gate, None, None))
                else:
                    chars = tuple(g for g in gate if len(g) == 1)
                    ids = frozenset(words.setdefault(g, len(words)) for g in gate if len(g) > 1)
                    patterned.append((c, None, chars, ids))
                continue
            pos = len(keyword_rules)
            keyword_rules.append(c)
            for k in c.trigger_keys:
                lst = by_key.setdefault(k, [])
                if not lst or lst[-1] != pos:
                    lst.append(pos)
        # The longer literal gates of all pattern rules in one automaton: one call tells which
        # occur (overlapping, so none hides another) instead of a substring search for each.
        literal_words = (
            ahocorasick_rs.AhoCorasick(
                list(words), implementation=ahocorasick_rs.Implementation.DFA
            )
            if words
            else None
        )
        plan = _Plan(keyword_rules, by_key, patterned, literal_words)
        self._plans[(kind, stage)] = plan  # benign race: every thread builds the same plan
        return plan

    def _evidence_clear(self, ruled: list[Reason], kind: str) -> bool:
        """May the model cancel these hits? Only when every one comes from a shipped rule
        the model file lists as clearable (one that fires on legitimate text too often to be
        evidence on its own, measured when the model was trained); a clear-cut rule (a
        payment outside, an artifact) or a staff rule keeps its flag. Two categories agreeing
        in a short text (a video call *and* a request for an address in one proposal) are
        independent evidence: the model's likeness to legitimate wording does not outweigh them.
        A posting is long and names many things, so it keeps the veto."""
        assert self.model is not None
        allowed = self.model.clearable
        if kind in _SHORT_KINDS and len({r.category for r in ruled}) > 1:
            return False
        return bool(ruled) and all(r.code in allowed and r.code in self._clearable for r in ruled)

    def _model_opinion(
        self, canon: str, ctx: Context, points: float, live: list[Reason], text: str
    ) -> float:
        """Points the model adds (or takes away), with its reason appended to `live`.

        Chat texts without any rule hit skip the model (the hot path); the long kinds always
        ask it."""
        assert self.model is not None
        length = len(text)
        kind = ctx.kind
        warn = THRESHOLDS.get((kind, ctx.stage), (2.0, 4.0, 6.0))[0]
        long_kind = kind in MODEL_LONG_KINDS
        if points <= 0 and not long_kind and MODEL_FLAG_ALONE_CHAT > 1:
            return 0.0
        ruled = [r for r in live if r.category != "model"]
        # Ask the model only where its answer can change the verdict: a tip across a line, or
        # (without an artifact, which it never clears) a flag it could cancel.
        can_tip = points < warn <= points + MODEL_POINTS[0][1]
        can_clear = points >= warn and not any(r.weight >= ARTIFACT for r in ruled)
        if points > 0 and not can_tip and not can_clear:
            return 0.0
        p = self.model.probability(canon)
        if points > 0:
            if p < MODEL_CLEAR and self._evidence_clear(ruled, kind):
                live.append(
                    Reason(
                        "model.clear",
                        "文面は既知の正当な依頼によく似ているため、ルールの検出を打ち消しました。",
                        "The wording closely resembles legitimate requests; the rule hits are "
                        "cancelled.",
                        0,
                        length,
                        "model",
                        -points,
                    )
                )
                return -points
            if can_tip:
                for cut, add in MODEL_POINTS:
                    if p >= cut:
                        live.append(_model_reason(add, length))
                        return add
            return 0.0
        if p >= (MODEL_FLAG_ALONE if long_kind else MODEL_FLAG_ALONE_CHAT):
            live.append(_model_reason(warn, length))
            return warn
        return 0.0

    # -- public ------------------------------------------------------------------------------
    def assess(self, text: str, context: Context | None = None) -> Assessment:
        """Verdict, score and reasons for `text` said in `context` (defaults: a pre-contract
        message from a worker). Never raises on any string."""
        ctx = context or Context()
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        norm = normalize(text)
        if ctx.earlier:
            # The sender's earlier messages, most recent last, read together with this one.
            before = "\n".join(ctx.earlier)[-EARLIER_CHARS:]
            prefix = normalize(before).text + "\n"
            scan = self._scan(norm, ctx, prefix + norm.text, len(prefix))
        else:
            scan = self._scan(norm, ctx)
        offset = scan.offset
        live: list[Reason] = []
        shadow: list[Reason] = []
        points = 0.0
        hits = scan.hits
        # A review is read by the public, not by the contract's other party: contact details in
        # it are judged as before escrow whatever the contract's stage.
        stage = "pre_contract" if ctx.kind in PUBLIC_KINDS else ctx.stage
        plan = self._plans.get((ctx.kind, stage)) or self._plan(ctx.kind, stage)
        # Cheapest checks first: a keyword rule is looked at only when one of its triggers
        # occurred, a pattern rule only when its gate holds; the rest cost nothing.
        # A rule one of whose `near` cues occurs nowhere cannot fire (`_fire` would say so
        # first thing): one subset test of the hit table's keys drops it here.
        candidates: list[_Compiled] = []
        if hits:
            by_key = plan.by_key
            triggered: set[int] = set()
            for k in by_key.keys() & hits.keys():  # C-level: only the keys that triggered
                triggered.update(by_key[k])
            if triggered:
                rules = plan.keyword_rules
                candidates = [rules[i] for i in sorted(triggered)]
        text_n = scan.text
        present: set[int] | None = None
        for c, lexical, chars, ids in plan.patterned:
            if lexical is not None:
                if not any(g in hits for g in lexical):
                    continue
            elif chars is not None:
                for g in chars:  # a plain loop of `in` beats any() and a regex alternation
                    if g in text_n:
                        break
                else:
                    if not ids:
                        continue
                    if present is None:
                        present = {
                            i
                            for i, _, _ in plan.literal_words.find_matches_as_indexes(  # type: ignore[union-attr]
                                text_n, overlapping=True
                            )
                        }
                    if present.isdisjoint(ids):
                        continue
            candidates.append(c)
        # A rule one of whose `near` cues occurs nowhere cannot fire: one subset test each.
        present_keys = hits.keys()
        has_job = bool(ctx.job_title or ctx.job_text)
        todo = [
            c
            for c in candidates
            if present_keys >= c.near_set and (has_job or "$offer_mismatch" not in c.near_keys)
        ]
        if todo:
            self._cues(scan)
        for c in todo:
            rule = c.rule
            span = self._fire(c, scan)
            if span is None:
                continue
            start, end = norm.span(span[0] - offset, span[1] - offset)
            reason = Reason(
                rule.code, rule.message_ja, rule.message_en, start, end, rule.category, rule.weight
            )
            if rule.state == "shadow":
                shadow.append(reason)
                continue
            # The same evidence counts once: of two rules of one category that fired on
            # overlapping characters, only the heavier one is kept.
            same = next(
                (
                    i
                    for i, r in enumerate(live)
                    if r.category == reason.category and r.start < end and start < r.end
                ),
                None,
            )
            if same is None:
                live.append(reason)
                points += rule.weight
            elif live[same].weight < rule.weight:
                points += rule.weight - live[same].weight
                live[same] = reason
        warn, hold, block = THRESHOLDS.get((ctx.kind, ctx.stage), (2.0, 4.0, 6.0))
        if self.model is not None:
            points += self._model_opinion(norm.text, ctx, points, live, text)
        if points >= block:
            verdict = "block"
        elif points >= hold:
            verdict = "hold"
        elif points >= warn:
            verdict = "warn"
        else:
            verdict = "allow"
        if verdict == "hold" and ctx.kind in PUBLISHED:
            # A posting (profile, review) that is held waits for a person and its author
            # leaves: one weak cue only warns; a hold needs a strong rule or two rules agreeing.
            ruled = [r for r in live if r.category != "model"]
            if not any(r.weight >= STRONG for r in ruled) and len({r.category for r in ruled}) < 2:
                verdict = "warn"
        score = round(1.0 - math.exp(-points / SCORE_SCALE), 4)
        live.sort(key=lambda r: (r.start, r.code))
        return Assessment(verdict, score, tuple(live), tuple(shadow), round(points, 3))


def _model_reason(weight: float, length: int) -> Reason:
    return Reason(
        "model.ngram",
        "文面が既知の違反例に似ています。",
        "The wording resembles known violations.",
        0,
        length,
        "model",
        weight,
    )


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine built from the shipped rules, lexicon and model; compiled once per process."""
    return Engine()


def assess(text: str, context: Context | None = None) -> Assessment:
    """Assess `text` with the default engine (see `Engine.assess`)."""
    return default_engine().assess(text, context)
