from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "yorozu.messaging"
    label = "messaging"

    def ready(self) -> None:
        from yorozu.messaging import attachments, moderated
        from yorozu.notifications.topics import register_kinds

        moderated.register_kinds()
        attachments.register_hosts()
        register_kinds("messages", "message", "message_released")
