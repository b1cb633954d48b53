"""SPIRAL sessions of homogeneous beneficiary groups and the statements they produce.

No participant's name or identity is stored: a session records only the group's profile
(category, zone, counts by sex and age band) and the consent given.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Municipality, StrategyCycle, Zone


class BilingualName(models.Model):
    """Reference data named in Romanian and English; `name` follows the active language."""

    name_ro = models.CharField(_("name (Romanian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "ro").startswith("en") else self.name_ro


class SpiralFamily(BilingualName):
    code = models.CharField(_("code"), max_length=1, unique=True)
    verified = models.BooleanField(_("label checked in a source"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("SPIRAL family")
        verbose_name_plural = _("SPIRAL families")


class SpiralDimension(BilingualName):
    family = models.ForeignKey(
        SpiralFamily, on_delete=models.PROTECT, related_name="dimensions", verbose_name=_("family")
    )
    code = models.CharField(_("code"), max_length=3, unique=True)
    verified = models.BooleanField(_("label checked in a source"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("SPIRAL dimension")
        verbose_name_plural = _("SPIRAL dimensions")

    def __str__(self):
        return f"{self.code} {self.name}"


class BeneficiaryCategory(models.Model):
    """A group of beneficiaries (e.g. older people); each municipality keeps its own list."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="beneficiary_categories",
        verbose_name=_("municipality"),
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    selected = models.BooleanField(
        _("consulted in this strategy"),
        default=True,
        help_text=_("Selected categories need at least one SPIRAL session."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("beneficiary category")
        verbose_name_plural = _("beneficiary categories")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="category_unique_key"),
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="category_unique_name",
                violation_error_message=_("A category with this name already exists here."),
            ),
        ]

    def __str__(self):
        return self.name


class Question(models.TextChoices):
    WELLBEING = "wellbeing", _("Well-being")
    ILLBEING = "illbeing", _("Ill-being")
    WHAT_I_DO = "what_i_do", _("What I do")
    TOGETHER = "together", _("What we can do together")


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user, municipality, *, manages: bool):
        """Staff see every session of the municipality; a facilitator only those assigned."""
        sessions = self.filter(municipality=municipality)
        return sessions if manages else sessions.filter(facilitators=user)


