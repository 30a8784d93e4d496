"""The keyword's two ways to a page on PostgreSQL give the same ids as the plain index walk.

`WorkerSearch.page_ids` sorts just the keyword's matches when at most KEYWORD_FEW_MATCHES
(found through the trigram index) and walks the sort index otherwise; `worker_ids()` always
walks. The bound is set low or high here so each way runs on a few workers.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yorozu.catalog.models import Category
from yorozu.workers import selectors
from yorozu.workers.selectors import WorkerSearchParams, has_trigram, search_workers
from yorozu.workers.tests.helpers import born_aged, make_worker

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram path is PostgreSQL only"
)
SORTS = ("relevance", "rating", "completed", "recent")


def cat(slug: str) -> int:
    return Category.objects.get(slug=slug).pk


@pytest.fixture
def workers():
    """Workers whose texts, records, ratings and attributes differ, some sharing words."""
    made = []
    for n in range(12):
        made.append(
            make_worker(
                f"デザイナー{n}号" if n % 3 else f"翻訳者{n}号",
                headline="ロゴ・バナーデザイナー" if n % 2 else "英日翻訳とPython開発",
                skills="Illustrator, Figma" if n % 4 else "Python, Django",
                completed={"design-logo": 1 + n % 3, "web-lp": n % 2},
                rating_avg=f"{3 + (n % 5) / 2:.2f}",
                rating_count=1 + n % 4,
                gender="female" if n % 2 else "male",
                show_gender=True,
                prefecture=13 if n % 3 else 14,
                birth_date=born_aged(25 + n),
                show_age=True,
            )
        )
    return made


KEYWORDS = [
    "デザイナー",  # many
    "ロゴ デザイナー",  # two terms, one without a trigram
    "Python Django",  # two terms, both indexed
    "英日翻訳 Figma",  # nobody has both
    "qzxwv",  # nobody
    "号",  # no trigram: always the walk
]


def searches():
    for keyword in KEYWORDS:
        for sort in SORTS:
            yield {"keyword": keyword, "sort": sort}
            yield {"keyword": keyword, "sort": sort, "genders": ("female",), "prefectures": (13,)}
            yield {"keyword": keyword, "sort": sort, "category_ids": ("design-logo",)}
            yield {"keyword": keyword, "sort": sort, "category_ids": ("design-logo", "web-lp")}


def params(spec: dict) -> WorkerSearchParams:
    spec = dict(spec)
    if "category_ids" in spec:
        spec["category_ids"] = tuple(cat(slug) for slug in spec["category_ids"])
    return WorkerSearchParams(**spec)


def test_has_trigram():
    assert has_trigram("デザイン")
    assert has_trigram("qzx")
    assert has_trigram("翻訳者")
    assert not has_trigram("翻訳")
    assert not has_trigram("Go")
    assert not has_trigram("C++")
    assert not has_trigram("a_b")


def test_page_ids_are_the_walks_ids_on_every_database(workers):
    for spec in searches():
        search = search_workers(params(spec))
        walked = list(search.worker_ids())
        assert search.page_ids(0, 100) == walked, spec
        assert search.page_ids(2, 5) == walked[2:5], spec


@on_postgres
@pytest.mark.parametrize("bound", [100, 3], ids=["few: sort the matches", "many: walk"])
def test_both_postgres_ways_return_the_walks_ids(workers, monkeypatch, bound):
    monkeypatch.setattr(selectors, "KEYWORD_FEW_MATCHES", bound)
    seen_nonempty = 0
    for spec in searches():
        search = search_workers(params(spec))
        walked = list(search.worker_ids())
        with CaptureQueriesContext(connection) as ctx:
            page = search.page_ids(0, 100)
        assert page == walked, spec
        assert search.page_ids(1, 4) == walked[1:4], spec
        bounded = "UNION ALL" in ctx.captured_queries[-1]["sql"]
        assert bounded == any(has_trigram(t) for t in spec["keyword"].split()), spec
        assert len(ctx.captured_queries) == 1, spec  # one statement (category sizes cached)
        seen_nonempty += bool(walked)
    assert seen_nonempty > 40  # the comparisons were not all between empty lists


@on_postgres
def test_the_bound_decides_which_branch_runs(workers, monkeypatch):
    """Matches ≤ bound: the sorted-matches branch returns the page; more: the walk does."""
    search = search_workers(WorkerSearchParams(keyword="デザイナー", sort="rating"))
    matching = len(list(search.worker_ids()))
    assert matching > 3

    def rows_per_branch(bound: int) -> list[int]:
        """Actual rows of the UNION's two branches (sorted matches, walk), from EXPLAIN."""
        monkeypatch.setattr(selectors, "KEYWORD_FEW_MATCHES", bound)
        with CaptureQueriesContext(connection) as ctx:
            search.page_ids(0, 21)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + ctx[-1]["sql"])
            plan = [row[0] for row in cursor.fetchall()]
        assert plan[0].startswith("Append"), plan
        branches = [line for line in plan if line.startswith("  ->  ")]
        return [int(re.search(r"actual rows=(\d+)", line).group(1)) for line in branches]

    assert rows_per_branch(matching) == [min(matching, 21), 0]
    assert rows_per_branch(matching - 1) == [0, min(matching, 21)]


@on_postgres
def test_the_trigram_index_exists():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'wsr_pg_haystack_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin" in definition
    assert "gin_trgm_ops" in definition
    assert "upper(haystack)" in definition
    assert "WHERE is_searchable" in definition
