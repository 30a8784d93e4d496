"""The arithmetic of a payment: platform fee, withholding tax (源泉徴収) and take-home.

Pure functions on integer yen, no Django: what the proposal form previews, what the offer shows
both parties, what the ledger records and what the documents print are all computed here, so
they can never disagree. Every fraction is rounded down to the yen, as the tax office does
(国税通則法: 1円未満の端数は切り捨て).

Amounts on yorozu are tax-inclusive (税込): the client pays the contract amount, and documents
show the consumption tax contained in it.
"""

from __future__ import annotations

from dataclasses import dataclass

# 所得税法 第204条・第205条 with the 復興特別所得税: 10.21 % of a payment up to ¥1,000,000,
# 20.42 % of what exceeds it, per payment.
WITHHOLDING_THRESHOLD = 1_000_000
WITHHOLDING_RATE_LOW = (1021, 10_000)  # 10.21 %
WITHHOLDING_RATE_HIGH = (2042, 10_000)  # 20.42 %
CONSUMPTION_TAX_PERCENT = 10


def withholding_tax(amount: int) -> int:
    """The income tax (incl. reconstruction tax) a withholding client keeps back from one
    payment of `amount` yen: 10.21 % up to ¥1,000,000 and 20.42 % on the excess, rounded down."""
    if amount < 0:
        raise ValueError("a payment is never negative")
    low_num, low_den = WITHHOLDING_RATE_LOW
    high_num, high_den = WITHHOLDING_RATE_HIGH
    if amount <= WITHHOLDING_THRESHOLD:
        return amount * low_num // low_den
    base = WITHHOLDING_THRESHOLD * low_num // low_den
    return base + (amount - WITHHOLDING_THRESHOLD) * high_num // high_den


def platform_fee(amount: int, percent: int) -> int:
    """The platform's cut of a payment, rounded down in the worker's favour."""
    if amount < 0:
        raise ValueError("a payment is never negative")
    return amount * percent // 100


def consumption_tax_included(amount: int) -> int:
    """The consumption tax contained in a tax-inclusive amount (内税), rounded down."""
    return amount * CONSUMPTION_TAX_PERCENT // (100 + CONSUMPTION_TAX_PERCENT)


@dataclass(frozen=True)
class Breakdown:
    """One payment of `amount` yen, seen from each side.

    The client pays `escrow` into escrow (仮払い) and, when withholding, pays `withholding` to
    the tax office themselves; the platform keeps `fee`; the worker receives `take_home`.
    """

    amount: int
    withholding: int
    fee: int

    @property
    def escrow(self) -> int:
        return self.amount - self.withholding

    @property
    def take_home(self) -> int:
        return self.amount - self.withholding - self.fee

    @property
    def consumption_tax(self) -> int:
        return consumption_tax_included(self.amount)


def breakdown(amount: int, *, withholding: bool, fee_percent: int) -> Breakdown:
    """What a payment of `amount` means for the client, the worker and the platform."""
    return Breakdown(
        amount=amount,
        withholding=withholding_tax(amount) if withholding else 0,
        fee=platform_fee(amount, fee_percent),
    )


def total(breakdowns: list[Breakdown]) -> Breakdown:
    """The sum of several payments (each rounded on its own, as each is paid on its own)."""
    return Breakdown(
        amount=sum(b.amount for b in breakdowns),
        withholding=sum(b.withholding for b in breakdowns),
        fee=sum(b.fee for b in breakdowns),
    )
