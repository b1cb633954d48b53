"""The members pages of provider organisations, shared by staff and organisation admins."""

import pytest
from django.core import mail
from django.urls import reverse

from consultations import invitations
from consultations.models import Invitation
from core.models import Membership, Role
from tests.factories import MembershipFactory, UserFactory
from tests.matrix import ALL, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

SLUG = "arcadia"


def member_of(organisation, admin=False, username=None):
    user = UserFactory(**({"username": username} if username else {}))
    return MembershipFactory(
        user=user,
        municipality=organisation.municipality,
        role=Role.PROVIDER,
        organisation=organisation,
        is_organisation_admin=admin,
    )


def pending_invitation(organisation, email="asteptat@example.ro", by=None):
    invitation, _token = invitations.invite(
        organisation=organisation,
        email=email,
        is_organisation_admin=False,
        by=by or UserFactory(),
    )
    return invitation


def provider_url(name, *args):
    return reverse(name, args=[SLUG, *args])


def staff_url(name, organisation, *args):
    return reverse(name, args=[SLUG, organisation.pk, *args])


# --- What the pages show -----------------------------------------------------------------------


def test_the_organisation_admin_sees_members_invitations_and_the_invite_form(world, as_user):
    colleague = member_of(world.org_a, username="coleg")
    pending_invitation(world.org_a, email="asteptat@example.ro")
    response = as_user("provider_a").get(provider_url("provider-members"))
    html = response.content.decode()
    assert response.context["can_manage"]
    assert colleague.user.email in html and world.users["provider_a"].email in html
    assert "asteptat@example.ro" in html
    assert 'name="email"' in html and "data-confirm" in html
    assert provider_url("provider-membership-delete", colleague.pk) in html


def test_a_plain_member_sees_the_members_without_any_form(world, as_user):
    colleague = member_of(world.org_b, username="coleg_b")
    pending_invitation(world.org_b)
    response = as_user("provider_b").get(provider_url("provider-members"))
    html = response.content.decode()
    assert not response.context["can_manage"]
    assert colleague.user.email in html and "asteptat@example.ro" in html
    assert '<form method="post" action="/m/arcadia/furnizor' not in html
    assert 'name="email"' not in html


def test_a_provider_never_sees_another_organisations_members(world, as_user):
    stranger = member_of(world.org_a, username="strain")
    pending_invitation(world.org_a, email="secret@example.ro")
    html = as_user("provider_b").get(provider_url("provider-members")).content.decode()
    assert stranger.user.email not in html and "secret@example.ro" not in html
    assert world.users["provider_a"].email not in html


def test_staff_see_any_organisations_members_of_their_municipality(world, as_user):
    response = as_user("staff").get(staff_url("organisation-members", world.org_b))
    assert response.status_code == 200
    assert world.users["provider_b"].email in response.content.decode()
    assert response.context["can_manage"]


def test_the_members_page_lists_recent_changes_with_their_author(world, as_user):
    member = member_of(world.org_a, username="plecat")
    as_user("provider_a").post(provider_url("provider-membership-delete", member.pk))
    changes = as_user("provider_a").get(provider_url("provider-members")).context["changes"]
    assert changes[0]["user"] == world.users["provider_a"]
    assert member.user.get_full_name() in changes[0]["text"]


# --- Actions -----------------------------------------------------------------------------------


