"""Provider organisations' details: staff verify them, organisation admins keep the contact."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import Organisation
from tests.factories import OrganisationFactory, ZoneFactory
from tests.matrix import ALL, MANAGERS, Case, check, statuses

pytestmark = pytest.mark.django_db

VALID_CIF = "18547290"
OTHER_VALID_CIF = "12345674"


def staff_form_data(world, **changes):
    data = {
        "name": "Asociația Alfa",
        "kind": "fundatie",
        "cif": "",
        "accreditation_number": "",
        "accreditation_date": "",
        "contact_person": "",
        "email": "",
        "phone": "",
        "address": "",
    }
    data.update(changes)
    return data


def update_url(world, organisation=None):
    organisation = organisation or world.org_a
    return reverse("organisation-update", args=[world.municipality.slug, organisation.pk])


def provider_url(world):
    return reverse("provider-organisation", args=[world.municipality.slug])


# --- Staff ------------------------------------------------------------------------------------


def test_staff_record_the_legal_form_cif_accreditation_and_zones_served(world, as_user):
    response = as_user("staff").post(
        update_url(world),
        staff_form_data(
            world,
            cif="RO 18547290",
            accreditation_number="AF 000123",
            accreditation_date="2021-05-04",
            contact_person="Maria Ionescu",
            address="Str. Florilor 3",
            zones_served=[world.zone.pk],
        ),
    )
    assert response.status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.kind == Organisation.Kind.FOUNDATION
    assert world.org_a.cif == VALID_CIF  # “RO ” prefix and space removed
    assert world.org_a.accreditation_date == datetime.date(2021, 5, 4)
    assert list(world.org_a.zones_served.all()) == [world.zone]
    assert world.org_a.history.first().history_user == world.users["staff"]


def test_an_invalid_cif_is_named_on_its_field_and_nothing_is_saved(world, as_user):
    response = as_user("staff").post(
        update_url(world), staff_form_data(world, cif="18547291", contact_person="Nou")
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("cif", "invalid_cif")
    world.org_a.refresh_from_db()
    assert (world.org_a.cif, world.org_a.contact_person) == ("", "")


def test_a_cif_another_organisation_here_has_is_refused_on_the_cif_field(world, as_user):
    world.org_b.cif = VALID_CIF
    world.org_b.save()
    response = as_user("staff").post(update_url(world), staff_form_data(world, cif="RO18547290"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("cif", "duplicate_cif")
    assert "Fundația Beta" in str(form.errors["cif"])
    world.org_a.refresh_from_db()
    assert world.org_a.cif == ""


def test_a_new_organisation_with_a_duplicate_cif_is_not_created(world, as_user):
    world.org_b.cif = VALID_CIF
    world.org_b.save()
    response = as_user("staff").post(
        reverse("organisation-create", args=[world.municipality.slug]),
        staff_form_data(world, name="Asociația Dublură", kind="asociatie", cif=VALID_CIF),
    )
    assert response.status_code == 200
    assert "cif" in response.context["form"].errors
    assert not Organisation.objects.filter(name="Asociația Dublură").exists()


def test_the_same_cif_in_another_municipality_is_allowed(world, as_user):
    world.other_org.cif = VALID_CIF
    world.other_org.save()
    response = as_user("staff").post(update_url(world), staff_form_data(world, cif=VALID_CIF))
    assert response.status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.cif == VALID_CIF


def test_a_zone_of_another_municipality_cannot_be_served(world, as_user):
    response = as_user("staff").post(
        update_url(world), staff_form_data(world, zones_served=[world.other_zone.pk])
    )
    assert response.status_code == 200
    assert "zones_served" in response.context["form"].errors
    assert not world.org_a.zones_served.exists()


def test_a_future_accreditation_date_is_refused(world, as_user):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = as_user("staff").post(
        update_url(world), staff_form_data(world, accreditation_date=tomorrow.isoformat())
    )
    assert response.status_code == 200
    assert "accreditation_date" in response.context["form"].errors


def test_the_staff_form_offers_only_this_municipalitys_zones_and_a_date_picker(world, as_user):
    html = as_user("staff").get(update_url(world)).content.decode()
    assert "Ferneziu" in html and "Cartier străin" not in html
    assert 'type="date"' in html and 'name="accreditation_date"' in html


def test_the_organisation_list_shows_legal_form_cif_and_a_members_link(world, as_user):
    world.org_a.cif = VALID_CIF
    world.org_a.save()
    response = as_user("staff").get(reverse("organisation-list", args=[world.municipality.slug]))
    html = response.content.decode()
    assert VALID_CIF in html
    assert reverse("organisation-members", args=[world.municipality.slug, world.org_a.pk]) in html


# --- The provider's own organisation -----------------------------------------------------------


def contact_data(world, **changes):
    data = {
        "contact_person": "Ioana Pop",
        "email": "contact@alfa.ro",
        "phone": "0264 000 000",
        "address": "Str. Lungă 1",
        "accreditation_number": "AF 42",
        "accreditation_date": "2020-01-15",
        "zones_served": [world.zone.pk],
    }
    data.update(changes)
    return data


def test_every_member_sees_the_organisations_details_zones_and_members(world, as_user):
    world.org_b.cif = OTHER_VALID_CIF
    world.org_b.contact_person = "Dan Beta"
    world.org_b.save()
    world.org_b.zones_served.set([world.zone])
    response = as_user("provider_b").get(provider_url(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fundația Beta" in html and OTHER_VALID_CIF in html and "Dan Beta" in html
    assert "Ferneziu" in html
    assert world.users["provider_b"].email in html
    assert "Asociația Alfa" not in html
    assert response.context["form"] is None  # a plain member reads only


def test_the_organisation_admin_updates_the_contact_and_zones_with_history(world, as_user):
    response = as_user("provider_a").post(provider_url(world), contact_data(world))
    assert response.status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.contact_person == "Ioana Pop"
    assert world.org_a.accreditation_number == "AF 42"
    assert list(world.org_a.zones_served.all()) == [world.zone]
    record = world.org_a.history.first()
    assert record.history_user == world.users["provider_a"]
    page = as_user("provider_a").get(provider_url(world))
    assert "Ioana Pop" in page.content.decode()
    assert page.context["history"][0].user == world.users["provider_a"]


def test_the_organisation_admin_cannot_change_the_name_cif_or_legal_form(world, as_user):
    world.org_a.cif = VALID_CIF
    world.org_a.save()
    as_user("provider_a").post(
        provider_url(world),
        contact_data(world, cif=OTHER_VALID_CIF, name="Alt nume", kind="privat"),
    )
    world.org_a.refresh_from_db()
    assert (world.org_a.cif, world.org_a.name, world.org_a.kind) == (
        VALID_CIF,
        "Asociația Alfa",
        "asociatie",
    )
    html = as_user("provider_a").get(provider_url(world)).content.decode()
    assert 'name="cif"' not in html and 'name="name"' not in html and 'name="kind"' not in html


def test_a_plain_member_cannot_post_changes_to_the_organisation(world, as_user):
    response = as_user("provider_b").post(provider_url(world), contact_data(world))
    assert response.status_code == 403
    world.org_b.refresh_from_db()
    assert world.org_b.contact_person == ""


def test_the_organisation_admin_cannot_serve_another_municipalitys_zone(world, as_user):
    response = as_user("provider_a").post(
        provider_url(world), contact_data(world, zones_served=[world.other_zone.pk])
    )
    assert response.status_code == 400
    assert "zones_served" in response.context["form"].errors
    world.org_a.refresh_from_db()
    assert world.org_a.contact_person == ""


def test_a_bad_contact_email_is_named_and_nothing_is_saved(world, as_user):
    response = as_user("provider_a").post(
        provider_url(world), contact_data(world, email="nu-e-adresa")
    )
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    world.org_a.refresh_from_db()
    assert world.org_a.contact_person == "" and not world.org_a.zones_served.exists()


CASES = [
    Case(
        "the provider's organisation page",
        provider_url,
        statuses(("provider_a", "provider_b"), 200),
    ),
    Case(
        "change the provider's organisation",
        provider_url,
        {"provider_a": 302},
        method="post",
        data={"contact_person": "X", "email": "x@example.ro"},
    ),
    Case(
        "staff edit an organisation",
        lambda w: update_url(w),
        statuses(MANAGERS, 200),
    ),
    Case(
        "staff edit another municipality's organisation",
        lambda w: update_url(w, w.other_org),
        statuses(MANAGERS, 404),
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_the_organisation_list_keeps_a_constant_number_of_queries(world, as_user):
    from tests.utils import count_queries

    client = as_user("staff")
    url = reverse("organisation-list", args=[world.municipality.slug])
    one = count_queries(lambda: client.get(url))
    for _ in range(5):
        OrganisationFactory(municipality=world.municipality).zones_served.set(
            [ZoneFactory(municipality=world.municipality)]
        )
    assert count_queries(lambda: client.get(url)) == one
