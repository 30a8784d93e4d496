from django.apps import AppConfig
from django.db.models.signals import post_migrate

from yorozu.core.pages import install_version_triggers

# What the pages cached for visitors (`core.pages`, version "public") show: the home page's
# newest jobs and notices, the job search, a job page, a client profile (its jobs, reviews,
# badge). A write to any of these tables makes those pages render afresh on the next request.
PUBLIC_PAGE_TABLES = (
    "jobs_job",
    "catalog_category",
    ("accounts_user", ("display_name", "is_active", "identity_status")),
    "accounts_clientprofile",
    "accounts_workerprofile",
    "certification_certificationstatus",
    "enforcement_restriction",
    "content_notice",
    "reviews_review",
    "formats_taskjob",
    "formats_competition",
)


def install_public_page_triggers(sender, using="default", **kwargs) -> None:
    if sender.label != "core":  # sent once per app; once is enough, after every migration ran
        return
    install_version_triggers("public", PUBLIC_PAGE_TABLES, using=using)


class HomeConfig(AppConfig):
    """The front of the site: the home page and what the header shows on every page (the role
    switch, the unread badges). It stands on the top floor: it reads several content apps."""

    name = "yorozu.home"
    label = "home"

    def ready(self) -> None:
        # After every migrate (a test database's too): the triggers that keep the public pages'
        # cache version (core.pages); SQLite loses a table's triggers when a migration rebuilds it.
        post_migrate.connect(install_public_page_triggers, dispatch_uid="home.page_triggers")
