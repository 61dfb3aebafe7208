"""Settings shared by every environment. Environment files override only what differs."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from gongkai.core.proxies import parse_networks

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite, media and the search index live here

SECRET_KEY = os.environ.get("GONGKAI_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "gongkai.core",
    "gongkai.accounts",
    "gongkai.workdays",
    "gongkai.outbox",
    "gongkai.search",
    "gongkai.confidentiality",
    "gongkai.publishing",
    "gongkai.notifications",
    "gongkai.catalogue",
    "gongkai.interpretations",
    "gongkai.foi_requests",
    "gongkai.opendata",
    "gongkai.consultations",
    "gongkai.public_messages",
    "gongkai.interviews",
    "gongkai.incidents",
    "gongkai.newmedia",
    "gongkai.responsibilities",
    "gongkai.enforcement",
    "gongkai.service_guides",
    "gongkai.assessment",
    "gongkai.self_inspection",
    "gongkai.data_standards",
    "gongkai.press",
    "gongkai.key_tasks",
    "gongkai.surveys",
    "gongkai.results",
    "gongkai.annual_reports",
    "gongkai.cityops",
    "gongkai.citizens",
    "gongkai.city",  # 城市平台: city portal, agency directory and administration (issue 18)
    "gongkai.web",
    "gongkai.demo",
    "django.forms",  # Django's widget templates, after gongkai.web's inlined copies (FORM_RENDERER below)
    "ninja",  # the API docs page serves django-ninja's bundled Swagger UI, no CDN (issue 11 item 26)
]

MIDDLEWARE = [
    "gongkai.core.dbrouting.ReadRoutingMiddleware",  # replica or primary for this request (ADR 0046)
    "gongkai.core.pagecache.PageCacheMiddleware",  # a cached page skips the rest (ADR 0043)
    "gongkai.core.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.core.sites.SiteMiddleware",  # agency sites: host name or /bm/<code>/ (issue 18, ADR 0037)
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.middleware.RequestContextMiddleware",
    "gongkai.core.middleware.CurrentAgencyMiddleware",
    "axes.middleware.AxesMiddleware",
    "gongkai.web.middleware.OversizedRequestMiddleware",  # Chinese 413/414 pages (issue 11 item 23)
    "gongkai.core.middleware.ApiProblemMiddleware",
    "gongkai.core.middleware.InputSanityMiddleware",
    "gongkai.core.middleware.RefusalAuditMiddleware",
    "gongkai.core.dbrouting.ReplicaFailoverMiddleware",  # last: retries a failed replica read (ADR 0046)
]

# Form widgets: Django's common widgets written in Python, any other through the site's template engine
# (gongkai.web's inlined copies of Django's widget templates; issue 19 item 1, ADR 0056).
FORM_RENDERER = "gongkai.web.form_renderer.SiteFormRenderer"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "gongkai.web.context_processors.site",
            ],
            # `{% url %}` and `|truncatechars` answered from per-process tables (issue 19 item 1).
            "builtins": ["gongkai.web.templatetags.cached_url", "gongkai.web.templatetags.cached_text"],
        },
    },
]

# --- Database: SQLite (WAL) by default, PostgreSQL through DATABASE_URL -------------------------
SQLITE_PATH = VAR_DIR / "gongkai.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections (issue 19): opening SQLite and running the PRAGMAs cost ~2.5 ms a request.
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("GONGKAI_SQLITE_CONN_MAX_AGE", "600"))
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while a writer commits; IMMEDIATE avoids "database is locked"
        # upgrades from read to write transactions under gunicorn's workers.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # transitional setting until Django 6

# --- Read replica (issue 19 item 5, ADR 0046): public anonymous reads from a streaming replica ---------
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["gongkai.core.dbrouting.PrimaryReplicaRouter"]
if os.environ.get("GONGKAI_PGBOUNCER"):  # transaction pooling: no server-side cursors
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
GONGKAI_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("GONGKAI_REPLICA_MAX_LAG_SECONDS", "5"))
GONGKAI_REPLICA_CHECK_SECONDS = float(os.environ.get("GONGKAI_REPLICA_CHECK_SECONDS", "2"))
GONGKAI_READ_YOUR_WRITES_SECONDS = int(os.environ.get("GONGKAI_READ_YOUR_WRITES_SECONDS", "30"))

# One cache shared by every gunicorn worker and `gongkai worker` (rate limits, upload previews): the
# database table created by core's migration 0002, or Redis when REDIS_URL is set (ADR 0023). Never a
# per-process cache: `make run` serves with two workers.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "gongkai_cache"}}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

# --- Accounts and security -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "office:login"
LOGIN_REDIRECT_URL = "office:home"
LOGOUT_REDIRECT_URL = "office:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.accounts.validators.ChineseMinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: 5 failures per username and address lock the pair, 20 failures from one address
# across usernames lock the address, each for 15 minutes (gongkai/accounts/throttling.py).
AXES_FAILURE_LIMIT = "gongkai.accounts.throttling.failure_limit"
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "office/locked_out.html"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "gongkai.web.views.errors.csrf_failure"  # Django's own page has inline style (CSP)
# Content-Security-Policy: no inline script anywhere; styles from our own files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Language and time ---------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "gongkai" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"gongkai": {"level": "INFO"}},
}

# --- Gongkai -------------------------------------------------------------------------------------
# The agency whose public site this deployment serves (a city platform mounts several; see ADR 0003).
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated; empty:
# none). See gongkai/core/proxies.py and docs/howto/operations.md.
GONGKAI_TRUSTED_PROXIES = parse_networks(os.environ.get("GONGKAI_TRUSTED_PROXIES", ""))
GONGKAI_DEFAULT_AGENCY = os.environ.get("GONGKAI_DEFAULT_AGENCY", "fzstats")
# Seconds between two runs of the periodic jobs in `gongkai worker`.
GONGKAI_WORKER_INTERVAL = int(os.environ.get("GONGKAI_WORKER_INTERVAL", "60"))

# Local rules and limits (each app reads its own with the same default; the law's figure is cited there).
# Stricter local limits may be set per deployment through the environment.
_env_int = lambda name, default: int(os.environ.get(name, default))  # noqa: E731
GONGKAI_PUBLICATION_DEADLINE_DAYS = _env_int("GONGKAI_PUBLICATION_DEADLINE_DAYS", 20)  # 条例 Art. 26, ≤ 20
GONGKAI_INTERPRETATION_DEADLINE_DAYS = _env_int("GONGKAI_INTERPRETATION_DEADLINE_DAYS", 3)  # local rule
GONGKAI_MAX_ATTACHMENT_MB = _env_int("GONGKAI_MAX_ATTACHMENT_MB", 50)
GONGKAI_FOI_WARNING_DAYS = _env_int("GONGKAI_FOI_WARNING_DAYS", 3)  # working days before a due date
# Calendar days an FOI event may be dated before the day it is entered without a reason, by event kind:
# e.g. "answer=1,default=5", merged over foi_requests.selectors.DEFAULT_BACKDATE_DAYS.
GONGKAI_FOI_BACKDATE_DAYS = os.environ.get("GONGKAI_FOI_BACKDATE_DAYS", "")
GONGKAI_MESSAGE_REPLY_DAYS = _env_int("GONGKAI_MESSAGE_REPLY_DAYS", 5)  # local "马上就办" SLA
GONGKAI_MESSAGE_WARN_DAYS = _env_int("GONGKAI_MESSAGE_WARN_DAYS", 1)
GONGKAI_CONSULTATION_REPORT_DAYS = _env_int("GONGKAI_CONSULTATION_REPORT_DAYS", 10)  # local rule
GONGKAI_CONSULTATION_MIN_DAYS = _env_int("GONGKAI_CONSULTATION_MIN_DAYS", 7)  # local: ordinary window
GONGKAI_MIN_RESPONDENTS = _env_int("GONGKAI_MIN_RESPONDENTS", 3)  # 统计法 Art. 28 disclosure control
GONGKAI_DATA_MAX_CELLS = _env_int("GONGKAI_DATA_MAX_CELLS", 100_000)
GONGKAI_DATA_RATE_LIMIT = _env_int("GONGKAI_DATA_RATE_LIMIT", 120)  # requests per client per minute
GONGKAI_SEARCH_BACKEND = os.environ.get("GONGKAI_SEARCH_BACKEND", "")  # "" = by database, or tantivy/postgres

# --- Outbox: e-mail, SMS and webhooks (ADR 0028) --------------------------------------------------
# Without an SMTP host, mail is written as files under var/mail (the demo and `make run` need no server).
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_MAIL_FROM", "政务公开平台 <noreply@gongkai.local>")
GONGKAI_MAIL_DOMAIN = os.environ.get("GONGKAI_MAIL_DOMAIN", "gongkai.local")
if os.environ.get("GONGKAI_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["GONGKAI_SMTP_HOST"]
    EMAIL_PORT = _env_int("GONGKAI_SMTP_PORT", 25)
    EMAIL_HOST_USER = os.environ.get("GONGKAI_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("GONGKAI_SMTP_TLS", "") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
GONGKAI_SMS_GATEWAY_URL = os.environ.get("GONGKAI_SMS_GATEWAY_URL", "")  # POST {"to","text","id"} as JSON
GONGKAI_SMS_GATEWAY_TOKEN = os.environ.get("GONGKAI_SMS_GATEWAY_TOKEN", "")
GONGKAI_OUTBOX_MAX_ATTEMPTS = _env_int("GONGKAI_OUTBOX_MAX_ATTEMPTS", 8)
GONGKAI_SITE_URL = os.environ.get("GONGKAI_SITE_URL", "http://127.0.0.1:8000")  # links in e-mails and SMS
GONGKAI_OUTBOX_LEASE_SECONDS = _env_int(
    "GONGKAI_OUTBOX_LEASE_SECONDS", 120
)  # a claim older than this is presumed dead
GONGKAI_MEDIA_REPLY_DAYS = _env_int(
    "GONGKAI_MEDIA_REPLY_DAYS", 5
)  # working days to answer a media request (local)

# The daily website self-inspection's accessibility check (assessment/accessibility.py): axe-core in a
# headless Chromium over this many crawled pages (0 = off); the browser and the axe-core script.
GONGKAI_ACCESSIBILITY_PAGES = _env_int("GONGKAI_ACCESSIBILITY_PAGES", 20)
GONGKAI_CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
GONGKAI_AXE_JS = os.environ.get("GONGKAI_AXE_JS", "")  # "" = tests/browser/vendor/axe.min.js
# --- Page cache (issue 19, ADR 0043) ---------------------------------------------------------------
# Public pages for anonymous visitors from the shared cache, invalidated by every committed write to
# public content and cut at the next embargo/scheduled minute (gongkai/core/pagecache.py).
GONGKAI_PAGE_CACHE = os.environ.get("GONGKAI_PAGE_CACHE", "1") == "1"
GONGKAI_PAGE_CACHE_SECONDS = _env_int("GONGKAI_PAGE_CACHE_SECONDS", 300)  # bound for read-time changes
GONGKAI_PAGE_CACHE_PROXY_SECONDS = _env_int("GONGKAI_PAGE_CACHE_PROXY_SECONDS", 0)  # s-maxage for nginx/CDN
# Cached HTML pages also written as files that the front nginx answers without Python (ADR 0052;
# gongkai/core/edgecache.py, `gongkai edge_nginx` prints the nginx directives). "" = off. Every process
# that writes to the database (gunicorn, `gongkai worker`, commands) must see the same folder.
GONGKAI_EDGE_CACHE_DIR = os.environ.get("GONGKAI_EDGE_CACHE_DIR", "")
