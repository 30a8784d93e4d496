"""The one error every proposal and contract action raises when it refuses.

Views turn it into a flash message (or a form error) and nothing has changed: actions raise
before writing, inside their transaction, so a refusal never leaves half a change behind.
"""

from __future__ import annotations

from yorozu.core.errors import Refused


class ContractError(Refused):
    """A refused proposal or contract action; `message` is shown to the person who tried."""

    default_code = "contract_refused"
    status = 409
