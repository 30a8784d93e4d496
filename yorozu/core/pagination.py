"""A paginator that stops counting at a cap: "10,000件以上" instead of counting every row.

Counting every match of a broad search costs a scan of every match (at a million open jobs, the
count alone is most of the page). People do not page past a few hundred results; they narrow
the search. So the count reads at most `cap + 1` rows (`SELECT COUNT(*) FROM (… LIMIT cap+1)`);
when there are more, `capped` is true, the page says "more than cap", and pages go up to the
cap. Below the cap it is Django's Paginator, exactly.
"""

from __future__ import annotations

import inspect

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.inspect import method_has_no_args

COUNT_CAP = 10_000


def capped_count(rows, cap: int) -> int:
    """How many `rows` there are, reading at most `cap + 1` of them: a result above `cap` means
    "more than cap" (a live "n件に絞り込む" count uses it as the paginator does)."""
    if isinstance(rows, QuerySet):
        # Any cap+1 matching rows will do: no joins for display, no sort.
        if not rows.query.values_select:  # (a values() queryset has no joins for display)
            rows = rows.select_related(None)
        return rows.order_by()[: cap + 1].count()
    rows = rows[: cap + 1]
    count = getattr(rows, "count", None)
    if callable(count) and not inspect.isbuiltin(count) and method_has_no_args(count):
        return count()
    return len(rows)


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int | None = None, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        """The number of rows, or `cap` when there are more (then `capped` is true)."""
        return min(self._capped_count, self.cap)

    @cached_property
    def _capped_count(self) -> int:
        return capped_count(self.object_list, self.cap)

    @property
    def capped(self) -> bool:
        return self._capped_count > self.cap
