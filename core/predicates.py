"""Named, composable permission predicates (django-rules) shared by every stage."""

import rules

from core.stages import (
    ADMIN,
    FACILITATOR,
    MANAGERS,
    PROVIDER,
    PUBLIC,
    SECRETARY,
    STAFF,
    check_action,
    get_stage,
)

# The stage actions some code reads, filled as the apps' rules.py (and others) are imported; a
# declared action missing here allows nothing anywhere (tests/core/test_stages.py checks it).
READ_ACTIONS: set[str] = set()


def reads_action(action: str) -> str:
    """Note that code reads `action` from the stage registry other than through `stage_allows`.

    Call it at import time (e.g. a module constant); an action no stage declares raises.
    """
    READ_ACTIONS.add(check_action(action))
    return action


def municipality_id_of(obj) -> int | None:
    """The municipality an object hangs off (a Municipality is its own)."""
    if obj is None:
        return None
    from core.models import Municipality

    if isinstance(obj, Municipality):
        return obj.pk
    return getattr(obj, "municipality_id", None)


def roles_in(user, municipality_id) -> frozenset[str]:
    """The user's roles in one municipality, read once per user object (one query)."""
    if not user or not user.is_authenticated or municipality_id is None:
        return frozenset()
    cache = getattr(user, "_spirala_roles", None)
    if cache is None:
        cache = {}
        for mid, role in user.memberships.values_list("municipality_id", "role"):
            cache.setdefault(mid, set()).add(role)
        user._spirala_roles = cache
    return frozenset(cache.get(municipality_id, ()))


def has_role(*roles: str, name: str):
    wanted = frozenset(roles)

    @rules.predicate(name=name)
    def predicate(user, obj=None) -> bool:
        return bool(roles_in(user, municipality_id_of(obj)) & wanted)

    return predicate


is_administrator = has_role(ADMIN, name="is_administrator")
is_staff_of_municipality = has_role(ADMIN, STAFF, name="is_staff_of_municipality")
has_any_role = has_role(
    *(MANAGERS | {FACILITATOR, PROVIDER, SECRETARY, PUBLIC}), name="has_any_role"
)


def stage_allows(action: str):
    """True when the cycle's active stage lets one of the user's roles perform `action`.

    The object is a StrategyCycle or anything with a `cycle` attribute. Building the predicate
    notes the action as read, and fails at import for an action no stage declares.
    """
    reads_action(action)

    @rules.predicate(name=f"stage_allows:{action}")
    def predicate(user, obj) -> bool:
        cycle = getattr(obj, "cycle", obj)
        if cycle is None or not hasattr(cycle, "active_stage"):
            return False
        allowed = get_stage(cycle.active_stage).roles_for(action)
        return bool(roles_in(user, cycle.municipality_id) & allowed)

    return predicate


@rules.predicate
def cycle_can_roll_back(user, cycle) -> bool:
    return cycle is not None and cycle.previous_stage is not None
