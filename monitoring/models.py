"""Monitoring an approved annual action plan: reporting periods (quarters by default), each
measure's progress and budget execution per period, measured indicator values, and the recorded
corrections of closed periods.

Amounts executed are those spent *during* the period; cumulative figures are summed, never stored.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionplans.models import MAX_AMOUNT
from consultations.models import FundingSource
from core.models import Municipality

AMOUNT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)]


class ReportingPeriod(models.Model):
    """One period of the plan's year (a quarter by default); staff close it once reported."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="reporting_periods"
    )
    plan = models.ForeignKey(
        "actionplans.ActionPlan", on_delete=models.CASCADE, related_name="reporting_periods"
    )
    number = models.PositiveSmallIntegerField(_("period"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_id", "number"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="period_unique_number"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_order"),
        ]

    def __str__(self):
        return str(
            _("Period %(number)s (%(start)s – %(end)s)")
            % {
                "number": self.number,
                "start": self.start.strftime("%d.%m.%Y"),
                "end": self.end.strftime("%d.%m.%Y"),
            }
        )

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class MeasureProgress(models.Model):
    """A measure's status in one period, the beneficiaries reached and (in BudgetExecution) the
    money spent; a partner provider's report waits for staff to accept or return it."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DELAYED = "delayed", _("delayed")
        CANCELLED = "cancelled", _("cancelled")

    class Review(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("awaiting review")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="measure_progress"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="progress")
    measure = models.ForeignKey(
        "actionplans.Measure", on_delete=models.CASCADE, related_name="progress"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)
    beneficiaries_reached = models.PositiveIntegerField(
        _("beneficiaries reached"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    review = models.CharField(
        _("review"), max_length=10, choices=Review.choices, default=Review.ACCEPTED
    )
    return_reason = models.TextField(_("why it was returned"), blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by the partner"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period_id", "measure_id"]
        verbose_name = _("measure progress")
        verbose_name_plural = _("measure progress reports")
        constraints = [
            models.UniqueConstraint(fields=["period", "measure"], name="progress_once_per_period"),
        ]

    def __str__(self):
        return f"{self.measure} – {self.period}: {self.get_status_display()}"


class BudgetExecution(models.Model):
    """What one funding source paid for the measure during the period, in lei."""

    progress = models.ForeignKey(
        MeasureProgress, on_delete=models.CASCADE, related_name="executions"
    )
    source = models.CharField(_("funding source"), max_length=16, choices=FundingSource.choices)
    amount = models.DecimalField(
        _("executed (lei)"), max_digits=14, decimal_places=2, validators=AMOUNT_VALIDATORS
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["progress_id", "source"]
        verbose_name = _("budget execution")
        verbose_name_plural = _("budget execution")
        constraints = [
            models.UniqueConstraint(fields=["progress", "source"], name="execution_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="execution_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_source_display()}: {self.amount}"


class IndicatorValue(models.Model):
    """A measured value of an indicator of the strategy or of a measure, with its date and
    source."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="indicator_values"
    )
    plan = models.ForeignKey(
        "actionplans.ActionPlan", on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(
        "strategy.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("strategy indicator"),
    )
    measure_indicator = models.ForeignKey(
        "actionplans.MeasureIndicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("measure indicator"),
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicator_values",
        verbose_name=_("period"),
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    measured_on = models.DateField(_("measured on"))
    source = models.CharField(_("data source"), max_length=250)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["measured_on", "pk"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.CheckConstraint(
                condition=Q(indicator__isnull=False, measure_indicator__isnull=True)
                | Q(indicator__isnull=True, measure_indicator__isnull=False),
                name="value_of_one_indicator",
            ),
        ]

    def __str__(self):
        return f"{self.indicator or self.measure_indicator}: {self.value} ({self.measured_on})"


class Correction(models.Model):
    """A change to a closed period, with its reason and what changed (before → after)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="monitoring_corrections"
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="corrections"
    )
    measure = models.ForeignKey(
        "actionplans.Measure",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason for the correction"))
    changes = models.JSONField(_("changes"), default=dict)
    created = models.DateTimeField(_("made"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return f"{self.period}: {self.reason[:60]}"
