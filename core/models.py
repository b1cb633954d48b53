"""What every stage shares: municipalities, zones, organisations, roles and the strategy cycle."""

import json
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from consultations.validators import normalise_cif, validate_cif
from core.stages import STAGES, Stage, get_stage


class User(AbstractUser):
    """A person who logs in; what they may do comes from their roles per municipality."""

    email = models.EmailField(_("e-mail address"), unique=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


class Municipality(models.Model):
    """A UAT (administrative-territorial unit) whose social-assistance service runs Spirala."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipiu", pgettext_lazy("UAT type", "municipality")
        TOWN = "oras", _("town")
        COMMUNE = "comuna", _("commune")
        SECTOR = "sector", _("Bucharest sector")
        COUNTY = "judet", _("county")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in addresses"), unique=True)
    county = models.CharField(_("county"), max_length=60)
    siruta = models.CharField(
        _("SIRUTA code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{4,6}$", _("A SIRUTA code has 4 to 6 digits."))],
    )
    kind = models.CharField(
        _("type"), max_length=12, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    department = models.CharField(
        _("social-assistance department"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Direcția de Asistență Socială a Municipiului …"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("municipality-detail", kwargs={"slug": self.slug})


def validate_geojson(value):
    """Accept a GeoJSON Polygon/MultiPolygon geometry, Feature or FeatureCollection."""
    if value in (None, "", {}):
        return
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise ValidationError(_("The outline is not valid JSON.")) from exc
    if not isinstance(value, dict) or "type" not in value:
        raise ValidationError(_("The outline must be a GeoJSON object with a “type”."))
    allowed = {"Polygon", "MultiPolygon", "Feature", "FeatureCollection"}
    if value["type"] not in allowed:
        raise ValidationError(
            _("The outline must be a Polygon, MultiPolygon, Feature or FeatureCollection.")
        )


class Zone(models.Model):
    """A neighbourhood or intervention zone; the map of needs is analysed per zone."""

    class Kind(models.TextChoices):
        NEIGHBOURHOOD = "cartier", _("neighbourhood")
        MARGINALISED = "zum", _("marginalised urban area")
        VILLAGE = "sat", _("village")
        INTERVENTION = "interventie", _("intervention zone")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="zones", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("type"), max_length=12, choices=Kind.choices, default=Kind.NEIGHBOURHOOD
    )
    priority_rank = models.PositiveSmallIntegerField(
        _("priority rank"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("1 is the highest priority; leave empty when not ranked."),
    )
    outline = models.JSONField(
        _("outline (GeoJSON)"), null=True, blank=True, validators=[validate_geojson]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality", models.F("priority_rank").asc(nulls_last=True), "name"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="zone_unique_name",
                violation_error_message=_("A zone with this name already exists here."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("zone-update", kwargs={"slug": self.municipality.slug, "pk": self.pk})


class Organisation(models.Model):
    """A provider of social services (or a representative organisation) in a municipality."""

    class Kind(models.TextChoices):
        """The legal form (Law 197/2012 accredits associations, foundations, public services,
        companies and religious units as providers)."""

        ASSOCIATION = "asociatie", _("association")
        FOUNDATION = "fundatie", _("foundation")
        PUBLIC = "public", _("public service")
        PRIVATE = "privat", _("private company")
        RELIGIOUS = "cult", _("religious unit")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("legal form"), max_length=10, choices=Kind.choices)
    cif = models.CharField(
        _("fiscal code (CIF)"),
        max_length=12,
        blank=True,
        validators=[validate_cif],
        help_text=_("Digits only; the “RO” prefix is removed."),
    )
    accreditation_number = models.CharField(
        _("accreditation certificate number"),
        max_length=40,
        blank=True,
        help_text=_("Accreditation as a provider of social services (Law 197/2012)."),
    )
    accreditation_date = models.DateField(_("accreditation date"), null=True, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    zones_served = models.ManyToManyField(
        "Zone", related_name="organisations_serving", verbose_name=_("zones served"), blank=True
    )
    history = HistoricalRecords(m2m_fields=[zones_served])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="organisation_unique_name",
                violation_error_message=_("An organisation with this name already exists here."),
            ),
            models.UniqueConstraint(
                fields=["municipality", "cif"],
                condition=~Q(cif=""),
                name="organisation_unique_cif",
                violation_error_message=_(
                    "An organisation with this fiscal code already exists here."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "organisation-update", kwargs={"slug": self.municipality.slug, "pk": self.pk}
        )

    def clean(self):
        self.cif = normalise_cif(self.cif)
        if self.accreditation_date and self.accreditation_date > timezone.localdate():
            raise ValidationError(
                {"accreditation_date": _("The accreditation date cannot be in the future.")}
            )


class Role(models.TextChoices):
    ADMINISTRATOR = "admin", _("administrator")
    STAFF = "staff", _("social-service staff")
    FACILITATOR = "facilitator", _("facilitator")
    PROVIDER = "provider", _("provider member")
    SECRETARY = "secretary", _("council secretary")
    PUBLIC = "public", _("public")


class MembershipQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


class Membership(models.Model):
    """One role of one user in one municipality; a user may hold several, in several places."""

    class PublicKind(models.TextChoices):
        CITIZEN = "cetatean", _("citizen")
        BENEFICIARY = "beneficiar", _("beneficiary")
        ORGANISATION = "organizatie", _("organisation representative")
        COUNCILLOR = "consilier", _("local councillor")
        ACADEMIC = "academic", _("academic")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    is_organisation_admin = models.BooleanField(_("organisation administrator"), default=False)
    public_kind = models.CharField(
        _("stakeholder type"), max_length=12, choices=PublicKind.choices, blank=True
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "role", "user__last_name"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=Q(role="provider", organisation__isnull=False)
                | (~Q(role="provider") & Q(organisation__isnull=True)),
                name="membership_provider_has_organisation",
            ),
            models.CheckConstraint(
                condition=Q(role="provider") | Q(is_organisation_admin=False),
                name="membership_org_admin_only_for_providers",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.municipality})"

    def clean(self):
        if self.role == Role.PROVIDER and not self.organisation_id:
            raise ValidationError(
                {"organisation": _("A provider member belongs to an organisation.")}
            )
        if self.role != Role.PROVIDER:
            if self.organisation_id:
                raise ValidationError(
                    {"organisation": _("Only provider members belong to an organisation.")}
                )
            self.is_organisation_admin = False
        if (
            self.organisation_id
            and self.municipality_id
            and self.organisation.municipality_id != self.municipality_id
        ):
            raise ValidationError(
                {"organisation": _("The organisation belongs to another municipality.")}
            )
        if self.role != Role.PUBLIC:
            self.public_kind = ""


class StrategyCycleQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def current_for(self, municipality):
        """The cycle a municipality works on now: the one that starts last."""
        return self.filter(municipality=municipality).order_by("-start_year", "-pk").first()


class StrategyCycle(models.Model):
    """One strategy (e.g. 2026–2030) moving through the ordered stages, one active at a time."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="cycles",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    active_stage = models.CharField(
        _("active stage"),
        max_length=30,
        choices=[(s.key, s.label) for s in STAGES],
        default=STAGES[0].key,
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = StrategyCycleQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "-start_year"]
        verbose_name = _("strategy cycle")
        verbose_name_plural = _("strategy cycles")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="cycle_years_in_order"
            ),
            models.UniqueConstraint(
                fields=["municipality", "title"],
                name="cycle_unique_title",
                violation_error_message=_("A strategy cycle with this title already exists here."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cycle-detail", kwargs={"slug": self.municipality.slug, "pk": self.pk})

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year cannot come before the first.")})

    @property
    def stage(self) -> Stage:
        return get_stage(self.active_stage)

    @property
    def next_stage(self) -> Stage | None:
        return self.stage.next

    @property
    def previous_stage(self) -> Stage | None:
        return self.stage.previous


class StageTransition(models.Model):
    """Who moved a cycle from one stage to another, when, and why (for a rollback)."""

    class Direction(models.TextChoices):
        ADVANCE = "advance", _("advanced")
        ROLLBACK = "rollback", _("rolled back")

    cycle = models.ForeignKey(
        StrategyCycle,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("strategy cycle"),
    )
    from_stage = models.CharField(_("from stage"), max_length=30)
    to_stage = models.CharField(_("to stage"), max_length=30)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    reason = models.TextField(_("reason"), blank=True)
    checks_summary = models.JSONField(
        _("checks at the time"),
        default=list,
        help_text=_("The readiness checks of the stage left, as they stood."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    notified = models.PositiveIntegerField(
        _("e-mails sent"), null=True, blank=True, help_text=_("Filled in by the notification task.")
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("stage transition")
        verbose_name_plural = _("stage transitions")

    def __str__(self):
        return f"{self.cycle}: {self.from_stage} → {self.to_stage}"

    @property
    def from_stage_label(self):
        return get_stage(self.from_stage).label

    @property
    def to_stage_label(self):
        return get_stage(self.to_stage).label


class GeneratedFile(models.Model):
    """A file made by a background task (a PDF, an XLSX): the row is created first, the task fills
    it, the page polls its state, and the download checks permission (the stored-file pattern)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="generated_files"
    )
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(upload_to="generated/%Y/%m/", max_length=200, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    language = models.CharField(max_length=10, default="ro")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("generated file")
        verbose_name_plural = _("generated files")
        indexes = [models.Index(fields=["municipality", "kind", "-created_at"])]

    def __str__(self):
        return self.filename or self.kind

    def get_absolute_url(self):
        """The waiting page: a progress bar while the file is made, then its download."""
        return reverse("generated-file", args=[self.municipality.slug, self.pk])
