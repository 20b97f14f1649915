"""Thi đua settings: one module, configured from the environment, safe by default.

Every variable is listed in the README ("Cấu hình"). With DEBUG off the process refuses to start
on an insecure configuration and names the variable to set (thidua.core.config.refuse_insecure).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url

from thidua.core.config import (
    env_bool,
    env_int,
    env_list,
    env_str,
    local_secret_key,
    refuse_insecure,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("THIDUA_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)

# --- Secrets and hosts ---------------------------------------------------------------------
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = local_secret_key(BASE_DIR / ".secret_key")
if not SECRET_KEY and env_bool("THIDUA_LOCAL_SECRET_KEY", False):
    # `make serve-prod` on a laptop: production settings with a key kept in a git-ignored file.
    SECRET_KEY = local_secret_key(BASE_DIR / ".secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}")

if not DEBUG:
    refuse_insecure(secret_key=SECRET_KEY, allowed_hosts=ALLOWED_HOSTS, database_url=DATABASE_URL)

# --- Applications ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "thidua.core",
    "thidua.org",
    "thidua.notifications",
    "thidua.documents",
    "thidua.movements",
    "thidua.exemplars",
    "thidua.awards",
    "thidua.plans",
    "thidua.reports",
    "thidua.portal",
    "thidua.demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous portal pages from the cache, before sessions and users are looked at (no session
    # cookie: never for logged-in users). Purged on publish/unpublish/edits (portal/cache.py).
    "thidua.portal.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "thidua.org.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thidua.urls"
# Widgets render through TEMPLATES, so thidua/templates/wagtailadmin/widgets/ can replace Wagtail's
# inline-script widget templates (strict CSP, docs/adr/0002-strict-csp-in-the-admin.md).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "thidua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# Connections are kept between requests (DB_CONN_MAX_AGE seconds), SQLite's too: opening one and
# running its PRAGMAs costs more than a short page's queries (the portal bench: a page-cache miss
# answered from a stored rendering went from 404 to 1,128 requests/s).
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web process read while the worker writes; IMMEDIATE transactions and a
        # busy timeout turn lock contention into short waits instead of "database is locked".
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query to machine code (JIT) when its estimated cost is high; for a
    # page's short queries the compiling costs more than it saves (230 ms of a 530 ms search at
    # province scale). Off unless the URL's options say otherwise.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    if "jit" not in options.get("options", ""):
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "thidua",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background work ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL", "console:" if DEBUG else "smtp://localhost:25")
vars().update(dj_email_url.parse(EMAIL_URL))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Thi đua <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "thidua" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")  # "filesystem" or "s3"
PRIVATE_ROOT = Path(env_str("THIDUA_PRIVATE_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Uploads with personal data (import workbooks): outside MEDIA_ROOT, no URL (core/storage.py).
    "private": {
        "BACKEND": "thidua.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT)},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if MEDIA_STORAGE == "s3":
    # S3-compatible object storage for several web processes (django-storages; needs boto3).
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": "private"},
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
THIDUA_MAX_UPLOAD_MB = env_int("THIDUA_MAX_UPLOAD_MB", 20)

# --- Authentication and login security ------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the user's person and permissions in fewer statements.
    "thidua.org.backends.AccountBackend",
    "thidua.org.backends.RoleBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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
LOGIN_URL = "wagtailadmin_login"
AXES_FAILURE_LIMIT = env_int("THIDUA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("THIDUA_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "org/login_locked.html"
AXES_IPWARE_PROXY_COUNT = env_int("THIDUA_PROXY_COUNT", 0) or None
OTP_TOTP_ISSUER = "Thi đua"

# --- Security headers -----------------------------------------------------------------------
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("THIDUA_SESSION_HOURS", 10) * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail sets SAMEORIGIN on its own preview views
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("THIDUA_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Wagtail's admin sets style attributes from JavaScript (sidebar widths, previews).
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],  # the preview panel frames our own pages
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Language, time, formats ----------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]
# Project strings first, then the complete Vietnamese catalogues of Wagtail's apps
# (locale-wagtail/<app>/, see docs/architecture.md): earlier paths win.
LOCALE_PATHS = [BASE_DIR / "locale", *sorted((BASE_DIR / "locale-wagtail").glob("*/"))]

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Thi đua – Khen thưởng"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_USER_LOGIN_FORM = "thidua.org.forms.TwoFactorLoginForm"
# Vietnam has one time zone; listing the OS's zones also offered Debian's "localtime" alias,
# which browsers reject (a JavaScript error on the account page).
WAGTAIL_USER_TIME_ZONES = ["Asia/Ho_Chi_Minh"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# Wagtail's database backend (SQLite FTS5 / PostgreSQL full text) over folded text, folding
# queries too (thidua/core/searchindex.py, docs/adr/0003-folded-search-in-wagtail.md).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "thidua.core.searchindex", "SEARCH_CONFIG": "simple"}
}
# Editors schedule publication and expiry; the worker publishes (portal.publish_scheduled).
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
WAGTAILDOCS_EXTENSIONS = ["docx", "odt", "pdf", "xlsx", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False  # closed networks: never call home
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars fetched from the internet
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_COMMENTS_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = env_bool("THIDUA_PASSWORD_RESET", True)

# --- Product options ------------------------------------------------------------------------
THIDUA_IMPORT_ASYNC_ROWS = env_int("THIDUA_IMPORT_ASYNC_ROWS", 500)
# How long an anonymous portal page stays in the cache (0 turns the page cache off).
THIDUA_PORTAL_CACHE_SECONDS = env_int("THIDUA_PORTAL_CACHE_SECONDS", 600)
# Two-factor login is required of province admins always; this requires it of every user.
THIDUA_2FA_FOR_ALL = env_bool("THIDUA_2FA_FOR_ALL", False)
# Plans: a task is "due soon" this many days before its deadline (reminders, dashboard).
THIDUA_PLANS_DUE_SOON_DAYS = env_int("THIDUA_PLANS_DUE_SOON_DAYS", 7)
# Documents: recipients who have not answered are reminded this many days before the deadline.
THIDUA_DOCUMENTS_REMIND_DAYS = env_int("THIDUA_DOCUMENTS_REMIND_DAYS", 2)
# Exemplars: nurtured this many days without a log entry shows as "no progress" (dashboard).
THIDUA_EXEMPLAR_STALE_DAYS = env_int("THIDUA_EXEMPLAR_STALE_DAYS", 180)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
