"""The audit of refused staff actions: one enforcement-log row per refusal.

`core.staff.require_staff_permission` notes every refusal (a staff member deciding about
themselves, or acting without the permission) and hands them here once the request's
transactions are over (the refused action's own transaction was rolled back). The rows show in
the secretariat's audit log under "Staff action refused".
"""

from __future__ import annotations

from yorozu.core.staff import StaffRefusal
from yorozu.enforcement.models import EnforcementLog


def do_record_staff_refusals(refusals: list[StaffRefusal]) -> None:
    EnforcementLog.objects.bulk_create(
        [
            EnforcementLog(
                event_type=EnforcementLog.Event.STAFF_REFUSED,
                actor_id=refusal.actor_id,
                subject_user_id=refusal.about[0] if refusal.about else None,
                data={
                    "permission": refusal.perm,
                    "reason": refusal.code,
                    "about": list(refusal.about),
                    "path": refusal.path,
                },
            )
            for refusal in refusals
        ]
    )
