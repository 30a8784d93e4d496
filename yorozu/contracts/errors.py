"""The one error every proposal and contract action raises when it refuses.

Views turn it into a flash message (or a form error) and nothing has changed: actions raise
before writing, inside their transaction, so a refusal never leaves half a change behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class ContractError(Exception):
    """A refused proposal or contract action; `message` is shown to the person who tried."""

    def __init__(self, message: str | _StrPromise) -> None:
        super().__init__(str(message))
        self.message = message
