"""Settings for `bench_pages.py`'s server: the project's own, plus the floor view's URL.

Only the page benchmark points gunicorn here (`DJANGO_SETTINGS_MODULE=pages_settings` with
`bench/` on the Python path); production's `yorozu.settings` and `yorozu.urls` never see it.
"""

from yorozu.settings import *  # noqa: F403

ROOT_URLCONF = "pages_urls"

# The benchmark's server is plain HTTP on 127.0.0.1 (production sits behind TLS): cookies that
# only travel over HTTPS would never come back, and every form post would fail its CSRF check.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
