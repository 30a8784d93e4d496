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

        moderated.register_kinds()
        # Dispute cases are opened with reason code "dispute_<DisputeReason>".
        register_reason_labels({f"dispute_{r.value}": r.label for r in DisputeReason})
        attachments.register_hosts()
        on_account_restricted(restrictions.tell_counterparties)
        # Acceptance periods, reminders and unanswered cancellations end on their own.
        register(
            PeriodicTask(
                "yorozu.contracts.tasks.sweep_contract_deadlines",
                settings.CONTRACT_DEADLINE_SWEEP,
            )
        )
