"""The capped paginator: Django's below the cap; above it, "more than" and pages up to the cap."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yorozu.core.pagination import CappedPaginator
from yorozu.jobs.models import Job
from yorozu.jobs.tests.factories import JobFactory


@pytest.mark.parametrize(
    ("rows", "capped", "count", "pages"), [(4, False, 4, 2), (5, False, 5, 2), (9, True, 5, 2)]
)
def test_counts_up_to_the_cap(db, rows, capped, count, pages):
    JobFactory.create_batch(rows)
    paginator = CappedPaginator(Job.objects.order_by("id"), 3, cap=5)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == count
        assert paginator.capped is capped
    assert len(queries) == 1
    assert "LIMIT 6" in queries[0]["sql"]
    assert paginator.num_pages == pages
    assert len(paginator.page(1).object_list) == 3


def test_job_search_says_more_than_the_cap(client, db, monkeypatch):
    monkeypatch.setattr("yorozu.core.pagination.COUNT_CAP", 25)
    JobFactory.create_batch(26)
    html = client.get(reverse("jobs:search")).content.decode()
    assert "25件以上の仕事が見つかりました" in html
    assert "1 / 2+ ページ" in html
    last = client.get(reverse("jobs:search"), {"page": "99"}).content.decode()
    assert "2 / 2+ ページ" in last
    assert last.count('class="card job-card"') == 5  # jobs 21-25: pages stop at the cap


def test_job_search_counts_exactly_below_the_cap(client, db, monkeypatch):
    monkeypatch.setattr("yorozu.core.pagination.COUNT_CAP", 25)
    JobFactory.create_batch(25)
    html = client.get(reverse("jobs:search")).content.decode()
    assert "25件の仕事" in html
    assert "以上" not in html.split("<main", 1)[1].split("</section>", 1)[0]
    assert "1 / 2 ページ" in html
