"""Named predicates of the provider consultation (django-rules)."""

import rules
from django.utils import timezone

from core.predicates import roles_in
from core.stages import MANAGERS, PROVIDER


def provider_membership(user, municipality_id):
    """The user's provider membership in a municipality (one per user and municipality), cached.

    Returns ``(organisation_id, is_organisation_admin)`` or ``None``.
    """
    if not user or not user.is_authenticated or municipality_id is None:
        return None
    cache = getattr(user, "_spirala_provider", None)
    if cache is None:
        cache = {
            mid: (org_id, is_admin)
            for mid, org_id, is_admin in user.memberships.filter(role=PROVIDER).values_list(
                "municipality_id", "organisation_id", "is_organisation_admin"
            )
        }
        user._spirala_provider = cache
    return cache.get(municipality_id)


def provider_organisation_id(user, municipality_id) -> int | None:
    membership = provider_membership(user, municipality_id)
    return membership[0] if membership else None


def _manages(user, obj) -> bool:
    return obj is not None and bool(roles_in(user, obj.municipality_id) & MANAGERS)


@rules.predicate
def manages_municipality_of(user, obj) -> bool:
    """Staff or administrator of the municipality the object belongs to."""
    return _manages(user, obj)


@rules.predicate
def is_member_of_organisation(user, organisation) -> bool:
    return (
        organisation is not None
        and provider_organisation_id(user, organisation.municipality_id) == organisation.pk
    )


@rules.predicate
def is_admin_of_organisation(user, organisation) -> bool:
    if organisation is None:
        return False
    membership = provider_membership(user, organisation.municipality_id)
    return membership == (organisation.pk, True)


@rules.predicate
def is_invited_to_round(user, consultation) -> bool:
    """A provider member whose organisation is invited to a published round."""
    if consultation is None or not consultation.published:
        return False
    org_id = provider_organisation_id(user, consultation.municipality_id)
    return org_id is not None and consultation.invited.filter(pk=org_id).exists()


@rules.predicate
def round_is_open(user, consultation) -> bool:
    return consultation is not None and consultation.is_open(timezone.now())


@rules.predicate
def is_in_working_group(user, group) -> bool:
    if group is None:
        return False
    org_id = provider_organisation_id(user, group.municipality_id)
    return org_id is not None and group.members.filter(pk=org_id).exists()
