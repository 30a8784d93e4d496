from django.apps import AppConfig


class FormatsConfig(AppConfig):
    name = "yorozu.formats"
    label = "formats"

    def ready(self) -> None:
        from django.conf import settings

        from yorozu.core.scheduler import PeriodicTask, register
        from yorozu.formats import attachments, moderated

        moderated.register_kinds()
        attachments.register_hosts()
        # Approval periods, task deadlines and competitions nobody picked a winner for end on
        # their own.
        register(PeriodicTask("yorozu.formats.tasks.sweep_format_deadlines", settings.FORMAT_SWEEP))
