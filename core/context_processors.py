from core.models import Membership
from core.stages import FACILITATOR, MANAGERS, PROVIDER, SECRETARY


def navigation(request):
    """The municipalities the user works in, for the navigation bar (one query, when logged in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def places():
        seen = {}
        for membership in Membership.objects.filter(user=user).select_related("municipality"):
            entry = seen.setdefault(
                membership.municipality_id,
                {"municipality": membership.municipality, "manages": False, "facilitates": False},
            )
            entry["manages"] = entry["manages"] or membership.role in MANAGERS
            entry["facilitates"] = entry["facilitates"] or membership.role == FACILITATOR
            entry["provides"] = entry.get("provides") or membership.role == PROVIDER
            entry["council"] = entry.get("council") or membership.role == SECRETARY
        return list(seen.values())

    return {"nav_places": places}
