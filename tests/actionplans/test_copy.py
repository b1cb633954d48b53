"""Copying last year's plan as the start of this year's: everything the office typed comes
along, results and statuses start again, and a failure leaves nothing behind."""

from decimal import Decimal
from unittest import mock

import pytest

from actionplans import editing
from actionplans.models import ActionPlan, BudgetLine, Measure, MeasureIndicator, ObjectiveSkipped
from core.exceptions import DomainError
from tests.actionplans.helpers_plans import plan_in
from tests.factories import (
    BeneficiaryCategoryFactory,
    BudgetLineFactory,
    IndicatorFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    SocialServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(world):
    plan = plan_in(world, year=2026)
    plan.introduction = "Obiectivul general: creșterea calității vieții vârstnicilor."
    plan.local_budget_allocated = Decimal("5000000.00")
    plan.save()
    category = BeneficiaryCategoryFactory(municipality=world.municipality)
    service = SocialServiceFactory(municipality=world.municipality)
    strategy_indicator = IndicatorFactory(specific_objective=plan.objectives[0])
    home_care = MeasureFactory(
        plan=plan,
        section="existing",
        specific_objective=plan.objectives[0],
        title="Îngrijire la domiciliu",
        description="Servicii de îngrijire și menaj.",
        service=service,
        service_code="8810 ID-I",
        service_name="Îngrijire la domiciliu",
        department="Serviciul Vârstnici",
        zone=world.zone,
        capacity=60,
        beneficiaries=80,
        staff=12,
        start_month=2,
        end_month=11,
        status=Measure.Status.DONE,
        position=3,
        partners=[world.org_a, world.org_b],
        categories=[category],
    )
    BudgetLineFactory(measure=home_care, source="local", amount=Decimal("1150000.00"), note="HCL")
    BudgetLineFactory(measure=home_care, source="eu", programme="PIDS", amount=Decimal("99.50"))
    MeasureIndicatorFactory(
        measure=home_care,
        strategy_indicator=strategy_indicator,
        name="Vârstnici îngrijiți",
        unit="persoane",
        target=Decimal("80"),
        achieved=Decimal("76"),
        position=1,
    )
    MeasureFactory(
        plan=plan,
        section="training",
        specific_objective=plan.objectives[0],
        title="Instruirea îngrijitorilor",
        unfunded=True,
        unfunded_reason="Instruire internă, fără costuri",
        status=Measure.Status.CANCELLED,
    )
    ObjectiveSkipped.objects.create(
        plan=plan, specific_objective=plan.objectives[1], reason="Finanțare PIDS abia în 2028."
    )
    return plan


MEASURE_FIELDS = [
    "section",
    "specific_objective_id",
    "title",
    "description",
    "service_id",
    "service_code",
    "service_name",
    "department",
    "zone_id",
    "capacity",
    "beneficiaries",
    "staff",
    "start_month",
    "end_month",
    "unfunded",
    "unfunded_reason",
    "position",
]


def _copy(world, source, year=2027):
    return editing.create_plan(
        municipality=world.municipality,
        cycle=world.cycle,
        year=year,
        copy_from=source,
        user=world.users["staff"],
    )


def test_every_field_and_relation_of_the_measures_is_copied(world, last_year):
    plan = _copy(world, last_year)
    assert (plan.status, plan.copied_from, plan.year) == ("draft", last_year, 2027)
    assert plan.introduction == last_year.introduction
    assert plan.local_budget_allocated == Decimal("5000000.00")
    originals = list(last_year.measures.order_by("section", "pk"))
    copies = list(plan.measures.order_by("section", "pk"))
    assert len(copies) == len(originals) == 2
    for original, copy in zip(originals, copies, strict=True):
        assert copy.pk != original.pk
        for name in MEASURE_FIELDS:
            assert getattr(copy, name) == getattr(original, name), name
        assert copy.status == Measure.Status.PLANNED
        assert set(copy.partners.all()) == set(original.partners.all())
        assert set(copy.categories.all()) == set(original.categories.all())
        assert sorted(copy.budget_lines.values_list("source", "programme", "amount", "note")) == (
            sorted(original.budget_lines.values_list("source", "programme", "amount", "note"))
        )
    home_care = plan.measures.get(section="existing")
    indicator = home_care.indicators.get()
    assert (indicator.name, indicator.unit, indicator.target, indicator.position) == (
        "Vârstnici îngrijiți",
        "persoane",
        Decimal("80"),
        1,
    )
    assert indicator.strategy_indicator is not None
    assert indicator.achieved is None
    skipped = plan.skipped.get()
    assert (skipped.specific_objective, skipped.reason) == (
        last_year.objectives[1],
        "Finanțare PIDS abia în 2028.",
    )
    # the source plan is untouched
    assert last_year.measures.get(section="existing").indicators.get().achieved == Decimal("76")
    assert last_year.measures.filter(status=Measure.Status.DONE).count() == 1


def test_the_copy_leaves_an_audit_trail(world, last_year):
    plan = _copy(world, last_year)
    assert plan.history.get().history_user == world.users["staff"]
    copied = plan.measures.get(section="existing")
    assert copied.history.get().history_user == world.users["staff"]
    assert BudgetLine.history.filter(measure_id=copied.pk).count() == 2


def test_a_failure_midway_writes_nothing(world, last_year):
    before = (
        ActionPlan.objects.count(),
        Measure.objects.count(),
        BudgetLine.objects.count(),
        MeasureIndicator.objects.count(),
        ObjectiveSkipped.objects.count(),
    )
    with (
        mock.patch.object(BudgetLine.objects, "bulk_create", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        _copy(world, last_year)
    after = (
        ActionPlan.objects.count(),
        Measure.objects.count(),
        BudgetLine.objects.count(),
        MeasureIndicator.objects.count(),
        ObjectiveSkipped.objects.count(),
    )
    assert after == before


def test_the_copy_takes_a_constant_number_of_queries(world, last_year):
    from tests.utils import count_queries

    small = count_queries(lambda: _copy(world, last_year, year=2027))
    for index in range(10):
        measure = MeasureFactory(plan=last_year, specific_objective=last_year.objectives[0])
        BudgetLineFactory(measure=measure)
        MeasureIndicatorFactory(measure=measure, name=f"Indicator {index}")
        measure.partners.set([world.org_a])
    large = count_queries(lambda: _copy(world, last_year, year=2028))
    assert large == small


def test_a_plan_of_another_cycle_cannot_be_copied(world, last_year):
    from tests.factories import StrategyCycleFactory, specific_objective_for

    cycle = StrategyCycleFactory(
        municipality=world.municipality,
        title="Strategia 2031–2035",
        start_year=2031,
        end_year=2035,
        active_stage="action_plan",
    )
    specific_objective_for(cycle)
    with pytest.raises(DomainError, match="same strategy cycle"):
        editing.create_plan(
            municipality=world.municipality,
            cycle=cycle,
            year=2031,
            copy_from=last_year,
            user=world.users["staff"],
        )
    assert not ActionPlan.objects.filter(cycle=cycle).exists()


def test_the_create_page_offers_last_years_plan_as_the_start(world, as_user, last_year):
    from django.urls import reverse

    response = as_user("staff").get(reverse("plan-create", args=[world.municipality.slug]))
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert (initial["cycle"], initial["year"], initial["copy_from"]) == (
        world.cycle.pk,
        2027,
        last_year.pk,
    )


def test_copying_through_the_page(world, as_user, last_year):
    from django.urls import reverse

    response = as_user("staff").post(
        reverse("plan-create", args=[world.municipality.slug]),
        {"cycle": world.cycle.pk, "year": 2027, "copy_from": last_year.pk},
    )
    plan = ActionPlan.objects.get(year=2027)
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert plan.measures.count() == 2 and plan.copied_from == last_year
