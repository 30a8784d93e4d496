"""The kinds of item files can be attached to, registered by the apps that own them.

As content apps register their moderated kinds, an app whose items carry files (messaging's
messages, contracts' milestone deliveries, a competition's entries) registers an
`AttachmentHost` from its `AppConfig.ready()`: who may see an item (and so its delivered
files), the context its files' text is judged in (the thread's stage, the sender's role, the
posting), and where the item lives. This app never names a higher floor's model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Model

if TYPE_CHECKING:
    from yorozu.trust.screening import Context


@dataclass(frozen=True)
class AttachmentHost:
    """What the files app needs to know about one kind of item that carries files.

    name:     short stable name ("message", "milestone", "entry").
    may_see:  `may_see(user, item)` — whether `user` (not the uploader, not staff) may see the
              item, and so its files that passed screening.
    context:  `context(item, author)` — the screening context of a file `author` attaches to
              the item (the same one the item's own text is judged in).
    url:      where the item lives on the site, for its parties (links in notifications).
    title:    a one-line description of the item for the console.
    """

    model: type[Model]
    name: str
    may_see: Callable[[Any, Any], bool]
    context: Callable[[Any, Any], Context]
    url: Callable[[Any], str]
    title: Callable[[Any], str] = str


_by_model: dict[type[Model], AttachmentHost] = {}
_by_name: dict[str, AttachmentHost] = {}


def register(host: AttachmentHost) -> None:
    existing = _by_name.get(host.name)
    if existing is not None and existing.model is not host.model:
        raise ValueError(f"attachment host {host.name!r} is already registered")
    _by_model[host.model] = host
    _by_name[host.name] = host


def host_of(item_or_model: Any) -> AttachmentHost:
    """The host kind of an item or a model class; LookupError when it was not registered."""
    model = item_or_model if isinstance(item_or_model, type) else type(item_or_model)
    for klass in getattr(model, "__mro__", ()):
        if klass in _by_model:
            return _by_model[klass]
    raise LookupError(f"{model!r} is not an attachment host")


def hosts() -> list[AttachmentHost]:
    return sorted(_by_name.values(), key=lambda h: h.name)
