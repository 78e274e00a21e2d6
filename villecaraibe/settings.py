"""Settings of the Ville caraïbe portal: one module, read from the environment.

Every variable is listed in the README's configuration table. Development gets
safe defaults (SQLite under var/, mail printed on the console); production
(DEBUG off) refuses to start without a SECRET_KEY and turns on the secure
cookies, HTTPS redirect and HSTS that ``check --deploy`` expects.
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from villecaraibe.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_database_url,
    parse_email_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the portal refuses to start without one. "
            'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", [SITE_URL] if SITE_URL.startswith("https") else []
)

# Applications, one-way: annuaire <- documentation, actions <- newsletter.
# villecaraibe (shared vocabulary, pages) sits under all of them; statistiques
# (visitor statistics) sits at the base too and imports only villecaraibe; rapport
# (dashboard, activity report) sits on top and reads them all.
PROJECT_APPS = [
    "villecaraibe",
    "statistiques",
    "annuaire",
    "documentation",
    "actions",
    "newsletter",
    "rapport",
]

INSTALLED_APPS = [
    # The admin, on a site that knows two-factor authentication (villecaraibe/twofactor.py).
    "villecaraibe.admin_apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # documentation: full-text search fields (harmless on SQLite)
    "django_filters",
    "django_prose_editor",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",  # actions: history of programmes, actions, evaluations, budgets
    "import_export",  # annuaire: CSV/XLSX import and export in the admin
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "villecaraibe.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # statistiques: records public page views and downloads (no cookie, no IP stored).
    "statistiques.recording.StatisticsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # actions: records who made each change in the programme history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Its process_view runs after every other one: anonymous pages from the page cache.
    "villecaraibe.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "villecaraibe.urls"
WSGI_APPLICATION = "villecaraibe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "villecaraibe.context_processors.site",
                "villecaraibe.context_processors.languages",
            ],
        },
    },
]

# Database: SQLite under var/ by default; PostgreSQL (psycopg 3) in production.
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(exist_ok=True)  # a fresh clone has no var/ yet
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'villecaraibe.sqlite3'}"
DATABASES = {
    "default": parse_database_url(
        DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 0 if DEBUG else 600),
        pool=env_bool("DATABASE_POOL", default=False),
    )
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "villecaraibe.security.LoginProtectionBackend",  # django-axes lockout
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French first, English available.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Martinique"
USE_I18N = True
USE_TZ = True

# Static files (WhiteNoise, compressed and hashed in production) and media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("TESTING", default=False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_SIZE = env_int("UPLOAD_MAX_SIZE_MB", 50) * 1024 * 1024
# documentation: uploaded documents live outside MEDIA_ROOT and are served only by
# the download view (which checks access); behind nginx, set the internal location
# prefix (e.g. "/protected/") to hand the file over with X-Accel-Redirect.
DOCUMENTATION_FILES_ROOT = Path(env_str("DOCUMENTATION_FILES_ROOT", str(VAR_DIR / "private")))
DOCUMENTATION_X_ACCEL_PREFIX = env_str("DOCUMENTATION_X_ACCEL_PREFIX", "")

# E-mail.
# Production must say where mail goes (check --deploy flags the console backend).
MAILERS = {"default": parse_email_url(env_str("EMAIL_URL", "console:"))}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ville caraïbe <contact@villecaraibe.com>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", addr) for addr in env_list("ADMINS")]

# Background work: Django's tasks framework, stored in the database by default.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "newsletter"],
    }
}

# Newsletter app: sending tuning (see the README's configuration table).
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 100)
NEWSLETTER_RATE_LIMIT = env_int("NEWSLETTER_RATE_LIMIT", 0)  # messages/s per worker, 0 = no limit
NEWSLETTER_WORKERS = env_int("NEWSLETTER_WORKERS", 1)
NEWSLETTER_BOUNCE_LIMIT = env_int("NEWSLETTER_BOUNCE_LIMIT", 3)
NEWSLETTER_JOURNAL_DIR = env_str("NEWSLETTER_JOURNAL_DIR", str(VAR_DIR / "newsletter-journal"))
# Newsletter app: TASKS_BACKEND=django_tasks_rq.RQBackend runs the tasks on RQ workers
# (`manage.py rqworker default newsletter --job-class django_tasks_rq.Job`).
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        queue: {"URL": env_str("RQ_URL", env_str("REDIS_URL", "redis://127.0.0.1:6379/0"))}
        for queue in TASKS["default"]["QUEUES"]
    }

# Caching: local memory by default; REDIS_URL switches to Redis.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole-page cache for anonymous visitors (villecaraibe/pagecache.py); 0 turns it off.
# Pages are kept in the cache above: per gunicorn worker with local memory (fastest: no
# network, no pickling across processes), shared with REDIS_URL. The content version
# that a staff edit bumps must be seen by every worker: in Redis when there is one,
# else in a stamp file on this machine (one stat() per request).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_VERSION_FILE = env_str(
    "PAGE_CACHE_VERSION_FILE",
    "" if REDIS_URL or env_bool("TESTING", default=False) else str(VAR_DIR / "pagecache.version"),
)
# Apps whose saves do not change public pages and happen on every visit (the
# statistiques app records each page view): they must not empty the page cache.
PAGE_CACHE_IGNORED_APPS = ["statistiques"]
# The public read-only pages served through villecaraibe.pagecache.PageCacheMiddleware.
PAGE_CACHE_VIEWS = [
    "home",
    "page",
    "annuaire:index",
    "annuaire:organisation",
    "annuaire:person",
    "documentation:index",
    "documentation:new",
    "documentation:popular",
    "documentation:thesaurus",
    "documentation:descriptor",
    "documentation:document",
    "documentation:capitalisation",
    "documentation:experience",
    "documentation:links",
    "actions:programme",
    "actions:programme_year",
    "actions:agenda",
    "actions:event",
    "newsletter:news",
    "newsletter:news_item",
    "newsletter:letter",
    "newsletter:issue",
]

# Security. Production (DEBUG off) is secure by default; each can be relaxed
# through the environment when the portal runs behind a proxy that does it.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", True) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS > 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # The nonce is for the admin's import map (django-prose-editor); public pages
    # have no inline script, and the nonce is only sent when a page uses it.
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# Client addresses: X-Forwarded-For is trusted only through this many proxies.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Login protection (django-axes): lockout after repeated failures, per account
# and per address, for a cool-off period.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 30)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_CLIENT_IP_CALLABLE = "villecaraibe.security.axes_client_ip"
AXES_VERBOSE = False

# Personal data: registrations, support-log entries and documentation requests are
# anonymised after this many years (`manage.py purge_personal_data`, daily).
PERSONAL_DATA_RETENTION_YEARS = env_int("PERSONAL_DATA_RETENTION_YEARS", 3)

# Two-factor authentication for staff (TOTP): optional unless this is on.
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", default=False)
OTP_TOTP_ISSUER = "Ville caraïbe"

# Public forms: a per-address rate limit (django-ratelimit), a French 429 page.
PUBLIC_FORM_RATE = env_str("PUBLIC_FORM_RATE", "10/m")
RATELIMIT_VIEW = "villecaraibe.security.too_many_requests"
RATELIMIT_IP_META_KEY = "villecaraibe.security.client_ip"

# Visitor statistics (statistiques app): cookie-free, no IP stored. Off while testing
# unless a test turns it on. Daily counts are kept 25 months (the CNIL's limit).
STATISTICS_ENABLED = env_bool("STATISTICS_ENABLED", default=not env_bool("TESTING", default=False))
STATISTICS_RETENTION_MONTHS = env_int("STATISTICS_RETENTION_MONTHS", 25)
# Views whose 2xx responses count as downloads (a response may also set
# ``response.statistics_kind = "download"``).
STATISTICS_DOWNLOAD_VIEWS = ["documentation:download"]
# The first hit of a day enqueues the fold of the previous days (needs a worker).
STATISTICS_FOLD_ON_NEW_DAY = env_bool("STATISTICS_FOLD_ON_NEW_DAY", default=True)

# bench/http_pages.py turns this on to expose the bare reference view.
BENCHMARK_VIEWS = env_bool("BENCHMARK_VIEWS", default=False)

# Where the admin lives (kept at /admin/ unless configured).
ADMIN_URL = env_str("ADMIN_URL", "admin/").strip("/") + "/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# The demo staff account, created by `load_demo` only when DEBUG is on.
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "villecaraibe-demo"  # noqa: S105

# The centre itself, shown in the footer and used in e-mails.
CENTRE = {
    "name": "Centre de ressources Ville caraïbe",
    "address_lines": [
        "Immeuble La Varangue",
        "36, boulevard Amilcar Cabral",
        "97200 Fort-de-France",
    ],
    "postal_box": "BP 7222, 97277 Schœlcher cedex",
    "phone": "0596 68 64 52",
    "email": "contact@villecaraibe.com",
}

# Agenda (actions app): reminder e-mail N days before an event; how long the signed
# cancellation and satisfaction links stay valid.
AGENDA_REMINDER_DAYS_BEFORE = env_int("AGENDA_REMINDER_DAYS_BEFORE", 2)
AGENDA_CANCEL_LINK_MAX_AGE_DAYS = env_int("AGENDA_CANCEL_LINK_MAX_AGE_DAYS", 365)
AGENDA_SATISFACTION_LINK_MAX_AGE_DAYS = env_int("AGENDA_SATISFACTION_LINK_MAX_AGE_DAYS", 60)
