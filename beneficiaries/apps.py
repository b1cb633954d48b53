from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeneficiariesConfig(AppConfig):
    name = "beneficiaries"
    verbose_name = _("Beneficiary visions (SPIRAL)")

    def ready(self):
        from beneficiaries import readiness  # noqa: F401  (registers the stage's checks)
