from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeneficiariesConfig(AppConfig):
    name = "beneficiaries"
    verbose_name = _("Beneficiary visions (SPIRAL)")

    def ready(self):
        from beneficiaries import readiness, seeding  # noqa: F401  (checks and bench volumes)
