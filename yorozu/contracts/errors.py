"""The one error every proposal and contract action raises when it refuses.

Views turn it into a flash message (or a form error) and nothing has changed: actions raise
before writing, inside their transaction, so a refusal never leaves half a change behind.
"""


class ContractError(Exception):
    """A refused proposal or contract action; `message` is shown to the person who tried."""

    def __init__(self, message: str) -> None:
        super().__init__(str(message))
        self.message = message
