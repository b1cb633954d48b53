"""Members of provider organisations: invitations by e-mail and the members' management.

An invitation is a single-use, expiring link. Only the SHA-256 of its token is stored, so the
e-mail is the only place the secret lives. A person represents one provider per municipality.
"""

import datetime
import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from consultations.models import Invitation
from core.exceptions import DomainError
from core.models import Membership, Organisation, Role
from core.services import grant_role


class InvitationUnknown(DomainError):
    """No invitation has this token (mistyped or truncated link)."""


class InvitationUnusable(DomainError):
    """The invitation exists but was used, withdrawn or has expired."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


def _is_manager(user, municipality_id) -> bool:
    from core.predicates import roles_in
    from core.stages import MANAGERS

    return bool(roles_in(user, municipality_id) & MANAGERS)


def default_link(invitation: Invitation, token: str) -> str:
    """The accept link when no request is at hand (e.g. from a management command)."""
    path = reverse(
        "invitation-accept", kwargs={"slug": invitation.municipality.slug, "token": token}
    )
    return settings.SITE_URL.rstrip("/") + path


# --- Invitations -------------------------------------------------------------------------------


@transaction.atomic
def invite(
    *,
    organisation: Organisation,
    email: str,
    is_organisation_admin: bool,
    by,
    link: Callable[[Invitation, str], str] | None = None,
) -> tuple[Invitation, str]:
    """Invite a person by e-mail to represent ``organisation``; returns the token once.

    An earlier pending invitation of the same address to the same organisation is withdrawn,
    so only the newest link works. ``link(invitation, token)`` builds the absolute accept URL
    (the view passes one built from the request).
    """
    email = email.strip().lower()
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is not None:
        current = (
            Membership.objects.filter(
                user=user, municipality_id=organisation.municipality_id, role=Role.PROVIDER
            )
            .select_related("organisation")
            .first()
        )
        if current is not None and current.organisation_id == organisation.pk:
            raise DomainError(
                _("%(email)s is already a member of this organisation.") % {"email": email}
            )
        if current is not None:
            raise DomainError(
                _(
                    "%(email)s already represents “%(organisation)s” here; a person represents "
                    "one provider per municipality. That organisation has to remove them first."
                )
                % {"email": email, "organisation": current.organisation.name}
            )
    now = timezone.now()
    for earlier in (
        Invitation.objects.select_for_update()
        .pending()
        .filter(organisation=organisation, email__iexact=email)
    ):
        earlier.revoked_at = now
        earlier._history_user = by
        earlier.save(update_fields=["revoked_at"])
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        municipality_id=organisation.municipality_id,
        organisation=organisation,
        email=email,
        is_organisation_admin=is_organisation_admin,
        token_hash=hash_token(token),
        invited_by=by,
        expires_at=now + datetime.timedelta(days=Invitation.VALID_DAYS),
    )
    invitation._history_user = by
    invitation.save()
    accept_url = (link or default_link)(invitation, token)

    from consultations.tasks import send_invitation_email

    transaction.on_commit(lambda: send_invitation_email.delay(invitation.pk, accept_url))
    return invitation, token


def check_usable(invitation: Invitation) -> None:
    """Raise InvitationUnusable, saying why and when, unless the link can still be accepted."""
    if invitation.accepted_at is not None:
        raise InvitationUnusable(
            _(
                "This invitation was already used on %(when)s. Each link works once; if you "
                "accepted it, log in to reach your organisation."
            )
            % {"when": _when(invitation.accepted_at)},
            code="used",
        )
    if invitation.revoked_at is not None:
        raise InvitationUnusable(
            _(
                "This invitation was withdrawn on %(when)s. Ask %(organisation)s for a new one "
                "if you should still join."
            )
            % {"when": _when(invitation.revoked_at), "organisation": invitation.organisation.name},
            code="withdrawn",
        )
    if invitation.is_expired:
        raise InvitationUnusable(
            _("This invitation expired on %(when)s. Ask %(organisation)s to send you a new one.")
            % {"when": _when(invitation.expires_at), "organisation": invitation.organisation.name},
            code="expired",
        )


def find(*, token: str, municipality=None, for_update: bool = False) -> Invitation:
    """The invitation of ``token`` (in ``municipality`` when given), or InvitationUnknown."""
    invitations = Invitation.objects.select_related("organisation", "municipality")
    if for_update:
        invitations = invitations.select_for_update(of=("self",))
    if municipality is not None:
        invitations = invitations.filter(municipality=municipality)
    invitation = invitations.filter(token_hash=hash_token(token or "")).first()
    if invitation is None:
        raise InvitationUnknown(
            _(
                "This invitation link is not valid. Check that you opened the whole link from "
                "the e-mail, or ask the organisation to invite you again."
            ),
            code="unknown",
        )
    return invitation


def blocking_membership(user, invitation: Invitation) -> Membership | None:
    """The user's provider role for *another* organisation of the municipality, if any."""
    if not user or not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(
            user=user, municipality_id=invitation.municipality_id, role=Role.PROVIDER
        )
        .exclude(organisation_id=invitation.organisation_id)
        .select_related("organisation")
        .first()
    )


