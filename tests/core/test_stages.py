import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation

from core import services
from core.access import stage_refusal_message
from core.exceptions import DomainError, StageConflict, StageNotReady
from core.models import Role, StageTransition
from core.predicates import READ_ACTIONS, reads_action, stage_allows
from core.stages import ACTIONS, MANAGERS, PROVIDER, STAGES, get_stage, stages_allowing
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    StrategyCycleFactory,
    UserFactory,
    ZoneFactory,
    make_provider_consultation_ready,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def test_every_action_a_stage_declares_is_read_by_some_permission():
    """A declared action nothing reads would promise what no page enforces."""
    unread = ACTIONS - READ_ACTIONS
    assert not unread, f"declared in core.stages but read by nothing: {sorted(unread)}"


def test_reading_an_action_no_stage_declares_fails_at_once():
    with pytest.raises(ImproperlyConfigured):
        stage_allows("manage_round")  # the declared action is manage_rounds
    with pytest.raises(ImproperlyConfigured):
        reads_action("propose_measure")
    with pytest.raises(ImproperlyConfigured):
        stages_allowing("comment_internally")


def test_stages_allowing_an_action_can_be_narrowed_to_roles():
    assert [s.key for s in stages_allowing("join_working_group")] == [
        "provider_consultation",
        "objectives",
    ]
    assert [s.key for s in stages_allowing("edit_strategy", MANAGERS)] == [
        "objectives",
        "public_consultation",
    ]
    assert stages_allowing("edit_strategy", {PROVIDER}) == []


def test_the_refusal_names_the_current_stage_and_the_ones_that_allow_it():
    cycle = StrategyCycleFactory(active_stage="visions", title="Strategia 2026-2030")
    staff = MembershipFactory(municipality=cycle.municipality, role=Role.STAFF).user
    with translation.override("en"):
        message = stage_refusal_message(staff, cycle, "join_working_group")
    assert "“Strategia 2026-2030”" in message
    assert "“Beneficiary visions (SPIRAL)”" in message
    assert "stages “Provider consultation”, “Strategic objectives”" in message


def test_stages_are_ordered_and_linked():
    assert [s.key for s in STAGES] == [
        "visions",
        "provider_consultation",
        "objectives",
        "public_consultation",
        "action_plan",
        "council_approval",
        "monitoring",
    ]
    assert get_stage("visions").next.key == "provider_consultation"
    assert get_stage("monitoring").next is None
    assert get_stage("visions").previous is None


def test_advance_is_refused_while_checks_fail_and_nothing_changes():
    cycle = StrategyCycleFactory()
    staff = MembershipFactory(municipality=cycle.municipality, role=Role.STAFF).user
    with pytest.raises(StageNotReady) as error:
        services.advance_stage(cycle=cycle, user=staff, expected_stage="visions")
    assert "zonele" in error.value.messages[0].lower()
    cycle.refresh_from_db()
    assert cycle.active_stage == "visions"
    assert not StageTransition.objects.exists()


def ready_cycle():
    """A cycle in the provider consultation, whose checks all pass."""
    cycle = StrategyCycleFactory(active_stage="provider_consultation")
    MembershipFactory(
        municipality=cycle.municipality,
        role=Role.PROVIDER,
        organisation=OrganisationFactory(municipality=cycle.municipality),
    )
    make_provider_consultation_ready(cycle)
    staff = MembershipFactory(municipality=cycle.municipality, role=Role.STAFF).user
    return cycle, staff


def test_advance_records_who_and_the_checks_and_notifies_staff(django_capture_on_commit_callbacks):
    cycle, staff = ready_cycle()
    with django_capture_on_commit_callbacks(execute=True):
        transition = services.advance_stage(
            cycle=cycle, user=staff, expected_stage="provider_consultation"
        )
    cycle.refresh_from_db()
    assert cycle.active_stage == "objectives"
    assert transition.user == staff
    assert all(item["done"] for item in transition.checks_summary)
    assert len(transition.checks_summary) == len(get_stage("provider_consultation").checks)
    assert [m.to for m in mail.outbox] == [[staff.email]]
    transition.refresh_from_db()
    assert transition.notified == 1
    assert cycle.history.first().history_user == staff


def test_advance_with_a_stale_page_is_refused():
    cycle, staff = ready_cycle()
    services.advance_stage(cycle=cycle, user=staff, expected_stage="provider_consultation")
    with pytest.raises(StageConflict):
        services.advance_stage(cycle=cycle, user=staff, expected_stage="provider_consultation")
    cycle.refresh_from_db()
    assert cycle.active_stage == "objectives"


def test_last_stage_cannot_advance():
    cycle, staff = ready_cycle()
    cycle.active_stage = "monitoring"
    cycle.save()
    with pytest.raises(StageNotReady):
        services.advance_stage(cycle=cycle, user=staff, expected_stage="monitoring")


