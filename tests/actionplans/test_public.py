"""The public page of the approved plan: what the council adopted, for anyone; nothing else."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan, CouncilVote, DraftDecision, ObjectiveSkipped
from tests.factories import (
    ActionPlanFactory,
    BudgetLineFactory,
    MeasureFactory,
    SpecificObjectiveFactory,
    StrategyCycleFactory,
    decision_for,  # noqa: I001
    specific_objective_for,
)
from tests.matrix import ALL, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def public_url(slug, year=2027):
    return reverse("plan-public", args=[slug, year])


def make_plan(world, status=ActionPlan.Status.APPROVED, cycle=None, measures=2, **extra):
    cycle = cycle or world.cycle
    cycle.active_stage = "council_approval"
    cycle.save()
    plan = ActionPlanFactory(
        municipality=cycle.municipality,
        cycle=cycle,
        status=status,
        introduction="Obiectivul general: incluziunea socială a vârstnicilor.",
        created_by=world.users["staff"],
        **extra,
    )
    first = specific_objective_for(cycle)
    for index in range(measures):
        measure = MeasureFactory(
            plan=plan,
            section="existing" if index % 2 else "new",
            specific_objective=first,
            title=f"Centrul de zi pentru vârstnici nr. {index + 1}",
            partners=[world.org_a] if cycle.municipality == world.municipality else [],
        )
        BudgetLineFactory(measure=measure, source="local", amount=Decimal("1150000.00"))
        BudgetLineFactory(measure=measure, source="eu", programme="PIDS", amount=Decimal("850000"))
    if status == ActionPlan.Status.APPROVED:
        CouncilVote.objects.create(
            decision=decision_for(plan),
            decision_number="87/2027",
            decision_date=datetime.date(2027, 2, 26),
            in_office=23,
            present=20,
            votes_for=15,
            votes_against=3,
            abstentions=2,
            adopted=True,
            notes="Notă internă a secretarului",
            recorded_by=world.users["secretary"],
        )
    return plan


def test_anyone_reads_the_approved_plan_with_its_hcl_budget_and_measures(world, client):
    plan = make_plan(world)
    second = SpecificObjectiveFactory(
        objective=specific_objective_for(world.cycle).objective, title="Locuire protejată"
    )
    ObjectiveSkipped.objects.create(
        plan=plan, specific_objective=second, reason="Finanțare abia din 2028"
    )
    response = client.get(public_url("arcadia"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Municipiul Arcadia" in text and "2027" in text
    assert "87/2027" in text and "26 februarie 2027" in text
    assert "15" in text and "Obiectivul general" in text
    assert "Centrul de zi pentru vârstnici nr. 1" in text
    assert "Asociația Alfa" in text  # partners are part of the plan
    assert "4.000.000,00 lei" in text  # the grand total, Romanian formatting
    assert "57,5 %" in text  # the local budget's share
    assert "Finanțare abia din 2028" in text
    assert response.context["editable"] is False


def test_nothing_internal_is_on_the_public_page(world, as_user):
    make_plan(world)
    text = as_user("staff").get(public_url("arcadia")).content.decode()
    assert "Notă internă" not in text
    assert "/vot/" not in text
    assert "/masuri/" not in text  # no edit, move or delete links
    anonymous = as_user("anonymous").get(public_url("arcadia")).content.decode()
    for persona in ("staff", "secretary"):  # who wrote the plan or recorded the vote
        assert world.users[persona].last_name not in anonymous


@pytest.mark.parametrize("status", [ActionPlan.Status.DRAFT, ActionPlan.Status.SUBMITTED])
@pytest.mark.parametrize("persona", ["anonymous", "staff", "secretary", "administrator"])
def test_a_plan_the_council_did_not_approve_is_not_found_for_anyone(world, status, persona):
    make_plan(world, status=status)
    check(Case("plan-public", lambda w: public_url("arcadia"), statuses(ALL, 404)), persona, world)


def test_the_latest_cycles_approved_plan_of_the_year_is_shown(world, client):
    make_plan(world)
    later_cycle = StrategyCycleFactory(
        municipality=world.municipality, start_year=2027, end_year=2031
    )
    later = make_plan(world, cycle=later_cycle, measures=1)
    response = client.get(public_url("arcadia"))
    assert response.context["plan"] == later
    assert client.get(public_url("arcadia", 2028)).status_code == 404


def test_the_municipality_page_lists_the_approved_plans(world, client):
    make_plan(world)
    make_plan(world, status=ActionPlan.Status.DRAFT, year=2028)
    text = client.get(world.municipality.get_absolute_url()).content.decode()
    assert public_url("arcadia") in text
    assert public_url("arcadia", 2028) not in text


def test_the_page_costs_the_same_queries_for_a_larger_plan(world, client):
    make_plan(world, measures=2)
    small = count_queries(lambda: client.get(public_url("arcadia")))
    DraftDecision.objects.all().delete()
    ActionPlan.objects.all().delete()
    make_plan(world, measures=25)
    large = count_queries(lambda: client.get(public_url("arcadia")))
    assert large == small


# --- Permission matrix ----------------------------------------------------------------------


def _approved(w):
    w.plan = make_plan(w)


def _foreign(w):
    w.plan = make_plan(w)
    w.foreign = make_plan(w, cycle=w.other_cycle, year=2028)


CASES = [
    Case("approved plan", lambda w: public_url("arcadia"), statuses(ALL, 200), setup=_approved),
    Case(
        "our plan under another municipality",
        lambda w: public_url("beta"),
        statuses(ALL, 404),
        setup=_approved,
    ),
    Case(
        "another municipality's year under our slug",
        lambda w: public_url("arcadia", 2028),
        statuses(ALL, 404),
        setup=_foreign,
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)
