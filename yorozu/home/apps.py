from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate

from yorozu.core.pages import install_version_triggers

# What the pages cached for visitors (`core.pages`, version "public") show: the home page's
# newest jobs and notices, the job search, a job page, a client profile (its jobs, reviews,
# badge). A write to any of these tables makes those pages render afresh on the next request.
PUBLIC_PAGE_TABLES = (
    "jobs_job",
    "catalog_category",
    "accounts_user",  # every column but last_login (see `page_tables`)
    "accounts_clientprofile",
    "accounts_workerprofile",
    "certification_certificationstatus",
    "enforcement_restriction",
    "content_notice",
    "reviews_review",
    "contracts_contract",  # a client profile's record of completed contracts
    "formats_taskjob",
    "formats_competition",
)


# The pages cached per person (version "private": the message list, a thread, a contract, worker
# search, the console's queues) and the header on each show nearly everything; so every table
# counts but these, which no page shows: sessions, the counters themselves, rate-limit hits,
# the scheduler's runs, the task queue, and a user's last login (written at each sign-in).
NOT_SHOWN_TABLES = {
    "django_session",
    "core_pageversion",
    "core_quotahit",
    "core_scheduledrun",
    "django_content_type",
    "auth_permission",
    "django_tasks_database_dbtaskresult",  # the task queue: every enqueue and run writes it
}


def page_tables(names=None) -> list[str | tuple[str, tuple[str, ...]]]:
    """The tables whose writes raise a version: `names`, or every table but NOT_SHOWN_TABLES;
    for the user table, updates of any column but the last login (written at each sign-in)."""
    tables: list[str | tuple[str, tuple[str, ...]]] = []
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if not model._meta.managed or model._meta.proxy or table in NOT_SHOWN_TABLES:
            continue
        if names is not None and table not in names:
            continue
        if table == "accounts_user":
            columns = tuple(
                str(f.column) for f in model._meta.concrete_fields if f.name != "last_login"
            )
            tables.append((table, columns))
        else:
            tables.append(table)
    return sorted(set(tables), key=str)


def install_page_triggers(sender, using="default", **kwargs) -> None:
    if sender.label != "core":  # sent once per app; once is enough, after every migration ran
        return
    install_version_triggers("public", page_tables(set(PUBLIC_PAGE_TABLES)), using=using)
    install_version_triggers("private", page_tables(), using=using)


class HomeConfig(AppConfig):
    """The front of the site: the home page and what the header shows on every page (the role
    switch, the unread badges). It stands on the top floor: it reads several content apps."""

    name = "yorozu.home"
    label = "home"

    def ready(self) -> None:
        # After every migrate (a test database's too): the triggers that keep the public pages'
        # cache version (core.pages); SQLite loses a table's triggers when a migration rebuilds it.
        post_migrate.connect(install_page_triggers, dispatch_uid="home.page_triggers")