class SpiralSession(models.Model):
    """One meeting of a homogeneous group answering the SPIRAL questions."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="spiral_sessions"
    )
    cycle = models.ForeignKey(
        StrategyCycle,
        on_delete=models.CASCADE,
        related_name="spiral_sessions",
        verbose_name=_("strategy cycle"),
    )
    category = models.ForeignKey(
        BeneficiaryCategory,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("beneficiary category"),
    )
    group_name = models.CharField(
        _("group"), max_length=160, help_text=_("E.g. “Vârstnici – Cartier Ferneziu”.")
    )
    zone = models.ForeignKey(
        Zone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spiral_sessions",
        verbose_name=_("zone"),
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="spiral_sessions", verbose_name=_("facilitators")
    )
    women = models.PositiveSmallIntegerField(
        _("women"), default=0, validators=[MaxValueValidator(99)]
    )
    men = models.PositiveSmallIntegerField(_("men"), default=0, validators=[MaxValueValidator(99)])
    age_under_18 = models.PositiveSmallIntegerField(_("under 18"), default=0)
    age_18_34 = models.PositiveSmallIntegerField(_("18–34 years"), default=0)
    age_35_64 = models.PositiveSmallIntegerField(_("35–64 years"), default=0)
    age_65_plus = models.PositiveSmallIntegerField(_("65 years and over"), default=0)
    consent_recorded = models.BooleanField(
        _("participants' consent recorded"),
        default=False,
        help_text=_("The participants heard the information notice and agreed to take part."),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[facilitators])

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "group_name"]
        verbose_name = _("SPIRAL session")
        verbose_name_plural = _("SPIRAL sessions")

    def __str__(self):
        return f"{self.group_name} ({self.date:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse(
            "spiral-session-detail", kwargs={"slug": self.municipality.slug, "pk": self.pk}
        )

    @property
    def participants(self) -> int:
        return self.women + self.men

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def clean(self):
        ages = self.age_under_18 + self.age_18_34 + self.age_35_64 + self.age_65_plus
        if ages and ages != self.participants:
            raise ValidationError(
                _("The age bands add up to %(ages)d but the group has %(n)d participants.")
                % {"ages": ages, "n": self.participants}
            )
        if self.participants > 15:
            raise ValidationError(
                _("A SPIRAL group has 8–10 people (split it above 12); %(n)d is too many.")
                % {"n": self.participants}
            )
        if self.zone_id and self.zone.municipality_id != self.municipality_id:
            raise ValidationError({"zone": _("The zone belongs to another municipality.")})
        if self.category_id and self.category.municipality_id != self.municipality_id:
            raise ValidationError({"category": _("The category belongs to another municipality.")})


class Statement(models.Model):
    """One criterion said by the group, transcribed without any identity."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(SpiralSession, on_delete=models.CASCADE, related_name="statements")
    question = models.CharField(_("question"), max_length=12, choices=Question.choices)
    text = models.TextField(_("statement"), max_length=1000)
    personal_data_confirmed = models.BooleanField(
        _("checked: holds no personal data"),
        default=False,
        help_text=_(
            "Set when the text looked like personal data and the facilitator confirmed it."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "question", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        indexes = [models.Index(fields=["municipality", "question"])]

    def __str__(self):
        return self.text[:80]


class CodingRound(models.TextChoices):
    PRIMARY = "primary", _("coding")
    SECOND = "second", _("second coding (for agreement)")


class StatementCode(models.Model):
    """A statement assigned to a SPIRAL dimension; the primary round feeds the analysis."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="codes")
    dimension = models.ForeignKey(
        SpiralDimension, on_delete=models.PROTECT, related_name="codes", verbose_name=_("dimension")
    )
    round = models.CharField(
        _("round"), max_length=8, choices=CodingRound.choices, default=CodingRound.PRIMARY
    )
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    suggested = models.BooleanField(_("accepted from a suggestion"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["statement", "dimension__code"]
        verbose_name = _("statement code")
        verbose_name_plural = _("statement codes")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "dimension", "round"], name="code_unique_per_round"
            )
        ]
        indexes = [models.Index(fields=["round", "statement"])]

    def __str__(self):
        return f"{self.statement_id} → {self.dimension.code}"


class CodingModelRecord(models.Model):
    """A suggestion model trained on a municipality's own coded statements, with its accuracy."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(_("trained"), auto_now_add=True)
    trained_on = models.PositiveIntegerField(_("coded statements used"))
    test_count = models.PositiveIntegerField(_("held-out statements"), default=0)
    top1_accuracy = models.FloatField(_("best suggestion right"), null=True)
    top3_accuracy = models.FloatField(_("right code among the first three"), null=True)
    blob = models.BinaryField()

    class Meta:
        ordering = ["-created"]
        get_latest_by = "created"
        verbose_name = _("coding suggestion model")
        verbose_name_plural = _("coding suggestion models")

    def __str__(self):
        return f"{self.municipality_id}: {self.created:%Y-%m-%d %H:%M} ({self.trained_on})"

    @property
    def top1_percent(self) -> str:
        return "—" if self.top1_accuracy is None else f"{round(100 * self.top1_accuracy)}%"

    @property
    def top3_percent(self) -> str:
        return "—" if self.top3_accuracy is None else f"{round(100 * self.top3_accuracy)}%"


class MapLevel(models.TextChoices):
    """How finely a published map of needs breaks the statements down (coarser: fewer hidden)."""

    DETAILED = "detailed", _("Families × groups and zones, well-being and ill-being apart")
    COMBINED = (
        "combined",
        _(
            "Families × groups and zones, well-being and ill-being together; "
            "top dimensions for the whole municipality"
        ),
    )
    MUNICIPALITY = "municipality", _("The whole municipality only: families and top dimensions")


class NeedsAnalysis(models.Model):
    """A published, frozen version of the map of needs; the public sees only these."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(
        StrategyCycle, on_delete=models.CASCADE, related_name="needs_analyses"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    level = models.CharField(
        _("level of detail"), max_length=12, choices=MapLevel.choices, default=MapLevel.DETAILED
    )
    data = models.JSONField(_("published figures"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"
        verbose_name = _("published map of needs")
        verbose_name_plural = _("published maps of needs")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="analysis_unique_number")
        ]

    def __str__(self):
        return _("Map of needs, version %(n)d") % {"n": self.number}
