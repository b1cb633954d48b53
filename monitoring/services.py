"""The writes of monitoring: one transaction each; a refusal raises DomainError and writes
nothing."""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import MAX_AMOUNT, ActionPlan, Measure, MeasureIndicator
from consultations.models import FundingSource
from core.exceptions import DomainError
from monitoring.models import (
    BudgetExecution,
    Correction,
    IndicatorValue,
    MeasureProgress,
    ReportingPeriod,
)
from strategy.models import Indicator

NOTE_REQUIRED = {MeasureProgress.Status.DELAYED, MeasureProgress.Status.CANCELLED}


def _require_approved(plan: ActionPlan) -> None:
    if not plan.is_approved:
        raise DomainError(
            _("Only a plan approved by the council is monitored; this plan is not approved.")
        )


def _amount(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError({field: _("Enter an amount in lei, e.g. 1.234,50.")}) from None
    if not amount.is_finite():
        raise DomainError({field: _("Enter an amount in lei, e.g. 1.234,50.")})
    if amount < 0:
        raise DomainError({field: _("The amount cannot be negative.")})
    if amount > MAX_AMOUNT:
        raise DomainError({field: _("The amount is too large.")})
    if amount != amount.quantize(Decimal("0.01")):
        raise DomainError({field: _("At most two decimals (bani).")})
    return amount


def _lock_period(period: ReportingPeriod) -> ReportingPeriod:
    return ReportingPeriod.objects.select_for_update().get(pk=period.pk)


def _snapshot(progress: MeasureProgress | None) -> dict:
    if progress is None:
        return {}
    return {
        "status": progress.status,
        "note": progress.note,
        "beneficiaries_reached": progress.beneficiaries_reached,
        "executions": {e.source: str(e.amount) for e in progress.executions.all()},
    }


def record_progress(
    *,
    period: ReportingPeriod,
    measure: Measure,
    status: str,
    note: str = "",
    beneficiaries_reached: int | None = None,
    executions: dict | None = None,
    user,
    organisation=None,
    correction_reason: str = "",
) -> MeasureProgress:
    """Record a measure's status and spending in a period: staff's report counts at once; a
    partner's (``organisation`` given) waits for staff to accept it. A closed period changes
    only through a correction with a reason."""
    plan = measure.plan
    _require_approved(plan)
    if period.plan_id != plan.pk:
        raise DomainError(_("The period belongs to another plan."))
    if status not in MeasureProgress.Status.values:
        raise DomainError({"status": _("Choose one of the statuses.")})
    note = (note or "").strip()
    if status in NOTE_REQUIRED and not note:
        raise DomainError({"note": _("Say why the measure is delayed or cancelled.")})
    if beneficiaries_reached is not None and (
        not isinstance(beneficiaries_reached, int) or beneficiaries_reached < 0
    ):
        raise DomainError({"beneficiaries_reached": _("Enter a whole number, 0 or more.")})
    cleaned = {}
    for source, value in (executions or {}).items():
        if source not in FundingSource.values:
            raise DomainError(_("Unknown funding source."))
        if value in (None, ""):
            continue
        cleaned[source] = _amount(value, f"amount_{source}")
    if organisation is not None and not measure.partners.filter(pk=organisation.pk).exists():
        raise DomainError(_("Your organisation is not a partner of this measure."))
    correction_reason = (correction_reason or "").strip()

    with transaction.atomic():
        period = _lock_period(period)
        existing = (
            MeasureProgress.objects.select_for_update()
            .filter(period=period, measure=measure)
            .first()
        )
        if period.is_closed:
            if organisation is not None:
                raise DomainError(_("The period is closed; ask the staff for a correction."))
            if not correction_reason:
                raise DomainError(
                    {
                        "correction_reason": _(
                            "The period is closed: a change needs a correction with its reason."
                        )
                    }
                )
        if organisation is not None and existing and existing.review == existing.Review.ACCEPTED:
            raise DomainError(_("The staff accepted this report already; it cannot be changed."))
        before = _snapshot(existing)
        progress = existing or MeasureProgress(
            municipality_id=plan.municipality_id, period=period, measure=measure
        )
        progress.status = status
        progress.note = note
        progress.beneficiaries_reached = beneficiaries_reached
        progress.submitted_by = user
        progress.organisation = organisation
        progress.review = (
            MeasureProgress.Review.SUBMITTED
            if organisation is not None
            else MeasureProgress.Review.ACCEPTED
        )
        progress.return_reason = ""
        progress.save()
        kept = set()
        for source, amount in cleaned.items():
            BudgetExecution.objects.update_or_create(
                progress=progress, source=source, defaults={"amount": amount}
            )
            kept.add(source)
        progress.executions.exclude(source__in=kept).delete()
        if period.is_closed:
            Correction.objects.create(
                municipality_id=plan.municipality_id,
                period=period,
                measure=measure,
                reason=correction_reason,
                changes={"before": before, "after": _snapshot(progress)},
                created_by=user,
            )
    return progress


def accept_progress(*, progress: MeasureProgress, user) -> MeasureProgress:
    with transaction.atomic():
        progress = MeasureProgress.objects.select_for_update().get(pk=progress.pk)
        if progress.review != MeasureProgress.Review.SUBMITTED:
            raise DomainError(_("Only a report awaiting review can be accepted."))
        progress.review = MeasureProgress.Review.ACCEPTED
        progress.return_reason = ""
        progress.save()
    return progress


def return_progress(*, progress: MeasureProgress, reason: str, user) -> MeasureProgress:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError({"reason": _("Say what the partner should change.")})
    with transaction.atomic():
        progress = MeasureProgress.objects.select_for_update().get(pk=progress.pk)
        if progress.review != MeasureProgress.Review.SUBMITTED:
            raise DomainError(_("Only a report awaiting review can be returned."))
        progress.review = MeasureProgress.Review.RETURNED
        progress.return_reason = reason
        progress.save()
    return progress


def close_period(*, period: ReportingPeriod, user) -> ReportingPeriod:
    """Close a period once every partner report in it was accepted or returned."""
    _require_approved(period.plan)
    with transaction.atomic():
        period = _lock_period(period)
        if period.is_closed:
            raise DomainError(_("The period is closed already."))
        if period.start > timezone.localdate():
            raise DomainError(_("A period that has not started cannot be closed."))
        if period.progress.filter(review=MeasureProgress.Review.SUBMITTED).exists():
            raise DomainError(_("Accept or return the partners' reports awaiting review first."))
        period.closed_at = timezone.now()
        period.closed_by = user
        period.save()
    return period


def record_indicator_value(
    *,
    plan: ActionPlan,
    value,
    measured_on: datetime.date,
    source: str,
    user,
    indicator: Indicator | None = None,
    measure_indicator: MeasureIndicator | None = None,
    correction_reason: str = "",
) -> IndicatorValue:
    """A measured value of a strategy indicator or a measure indicator of the plan, dated in the
    plan's year; in a closed period only as a correction with its reason."""
    _require_approved(plan)
    if (indicator is None) == (measure_indicator is None):
        raise DomainError({"indicator": _("Choose one indicator.")})
    if (
        indicator is not None
        and not Indicator.objects.filter(
            pk=indicator.pk, specific_objective__objective__strategy__cycle_id=plan.cycle_id
        ).exists()
    ):
        raise DomainError({"indicator": _("The indicator belongs to another strategy.")})
    if measure_indicator is not None and measure_indicator.measure.plan_id != plan.pk:
        raise DomainError({"indicator": _("The indicator belongs to another plan.")})
    if not isinstance(measured_on, datetime.date) or measured_on.year != plan.year:
        raise DomainError(
            {
                "measured_on": _("The date must fall in the plan's year, %(year)s.")
                % {"year": plan.year}
            }
        )
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError({"value": _("Enter a number.")}) from None
    if not number.is_finite() or abs(number) > MAX_AMOUNT:
        raise DomainError({"value": _("Enter a number.")})
    if number != number.quantize(Decimal("0.01")):
        raise DomainError({"value": _("At most two decimals.")})
    source = (source or "").strip()
    if not source:
        raise DomainError({"source": _("Name the source of the value.")})
    correction_reason = (correction_reason or "").strip()
    from monitoring.periods import ensure_periods

    with transaction.atomic():
        period = next((p for p in ensure_periods(plan) if p.start <= measured_on <= p.end), None)
        if period is not None:
            period = _lock_period(period)
        if period is not None and period.is_closed and not correction_reason:
            raise DomainError(
                {
                    "correction_reason": _(
                        "The period is closed: a change needs a correction with its reason."
                    )
                }
            )
        recorded = IndicatorValue.objects.create(
            municipality_id=plan.municipality_id,
            plan=plan,
            indicator=indicator,
            measure_indicator=measure_indicator,
            period=period,
            value=number,
            measured_on=measured_on,
            source=source,
            recorded_by=user,
        )
        if period is not None and period.is_closed:
            Correction.objects.create(
                municipality_id=plan.municipality_id,
                period=period,
                reason=correction_reason,
                changes={
                    "indicator_value": recorded.pk,
                    "value": str(number),
                    "measured_on": measured_on.isoformat(),
                },
                created_by=user,
            )
    return recorded
