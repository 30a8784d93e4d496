"""One env-driven settings module (Healthchecks style).

Every knob that differs between a laptop and production is read from the environment; the
defaults make `make run` work on a fresh clone with SQLite in `var/`.
"""

import datetime
import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.dateparse import parse_duration
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("YOROZU_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Off unless set: a forgotten variable must never serve tracebacks. `make` targets and the
# browser tests set DEBUG=1 themselves; production sets the variables in docs/deploy.md.
DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """Use SECRET_KEY from the environment; in development generate one once into var/."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "yorozu.core",
    "yorozu.accounts",
    "yorozu.catalog",
    "yorozu.jobs",
    "yorozu.contracts",
    "yorozu.formats",
    "yorozu.reviews",
    "yorozu.messaging",
    "yorozu.notifications",
    "yorozu.workers",
    "yorozu.trust",
    "yorozu.content",
    "yorozu.certification",
    "yorozu.blocks",
    "yorozu.favourites",
    "yorozu.alerts",
    "yorozu.portfolio",
    "yorozu.moderation",
    "yorozu.enforcement",
    "yorozu.files",
    "yorozu.console",
    "yorozu.api",
    "yorozu.home",
    "yorozu.demo",
    # After the project's apps, so our templates and translations win over allauth's.
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "yorozu.core.quotas.ClientAddressMiddleware",
    "yorozu.enforcement.middleware.SuspensionMiddleware",
    "yorozu.accounts.middleware.StaffSecondFactorMiddleware",
    "yorozu.core.staff.StaffRefusalAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "yorozu.core.not_found.FriendlyNotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "yorozu.core.errors.RefusedMiddleware",
]

ROOT_URLCONF = "yorozu.urls"
WSGI_APPLICATION = "yorozu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "yorozu.home.context_processors.header",
            ],
        },
    }
]

# Django's form renderer with <select> written in Python (yorozu/core/form_renderer.py says why).
FORM_RENDERER = "yorozu.core.form_renderer.FormRenderer"

# Database: SQLite in var/ (WAL) by default, PostgreSQL (or anything) through DATABASE_URL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'yorozu.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else a table in the database. Login lockouts (allauth's
# rate limits), used TOTP codes and the filter-use dedupe live in the cache, so every process
# must see the same one: never a per-process local-memory cache outside the tests.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "yorozu_cache",  # created by a core migration (createcachetable)
        }
    }
# Rendered fragments stored under a key made of everything they show (`jobs.cards`): correct
# without sharing, so each process keeps its own, in memory, with no round trip.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "yorozu-fragments",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "home:home"

# Accounts: django-allauth (docs/accounts.md says why). E-mail is the login; an address must be
# confirmed before the account can sign in; signup and password reset answer the same whether or
# not an address is registered; an e-mail change takes effect once the new address is confirmed.
ACCOUNT_ADAPTER = "yorozu.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "yorozu.accounts.forms.SignupForm",
    "login": "yorozu.accounts.forms.LoginForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_USER_DISPLAY = "yorozu.accounts.adapter.user_display"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
# The owner hears of a password change, an e-mail change (at the old address) and 2FA changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[yorozu] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Throttling, counted in the shared cache ("amount/period/per": ip = the client's address,
# key = the e-mail address typed). A failed login counts against both; once either is spent,
# even the right password is refused until the window has passed (a password reset clears the
# account's count). Other limits are allauth's defaults.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/m/ip,100/h/ip,5/5m/key,10/h/key",
    "login": "30/m/ip",
    "signup": "10/m/ip,30/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
}
# Behind a load balancer, the client's address is the last hop the proxies added.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
MFA_ADAPTER = "yorozu.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "yorozu"

# Quotas on what one account and one address may write (yorozu/core/quotas.py): a list of
# (count, seconds) windows per action and per "account" or "address". Past one, the action is
# refused with 429 and Retry-After, and the form keeps what was typed.
QUOTAS = {
    "message": {"account": [(3, 1), (30, 60), (500, 86400)], "address": [(10, 1), (120, 60)]},
    "job": {"account": [(2, 10), (10, 3600), (30, 86400)], "address": [(20, 3600)]},
    "proposal": {"account": [(3, 10), (30, 3600), (100, 86400)], "address": [(60, 3600)]},
    "signup": {"address": [(3, 60), (10, 3600), (30, 86400)]},
    # The API's pre-send check (POST /api/v1/trust/assess); the secretariat is not counted.
    "assess": {"account": [(10, 60), (300, 86400)], "address": [(30, 60)]},
}
# Where the quota counters live: "database" (a row per window, exact under concurrency) or
# "cache" (atomic INCR; meant for Redis). Redis when REDIS_URL is set.
QUOTA_STORE = os.environ.get("QUOTA_STORE", "cache" if REDIS_URL else "database")

# Staff must pass a second factor (TOTP or a recovery code) in the session before any staff page
# (`core.staff.staff_view`) or the admin opens.
STAFF_SECOND_FACTOR_REQUIRED = True

# The terms and privacy policy a new account agrees to; the version is recorded on the account.
TERMS_VERSION = os.environ.get("TERMS_VERSION", "2026-11-01")

# Internationalisation: Japanese first, English available through the switcher.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS: list = []  # each app keeps its own catalogue in <app>/locale/
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Swagger UI's files for the API docs page, from django-ninja's package (yorozu/api/docs.py).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "yorozu.api.docs.SwaggerFiles",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Attachments (yorozu/files, docs/files.md): a storage of their own, never under MEDIA_URL.
# Local files in var/attachments by default; any storage backend through
# ATTACHMENTS_STORAGE_BACKEND (an S3-compatible store: "storages.backends.s3.S3Storage" from
# django-storages, configured by its own AWS_* variables).
_attachments_backend = os.environ.get(
    "ATTACHMENTS_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
)
STORAGES["attachments"] = {
    "BACKEND": _attachments_backend,
    "OPTIONS": (
        {
            "location": os.environ.get("ATTACHMENTS_ROOT", str(VAR_DIR / "attachments")),
            # No public URL: every download goes through files:download, which checks access.
            "base_url": "/files/no-public-url/",
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        }
        if _attachments_backend.endswith("FileSystemStorage")
        else {}
    ),
}
# Avatars (yorozu/accounts/avatars.py, docs/profiles.md): public pictures, so a storage of their
# own, served by accounts:avatar under a name that changes with every upload (cached for a year).
_avatars_backend = os.environ.get(
    "AVATARS_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
)
STORAGES["avatars"] = {
    "BACKEND": _avatars_backend,
    "OPTIONS": (
        {
            "location": os.environ.get("AVATARS_ROOT", str(VAR_DIR / "avatars")),
            "base_url": "/account/avatar/",
        }
        if _avatars_backend.endswith("FileSystemStorage")
        else {}
    ),
}
# An upload may be at most AVATAR_MAX_BYTES and AVATAR_MAX_PIXELS; it is stored as a square of
# AVATAR_SIZE pixels (the pictures shown are at most 160 CSS pixels wide: sharp at 2x).
AVATAR_MAX_BYTES = int(os.environ.get("AVATAR_MAX_BYTES", str(5 * 1024 * 1024)))
AVATAR_MAX_PIXELS = int(os.environ.get("AVATAR_MAX_PIXELS", "25000000"))
AVATAR_SIZE = int(os.environ.get("AVATAR_SIZE", "320"))
AVATAR_MIN_SIDE = int(os.environ.get("AVATAR_MIN_SIDE", "64"))
# A worker's portfolio (yorozu/portfolio): at most this many works, each with at most this many
# pictures or files (through the files app, with its own limits).
PORTFOLIO_MAX_WORKS = int(os.environ.get("PORTFOLIO_MAX_WORKS", "20"))
PORTFOLIO_MAX_FILES_PER_WORK = int(os.environ.get("PORTFOLIO_MAX_FILES_PER_WORK", "6"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# E-mail: the console in development; in production SMTP from the EMAIL_* variables
# (docs/deploy.md). The browser tests use the file backend (EMAIL_FILE_PATH) to read the mail.
_email_backend = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# Django's console, file and SMTP backends are replaced by ones whose mail reads as text
# (UTF-8 in 8-bit or quoted-printable, not base64): yorozu/core/mail.py.
_email_backend = {
    "django.core.mail.backends.console.EmailBackend": "yorozu.core.mail.ConsoleEmailBackend",
    "django.core.mail.backends.filebased.EmailBackend": "yorozu.core.mail.FileEmailBackend",
    "django.core.mail.backends.smtp.EmailBackend": "yorozu.core.mail.SMTPEmailBackend",
}.get(_email_backend, _email_backend)
_mail_options: dict[str, object] = {}
if _email_backend.endswith(("filebased.EmailBackend", "FileEmailBackend")):
    _mail_options["file_path"] = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
elif _email_backend.endswith(("smtp.EmailBackend", "SMTPEmailBackend")):
    _mail_options.update(
        host=os.environ.get("EMAIL_HOST", "localhost"),
        port=int(os.environ.get("EMAIL_PORT", "587")),
        username=os.environ.get("EMAIL_HOST_USER", ""),
        password=os.environ.get("EMAIL_HOST_PASSWORD", ""),
        use_tls=env_bool("EMAIL_USE_TLS", True),
    )
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "yorozu <noreply@yorozu.example>")

# Background work: Django's tasks framework with the database-backed queue.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Marketplace policy knobs.
PLATFORM_FEE_PERCENT = int(os.environ.get("PLATFORM_FEE_PERCENT", "10"))
# The payment provider behind contracts.payments.PaymentGateway (the sandbox by default).
PAYMENT_GATEWAY = os.environ.get("PAYMENT_GATEWAY", "yorozu.contracts.payments.SandboxGateway")

# Screening (yorozu.trust.screening): held or blocked texts by one account within the window
# count as offences; from SLOWDOWN_AFTER on each further send waits SLOWDOWN_SECONDS after the
# latest, from ESCALATE_AFTER on the account goes to the secretariat's queue. A sender's
# consecutive messages within SPLIT_WINDOW (at most SPLIT_MESSAGES) are assessed together.
SCREENING_REPEAT_WINDOW_SECONDS = int(os.environ.get("SCREENING_REPEAT_WINDOW_SECONDS", "3600"))
SCREENING_SLOWDOWN_AFTER = int(os.environ.get("SCREENING_SLOWDOWN_AFTER", "3"))
SCREENING_SLOWDOWN_SECONDS = int(os.environ.get("SCREENING_SLOWDOWN_SECONDS", "60"))
SCREENING_ESCALATE_AFTER = int(os.environ.get("SCREENING_ESCALATE_AFTER", "5"))
SCREENING_SPLIT_WINDOW_SECONDS = int(os.environ.get("SCREENING_SPLIT_WINDOW_SECONDS", "1800"))
SCREENING_SPLIT_MESSAGES = int(os.environ.get("SCREENING_SPLIT_MESSAGES", "3"))
# The pre-send nudge: drafts one account may have checked per minute.
MESSAGING_NUDGE_PER_MINUTE = int(os.environ.get("MESSAGING_NUDGE_PER_MINUTE", "60"))
# Scouts a client may send per day (Asia/Tokyo), and a certified client.
SCOUT_DAILY_QUOTA = int(os.environ.get("SCOUT_DAILY_QUOTA", "20"))
SCOUT_DAILY_QUOTA_CERTIFIED = int(os.environ.get("SCOUT_DAILY_QUOTA_CERTIFIED", "50"))


def env_duration(name: str, default: str) -> datetime.timedelta:
    """A duration from the environment, ISO 8601 ("P14D", "PT30S") or Django's "DD HH:MM:SS"."""
    raw = os.environ.get(name, default)
    value = parse_duration(raw)
    if value is None or value <= datetime.timedelta(0):
        raise ImproperlyConfigured(f"{name}={raw!r} is not a positive duration")
    return value


# Money (docs/payments.md). After a delivery, the client has this long to accept or ask for
# changes; then it is accepted automatically. Reminders go out this long before the end.
ACCEPTANCE_PERIOD = env_duration("ACCEPTANCE_PERIOD", "P14D")
ACCEPTANCE_REMINDERS = (datetime.timedelta(days=3), datetime.timedelta(days=1))
# A proposed cancellation left unanswered this long goes to the secretariat (reminder before).
CANCELLATION_ANSWER_PERIOD = env_duration("CANCELLATION_ANSWER_PERIOD", "P7D")
CANCELLATION_REMINDER = datetime.timedelta(days=2)
# How often the scheduler sweeps contract deadlines (auto-acceptance, reminders, escalations).
CONTRACT_DEADLINE_SWEEP = env_duration("CONTRACT_DEADLINE_SWEEP", "PT5M")
# Task jobs and competitions (docs/formats.md). A task answer not approved or rejected within
# this long is approved automatically; a competition whose client picked no winner this long
# after its deadline goes to the secretariat; the sweep that does both runs this often.
TASK_APPROVAL_PERIOD = env_duration("TASK_APPROVAL_PERIOD", "P7D")
# The client is reminded (once per answer, by the sweep) this long before the period ends.
TASK_APPROVAL_REMINDER = env_duration("TASK_APPROVAL_REMINDER", "P1D")
COMPETITION_SELECTION_PERIOD = env_duration("COMPETITION_SELECTION_PERIOD", "P7D")
FORMAT_SWEEP = env_duration("FORMAT_SWEEP", "PT5M")
# A worker whose answers one client rejected this many times is offered to report it.
TASK_REJECTIONS_TO_REPORT = int(os.environ.get("TASK_REJECTIONS_TO_REPORT", "3"))
# Withdrawals: the smallest amount a worker may ask to be transferred.
WITHDRAWAL_MINIMUM = int(os.environ.get("WITHDRAWAL_MINIMUM", "1000"))
# The platform as the issuer of invoices and receipts (適格請求書発行事業者 registration number).
INVOICE_ISSUER = {
    "name": os.environ.get("INVOICE_ISSUER_NAME", "万屋 yorozu 運営事務局"),
    "address": os.environ.get("INVOICE_ISSUER_ADDRESS", "東京都千代田区丸の内1-1-1"),
    "registration_number": os.environ.get("INVOICE_REGISTRATION_NUMBER", "T1234567890123"),
}
# The platform's own account that the Zengin transfer file pays from (振込依頼人).
PAYOUT_SOURCE_ACCOUNT = {
    "requester_code": os.environ.get("ZENGIN_REQUESTER_CODE", "0000000001"),
    "requester_name": os.environ.get("ZENGIN_REQUESTER_NAME", "ﾖﾛｽﾞ(ｶ"),
    "bank_code": os.environ.get("ZENGIN_BANK_CODE", "0001"),
    "branch_code": os.environ.get("ZENGIN_BRANCH_CODE", "001"),
    "account_type": os.environ.get("ZENGIN_ACCOUNT_TYPE", "1"),
    "account_number": os.environ.get("ZENGIN_ACCOUNT_NUMBER", "1234567"),
}

# Attachments (docs/files.md): limits per file, per message or delivery, and per account; the
# size up to which a file is screened completely while it is sent (larger ones on the queue);
# OCR languages (Tesseract's data from the system packages) and its time limit; how downloads
# are handed to the web server in production ("" = Django streams the file, "x-accel-redirect"
# for nginx, "x-sendfile" for Apache/lighttpd, with FILES_SENDFILE_PREFIX before the name).
FILES_MAX_BYTES = int(os.environ.get("FILES_MAX_BYTES", str(20 * 1024 * 1024)))
FILES_MAX_TOTAL_BYTES = int(os.environ.get("FILES_MAX_TOTAL_BYTES", str(50 * 1024 * 1024)))
FILES_MAX_COUNT = int(os.environ.get("FILES_MAX_COUNT", "10"))
FILES_ACCOUNT_QUOTA_BYTES = int(
    os.environ.get("FILES_ACCOUNT_QUOTA_BYTES", str(2 * 1024 * 1024 * 1024))
)
FILES_SCREEN_INLINE_MAX_BYTES = int(
    os.environ.get("FILES_SCREEN_INLINE_MAX_BYTES", str(512 * 1024))
)
FILES_IMAGE_MAX_PIXELS = int(os.environ.get("FILES_IMAGE_MAX_PIXELS", "40000000"))
FILES_PDF_MAX_PAGES = int(os.environ.get("FILES_PDF_MAX_PAGES", "300"))
FILES_OCR_LANGUAGES = os.environ.get("FILES_OCR_LANGUAGES", "jpn+eng")
FILES_OCR_TIMEOUT_SECONDS = int(os.environ.get("FILES_OCR_TIMEOUT_SECONDS", "120"))
FILES_SENDFILE = os.environ.get("FILES_SENDFILE", "")
FILES_SENDFILE_PREFIX = os.environ.get("FILES_SENDFILE_PREFIX", "/protected-attachments/")

# Secure cookies and headers when not in development.
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (Django's own middleware) on every response: scripts and styles only
# from our own static files (no inline script, handler or style attribute anywhere), images
# from ourselves and data: URIs (the TOTP QR code), nothing framed, forms post only to us.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# Browser features the marketplace never uses are switched off for every page.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own default gives "django" a console handler of its own when DEBUG is on; with it
    # and the root's, every line (a task's "state=RUNNING", say) was printed twice.
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": os.environ.get("LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        "django.db.backends": {"level": "INFO"},
    },
}
