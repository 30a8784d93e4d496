from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "yorozu.contracts"
    label = "contracts"

    def ready(self) -> None:
        from yorozu.contracts import moderated, restrictions
        from yorozu.enforcement.effects import on_account_restricted

        moderated.register_kinds()
        on_account_restricted(restrictions.tell_counterparties)
