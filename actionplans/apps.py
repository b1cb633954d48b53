from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlansConfig(AppConfig):
    name = "actionplans"
    verbose_name = _("Annual action plans")

    def ready(self):
        from actionplans import (  # noqa: F401  (permissions, stage checks, files, bench volumes)
            dossier,
            files,
            readiness,
            rules,
            seeding,
        )