def test_the_organisation_admin_invites_a_member_by_e_mail(
    world, as_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user("provider_a").post(
            provider_url("provider-member-invite"),
            {"email": "Coleg.Nou@Example.ro", "is_organisation_admin": "on"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.organisation, invitation.email) == (world.org_a, "coleg.nou@example.ro")
    assert invitation.is_organisation_admin and invitation.invited_by == world.users["provider_a"]
    assert mail.outbox[0].to == ["coleg.nou@example.ro"]
    assert "http://testserver/m/arcadia/invitatie/" in mail.outbox[0].body


def test_a_bad_invitation_address_is_named_and_nothing_is_sent(
    world, as_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user("provider_a").post(
            provider_url("provider-member-invite"), {"email": "nu-e-o-adresa"}
        )
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    assert not Invitation.objects.exists() and mail.outbox == []


def test_the_organisation_admin_withdraws_an_invitation(world, as_user):
    invitation = pending_invitation(world.org_a)
    response = as_user("provider_a").post(provider_url("provider-invitation-revoke", invitation.pk))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert invitation.history.first().history_user == world.users["provider_a"]


def test_the_organisation_admin_removes_a_member_and_history_keeps_who(world, as_user):
    member = member_of(world.org_a)
    as_user("provider_a").post(provider_url("provider-membership-delete", member.pk))
    assert not Membership.objects.filter(pk=member.pk).exists()
    record = Membership.history.get(id=member.pk, history_type="-")
    assert record.history_user == world.users["provider_a"]


def test_the_organisation_admin_cannot_remove_the_last_admin(world, as_user):
    own = Membership.objects.get(user=world.users["provider_a"])
    response = as_user("provider_a").post(provider_url("provider-membership-delete", own.pk))
    assert response.status_code == 302
    assert Membership.objects.filter(pk=own.pk).exists()
    response = as_user("provider_a").post(
        provider_url("provider-membership-admin", own.pk), {"is_admin": "0"}
    )
    own.refresh_from_db()
    assert own.is_organisation_admin


def test_the_organisation_admin_shares_the_right_to_manage_members(world, as_user):
    member = member_of(world.org_a)
    as_user("provider_a").post(
        provider_url("provider-membership-admin", member.pk), {"is_admin": "1"}
    )
    member.refresh_from_db()
    assert member.is_organisation_admin
    assert member.history.first().history_user == world.users["provider_a"]


def test_staff_may_remove_the_last_admin_of_an_organisation(world, as_user):
    own = Membership.objects.get(user=world.users["provider_a"])
    response = as_user("staff").post(
        staff_url("organisation-membership-delete", world.org_a, own.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == staff_url("organisation-members", world.org_a)
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_a_plain_member_cannot_invite_or_remove(world, as_user):
    colleague = member_of(world.org_b)
    client = as_user("provider_b")
    assert (
        client.post(provider_url("provider-member-invite"), {"email": "x@example.ro"}).status_code
        == 403
    )
    assert client.post(provider_url("provider-membership-delete", colleague.pk)).status_code == 403
    assert not Invitation.objects.exists()
    assert Membership.objects.filter(pk=colleague.pk).exists()


def test_guessing_another_organisations_ids_is_a_404_and_changes_nothing(world, as_user):
    member = member_of(world.org_a, admin=True)
    invitation = pending_invitation(world.org_a)
    client = as_user("provider_b")
    assert client.post(provider_url("provider-membership-delete", member.pk)).status_code == 404
    response = client.post(provider_url("provider-membership-admin", member.pk), {"is_admin": "0"})
    assert response.status_code == 404
    assert client.post(provider_url("provider-invitation-revoke", invitation.pk)).status_code == 404
    member.refresh_from_db()
    invitation.refresh_from_db()
    assert member.is_organisation_admin and invitation.revoked_at is None


def test_staff_cannot_act_on_a_membership_through_another_organisations_url(world, as_user):
    member = member_of(world.org_a)
    response = as_user("staff").post(
        staff_url("organisation-membership-delete", world.org_b, member.pk)
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=member.pk).exists()


# --- Permission matrix -------------------------------------------------------------------------

PROVIDERS = ("provider_a", "provider_b")


def _org_a_member(w):
    return member_of(w.org_a).pk


def _org_a_invitation(w):
    return pending_invitation(w.org_a, by=w.users["staff"]).pk


def _other_invitation(w):
    return pending_invitation(w.other_org, by=w.users["other_staff"]).pk


CASES = [
    # The provider's own pages
    Case("members page", lambda w: provider_url("provider-members"), statuses(PROVIDERS, 200)),
    Case(
        "invite a member",
        lambda w: provider_url("provider-member-invite"),
        {"provider_a": 302},
        method="post",
        data={"email": "nou@example.ro"},
    ),
    Case(
        "withdraw provider A's invitation",
        lambda w: provider_url("provider-invitation-revoke", _org_a_invitation(w)),
        {"provider_a": 302, "provider_b": 404},
        method="post",
    ),
    Case(
        "remove provider A's member",
        lambda w: provider_url("provider-membership-delete", _org_a_member(w)),
        {"provider_a": 302, "provider_b": 404},
        method="post",
    ),
    Case(
        "make provider A's member an admin",
        lambda w: provider_url("provider-membership-admin", _org_a_member(w)),
        {"provider_a": 302, "provider_b": 404},
        method="post",
        data={"is_admin": "1"},
    ),
    # Staff pages
    Case(
        "staff: members of organisation A",
        lambda w: staff_url("organisation-members", w.org_a),
        statuses(MANAGERS, 200),
    ),
    Case(
        "staff: members of another municipality's organisation",
        lambda w: reverse("organisation-members", args=[SLUG, w.other_org.pk]),
        statuses(MANAGERS, 404),
    ),
    Case(
        "staff: invite to organisation A",
        lambda w: staff_url("organisation-member-invite", w.org_a),
        statuses(MANAGERS, 302),
        method="post",
        data={"email": "nou@example.ro"},
    ),
    Case(
        "staff: withdraw an invitation of organisation A",
        lambda w: staff_url("organisation-invitation-revoke", w.org_a, _org_a_invitation(w)),
        statuses(MANAGERS, 302),
        method="post",
    ),
    Case(
        "staff: withdraw another municipality's invitation",
        lambda w: staff_url("organisation-invitation-revoke", w.org_a, _other_invitation(w)),
        statuses(MANAGERS, 404),
        method="post",
    ),
    Case(
        "staff: remove a member of organisation A",
        lambda w: staff_url("organisation-membership-delete", w.org_a, _org_a_member(w)),
        statuses(MANAGERS, 302),
        method="post",
    ),
    Case(
        "staff: make a member of organisation A an admin",
        lambda w: staff_url("organisation-membership-admin", w.org_a, _org_a_member(w)),
        statuses(MANAGERS, 302),
        method="post",
        data={"is_admin": "1"},
    ),
    # Anyone holding the link
    Case(
        "accept a valid invitation",
        lambda w: provider_url(
            "invitation-accept",
            invitations.invite(
                organisation=w.org_b,
                email="invitat@example.ro",
                is_organisation_admin=False,
                by=w.users["staff"],
            )[1],
        ),
        statuses(ALL, 200),
    ),
    Case(
        "accept an unknown invitation",
        lambda w: provider_url("invitation-accept", "nu-exista-un-asemenea-cod"),
        statuses(ALL, 404),
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


# --- Constant queries --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona,url",
    [
        ("provider_a", lambda w: provider_url("provider-members")),
        ("staff", lambda w: staff_url("organisation-members", w.org_a)),
    ],
)
def test_the_members_page_keeps_a_constant_number_of_queries(world, as_user, persona, url):
    client = as_user(persona)

    def grow(n):
        for i in range(n):
            member_of(world.org_a, admin=i % 2 == 0)
            invitation = pending_invitation(world.org_a, email=f"p{i}-{n}@example.ro")
            invitations.revoke(invitation=invitation, by=world.users["staff"])
            pending_invitation(world.org_a, email=f"q{i}-{n}@example.ro")

    grow(1)
    small = count_queries(lambda: client.get(url(world)))
    grow(6)
    assert count_queries(lambda: client.get(url(world))) == small
