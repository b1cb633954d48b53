"""Issue 15, the guide's items: one spelling of a nomenclature code wherever it is typed, the
review of a provider's proposal (order of funding sources, dates), a new service sent twice, and
sizes of attachments written as people write them."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from actionplans.models import Measure
from consultations.attachments import check_upload
from consultations.models import ServiceChange, SocialService
from tests.actionplans.helpers_plans import measure_post, plan_in, url
from tests.factories import SocialServiceFactory

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- 7. A code typed in a plan measure is spelt as in the guide -------------------------------


def test_a_new_services_code_typed_in_a_measure_is_stored_as_the_guide_spells_it(world, as_user):
    plan = plan_in(world)
    data = measure_post(plan, section="new", service_code="8891cz-c-ii", service_name="Centru nou")
    response = as_user("staff").post(url("measure-create", plan), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Measure.objects.get(plan=plan).service_code == "8891 CZ-C-II"


def test_a_measure_saved_outside_the_form_is_normalised_by_its_own_validation(world):
    plan = plan_in(world)
    measure = Measure(
        plan=plan,
        section="new",
        specific_objective=plan.objectives[0],
        title="Centru de zi",
        service_code="8790 cr – d – i",
        department="DAS",
        start_month=1,
        end_month=12,
    )
    measure.full_clean()
    assert measure.service_code == "8790 CR-D-I"


def test_a_measure_with_a_code_that_is_not_one_is_still_refused(world, as_user):
    plan = plan_in(world)
    data = measure_post(plan, section="new", service_code="8891cz-ii", service_name="Centru nou")
    response = english(as_user("staff")).post(url("measure-create", plan), data)
    assert "not a nomenclature code" in " ".join(response.context["form"].errors["service_code"])
    assert not Measure.objects.exists()


# --- 8. Reviewing a proposal ----------------------------------------------------------------


def review_rows(as_user, world):
    page = as_user("staff").get(reverse("service-changes", args=[world.municipality.slug]))
    (change,) = page.context["pending"]
    return {str(row["label"]): row for row in change.rows}


def test_funding_sources_in_another_order_are_not_shown_as_changed(world, as_user):
    service = SocialServiceFactory(
        municipality=world.municipality,
        organisation=world.org_a,
        name="Centrul Alfa",
        funding_sources=["eu", "local"],
    )
    response = as_user("provider_a").post(
        reverse("provider-service-update", args=[world.municipality.slug, service.pk]),
        {"code": service.code, "name": "Centrul Alfa", "funding_sources": ["local", "eu"]},
    )
    assert response.status_code == 302
    rows = review_rows(as_user, world)
    funding = rows[str(SocialService._meta.get_field("funding_sources").verbose_name)]
    assert funding["old"] == funding["new"]
    assert not funding["changed"]


def test_a_proposed_licence_expiry_is_written_as_elsewhere_and_highlighted_when_it_changes(
    world, as_user
):
    service = SocialServiceFactory(
        municipality=world.municipality,
        organisation=world.org_a,
        name="Centrul Alfa",
        licence_expiry=datetime.date(2026, 12, 31),
    )
    as_user("provider_a").post(
        reverse("provider-service-update", args=[world.municipality.slug, service.pk]),
        {"code": service.code, "name": "Centrul Alfa", "licence_expiry": "2027-05-31"},
    )
    staff = as_user("staff")
    html = staff.get(reverse("service-changes", args=[world.municipality.slug])).content.decode()
    assert "31.05.2027" in html and "31.12.2026" in html
    assert "2027-05-31" not in html and "2026-12-31" not in html
    rows = review_rows(as_user, world)
    (expiry,) = [row for row in rows.values() if row["new"] == "31.05.2027"]
    assert expiry["old"] == "31.12.2026" and expiry["changed"]


# --- 9. The same new service sent twice -------------------------------------------------------


def test_the_same_new_service_sent_twice_is_refused_the_second_time(world, as_user):
    provider = english(as_user("provider_b"))
    create = reverse("provider-service-create", args=[world.municipality.slug])
    proposal = {"code": "8891 CZ-C-I", "name": "Centrul de zi Beta", "capacity": "20"}
    first = provider.post(create, proposal, follow=True)
    assert "Your new service was sent" in first.content.decode()
    assert "Your change was sent" not in first.content.decode()

    second = provider.post(create, proposal)
    assert second.status_code == 400
    assert "You already sent this new service" in " ".join(
        second.context["form"].non_field_errors()
    )
    assert ServiceChange.objects.count() == 1
    assert ServiceChange.objects.get().status == ServiceChange.Status.PENDING


def test_a_different_new_service_is_still_accepted(world, as_user):
    provider = as_user("provider_b")
    create = reverse("provider-service-create", args=[world.municipality.slug])
    provider.post(create, {"code": "8891 CZ-C-I", "name": "Centrul de zi Beta"})
    response = provider.post(create, {"code": "8891 CZ-C-II", "name": "Al doilea centru"})
    assert response.status_code == 302
    assert ServiceChange.objects.filter(status=ServiceChange.Status.PENDING).count() == 2


def test_a_change_to_an_existing_service_keeps_its_own_confirmation(world, as_user):
    service = SocialServiceFactory(municipality=world.municipality, organisation=world.org_a)
    response = english(as_user("provider_a")).post(
        reverse("provider-service-update", args=[world.municipality.slug, service.pk]),
        {"code": service.code, "name": "Nume nou"},
        follow=True,
    )
    assert "Your change was sent" in response.content.decode()


# --- 14. Sizes of attachments ---------------------------------------------------------------


def test_an_oversized_attachment_names_sizes_in_mb_without_a_decimal_zero(settings):
    settings.SPIRALA_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
    upload = SimpleUploadedFile("Raport.pdf", b"%PDF-1.4\n" + b"0" * (12 * 1024 * 1024))
    with translation.override("ro"), pytest.raises(ValidationError) as refused:
        check_upload(upload)
    message = " ".join(refused.value.messages).replace("\xa0", " ")
    assert "12 MB" in message and "10 MB" in message
    assert "MO" not in message and "10,0" not in message
