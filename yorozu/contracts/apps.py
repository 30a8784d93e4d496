from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "yorozu.contracts"
    label = "contracts"
