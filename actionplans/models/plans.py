"""The annual action plan for social services (Law 292/2011, art. 112(3)(b) and 118), in the
structure of the framework model (Ordin MMJS 1.086/2018), and the council's vote on it.

A plan belongs to one year of a strategy cycle. Its measures sit in the sections of the legal
model, each serving a specific objective of the strategy, with budget lines per funding source.
Totals are never stored: ``actionplans.budget`` computes them in SQL.

A plan is edited while it is a draft; submitting it to the council freezes it; the council
secretary records the vote (HCL), which approves it (then it is public) or sends it back.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from consultations.models import FundingSource
from consultations.validators import normalise_nomenclature_code, validate_nomenclature_code
from core.models import Municipality

MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]
YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
MAX_AMOUNT = Decimal("999999999999.99")  # 14 digits, 2 decimals


class LegalSection(models.TextChoices):
    """The sections of the framework model of the annual action plan (Ordin MMJS 1.086/2018).

    The order and the wording follow what DOMAIN.md records of the model [R]: the Official
    Gazette text of its annex was not found, so the labels are the ones councils' plans use.
    The total budget (section 6 of the model) is computed, never typed.
    """

    EXISTING = "existing", _("Existing social services")
    NEW = "new", _("New social services to set up")
    CONTRACTING = "contracting", _("Contracting and subsidies for private providers")
    INFORMATION = "information", _("Public information activities")
    TRAINING = "training", _("Staff training")


SECTION_ORDER = {value: index for index, value in enumerate(LegalSection.values, start=1)}


class PlanQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ActionPlan.Status.APPROVED)


class ActionPlan(models.Model):
    """The annual action plan of one year of a strategy cycle."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("action plan status", "draft")
        SUBMITTED = "submitted", _("submitted to the council")
        APPROVED = "approved", _("approved by the council")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="action_plans"
    )
    cycle = models.ForeignKey(
        "core.StrategyCycle",
        on_delete=models.CASCADE,
        related_name="action_plans",
        verbose_name=_("strategy cycle"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("The general objective and the target groups, as the plan's first page says."),
    )
    local_budget_allocated = models.DecimalField(
        _("amount in the draft local budget (lei)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)],
        help_text=_(
            "What the draft local budget sets aside for social services; the plan's local-budget "
            "lines must not exceed it. Leave empty if not known yet."
        ),
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    submitted_at = models.DateTimeField(_("submitted to the council"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "-year"]
        verbose_name = _("annual action plan")
        verbose_name_plural = _("annual action plans")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "year"],
                name="plan_unique_year",
                violation_error_message=_("This strategy already has a plan for that year."),
            ),
        ]

    def __str__(self):
        return str(_("Annual action plan %(year)s") % {"year": self.year})

    def get_absolute_url(self):
        return reverse("plan-detail", kwargs={"slug": self.municipality.slug, "pk": self.pk})

    def get_public_url(self):
        return reverse("plan-public", kwargs={"slug": self.municipality.slug, "year": self.year})

    def clean(self):
        cycle = self.cycle if self.cycle_id else None
        if cycle and self.municipality_id and cycle.municipality_id != self.municipality_id:
            raise ValidationError({"cycle": _("The cycle belongs to another municipality.")})
        if cycle and self.year and not cycle.start_year <= self.year <= cycle.end_year:
            raise ValidationError(
                {
                    "year": _("The year must fall within the strategy, %(first)s–%(last)s.")
                    % {"first": cycle.start_year, "last": cycle.end_year}
                }
            )

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Measure(models.Model):
    """One row of the plan: a service kept or set up, a contract, an information or a training
    activity, serving one specific objective of the strategy."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        POSTPONED = "postponed", _("postponed")
        CANCELLED = "cancelled", _("cancelled")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="measures")
    section = models.CharField(
        _("section of the plan"), max_length=12, choices=LegalSection.choices
    )
    specific_objective = models.ForeignKey(
        "strategy.SpecificObjective",
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("specific objective served"),
    )
    title = models.CharField(_("measure"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    service = models.ForeignKey(
        "consultations.SocialService",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("existing service (from the guide)"),
    )
    service_code = models.CharField(
        _("nomenclature code"),
        max_length=30,
        blank=True,
        validators=[validate_nomenclature_code],
        help_text=_("HG 867/2015, e.g. “8790 CR-D-I”; taken from the service when one is chosen."),
    )
    service_name = models.CharField(_("service name"), max_length=200, blank=True)
    department = models.CharField(_("responsible department"), max_length=200)
    partners = models.ManyToManyField(
        "core.Organisation",
        related_name="plan_measures",
        verbose_name=_("partner organisations"),
        blank=True,
    )
    categories = models.ManyToManyField(
        "beneficiaries.BeneficiaryCategory",
        related_name="plan_measures",
        verbose_name=_("beneficiary categories"),
        blank=True,
    )
    zone = models.ForeignKey(
        "core.Zone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_measures",
        verbose_name=_("zone"),
    )
    capacity = models.PositiveIntegerField(
        _("capacity (places)"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    beneficiaries = models.PositiveIntegerField(
        _("number of beneficiaries"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1_000_000)],
    )
    staff = models.PositiveIntegerField(
        _("number of staff"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    start_month = models.PositiveSmallIntegerField(_("start month"), validators=MONTH_VALIDATORS)
    end_month = models.PositiveSmallIntegerField(_("end month"), validators=MONTH_VALIDATORS)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    unfunded = models.BooleanField(
        _("no budget needed or found"),
        default=False,
        help_text=_("Tick when the measure costs nothing or its money is not found yet."),
    )
    unfunded_reason = models.CharField(_("why it has no budget"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords(m2m_fields=[partners, categories])

    class Meta:
        ordering = ["plan", "section", "position", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_month__gte=1, start_month__lte=12, end_month__lte=12),
                name="measure_months_in_year",
            ),
            models.CheckConstraint(
                condition=Q(end_month__gte=models.F("start_month")), name="measure_months_in_order"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.service_code:
            # Spelt as in the guide (“8891cz-c-ii” is stored as “8891 CZ-C-II”).
            self.service_code = normalise_nomenclature_code(self.service_code)
        if self.start_month and self.end_month and self.end_month < self.start_month:
            errors["end_month"] = _("The measure cannot end before it starts.")
        if self.unfunded and not self.unfunded_reason.strip():
            errors["unfunded_reason"] = _("Say why the measure has no budget.")
        if self.section == LegalSection.NEW and not (self.service_code or self.service_id):
            errors["service_code"] = _("A new social service needs its nomenclature code.")
        plan = self.plan if self.plan_id else None
        if plan and self.service_id and self.service.municipality_id != plan.municipality_id:
            errors["service"] = _("The service belongs to another municipality.")
        if plan and self.zone_id and self.zone.municipality_id != plan.municipality_id:
            errors["zone"] = _("The zone belongs to another municipality.")
        if plan and self.specific_objective_id:
            strategy_cycle = self.specific_objective.objective.strategy.cycle_id
            if strategy_cycle != plan.cycle_id:
                errors["specific_objective"] = _(
                    "The specific objective belongs to another strategy."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def period_months(self) -> int:
        return self.end_month - self.start_month + 1


class MeasureIndicator(models.Model):
    """What the measure should achieve this year, optionally tied to an indicator of the
    strategy."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="indicators")
    strategy_indicator = models.ForeignKey(
        "strategy.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_indicators",
        verbose_name=_("strategy indicator"),
    )
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60)
    target = models.DecimalField(
        _("target for the year"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    achieved = models.DecimalField(
        _("achieved"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "position", "pk"]
        verbose_name = _("measure indicator")
        verbose_name_plural = _("measure indicators")

    def __str__(self):
        return self.name


class BudgetLine(models.Model):
    """The money one funding source gives a measure for the year, in lei."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="budget_lines")
    source = models.CharField(_("funding source"), max_length=16, choices=FundingSource.choices)
    programme = models.CharField(
        _("programme"),
        max_length=120,
        blank=True,
        help_text=_("For EU funds: the programme, e.g. PIDS, PEO, PR, PNRR C13."),
    )
    amount = models.DecimalField(
        _("amount (lei)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)],
    )
    note = models.CharField(_("note"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "source", "programme", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative"),
            models.UniqueConstraint(
                fields=["measure", "source", "programme"],
                name="budget_line_unique_source",
                violation_error_message=_(
                    "The measure already has a line for this source and programme."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_source_display()}: {self.amount}"

    def clean(self):
        self.programme = (self.programme or "").strip()
        if self.source == FundingSource.EU and not self.programme:
            raise ValidationError({"programme": _("Name the EU programme (e.g. PIDS, PEO, PR).")})


class ObjectiveSkipped(models.Model):
    """A specific objective that no measure serves this year, and why (a readiness check asks
    for a measure or this)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="skipped")
    specific_objective = models.ForeignKey(
        "strategy.SpecificObjective",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("specific objective"),
    )
    reason = models.TextField(_("why no measure this year"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "specific_objective"]
        verbose_name = _("objective without a measure")
        verbose_name_plural = _("objectives without a measure")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "specific_objective"],
                name="skipped_objective_once",
                violation_error_message=_("This objective already has a reason for this plan."),
            ),
        ]

    def __str__(self):
        return f"{self.plan}: {self.specific_objective}"
