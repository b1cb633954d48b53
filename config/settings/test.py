"""Tests: the database and Redis from the environment (CI), SQLite and eager tasks otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key-7f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests call tasks eagerly; the ones marked `worker` switch this off and use the real worker.
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = env.path("SPIRALA_MEDIA_ROOT", default=str(BASE_DIR / ".test-media"))  # noqa: F405
AXES_FAILURE_LIMIT = 5
# No base map in tests: nothing is fetched from outside, whatever the environment says.
SPIRALA_MAP_TILES_URL = ""
SPIRALA_MAP_TILES_ATTRIBUTION = ""
SECURE_CSP = {  # noqa: F405
    **SECURE_CSP,  # noqa: F405
    "img-src": [s for s in SECURE_CSP["img-src"] if s != MAP_TILES_ORIGIN],  # noqa: F405
}
MAP_TILES_ORIGIN = ""
