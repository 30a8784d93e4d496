"""WSGI entry point (gunicorn yorozu.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yorozu.settings")
application = get_wsgi_application()
