"""The arithmetic of a payment: withholding at the boundary, fees, take-home, and properties
that must hold for every amount (hypothesis)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yorozu.contracts.money import (
    WITHHOLDING_THRESHOLD,
    breakdown,
    consumption_tax_included,
    platform_fee,
    withholding_tax,
)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, 0),
        (1, 0),  # 0.1021 yen rounds down to nothing
        (9, 0),
        (10, 1),  # 1.021
        (10_000, 1021),
        (100_000, 10_210),
        (123_457, 12_604),  # 12604.96… rounds down
        (999_999, 102_099),  # 102099.89…
        (1_000_000, 102_100),  # the boundary itself is still 10.21 %
        (1_000_001, 102_100),  # + 0.2042 on the first yen above: rounds down
        (1_000_004, 102_100),  # + 0.8168
        (1_000_005, 102_101),  # + 1.021
        (1_100_000, 122_520),  # 102,100 + 20,420
        (2_000_000, 306_300),  # 102,100 + 204,200
        (99_999_999, 20_317_899),  # 102,100 + floor(98,999,999 × 0.2042)
    ],
)
def test_withholding_at_and_around_one_million_yen(amount, expected):
    assert withholding_tax(amount) == expected


def test_withholding_refuses_a_negative_payment():
    with pytest.raises(ValueError):
        withholding_tax(-1)


@pytest.mark.parametrize(
    ("amount", "percent", "fee"),
    [(1000, 10, 100), (1009, 10, 100), (80_000, 10, 8000), (99, 20, 19)],
)
def test_fee_rounds_down_in_the_workers_favour(amount, percent, fee):
    assert platform_fee(amount, percent) == fee


def test_breakdown_for_each_side():
    money = breakdown(110_000, withholding=True, fee_percent=10)
    assert money.withholding == 11_231
    assert money.escrow == 98_769  # what the client pays into escrow
    assert money.fee == 11_000
    assert money.take_home == 87_769  # 110,000 − 11,231 − 11,000
    assert money.consumption_tax == 10_000
    assert breakdown(110_000, withholding=False, fee_percent=10).take_home == 99_000


def test_consumption_tax_contained_rounds_down():
    assert consumption_tax_included(1_100) == 100
    assert consumption_tax_included(1_099) == 99  # 99.909…


amounts = st.integers(min_value=0, max_value=1_000_000_000)


@given(amounts)
def test_withholding_is_the_exact_rate_rounded_down(amount):
    low = min(amount, WITHHOLDING_THRESHOLD)
    high = max(0, amount - WITHHOLDING_THRESHOLD)
    exact_times_10000 = low * 1021 + high * 2042
    # the result never exceeds the exact tax, and is within the two roundings of it
    assert withholding_tax(amount) * 10_000 <= exact_times_10000
    assert exact_times_10000 - withholding_tax(amount) * 10_000 < 20_000


@given(amounts, amounts)
def test_withholding_grows_slower_than_the_payment(a, b):
    """Paying less never withholds more, and the difference in tax is at most the difference in
    payment: so a partial release always leaves a refund of zero or more."""
    low, high = sorted((a, b))
    assert 0 <= withholding_tax(high) - withholding_tax(low) <= high - low


@given(amounts, st.integers(min_value=0, max_value=30), st.booleans())
def test_every_yen_is_accounted_for(amount, percent, withholding):
    money = breakdown(amount, withholding=withholding, fee_percent=percent)
    assert money.take_home + money.fee + money.withholding == amount
    assert money.take_home >= 0 and money.escrow >= 0
