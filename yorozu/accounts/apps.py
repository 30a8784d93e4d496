from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "yorozu.accounts"
    label = "accounts"
