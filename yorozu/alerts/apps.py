import datetime

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "yorozu.alerts"
    label = "alerts"

    def ready(self) -> None:
        from yorozu.core.scheduler import DailyTask, register
        from yorozu.notifications.topics import register_kinds

        register_kinds("digests", "saved_search_digest")
        # Every morning (Japan time), before people start their day.
        register(DailyTask("yorozu.alerts.tasks.send_daily_digests", datetime.time(7, 0)))
