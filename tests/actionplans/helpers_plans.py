"""Shared builders for the tests of the plan-drafting pages (test_plans, test_measures,
test_copy)."""

from django.urls import reverse

from tests.factories import (
    ActionPlanFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    specific_objective_for,
)


def plan_in(world, *, year=2027, stage="action_plan", **extra):
    """A draft plan of the world's municipality, its cycle moved to ``stage``, with a strategy
    of one strategic objective and two specific ones (``plan.objectives``)."""
    world.cycle.active_stage = stage
    world.cycle.save()
    first = specific_objective_for(world.cycle)
    if not hasattr(world, "second_objective"):
        world.second_objective = SpecificObjectiveFactory(
            objective=first.objective, title="Creșterea accesului la servicii de zi"
        )
    plan = ActionPlanFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        year=year,
        created_by=world.users["staff"],
        **extra,
    )
    plan.objectives = [first, world.second_objective]
    return plan


def other_plan(world):
    """A plan of the other municipality (for the 404 cases)."""
    world.other_cycle.active_stage = "action_plan"
    world.other_cycle.save()
    specific_objective_for(world.other_cycle)
    return ActionPlanFactory(
        municipality=world.other_municipality,
        cycle=world.other_cycle,
        created_by=world.users["other_staff"],
    )


def second_strategic_objective(plan):
    """Another strategic objective with one specific objective, in the plan's strategy."""
    strategy = plan.objectives[0].objective.strategy
    return SpecificObjectiveFactory(objective=StrategicObjectiveFactory(strategy=strategy))


def url(name, plan, *args, slug=None):
    return reverse(name, args=[slug or plan.municipality.slug, plan.pk, *args])


def formset(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def measure_post(
    plan, *, lines=None, indicators=None, lines_initial=0, indicators_initial=0, **fields
):
    """The POST of the measure form: a measure of section 1 serving the plan's first objective,
    with one local-budget line unless ``lines`` says otherwise."""
    data = {
        "section": "existing",
        "specific_objective": str(plan.objectives[0].pk),
        "title": "Îngrijire la domiciliu pentru vârstnici",
        "description": "Servicii de îngrijire personală și menaj.",
        "service_code": "8810 ID-I",
        "service_name": "Serviciul de îngrijire la domiciliu",
        "department": "Serviciul Vârstnici, DAS",
        "capacity": "60",
        "beneficiaries": "80",
        "staff": "12",
        "start_month": "1",
        "end_month": "12",
        "status": "planned",
        "unfunded_reason": "",
    }
    data.update({k: v for k, v in fields.items() if v is not None})
    for key in [k for k, v in fields.items() if v is None]:
        data.pop(key, None)
    if lines is None:
        lines = [{"source": "local", "programme": "", "amount": "1.234,50", "note": ""}]
    data.update(formset("lines", lines, lines_initial))
    data.update(formset("indicators", indicators or [], indicators_initial))
    return data
