"""Texts the shipped trust engine clearly allows, warns, holds and blocks, and a check for it.

Tests assert the engine's verdict on a sample first (`engine_verdict`), so a change in the
engine's thresholds fails with a message saying which sample moved, not a puzzling view test.
"""

from yorozu.trust.screening import Context, screen

GREETING = "はじめまして。ご提案ありがとうございます。よろしくお願いします。"
# warn before escrow: "直接取引" alone is a signal that needs company (2 points).
WARN = "直接取引も可能でしょうか？"
# hold before escrow: an upfront fee (4 points and the model's 1.5).
HOLD = "登録料として5000円を先にお振込みください"
# block before escrow, allowed after: a LINE ID with an invitation to move.
LINE_ID = "LINE IDはyamada_1234です"
SLACK_INVITE = "Slackのワークスペースに招待しますね。https://join.slack.com/t/yorozu-demo/shared_invite/zt-abc123"
EMAIL = "メールはyamada@gmail.comです"

# Bait-and-switch: the thread's posting, a message pitching something else with a site, and one
# about the posting itself.
JOB_TITLE = "ECサイトの商品説明文作成"
JOB_TEXT = "商品説明文を1件1000円で20件書いていただきます。"
BAIT = "別の案件もご紹介できます。詳細はこちら https://side-biz.example.net/entry"
ABOUT_THE_JOB = "商品説明文の件ですが、1件1000円で20件お願いできますか？納期は2週間です。"


def engine_verdict(text, *, stage="pre_contract", role="worker", title=None, job_text=None):
    context = Context(stage=stage, sender_role=role, job_title=title, job_text=job_text)
    return screen("message", text, context=context).verdict
