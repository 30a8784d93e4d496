"""The kinds of content the secretariat moderates, registered by the apps that own them.

As models register with the admin (`admin.site.register`), each content app registers, from its
`AppConfig.ready()`, what the console, reports, rescans and the screening door need to know
about its content: the text under review, a title, the author, where it lives, who may see it
(to report it), and what approving or rejecting it does. Nothing on a lower floor names a higher
floor's model: the console asks `kind_for(case.content_type)` and calls what it finds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.http import Http404

from yorozu.core.side_effects import on_commit

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

Text = Callable[[Any], str]


@dataclass(frozen=True)
class Rescan:
    """How a rescan (and a rule's backtest) re-reads this kind.

    `items(since)` returns the live items a rescan looks at (`since` bounds kinds that only look
    back a number of days); `screen(items)` assesses a batch and returns `(item, screening)`
    pairs — it may read what it needs in bulk; `hold(item, screening)` withdraws a flagged item
    (or puts it before the secretariat), returning whether it changed anything;
    `texts(since)` yields `(id, text)` of everything written since then, for a backtest.
    """

    items: Callable[[Any], QuerySet]
    screen: Callable[[list[Any]], list[tuple[Any, Any]]]
    hold: Callable[..., bool]
    texts: Callable[[Any], Iterator[tuple[int, str]]]


@dataclass(frozen=True)
class ModeratedKind:
    """What the secretariat's tools need about one model's content.

    name:     short stable name ("job", "message"…), used in report URLs and the API.
    label:    what the content is called, in the reader's language.
    queue:    the console queue its held items go to.
    text:     the text its assessment's spans index (a posting: title, newline, description).
    title:    a one-line description for lists.
    author:   the account whose content it is (the case's subject).
    url:      where it lives on the site (for staff), or "".
    access:   `access(user, pk)` returns the item if `user` may see it, else raises Http404 —
              what lets a user report it.
    approve / reject: the secretariat's decision on a held item (`reject` gets the reason the
              author is told); None when the decision only goes on the record.
    take_down: what an upheld report does to the item (defaults to `reject`).
    screening_kind: the trust engine's kind for `text` (reports weigh the reported text).
    rescan:   how a rescan re-reads it, or None.
    decide_url: for a kind whose decision is more than approve or reject (a dispute's amounts),
              the page where it is decided; the console's case page links there instead of
              offering approve and reject.
    preview_template: a template the case page includes above the flagged text, with the item
              as `item` (an attached file: its link, its picture, where each part of the text
              was read).
    """

    model: type[Model]
    name: str
    label: str | _StrPromise
    queue: str
    text: Text
    title: Text
    author: Callable[[Any], Any]
    screening_kind: str
    url: Callable[[Any], str] = lambda obj: ""
    access: Callable[[Any, int], Any] | None = None
    approve: Callable[..., Any] | None = None
    reject: Callable[..., Any] | None = None
    take_down: Callable[..., Any] | None = None
    rescan: Rescan | None = None
    decide_url: Callable[[Any], str] | None = None
    preview_template: str = ""
    select_related: tuple[str, ...] = field(default=())


_by_model: dict[type[Model], ModeratedKind] = {}
_by_name: dict[str, ModeratedKind] = {}


def register(kind: ModeratedKind) -> None:
    """Register one kind (from its app's `ready()`); registering the same name twice is an
    error, as in the admin."""
    existing = _by_name.get(kind.name)
    if existing is not None and existing.model is not kind.model:
        raise ValueError(f"moderated kind {kind.name!r} is already registered")
    _by_model[kind.model] = kind
    _by_name[kind.name] = kind


def kinds() -> list[ModeratedKind]:
    return sorted(_by_name.values(), key=lambda k: k.name)


def kind_named(name: str) -> ModeratedKind:
    """The kind with this name; Http404 for an unknown one (names arrive in URLs)."""
    try:
        return _by_name[name]
    except KeyError:
        raise Http404("unknown kind of content") from None


def kind_of(obj_or_model: Any) -> ModeratedKind:
    """The kind of an instance, a model or a ContentType; LookupError if not registered."""
    if isinstance(obj_or_model, ContentType):
        model = obj_or_model.model_class()
    elif isinstance(obj_or_model, type):
        model = obj_or_model
    else:
        model = type(obj_or_model)
    for klass in getattr(model, "__mro__", ()):
        if klass in _by_model:
            return _by_model[klass]
    raise LookupError(f"{model!r} is not a moderated kind")


def find(kind: ModeratedKind, ids: Iterable[int]) -> dict[int, Any]:
    """The items of one kind by id, in one query."""
    qs = kind.model._default_manager.all()
    if kind.select_related:
        qs = qs.select_related(*kind.select_related)
    return qs.in_bulk(list(ids))


def rescannable() -> Iterator[ModeratedKind]:
    return (k for k in kinds() if k.rescan is not None)


# -- an account's standing ---------------------------------------------------------------------
# What a confirmed violation (a rejected held item, an upheld report, a restriction) or its
# reversal changes: apps higher up that derive something from an account's record (the
# certified-client badge) register a listener, and it is called after the change commits.

_standing_listeners: list[Callable[[int], None]] = []


def on_standing_change(listener: Callable[[int], None]) -> None:
    """Call `listener(user_id)` after every committed change to an account's standing."""
    if listener not in _standing_listeners:
        _standing_listeners.append(listener)


def standing_changed(user_id: int) -> None:
    """An account's standing changed in the current transaction: tell the listeners on commit."""
    for listener in _standing_listeners:
        on_commit(listener, user_id)
