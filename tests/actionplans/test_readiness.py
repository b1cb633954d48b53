"""Readiness of the annual plan: every objective has a measure or a reason, every measure a
budget or a reason for none, the totals add up and fit in the local budget; and the stage checks
of the cycle that read them."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from actionplans.budget import plan_data
from actionplans.models import ActionPlan, CouncilVote, Measure, ObjectiveSkipped
from actionplans.readiness import plan_checks, plan_to_check
from core.stages import get_stage
from tests.factories import (
    ActionPlanFactory,
    BudgetLineFactory,
    MeasureFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    UserFactory,
    decision_for,  # noqa: I001
    specific_objective_for,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    """A plan whose strategy has OS1.1, OS1.2 and OS2.1; only OS1.1 has a (funded) measure."""
    plan = ActionPlanFactory(local_budget_allocated=Decimal("2000000.00"))
    first = specific_objective_for(plan.cycle)
    first.title = "Îngrijire la domiciliu"
    first.save()
    second = SpecificObjectiveFactory(objective=first.objective, title="Centre de zi")
    third = SpecificObjectiveFactory(
        objective=StrategicObjectiveFactory(strategy=first.objective.strategy),
        title="Locuire protejată",
    )
    measure = MeasureFactory(plan=plan, section="existing", specific_objective=first)
    BudgetLineFactory(measure=measure, source="local", amount=Decimal("1150000.00"))
    BudgetLineFactory(measure=measure, source="state", amount=Decimal("250000.50"))
    plan.objectives = {"first": first, "second": second, "third": third}
    return plan


def results(plan, data=None):
    return {
        key: (done, detail)
        for key, (_label, done, detail) in zip(
            ("objectives", "budgets", "totals"), plan_checks(plan, data), strict=True
        )
    }


def stage_results(cycle, stage_key="action_plan"):
    return {
        check.key.rsplit(".", 1)[-1]: result
        for check, result in get_stage(stage_key).run_checks(cycle)
        if check.key.startswith("actionplans.")
    }


# --- Objectives -----------------------------------------------------------------------------


def test_objectives_without_measure_or_reason_are_named(plan):
    done, detail = results(plan)["objectives"]
    assert not done
    assert "OS1.2 Centre de zi" in detail
    assert "OS2.1 Locuire protejată" in detail
    assert "OS1.1" not in detail


def test_a_measure_or_a_stated_reason_covers_an_objective(plan):
    MeasureFactory(plan=plan, section="new", specific_objective=plan.objectives["second"])
    ObjectiveSkipped.objects.create(
        plan=plan,
        specific_objective=plan.objectives["third"],
        reason="Finanțare PIDS abia din 2028",
    )
    done, detail = results(plan)["objectives"]
    assert done, detail


def test_a_strategy_without_specific_objectives_is_not_ready():
    plan = ActionPlanFactory()
    done, detail = results(plan)["objectives"]
    assert not done and "no specific objective" in detail


# --- Budgets --------------------------------------------------------------------------------


def test_a_measure_without_budget_is_named_by_its_number(plan):
    MeasureFactory(plan=plan, section="existing", specific_objective=plan.objectives["first"])
    training = MeasureFactory(
        plan=plan, section="training", specific_objective=plan.objectives["first"]
    )
    done, detail = results(plan)["budgets"]
    assert not done
    assert "1.2" in detail and "5.1" in detail and "1.1" not in detail
    Measure.objects.filter(pk=training.pk).update(
        unfunded=True, unfunded_reason="Instruire internă"
    )
    done, detail = results(plan)["budgets"]
    assert not done and "1.2" in detail and "5.1" not in detail


def test_unfunded_needs_its_reason(plan):
    idle = MeasureFactory(
        plan=plan, section="information", specific_objective=plan.objectives["first"]
    )
    Measure.objects.filter(pk=idle.pk).update(unfunded=True, unfunded_reason="  ")
    assert not results(plan)["budgets"][0]
    Measure.objects.filter(pk=idle.pk).update(unfunded_reason="Campanie cu voluntari")
    done, detail = results(plan)["budgets"]
    assert done, detail


def test_a_plan_without_measures_is_not_ready():
    plan = ActionPlanFactory()
    done, detail = results(plan)["budgets"]
    assert not done and "no measure" in detail


# --- Totals ---------------------------------------------------------------------------------


def test_totals_add_up_and_fit_in_the_local_budget(plan):
    with translation.override("ro"):  # the figures as the office writes them
        done, detail = results(plan)["totals"]
    assert done
    assert "1.400.000,50 lei" in detail and "2.000.000,00 lei" in detail


def test_local_lines_over_the_local_budget_are_refused_with_the_figures(plan):
    ActionPlan.objects.filter(pk=plan.pk).update(local_budget_allocated=Decimal("1000000.00"))
    plan.refresh_from_db()
    with translation.override("ro"):
        done, detail = results(plan)["totals"]
    assert not done and "depășesc" in detail
    assert "1.150.000,00 lei" in detail and "1.000.000,00 lei" in detail


def test_totals_that_do_not_add_up_fail(plan):
    data = {**plan_data(plan), "totals_add_up": False}
    with translation.override("ro"):
        done, detail = results(plan, data)["totals"]
    assert not done and "1.400.000,50 lei" in detail


def test_the_page_data_and_the_queries_agree_and_the_data_costs_no_query(plan):
    MeasureFactory(plan=plan, section="training", specific_objective=plan.objectives["second"])
    data = plan_data(plan)
    with_data = []
    assert count_queries(lambda: with_data.extend(plan_checks(plan, data))) == 0
    assert with_data == plan_checks(plan)


def test_the_checks_cost_the_same_queries_for_a_larger_plan(plan):
    small = count_queries(lambda: plan_checks(plan))
    for _ in range(15):
        measure = MeasureFactory(plan=plan, specific_objective=plan.objectives["second"])
        BudgetLineFactory(measure=measure, source="eu", programme="PIDS")
    assert count_queries(lambda: plan_checks(plan)) == small


# --- Stage checks ---------------------------------------------------------------------------


def test_without_a_plan_the_stage_checks_say_so(world):
    world.cycle.active_stage = "action_plan"
    world.cycle.save()
    checks = stage_results(world.cycle)
    assert set(checks) == {
        "plan_objectives_covered",
        "plan_measures_budgeted",
        "plan_totals_add_up",
    }
    for result in checks.values():
        assert not result.done and "No annual action plan yet" in result.detail


def test_the_stage_checks_appear_in_the_cycles_readiness(plan):
    cycle = plan.cycle
    assert cycle.active_stage == "action_plan"
    labels = {str(check.label): result for check, result in cycle.stage.run_checks(cycle)}
    assert "Every specific objective has a measure or a reason for none" in labels
    checks = stage_results(cycle)
    assert not checks["plan_objectives_covered"].done
    assert "OS1.2 Centre de zi" in checks["plan_objectives_covered"].detail
    assert checks["plan_measures_budgeted"].done
    assert checks["plan_totals_add_up"].done

    MeasureFactory(
        plan=plan,
        section="new",
        specific_objective=plan.objectives["second"],
        unfunded=True,
        unfunded_reason="Proiect PIDS în evaluare",
    )
    ObjectiveSkipped.objects.create(
        plan=plan, specific_objective=plan.objectives["third"], reason="Din 2028"
    )
    assert all(result.done for result in stage_results(cycle).values())


def test_the_stage_checks_read_the_first_plan_not_yet_approved(plan):
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.APPROVED)
    later = ActionPlanFactory(
        municipality=plan.municipality, cycle=plan.cycle, year=2028, created_by=plan.created_by
    )
    assert plan_to_check(plan.cycle) == later
    assert stage_results(plan.cycle)["plan_measures_budgeted"].detail.startswith("Plan 2028")
    ActionPlan.objects.filter(pk=later.pk).update(status=ActionPlan.Status.APPROVED)
    assert plan_to_check(plan.cycle) == later  # all approved: the latest


def test_the_council_check_waits_for_the_vote_and_names_the_hcl(plan):
    cycle = plan.cycle
    result = stage_results(cycle, "council_approval")["plan_voted"]
    assert not result.done and "No plan was submitted" in result.detail
    ActionPlan.objects.filter(pk=plan.pk).update(
        status=ActionPlan.Status.SUBMITTED, submitted_at=timezone.now()
    )
    result = stage_results(cycle, "council_approval")["plan_voted"]
    assert not result.done and "waiting" in result.detail

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
        recorded_by=UserFactory(),
    )
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.APPROVED)
    result = stage_results(cycle, "council_approval")["plan_voted"]
    assert result.done and "87/2027" in result.detail
