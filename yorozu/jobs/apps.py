from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "yorozu.jobs"
    label = "jobs"

    def ready(self) -> None:
        from yorozu.jobs import moderated

        moderated.register_kinds()
