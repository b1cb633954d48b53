"""Scoped fetch helpers: every object is looked up through its municipality, so none leaks."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.models import Municipality
from core.predicates import roles_in
from core.stages import stages_allowing
from core.text import quoted


def get_municipality(slug: str) -> Municipality:
    return get_object_or_404(Municipality, slug=slug)


def require(request, perm: str, obj) -> None:
    """403 for a logged-in user who may not; anonymous users are sent to log in by the caller."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def login_redirect(request):
    """Send an anonymous visitor to log in, coming back to this page afterwards."""
    return redirect(f"{reverse('login')}?next={request.get_full_path()}")


def login_or_403(request, perm: str, obj):
    """A redirect to the login page for anonymous users; 403 for those who may not; else None."""
    if not request.user.is_authenticated:
        return login_redirect(request)
    require(request, perm, obj)
    return None


def stage_refusal_message(user, cycle, action: str) -> str:
    """Why the cycle's active stage refuses `action`, naming the stages in which the user's roles
    may perform it (from the stage registry)."""
    stages = stages_allowing(action, roles_in(user, cycle.municipality_id))
    message = _(
        "The strategy cycle %(cycle)s is in the stage %(current)s, which does not allow this."
    ) % {"cycle": quoted(cycle), "current": quoted(cycle.stage.label)}
    if not stages:
        return message
    allowed = ngettext(
        "It is allowed in the stage %(stages)s.",
        "It is allowed in the stages %(stages)s.",
        len(stages),
    ) % {"stages": ", ".join(quoted(stage.label) for stage in stages)}
    return f"{message} {allowed}"


def stage_refusal(request, *, cycle, action: str, back_url: str = "") -> HttpResponse:
    """The 403 page for a user whose role may perform `action`, but not in the cycle's stage."""
    return render(
        request,
        "core/stage_refused.html",
        {
            "municipality": cycle.municipality,
            "message": stage_refusal_message(request.user, cycle, action),
            "back_url": back_url,
        },
        status=403,
    )


def require_stage(
    request, perm: str, obj, *, action: str, back_url: str = ""
) -> HttpResponse | None:
    """None when the user has `perm` on `obj`; else the 403 page naming the stages for `action`.

    For a user whose role was checked already, so that only the stage of `obj`'s cycle (`obj` is
    a cycle or has a `cycle`) is left to refuse them.
    """
    if request.user.has_perm(perm, obj):
        return None
    return stage_refusal(
        request, cycle=getattr(obj, "cycle", obj), action=action, back_url=back_url
    )


def form_cycle_allows(request, form, perm: str, *, action: str, field: str = "cycle") -> bool:
    """Whether the user has `perm` on the cycle a valid form chose; if not, the form's cycle field
    says which stages allow `action`."""
    cycle = form.cleaned_data[field]
    if request.user.has_perm(perm, cycle):
        return True
    form.add_error(field, stage_refusal_message(request.user, cycle, action))
    return False
