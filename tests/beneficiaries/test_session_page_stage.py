"""The facilitator's session page says why statements cannot be entered, and offers only what
can be done."""

import pytest
from django.urls import reverse

from beneficiaries import services
from beneficiaries.models import Question

pytestmark = pytest.mark.django_db

CLOSE = "Închideți sesiunea"


def session_url(session):
    return reverse("spiral-session-detail", args=[session.municipality.slug, session.pk])


def add_statement(world):
    services.add_statements(
        session=world.session,
        user=world.users["facilitator"],
        question=Question.WELLBEING,
        raw="Să am cu cine vorbi seara",
    )


def test_outside_the_spiral_stage_the_page_names_the_stage_that_allows_entry(world, as_user):
    world.cycle.active_stage = "provider_consultation"
    world.cycle.save()
    page = as_user("facilitator").get(session_url(world.session)).content.decode()
    assert 'id="statement-entry"' not in page
    assert 'id="entry-refused"' in page
    assert "„Consultarea furnizorilor”" in page
    assert "„Viziunile beneficiarilor (SPIRAL)”" in page


def test_a_session_without_statements_offers_no_closing(world, as_user):
    world.cycle.active_stage = "provider_consultation"
    world.cycle.save()
    page = as_user("facilitator").get(session_url(world.session)).content.decode()
    assert CLOSE not in page


def test_a_session_with_statements_can_still_be_closed_after_its_stage(world, as_user):
    add_statement(world)
    world.cycle.active_stage = "provider_consultation"
    world.cycle.save()
    client = as_user("facilitator")
    assert CLOSE in client.get(session_url(world.session)).content.decode()
    client.post(reverse("spiral-session-close", args=[world.municipality.slug, world.session.pk]))
    world.session.refresh_from_db()
    assert world.session.is_closed
    page = client.get(session_url(world.session)).content.decode()
    assert CLOSE not in page
    assert "Sesiunea este închisă" in page


def test_in_the_spiral_stage_the_facilitator_enters_statements_without_a_refusal(world, as_user):
    page = as_user("facilitator").get(session_url(world.session)).content.decode()
    assert 'id="statement-entry"' in page
    assert 'id="entry-refused"' not in page