@transaction.atomic
def accept(*, token: str, user, municipality=None) -> Membership:
    """Make ``user`` a member of the inviting organisation; the link cannot be used again."""
    invitation = find(token=token, municipality=municipality, for_update=True)
    check_usable(invitation)
    other = blocking_membership(user, invitation)
    if other is not None:
        raise DomainError(
            _(
                "You already represent “%(organisation)s” here; a person represents one "
                "provider per municipality. Ask that organisation to remove you first."
            )
            % {"organisation": other.organisation.name}
        )
    membership = (
        Membership.objects.select_for_update()
        .filter(user=user, municipality_id=invitation.municipality_id, role=Role.PROVIDER)
        .first()
    )
    if membership is None:
        membership = grant_role(
            municipality=invitation.municipality,
            user=user,
            role=Role.PROVIDER,
            organisation=invitation.organisation,
            is_organisation_admin=invitation.is_organisation_admin,
            by=user,
        )
    elif invitation.is_organisation_admin and not membership.is_organisation_admin:
        # Already a member: the invitation can still make them manage the members.
        membership.is_organisation_admin = True
        membership._history_user = user
        membership.save(update_fields=["is_organisation_admin"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation._history_user = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def revoke(*, invitation: Invitation, by) -> Invitation:
    """Withdraw a pending invitation: its link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise DomainError(
            _("This invitation was already accepted on %(when)s; remove the member instead.")
            % {"when": _when(invitation.accepted_at)}
        )
    if invitation.revoked_at is not None:
        raise DomainError(
            _("This invitation was already withdrawn on %(when)s.")
            % {"when": _when(invitation.revoked_at)}
        )
    invitation.revoked_at = timezone.now()
    invitation._history_user = by
    invitation.save(update_fields=["revoked_at"])
    return invitation


# --- Members -----------------------------------------------------------------------------------


def _other_admins_exist(membership: Membership) -> bool:
    """Locks the organisation's admins so two concurrent removals cannot leave none."""
    admins = list(
        Membership.objects.select_for_update()
        .filter(
            organisation_id=membership.organisation_id,
            role=Role.PROVIDER,
            is_organisation_admin=True,
        )
        .values_list("pk", flat=True)
    )
    return any(pk != membership.pk for pk in admins)


def _refuse_last_admin(membership: Membership, by) -> None:
    if (
        membership.is_organisation_admin
        and not _is_manager(by, membership.municipality_id)
        and not _other_admins_exist(membership)
    ):
        raise DomainError(
            _(
                "The organisation must keep at least one member who manages its members: "
                "give that right to someone else first."
            )
        )


@transaction.atomic
def remove_member(*, membership: Membership, by) -> None:
    """Take a person out of a provider organisation (their account stays)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role != Role.PROVIDER:
        raise DomainError(_("This person is not a member of a provider organisation."))
    _refuse_last_admin(membership, by)
    membership._history_user = by
    membership.delete()


@transaction.atomic
def set_member_admin(*, membership: Membership, is_admin: bool, by) -> Membership:
    """Let a member manage the organisation's members, or take that right away."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role != Role.PROVIDER:
        raise DomainError(_("This person is not a member of a provider organisation."))
    if membership.is_organisation_admin == is_admin:
        return membership
    if not is_admin:
        _refuse_last_admin(membership, by)
    membership.is_organisation_admin = is_admin
    membership._history_user = by
    membership.save(update_fields=["is_organisation_admin"])
    return membership
