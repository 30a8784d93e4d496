"""The one way to schedule side effects (mail, notifications, tasks) from inside an action.

Effects run only after the surrounding transaction commits (Saleor's `call_event`), so a rolled
back action never e-mails anyone.
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction


def on_commit(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    transaction.on_commit(partial(fn, *args, **kwargs), robust=True)
