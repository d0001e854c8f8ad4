"""Settings shared by every environment, all read from the environment.

With nothing set the shop runs on embedded defaults: SQLite, a local-memory
cache, Wagtail's database search backend, eager Celery, console email and a
local media folder. Setting a variable switches that part to a real service.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "accounts",
    "home",
    "catalog",
    "commerce",
    "search",
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.headless",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # trigram lookups for "Did you mean"; inert on SQLite
]

MIDDLEWARE = [
    # First: a shared page is answered with the headers the rest of the stack gave it
    # (security, CSP, permissions), and without sessions, CSRF or auth.
    "core.middleware.SharedPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.RefuseNulBytesMiddleware",
    "core.middleware.PageChromeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.store",
                "catalog.context_processors.navigation",
                "commerce.context_processors.cart",
                "home.context_processors.footer",
            ],
        },
    },
]

# --- Database: SQLite file unless DATABASE_URL is set -------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False  # services own their transactions
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A connection kept between requests is checked before its request uses it, so that a
# database restarted (or failed over) under running web servers costs no failed request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions: Redis when REDIS_URL is set, local memory otherwise ---
REDIS_URL = env("REDIS_URL", default="")


def redis_caches(url: str, *, key_prefix: str) -> dict:
    """The default cache and the sessions' cache on Redis. While Redis cannot be
    reached, the default cache stands in with each process's memory and the sessions'
    with nothing (core/cache.py): sessions are kept in the database too."""

    def on_redis(stand_in: str) -> dict:
        return {
            "BACKEND": "core.cache.RedisCacheWithStandIn",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                "STAND_IN": stand_in,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 2,
            },
        }

    return {
        "default": on_redis("django.core.cache.backends.locmem.LocMemCache"),
        "sessions": on_redis("django.core.cache.backends.dummy.DummyCache"),
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, key_prefix=env("CACHE_KEY_PREFIX", default="shop"))
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions are read from the cache and kept in the database, so they outlive a cache
# that restarts or cannot be reached.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "sessions" if REDIS_URL else "default"

# A session begins with the first cart action or sign-in; its cookie never leaves on a
# cross-site request, and forms on shared pages that carry no CSRF token (add to cart)
# check the request's Sec-Fetch-Site or Origin instead.
SESSION_COOKIE_SAMESITE = "Lax"

# --- Celery: Redis broker when REDIS_URL is set, eager otherwise --------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not (REDIS_URL or env("CELERY_BROKER_URL", default=""))
CELERY_TASK_EAGER_PROPAGATES = True
# A task's message is acknowledged when the task ends, and given back when its worker
# dies (the order emails are safe to run twice); Redis gives back what a worker took
# and never acknowledged after the visibility timeout.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "release-expired-reservations": {
        "task": "commerce.tasks.release_expired_reservations_task",
        "schedule": 60.0,
    },
    # Pages (and their variants' prices) scheduled by editors go live on the minute.
    "publish-scheduled": {"task": "home.tasks.publish_scheduled_task", "schedule": 60.0},
    # Tasks that could not reach the broker when their change committed (core/outbox.py).
    "relay-outbox": {"task": "core.tasks.relay_outbox_task", "schedule": 60.0},
}
# A broker that cannot be reached fails a send in about a second, not after minutes.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}

# --- Email: console unless EMAIL_URL is set -----------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# A send gives up after EMAIL_TIMEOUT; a sender that died mid-send leaves its claim on
# that email, which runs out after SHOP_EMAIL_CLAIM_SECONDS (commerce/emails.py).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
SHOP_EMAIL_CLAIM_SECONDS = env.int("SHOP_EMAIL_CLAIM_SECONDS", default=300)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="shop@example.com")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_profile"

# Sign-up, sign-in, verification, reset and two-factor come from django-allauth.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# The forms that set a password show its rules as one line, the failing ones marked.
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
}
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Failed sign-ins: 5 per account and client address in 15 minutes, 20 per address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/15m/ip,5/15m/key",
    "login": "30/m/ip",
    "signup": "10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    # Not allauth's own: the shop's checkout and guest order lookup use the same limiter.
    "checkout": env("CHECKOUT_RATE_LIMIT", default="30/m/ip"),
    "order_lookup": "10/m/ip",
}
# Behind a proxy that appends the client's address to X-Forwarded-For, set this to 1.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="")
# Apps sign in through allauth's headless API (its "app" client) with session tokens,
# or with JWTs when SHOP_API_JWT is set (HEADLESS_JWT_PRIVATE_KEY: a PEM RSA key).
HEADLESS_CLIENTS = ("app",)
HEADLESS_SERVE_SPECIFICATION = True
HEADLESS_SPECIFICATION_TEMPLATE_NAME = "headless/spec/redoc.html"  # served offline
SHOP_API_JWT = env.bool("SHOP_API_JWT", default=False)
if SHOP_API_JWT:
    HEADLESS_TOKEN_STRATEGY = "allauth.headless.tokens.strategies.jwt.JWTTokenStrategy"  # noqa: S105 - a class path
    HEADLESS_JWT_PRIVATE_KEY = env("HEADLESS_JWT_PRIVATE_KEY")
# Staff must set up two-factor sign-in before they reach the admin.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=False)

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]  # the shop's own words over allauth's
USE_TZ = True

# --- Static and media: local folders unless a bucket is configured ------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID", default=None)
    AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    # Product pictures are public; unsigned URLs let browsers and CDNs cache them.
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=False)
    MEDIA_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage"}
    # Only pictures are public (the README's bucket policy); documents pass through the
    # shop, which checks their privacy settings.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail --------------------------------------------------------------------
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="Shop")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Staff sign in, and reset passwords, through the storefront's rate-limited sign-in.
WAGTAILADMIN_LOGIN_URL = "account_login"
# ... and so do shoppers sent to sign in by a page's view restriction.
WAGTAIL_FRONTEND_LOGIN_URL = "/account/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No staff email hashes sent to gravatar.com; the admin shows its own avatars.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp", "bmp": "webp", "gif": "webp"}
# A small file can hold a huge picture whose first rendition takes gigabytes: refuse
# uploads above about 40 megapixels (8,000 × 5,000).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The first search server configured wins; with none, Wagtail searches the database.
SEARCH_SERVERS = [
    ("search.backends.Elasticsearch9SearchBackend", env("ELASTICSEARCH_URL", default="")),
    ("search.backends.OpenSearch3SearchBackend", env("OPENSEARCH_URL", default="")),
]
# Words are stemmed in this language, so "mugs" finds mugs: PostgreSQL's text search
# configuration and the search server's language analyzer of that name (English unless
# SEARCH_LANGUAGE names another; after a change, `manage.py update_index`).
SEARCH_LANGUAGE = env("SEARCH_LANGUAGE", default="english")
DATABASE_SEARCH = {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": SEARCH_LANGUAGE}
WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH}
for search_backend, search_url in SEARCH_SERVERS:
    if search_url:
        # The database index is kept too: it answers whenever the server cannot.
        WAGTAILSEARCH_BACKENDS["database"] = DATABASE_SEARCH
        WAGTAILSEARCH_BACKENDS["default"] = {
            "BACKEND": search_backend,
            "URLS": [search_url],
            "INDEX": env("SEARCH_INDEX", default="shop"),
        }
        break

# --- Payments: Stripe when its keys are set, the labelled demo gateway otherwise ---
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
# Another server speaking Stripe's API (localstripe in tests); empty means Stripe itself.
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
STRIPE_GATEWAY = "commerce.payments.stripe_gateway.StripeGateway"
DEMO_GATEWAY = "commerce.payments.demo.DemoGateway"
# Gateway classes by dotted path; new payments use the first, refunds the one paid with.
SHOP_PAYMENT_GATEWAYS = env.list(
    "SHOP_PAYMENT_GATEWAYS", default=[STRIPE_GATEWAY if STRIPE_SECRET_KEY else DEMO_GATEWAY]
)
# The demo gateway marks orders paid with no money moving; production refuses it unless set.
SHOP_ALLOW_DEMO_PAYMENTS = env.bool("SHOP_ALLOW_DEMO_PAYMENTS", default=True)

# --- Shop -----------------------------------------------------------------------
# Variants with this many units or fewer available show "only N left".
SHOP_LOW_STOCK_THRESHOLD = env.int("SHOP_LOW_STOCK_THRESHOLD", default=5)
# Carriers staff ship with, and where a customer follows a parcel ({number}: its tracking
# number). Staff may name another carrier; its email then carries the number alone.
SHOP_CARRIERS = {
    "Royal Mail": "https://www.royalmail.com/track-your-item#/tracking-results/{number}",
    "DPD": "https://track.dpd.co.uk/parcels/{number}",
    "DHL": "https://www.dhl.com/gb-en/home/tracking/tracking-parcel.html?tracking-id={number}",
    "Evri": "https://www.evri.com/track/parcel/{number}/details",
    "UPS": "https://www.ups.com/track?tracknum={number}",
}
SHOP_PRODUCTS_PER_PAGE = 24
# A new order holds its stock this long; once a payment starts, for the reservation
# time. Then an unpaid order is cancelled and its stock and voucher given back.
SHOP_UNPAID_HOLD_MINUTES = env.int("SHOP_UNPAID_HOLD_MINUTES", default=10)
SHOP_RESERVATION_MINUTES = env.int("SHOP_RESERVATION_MINUTES", default=30)
# One client (email, session or address) may hold this much in unpaid orders at once.
SHOP_MAX_UNPAID_ORDERS = env.int("SHOP_MAX_UNPAID_ORDERS", default=3)
SHOP_MAX_UNPAID_UNITS = env.int("SHOP_MAX_UNPAID_UNITS", default=20)
# A per-process cache keeps other workers' pages and settings stale; production refuses
# it unless set.
SHOP_ALLOW_LOCAL_CACHE = env.bool("SHOP_ALLOW_LOCAL_CACHE", default=True)
# Whole pages for shoppers without a session (core/shared_pages.py): kept this long at
# most, and by caches in front (s-maxage). Only "Only N left" counts can lag that much:
# a change of stock state or any publish shows on the next request.
SHOP_PAGE_CACHE_SECONDS = env.int("SHOP_PAGE_CACHE_SECONDS", default=60)
# The views whose pages are shared, and the query parameters that change such a page;
# a request with any other parameter is rendered for itself.
SHOP_SHARED_VIEWS = ["wagtail_serve", "search"]
SHOP_SHARED_QUERY_PARAMS = ["page", "sort", "q", "category", "price", "in_stock", "size", "colour"]
# Where links in emails point.
SHOP_BASE_URL = env("SHOP_BASE_URL", default=WAGTAILADMIN_BASE_URL)

# --- The cache in front -----------------------------------------------------------------
# nginx's proxy_cache with ngx_cache_purge (deploy/nginx.conf) or a CDN: what empties the
# shop's shared pages purges them there too, through Wagtail's frontend-cache backends.
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL", default="")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "core.edge.PurgeBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# --- Security headers ---------------------------------------------------------------
# Stripe.js loads from js.stripe.com (or the stand-in server of STRIPE_API_BASE), talks
# to api.stripe.com and frames its card fields and 3-D Secure pages.
STRIPE_ORIGINS = [STRIPE_API_BASE.rstrip("/")] if STRIPE_API_BASE else []
MEDIA_ORIGINS = []
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}" if AWS_S3_CUSTOM_DOMAIN else "https:"]
    if AWS_S3_ENDPOINT_URL and not AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS.append(AWS_S3_ENDPOINT_URL.rstrip("/"))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "https://js.stripe.com", *STRIPE_ORIGINS],
        "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com", *STRIPE_ORIGINS],
        "connect-src": ["'self'", "https://api.stripe.com", *STRIPE_ORIGINS],
        "img-src": ["'self'", "data:", "https://*.stripe.com", *MEDIA_ORIGINS],
        "style-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin still uses inline scripts and styles, and previews pages in frames.
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
    "connect-src": ["'self'", "https://releases.wagtail.org"],  # the new-version notice
    "frame-src": ["'self'", "https:"],
    "font-src": ["'self'", "data:"],
    "frame-ancestors": ["'self'"],
}
ADMIN_URL_PREFIX = "/admin/"
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "usb": [],
    "payment": ["self", "https://js.stripe.com"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["asctime", "levelname", "name", "message"],
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # One JSON line per sign-in failure, block, password reset and 2FA failure.
        "shop.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "stripe": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}


# --- REST API: /api/v1/ -------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_auth.SessionTokenAuthentication",
        *(
            ["allauth.headless.contrib.rest_framework.authentication.JWTTokenAuthentication"]
            if SHOP_API_JWT
            else []
        ),
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.problem_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", default="120/min"),
        "user": env("API_USER_RATE", default="300/min"),
        "checkout": env("API_CHECKOUT_RATE", default="20/min"),
        "cart_tokens": env("API_CART_TOKEN_RATE", default="30/hour"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Harbour & Field shop API",
    "DESCRIPTION": (
        "Everything a shopper does on the site: browse, cart, checkout, pay and orders. "
        "Sign in through the headless API at /_allauth/app/v1/ (its specification: "
        "/_allauth/openapi.html) and send its session token as X-Session-Token. Errors "
        "are RFC 9457 application/problem+json."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["core.api.only_shop_api"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
