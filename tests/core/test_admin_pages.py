"""Zones, organisations, cycles and roles as staff and administrators edit them."""

import pytest
from django.core import mail
from django.urls import reverse

from core.models import Membership, Organisation, Role, StrategyCycle, Zone
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_editing_a_zone_leaves_an_audit_entry_shown_on_its_page(world, as_user):
    client = as_user("staff")
    url = reverse("zone-update", args=[world.municipality.slug, world.zone.pk])
    response = client.post(
        url, {"name": "Ferneziu de Sus", "kind": "cartier", "priority_rank": "2"}
    )
    assert response.status_code == 302
    world.zone.refresh_from_db()
    assert world.zone.name == "Ferneziu de Sus"
    record = world.zone.history.first()
    assert record.history_user == world.users["staff"]
    html = client.get(url).content.decode()
    assert "Ferneziu de Sus" in html
    assert str(world.users["staff"]) in html
    assert "<del>Ferneziu</del>" in html


def test_a_zone_with_a_broken_outline_names_the_field_and_saves_nothing(world, as_user):
    client = as_user("staff")
    before = Zone.objects.count()
    response = client.post(
        reverse("zone-create", args=[world.municipality.slug]),
        {"name": "Pirita", "kind": "zum", "outline": '{"type": "Polygon", '},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["outline"]
    assert Zone.objects.count() == before


def test_a_zone_outline_must_be_an_area(world, as_user):
    response = as_user("staff").post(
        reverse("zone-create", args=[world.municipality.slug]),
        {"name": "Pirita", "kind": "zum", "outline": '{"type": "Point", "coordinates": [1, 2]}'},
    )
    assert "outline" in response.context["form"].errors


def test_a_duplicate_zone_name_is_refused(world, as_user):
    response = as_user("staff").post(
        reverse("zone-create", args=[world.municipality.slug]),
        {"name": "Ferneziu", "kind": "cartier"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Zone.objects.filter(municipality=world.municipality, name="Ferneziu").count() == 1


def test_staff_add_an_organisation_to_their_own_municipality_only(world, as_user):
    as_user("staff").post(
        reverse("organisation-create", args=[world.municipality.slug]),
        {"name": "Asociația Nouă", "kind": "asociatie", "email": "", "phone": ""},
    )
    organisation = Organisation.objects.get(name="Asociația Nouă")
    assert organisation.municipality == world.municipality


def test_a_cycle_whose_years_are_reversed_is_refused(world, as_user):
    response = as_user("staff").post(
        reverse("cycle-create", args=[world.municipality.slug]),
        {"title": "Strategia 2030–2026", "start_year": "2030", "end_year": "2026"},
    )
    assert response.status_code == 200
    assert "end_year" in response.context["form"].errors
    assert not StrategyCycle.objects.filter(title="Strategia 2030–2026").exists()


def test_administrator_invites_a_new_provider_member_by_email(world, as_user):
    response = as_user("administrator").post(
        reverse("membership-list", args=[world.municipality.slug]),
        {
            "email": "coordonator@alfa.ro",
            "first_name": "Dan",
            "last_name": "Pop",
            "role": Role.PROVIDER,
            "organisation": world.org_a.pk,
            "is_organisation_admin": "on",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="coordonator@alfa.ro")
    assert membership.organisation == world.org_a and membership.is_organisation_admin
    assert len(mail.outbox) == 1
    assert "/cont/parola/resetare/" in mail.outbox[0].body


def test_a_provider_role_without_an_organisation_is_refused_and_creates_no_user(world, as_user):
    response = as_user("administrator").post(
        reverse("membership-list", args=[world.municipality.slug]),
        {"email": "nou@ong.ro", "role": Role.PROVIDER},
    )
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert not Membership.objects.filter(user__email="nou@ong.ro").exists()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email="nou@ong.ro").exists()


def test_an_organisation_of_another_municipality_cannot_be_chosen(world, as_user):
    response = as_user("administrator").post(
        reverse("membership-list", args=[world.municipality.slug]),
        {"email": "x@ong.ro", "role": Role.PROVIDER, "organisation": world.other_org.pk},
    )
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors


def test_an_existing_user_gets_a_role_in_a_second_municipality(world, as_user):
    other_staff = world.users["other_staff"]
    as_user("administrator").post(
        reverse("membership-list", args=[world.municipality.slug]),
        {"email": other_staff.email, "role": Role.STAFF},
    )
    assert set(other_staff.memberships.values_list("municipality__slug", flat=True)) == {
        "arcadia",
        "beta",
    }
    assert mail.outbox == []


def test_the_last_administrator_cannot_be_removed(world, as_user):
    admin_membership = world.users["administrator"].memberships.get()
    response = as_user("administrator").post(
        reverse("membership-delete", args=[world.municipality.slug, admin_membership.pk]),
        follow=True,
    )
    assert Membership.objects.filter(pk=admin_membership.pk).exists()
    assert "cel puțin un administrator" in response.content.decode()


def test_provider_member_needs_an_organisation_at_database_level(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=UserFactory(), municipality=world.municipality, role=Role.PROVIDER
        )


def test_the_roles_page_shows_who_gave_and_removed_roles(world, as_user):
    client = as_user("administrator")
    membership = world.users["facilitator"].memberships.get()
    client.post(reverse("membership-delete", args=[world.municipality.slug, membership.pk]))
    html = client.get(reverse("membership-list", args=[world.municipality.slug])).content.decode()
    assert "a eliminat rolul" in html or "removed the role" in html
    assert str(world.users["administrator"]) in html
