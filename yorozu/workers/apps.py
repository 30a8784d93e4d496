from django.apps import AppConfig


class WorkersConfig(AppConfig):
    name = "yorozu.workers"
    label = "workers"

    def ready(self) -> None:
        from yorozu.notifications.topics import register_kinds
        from yorozu.workers import moderated

        moderated.register_kinds()
        register_kinds("scouts", "scout", "scout_accepted", "scout_declined")
