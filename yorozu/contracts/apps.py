from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "yorozu.contracts"
    label = "contracts"

    def ready(self) -> None:
        from django.conf import settings

        from yorozu.contracts import attachments, moderated, restrictions
        from yorozu.contracts.models import DisputeReason
        from yorozu.core.scheduler import PeriodicTask, register
        from yorozu.enforcement.effects import on_account_restricted
        from yorozu.moderation.models import register_reason_labels
        from yorozu.notifications.topics import register_kinds

        moderated.register_kinds()
        # Dispute cases are opened with reason code "dispute_<DisputeReason>".
        register_reason_labels({f"dispute_{r.value}": r.label for r in DisputeReason})
        attachments.register_hosts()
        on_account_restricted(restrictions.tell_counterparties)
        # What people may choose not to hear of; money, disputes and decisions always reach them.
        register_kinds("proposals", "proposal_received", "proposal_declined")
        register_kinds(
            "contracts",
            "contract_offered",
            "contract_offer_changed",
            "contract_accepted",
            "contract_funded",
            "contract_delivered",
            "contract_changes_requested",
            "contract_completed",
            "contract_cancelled",
            "milestone_next",
            "milestone_released",
            "acceptance_reminder",
            "cancellation_proposed",
            "cancellation_accepted",
            "cancellation_declined",
            "cancellation_withdrawn",
            "cancellation_reminder",
            "review_requested",
        )
        # Acceptance periods, reminders and unanswered cancellations end on their own.
        register(
            PeriodicTask(
                "yorozu.contracts.tasks.sweep_contract_deadlines",
                settings.CONTRACT_DEADLINE_SWEEP,
            )
        )