def test_rollback_needs_a_reason_and_keeps_it():
    cycle, staff = ready_cycle()
    cycle.active_stage = "objectives"
    cycle.save()
    with pytest.raises(DomainError):
        services.rollback_stage(cycle=cycle, user=staff, expected_stage="objectives", reason="  ")
    transition = services.rollback_stage(
        cycle=cycle, user=staff, expected_stage="objectives", reason="Lipsesc răspunsurile ONG."
    )
    cycle.refresh_from_db()
    assert cycle.active_stage == "provider_consultation"
    assert transition.direction == "rollback"
    assert transition.reason == "Lipsesc răspunsurile ONG."


def test_first_stage_cannot_roll_back():
    cycle, staff = ready_cycle()
    with pytest.raises(DomainError):
        services.rollback_stage(cycle=cycle, user=staff, expected_stage="visions", reason="x")


@pytest.mark.parametrize(
    ("stage", "role", "action", "allowed"),
    [
        ("visions", Role.FACILITATOR, "enter_statements", True),
        ("objectives", Role.FACILITATOR, "enter_statements", False),
        ("provider_consultation", Role.PROVIDER, "respond_to_round", True),
        ("visions", Role.PROVIDER, "respond_to_round", False),
        ("public_consultation", Role.PUBLIC, "comment_on_draft", True),
        ("action_plan", Role.PUBLIC, "comment_on_draft", False),
        ("council_approval", Role.SECRETARY, "record_vote", True),
        ("council_approval", Role.STAFF, "record_vote", False),
    ],
)
def test_what_a_role_may_do_follows_the_active_stage(stage, role, action, allowed):
    cycle = StrategyCycleFactory(active_stage=stage)
    extra = {}
    if role == Role.PROVIDER:
        from tests.factories import OrganisationFactory

        extra["organisation"] = OrganisationFactory(municipality=cycle.municipality)
    user = MembershipFactory(municipality=cycle.municipality, role=role, **extra).user
    assert stage_allows(action)(user, cycle) is allowed


def test_a_role_elsewhere_gives_no_stage_permission():
    cycle = StrategyCycleFactory(active_stage="visions")
    facilitator_elsewhere = MembershipFactory(role=Role.FACILITATOR).user
    assert stage_allows("enter_statements")(facilitator_elsewhere, cycle) is False


def test_dashboard_shows_checks_done_over_total_and_refuses_an_unready_advance(world, as_user):
    client = as_user("staff")
    world.cycle.municipality.zones.all().delete()
    page = client.get(reverse("municipality-dashboard", args=[world.municipality.slug]))
    html = page.content.decode()
    results = [result.done for _check, result in world.cycle.stage.run_checks(world.cycle)]
    assert not all(results)
    assert f"{sum(results)} / {len(results)} verificări" in html
    response = client.post(
        reverse("cycle-advance", args=[world.municipality.slug, world.cycle.pk]),
        {"expected_stage": "visions"},
        follow=True,
    )
    assert "Nu se poate trece la etapa următoare" in response.content.decode()
    world.cycle.refresh_from_db()
    assert world.cycle.active_stage == "visions"


def test_staff_advances_a_ready_cycle_from_the_dashboard(world, as_user):
    world.cycle.active_stage = "provider_consultation"
    world.cycle.save()
    make_provider_consultation_ready(world.cycle)
    client = as_user("staff")
    response = client.post(
        reverse("cycle-advance", args=[world.municipality.slug, world.cycle.pk]),
        {"expected_stage": "provider_consultation"},
        follow=True,
    )
    world.cycle.refresh_from_db()
    assert world.cycle.active_stage == "objectives"
    html = response.content.decode()
    assert "Ciclul a trecut la etapa „Obiective strategice”" in html
    assert str(world.users["staff"]) in html  # who advanced it is shown


def test_dashboard_query_count_does_not_grow_with_data(world, as_user):
    client = as_user("staff")
    url = reverse("municipality-dashboard", args=[world.municipality.slug])
    world.cycle.active_stage = "provider_consultation"
    world.cycle.save()
    make_provider_consultation_ready(world.cycle)
    small = count_queries(lambda: client.get(url))
    for _ in range(30):
        ZoneFactory(municipality=world.municipality)
        MembershipFactory(
            municipality=world.municipality, role=Role.FACILITATOR, user=UserFactory()
        )
    staff = world.users["staff"]
    cycle = world.cycle
    for _ in range(5):
        services.advance_stage(cycle=cycle, user=staff, expected_stage=cycle.active_stage)
        cycle.refresh_from_db()
        services.rollback_stage(
            cycle=cycle, user=staff, expected_stage=cycle.active_stage, reason="r"
        )
        cycle.refresh_from_db()
    large = count_queries(lambda: client.get(url))
    assert small > 0
    assert large == small
