"""Going back over a council decision or out of an open public consultation is confirmed
knowingly, and never undoes what the council recorded."""

import datetime

import pytest
from django.urls import reverse

from actionplans.models import CouncilVote, DraftDecision
from core import services
from core.exceptions import DomainError
from strategy.models import StrategyVersion
from tests.factories import (
    ActionPlanFactory,
    DraftDecisionFactory,
    PublicConsultationFactory,
    StrategyFactory,
    StrategyVersionFactory,
)

pytestmark = pytest.mark.django_db


def rollback_url(world):
    return reverse("cycle-rollback", kwargs={"slug": world.municipality.slug, "pk": world.cycle.pk})


def dashboard_url(world):
    return reverse("municipality-dashboard", kwargs={"slug": world.municipality.slug})


@pytest.fixture
def adopted(world):
    """The council adopted the strategy (HCL 45) and the cycle moved on to monitoring."""
    cycle = world.cycle
    cycle.active_stage = "monitoring"
    cycle.save()
    strategy = StrategyFactory(municipality=world.municipality, cycle=cycle)
    version = StrategyVersionFactory(strategy=strategy, number=3)
    plan = ActionPlanFactory(municipality=world.municipality, cycle=cycle, year=2026)
    decision = DraftDecisionFactory(
        plan=plan, kind="strategy", strategy_version=version, status="adopted"
    )
    vote = CouncilVote.objects.create(
        decision=decision,
        decision_number="45",
        decision_date=datetime.date(2026, 2, 26),
        in_office=21,
        present=19,
        votes_for=15,
        votes_against=2,
        abstentions=2,
        adopted=True,
        recorded_by=world.users["secretary"],
    )
    return decision, vote, version


@pytest.fixture
def open_consultation(world):
    cycle = world.cycle
    cycle.active_stage = "public_consultation"
    cycle.save()
    strategy = StrategyFactory(
        municipality=world.municipality, cycle=cycle, title="Strategia Arcadia 2026–2030"
    )
    return PublicConsultationFactory(version=StrategyVersionFactory(strategy=strategy, number=2))


def test_dashboard_names_the_hcl_before_going_back_over_it(world, as_user, adopted):
    page = as_user("administrator").get(dashboard_url(world)).content.decode()
    assert 'name="confirm"' in page
    assert "HCL nr. 45 din 26.02.2026" in page
    assert "rămân înregistrate" in page
    assert "{{" not in page  # the decision's title is named filled in


def test_rollback_over_an_adopted_decision_without_confirmation_moves_nothing(
    world, as_user, adopted
):
    client = as_user("administrator")
    response = client.post(
        rollback_url(world),
        {"expected_stage": "monitoring", "reason": "Reluăm planul"},
        follow=True,
    )
    world.cycle.refresh_from_db()
    assert world.cycle.active_stage == "monitoring"
    assert world.cycle.transitions.count() == 0
    assert "HCL nr. 45" in response.content.decode()


def test_confirmed_rollback_keeps_the_decision_its_vote_and_the_adopted_version(
    world, as_user, adopted
):
    decision, vote, version = adopted
    client = as_user("administrator")
    client.post(
        rollback_url(world),
        {"expected_stage": "monitoring", "reason": "Reluăm planul", "confirm": "on"},
    )
    world.cycle.refresh_from_db()
    assert world.cycle.active_stage == "council_approval"
    decision.refresh_from_db()
    assert decision.status == DraftDecision.Status.ADOPTED
    assert decision.strategy_version_id == version.pk
    assert CouncilVote.objects.get(pk=vote.pk).adopted
    assert StrategyVersion.objects.filter(pk=version.pk).exists()
    # Further back, the HCL still asks for a confirmation.
    with pytest.raises(DomainError):
        services.rollback_stage(
            cycle=world.cycle,
            user=world.users["administrator"],
            expected_stage="council_approval",
            reason="Încă un pas",
        )


def test_leaving_an_open_public_consultation_needs_a_confirmation_naming_it(
    world, as_user, open_consultation
):
    client = as_user("administrator")
    page = client.get(dashboard_url(world)).content.decode()
    assert "Strategia Arcadia 2026–2030" in page and 'name="confirm"' in page
    client.post(rollback_url(world), {"expected_stage": "public_consultation", "reason": "Greșeli"})
    world.cycle.refresh_from_db()
    assert world.cycle.active_stage == "public_consultation"
    client.post(
        rollback_url(world),
        {"expected_stage": "public_consultation", "reason": "Greșeli", "confirm": "on"},
    )
    world.cycle.refresh_from_db()
    assert world.cycle.active_stage == "objectives"
    assert open_consultation.__class__.objects.filter(pk=open_consultation.pk).exists()


def test_rollback_that_reaches_no_decision_nor_open_consultation_needs_no_confirmation(world):
    world.cycle.active_stage = "public_consultation"
    world.cycle.save()
    strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    PublicConsultationFactory(
        version=StrategyVersionFactory(strategy=strategy),
        announced_on=datetime.date(2026, 1, 5),
        comments_until=datetime.date(2026, 1, 15),
    )
    services.rollback_stage(
        cycle=world.cycle,
        user=world.users["administrator"],
        expected_stage="public_consultation",
        reason="Reluăm obiectivele",
    )
    world.cycle.refresh_from_db()
    assert world.cycle.active_stage == "objectives"
