"""The secretariat's permissions. No table: Django permissions need a model to hang on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Secretariat(models.Model):
    """The anchor of the secretariat's permissions (`core.<codename>`); see `core.staff`."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("review_content", _("Review held content and reports")),
            ("verify_identity", _("Decide identity documents")),
            ("view_audit", _("Read the audit log")),
            ("restrict_accounts", _("Restrict and reinstate accounts")),
            ("decide_appeals", _("Decide appeals")),
            ("manage_rules", _("Manage screening rules and rescans")),
            ("manage_payouts", _("Approve withdrawals and download transfer files")),
        ]

    def __str__(self) -> str:
        return "secretariat"
