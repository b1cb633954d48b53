"""Named predicates of monitoring (django-rules).

Objects: an ActionPlan, a Measure (``measure.plan`` gives the plan and its cycle), a
ReportingPeriod or a MeasureProgress (each with ``municipality_id``), or the Municipality.
"""

import rules

from core.predicates import municipality_id_of, roles_in, stage_allows
from core.stages import MANAGERS, PROVIDER


def plan_of(obj):
    from actionplans.models import ActionPlan, Measure

    if isinstance(obj, ActionPlan):
        return obj
    if isinstance(obj, Measure):
        return obj.plan
    for attr in ("plan", "period"):
        value = getattr(obj, attr, None)
        if value is not None:
            return plan_of(value)
    return None


def partner_organisations(user, municipality_id) -> frozenset[int]:
    """The organisations for which the user is a provider in the municipality (one query)."""
    if not user or not user.is_authenticated or PROVIDER not in roles_in(user, municipality_id):
        return frozenset()
    cache = getattr(user, "_spirala_partner_orgs", None)
    if cache is None:
        cache = {}
        for mid, org in user.memberships.filter(
            role=PROVIDER, organisation__isnull=False
        ).values_list("municipality_id", "organisation_id"):
            cache.setdefault(mid, set()).add(org)
        user._spirala_partner_orgs = cache
    return frozenset(cache.get(municipality_id, ()))


@rules.predicate
def manages_municipality(user, obj) -> bool:
    return obj is not None and bool(roles_in(user, municipality_id_of(obj)) & MANAGERS)


@rules.predicate
def manages_plan(user, obj) -> bool:
    plan = plan_of(obj)
    return plan is not None and bool(roles_in(user, plan.municipality_id) & MANAGERS)


@rules.predicate
def is_provider(user, obj) -> bool:
    return obj is not None and bool(partner_organisations(user, municipality_id_of(obj)))


@rules.predicate
def plan_is_approved(user, obj) -> bool:
    plan = plan_of(obj)
    return plan is not None and plan.is_approved


@rules.predicate
def is_partner_of_measure(user, measure) -> bool:
    """The user's organisation is a partner of the measure (uses a prefetched ``partners``)."""
    from actionplans.models import Measure

    if not isinstance(measure, Measure):
        return False
    orgs = partner_organisations(user, measure.plan.municipality_id)
    if not orgs:
        return False
    return any(partner.pk in orgs for partner in measure.partners.all())


_stage_reports = stage_allows("report_progress")


@rules.predicate(name="plan_stage_allows:report_progress")
def stage_allows_reporting(user, obj) -> bool:
    plan = plan_of(obj)
    return plan is not None and _stage_reports(user, plan.cycle)
