"""The local guide of social services kept with the providers (Law 292/2011, art. 112)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consultations.validators import validate_nomenclature_code
from core.models import Municipality, Organisation, Zone

LICENCE_WARNING_DAYS = 90


class FundingSource(models.TextChoices):
    LOCAL = "local", _("local budget")
    COUNTY = "county", _("county budget")
    STATE = "state", _("state budget")
    EU = "eu", _("EU funds")
    CONTRIBUTIONS = "contributions", _("beneficiaries' contributions")
    PRIVATE = "private", _("private funds and sponsorship")
    OTHER = "other", _("other")


def validate_funding_sources(value):
    if not isinstance(value, list) or any(v not in FundingSource.values for v in value):
        raise ValidationError(_("Unknown funding source."))


class SocialServiceQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(approved_at__isnull=False)

    def licence_expiring(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            licence_expiry__isnull=False,
            licence_expiry__lte=today + datetime.timedelta(days=LICENCE_WARNING_DAYS),
        )


class SocialService(models.Model):
    """One licensed social service of a provider, as the public guide lists it."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="social_services"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name=_("provider"),
    )
    code = models.CharField(
        _("nomenclature code"),
        max_length=30,
        help_text=_("HG 867/2015, e.g. “8790 CR-D-I”."),
        validators=[validate_nomenclature_code],
    )
    name = models.CharField(_("name"), max_length=200)
    licence_number = models.CharField(_("functioning licence number"), max_length=60, blank=True)
    licence_expiry = models.DateField(_("licence valid until"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity (places)"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    categories = models.ManyToManyField(
        "beneficiaries.BeneficiaryCategory",
        related_name="services",
        verbose_name=_("beneficiary categories"),
        blank=True,
    )
    zone = models.ForeignKey(
        Zone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("zone"),
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(43.5), MaxValueValidator(48.3)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(20.2), MaxValueValidator(29.8)],
    )
    funding_sources = models.JSONField(
        _("funding sources"), default=list, blank=True, validators=[validate_funding_sources]
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[categories])

    objects = SocialServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("social service")
        verbose_name_plural = _("social services")
        indexes = [models.Index(fields=["municipality", "code"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("service-update", kwargs={"slug": self.municipality.slug, "pk": self.pk})

    def clean(self):
        from consultations.validators import normalise_nomenclature_code

        if self.code:
            self.code = normalise_nomenclature_code(self.code)
        if self.organisation_id and self.organisation.municipality_id != self.municipality_id:
            raise ValidationError(
                {"organisation": _("The provider belongs to another municipality.")}
            )
        if self.zone_id and self.zone.municipality_id != self.municipality_id:
            raise ValidationError({"zone": _("The zone belongs to another municipality.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both the latitude and the longitude, or neither."))

    @property
    def service_type(self) -> str:
        from consultations.validators import service_type_of

        return service_type_of(self.code)

    @property
    def licence_expires_soon(self) -> bool:
        if self.licence_expiry is None:
            return False
        return self.licence_expiry <= timezone.localdate() + datetime.timedelta(
            days=LICENCE_WARNING_DAYS
        )


class ServiceChange(models.Model):
    """A provider's proposed change to its entry in the guide; staff approve or reject it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="service_changes"
    )
    service = models.ForeignKey(
        SocialService,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        help_text=_("Empty when the provider proposes a new service."),
    )
    data = models.JSONField(_("proposed entry"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("proposed change to the guide")
        verbose_name_plural = _("proposed changes to the guide")

    def __str__(self):
        return self.data.get("name", "")
