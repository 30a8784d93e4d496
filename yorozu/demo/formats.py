"""The demo's tasks and competitions, made by the real actions (screening, escrow, ledger).

- task-a…task-d@example.com (password `yorozu-demo`) are workers who answer tasks;
- client@example.com has a survey task open with answers approved, rejected with a reason and
  waiting; a task awaiting escrow; a closed task whose unused budget came back; a competition
  open with a shortlisted, commented entry; one awarded (rights transferred);
- a competition whose client picked nobody waits for the secretariat in the console's disputes
  queue (`/secretariat/competitions/<id>/` decides it).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from yorozu.accounts.actions import do_create_account
from yorozu.accounts.models import Role, User
from yorozu.catalog.models import Category
from yorozu.formats.actions import (
    do_approve_submission,
    do_close_task,
    do_comment_entry,
    do_fund_competition,
    do_fund_task,
    do_pick_winner,
    do_post_competition,
    do_post_task,
    do_reject_submission,
    do_send_competition_to_secretariat,
    do_shortlist_entry,
    do_submit_answer,
    do_submit_entry,
)
from yorozu.formats.models import Competition, TaskJob
from yorozu.jobs.models import Job

TASK_WORKERS = [
    ("task-a@example.com", "アンケート回答者 あおい"),
    ("task-b@example.com", "アンケート回答者 ひかる"),
    ("task-c@example.com", "アンケート回答者 みなと"),
    ("task-d@example.com", "アンケート回答者 さくら"),
]
ANSWERS = [
    "一日に3時間ほど使います。よく使うのはLINE、YouTube、メルカリです。",
    "通勤中に1時間、夜に2時間くらい。ニュースアプリと家計簿アプリをよく開きます。",
    "仕事でも使うので5時間以上です。カレンダーとメモアプリが手放せません。",
]


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise RuntimeError(f"demo formats story: expected {what}")


def _task(client: User, title: str, *, today: datetime.date, fund: bool = True, **extra):
    data = {
        "title": title,
        "category": Category.objects.get(slug="tasks-research"),
        "description": (
            "普段のスマホの使い方について、下の質問に答えてください。3分ほどで終わります。"
        ),
        "deadline": today + datetime.timedelta(days=14),
        "question": "一日にスマホを使う時間と、よく使うアプリを教えてください。",
        "answer_kind": "text",
        "min_length": 20,
        "max_length": 400,
        "choices": [],
        "unit_price": 100,
        "slots": 10,
        "per_worker": 1,
    }
    data.update(extra)
    job = do_post_task(client=client, data=data, actor=client)
    task = TaskJob.objects.select_related("job").get(pk=job.pk)
    if fund:
        do_fund_task(task, actor=client)
        task = TaskJob.objects.select_related("job").get(pk=job.pk)
    return task


def _competition(client: User, title: str, brief: str, *, today: datetime.date) -> Competition:
    data = {
        "title": title,
        "category": Category.objects.get(slug="design-logo"),
        "description": brief,
        "deadline": today + datetime.timedelta(days=10),
        "prize": 30000,
    }
    job = do_post_competition(client=client, data=data, actor=client)
    competition = Competition.objects.select_related("job").get(pk=job.pk)
    do_fund_competition(competition, actor=client)
    return Competition.objects.select_related("job").get(pk=job.pk)


def build_formats_story(*, today: datetime.date) -> dict[str, int]:
    client = User.objects.get(email="client@example.com")
    workers = [
        do_create_account(
            email=email,
            password="yorozu-demo",
            display_name=name,
            role=Role.WORKER,
            email_confirmed=True,
        )
        for email, name in TASK_WORKERS
    ]
    made: dict[str, int] = {}

    # An open survey: approved, rejected with a reason, and one waiting for the client.
    survey = _task(client, "【3分】スマホの使い方アンケート", today=today)
    answers = [
        do_submit_answer(survey, worker=w, answer=a, actor=w)
        for w, a in zip(workers, ANSWERS, strict=False)
    ]
    do_approve_submission(answers[0], actor=client)
    do_reject_submission(
        answers[1], reason="アプリ名を2つ以上書いてください（質問の条件です）。", actor=client
    )
    # A task awaiting escrow (only its client sees it) and a closed one whose rest came back.
    _task(
        client,
        "【選択式】好きなコンビニはどこですか",
        today=today,
        fund=False,
        answer_kind="choice",
        choices=["セブン-イレブン", "ファミリーマート", "ローソン", "その他"],
        question="一番よく行くコンビニを選んでください。",
        min_length=0,
    )
    closed = _task(
        client,
        "【1分】朝食についてのアンケート",
        today=today,
        slots=5,
        question="今朝の朝食と、それを選んだ理由を教えてください。",
    )
    first = do_submit_answer(
        closed,
        worker=workers[2],
        answer="トーストとコーヒーです。5分で用意できるからです。",
        actor=workers[2],
    )
    do_approve_submission(first, actor=client)
    returned = do_close_task(closed, actor=client)
    _expect(returned == 400, "the closed task returned four unused units")
    made["tasks"] = 3

    brief = (
        "駅前に開く小さなカフェのロゴ案を募集します。温かみのある色と、コーヒーの湯気を"
        "モチーフにした案を歓迎します。コンセプトと配色を文章で説明してください。"
    )
    # Open: two entries, one shortlisted with a comment.
    open_one = _competition(client, "カフェ「ゆげ」のロゴ案募集", brief, today=today)
    entries = [
        do_submit_entry(open_one, worker=w, body=body, actor=w)
        for w, body in zip(
            workers,
            [
                "湯気を三本の曲線で描き、カップと店名をつなげる案です。配色は焦げ茶とクリーム。",
                "丸いカップを上から見た形に、湯気で「ゆ」の字を描く案です。配色はテラコッタ。",
            ],
            strict=False,
        )
    ]
    do_shortlist_entry(entries[1], actor=client)
    do_comment_entry(
        entries[1], comment="「ゆ」の字の案、とても良いです。色違いも見たいです。", actor=client
    )
    # Awarded: the rights passed to the client with the prize.
    awarded = _competition(client, "パン屋「こむぎ」のロゴ案募集", brief, today=today)
    winner = do_submit_entry(
        awarded,
        worker=workers[3],
        body="麦の穂を円でかこみ、店名を手書き風に添える案です。",
        actor=workers[3],
    )
    do_pick_winner(winner, actor=client)
    # No winner picked in time: it waits for the secretariat.
    waiting = _competition(client, "雑貨店「てのひら」のロゴ案募集", brief, today=today)
    do_submit_entry(
        waiting,
        worker=workers[0],
        body="手のひらに小さな家が乗った線画の案です。",
        actor=workers[0],
    )
    Job.objects.filter(pk=waiting.pk).update(deadline=today - datetime.timedelta(days=10))
    sent = do_send_competition_to_secretariat(waiting.pk, now=timezone.now())
    _expect(sent, "the competition with no winner is with the secretariat")
    made["competitions"] = 3
    return made
