"""The daily digest of saved searches, on the real task queue (registered with the scheduler)."""

from __future__ import annotations

from django.tasks import task

from yorozu.alerts.actions import do_send_daily_digests


@task()
def send_daily_digests() -> dict[str, int]:
    """Enqueued each morning by `run_scheduler`; idempotent (see `do_send_digest`)."""
    result = do_send_daily_digests()
    return {"users": result.users, "notified": result.notified, "items": result.items}
