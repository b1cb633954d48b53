import rules

from core.predicates import roles_in
from core.stages import MANAGERS


@rules.predicate
def is_assigned_facilitator(user, session) -> bool:
    if session is None or not user.is_authenticated:
        return False
    return session.facilitators.filter(pk=user.pk).exists()


@rules.predicate
def manages_session_municipality(user, session) -> bool:
    return session is not None and bool(roles_in(user, session.municipality_id) & MANAGERS)


@rules.predicate
def session_is_open(user, session) -> bool:
    return session is not None and not session.is_closed
