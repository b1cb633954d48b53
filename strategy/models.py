"""The strategy document of a cycle, its evidence, its published versions and the public
consultation of a version (Law 52/2003).

Numbering (OS1, OS1.2, ...) is derived from the order of the rows, never typed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Membership, Municipality

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Strategy(models.Model):
    """The local strategy for social services being written in one strategy cycle."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="strategies"
    )
    cycle = models.OneToOneField(
        "core.StrategyCycle",
        on_delete=models.CASCADE,
        related_name="strategy",
        verbose_name=_("strategy cycle"),
    )
    title = models.CharField(_("title"), max_length=250)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("strategy-detail", kwargs={"slug": self.municipality.slug, "pk": self.pk})

    def clean(self):
        if self.cycle_id and self.cycle.municipality_id != self.municipality_id:
            raise ValidationError({"cycle": _("The cycle belongs to another municipality.")})


class Section(models.Model):
    """A chapter of text: context, diagnosis, vision... Its body is sanitised HTML."""

    class Kind(models.TextChoices):
        CONTEXT = "context", _("context")
        DIAGNOSIS = "diagnosis", _("diagnosis")
        VISION = "vision", _("vision and values")
        IMPLEMENTATION = "implementation", _("implementation and monitoring")
        OTHER = "other", _("other")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(_("text"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title


class Guideline(models.Model):
    """A guideline (linie directoare) that strategic objectives follow."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="guidelines")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "position", "pk"]
        verbose_name = _("guideline")
        verbose_name_plural = _("guidelines")

    def __str__(self):
        return self.title


class StrategicObjective(models.Model):
    """A strategic objective (OSn) and the evidence behind it."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="objectives")
    guideline = models.ForeignKey(
        Guideline,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objectives",
        verbose_name=_("guideline"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    dimensions = models.ManyToManyField(
        "beneficiaries.SpiralDimension",
        related_name="objectives",
        verbose_name=_("SPIRAL dimensions"),
        blank=True,
    )
    statements = models.ManyToManyField(
        "beneficiaries.Statement",
        related_name="objectives",
        verbose_name=_("beneficiaries' statements"),
        blank=True,
    )
    answers = models.ManyToManyField(
        "consultations.Answer",
        related_name="objectives",
        verbose_name=_("providers' answers"),
        blank=True,
    )
    proposals = models.ManyToManyField(
        "consultations.GroupProposal",
        related_name="objectives",
        verbose_name=_("working-group proposals"),
        blank=True,
    )
    history = HistoricalRecords(m2m_fields=[dimensions, statements, answers, proposals])

    class Meta:
        ordering = ["strategy", "position", "pk"]
        verbose_name = _("strategic objective")
        verbose_name_plural = _("strategic objectives")

    def __str__(self):
        return self.title

    def clean(self):
        if self.guideline_id and self.guideline.strategy_id != self.strategy_id:
            raise ValidationError({"guideline": _("The guideline belongs to another strategy.")})


class SpecificObjective(models.Model):
    """A specific objective (OSn.m) under a strategic objective."""

    objective = models.ForeignKey(
        StrategicObjective, on_delete=models.CASCADE, related_name="specific_objectives"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "position", "pk"]
        verbose_name = _("specific objective")
        verbose_name_plural = _("specific objectives")

    def __str__(self):
        return self.title


class Indicator(models.Model):
    """How a specific objective is measured: a baseline and a target, each with its year."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("monthly")
        QUARTERLY = "quarterly", _("quarterly")
        HALF_YEARLY = "half_yearly", _("every six months")
        YEARLY = "yearly", _("yearly")
        END = "end", _("at the end of the strategy")

    specific_objective = models.ForeignKey(
        SpecificObjective, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target year"), validators=YEAR_VALIDATORS)
    source = models.CharField(_("data source"), max_length=250)
    frequency = models.CharField(
        _("frequency"), max_length=12, choices=Frequency.choices, default=Frequency.YEARLY
    )
    measured_by = models.CharField(_("measured by"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["specific_objective", "position", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    def clean(self):
        if (self.baseline is None) != (self.baseline_year is None):
            raise ValidationError(_("Give the baseline together with its year, or neither."))
        if self.baseline_year and self.target_year and self.target_year < self.baseline_year:
            raise ValidationError(
                {"target_year": _("The target year cannot come before the baseline year.")}
            )


class StrategyVersion(models.Model):
    """A published, immutable, numbered version of the document (a JSON snapshot)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(editable=False)
    note = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_("Shown with the version; e.g. after consultation."),
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["strategy", "-number"]
        verbose_name = _("strategy version")
        verbose_name_plural = _("strategy versions")
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="version_unique_number")
        ]

    def __str__(self):
        return f"v{self.number}"


# --- Public consultation (Law 52/2003) -------------------------------------------------------


class PublicConsultation(models.Model):
    """The public consultation of one published version, with its statutory dates."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="public_consultations"
    )
    version = models.OneToOneField(
        StrategyVersion,
        on_delete=models.PROTECT,
        related_name="consultation",
        verbose_name=_("version put to consultation"),
    )
    justification = models.TextField(
        _("justification note"),
        help_text=_("The note (referat) that explains why the strategy is needed."),
    )
    announced_on = models.DateField(_("announced on"))
    comments_until = models.DateField(_("recommendations until (inclusive)"))
    earliest_submission = models.DateField(_("earliest submission to the council"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-announced_on"]
        verbose_name = _("public consultation")
        verbose_name_plural = _("public consultations")

    def __str__(self):
        return str(self.version.strategy)

    @property
    def cycle(self):
        """The strategy cycle, so that `stage_allows` predicates can read its stage."""
        return self.version.strategy.cycle

    def accepts_comments(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.announced_on <= today <= self.comments_until


class Comment(models.Model):
    """A recommendation on a part of the draft; hidden by moderation, never deleted."""

    class Target(models.TextChoices):
        DOCUMENT = "document", _("the whole draft")
        SECTION = "section", _("section")
        OBJECTIVE = "objective", _("strategic objective")
        SPECIFIC = "specific", _("specific objective")
        INDICATOR = "indicator", _("indicator")

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        PARTLY = "partly", _("partly accepted")
        REJECTED = "rejected", _("rejected")

    consultation = models.ForeignKey(
        PublicConsultation, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    stakeholder_kind = models.CharField(
        _("stakeholder type"), max_length=12, choices=Membership.PublicKind.choices
    )
    target = models.CharField(_("on"), max_length=10, choices=Target.choices)
    target_id = models.PositiveIntegerField(null=True, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    text = models.TextField(_("recommendation"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    answer_reason = models.TextField(_("reasons"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resulting_version = models.ForeignKey(
        StrategyVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answered_comments",
        verbose_name=_("changed in version"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "created_at", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [
            models.Index(fields=["consultation", "target", "target_id"]),
            models.Index(fields=["author", "created_at"]),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)


class DebateRequest(models.Model):
    """A written request for a public debate (art. 7(9)); mandatory when an association asks."""

    consultation = models.ForeignKey(
        PublicConsultation, on_delete=models.CASCADE, related_name="debate_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation_name = models.CharField(_("on behalf of"), max_length=250)
    reason = models.TextField(_("why a public debate"), blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("request for a public debate")
        verbose_name_plural = _("requests for a public debate")

    def __str__(self):
        return self.organisation_name


class Debate(models.Model):
    """A public debate on the draft: announced with its notice period, then its minutes."""

    consultation = models.ForeignKey(
        PublicConsultation, on_delete=models.CASCADE, related_name="debates"
    )
    announced_on = models.DateField(_("announced on"))
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=250)
    minutes = models.TextField(_("minutes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("public debate")
        verbose_name_plural = _("public debates")

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d}"
