"""Background tasks for tasks and competitions: the deadline sweep the scheduler runs."""

from __future__ import annotations

from django.tasks import task

from yorozu.formats.actions.deadlines import sweep_format_deadlines as sweep


@task()
def sweep_format_deadlines() -> dict[str, int]:
    """Automatic approvals, task closes at the deadline, competitions with no winner."""
    return sweep()
