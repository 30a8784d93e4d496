"""The Atom feed is well-formed, lists published notices only and links to their pages."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from yorozu.content.tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_is_valid_atom_with_published_entries_only(client):
    old = NoticeFactory(title_ja="古い", publish_at=timezone.now() - timedelta(days=2))
    new = NoticeFactory(title_ja="新しい <b>お知らせ</b>", body_ja="**本文** <script>x()</script>")
    NoticeFactory(title_ja="予約", publish_at=timezone.now() + timedelta(days=1))

    response = client.get(reverse("content:notices_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")

    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text
    assert root.find(f"{ATOM}id").text
    assert root.find(f"{ATOM}updated").text
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"].endswith(reverse("content:notices_feed"))
    assert links["alternate"].endswith(reverse("content:notices"))

    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["新しい <b>お知らせ</b>", "古い"]
    for entry, notice in zip(entries, [new, old], strict=True):
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith("http://")
        assert href.endswith(notice.get_absolute_url())
        assert entry.find(f"{ATOM}id").text
        assert entry.find(f"{ATOM}updated").text
        assert entry.find(f"{ATOM}published").text
    summary = entries[0].find(f"{ATOM}summary").text
    assert "<strong>本文</strong>" in summary
    assert "script" not in summary


def test_empty_feed_is_still_valid(client):
    root = ET.fromstring(client.get(reverse("content:notices_feed")).content)
    assert root.findall(f"{ATOM}entry") == []
