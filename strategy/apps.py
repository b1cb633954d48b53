from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategy and public consultation")

    def ready(self):
        from strategy import (  # noqa: F401  (stage checks, bench volumes)
            readiness_consultation,
            readiness_evidence,
            seeding,
        )
