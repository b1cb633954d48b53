from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Spirala core")

    def ready(self):
        from core import readiness  # noqa: F401  (registers the core's readiness checks)
