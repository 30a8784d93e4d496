"""Shapes shared by the API's routes: a page of a list, the problem answers each route declares."""

from __future__ import annotations

from ninja import Schema

from yorozu.api.errors import Problem


class Person(Schema):
    id: int
    display_name: str


class Category(Schema):
    id: int
    name: str


# What every operation may answer besides its success (the schema lists them as problem+json).
READ_ERRORS: dict[int, type[Schema]] = {
    400: Problem,
    401: Problem,
    403: Problem,
    404: Problem,
    422: Problem,
}
WRITE_ERRORS: dict[int, type[Schema]] = {**READ_ERRORS, 409: Problem, 429: Problem}


def page(items: list, next_cursor: str | None) -> dict:
    return {"items": items, "next_cursor": next_cursor}
