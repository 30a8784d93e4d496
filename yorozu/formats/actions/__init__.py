"""Every write to tasks and competitions (`task_jobs`, `competitions`, `deadlines`)."""

from yorozu.formats.actions.competitions import (
    do_comment_entry,
    do_decide_competition,
    do_fund_competition,
    do_pick_winner,
    do_post_competition,
    do_send_competition_to_secretariat,
    do_shortlist_entry,
    do_submit_entry,
)
from yorozu.formats.actions.task_jobs import (
    do_approve_submission,
    do_auto_approve_submission,
    do_close_task,
    do_fund_task,
    do_open_participant_thread,
    do_post_task,
    do_reject_submission,
    do_submit_answer,
)

__all__ = [
    "do_approve_submission",
    "do_auto_approve_submission",
    "do_close_task",
    "do_comment_entry",
    "do_decide_competition",
    "do_fund_competition",
    "do_fund_task",
    "do_open_participant_thread",
    "do_pick_winner",
    "do_post_competition",
    "do_post_task",
    "do_reject_submission",
    "do_send_competition_to_secretariat",
    "do_shortlist_entry",
    "do_submit_answer",
    "do_submit_entry",
]
