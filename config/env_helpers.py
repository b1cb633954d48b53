"""Helpers that turn environment values into settings, failing early with a clear message."""

import environ
from django.core.exceptions import ImproperlyConfigured


def mailer_from_url(url: str) -> dict:
    """Django's MAILERS entry from an EMAIL_URL such as smtp+tls://user:pass@host:587."""
    config = environ.Env.email_url_config(url)
    backend = config["EMAIL_BACKEND"]
    if not backend.endswith("smtp.EmailBackend"):
        return {"BACKEND": backend}
    if not config.get("EMAIL_HOST"):
        raise ImproperlyConfigured(f"EMAIL_URL {url!r} names no SMTP host.")
    return {
        "BACKEND": backend,
        "OPTIONS": {
            "host": config["EMAIL_HOST"],
            "port": config.get("EMAIL_PORT") or 25,
            "username": config.get("EMAIL_HOST_USER", ""),
            "password": config.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": bool(config.get("EMAIL_USE_TLS")),
            "use_ssl": bool(config.get("EMAIL_USE_SSL")),
            "timeout": 20,
        },
    }


def require_secret_key(key: str) -> str:
    """Fail at start, with a clear message, instead of running with a guessable key."""
    if len(key) < 50 or len(set(key)) < 5:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random string of at least 50 characters "
            '(python -c "import secrets; print(secrets.token_urlsafe(64))").'
        )
    return key
