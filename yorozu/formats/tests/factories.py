"""Tasks and competitions posted and funded through the real actions."""

from __future__ import annotations

import datetime

from django.utils import timezone

from yorozu.accounts.models import Role
from yorozu.accounts.tests.factories import UserFactory
from yorozu.formats.actions import (
    do_fund_competition,
    do_fund_task,
    do_post_competition,
    do_post_task,
)
from yorozu.formats.models import Competition, TaskJob
from yorozu.jobs.tests.factories import subcategory


def task_data(**overrides) -> dict:
    data = {
        "title": "【簡単アンケート】スマホの使い方について",
        "category": subcategory(),
        "description": (
            "普段のスマホの使い方について、下の質問に答えてください。5分ほどで終わります。"
        ),
        "deadline": timezone.localdate() + datetime.timedelta(days=14),
        "question": "一日にスマホを使う時間と、よく使うアプリを教えてください。",
        "answer_kind": "text",
        "min_length": 10,
        "max_length": 400,
        "choices": [],
        "unit_price": 100,
        "slots": 10,
        "per_worker": 1,
    }
    data.update(overrides)
    return data


def posted_task(client=None, *, fund: bool = True, **overrides) -> TaskJob:
    client = client or UserFactory(role=Role.CLIENT)
    job = do_post_task(client=client, data=task_data(**overrides), actor=client)
    task = TaskJob.objects.select_related("job").get(pk=job.pk)
    if fund:
        do_fund_task(task, actor=client)
        task = TaskJob.objects.select_related("job").get(pk=job.pk)
    return task


def competition_data(**overrides) -> dict:
    data = {
        "title": "新しいカフェのロゴ案の募集",
        "category": subcategory(),
        "description": (
            "駅前に開くカフェのロゴ案を募集します。コンセプトと色の案を文章で提案してください。"
        ),
        "deadline": timezone.localdate() + datetime.timedelta(days=14),
        "prize": 30000,
    }
    data.update(overrides)
    return data


def posted_competition(client=None, *, fund: bool = True, **overrides) -> Competition:
    client = client or UserFactory(role=Role.CLIENT)
    job = do_post_competition(client=client, data=competition_data(**overrides), actor=client)
    competition = Competition.objects.select_related("job").get(pk=job.pk)
    if fund:
        do_fund_competition(competition, actor=client)
        competition = Competition.objects.select_related("job").get(pk=job.pk)
    return competition
