"""Test overrides: fast hashing, in-memory mail, tasks run immediately by default."""

import os

os.environ.setdefault("DEBUG", "1")

from yorozu.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# In-process cache, emptied before every test (yorozu/conftest.py), so one test's login
# failures never lock out the next; quota counters in the test database (rolled back per test).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "f"},
}
QUOTA_STORE = "database"
# Tests build whole marketplaces in a few milliseconds: the quota mechanism runs, with every
# limit a thousand times wider. The quota tests set the production limits (yorozu.settings).
QUOTAS = {
    action: {
        kind: [(count * 1000, seconds) for count, seconds in windows]
        for kind, windows in kinds.items()
    }
    for action, kinds in QUOTAS.items()  # noqa: F405
}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
STORAGES = {  # type: ignore[no-redef]
    **STORAGES,  # noqa: F405
    "attachments": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(BASE_DIR / "var" / "test-attachments"),  # noqa: F405
            "base_url": "/files/no-public-url/",
        },
    },
    "avatars": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(BASE_DIR / "var" / "test-avatars"),  # noqa: F405
            "base_url": "/account/avatar/",
        },
    },
}

# Each test runs inside one transaction that never commits: the page-cache version is raised at
# every write there (core.pages), not once at commit as in production on PostgreSQL.
PAGE_VERSION_AT_EACH_WRITE = True
