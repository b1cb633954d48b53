"""Production: every secret from the environment; HTTPS only; a bad value fails at start."""

from .base import *  # noqa: F403
from .base import env, mailer_from_url, require_secret_key

DEBUG = False
SECRET_KEY = require_secret_key(env.str("DJANGO_SECRET_KEY", default=""))
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# E-mail must really go out in production: EMAIL_URL is required (smtp+tls://user:pass@host:587).
MAILERS = {"default": mailer_from_url(env.str("EMAIL_URL"))}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL")
