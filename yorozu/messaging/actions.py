"""Every write to messaging. `do_send_message` is the one path every message takes."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from yorozu.messaging.models import Thread


def ensure_thread(job, worker) -> Thread:
    """The thread between a job's client and one worker, created on first need."""
    thread = Thread.objects.filter(job=job, worker=worker).first()
    if thread is not None:
        return thread
    try:
        with transaction.atomic():
            return Thread.objects.create(job=job, client_id=job.client_id, worker=worker)
    except IntegrityError:
        return Thread.objects.get(job=job, worker=worker)
