"""Invitations of provider members: a single-use, expiring link sent by e-mail."""

import datetime
import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultations import invitations
from consultations.models import Invitation
from core.exceptions import DomainError
from core.models import Membership, Role
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Gradina-cu-meri-2026"


def invite(world, organisation=None, email="nou@example.ro", admin=False, by="staff"):
    return invitations.invite(
        organisation=organisation or world.org_a,
        email=email,
        is_organisation_admin=admin,
        by=world.users[by],
    )


def accept_url(world, token):
    return reverse("invitation-accept", args=[world.municipality.slug, token])


def signup(client, world, token, **changes):
    data = {
        "first_name": "Elena",
        "last_name": "Nouă",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    data.update(changes)
    return client.post(accept_url(world, token), data)


def invite_by_mail(world, as_user, django_capture_on_commit_callbacks, email="nou@example.ro"):
    """Invite through the staff page and return the link found in the e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user("staff").post(
            reverse("organisation-member-invite", args=[world.municipality.slug, world.org_a.pk]),
            {"email": email},
        )
    assert response.status_code == 302
    [message] = mail.outbox
    return re.search(r"http://testserver(/\S+)", message.body)[1]


# --- Sending -----------------------------------------------------------------------------------


def test_an_invitation_is_e_mailed_with_a_link_whose_token_is_stored_only_hashed(
    world, as_user, django_capture_on_commit_callbacks
):
    link = invite_by_mail(world, as_user, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.to == ["nou@example.ro"]
    assert "Asociația Alfa" in message.subject
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash
    validity = invitation.expires_at - invitation.created_at
    assert abs(validity - datetime.timedelta(days=Invitation.VALID_DAYS)).total_seconds() < 60
    assert invitation.history.first().history_user == world.users["staff"]


def test_no_e_mail_leaves_when_the_invitation_is_refused(
    world, as_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user("staff").post(
            reverse("organisation-member-invite", args=[world.municipality.slug, world.org_a.pk]),
            {"email": world.users["provider_b"].email},
        )
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    assert mail.outbox == [] and not Invitation.objects.exists()


def test_a_new_invitation_withdraws_the_earlier_one_to_the_same_address(world):
    first, first_token = invite(world, email="Nou@Example.ro")
    second, _token = invite(world, email="nou@example.ro")
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    with pytest.raises(invitations.InvitationUnusable):
        invitations.accept(token=first_token, user=UserFactory())


def test_a_member_of_this_organisation_cannot_be_invited_again(world):
    with pytest.raises(DomainError):
        invite(world, email=world.users["provider_a"].email.upper())
    assert not Invitation.objects.exists()


def test_a_provider_of_another_organisation_here_cannot_be_invited(world):
    with pytest.raises(DomainError, match="Fundația Beta"):
        invite(world, email=world.users["provider_b"].email)
    assert not Invitation.objects.exists()


def test_a_provider_elsewhere_can_be_invited_here(world):
    user = UserFactory(username="departe")
    MembershipFactory(
        user=user,
        municipality=world.other_municipality,
        role=Role.PROVIDER,
        organisation=world.other_org,
    )
    invitation, _token = invite(world, email=user.email)
    assert invitation.email == user.email


# --- Accepting ---------------------------------------------------------------------------------


def test_a_new_person_creates_an_account_joins_and_is_logged_in(
    world, as_user, django_capture_on_commit_callbacks, client
):
    link = invite_by_mail(world, as_user, django_capture_on_commit_callbacks)
    page = client.get(link)
    assert page.status_code == 200 and page.context["mode"] == "signup"
    assert "Asociația Alfa" in page.content.decode()
    response = client.post(
        link,
        {
            "first_name": "Elena",
            "last_name": "Nouă",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("provider-organisation", args=["arcadia"])
    user = get_user_model().objects.get(email="nou@example.ro")
    assert user.username == "nou@example.ro" and user.check_password(NEW_PASSWORD)
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (world.org_a, Role.PROVIDER)
    assert membership.history.first().history_user == user
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    # Logged in: the organisation page opens at once.
    assert client.get(response["Location"]).status_code == 200


def test_the_link_works_once_then_says_when_it_was_used(world, client):
    _invitation, token = invite(world)
    signup(client, world, token)
    client.logout()
    response = client.get(accept_url(world, token))
    assert response.status_code == 410 and response.context["reason_code"] == "used"
    again = signup(client, world, token, first_name="Altcineva")
    assert again.status_code == 410
    assert get_user_model().objects.filter(email="nou@example.ro").count() == 1
    assert Membership.objects.filter(organisation=world.org_a).count() == 2


def test_an_expired_link_says_when_it_expired_and_writes_nothing(world, client):
    invitation, token = invite(world)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    response = client.get(accept_url(world, token))
    assert response.status_code == 410 and response.context["reason_code"] == "expired"
    assert "Asociația Alfa" in response.content.decode()  # whom to ask for a new one
    assert signup(client, world, token).status_code == 410
    assert not get_user_model().objects.filter(email="nou@example.ro").exists()
    with pytest.raises(invitations.InvitationUnusable) as refused:
        invitations.accept(token=token, user=world.users["public"])
    assert refused.value.code == "expired"
    assert not Membership.objects.filter(user=world.users["public"], role=Role.PROVIDER).exists()


def test_a_withdrawn_link_says_it_was_withdrawn_and_writes_nothing(world, client):
    invitation, token = invite(world)
    invitations.revoke(invitation=invitation, by=world.users["staff"])
    response = client.get(accept_url(world, token))
    assert response.status_code == 410 and response.context["reason_code"] == "withdrawn"
    assert signup(client, world, token).status_code == 410
    assert not get_user_model().objects.filter(email="nou@example.ro").exists()
    with pytest.raises(invitations.InvitationUnusable) as refused:
        invitations.accept(token=token, user=world.users["public"])
    assert refused.value.code == "withdrawn"


def test_an_unknown_or_truncated_link_is_a_404_and_writes_nothing(world, client):
    _invitation, token = invite(world)
    assert client.get(accept_url(world, token[:-3])).status_code == 404
    assert signup(client, world, token[:-3]).status_code == 404
    assert not get_user_model().objects.filter(email="nou@example.ro").exists()


def test_a_link_opened_under_another_municipality_is_a_404(world, client):
    _invitation, token = invite(world)
    url = reverse("invitation-accept", args=[world.other_municipality.slug, token])
    assert client.get(url).status_code == 404


def test_an_existing_account_must_log_in_before_accepting(world, client):
    person = UserFactory(username="existent", email="existent@example.ro")
    _invitation, token = invite(world, email="existent@example.ro")
    page = client.get(accept_url(world, token))
    assert page.context["mode"] == "login"
    assert "?next=" in page.context["login_url"]
    response = signup(client, world, token)  # an anonymous POST cannot take over the account
    assert response.status_code == 200
    assert not Membership.objects.filter(user=person, role=Role.PROVIDER).exists()
    client.post(
        page.context["login_url"], {"username": "existent", "password": PASSWORD}, follow=False
    )
    response = client.post(accept_url(world, token))
    assert response.status_code == 302
    assert Membership.objects.get(user=person, role=Role.PROVIDER).organisation == world.org_a


def test_a_logged_in_person_accepts_with_one_button(world, as_user):
    _invitation, token = invite(world, email="public@example.ro", admin=True)
    client = as_user("public")
    assert client.get(accept_url(world, token)).context["mode"] == "accept"
    response = client.post(accept_url(world, token))
    assert response.status_code == 302
    membership = Membership.objects.get(user=world.users["public"], role=Role.PROVIDER)
    assert membership.organisation == world.org_a and membership.is_organisation_admin


def test_a_provider_of_another_organisation_here_cannot_accept(world, as_user):
    _invitation, token = invite(world, email="cineva@example.ro")
    client = as_user("provider_b")
    page = client.get(accept_url(world, token))
    assert page.context["blocking"].organisation == world.org_b
    response = client.post(accept_url(world, token))
    assert response.status_code == 400
    assert Membership.objects.get(user=world.users["provider_b"]).organisation == world.org_b
    assert Invitation.objects.get().accepted_at is None


def test_a_weak_or_mismatched_password_is_named_and_nothing_is_written(world, client):
    _invitation, token = invite(world)
    weak = signup(client, world, token, password1="parola", password2="parola")
    assert weak.status_code == 400 and "password1" in weak.context["form"].errors
    differ = signup(client, world, token, password2="Altceva-cu-meri-2026")
    assert differ.status_code == 400 and "password2" in differ.context["form"].errors
    missing = signup(client, world, token, first_name="")
    assert "first_name" in missing.context["form"].errors
    assert not get_user_model().objects.filter(email="nou@example.ro").exists()
    assert Invitation.objects.get().accepted_at is None


def test_accepting_an_invitation_to_ones_own_organisation_can_make_one_an_admin(world):
    _invitation, token = invite(
        world, email="altul@example.ro", organisation=world.org_b, admin=True
    )
    membership = invitations.accept(token=token, user=world.users["provider_b"])
    assert membership.is_organisation_admin
    assert Membership.objects.filter(user=world.users["provider_b"]).count() == 1


# --- Members -----------------------------------------------------------------------------------


def test_an_organisation_admin_cannot_remove_the_last_admin(world):
    membership = Membership.objects.get(user=world.users["provider_a"])
    with pytest.raises(DomainError):
        invitations.remove_member(membership=membership, by=world.users["provider_a"])
    with pytest.raises(DomainError):
        invitations.set_member_admin(
            membership=membership, is_admin=False, by=world.users["provider_a"]
        )
    membership.refresh_from_db()
    assert membership.is_organisation_admin


def test_staff_may_remove_the_last_admin(world):
    membership = Membership.objects.get(user=world.users["provider_a"])
    invitations.remove_member(membership=membership, by=world.users["staff"])
    assert not Membership.objects.filter(pk=membership.pk).exists()
    record = Membership.history.filter(id=membership.pk, history_type="-").get()
    assert record.history_user == world.users["staff"]


def test_an_admin_can_step_down_once_another_admin_exists(world):
    other = MembershipFactory(
        user=UserFactory(),
        municipality=world.municipality,
        role=Role.PROVIDER,
        organisation=world.org_a,
        is_organisation_admin=True,
    )
    membership = Membership.objects.get(user=world.users["provider_a"])
    invitations.set_member_admin(
        membership=membership, is_admin=False, by=world.users["provider_a"]
    )
    membership.refresh_from_db()
    assert not membership.is_organisation_admin
    with pytest.raises(DomainError):
        invitations.remove_member(membership=other, by=world.users["provider_a"])


def test_a_used_invitation_cannot_be_withdrawn(world):
    invitation, token = invite(world)
    invitations.accept(token=token, user=UserFactory())
    invitation.refresh_from_db()
    with pytest.raises(DomainError):
        invitations.revoke(invitation=invitation, by=world.users["staff"])


def test_an_organisation_without_a_cif_is_invited_like_any_other(world):
    organisation = OrganisationFactory(municipality=world.municipality)
    invitation, _token = invite(world, organisation=organisation)
    assert invitation.municipality == world.municipality
