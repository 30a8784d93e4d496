"""The escrow (仮払い) payment gateway: an interface and a sandbox that never leaves the machine.

The contract actions only ever talk to `get_gateway()`, so a real payment provider can be dropped
in through `settings.PAYMENT_GATEWAY` without touching the state machine. Every call carries an
idempotency key — the ledger movement it belongs to ("milestone:12:release") — so a retried call
(a task run twice, a transaction retried after the provider already said yes) moves money once.
`docs/payments.md` says what a real provider must promise and how webhooks and reconciliation
fit in.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from yorozu.contracts import money


class PaymentGateway(Protocol):
    """Moves money in and out of escrow; each call returns the provider's reference.

    Implementations must treat `idempotency_key` as the identity of the movement: the same key
    twice returns the first call's reference and moves no more money. `contract_id` is None for
    a task's or competition's budget, which belongs to a posting (its key says which).
    """

    def deposit(self, *, idempotency_key: str, contract_id: int | None, amount: int) -> str:
        """Take `amount` yen from the client into escrow."""
        ...

    def release(
        self, *, idempotency_key: str, contract_id: int | None, amount: int, fee: int
    ) -> str:
        """Credit `amount` yen from escrow to the worker; the platform keeps `fee`."""
        ...

    def refund(self, *, idempotency_key: str, contract_id: int | None, amount: int) -> str:
        """Return `amount` yen from escrow to the client."""
        ...


class SandboxGateway:
    """A gateway for development and tests: no network, no randomness, always succeeds.

    Its reference is derived from the idempotency key, so a repeated call answers the same.
    """

    prefix = "sandbox"

    def _reference(self, idempotency_key: str) -> str:
        return f"{self.prefix}-{idempotency_key}"[:64]

    def deposit(self, *, idempotency_key: str, contract_id: int | None, amount: int) -> str:
        return self._reference(idempotency_key)

    def release(
        self, *, idempotency_key: str, contract_id: int | None, amount: int, fee: int
    ) -> str:
        return self._reference(idempotency_key)

    def refund(self, *, idempotency_key: str, contract_id: int | None, amount: int) -> str:
        return self._reference(idempotency_key)


def get_gateway() -> PaymentGateway:
    """The configured gateway (`settings.PAYMENT_GATEWAY`, a dotted path), sandbox by default."""
    return import_string(settings.PAYMENT_GATEWAY)()


def platform_fee(amount: int) -> int:
    """The platform's cut of a payment at the configured rate, rounded down."""
    return money.platform_fee(amount, settings.PLATFORM_FEE_PERCENT)


def breakdown(amount: int, *, withholding: bool) -> money.Breakdown:
    """A payment of `amount` at the configured fee rate (see `money.breakdown`)."""
    return money.breakdown(
        amount, withholding=withholding, fee_percent=settings.PLATFORM_FEE_PERCENT
    )
