"""Sending through the API takes the same door as the thread page: a LINE ID before escrow is
refused with its spans, a contact split over two API sends is caught on the second, a held
message answers 202, a retry with the same Idempotency-Key stores nothing new."""

import pytest

from yorozu.api.tests.helpers import Api, token_for
from yorozu.messaging.models import Message
from yorozu.messaging.tests import samples
from yorozu.messaging.tests.factories import ThreadFactory
from yorozu.trust.models import ScreeningRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(client_user, worker_user):
    return ThreadFactory(client=client_user, worker=worker_user)


def send(api, thread, body, key):
    return api.post(
        f"/threads/{thread.pk}/messages", {"body": body}, headers={"Idempotency-Key": key}
    )


def test_a_clean_message_is_delivered_and_a_retry_returns_the_same_one(thread, worker_user):
    api = Api(token_for(worker_user))
    first = send(api, thread, samples.GREETING, "k-1")
    assert first.status_code == 201, first.content
    assert first.json()["status"] == "delivered"
    again = send(api, thread, samples.GREETING, "k-1")
    assert again.json()["id"] == first.json()["id"]
    assert Message.objects.filter(thread=thread).count() == 1
    listed = api.get(f"/threads/{thread.pk}/messages").json()["items"]
    assert [m["id"] for m in listed] == [first.json()["id"]]


def test_a_line_id_before_escrow_is_refused_with_its_spans(thread, worker_user):
    assert samples.engine_verdict(samples.LINE_ID) == "block"
    response = send(Api(token_for(worker_user)), thread, samples.LINE_ID, "k-line")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "blocked"
    flagged = [samples.LINE_ID[s["start"] : s["end"]] for s in problem["spans"]]
    assert any("yamada_1234" in part for part in flagged), problem["spans"]
    assert problem["messages"]
    assert not Message.objects.exists()
    assert ScreeningRecord.objects.filter(author=worker_user).exists()  # the attempt is recorded


def test_a_contact_split_over_two_api_sends_is_caught_on_the_second(thread, worker_user):
    api = Api(token_for(worker_user))
    first = send(api, thread, "LINEやってますか？", "k-a")
    assert first.status_code in (201, 202), first.content
    second = send(api, thread, "hina0123 で検索してみて", "k-b")
    assert second.status_code == 400, second.content
    problem = second.json()
    assert problem["code"] == "blocked"
    text = "hina0123 で検索してみて"
    assert any("hina0123" in text[s["start"] : s["end"]] for s in problem["spans"])
    assert Message.objects.filter(thread=thread).count() == 1
    # The same second text alone, in a fresh thread, is not refused: the first send mattered.
    other = ThreadFactory(client=thread.client)
    alone = send(Api(token_for(other.worker)), other, text, "k-c")
    assert alone.status_code in (201, 202), alone.content


def test_a_held_message_answers_202_with_its_status(thread, worker_user):
    assert samples.engine_verdict(samples.HOLD) == "hold"
    response = send(Api(token_for(worker_user)), thread, samples.HOLD, "k-hold")
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "held"
    # The client does not see it.
    client_view = Api(token_for(thread.client)).get(f"/threads/{thread.pk}/messages").json()
    assert client_view["items"] == []


def test_the_message_quota_answers_429_with_retry_after(thread, worker_user, settings):
    settings.QUOTAS = {**settings.QUOTAS, "message": {"account": [(1, 60)], "address": []}}
    api = Api(token_for(worker_user))
    assert send(api, thread, samples.GREETING, "q-1").status_code == 201
    response = send(api, thread, "もう一通です。", "q-2")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert int(response["Retry-After"]) >= 1
    assert Message.objects.filter(thread=thread).count() == 1


def test_an_outsider_cannot_send_or_read_in_the_thread(thread, outsider):
    api = Api(token_for(outsider))
    assert send(api, thread, samples.GREETING, "o-1").status_code == 404
    assert api.get(f"/threads/{thread.pk}/messages").status_code == 404
    assert not Message.objects.exists()
