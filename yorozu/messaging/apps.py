from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "yorozu.messaging"
    label = "messaging"

    def ready(self) -> None:
        from yorozu.messaging import moderated

        moderated.register_kinds()
