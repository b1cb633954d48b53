"""The public guide of social services and the staff's editing of it."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import SocialService
from tests.factories import BeneficiaryCategoryFactory, SocialServiceFactory
from tests.matrix import ALL, MANAGERS, Case, check, statuses

pytestmark = pytest.mark.django_db


def guide(world, **params):
    from urllib.parse import urlencode

    return reverse("guide", args=[world.municipality.slug]) + "?" + urlencode(params)


@pytest.fixture
def services(world):
    elderly = BeneficiaryCategoryFactory(municipality=world.municipality)
    roma = BeneficiaryCategoryFactory(municipality=world.municipality, key="romi", name="Romi")
    return {
        "home": SocialServiceFactory(
            municipality=world.municipality,
            organisation=world.org_a,
            code="8810 ID-I",
            name="Îngrijire la domiciliu Alfa",
            zone=world.zone,
            categories=[elderly],
            licence_expiry=timezone.localdate() + datetime.timedelta(days=30),
        ),
        "day": SocialServiceFactory(
            municipality=world.municipality,
            organisation=world.org_b,
            code="8891 CZ-C-I",
            name="Centrul de zi Beta",
            categories=[roma],
            latitude=47.66,
            longitude=23.58,
        ),
        "pending": SocialServiceFactory(
            municipality=world.municipality,
            organisation=world.org_b,
            name="Serviciu neaprobat",
            approved_at=None,
        ),
        "elsewhere": SocialServiceFactory(
            municipality=world.other_municipality, name="Serviciu din alt UAT"
        ),
        "elderly": elderly,
    }


def test_the_public_guide_lists_only_this_municipalitys_approved_services(world, services, client):
    html = client.get(guide(world)).content.decode()
    assert "Îngrijire la domiciliu Alfa" in html and "Centrul de zi Beta" in html
    assert "Serviciu neaprobat" not in html and "Serviciu din alt UAT" not in html
    assert "expiră curând" in html  # the home-care licence ends within 90 days
    assert 'id="guide-map-data"' in html  # the day centre has coordinates


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"service_type": "ID"}, {"Îngrijire la domiciliu Alfa"}),
        ({"service_type": "CZ"}, {"Centrul de zi Beta"}),
        ({"service_type": "CR"}, set()),
        ({"q": "beta"}, {"Centrul de zi Beta"}),
    ],
)
def test_the_guide_filters_by_type_and_text(world, services, client, params, expected):
    response = client.get(guide(world, **params))
    assert {s.name for s in response.context["services"]} == expected


def test_the_guide_filters_by_category_and_zone(world, services, client):
    by_category = client.get(guide(world, category=services["elderly"].pk))
    assert [s.name for s in by_category.context["services"]] == ["Îngrijire la domiciliu Alfa"]
    by_zone = client.get(guide(world, zone=world.zone.pk))
    assert [s.name for s in by_zone.context["services"]] == ["Îngrijire la domiciliu Alfa"]


def test_the_guide_exports_the_filtered_services_to_xlsx(world, services, client):
    response = client.get(
        reverse("guide-export", args=[world.municipality.slug]) + "?service_type=ID"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in rows] == [("8810 ID-I", "Îngrijire la domiciliu Alfa")]


def test_staff_add_a_service_with_a_normalised_nomenclature_code(world, services, as_user):
    response = as_user("staff").post(
        reverse("service-create", args=[world.municipality.slug]),
        {
            "organisation": world.org_a.pk,
            "code": "8790cr–pfa–i",
            "name": "Adăpost de noapte",
            "capacity": "40",
            "funding_sources": ["local"],
        },
    )
    assert response.status_code == 302
    service = SocialService.objects.get(name="Adăpost de noapte")
    assert service.code == "8790 CR-PFA-I" and service.approved_by == world.users["staff"]
    assert service.history.first().history_user == world.users["staff"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "879 CR-D-I"}, "code"),
        ({"code": "8790 CR-D"}, "code"),
        ({"zone": "other"}, "zone"),
        ({"organisation": "other"}, "organisation"),
        ({"latitude": "52.1", "longitude": "23.5"}, "latitude"),
    ],
)
def test_bad_service_data_names_the_field_and_writes_nothing(world, as_user, change, field):
    data = {"organisation": world.org_a.pk, "code": "8790 CR-D-I", "name": "Centru nou"}
    data.update(change)
    if data.get("zone") == "other":
        data["zone"] = world.other_zone.pk
    if data.get("organisation") == "other":
        data["organisation"] = world.other_org.pk
    response = as_user("staff").post(
        reverse("service-create", args=[world.municipality.slug]), data
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not SocialService.objects.filter(name="Centru nou").exists()


CASES = [
    Case(
        "public guide", lambda w: reverse("guide", args=[w.municipality.slug]), statuses(ALL, 200)
    ),
    Case(
        "guide export",
        lambda w: reverse("guide-export", args=[w.municipality.slug]),
        statuses(ALL, 200),
    ),
    Case(
        "add a service",
        lambda w: reverse("service-create", args=[w.municipality.slug]),
        statuses(MANAGERS, 200),
    ),
    Case(
        "another municipality's service",
        lambda w: reverse(
            "service-update",
            args=[w.municipality.slug, SocialServiceFactory(municipality=w.other_municipality).pk],
        ),
        statuses(MANAGERS, 404),
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)
