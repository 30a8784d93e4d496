"""Background tasks for contracts: the deadline sweep the scheduler runs.

The task takes no arguments, re-reads everything and is idempotent (each step it takes is a
conditional write): two sweeps at once, or the same sweep retried, accept a milestone once.
"""

from __future__ import annotations

from django.tasks import task

from yorozu.contracts.actions.deadlines import sweep_deadlines


@task()
def sweep_contract_deadlines() -> dict[str, int]:
    """Reminders, automatic acceptance and escalation of unanswered cancellations."""
    return sweep_deadlines()
