"""Production behind HTTPS: secure cookies, HSTS, secret from the environment."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ["GONGKAI_SECRET_KEY"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = bool(int(os.environ.get("GONGKAI_SSL_REDIRECT", "1")))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
