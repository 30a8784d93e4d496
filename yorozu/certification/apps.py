import datetime

from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "yorozu.certification"
    label = "certification"

    def ready(self) -> None:
        from yorozu.certification.tasks import reevaluate_after_standing_change
        from yorozu.core.scheduler import DailyTask, register
        from yorozu.moderation.registry import on_standing_change

        # A confirmed violation or a restriction ends the badge at once (not at the next
        # daily run): the client is re-evaluated after the change commits.
        on_standing_change(reevaluate_after_standing_change)
        # Every client is re-evaluated each night (events re-evaluate one client at once).
        register(DailyTask("yorozu.certification.tasks.evaluate_all_clients", datetime.time(3, 0)))
        # And every worker's tier, by the same engine, after the clients.
        register(DailyTask("yorozu.certification.tasks.evaluate_all_workers", datetime.time(3, 15)))
