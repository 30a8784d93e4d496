from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "yorozu.enforcement"
    label = "enforcement"

    def ready(self) -> None:
        from django.utils.text import format_lazy
        from django.utils.translation import gettext_lazy as _

        from yorozu.core.staff import register_refusal_recorder
        from yorozu.enforcement.actions.refusals import do_record_staff_refusals
        from yorozu.enforcement.models import ReportReason
        from yorozu.moderation.models import register_reason_labels

        # A report case's reason is "report_<reason>": the console says which, in words.
        register_reason_labels(
            {f"report_{r.value}": format_lazy(_("Report: {}"), r.label) for r in ReportReason}
        )
        # Every refused staff check is written to the enforcement log (core.staff).
        register_refusal_recorder(do_record_staff_refusals)
