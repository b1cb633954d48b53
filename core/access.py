"""Scoped fetch helpers: every object is looked up through its municipality, so none leaks."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from core.models import Municipality


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
