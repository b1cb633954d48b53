"""Providers propose changes to their own guide entries; staff approve or reject them."""

import pytest
from django.urls import reverse

from consultations.models import ServiceChange, SocialService
from tests.factories import SocialServiceFactory
from tests.matrix import ALL, MANAGERS, Case, check, statuses

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_a(world):
    return SocialServiceFactory(
        municipality=world.municipality, organisation=world.org_a, name="Centrul Alfa"
    )


def test_a_provider_change_waits_for_approval_then_becomes_public(world, as_user, service_a):
    provider = as_user("provider_a")
    url = reverse("provider-service-update", args=[world.municipality.slug, service_a.pk])
    response = provider.post(
        url, {"code": "8790 CR-D-I", "name": "Centrul Alfa – extins", "capacity": "30"}
    )
    assert response.status_code == 302
    service_a.refresh_from_db()
    assert service_a.name == "Centrul Alfa"  # not public before approval
    change = ServiceChange.objects.get()
    staff = as_user("staff")
    page = staff.get(reverse("service-changes", args=[world.municipality.slug])).content.decode()
    assert "Centrul Alfa – extins" in page and "Centrul Alfa" in page
    staff.post(
        reverse("service-change-decide", args=[world.municipality.slug, change.pk]),
        {"decision": "approve"},
    )
    service_a.refresh_from_db()
    assert (service_a.name, service_a.capacity) == ("Centrul Alfa – extins", 30)
    assert service_a.history.first().history_user == world.users["staff"]
    change.refresh_from_db()
    assert change.status == "approved" and change.submitted_by == world.users["provider_a"]


def test_a_new_service_proposed_by_a_provider_is_created_on_approval(world, as_user):
    as_user("provider_b").post(
        reverse("provider-service-create", args=[world.municipality.slug]),
        {"code": "8891 CZ-C-I", "name": "Centrul de zi Beta"},
    )
    assert not SocialService.objects.filter(name="Centrul de zi Beta").exists()
    change = ServiceChange.objects.get()
    as_user("administrator").post(
        reverse("service-change-decide", args=[world.municipality.slug, change.pk]),
        {"decision": "approve"},
    )
    service = SocialService.objects.get(name="Centrul de zi Beta")
    assert service.organisation == world.org_b and service.approved_at is not None


def test_a_rejection_needs_a_reason_that_the_provider_reads(world, as_user, service_a):
    as_user("provider_a").post(
        reverse("provider-service-update", args=[world.municipality.slug, service_a.pk]),
        {"code": "8790 CR-D-I", "name": "Alt nume"},
    )
    change = ServiceChange.objects.get()
    url = reverse("service-change-decide", args=[world.municipality.slug, change.pk])
    staff = as_user("staff")
    staff.post(url, {"decision": "reject"})
    change.refresh_from_db()
    assert change.status == "pending"
    staff.post(url, {"decision": "reject", "reason": "Licența nu corespunde numelui."})
    page = as_user("provider_a").get(reverse("provider-services", args=[world.municipality.slug]))
    assert "Licența nu corespunde numelui." in page.content.decode()


def test_a_provider_cannot_reach_another_providers_service(world, as_user, service_a):
    url = reverse("provider-service-update", args=[world.municipality.slug, service_a.pk])
    assert as_user("provider_b").get(url).status_code == 404
    response = as_user("provider_b").post(url, {"code": "8790 CR-D-I", "name": "Furat"})
    assert response.status_code == 404
    assert not ServiceChange.objects.exists()


def test_a_provider_sees_only_its_own_services_and_proposals(world, as_user, service_a):
    as_user("provider_a").post(
        reverse("provider-service-update", args=[world.municipality.slug, service_a.pk]),
        {"code": "8790 CR-D-I", "name": "Propunere Alfa"},
    )
    page = as_user("provider_b").get(reverse("provider-services", args=[world.municipality.slug]))
    html = page.content.decode()
    assert "Centrul Alfa" not in html and "Propunere Alfa" not in html


def test_a_bad_code_from_a_provider_is_named_and_nothing_is_proposed(world, as_user):
    response = as_user("provider_a").post(
        reverse("provider-service-create", args=[world.municipality.slug]),
        {"code": "centru de zi", "name": "X"},
    )
    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert not ServiceChange.objects.exists()


PROVIDERS = ("provider_a", "provider_b")

CASES = [
    Case(
        "our services",
        lambda w: reverse("provider-services", args=[w.municipality.slug]),
        statuses(PROVIDERS, 200),
    ),
    Case(
        "propose a service",
        lambda w: reverse("provider-service-create", args=[w.municipality.slug]),
        statuses(PROVIDERS, 200),
    ),
    Case(
        "propose a change to provider A's service",
        lambda w: reverse(
            "provider-service-update",
            args=[
                w.municipality.slug,
                SocialServiceFactory(municipality=w.municipality, organisation=w.org_a).pk,
            ],
        ),
        {"provider_a": 200, "provider_b": 404},
    ),
    Case(
        "proposals waiting",
        lambda w: reverse("service-changes", args=[w.municipality.slug]),
        statuses(MANAGERS, 200),
    ),
    Case(
        "decide another municipality's proposal",
        lambda w: reverse(
            "service-change-decide",
            args=[
                w.municipality.slug,
                ServiceChange.objects.create(
                    municipality=w.other_municipality,
                    organisation=w.other_org,
                    data={"name": "x"},
                    submitted_by=w.users["other_staff"],
                ).pk,
            ],
        ),
        statuses(MANAGERS, 404),
        method="post",
        data={"decision": "approve"},
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_the_proposals_page_keeps_a_constant_number_of_queries(world, as_user):
    from tests.utils import count_queries

    def propose(n):
        for i in range(n):
            service = SocialServiceFactory(
                municipality=world.municipality, organisation=world.org_a
            )
            as_user("provider_a").post(
                reverse("provider-service-update", args=[world.municipality.slug, service.pk]),
                {"code": "8790 CR-D-I", "name": f"Propunerea {i}", "zone": world.zone.pk},
            )

    client = as_user("staff")
    url = reverse("service-changes", args=[world.municipality.slug])
    propose(1)
    one = count_queries(lambda: client.get(url))
    propose(5)
    assert count_queries(lambda: client.get(url)) == one
