"""Background tasks: the daily evaluation of every client and one client after an event.

Both take ids, re-read everything and are idempotent: running one twice stores the same result
and changes no history the second time.
"""

from __future__ import annotations

from django.tasks import task

from yorozu.certification.actions import do_evaluate_certifications


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


def reevaluate_after_standing_change(user_id: int) -> None:
    """Registered with `moderation.registry.on_standing_change`: a confirmed violation or a
    restriction (or its lifting) re-evaluates the account as a client, on the queue."""
    evaluate_client.enqueue(user_id)
