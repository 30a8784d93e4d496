"""Canonical form of a text for detection, with an offset map back to the original.

Detectors match on a canonical text in which the tricks people use to slip contact details past
a filter are undone: full-width and mathematical letters, homoglyphs, zero-width characters,
letters split by spaces, kana spellings of app names, あっとまーく for @, digits written in kanji,
kana or English words. Every reason the engine reports must still point at the characters the
user typed, so each stage records its edits and `Normalized.span` maps a canonical span back.

Promises (checked by property tests): `normalize` never raises on any Unicode string, it is
idempotent (`normalize(normalize(s).text).text == normalize(s).text`), and every mapped span lies
inside the original text.

The hot path is cheap: the character stage is one `str.translate` when the text holds no
combining sequences, the later stages are precompiled regexes gated by a substring test, and the
offset map is only built when a caller asks for a span (most texts produce no reasons).
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter

import ahocorasick_rs

__all__ = ["Normalized", "normalize"]

# An edit replaces original[in_start:in_end] by output[out_start:out_end] of one stage.
type Edit = tuple[int, int, int, int]

MASK = "○"
_MASK_GLYPHS = "◯○●⚪⚫◎"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63"
# Characters that carry no visible letter: zero-width, joiners, bidi controls, tag characters.
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0x1BCA0, 0x1BCA3),
    (0xE0000, 0xE0FFF),
)
# Characters that attach to the previous one and may compose with it under NFKC.
_JOINERS = {"\u3099", "\u309a", "\uff9e", "\uff9f", "\u309b", "\u309c"}

# Greek and Cyrillic letters that look like Latin ones (after lower-casing).
_HOMOGLYPHS = {
    "α": "a",
    "β": "b",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "n",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "γ": "y",
    "ω": "w",
    "μ": "u",
    "ϲ": "c",
    "ϳ": "j",
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ɡ": "g",
    "ɩ": "i",
    "ı": "i",
    "ᴀ": "a",
    "ʟ": "l",
    "ɪ": "i",
    "ɴ": "n",
    "ᴇ": "e",
    "ո": "n",
    "ս": "u",
    "օ": "o",
    "յ": "j",
    "һ": "h",
    "ӏ": "l",
    "ԍ": "g",
}
_HOMOGLYPH_TABLE = str.maketrans(_HOMOGLYPHS)


def _is_invisible(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _INVISIBLE_RANGES)


def _char_map(s: str) -> str:
    """Map one segment (a base character plus what attaches to it) to canonical characters."""
    prev = None
    out = s
    for _ in range(4):  # iterate to a fixed point: lower() can produce decomposable characters
        if out == prev:
            break
        prev = out
        out = unicodedata.normalize("NFKC", out).lower()
        kept = []
        for ch in out:
            cp = ord(ch)
            cat = unicodedata.category(ch)
            if cat in ("Mn", "Me", "Cf") or _is_invisible(cp) or ch in _JOINERS:
                continue
            if ch in _MASK_GLYPHS:
                ch = MASK
            elif ch in _DASHES:
                ch = "-"
            elif cat == "Zs" or ch in "\t\u3000":
                ch = " "
            elif cat == "Cc" and ch not in "\n":
                ch = " " if ch in "\r\t\x0b\x0c" else ""
            kept.append(ch)
        out = "".join(kept)
    return out


def _build_table() -> tuple[dict[str, str], frozenset[str]]:
    """Precompute the per-character table for every code point whose canonical form differs.

    Only planes 0-2 and the tag block hold characters NFKC or lower() change, so the scan is
    ~200k code points once per process (~0.2 s) and the table holds ~10k entries.
    """
    table: dict[str, str] = {}
    joiners: set[str] = set(_JOINERS)
    ranges = [range(0x0000, 0x30000), range(0xE0000, 0xE1000)]
    for rng in ranges:
        for cp in rng:
            if 0xD800 <= cp <= 0xDFFF:
                continue
            ch = chr(cp)
            if unicodedata.combining(ch):
                joiners.add(ch)
            if (cp > 0x7F or ch.isupper() or not ch.isprintable()) and (
                mapped := _char_map(ch)
            ) != ch:
                table[ch] = mapped
            elif ch in "\t\r\x0b\x0c" or (cp < 0x20 and ch != "\n"):
                table[ch] = _char_map(ch)
    # Any code point outside the scanned planes that NFKC leaves alone is itself; unassigned or
    # private-use characters pass through unchanged.
    return table, frozenset(joiners)


def _char_class(chars: set[str] | frozenset[str]) -> re.Pattern[str]:
    """One regex character class matching exactly `chars` (as ranges of code points)."""
    cps = sorted(map(ord, chars))
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(f"\\U{cps[i]:08x}" if i == j else f"\\U{cps[i]:08x}-\\U{cps[j]:08x}")
        i = j + 1
    return re.compile("[" + "".join(parts) + "]")


_TABLE, _JOINER_SET = _build_table()
_SPECIAL = frozenset(_TABLE) | _JOINER_SET
_SPECIAL_BMP = _char_class(frozenset(ch for ch in _SPECIAL if ord(ch) < 0x10000))


def _build_seq_table() -> dict[str, str]:
    """Precomputed mappings of the common two-character combining sequences: kana (full and
    half width) with a (han)dakuten, ASCII letters with a combining diacritic. A static table
    built once at import (~2k entries, ~40 ms), so a text full of ｶﾞ or e + U+0301 costs one
    lookup per sequence instead of an NFKC round trip; anything else goes to `_char_map`."""
    bases = [
        chr(c) for c in (*range(0x3041, 0x3097), *range(0x30A1, 0x30FB), *range(0xFF66, 0xFF9E))
    ]
    bases += [chr(c) for c in (*range(0x41, 0x5B), *range(0x61, 0x7B))]
    kana = bases[: 0x3097 - 0x3041 + 0x30FB - 0x30A1 + 0xFF9E - 0xFF66]
    accents = [chr(c) for c in (*range(0x0300, 0x030D), 0x0323, 0x0327, 0x0328)]
    table = {b + m: _char_map(b + m) for b in kana for m in _JOINERS}
    table.update({b + m: _char_map(b + m) for b in bases[len(kana) :] for m in accents})
    return table


_SEQ_TABLE = _build_seq_table()
# A base character followed by one or more joiners (combining marks, (han)dakuten).
_COMBINING_SEQ = re.compile(
    "(?s).(?:"
    + _char_class(frozenset(ch for ch in _JOINER_SET if ord(ch) < 0x10000)).pattern
    + "|"
    + _char_class(frozenset(ch for ch in _JOINER_SET if ord(ch) >= 0x10000)).pattern
    + ")+"
)
_ASTRAL = re.compile("[\\U00010000-\\U0010ffff]")
_ASCII_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")


def _simple_edits(text: str, special: Iterable[str], base: int = 0, o: int = 0) -> list[Edit]:
    """Edits for one-character-for-one-segment rewrites of `special` characters in `text`.

    Positions come from str.find per distinct character (C), so the Python work is per edit,
    not per character. `base`/`o` shift the edits when `text` is a slice starting at input
    offset `base` and output offset `o`.

    Characters rewritten to exactly one character (Ａ -> a, ！ -> !) are left out: such an edit
    keeps every offset where it is, and `_map_back` maps a position it does not cover through
    the nearest edit before it, which gives the same answer. Only the length-changing ones
    (… -> ..., ㈱ -> (株), deletions) need recording.
    """
    found: list[tuple[int, str]] = []
    table = _TABLE
    for ch in special:
        if len(table[ch]) == 1:
            continue
        i = text.find(ch)
        while i >= 0:
            found.append((i, ch))
            i = text.find(ch, i + 1)
    found.sort()
    edits: list[Edit] = []
    shift = o - base  # output offset minus input offset so far
    for i, ch in found:
        i += base
        k = len(table[ch])
        edits.append((i, i + 1, i + shift, i + shift + k))
        shift += k - 1
    return edits


def _replace_all(text: str, special: Iterable[str]) -> str:
    # Replacing each distinct changed character with str.replace is far cheaper than
    # str.translate over a large table; table values are fixed points, so order is free.
    for ch in special:
        text = text.replace(ch, _TABLE[ch])
    return text


def _stage_chars(text: str) -> tuple[str, Callable[[], list[Edit]] | None]:
    """Character stage: NFKC, lower case, invisible characters removed, masks and dashes unified."""
    if text.isascii() and _ASCII_CONTROL.search(text) is None:
        # The only ASCII characters the table rewrites are capitals (one for one) and control
        # characters: without the latter, lower() is the whole stage and offsets are kept.
        return text.lower(), None
    # The distinct characters to rewrite. A regex class over the BMP is one C-level pass
    # (~5x cheaper than intersecting a 12k-entry set with the text); sre would scan a long
    # list of ranges per character for astral code points, so those texts take the set path.
    special: set[str] | frozenset[str]
    if _ASTRAL.search(text) is None:
        special = set(_SPECIAL_BMP.findall(text))
    else:
        special = _SPECIAL.intersection(text)
    if _JOINER_SET.isdisjoint(special):
        moved = [ch for ch in special if len(_TABLE[ch]) != 1]
        # No length change: canonical offsets are the original ones, there is nothing to map.
        return _replace_all(text, special), (lambda: _simple_edits(text, moved)) if moved else None
    # Combining sequences are grouped so NFKC can compose them (ｶﾞ -> ガ): each base character
    # with the joiners after it is mapped as one segment; the text between such segments takes
    # the per-character table as above. Same output and edits as a character-by-character walk.
    single = [ch for ch in special if ch in _TABLE]
    pieces: list[str] = []
    edits: list[Edit] = []
    o = 0
    last = 0
    for m in _COMBINING_SEQ.finditer(text):
        i, j = m.span()
        if last < i:
            gap = text[last:i]
            here = [ch for ch in single if ch in gap]
            rep = _replace_all(gap, here)
            edits.extend(_simple_edits(gap, here, last, o))
            pieces.append(rep)
            o += len(rep)
        seg = m.group()
        mapped = _SEQ_TABLE.get(seg)
        rep = _char_map(seg) if mapped is None else mapped
        if rep != seg:
            edits.append((i, j, o, o + len(rep)))
        pieces.append(rep)
        o += len(rep)
        last = j
    if last < len(text):
        gap = text[last:]
        here = [ch for ch in single if ch in gap]
        edits.extend(_simple_edits(gap, here, last, o))
        pieces.append(_replace_all(gap, here))
    out = "".join(pieces)
    return out, (lambda: edits)


_LETTERISH = "a-zα-ωа-яёѐ-џ"
_HOMO_WORD = re.compile(f"[{_LETTERISH}ϲϳѕіїјԁԛԝɡɩıᴀʟɪɴᴇոսօյһӏԍ]+")
_HOMO_GATE = re.compile("[\u0370-\u03ff\u0400-\u052f\u0250-\u02af\u1d00-\u1d7f\u0530-\u058f]")
_LATIN = re.compile("[a-z]")


def _stage_homoglyphs(text: str) -> str:
    """Greek/Cyrillic look-alikes inside a Latin word (or a word made only of look-alikes)."""
    if _HOMO_GATE.search(text) is None:
        return text

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        mapped = w.translate(_HOMOGLYPH_TABLE)
        if _LATIN.search(w) or all(ch in _HOMOGLYPHS or "a" <= ch <= "z" for ch in w):
            return mapped
        return w

    return _HOMO_WORD.sub(fix, text)  # one character for one: offsets are unchanged


def _sub_with_edits(
    pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str
) -> tuple[str, list[Edit]]:
    """re.sub that also records (in_start, in_end, out_start, out_end) for each replacement."""
    edits: list[Edit] = []
    parts: list[str] = []
    last = 0
    o = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        rep = repl(m)
        if rep == m.group(0):
            continue
        parts.append(text[last:s])
        o += s - last
        parts.append(rep)
        edits.append((s, e, o, o + len(rep)))
        o += len(rep)
        last = e
    if not edits:
        return text, edits
    parts.append(text[last:])
    return "".join(parts), edits


# Letters split by separators: "l i n e", "L.I.N.E", "ら・い・ん", "0 9 0 1 ...".
# Emoji and pictographs count as separators too ("l⭐️i⭐️n⭐️e", "k🍀e🍀n🍀t🍀a").
_SEP = r"[ .\-_*/|~・･,+=:;'\"`^\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff]"
_AL = "a-z0-9"
_KN = "ぁ-ゖァ-ヺ"
_SPLIT = re.compile(
    rf"(?<![{_AL}])[{_AL}](?:{_SEP}{{1,3}}[{_AL}](?![{_AL}])){{2,}}"
    rf"|(?<![{_KN}ー])[{_KN}](?:{_SEP}{{1,3}}[{_KN}](?![{_KN}ー])){{2,}}"
)
# What any `_SPLIT` match contains, found from its first separator run (separators are rare in
# Japanese text, so `re` skips ahead to them): a letter, a run of 1-3 separators, a single
# letter of the same script, another run, a letter that does not continue a word. The letter
# before the first run is checked by `_split_gate`.
_SPLIT_TAIL = re.compile(
    rf"{_SEP}{{1,3}}(?:(?P<al>[{_AL}]){_SEP}{{1,3}}[{_AL}](?![{_AL}])"
    rf"|[{_KN}]{_SEP}{{1,3}}[{_KN}](?![{_KN}ー]))"
)
_SPLIT_HEAD_AL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_SPLIT_HEAD_KN = frozenset(chr(c) for c in (*range(0x3041, 0x3097), *range(0x30A1, 0x30FB)))
_SPLIT_WORD_KN = _SPLIT_HEAD_KN | {"ー"}


def _split_gate(text: str) -> bool:
    """False only when `_SPLIT` cannot match `text` (a cheap necessary condition).

    A `_SPLIT` match starts with a letter x0 that does not continue a word, then at least two
    (separator run, single letter) pairs of x0's script, the last letter not followed by
    another. `_SPLIT_TAIL` matches that shape from the first separator run; its letters decide
    the script, so the character before the run must be a letter of that script and the one
    before that must not be. Candidates come in order; one that fails (it starts inside a
    longer separator run, or after the wrong characters) is skipped and the search resumes one
    character later, so every start is tried. On the benchmark's chat texts it lets ~2 % through
    where the plain shape test ("i'm so", "a, b, c") let ~24 % through.
    """
    pos = 0
    search = _SPLIT_TAIL.search
    while (m := search(text, pos)) is not None:
        s = m.start()
        if s > 0:
            if m.group("al") is not None:
                head, word = _SPLIT_HEAD_AL, _SPLIT_HEAD_AL
            else:
                head, word = _SPLIT_HEAD_KN, _SPLIT_WORD_KN
            if text[s - 1] in head and (s < 2 or text[s - 2] not in word):
                return True
        pos = s + 1
    return False


_SEP_RE = re.compile(_SEP)


def _collapse(m: re.Match[str]) -> str:
    return _SEP_RE.sub("", m.group(0))


# Word forms: at-marks, dots, app names spelt in kana or letter names.
_KATA = "ァ-ヺー"
_WORDS: dict[str, str] = {}
for _src, _dst in {
    "あっとまーく": "@",
    "アットマーク": "@",
    "@まーく": "@",
    "@マーク": "@",
    "[at]": "@",
    "(at)": "@",
    "{at}": "@",
    "<at>": "@",
    "[@]": "@",
    "(@)": "@",
    "[dot]": ".",
    "(dot)": ".",
    "{dot}": ".",
    "<dot>": ".",
    "[.]": ".",
    "(.)": ".",
    "えるあいえぬいー": "line",
    "エルアイエヌイー": "line",
    "らいん": "line",
    "ライン": "line",
    "ぎめーる": "gmail",
    "じーめーる": "gmail",
    "ジーメール": "gmail",
    "gめーる": "gmail",
    "gメール": "gmail",
    "ディスコード": "discord",
    "でぃすこーど": "discord",
    "ディスコ": "discord",
    "テレグラム": "telegram",
    "てれぐらむ": "telegram",
    "スカイプ": "skype",
    "すかいぷ": "skype",
    "チャットワーク": "chatwork",
    "ちゃっとわーく": "chatwork",
    "インスタグラム": "instagram",
    "インスタ": "instagram",
    "いんすた": "instagram",
    "カカオトーク": "kakaotalk",
    "かかおとーく": "kakaotalk",
    "ワッツアップ": "whatsapp",
    "フェイスブック": "facebook",
    "ツイッター": "twitter",
    "ティックトック": "tiktok",
    "メッセンジャー": "messenger",
    "アイディー": "id",
    # mail domains dictated ("ヤフーのジェーピー", "アウトルック ドット ジェーピー")
    "ヤフー": "yahoo",
    "やふー": "yahoo",
    "アウトルック": "outlook",
    "ホットメール": "hotmail",
    "アイクラウド": "icloud",
    "ジェーピー": "jp",
    "じぇーぴー": "jp",
    **{
        f"{dot}{sp}{tld}": "." + latin
        for dot in ("ドット", "どっと")
        for sp in ("", " ")
        for tld, latin in (
            ("コム", "com"),
            ("こむ", "com"),
            ("ジェーピー", "jp"),
            ("じぇーぴー", "jp"),
            ("ネット", "net"),
            ("ねっと", "net"),
        )
    },
    "あいでぃー": "id",
    "アイディ": "id",
}.items():
    _WORDS[_src] = _dst
# Between ASCII letters or digits only (so アットホーム and ドット絵 stay as they are).
_INFIX = {
    "アット": "@",
    "あっと": "@",
    "ドット": ".",
    "どっと": ".",
    "ぴりおど": ".",
    "ピリオド": ".",
}

_word_alt = "|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True))
_infix_alt = "|".join(re.escape(w) for w in sorted(_INFIX, key=len, reverse=True))
_WORD_RE = re.compile(
    rf"(?<![{_KATA}])(?:{_word_alt})(?![{_KATA}])"
    rf"|(?<=[a-z0-9]) ?(?:{_infix_alt}) ?(?=[a-z0-9])"
    rf"|(?<=[0-9])ー(?=[0-9])"
)
_WORD_LIST = (*_WORDS, *_INFIX, "ー")
# Leftmost-longest, non-overlapping: at each position the longest word form wins.
_WORD_AC = ahocorasick_rs.AhoCorasick(
    _WORD_LIST,
    matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
    implementation=ahocorasick_rs.Implementation.DFA,
)
_KATA_SET = frozenset(chr(c) for c in range(0x30A1, 0x30FB)) | {"ー"}
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _word_stage(text: str) -> tuple[str, list[Edit]]:
    """Word forms via one Aho–Corasick pass; same result as `_WORD_RE` (kept as the spec)."""
    edits: list[Edit] = []
    parts: list[str] = []
    last = 0
    o = 0
    n = len(text)
    words = _WORD_LIST
    for i, s, e in _WORD_AC.find_matches_as_indexes(text):
        w = words[i]
        if s < last:
            continue
        if w == "ー":
            if not (
                s > 0
                and text[s - 1].isdigit()
                and e < n
                and text[e].isdigit()
                and text[s - 1].isascii()
                and text[e].isascii()
            ):
                continue
            rep = "-"
        elif w in _WORDS:
            if (s > 0 and text[s - 1] in _KATA_SET) or (e < n and text[e] in _KATA_SET):
                continue
            rep = _WORDS[w]
        else:
            a, b = s, e
            if a > 0 and text[a - 1] == " ":
                a -= 1
            if b < n and text[b] == " ":
                b += 1
            if not (a > 0 and text[a - 1] in _ALNUM and b < n and text[b] in _ALNUM):
                continue
            if a < last:
                continue
            s, e = a, b
            rep = _INFIX[w]
        parts.append(text[last:s])
        o += s - last
        parts.append(rep)
        edits.append((s, e, o, o + len(rep)))
        o += len(rep)
        last = e
    if not edits:
        return text, edits
    parts.append(text[last:])
    return "".join(parts), edits


_WORD_GATE = re.compile(
    r"[\[({<]|まーく|マーク|[あアどドぴピ]っ?[とトッ]|[らラえエ]|ぎ|じ|g|[ディテてスすチちイいカかワフツメ]|ー"
)


def _word(m: re.Match[str]) -> str:
    w = m.group(0)
    if w == "ー":
        return "-"
    key = w.strip(" ")
    if key in _WORDS:
        return _WORDS[key]
    return _INFIX.get(key, w)


# Letters spelt by their names in kana ("えむ・あい・けー・いー、あんだーばー、ぜろ・ご"): runs of
# three or more letter names (kana digits and underscores may join them), each name set apart
# by ・, a space, 、 or a dash, so ordinary words made of the same syllables stay as they are.
_LETTER_NAMES: dict[str, str] = {}
for _l, _forms in {
    "a": "えー えい",
    "b": "びー",
    "c": "しー",
    "d": "でぃー でぃ",
    "e": "いー",
    "f": "えふ",
    "g": "じー",
    "h": "えいち えっち えいちっ",
    "i": "あい",
    "j": "じぇー じぇい",
    "k": "けー けい",
    "l": "える",
    "m": "えむ",
    "n": "えぬ",
    "o": "おー",
    "p": "ぴー",
    "q": "きゅー",
    "r": "あーる",
    "s": "えす",
    "t": "てぃー てぃ",
    "u": "ゆー",
    "v": "ぶい ぶいー",
    "w": "だぶりゅー だぶりゅ",
    "x": "えっくす",
    "y": "わい",
    "z": "ぜっと ぜっど",
    "_": "あんだーばー あんだーすこあ",
    "-": "はいふん",
    "0": "ぜろ",
    "1": "いち わん",
    "2": "に つー",
    "3": "さん すりー",
    "4": "よん ふぉー",
    "5": "ご ふぁいぶ",
    "6": "ろく",
    "7": "なな",
    "8": "はち",
    "9": "きゅう",
}.items():
    for _f in _forms.split():
        _LETTER_NAMES[_f] = _l
        _LETTER_NAMES["".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in _f)] = _l
_ln_alt = "|".join(re.escape(w) for w in sorted(_LETTER_NAMES, key=len, reverse=True))
_LETTER_RUN = re.compile(
    rf"(?<![ぁ-ゖァ-ヺー])(?:{_ln_alt})(?:[・･ 、,\-]{{1,2}}(?:{_ln_alt})){{2,}}(?![ぁ-ゖァ-ヺー])"
)
_LETTER_NAME = re.compile(_ln_alt)
_LETTER_GATE = re.compile(r"(?:ー|[いむぬするふイムヌスルフ])[・･ 、,\-]{1,2}[ぁ-ゖァ-ヺ]")


def _letters(m: re.Match[str]) -> str:
    names = _LETTER_NAME.findall(m.group(0))
    if sum(_LETTER_NAMES[n].isalpha() for n in names) < 3:
        return m.group(0)  # mostly digits: the digit stage decides
    return "".join(_LETTER_NAMES[n] for n in names)


# Digits spelt out: 〇九〇の一二三四…, ぜろきゅうぜろ…, "zero nine zero …". Only runs of 8 or more
# digit words are rewritten, so ordinary words built from the same syllables are left alone.
_DIGIT_WORDS: dict[str, str] = {}
for _d, _forms in enumerate(
    [
        "0 〇 零 ぜろ ゼロ れい レイ まる マル zero",
        "1 一 壱 いち イチ one",
        "2 二 弐 に ニ にー ニー two",
        "3 三 参 さん サン three",
        "4 四 よん ヨン し シ four",
        "5 五 ご ゴ ごー ゴー five",
        "6 六 ろく ロク six",
        "7 七 なな ナナ しち シチ seven",
        "8 八 はち ハチ eight",
        "9 九 きゅう キュウ きゅー キュー く ク nine",
    ]
):
    for _f in _forms.split():
        _DIGIT_WORDS[_f] = str(_d)
DIGIT_WORDS = _DIGIT_WORDS  # read by the engine (numbers said across messages)
_PARTICLES_SET = frozenset("にしくごニシクゴ")
_dw_alt = "|".join(re.escape(w) for w in sorted(_DIGIT_WORDS, key=len, reverse=True))
_DSEP = r"(?:[ \-・、,.ー]{0,3}|\s?の\s?)"
_DIGIT_RUN = re.compile(rf"(?<![a-z])(?:{_dw_alt})(?:{_DSEP}(?:{_dw_alt})){{7,}}(?![a-z])")
_DIGIT_TOKEN = re.compile(_dw_alt)
_DIGIT_STRONG = ahocorasick_rs.AhoCorasick(
    [f for f in _DIGIT_WORDS if f not in _PARTICLES_SET and not f.isdigit()],
    implementation=ahocorasick_rs.Implementation.DFA,
)
_DIGIT_GATE = re.compile(
    r"[〇零一壱二弐三参四五六七八九]|ぜろ|ゼロ|れい|まる|いち|さん|よん|ろく|なな|はち|きゅ"
    r"|zero|one|two|three|four|five|six|seven|eight|nine"
)


_PARTICLES = frozenset("にしくごニシクゴ")


def _digits(m: re.Match[str]) -> str:
    run = m.group(0)
    if run.replace("-", "").replace(" ", "").isascii() and not re.search("[a-z]", run):
        return run  # already plain digits: nothing to rewrite
    tokens = list(_DIGIT_TOKEN.finditer(run))
    # A particle that reads like a digit (に, し, く, ご) often sits right next to a number:
    # "…はちに電話". Phone numbers have at most 11 digits, so surplus edge tokens stay text.
    lo, hi = 0, len(tokens)
    while hi - lo > 11 and tokens[hi - 1].group(0) in _PARTICLES:
        hi -= 1
    while hi - lo > 11 and tokens[lo].group(0) in _PARTICLES:
        lo += 1
    head = run[: tokens[lo].start()]
    tail = run[tokens[hi - 1].end() :]
    return head + "".join(_DIGIT_WORDS[t.group(0)] for t in tokens[lo:hi]) + tail


def _enough_digit_words(text: str) -> bool:
    """Cheap gate for the digit-run regex: at least four unambiguous digit words."""
    return len(_DIGIT_STRONG.find_matches_as_indexes(text, overlapping=True)) >= 4


@dataclass(slots=True)
class Normalized:
    """The canonical text plus what is needed to map its spans back to the original."""

    original: str
    text: str
    _char_edits: Callable[[], list[Edit]] | None = None
    _stages: list[list[Edit]] = field(default_factory=list)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a canonical span [start, end) to the smallest original span that produced it."""
        n = len(self.original)
        m = len(self.text)
        if n == 0 or m == 0:
            return 0, 0
        a = max(0, min(start, m - 1))
        b = max(a + 1, min(end, m))
        if self._char_edits is not None:
            self._stages.insert(0, self._char_edits())  # resolve the lazy stage once
            self._char_edits = None
        for edits in reversed(self._stages):
            a, b = _map_back(edits, a, b)
        a = max(0, min(a, n - 1))
        b = max(a + 1, min(b, n))
        return a, b


