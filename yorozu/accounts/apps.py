from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "yorozu.accounts"
    label = "accounts"

    def ready(self) -> None:
        from yorozu.accounts import moderated

        moderated.register_kinds()
