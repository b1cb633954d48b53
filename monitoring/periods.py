"""The reporting periods of a plan's year, from the SPIRALA_MONITORING_PERIODS_PER_YEAR cadence."""

import calendar
import datetime

from django.conf import settings


def periods_per_year() -> int:
    return getattr(settings, "SPIRALA_MONITORING_PERIODS_PER_YEAR", 4)


def period_bounds(year: int) -> list[tuple[int, datetime.date, datetime.date]]:
    """(number, first day, last day) of each period of the year."""
    count = periods_per_year()
    months = 12 // count
    bounds = []
    for number in range(1, count + 1):
        first_month = (number - 1) * months + 1
        last_month = first_month + months - 1
        last_day = calendar.monthrange(year, last_month)[1]
        bounds.append(
            (
                number,
                datetime.date(year, first_month, 1),
                datetime.date(year, last_month, last_day),
            )
        )
    return bounds


def ensure_periods(plan) -> list:
    """The plan's periods, made once (one query when they exist)."""
    from monitoring.models import ReportingPeriod

    periods = list(ReportingPeriod.objects.filter(plan=plan).order_by("number"))
    if periods:
        return periods
    ReportingPeriod.objects.bulk_create(
        [
            ReportingPeriod(
                municipality_id=plan.municipality_id, plan=plan, number=n, start=s, end=e
            )
            for n, s, e in period_bounds(plan.year)
        ],
        ignore_conflicts=True,
    )
    return list(ReportingPeriod.objects.filter(plan=plan).order_by("number"))


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])
