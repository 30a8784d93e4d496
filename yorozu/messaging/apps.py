from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "yorozu.messaging"
    label = "messaging"

    def ready(self) -> None:
        from yorozu.messaging import attachments, moderated

        moderated.register_kinds()
        attachments.register_hosts()
