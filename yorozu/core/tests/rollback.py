"""A transaction that is rolled back at the end, for fixtures that share data between tests."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def rolled_back() -> Iterator[None]:
    """Everything inside is rolled back at the end. Like the class-level transaction Django's
    TestCase opens, it lets the actions' durable transactions run inside it (outside tests a
    durable action refuses to nest, which is the point)."""
    atomic = transaction.atomic()
    atomic._from_testcase = True  # type: ignore[attr-defined]
    with atomic:
        yield
        transaction.set_rollback(True)
