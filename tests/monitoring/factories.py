"""Factories of monitoring: an approved plan in a cycle at the monitoring stage, its periods
and reports."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories import (
    ActionPlanFactory,
    BudgetLineFactory,
    MeasureFactory,
    UserFactory,
    decision_for,
)


def this_year() -> int:
    return timezone.localdate().year


def approved_plan(world, *, year=None, stage="monitoring", **extra):
    """The world's plan for ``year`` (this year by default), approved by an adopted decision,
    its cycle in the monitoring stage."""
    cycle = world.cycle
    cycle.active_stage = stage
    cycle.save(update_fields=["active_stage"])
    plan = ActionPlanFactory(
        municipality=world.municipality,
        cycle=cycle,
        year=year or this_year(),
        created_by=world.users["staff"],
        status="approved",
        submitted_at=timezone.now(),
        **extra,
    )
    decision_for(plan)
    return plan


def measure_with_budget(plan, *, amount="120000.00", partners=None, **extra):
    measure = MeasureFactory(plan=plan, partners=partners or [], **extra)
    BudgetLineFactory(measure=measure, source="local", amount=Decimal(amount))
    return measure


def period_of(plan, number):
    from monitoring.periods import ensure_periods

    return ensure_periods(plan)[number - 1]


class MeasureProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitoring.MeasureProgress"

    measure = factory.SubFactory(MeasureFactory)
    period = factory.LazyAttribute(lambda o: period_of(o.measure.plan, 1))
    municipality = factory.LazyAttribute(lambda o: o.measure.plan.municipality)
    status = "in_progress"
    submitted_by = factory.SubFactory(UserFactory)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "monitoring.IndicatorValue"

    municipality = factory.LazyAttribute(lambda o: o.plan.municipality)
    value = Decimal("10")
    measured_on = factory.LazyAttribute(lambda o: datetime.date(o.plan.year, 3, 31))
    source = "Registrul DAS"
    recorded_by = factory.SubFactory(UserFactory)
