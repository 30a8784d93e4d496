from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "yorozu.contracts"
    label = "contracts"

    def ready(self) -> None:
        from django.conf import settings

        from yorozu.contracts import attachments, moderated, restrictions
        from yorozu.core.scheduler import PeriodicTask, register
        from yorozu.enforcement.effects import on_account_restricted

        moderated.register_kinds()
        attachments.register_hosts()
        on_account_restricted(restrictions.tell_counterparties)
        # Acceptance periods, reminders and unanswered cancellations end on their own.
        register(
            PeriodicTask(
                "yorozu.contracts.tasks.sweep_contract_deadlines",
                settings.CONTRACT_DEADLINE_SWEEP,
            )
        )
