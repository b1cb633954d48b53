"""The benchmark volumes of the annual action plans (seed_scale)."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from actionplans.budget import plan_data
from actionplans.models import ActionPlan, BudgetLine, DraftDecision, LegalSection, Measure
from actionplans.seeding import seed_action_plans
from core.models import Municipality, Role, StrategyCycle
from core.seeding import SCALES
from strategy.models import SpecificObjective
from tests.factories import MembershipFactory, MunicipalityFactory, StrategyCycleFactory
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def small(django_db_setup, django_db_blocker):
    """Seeded once for the module in a transaction rolled back at the end; each test runs in a
    savepoint inside it, as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_scale", "--scale", "small", verbosity=0)
        yield Municipality.objects.get(slug="bench-small")
        transaction.set_rollback(True)


def test_seed_scale_small_adds_an_approved_plan_citing_the_strategy(small):
    cycle = StrategyCycle.objects.current_for(small)
    plan = ActionPlan.objects.get(municipality=small)
    decision = plan.draft_decisions.get(kind="plan")
    assert plan.cycle == cycle and plan.is_approved
    assert decision.kind == "plan" and decision.status == DraftDecision.Status.ADOPTED
    assert decision.votes.get().adopted
    assert plan.measures.count() == SCALES["small"]["plan_measures"]
    assert set(plan.measures.values_list("section", flat=True)) == set(LegalSection.values)
    specifics = SpecificObjective.objects.filter(objective__strategy__cycle=cycle)
    assert set(plan.measures.values_list("specific_objective", flat=True)) == set(
        specifics.values_list("pk", flat=True)
    )
    lines = BudgetLine.objects.filter(measure__plan=plan)
    assert lines.count() == 5 * plan.measures.count()
    assert not lines.filter(source="eu", programme="").exists()
    assert plan.measures.exclude(partners=None).exists()
    assert plan.measures.exclude(categories=None).exists()
    data = plan_data(plan)
    assert data["totals_add_up"] and data["grand_total"] > 0
    assert data["without_measure"] == []


def test_the_county_volume_is_400_measures_with_2000_budget_lines(small):
    """The county seeder, run on the small municipality (seeding a whole county takes long)."""
    DraftDecision.objects.filter(municipality=small).delete()
    ActionPlan.objects.filter(municipality=small).delete()
    seed_action_plans(small, "county", SCALES["county"])
    plan = ActionPlan.objects.get(municipality=small)
    decision = DraftDecision.objects.get(municipality=small, kind="plan")
    assert decision.plan == plan and decision.opinions.count() == 2
    assert decision.title and decision.referat_number and decision.raport_number
    assert Measure.objects.filter(plan=plan).count() == 400
    assert BudgetLine.objects.filter(measure__plan=plan).count() == 2000
    counts = dict.fromkeys(LegalSection.values, 0)
    for section in plan.measures.values_list("section", flat=True):
        counts[section] += 1
    assert set(counts.values()) == {80}


def test_the_plan_is_read_in_the_same_number_of_queries_at_both_sizes(small):
    small_plan = ActionPlan.objects.get(municipality=small)
    at_small = count_queries(lambda: plan_data(small_plan))
    DraftDecision.objects.filter(plan=small_plan).delete()
    small_plan.delete()
    seed_action_plans(small, "county", SCALES["county"])
    county_plan = ActionPlan.objects.get(municipality=small)
    assert count_queries(lambda: plan_data(county_plan)) == at_small


def test_a_cycle_without_specific_objectives_gets_a_few_to_cite():
    municipality = MunicipalityFactory()
    MembershipFactory(municipality=municipality, role=Role.STAFF)
    cycle = StrategyCycleFactory(municipality=municipality)
    seed_action_plans(municipality, "small", {"plan_measures": 10})
    plan = ActionPlan.objects.get(cycle=cycle)
    assert plan.measures.count() == 10
    assert SpecificObjective.objects.filter(objective__strategy__cycle=cycle).count() == 4
    for measure in plan.measures.all():
        measure.full_clean()


def test_seeding_the_plans_again_adds_no_plan_and_no_decision(small):
    plan = ActionPlan.objects.get(municipality=small)
    measures = plan.measures.count()
    seed_action_plans(small, "small", SCALES["small"])
    assert ActionPlan.objects.filter(municipality=small).get() == plan
    assert plan.measures.count() == measures
    assert DraftDecision.objects.filter(municipality=small, kind="plan").count() == 1
    assert DraftDecision.objects.filter(municipality=small, kind="strategy").count() == 1


def test_the_strategy_is_adopted_on_its_published_version_and_has_a_council_secretary(small):
    """So that `make bench` can measure the secretary's workspace and the adopted strategy."""
    from actionplans.council import adopted_strategy_decision, adopting_vote

    cycle = StrategyCycle.objects.current_for(small)
    decision = adopted_strategy_decision(cycle)
    assert decision is not None and adopting_vote(decision) is not None
    assert decision.strategy_version.published_at is not None
    assert decision.plan == ActionPlan.objects.get(municipality=small)
    assert small.memberships.filter(role=Role.SECRETARY, user__username="bench-small-secretary")


def test_the_seeded_decision_renders_a_dossier_of_its_plan(small):
    from pypdf import PdfReader

    from actionplans import dossier

    decision = DraftDecision.objects.get(municipality=small, kind="plan")
    content = dossier.render(decision)
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages[:3])
    assert len(reader.pages) > 5
    assert str(decision.plan.year) in text
