"""The whole product under load: people who browse, search, open jobs, propose, message, scout
and decide cases, in a realistic mix (issue 18, item 3). Driven by `bench/load_test.py`, which
prepares the people (a signed-in session each, from the demo's clients, workers and the
secretariat) in `LOAD_PEOPLE` and checks the database afterwards.

Every message the server accepts (a redirect back to the thread) is written to
`LOAD_ACCEPTED` as "thread_id idempotency_key", so the check can find each stored exactly once.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, events, task

PEOPLE = json.loads(Path(os.environ["LOAD_PEOPLE"]).read_text())
ACCEPTED: list[str] = []
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY = re.compile(r'name="idempotency_key" value="([0-9a-f]{32})"')
JOB_OPTION = re.compile(r'<option value="(\d+)"')
WORDS = ["ロゴ", "サイト", "翻訳", "データ入力", "動画", "記事", "デザイン", "アプリ"]
BODIES = [
    "お世話になっております。進め方について確認させてください。",
    "ご連絡ありがとうございます。明日までに初稿をお送りします。",
    "納期の件、承知しました。よろしくお願いいたします。",
    "修正点をまとめましたのでご確認ください。",
]


@events.test_stop.add_listener
def _write_accepted(environment, **kwargs) -> None:
    with open(os.environ["LOAD_ACCEPTED"], "w") as f:
        f.write("\n".join(ACCEPTED))


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 4)
    role = ""

    def on_start(self) -> None:
        self.me = random.choice(PEOPLE[self.role])
        self.client.cookies.set("sessionid", self.me["session"])

    def csrf(self, text: str) -> str:
        found = CSRF.search(text)
        return found.group(1) if found else ""

    def post_form(self, url: str, page: str, data: dict, name: str):
        data = {"csrfmiddlewaretoken": self.csrf(page), **data}
        return self.client.post(
            url, data=data, name=name, allow_redirects=False, headers={"Referer": self.host + url}
        )


class Visitor(HttpUser):
    """Not signed in: the home page, searches, job pages, client profiles."""

    weight = 5
    wait_time = between(1, 4)

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="/")

    @task(4)
    def search(self) -> None:
        self.client.get(f"/jobs/?keyword={random.choice(WORDS)}", name="/jobs/?keyword")
        self.client.get("/jobs/", name="/jobs/")

    @task(4)
    def job(self) -> None:
        self.client.get(f"/jobs/{random.choice(PEOPLE['jobs'])}/", name="/jobs/<id>/")

    @task(1)
    def client_profile(self) -> None:
        self.client.get(f"/clients/{random.choice(PEOPLE['client_ids'])}/", name="/clients/<id>/")


class Worker(Person):
    """A worker: browses and searches, proposes, reads and writes messages."""

    weight = 8
    role = "workers"

    @task(4)
    def browse(self) -> None:
        self.client.get("/", name="/ (signed in)")
        self.client.get(f"/jobs/?keyword={random.choice(WORDS)}", name="/jobs/?keyword (signed in)")
        self.client.get(f"/jobs/{random.choice(PEOPLE['jobs'])}/", name="/jobs/<id>/ (signed in)")

    @task(1)
    def propose(self) -> None:
        job = random.choice(PEOPLE["jobs"])
        url = f"/proposals/new/{job}/"
        page = self.client.get(url, name="/proposals/new/<id>/")
        if page.status_code != 200 or "csrfmiddlewaretoken" not in page.text:
            return  # already proposed (a redirect), or closed
        self.post_form(
            url,
            page.text,
            {
                "price": random.choice([30000, 50000, 80000]),
                "delivery_days": 7,
                "message": "はじめまして。ご依頼内容を拝見し、ぜひお手伝いしたいと考えています。",
            },
            name="POST /proposals/new/<id>/",
        )

    @task(4)
    def messages(self) -> None:
        self.client.get("/messages/", name="/messages/")
        thread = random.choice(self.me["threads"])
        page = self.client.get(f"/messages/{thread}/", name="/messages/<id>/")
        key = KEY.search(page.text)
        if page.status_code != 200 or key is None:
            return
        if random.random() < 0.5:
            sent = self.post_form(
                f"/messages/{thread}/send/",
                page.text,
                {"body": random.choice(BODIES), "idempotency_key": key.group(1)},
                name="POST /messages/<id>/send/",
            )
            if sent.status_code == 302:
                ACCEPTED.append(f"{thread} {key.group(1)}")


class Client(Person):
    """A client: worker search, scouts, their messages, their contracts."""

    weight = 4
    role = "clients"

    @task(3)
    def search_workers(self) -> None:
        self.client.get("/workers/", name="/workers/")
        self.client.get(f"/workers/?keyword={random.choice(WORDS)}", name="/workers/?keyword")

    @task(1)
    def scout(self) -> None:
        worker = random.choice(PEOPLE["worker_ids"])
        url = f"/workers/{worker}/scout/"
        page = self.client.get(url, name="/workers/<id>/scout/")
        job = JOB_OPTION.search(page.text)
        if page.status_code != 200 or job is None:
            return
        self.post_form(
            url,
            page.text,
            {
                "job": job.group(1),
                "message": "プロフィールを拝見しました。ぜひご提案をお願いします。",
            },
            name="POST /workers/<id>/scout/",
        )

    @task(3)
    def messages(self) -> None:
        self.client.get("/messages/", name="/messages/")
        if self.me["threads"]:
            self.client.get(
                f"/messages/{random.choice(self.me['threads'])}/", name="/messages/<id>/"
            )

    @task(1)
    def contract(self) -> None:
        if self.me["contracts"]:
            self.client.get(
                f"/contracts/{random.choice(self.me['contracts'])}/", name="/contracts/<id>/"
            )


class Secretariat(Person):
    """The secretariat: the queues, a case, and now and then a decision."""

    weight = 1
    role = "staff"

    @task(3)
    def queues(self) -> None:
        self.client.get("/console/", name="/console/")
        self.client.get("/console/queues/messages/", name="/console/queues/<queue>/")

    @task(1)
    def decide(self) -> None:
        page = self.client.get("/console/queues/messages/", name="/console/queues/<queue>/")
        cases = re.findall(r'href="/console/cases/(\d+)/"', page.text)
        if not cases:
            return
        case = random.choice(cases)
        detail = self.client.get(f"/console/cases/{case}/", name="/console/cases/<id>/")
        if detail.status_code != 200 or f"/console/cases/{case}/decide/" not in detail.text:
            return
        self.post_form(
            f"/console/cases/{case}/decide/",
            detail.text,
            {"decision": "approve", "reason": ""},
            name="POST /console/cases/<id>/decide/",
        )
