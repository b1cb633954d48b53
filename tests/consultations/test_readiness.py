"""The provider consultation cannot advance before its rounds close and its groups have minutes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ConsultationRoundFactory,
    MeetingFactory,
    RoundResponseFactory,
    WorkingGroupFactory,
    make_provider_consultation_ready,
)

pytestmark = pytest.mark.django_db


def checks(cycle):
    return {str(check.label): result for check, result in cycle.stage.run_checks(cycle)}


@pytest.fixture
def cycle(world):
    world.cycle.active_stage = "provider_consultation"
    world.cycle.save()
    return world.cycle


def test_an_empty_consultation_is_not_ready(cycle):
    results = checks(cycle)
    assert not results["Rundele de consultare sunt închise"].done
    assert not results["Furnizorii au răspuns"].done
    assert not results["Fiecare grup de lucru are minute"].done


def test_an_open_round_blocks_and_the_response_rate_is_shown(world, cycle):
    now = timezone.now()
    consultation = ConsultationRoundFactory(
        municipality=world.municipality,
        cycle=cycle,
        title="Runda 1",
        invited=[world.org_a, world.org_b],
    )
    RoundResponseFactory(round=consultation, organisation=world.org_a, submitted_at=now)
    RoundResponseFactory(round=consultation, organisation=world.org_b)  # draft
    results = checks(cycle)
    assert not results["Rundele de consultare sunt închise"].done
    assert "1 rundă încă deschisă" in results["Rundele de consultare sunt închise"].detail
    assert results["Furnizorii au răspuns"].done
    assert results["Furnizorii au răspuns"].detail == "Runda 1: 1 din 2 (50%)"

    consultation.closes_at = now - datetime.timedelta(minutes=1)
    consultation.save()
    assert checks(cycle)["Rundele de consultare sunt închise"].done


def test_a_group_without_minutes_is_named(world, cycle):
    make_provider_consultation_ready(cycle)
    silent = WorkingGroupFactory(
        municipality=world.municipality, cycle=cycle, name="Grupul vârstnici"
    )
    MeetingFactory(group=silent, minutes="")
    result = checks(cycle)["Fiecare grup de lucru are minute"]
    assert not result.done
    assert "Grupul vârstnici" in result.detail
    silent.meetings.update(minutes="Proces-verbal aprobat.")
    assert checks(cycle)["Fiecare grup de lucru are minute"].done


def test_a_ready_consultation_advances_from_the_dashboard(world, cycle, as_user):
    make_provider_consultation_ready(cycle)
    response = as_user("staff").post(
        reverse("cycle-advance", args=[world.municipality.slug, cycle.pk]),
        {"expected_stage": "provider_consultation"},
        follow=True,
    )
    cycle.refresh_from_db()
    assert cycle.active_stage == "objectives", response.content.decode()[:500]
