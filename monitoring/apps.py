from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Implementation monitoring")

    def ready(self):
        from monitoring import rules  # noqa: F401  (permissions)
