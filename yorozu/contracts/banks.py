"""Japanese bank and branch codes, and the half-width katakana bank transfers are written in.

Codes are checked against the Zengin bank and branch list shipped by the `zengin-code` package
(data files read lazily, one bank's branches at a time, without importing the package, which
would load every branch of every bank). Names go into the transfer file in the Zengin character
set: digits, capital letters, half-width katakana without the small letters, ﾞ ﾟ, space and
`( ) - . /`.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jaconv

# Small kana are not in the Zengin set; banks write them large.
_SMALL_TO_LARGE = str.maketrans("ｧｨｩｪｫｬｭｮｯ", "ｱｲｳｴｵﾔﾕﾖﾂ")
_DASHES = str.maketrans({"ｰ": "-", "ー": "-", "－": "-", "‐": "-", "−": "-", "―": "-"})
ZENGIN_CHARACTERS = re.compile(r"^[0-9A-Zｦ-ﾝﾞﾟ ().\-/]*$")


class KanaError(ValueError):
    """Text that cannot be written in the Zengin character set."""


@dataclass(frozen=True)
class Bank:
    code: str
    name: str
    kana: str  # half-width, Zengin set


@dataclass(frozen=True)
class Branch:
    code: str
    name: str
    kana: str


def to_zengin_kana(text: str) -> str:
    """Hiragana, full-width katakana and letters → half-width Zengin characters (large kana,
    capital letters, "-" for long vowels); raise KanaError for anything else (kanji, …)."""
    converted = jaconv.z2h(jaconv.hira2kata(text.strip()), kana=True, ascii=True, digit=True)
    converted = converted.translate(_DASHES).translate(_SMALL_TO_LARGE).upper()
    converted = re.sub(r"\s+", " ", converted)
    if not ZENGIN_CHARACTERS.match(converted):
        bad = sorted({c for c in converted if not ZENGIN_CHARACTERS.match(c)})
        raise KanaError("".join(bad))
    return converted


@functools.cache
def _data_dir() -> Path | None:
    spec = importlib.util.find_spec("zengin_code")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "source-data" / "data"


@functools.cache
def _banks() -> dict[str, dict]:
    directory = _data_dir()
    if directory is None:
        return {}
    return json.loads((directory / "banks.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=64)
def _branches(bank_code: str) -> dict[str, dict]:
    directory = _data_dir()
    path = directory / "branches" / f"{bank_code}.json" if directory else None
    if path is None or not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _kana(raw: str) -> str:
    try:
        return to_zengin_kana(raw)[:15]
    except KanaError:
        return ""


def find_bank(code: str) -> Bank | None:
    """The bank with this 4-digit code, or None."""
    row = _banks().get(code) if re.fullmatch(r"\d{4}", code or "") else None
    if row is None:
        return None
    return Bank(code=row["code"], name=row["name"], kana=_kana(row["kana"]))


def find_branch(bank_code: str, branch_code: str) -> Branch | None:
    """The branch with this 3-digit code at that bank, or None."""
    if not re.fullmatch(r"\d{3}", branch_code or "") or find_bank(bank_code) is None:
        return None
    row = _branches(bank_code).get(branch_code)
    if row is None:
        return None
    return Branch(code=row["code"], name=row["name"], kana=_kana(row["kana"]))


def data_version() -> str:
    """When the shipped bank list was last updated (shown to staff)."""
    directory = _data_dir()
    path = directory / "updated_at" if directory else None
    return path.read_text().strip() if path is not None and path.exists() else ""
