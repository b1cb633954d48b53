"""The demo's annual action plans (Baia Mare): the approved 2026 plan and the 2027 draft."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from actionplans.budget import plan_data
from actionplans.models import ActionPlan, LegalSection
from consultations.models import FundingSource
from core.models import Municipality, StrategyCycle
from strategy.models import SpecificObjective

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """Rows of every model (and history table) the demo writes, so a second run must add none."""
    return {
        model._meta.label: model.objects.count()
        for app in ("core", "consultations", "strategy", "actionplans")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Loaded once for the module (a load takes seconds) in a transaction rolled back at the end;
    each test runs in a savepoint inside it, as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield Municipality.objects.get(slug="baia-mare")
        transaction.set_rollback(True)


@pytest.fixture
def approved(demo):
    return ActionPlan.objects.get(municipality=demo, status=ActionPlan.Status.APPROVED)


def test_the_approved_plan_has_30_to_40_measures_in_every_section_with_money(approved):
    data = plan_data(approved)
    assert approved.year == 2026
    assert 30 <= data["measure_count"] <= 40
    for section in data["sections"]:
        assert section.rows, section.key
        assert section.total > 0, section.key
    assert {s.key for s in data["sections"]} == set(LegalSection.values)
    assert data["totals_add_up"]
    assert not data["over_local_budget"]
    assert data["unbudgeted"] == []


def test_every_measure_cites_a_specific_objective_of_the_demo_strategy(demo, approved):
    cycle = StrategyCycle.objects.get(municipality=demo)
    own = set(SpecificObjective.objects.filter(objective__strategy__cycle=cycle).values_list("pk"))
    cited = set(approved.measures.values_list("specific_objective"))
    assert cited <= own
    data = plan_data(approved)
    # every specific objective has a measure, or a reason for none this year
    assert data["without_measure"] == []
    assert len(data["skipped"]) == 1 and data["skipped"][0].reason


def test_measures_are_complete_and_valid_as_the_forms_would_require(approved):
    for measure in approved.measures.prefetch_related("budget_lines", "indicators"):
        measure.full_clean()
        assert measure.department and measure.indicators.exists()
        assert measure.unfunded or measure.budget_lines.exists()
        for line in measure.budget_lines.all():
            line.full_clean()
    unfunded = approved.measures.filter(unfunded=True)
    assert unfunded.count() == 2
    assert all(m.unfunded_reason for m in unfunded)
    existing = approved.measures.filter(section=LegalSection.EXISTING)
    assert existing.exclude(service=None).count() == existing.count()
    assert approved.measures.exclude(partners=None).exists()
    assert approved.measures.exclude(categories=None).exists()
    assert approved.measures.exclude(zone=None).exists()


def test_the_budget_uses_every_kind_of_source_with_eu_programmes_named(approved):
    data = plan_data(approved)
    for source in (
        FundingSource.LOCAL,
        FundingSource.STATE,
        FundingSource.EU,
        FundingSource.PRIVATE,
        FundingSource.CONTRIBUTIONS,
    ):
        assert data["by_source"][source] > 0, source
    programmes = {
        line.programme for row in data["rows"] for line in row.lines if line.source == "eu"
    }
    assert {"PIDS", "PR Nord-Vest", "PNRR C13"} <= programmes
    home_care = next(r for r in data["rows"] if r.measure.service_code == "8810 ID-I")
    assert home_care.by_source["local"] == 1150000


def test_the_approved_plan_has_its_council_vote(approved):
    vote = approved.votes.get()
    assert (vote.decision_number, str(vote.decision_date)) == ("38", "2026-02-26")
    vote.full_clean()
    assert vote.adopted and vote.compute_adopted()
    assert vote.recorded_by.username == "secretar"
    assert approved.submitted_at.date() < vote.decision_date


def test_the_next_year_is_a_draft_copied_from_the_approved_plan(demo, approved):
    draft = ActionPlan.objects.get(municipality=demo, year=2027)
    assert draft.status == ActionPlan.Status.DRAFT
    assert draft.copied_from == approved
    assert draft.cycle == approved.cycle
    data = plan_data(draft)
    assert data["totals_add_up"] and not data["over_local_budget"]
    assert data["without_measure"] == [] and data["unbudgeted"] == []
    titles = set(draft.measures.values_list("title", flat=True))
    assert len(titles & set(approved.measures.values_list("title", flat=True))) >= 30
    assert data["grand_total"] != plan_data(approved)["grand_total"]  # the year's changes


def test_the_demo_cycle_reached_the_action_plan_stage_through_recorded_transitions(demo):
    cycle = StrategyCycle.objects.get(municipality=demo)
    assert cycle.active_stage == "action_plan"
    moves = list(cycle.transitions.order_by("pk").values_list("from_stage", "to_stage"))
    assert moves == [
        ("visions", "provider_consultation"),
        ("provider_consultation", "objectives"),
        ("objectives", "public_consultation"),
        ("public_consultation", "action_plan"),
    ]
    assert all(t.reason and t.user.username == "personal" for t in cycle.transitions.all())


def test_the_draft_can_be_edited_by_staff_and_the_approved_plan_cannot(demo, approved):
    from core.models import User

    staff = User.objects.get(username="personal")
    draft = ActionPlan.objects.get(municipality=demo, year=2027)
    assert staff.has_perm("actionplans.change_plan", draft)
    assert not staff.has_perm("actionplans.change_plan", approved)


def test_a_second_run_of_the_demo_changes_nothing_not_even_the_history(demo):
    first = row_counts()
    call_command("load_demo", verbosity=0)
    assert row_counts() == first
