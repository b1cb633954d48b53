"""Named predicates of the action plans (django-rules).

Objects: an ActionPlan (its ``cycle`` gives the stage), or a GeneratedFile for the plan's files.
"""

import rules

from core.predicates import municipality_id_of, roles_in
from core.stages import MANAGERS, SECRETARY, STAGES

# The stages in which a plan may be drafted (those allowing ``edit_action_plan``): the
# action-plan stage and the ones after it (later years' plans are made during implementation).
PLAN_STAGES = frozenset(stage.key for stage in STAGES if "edit_action_plan" in stage.allows)


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


# --- Draft council decisions ---------------------------------------------------------------------


def decision_of(obj):
    """The draft decision an object belongs to: itself, an opinion's, or a dossier file's."""
    from actionplans.models import DraftDecision, Opinion

    if isinstance(obj, DraftDecision):
        return obj
    if isinstance(obj, Opinion):
        return obj.decision
    decision_id = (getattr(obj, "params", None) or {}).get("decision")
    if decision_id is None:
        return None
    cached = getattr(obj, "_spirala_decision", None)
    if cached is None:
        cached = (
            DraftDecision.objects.select_related("cycle")
            .filter(pk=decision_id, municipality_id=municipality_id_of(obj))
            .first()
        )
        obj._spirala_decision = cached
    return cached


@rules.predicate
def decision_is_draft(user, obj) -> bool:
    decision = decision_of(obj)
    return decision is not None and decision.status == decision.Status.DRAFT


@rules.predicate
def decision_is_submitted(user, obj) -> bool:
    decision = decision_of(obj)
    return decision is not None and decision.status == decision.Status.SUBMITTED


@rules.predicate
def decision_went_to_council(user, obj) -> bool:
    """Submitted or adopted: what the council secretary sees."""
    decision = decision_of(obj)
    return decision is not None and decision.status != decision.Status.DRAFT


def decision_stage_allows(action: str):
    """The decision's cycle is in a stage that lets the user's roles perform ``action``."""
    from core.predicates import stage_allows

    allows = stage_allows(action)

    @rules.predicate(name=f"decision_stage_allows:{action}")
    def predicate(user, obj) -> bool:
        decision = decision_of(obj)
        return decision is not None and allows(user, decision.cycle)

    return predicate
