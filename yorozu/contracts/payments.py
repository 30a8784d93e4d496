"""The escrow (仮払い) payment gateway: an interface and a sandbox that never leaves the machine.

The contract actions only ever talk to `get_gateway()`, so a real payment provider can be dropped
in through `settings.PAYMENT_GATEWAY` without touching the state machine. References are
deterministic per (contract, movement) so a retried call is idempotent at the provider.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class PaymentGateway(Protocol):
    """Moves money in and out of escrow; each call returns the provider's reference."""

    def deposit(self, *, contract_id: int, amount: int) -> str:
        """Take `amount` yen from the client into escrow."""
        ...

    def release(self, *, contract_id: int, amount: int, fee: int) -> str:
        """Pay `amount` yen from escrow to the worker; the platform keeps `fee`."""
        ...

    def refund(self, *, contract_id: int, amount: int) -> str:
        """Return `amount` yen from escrow to the client."""
        ...


class SandboxGateway:
    """A gateway for development and tests: no network, no randomness, always succeeds."""

    prefix = "sandbox"

    def _reference(self, kind: str, contract_id: int, amount: int) -> str:
        return f"{self.prefix}-{kind}-{contract_id}-{amount}"

    def deposit(self, *, contract_id: int, amount: int) -> str:
        return self._reference("dep", contract_id, amount)

    def release(self, *, contract_id: int, amount: int, fee: int) -> str:
        return self._reference("rel", contract_id, amount)

    def refund(self, *, contract_id: int, amount: int) -> str:
        return self._reference("ref", contract_id, amount)


def get_gateway() -> PaymentGateway:
    """The configured gateway (`settings.PAYMENT_GATEWAY`, a dotted path), sandbox by default."""
    path = settings.PAYMENT_GATEWAY
    return import_string(path)()


def platform_fee(amount: int) -> int:
    """The platform's cut of a completed contract, rounded down in the worker's favour."""
    return amount * settings.PLATFORM_FEE_PERCENT // 100
