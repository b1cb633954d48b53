"""Named predicates of the action plans (django-rules).

Objects: an ActionPlan (its ``cycle`` gives the stage), or a GeneratedFile for the plan's files.
"""

import rules

from core.predicates import municipality_id_of, roles_in
from core.stages import MANAGERS, SECRETARY, get_stage

# The stages from which a plan may be drafted: the action-plan stage and the ones after it
# (later years' plans are made while the strategy is being implemented).
PLAN_STAGES = frozenset(
    key
    for key in ("action_plan", "council_approval", "monitoring")
    if "edit_action_plan" in get_stage(key).allows
)


@rules.predicate
def manages_plan_municipality(user, obj) -> bool:
    """Staff or administrator of the plan's municipality."""
    return obj is not None and bool(roles_in(user, municipality_id_of(obj)) & MANAGERS)


@rules.predicate
def is_council_secretary(user, obj) -> bool:
    return obj is not None and SECRETARY in roles_in(user, municipality_id_of(obj))


@rules.predicate
def plan_is_draft(user, plan) -> bool:
    return plan is not None and plan.status == plan.Status.DRAFT


@rules.predicate
def plan_is_submitted(user, plan) -> bool:
    return plan is not None and plan.status == plan.Status.SUBMITTED


@rules.predicate
def plan_went_to_council(user, plan) -> bool:
    return plan is not None and plan.status != plan.Status.DRAFT


@rules.predicate
def cycle_in_plan_stage(user, obj) -> bool:
    """The cycle (of a plan, or the cycle itself) has reached the action-plan stage."""
    cycle = getattr(obj, "cycle", obj)
    return cycle is not None and getattr(cycle, "active_stage", None) in PLAN_STAGES
