"""Provider organisations: their own page, their members and the invitations that bring them in.

The members pages exist twice with one implementation: staff reach any organisation of their
municipality by id (``pk``), an organisation's members reach only their own (no id in the URL).
Every membership or invitation id is looked up within that organisation, so a guessed id of
another organisation is a 404.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations import invitations
from consultations.forms_members import InvitationSignupForm, InviteForm, OrganisationContactForm
from consultations.models import Invitation
from consultations.views import _provider_organisation
from core.access import get_municipality, login_redirect, require
from core.exceptions import DomainError
from core.history import history_entries
from core.models import Membership, Organisation, Role

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
HISTORY_ROWS = 20


def _organisation(request, municipality, pk: int | None) -> Organisation:
    """Staff: the organisation ``pk`` of their municipality. Providers: their own (else 403)."""
    if pk is None:
        organisation = _provider_organisation(request, municipality)
    else:
        require(request, "core.manage_organisation", municipality)
        organisation = get_object_or_404(Organisation, municipality=municipality, pk=pk)
    organisation.municipality = municipality
    return organisation


def _members_url(organisation, staff: bool) -> str:
    slug = organisation.municipality.slug
    if staff:
        return reverse("organisation-members", kwargs={"slug": slug, "pk": organisation.pk})
    return reverse("provider-members", kwargs={"slug": slug})


def _action_url(name: str, organisation, staff: bool, **kwargs) -> str:
    kwargs["slug"] = organisation.municipality.slug
    if staff:
        return reverse(f"organisation-{name}", kwargs={"pk": organisation.pk, **kwargs})
    return reverse(f"provider-{name}", kwargs=kwargs)


def _member_rows(organisation):
    return list(
        Membership.objects.filter(organisation=organisation, role=Role.PROVIDER)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def _members_history(organisation) -> list[dict]:
    """Who joined, left or changed rights, and which invitations were sent or withdrawn."""
    rows = []
    for record in (
        Membership.history.filter(organisation_id=organisation.pk, role=Role.PROVIDER)
        .select_related("history_user", "user")
        .order_by("-history_date")[:HISTORY_ROWS]
    ):
        if record.history_type == "+":
            text = _("%(person)s joined the organisation") % {"person": record.user}
        elif record.history_type == "-":
            text = _("%(person)s was removed from the organisation") % {"person": record.user}
        elif record.is_organisation_admin:
            text = _("%(person)s now manages the members") % {"person": record.user}
        else:
            text = _("%(person)s no longer manages the members") % {"person": record.user}
        rows.append({"date": record.history_date, "user": record.history_user, "text": text})
    for record in (
        Invitation.history.filter(organisation_id=organisation.pk)
        .select_related("history_user")
        .order_by("-history_date")[:HISTORY_ROWS]
    ):
        if record.history_type == "+":
            text = _("invitation sent to %(email)s") % {"email": record.email}
        elif record.accepted_at:
            text = _("invitation to %(email)s accepted") % {"email": record.email}
        elif record.revoked_at:
            text = _("invitation to %(email)s withdrawn") % {"email": record.email}
        else:
            continue
        rows.append({"date": record.history_date, "user": record.history_user, "text": text})
    rows.sort(key=lambda row: row["date"], reverse=True)
    return rows[:HISTORY_ROWS]


def _render_members(request, organisation, staff: bool, form=None, status=200) -> HttpResponse:
    can_manage = request.user.has_perm("consultations.manage_members", organisation)
    members = _member_rows(organisation)
    pending = list(
        organisation.invitations.pending().select_related("invited_by").order_by("-created_at")
    )
    if can_manage:
        for membership in members:
            membership.delete_url = _action_url(
                "membership-delete", organisation, staff, membership_pk=membership.pk
            )
            membership.admin_url = _action_url(
                "membership-admin", organisation, staff, membership_pk=membership.pk
            )
        for invitation in pending:
            invitation.revoke_url = _action_url(
                "invitation-revoke", organisation, staff, invitation_pk=invitation.pk
            )
    return render(
        request,
        "consultations/members/members.html",
        {
            "municipality": organisation.municipality,
            "organisation": organisation,
            "staff_view": staff,
            "can_manage": can_manage,
            "members": members,
            "pending": pending,
            "form": form or InviteForm(),
            "invite_url": _action_url("member-invite", organisation, staff),
            "changes": _members_history(organisation),
            "valid_days": Invitation.VALID_DAYS,
        },
        status=status,
    )


# --- Members pages -----------------------------------------------------------------------------


def members(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """The members of an organisation and its pending invitations (read-only for plain members)."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    organisation = _organisation(request, municipality, pk)
    require(request, "consultations.view_organisation", organisation)
    return _render_members(request, organisation, staff=pk is not None)


