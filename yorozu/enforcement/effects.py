"""What a restriction does beyond what `enforcement.selectors` hides and closes: the content
apps that must act when an account is restricted (tell the other party of a contract under way)
register a listener here from their `AppConfig.ready()`, so enforcement names none of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

RestrictionListener = Callable[..., None]
_listeners: list[RestrictionListener] = []


def on_account_restricted(listener: RestrictionListener) -> None:
    """Call `listener(user, level=…, features=[…])` inside the restricting transaction."""
    if listener not in _listeners:
        _listeners.append(listener)


def account_restricted(user: Any, *, level: str, features: Sequence[str]) -> None:
    for listener in _listeners:
        listener(user, level=level, features=list(features))
