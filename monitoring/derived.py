"""What monitoring derives, never stores: indicator trajectories, the latest status of each
measure, and what needs attention. Each function sends a constant number of queries whatever
the size of the plans."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import BudgetLine, Measure, MeasureIndicator
from actionplans.templatetags.plans import lei
from monitoring.models import BudgetExecution, IndicatorValue, MeasureProgress, ReportingPeriod
from monitoring.periods import month_end
from strategy.models import Indicator

UNDER_EXECUTION = Decimal("0.5")  # below half of the planned money, pro rata, is flagged


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def trajectory_at(start: tuple, end: tuple, on: datetime.date) -> Decimal:
    """The value a straight line from (date, value) ``start`` to ``end`` reaches on ``on``."""
    (start_day, start_value), (end_day, end_value) = start, end
    span = (end_day - start_day).days
    if span <= 0 or on >= end_day:
        return Decimal(end_value)
    if on <= start_day:
        return Decimal(start_value)
    share = Decimal((on - start_day).days) / Decimal(span)
    return Decimal(start_value) + (Decimal(end_value) - Decimal(start_value)) * share


def line_of(indicator, plan_year: int):
    """(start, end) of the trajectory: a strategy indicator from its baseline (end of the
    baseline year) to its target (end of the target year); a measure indicator from 0 at the
    start of the plan's year to its target at the year's end. None without a baseline."""
    if isinstance(indicator, MeasureIndicator):
        return (
            (datetime.date(plan_year, 1, 1), Decimal(0)),
            (_year_end(plan_year), indicator.target),
        )
    if indicator.baseline is None or indicator.baseline_year is None:
        return None
    return (
        (_year_end(indicator.baseline_year), indicator.baseline),
        (_year_end(indicator.target_year), indicator.target),
    )


def is_off_track(line, value: Decimal, on: datetime.date) -> bool:
    """Behind the trajectory at the value's date (below it when the target is higher than the
    start, above it when the indicator should fall)."""
    expected = trajectory_at(line[0], line[1], on)
    rising = line[1][1] >= line[0][1]
    return value < expected if rising else value > expected


@dataclass
class IndicatorRow:
    indicator: object
    kind: str  # "strategy" or "measure"
    values: list
    last: object
    expected: Decimal | None
    off_track: bool

    @property
    def key(self) -> str:
        return f"{'s' if self.kind == 'strategy' else 'm'}-{self.indicator.pk}"


def indicator_rows(plans) -> dict:
    """Per plan id, the rows of its strategy's and measures' indicators with their values."""
    plans = list(plans)
    if not plans:
        return {}
    by_cycle = defaultdict(list)
    for plan in plans:
        by_cycle[plan.cycle_id].append(plan)
    strategy_indicators = list(
        Indicator.objects.filter(
            specific_objective__objective__strategy__cycle_id__in=list(by_cycle)
        )
        .select_related("specific_objective__objective__strategy")
        .order_by(
            "specific_objective__objective__position",
            "specific_objective__position",
            "position",
            "pk",
        )
    )
    measure_indicators = list(
        MeasureIndicator.objects.filter(measure__plan__in=plans)
        .select_related("measure")
        .order_by("measure__position", "position", "pk")
    )
    values = defaultdict(list)
    for value in IndicatorValue.objects.filter(plan__in=plans).order_by("measured_on", "pk"):
        key = ("s", value.indicator_id) if value.indicator_id else ("m", value.measure_indicator_id)
        values[(value.plan_id, *key)].append(value)
    result = {plan.pk: [] for plan in plans}

    def row(plan, indicator, kind):
        series = values.get((plan.pk, kind[0], indicator.pk), [])
        last = series[-1] if series else None
        line = line_of(indicator, plan.year)
        expected = off = None
        if last is not None and line is not None:
            expected = trajectory_at(line[0], line[1], last.measured_on)
            off = is_off_track(line, last.value, last.measured_on)
        return IndicatorRow(indicator, kind, series, last, expected, bool(off))

    for indicator in strategy_indicators:
        cycle_id = indicator.specific_objective.objective.strategy.cycle_id
        for plan in by_cycle[cycle_id]:
            result[plan.pk].append(row(plan, indicator, "strategy"))
    plan_by_id = {plan.pk: plan for plan in plans}
    for indicator in measure_indicators:
        plan = plan_by_id[indicator.measure.plan_id]
        result[plan.pk].append(row(plan, indicator, "measure"))
    return result


def latest_progress(plans) -> dict:
    """Per measure id, its report of the latest period that has one (staff's or accepted)."""
    latest = {}
    for progress in (
        MeasureProgress.objects.filter(period__plan__in=list(plans))
        .select_related("period")
        .order_by("period__number", "pk")
    ):
        latest[progress.measure_id] = progress
    return latest


@dataclass
class AttentionItem:
    kind: str  # "overdue", "off_track", "under_executed"
    plan: object
    text: str
    url: str


def _plan_url(name, plan, **extra):
    return reverse(name, kwargs={"slug": plan.municipality.slug, "pk": plan.pk, **extra})


def attention_for(plans, *, today: datetime.date | None = None) -> list[AttentionItem]:
    """What needs attention in the approved plans: overdue measures (past their end month and
    not done), indicators off track, and budget executed below half of the planned money pro
    rata at the end of the latest closed period. A constant number of queries."""
    today = today or timezone.localdate()
    plans = list(plans)
    if not plans:
        return []
    items: list[AttentionItem] = []
    plan_by_id = {plan.pk: plan for plan in plans}
    measures = list(Measure.objects.filter(plan__in=plans).order_by("plan", "position", "pk"))
    latest = latest_progress(plans)
    periods = defaultdict(list)
    for period in ReportingPeriod.objects.filter(plan__in=plans).order_by("number"):
        periods[period.plan_id].append(period)
    planned = defaultdict(Decimal)
    for row in (
        BudgetLine.objects.filter(measure__plan__in=plans)
        .values("measure_id")
        .annotate(total=Sum("amount"))
    ):
        planned[row["measure_id"]] = row["total"] or Decimal(0)
    executed = defaultdict(Decimal)  # (measure id, period number) -> executed in the period
    for row in (
        BudgetExecution.objects.filter(progress__period__plan__in=plans)
        .values("progress__measure_id", "progress__period__number")
        .annotate(total=Sum("amount"))
    ):
        executed[(row["progress__measure_id"], row["progress__period__number"])] = row["total"]

    for measure in measures:
        plan = plan_by_id[measure.plan_id]
        progress = latest.get(measure.pk)
        status = progress.status if progress else None
        if month_end(plan.year, measure.end_month) < today and status not in (
            MeasureProgress.Status.DONE,
            MeasureProgress.Status.CANCELLED,
        ):
            items.append(
                AttentionItem(
                    "overdue",
                    plan,
                    _("%(measure)s: past its end month and not done") % {"measure": measure.title},
                    _plan_url("monitoring-plan", plan) + f"#measure-{measure.pk}",
                )
            )
        closed = [p for p in periods.get(plan.pk, []) if p.is_closed]
        total = planned.get(measure.pk, Decimal(0))
        if closed and total > 0 and status != MeasureProgress.Status.CANCELLED:
            last = closed[-1]
            start = datetime.date(plan.year, measure.start_month, 1)
            end = month_end(plan.year, measure.end_month)
            if last.end >= start:
                elapsed = min(last.end, end)
                share = Decimal((elapsed - start).days + 1) / Decimal((end - start).days + 1)
                due = total * share
                spent = sum(
                    (executed.get((measure.pk, p.number), Decimal(0)) for p in closed),
                    Decimal(0),
                )
                if spent < due * UNDER_EXECUTION:
                    items.append(
                        AttentionItem(
                            "under_executed",
                            plan,
                            _(
                                "%(measure)s: %(spent)s lei executed by %(date)s of %(due)s lei "
                                "planned by then"
                            )
                            % {
                                "measure": measure.title,
                                "spent": lei(spent, False),
                                "date": last.end.strftime("%d.%m.%Y"),
                                "due": lei(due, False),
                            },
                            _plan_url(
                                "progress-report", plan, period_pk=last.pk, measure_pk=measure.pk
                            ),
                        )
                    )
    for plan_id, rows in indicator_rows(plans).items():
        plan = plan_by_id[plan_id]
        for row in rows:
            if row.off_track:
                items.append(
                    AttentionItem(
                        "off_track",
                        plan,
                        _(
                            "%(indicator)s: %(value)s on %(date)s, behind the trajectory "
                            "(%(expected)s)"
                        )
                        % {
                            "indicator": row.indicator.name,
                            "value": lei(row.last.value, False),
                            "date": row.last.measured_on.strftime("%d.%m.%Y"),
                            "expected": lei(row.expected, False),
                        },
                        _plan_url("monitoring-indicators", plan) + f"#indicator-{row.key}",
                    )
                )
    return items
