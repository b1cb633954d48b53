"""The plan's totals: per measure, section, objective and source, computed in SQL, and what they
tell the department (the share of each source, the objectives with no funded measure)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.utils import translation

from actionplans.budget import plan_data
from actionplans.models import BudgetLine, CouncilVote, Measure
from tests.factories import (
    ActionPlanFactory,
    BudgetLineFactory,
    MeasureFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    specific_objective_for,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = ActionPlanFactory()
    first = specific_objective_for(plan.cycle)
    strategy = first.objective.strategy
    second = SpecificObjectiveFactory(objective=first.objective)
    other_objective = StrategicObjectiveFactory(strategy=strategy)
    third = SpecificObjectiveFactory(objective=other_objective)
    home_care = MeasureFactory(plan=plan, section="existing", specific_objective=first)
    BudgetLineFactory(measure=home_care, source="local", amount=Decimal("1150000.00"))
    BudgetLineFactory(measure=home_care, source="state", amount=Decimal("250000.50"))
    day_centre = MeasureFactory(plan=plan, section="new", specific_objective=second)
    BudgetLineFactory(
        measure=day_centre, source="eu", programme="PIDS", amount=Decimal("600000.00")
    )
    BudgetLineFactory(measure=day_centre, source="local", amount=Decimal("99.50"))
    MeasureFactory(
        plan=plan,
        section="training",
        specific_objective=second,
        unfunded=True,
        unfunded_reason="Instruire internă, fără costuri",
    )
    plan.objectives = {"first": first, "second": second, "third": third}
    return plan


def test_totals_per_measure_section_source_and_objective(plan):
    data = plan_data(plan)
    assert data["grand_total"] == Decimal("2000100.00")
    by_section = {block.key: block.total for block in data["sections"]}
    assert by_section["existing"] == Decimal("1400000.50")
    assert by_section["new"] == Decimal("600099.50")
    assert by_section["training"] == Decimal("0.00")
    assert data["by_source"]["local"] == Decimal("1150099.50")
    assert data["by_source"]["eu"] == Decimal("600000.00")
    rows = {row.measure.section: row for row in data["rows"]}
    assert rows["existing"].by_source == {
        "local": Decimal("1150000.00"),
        "state": Decimal("250000.50"),
    }
    objectives = {row["specific"]["id"]: row for row in data["objective_rows"]}
    assert objectives[plan.objectives["second"].pk]["total"] == Decimal("600099.50")
    assert objectives[plan.objectives["second"].pk]["measures"] == 2
    assert data["totals_add_up"] is True


def test_each_source_carries_its_share_of_the_plan(plan):
    shares = {row["source"]: row["share"] for row in plan_data(plan)["shares"]}
    assert shares["local"] == Decimal("57.5")
    assert shares["eu"] == Decimal("30.0")
    assert shares["state"] == Decimal("12.5")
    assert shares["private"] == Decimal("0.0")


def test_objectives_without_a_funded_measure_are_named(plan):
    data = plan_data(plan)
    unfunded = [row["specific"]["id"] for row in data["unfunded_objectives"]]
    assert unfunded == [plan.objectives["third"].pk]
    assert [row["specific"]["number"] for row in data["without_measure"]] == ["OS2.1"]


def test_measures_are_numbered_by_section_then_order(plan):
    numbers = [(row.number, row.measure.section) for row in plan_data(plan)["rows"]]
    assert numbers == [("1.1", "existing"), ("2.1", "new"), ("5.1", "training")]


def test_an_unfunded_measure_is_not_counted_as_missing_a_budget(plan):
    MeasureFactory(plan=plan, section="information", specific_objective=plan.objectives["first"])
    unbudgeted = [row.measure.section for row in plan_data(plan)["unbudgeted"]]
    assert unbudgeted == ["information"]


def test_the_plan_data_takes_the_same_queries_for_3_or_30_measures(plan):
    small = count_queries(lambda: plan_data(plan))
    for _ in range(27):
        measure = MeasureFactory(plan=plan, specific_objective=plan.objectives["third"])
        BudgetLineFactory(measure=measure)
    assert count_queries(lambda: plan_data(plan)) == small


def test_amounts_are_shown_in_romanian_format():
    template = Template("{% load plans %}{{ value|lei }} / {{ value|lei:False }}")
    with translation.override("ro"):
        text = template.render(Context({"value": Decimal("1234567.8")}))
    assert text == "1.234.567,80 lei / 1.234.567,80"
    with translation.override("en"):
        text = template.render(Context({"value": Decimal("1234567.8")}))
    assert text == "1,234,567.80 lei / 1,234,567.80"


def test_the_database_refuses_a_negative_amount_and_an_end_before_the_start(plan):
    measure = Measure.objects.filter(plan=plan).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.create(measure=measure, source="other", amount=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.filter(pk=measure.pk).update(start_month=6, end_month=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.filter(pk=measure.pk).update(start_month=1, end_month=13)


def test_a_measure_of_another_strategy_or_without_a_reason_for_no_budget_is_refused(plan):
    foreign = SpecificObjectiveFactory()
    measure = MeasureFactory.build(
        plan=plan, specific_objective=foreign, unfunded=True, unfunded_reason=" "
    )
    with pytest.raises(ValidationError) as caught:
        measure.full_clean()
    assert set(caught.value.message_dict) >= {"specific_objective", "unfunded_reason"}


@pytest.mark.parametrize(
    ("majority", "in_office", "present", "votes_for", "adopted"),
    [
        ("simple", 23, 12, 7, True),  # more than half of those present
        ("simple", 23, 12, 6, False),
        ("simple", 23, 11, 11, False),  # no quorum: 12 of 23 needed
        ("absolute", 23, 21, 12, True),  # more than half of those in office
        ("absolute", 23, 21, 11, False),
        ("qualified", 23, 23, 16, True),  # two-thirds of 23 is 15.33: 16 needed
        ("qualified", 23, 23, 15, False),
        ("qualified", 27, 20, 18, True),
    ],
)
def test_the_vote_outcome_follows_the_majority_required(
    majority, in_office, present, votes_for, adopted
):
    vote = CouncilVote(
        majority=majority,
        in_office=in_office,
        present=present,
        votes_for=votes_for,
        votes_against=0,
        abstentions=0,
    )
    assert vote.compute_adopted() is adopted
