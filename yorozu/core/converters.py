"""The path converter for database ids: `<id:job_id>` matches 1 to 2^63-1, nothing larger.

Django's `<int:…>` matches any run of digits, and an id past the database's bigint range
reached the query and answered 500 (`/workers/99999999999999999999/`). An id out of range is
an id that does not exist: the URL does not match, so the answer is 404.
"""

from __future__ import annotations

from django.urls import register_converter

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError("id out of range")
        return number

    def to_url(self, value: int | str) -> str:
        return str(int(value))


def register() -> None:
    register_converter(IdConverter, "id")
