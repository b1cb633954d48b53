"""Named predicates of the strategy stage (django-rules)."""

import rules
from django.utils import timezone

from core.predicates import roles_in
from core.stages import MANAGERS


def _municipality_id(obj):
    for attr in ("municipality_id",):
        if hasattr(obj, attr):
            return getattr(obj, attr)
    return None


@rules.predicate
def manages_strategy_municipality(user, obj) -> bool:
    """Staff or administrator of the municipality of a Strategy or PublicConsultation."""
    return obj is not None and bool(roles_in(user, _municipality_id(obj)) & MANAGERS)


@rules.predicate
def has_a_role_here(user, obj) -> bool:
    return obj is not None and bool(roles_in(user, _municipality_id(obj)))


@rules.predicate
def consultation_accepts_comments(user, consultation) -> bool:
    return consultation is not None and consultation.accepts_comments(timezone.localdate())
