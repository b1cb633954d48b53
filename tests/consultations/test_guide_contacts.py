"""Issue 15, item 12: a service's telephone, e-mail and opening hours, kept by staff and
providers and shown to the person looking for help."""

import io

import openpyxl
import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from consultations.models import ServiceChange, SocialService
from consultations.validators import normalise_ro_phone, phone_uri
from tests.factories import SocialServiceFactory

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def service_a(world):
    return SocialServiceFactory(
        municipality=world.municipality,
        organisation=world.org_a,
        code="8891 CZ-C-I",
        name="Centrul de zi Alfa",
        phone="0262 211 112",
        email="alfa@example.org",
        opening_hours="luni–vineri 8:00–16:00",
    )


@pytest.mark.parametrize(
    ("typed", "stored", "link"),
    [
        ("+40 (262) 211-112", "0262 211 112", "tel:+40262211112"),
        ("0040.722.123.456", "0722 123 456", "tel:+40722123456"),
        ("0213155555", "021 315 5555", "tel:+40213155555"),
        ("0800 800 118", "0800 800 118", "tel:+40800800118"),
    ],
)
def test_a_romanian_number_is_stored_in_one_spelling_with_its_tel_link(typed, stored, link):
    assert normalise_ro_phone(typed) == stored
    assert phone_uri(stored) == link


def test_staff_save_the_contacts_and_the_public_guide_shows_them_as_links(world, as_user, client):
    response = as_user("staff").post(
        reverse("service-create", args=[world.municipality.slug]),
        {
            "organisation": world.org_a.pk,
            "code": "8790 CR-PFA-I",
            "name": "Adăpost de noapte",
            "phone": "+40 (262) 211-112",
            "email": " adapost@example.org ",
            "opening_hours": "zilnic 19:00–8:00",
        },
    )
    assert response.status_code == 302
    service = SocialService.objects.get(name="Adăpost de noapte")
    assert (service.phone, service.email, service.opening_hours) == (
        "0262 211 112",
        "adapost@example.org",
        "zilnic 19:00–8:00",
    )
    html = client.get(reverse("guide", args=[world.municipality.slug])).content.decode()
    assert '<a href="tel:+40262211112">0262 211 112</a>' in html
    assert '<a href="mailto:adapost@example.org">adapost@example.org</a>' in html
    assert "zilnic 19:00–8:00" in html


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"phone": "12345"}, "phone", "not a Romanian telephone number"),
        ({"phone": "0900 123 456"}, "phone", "not a Romanian telephone number"),  # premium
        ({"phone": "+44 20 7946 0958"}, "phone", "not a Romanian telephone number"),
        ({"email": "adapost@"}, "email", "valid email address"),
        ({"opening_hours": "x" * 201}, "opening_hours", "at most 200 characters"),
    ],
)
def test_bad_contacts_name_the_field_and_write_nothing(world, as_user, change, field, message):
    data = {"organisation": world.org_a.pk, "code": "8790 CR-D-I", "name": "Centru nou"}
    data.update(change)
    response = english(as_user("staff")).post(
        reverse("service-create", args=[world.municipality.slug]), data
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not SocialService.objects.exists()


def test_a_provider_proposes_new_contacts_that_become_public_on_approval(
    world, as_user, client, service_a
):
    response = as_user("provider_a").post(
        reverse("provider-service-update", args=[world.municipality.slug, service_a.pk]),
        {
            "code": service_a.code,
            "name": service_a.name,
            "phone": "0744-555-666",
            "email": "contact@alfa.example.org",
            "opening_hours": "luni–sâmbătă 9:00–17:00",
        },
    )
    assert response.status_code == 302
    service_a.refresh_from_db()
    assert service_a.phone == "0262 211 112"  # not public before approval

    staff = as_user("staff")
    page = staff.get(reverse("service-changes", args=[world.municipality.slug]))
    (pending,) = page.context["pending"]
    rows = {str(row["label"]): row for row in pending.rows}
    phone = rows[str(SocialService._meta.get_field("phone").verbose_name)]
    assert (phone["old"], phone["new"], phone["changed"]) == ("0262 211 112", "0744 555 666", True)
    hours = rows[str(SocialService._meta.get_field("opening_hours").verbose_name)]
    assert hours["new"] == "luni–sâmbătă 9:00–17:00" and hours["changed"]

    staff.post(
        reverse("service-change-decide", args=[world.municipality.slug, pending.pk]),
        {"decision": "approve"},
    )
    service_a.refresh_from_db()
    assert (service_a.phone, service_a.email, service_a.opening_hours) == (
        "0744 555 666",
        "contact@alfa.example.org",
        "luni–sâmbătă 9:00–17:00",
    )
    html = client.get(reverse("guide", args=[world.municipality.slug])).content.decode()
    assert 'href="tel:+40744555666"' in html and 'href="mailto:contact@alfa.example.org"' in html


def test_a_proposal_that_keeps_the_contacts_shows_them_unchanged(world, as_user, service_a):
    as_user("provider_a").post(
        reverse("provider-service-update", args=[world.municipality.slug, service_a.pk]),
        {
            "code": service_a.code,
            "name": "Centrul de zi Alfa – extins",
            "phone": "+40262211112",
            "email": service_a.email,
            "opening_hours": service_a.opening_hours,
        },
    )
    page = as_user("staff").get(reverse("service-changes", args=[world.municipality.slug]))
    (pending,) = page.context["pending"]
    rows = {str(row["label"]): row for row in pending.rows}
    for field in ("phone", "email", "opening_hours"):
        assert not rows[str(SocialService._meta.get_field(field).verbose_name)]["changed"]


def test_a_provider_with_a_bad_phone_gets_a_field_error_and_sends_nothing(
    world, as_user, service_a
):
    response = english(as_user("provider_a")).post(
        reverse("provider-service-update", args=[world.municipality.slug, service_a.pk]),
        {"code": service_a.code, "name": service_a.name, "phone": "0262 21"},
    )
    assert response.status_code == 400
    assert "not a Romanian telephone number" in " ".join(response.context["form"].errors["phone"])
    assert not ServiceChange.objects.exists()


def test_the_guide_export_has_the_contacts(world, client, service_a):
    response = client.get(reverse("guide-export", args=[world.municipality.slug]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = list(sheet.iter_rows(values_only=True))
    columns = dict(zip(header, row, strict=True))
    assert columns["Telefon"] == "0262 211 112"
    assert columns["E-mail"] == "alfa@example.org"
    assert columns["Program"] == "luni–vineri 8:00–16:00"


def test_a_service_without_contacts_shows_no_empty_links(world, client):
    SocialServiceFactory(municipality=world.municipality, organisation=world.org_a)
    html = client.get(reverse("guide", args=[world.municipality.slug])).content.decode()
    assert 'href="tel:' not in html and 'href="mailto:' not in html
