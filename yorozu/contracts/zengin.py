"""The 全銀協 (Zengin) fixed-length transfer file for 総合振込 (bulk transfers).

One header record, one data record per transfer, a trailer with the count and the total, and
an end record; every record is exactly 120 bytes of Shift_JIS (the half-width katakana are one
byte each), records separated by CRLF, as internet banking and the banks' file-transfer services
accept it. Pure Python: callers pass plain values, so the format can be tested on its own.

Layout (bytes): header 1+2+1+10+40+4+4+15+3+15+1+7+17, data 1+4+15+3+15+4+1+7+30+10+1+10+10+1
+1+7, trailer 1+6+12+101, end 1+119 — each 120.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from yorozu.contracts.banks import to_zengin_kana

RECORD_LENGTH = 120
ENCODING = "cp932"
SEPARATOR = b"\r\n"
TRANSFER_KIND = "21"  # 総合振込
CODE_SET = "0"  # JIS (Shift_JIS) rather than EBCDIC
MAX_AMOUNT = 9_999_999_999  # 10 digits


class ZenginError(ValueError):
    """A value that does not fit the format (too long, wrong digits, not in the character set)."""


@dataclass(frozen=True)
class Requester:
    """The platform's own account the transfers are paid from (振込依頼人)."""

    code: str  # 10 digits, given by the bank
    name: str  # half-width katakana
    bank_code: str
    bank_kana: str
    branch_code: str
    branch_kana: str
    account_type: str  # 1 普通, 2 当座
    account_number: str


@dataclass(frozen=True)
class Transfer:
    bank_code: str
    bank_kana: str
    branch_code: str
    branch_kana: str
    account_type: str  # 1 普通, 2 当座, 4 貯蓄
    account_number: str
    holder_name: str
    amount: int
    customer_code: str = ""  # our reference (the withdrawal id), echoed in the bank's report


def _digits(value: str, width: int, what: str) -> str:
    if not value.isdigit() or len(value) > width:
        raise ZenginError(f"{what}: {value!r} is not a number of at most {width} digits")
    return value.zfill(width)


def _kana(value: str, width: int, what: str) -> str:
    text = to_zengin_kana(value) if value else ""
    if len(text) > width:
        text = text[:width]  # bank and branch names may be cut; the codes are what count
    return text.ljust(width)


def _name(value: str, width: int, what: str) -> str:
    text = to_zengin_kana(value)
    if not text.strip():
        raise ZenginError(f"{what} is empty")
    if len(text) > width:
        raise ZenginError(f"{what}: {text!r} is longer than {width} characters")
    return text.ljust(width)


def _record(*fields: str) -> bytes:
    data = "".join(fields).encode(ENCODING)
    if len(data) != RECORD_LENGTH:
        raise ZenginError(f"record is {len(data)} bytes, not {RECORD_LENGTH}: {data!r}")
    return data


def header(requester: Requester, transfer_date: datetime.date) -> bytes:
    return _record(
        "1",
        TRANSFER_KIND,
        CODE_SET,
        _digits(requester.code, 10, "requester code"),
        _name(requester.name, 40, "requester name"),
        transfer_date.strftime("%m%d"),
        _digits(requester.bank_code, 4, "bank code"),
        _kana(requester.bank_kana, 15, "bank name"),
        _digits(requester.branch_code, 3, "branch code"),
        _kana(requester.branch_kana, 15, "branch name"),
        _digits(requester.account_type, 1, "account type"),
        _digits(requester.account_number, 7, "account number"),
        " " * 17,
    )


def data_record(transfer: Transfer) -> bytes:
    if not 1 <= transfer.amount <= MAX_AMOUNT:
        raise ZenginError(f"amount {transfer.amount} out of range")
    return _record(
        "2",
        _digits(transfer.bank_code, 4, "bank code"),
        _kana(transfer.bank_kana, 15, "bank name"),
        _digits(transfer.branch_code, 3, "branch code"),
        _kana(transfer.branch_kana, 15, "branch name"),
        " " * 4,  # 手形交換所番号: unused
        _digits(transfer.account_type, 1, "account type"),
        _digits(transfer.account_number, 7, "account number"),
        _name(transfer.holder_name, 30, "account holder"),
        str(transfer.amount).zfill(10),
        "0",  # 新規コード: 0 = other than first transfer / change (most banks ignore it)
        _digits(transfer.customer_code or "0", 10, "customer code"),
        " " * 10,  # 顧客コード2
        "7",  # 振込指定区分: 7 = telegraphic transfer (テレ振込)
        " ",  # 識別表示: not EDI
        " " * 7,
    )


def trailer(count: int, total: int) -> bytes:
    if count > 999_999 or total > 999_999_999_999:
        raise ZenginError("too many transfers for one file")
    return _record("8", str(count).zfill(6), str(total).zfill(12), " " * 101)


def end() -> bytes:
    return _record("9", " " * 119)


def transfer_file(
    requester: Requester, transfer_date: datetime.date, transfers: list[Transfer]
) -> bytes:
    """The whole file: header, one data record per transfer, trailer, end (CRLF-separated)."""
    records = [header(requester, transfer_date)]
    records += [data_record(t) for t in transfers]
    records.append(trailer(len(transfers), sum(t.amount for t in transfers)))
    records.append(end())
    return SEPARATOR.join(records) + SEPARATOR


def parse(content: bytes) -> list[str]:
    """The records of a file as text (for tests and for staff checking a file)."""
    lines = content.split(SEPARATOR)
    if lines and lines[-1] == b"":
        lines.pop()
    for line in lines:
        if len(line) != RECORD_LENGTH:
            raise ZenginError(f"record of {len(line)} bytes")
    return [line.decode(ENCODING) for line in lines]
