from django.apps import AppConfig


class WorkersConfig(AppConfig):
    name = "yorozu.workers"
    label = "workers"

    def ready(self) -> None:
        from yorozu.workers import moderated

        moderated.register_kinds()
