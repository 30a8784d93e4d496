import pytest


@pytest.fixture(autouse=True)
def attachments_in_tmp(settings, tmp_path):
    """Each test stores its files in a directory of its own (the `attachments` alias)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "attachments"), "base_url": "/nowhere/"},
        },
    }
    return tmp_path / "attachments"
