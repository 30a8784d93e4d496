"""Background tasks: the daily evaluation of every client and every worker's tier, and one
account after an event.

Both take ids, re-read everything and are idempotent: running one twice stores the same result
and changes no history the second time.
"""

from __future__ import annotations

from django.tasks import task

from yorozu.certification.actions import do_evaluate_certifications, do_evaluate_worker_tiers
from yorozu.certification.models import WorkerTierStatus


@task()
def evaluate_all_clients() -> dict[str, int]:
    """The daily run (enqueued by `run_scheduler`): every client, set-based."""
    result = do_evaluate_certifications()
    return {
        "clients": result.clients,
        "certified": result.certified,
        "granted": len(result.granted),
        "revoked": len(result.revoked),
    }


@task()
def evaluate_client(client_id: int) -> bool:
    """Re-evaluate one client at once after a relevant event (contract completed, review left).

    Enqueued on commit by those actions; returns whether the client is certified now.
    """
    result = do_evaluate_certifications(client_ids=[client_id])
    return result.certified == 1


@task()
def evaluate_all_workers() -> dict[str, int]:
    """The daily run of the worker tiers (enqueued by `run_scheduler`): every worker."""
    result = do_evaluate_worker_tiers()
    return {
        "workers": result.workers,
        **result.held,
        "granted": len(result.granted),
        "revoked": len(result.revoked),
    }


@task()
def evaluate_worker(worker_id: int) -> str:
    """Re-evaluate one worker's tier at once after an event; returns the tier held now."""
    do_evaluate_worker_tiers(worker_ids=[worker_id])
    status = WorkerTierStatus.objects.filter(worker_id=worker_id).first()
    return status.tier if status else ""


def reevaluate_after_standing_change(user_id: int) -> None:
    """Registered with `moderation.registry.on_standing_change`: a confirmed violation or a
    restriction (or its lifting) re-evaluates the account as a client and as a worker, on the
    queue, so a badge or a tier ends at once rather than at the next daily run."""
    evaluate_client.enqueue(user_id)
    evaluate_worker.enqueue(user_id)