_OUT_START = itemgetter(2)


def _map_back(edits: list[Edit], a: int, b: int) -> tuple[int, int]:
    """Map an output interval [a, b) of one stage to the input interval that produced it."""
    if not edits:
        return a, b

    def locate(pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(edits, pos, key=_OUT_START) - 1
        while k >= 0:
            in_s, in_e, out_s, out_e = edits[k]
            if out_s <= pos < out_e:
                return in_s, in_e
            if out_e <= pos:
                d = pos + (in_e - out_e)
                return d, d + 1
            k -= 1
        return pos, pos + 1

    return locate(a)[0], locate(b - 1)[1]


def normalize(text: str) -> Normalized:
    """Canonical form of `text`. Never raises; idempotent on its own output."""
    if not isinstance(text, str):
        text = str(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: replace so every later step is safe
        text = text.encode("utf-8", "replace").decode("utf-8")
    out, char_edits = _stage_chars(text)
    stages: list[list[Edit]] = []
    out = _stage_homoglyphs(out)
    if _split_gate(out):
        out, ed = _sub_with_edits(_SPLIT, _collapse, out)
        if ed:
            stages.append(ed)
    out, ed = _word_stage(out)
    # A word form can itself put a separator between single letters ("0\"0ドット0" becomes
    # "0\"0.0", a split run): collapse again until nothing changes, so that normalising the
    # output is a no-op (idempotence). Texts whose word stage changed nothing skip this.
    if ed:
        stages.append(ed)
    rounds = 0
    while ed and rounds < 4 and _split_gate(out):
        rounds += 1
        out, ed = _sub_with_edits(_SPLIT, _collapse, out)
        if not ed:
            break
        stages.append(ed)
        out, ed = _word_stage(out)
        if ed:
            stages.append(ed)
    if _LETTER_GATE.search(out) is not None:
        out, ed = _sub_with_edits(_LETTER_RUN, _letters, out)
        if ed:
            stages.append(ed)
    if _enough_digit_words(out):
        out, ed = _sub_with_edits(_DIGIT_RUN, _digits, out)
        if ed:
            stages.append(ed)
    return Normalized(text, out, char_edits, stages)


if __name__ == "__main__":  # pragma: no cover - manual check
    for line in sys.stdin:
        print(normalize(line.rstrip("\n")).text)
