"""The fixed cast every permission test runs over (Healthchecks' alice/bob/charlie), and the
file database the concurrency tests race on."""

import sqlite3

import pytest
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper

from yorozu.accounts.models import Role
from yorozu.accounts.tests.clients import YorozuClient
from yorozu.accounts.tests.factories import StaffFactory, UserFactory


@pytest.fixture
def client_user(db):
    """A client (acting as client) — owns jobs and hires."""
    return UserFactory(email="client@cast.test", display_name="依頼者アキ", role=Role.CLIENT)


@pytest.fixture
def worker_user(db):
    """A worker (acting as worker) — proposes and delivers."""
    return UserFactory(email="worker@cast.test", display_name="ワーカー・ベン", role=Role.WORKER)


@pytest.fixture
def outsider(db):
    """An ordinary user with no part in the cast's jobs, contracts or threads."""
    return UserFactory(email="outsider@cast.test", display_name="部外者チカ", role=Role.WORKER)


@pytest.fixture
def staff_user(db):
    """A member of the secretariat, an administrator (every permission, not a superuser)."""
    return StaffFactory(email="staff@cast.test", display_name="事務局ダイ")


@pytest.fixture
def superuser(db):
    """A superuser of the secretariat: the one who works in the Django admin."""
    return StaffFactory(email="admin@cast.test", display_name="管理者エミ", is_superuser=True)


@pytest.fixture
def cast(client_user, worker_user, outsider, staff_user):
    return {
        "client": client_user,
        "worker": worker_user,
        "outsider": outsider,
        "staff": staff_user,
    }


@pytest.fixture(scope="session", autouse=True)
def _require_postgres_when_asked(django_db_setup, django_db_blocker):
    """In CI's PostgreSQL run, fail loudly if the suite is not really on PostgreSQL."""
    import os

    from django.db import connection

    if os.environ.get("YOROZU_REQUIRE_POSTGRES") == "1":
        assert connection.vendor == "postgresql", (
            f"YOROZU_REQUIRE_POSTGRES=1 but the suite runs on {connection.vendor}"
        )


def pytest_collection_modifyitems(items):
    """Transactional tests restore the data migrations' rows (the category taxonomy) afterwards.

    A transactional test ends by flushing every table, which would leave later tests in the same
    process without the categories that a data migration ships; serialized rollback reloads them.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = "transactional_db" in getattr(item, "fixturenames", ()) or (
            marker is not None and marker.kwargs.get("transaction")
        )
        if transactional and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: login throttling, used TOTP codes and the filter
    dedupe live there, and one test's failed logins must not lock out the next test."""
    from django.core.cache import caches

    for name in ("default", "fragments"):
        caches[name].clear()
    yield
    for name in ("default", "fragments"):
        caches[name].clear()


@pytest.fixture
def client():
    """pytest-django's `client`, as a `YorozuClient`."""
    return YorozuClient()


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's `admin_client`, signed in as a `YorozuClient` (second factor passed)."""
    client = YorozuClient()
    client.force_login(admin_user)
    return client


@pytest.fixture
def file_database(transactional_db, tmp_path):
    """On SQLite, run the test on a database file, as production does.

    pytest-django keeps the SQLite test database in memory with a shared cache, where a second
    writer fails at once ("database table is locked") instead of waiting for the first as
    busy_timeout makes it do on a file. So the in-memory database is copied to a file and every
    connection — this thread's and the ones the test starts — opens the file, with the project's
    own settings (WAL, busy_timeout, IMMEDIATE transactions). On PostgreSQL nothing changes.
    """
    memory = connections["default"]
    if not isinstance(memory, SQLiteDatabaseWrapper) or not memory.is_in_memory_db():
        yield
        return
    memory.ensure_connection()
    path = tmp_path / "concurrency.sqlite3"
    target = sqlite3.connect(path)
    memory.connection.backup(target)
    target.close()
    shared_settings = connections.settings["default"]  # what each thread's connection opens
    original_name = shared_settings["NAME"]
    shared_settings["NAME"] = str(path)
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        shared_settings["NAME"] = original_name
        connections["default"] = memory