@require_POST
def member_invite(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    organisation = _organisation(request, municipality, pk)
    require(request, "consultations.manage_members", organisation)
    staff = pk is not None
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation, _token = invitations.invite(
                organisation=organisation,
                email=form.cleaned_data["email"],
                is_organisation_admin=form.cleaned_data["is_organisation_admin"],
                by=request.user,
                link=lambda invitation, token: request.build_absolute_uri(
                    reverse("invitation-accept", kwargs={"slug": slug, "token": token})
                ),
            )
        except DomainError as error:
            form.add_error("email", error.messages)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s; its link works for %(days)d days.")
                % {"email": invitation.email, "days": Invitation.VALID_DAYS},
            )
            return redirect(_members_url(organisation, staff))
    return _render_members(request, organisation, staff, form=form, status=400)


@require_POST
def invitation_revoke(
    request: HttpRequest, slug: str, invitation_pk: int, pk: int | None = None
) -> HttpResponse:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    organisation = _organisation(request, municipality, pk)
    invitation = get_object_or_404(Invitation, organisation=organisation, pk=invitation_pk)
    require(request, "consultations.manage_members", organisation)
    try:
        invitations.revoke(invitation=invitation, by=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s was withdrawn; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect(_members_url(organisation, pk is not None))


@require_POST
def membership_delete(
    request: HttpRequest, slug: str, membership_pk: int, pk: int | None = None
) -> HttpResponse:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    organisation = _organisation(request, municipality, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("user"),
        organisation=organisation,
        role=Role.PROVIDER,
        pk=membership_pk,
    )
    require(request, "consultations.manage_members", organisation)
    try:
        invitations.remove_member(membership=membership, by=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_members_url(organisation, pk is not None))
    if membership.user_id == request.user.pk and pk is None:
        messages.success(
            request, _("You left %(organisation)s.") % {"organisation": organisation.name}
        )
        return redirect(municipality.get_absolute_url())
    messages.success(
        request,
        _("%(person)s is no longer a member of %(organisation)s.")
        % {"person": membership.user, "organisation": organisation.name},
    )
    return redirect(_members_url(organisation, pk is not None))


@require_POST
def membership_admin(
    request: HttpRequest, slug: str, membership_pk: int, pk: int | None = None
) -> HttpResponse:
    """Give or take away the right to manage the organisation's members (``is_admin`` 1/0)."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    organisation = _organisation(request, municipality, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("user"),
        organisation=organisation,
        role=Role.PROVIDER,
        pk=membership_pk,
    )
    require(request, "consultations.manage_members", organisation)
    is_admin = request.POST.get("is_admin") == "1"
    try:
        invitations.set_member_admin(membership=membership, is_admin=is_admin, by=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if is_admin:
            text = _("%(person)s now manages the organisation's members.")
        else:
            text = _("%(person)s no longer manages the organisation's members.")
        messages.success(request, text % {"person": membership.user})
    return redirect(_members_url(organisation, pk is not None))


# --- The provider's own organisation -----------------------------------------------------------


def provider_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """Every member sees the organisation's details; its admins correct the contact details."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    organisation = _organisation(request, municipality, None)
    require(request, "consultations.view_organisation", organisation)
    can_change = request.user.has_perm("consultations.change_organisation", organisation)
    form = None
    if can_change:
        form = OrganisationContactForm(request.POST or None, instance=organisation)
    elif request.method == "POST":
        require(request, "consultations.change_organisation", organisation)
    if request.method == "POST" and form is not None and form.is_valid():
        with transaction.atomic():
            form.instance._history_user = request.user
            form.save()
        messages.success(request, _("The details of your organisation were saved."))
        return redirect("provider-organisation", slug=slug)
    return render(
        request,
        "consultations/members/organisation.html",
        {
            "municipality": municipality,
            "organisation": organisation,
            "zones": list(organisation.zones_served.all()),
            "members": _member_rows(organisation),
            "can_change": can_change,
            "can_manage": request.user.has_perm("consultations.manage_members", organisation),
            "form": form,
            "history": history_entries(organisation),
        },
        status=400 if form is not None and form.errors else 200,
    )


# --- Accepting an invitation -------------------------------------------------------------------


def _existing_account(email: str):
    return (
        get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()
    )


def _unusable(request, municipality, error, status) -> HttpResponse:
    return render(
        request,
        "consultations/members/invitation_invalid.html",
        {"municipality": municipality, "reasons": error.messages, "reason_code": error.code},
        status=status,
    )


def _accepted(request, membership) -> HttpResponse:
    messages.success(
        request,
        _("Welcome! You now represent %(organisation)s in Spirala.")
        % {"organisation": membership.organisation.name},
    )
    return redirect("provider-organisation", slug=membership.municipality.slug)


def invitation_accept(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """Open to anyone holding the link: sign up, log in first, or accept with the account."""
    municipality = get_municipality(slug)
    try:
        invitation = invitations.find(token=token, municipality=municipality)
        invitations.check_usable(invitation)
    except invitations.InvitationUnknown as error:
        return _unusable(request, municipality, error, 404)
    except invitations.InvitationUnusable as error:
        return _unusable(request, municipality, error, 410)

    user = request.user
    if user.is_authenticated:
        mode = "accept"
    elif _existing_account(invitation.email) is not None:
        mode = "login"
    else:
        mode = "signup"
    form = InvitationSignupForm(
        request.POST if mode == "signup" and request.method == "POST" else None,
        email=invitation.email,
    )
    blocking = invitations.blocking_membership(user, invitation)
    error_messages: list[str] = []
    status = 200
    if request.method == "POST" and mode in ("accept", "signup"):
        try:
            if mode == "accept":
                membership = invitations.accept(token=token, user=user, municipality=municipality)
                return _accepted(request, membership)
            if form.is_valid():
                with transaction.atomic():
                    data = form.cleaned_data
                    new_user = get_user_model().objects.create_user(
                        username=invitation.email,
                        email=invitation.email,
                        password=data["password1"],
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                    )
                    membership = invitations.accept(
                        token=token, user=new_user, municipality=municipality
                    )
                login(request, new_user, backend=MODEL_BACKEND)
                return _accepted(request, membership)
            status = 400
        except invitations.InvitationUnknown as error:
            return _unusable(request, municipality, error, 404)
        except invitations.InvitationUnusable as error:
            return _unusable(request, municipality, error, 410)
        except DomainError as error:
            error_messages = error.messages
            status = 400
    return render(
        request,
        "consultations/members/invitation_accept.html",
        {
            "municipality": municipality,
            "invitation": invitation,
            "organisation": invitation.organisation,
            "mode": mode,
            "form": form,
            "blocking": blocking,
            "error_messages": error_messages,
            "email_differs": mode == "accept" and user.email.lower() != invitation.email.lower(),
            "login_url": f"{reverse('login')}?{urlencode({'next': request.path})}",
        },
        status=status,
    )
