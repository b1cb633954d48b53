from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from core.models import Membership
from core.stages import PROVIDER


def navigation(request):
    """The municipalities the user works in, for the navigation bar (one query, when logged in).

    Each place says which pages the user may open there, asked of the same permissions the views
    check, so that the menu never offers a link that refuses them.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    places = SimpleLazyObject(lambda: _places(user))
    recommendations = SimpleLazyObject(
        lambda: [place for place in places if place["recommendations_url"]]
    )
    return {"nav_places": places, "nav_recommendations": recommendations}


def _places(user) -> list[dict]:
    from strategy.models import Comment

    # The latest public consultation of the municipality in which the user made a recommendation.
    commented = (
        Comment.objects.filter(author=user, consultation__municipality=OuterRef("municipality"))
        .order_by("-consultation_id")
        .values("consultation_id")[:1]
    )
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("municipality", "organisation")
        .annotate(my_consultation=Subquery(commented))
        .order_by("municipality__name", "pk")
    )
    seen: dict[int, dict] = {}
    for membership in memberships:
        municipality = membership.municipality
        entry = seen.get(municipality.pk)
        if entry is None:
            entry = seen[municipality.pk] = {
                "municipality": municipality,
                "manages": user.has_perm("core.view_dashboard", municipality),
                "provides": False,
                "council": user.has_perm("actionplans.list_decisions", municipality),
                "facilitates": user.has_perm("beneficiaries.list_spiralsession", municipality),
                "recommendations_url": "",
            }
            if membership.my_consultation:
                entry["recommendations_url"] = reverse(
                    "my-comments",
                    kwargs={"slug": municipality.slug, "pk": membership.my_consultation},
                )
        if membership.role == PROVIDER and membership.organisation is not None:
            organisation = membership.organisation
            organisation.municipality = municipality
            entry["provides"] = entry["provides"] or user.has_perm(
                "consultations.view_organisation", organisation
            )
    return list(seen.values())
