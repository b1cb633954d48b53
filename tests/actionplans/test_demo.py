"""The demo's annual action plans and council decisions (Baia Mare): the strategy adopted with
the 2026 plan, and the 2027 plan copied from it, submitted to the council."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.utils import timezone
from pypdf import PdfReader

from actionplans import council, dossier
from actionplans.budget import plan_data
from actionplans.models import ActionPlan, DraftDecision, LegalSection, Opinion
from consultations.models import FundingSource
from core.models import GeneratedFile, Municipality, StrategyCycle
from strategy.models import SpecificObjective, StrategyVersion

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
    each test runs in a savepoint inside it, as usual. What waits for the commit (the dossiers,
    the public files of what the council adopted) is run, as the eager worker would."""
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
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


@pytest.fixture
def adopted(demo):
    return DraftDecision.objects.get(municipality=demo, kind="strategy")


@pytest.fixture
def waiting(demo):
    return DraftDecision.objects.get(municipality=demo, kind="plan")


def pdf_text(file) -> str:
    with file.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_the_council_adopted_the_published_strategy_with_the_2026_plan_by_hcl_38(
    demo, adopted, approved
):
    assert adopted.status == DraftDecision.Status.ADOPTED
    assert adopted.plan == approved
    newest = StrategyVersion.objects.filter(strategy__cycle=adopted.cycle).order_by("-number")
    assert adopted.strategy_version == newest.first()
    assert adopted.referat_number and adopted.raport_number
    assert adopted.referat_date <= adopted.raport_date <= timezone.localdate(adopted.submitted_at)
    committees = adopted.opinions.filter(body=Opinion.Body.COMMITTEE)
    assert committees.count() == 2
    vote = adopted.votes.get()
    vote.full_clean()
    assert vote.adopted and vote.compute_adopted() and vote.decision_number == "38"
    assert vote.recorded_by.username == "secretar"
    assert adopted.strategy_version.published_at < adopted.submitted_at
    assert timezone.localdate(adopted.submitted_at) <= vote.decision_date
    assert vote.decision_date < timezone.localdate()
    assert council.plan_adopting_vote(approved) == vote
    assert council.adopted_strategy_decision(adopted.cycle) == adopted
    assert approved.submitted_at == adopted.submitted_at


def test_the_adopted_decision_has_its_done_dossier_with_the_hcl_texts(adopted):
    status = dossier.dossier_status(adopted)
    assert status["state"] == GeneratedFile.State.DONE and status["sha256"]
    assert status["out_of_date"] is False
    text = pdf_text(status["file"])
    assert adopted.referat_number in text
    assert "Comisia pentru sănătate" in text


def test_the_adopted_decision_made_its_public_files(adopted):
    from actionplans.publication import is_ready, public_files, wanted_kinds

    files = public_files([adopted.pk])
    kinds = {kind for (_pk, kind), file in files.items() if is_ready(file)}
    assert kinds == set(wanted_kinds(adopted, True))


def test_the_2027_plan_waits_for_the_council_with_the_countys_aviz(demo, waiting, approved):
    draft = ActionPlan.objects.get(municipality=demo, year=2027)
    assert waiting.plan == draft and waiting.status == DraftDecision.Status.SUBMITTED
    assert draft.status == ActionPlan.Status.SUBMITTED
    assert draft.submitted_at == waiting.submitted_at > approved.submitted_at
    county = waiting.opinions.get(body=Opinion.Body.COUNTY)
    assert county.issuer == "Consiliul Județean Maramureș" and county.number
    assert not waiting.votes.exists()
    assert all(done for _label, done, _detail in council.submission_checks(waiting))
    status = dossier.dossier_status(waiting)
    assert status["state"] == GeneratedFile.State.DONE and not status["out_of_date"]


def test_the_secretary_can_record_the_councils_vote_on_the_2027_plan(demo, waiting):
    from core.models import User

    secretary = User.objects.get(username="secretar")
    assert secretary.has_perm("actionplans.record_decision_vote", waiting)
    assert secretary.has_perm("actionplans.download_dossier", dossier.dossier_for(waiting))
    vote = council.record_vote(
        decision=waiting,
        data={
            "decision_number": "412",
            "decision_date": timezone.localdate(),
            "in_office": 23,
            "present": 20,
            "votes_for": 18,
            "votes_against": 1,
            "abstentions": 1,
        },
        user=secretary,
    )
    assert vote.adopted
    waiting.refresh_from_db()
    assert waiting.status == DraftDecision.Status.ADOPTED
    assert waiting.plan.status == ActionPlan.Status.APPROVED


def test_the_next_year_is_a_copy_of_the_approved_plan_with_the_years_changes(demo, approved):
    draft = ActionPlan.objects.get(municipality=demo, year=2027)
    assert draft.copied_from == approved
    assert draft.cycle == approved.cycle
    data = plan_data(draft)
    assert data["totals_add_up"] and not data["over_local_budget"]
    assert data["without_measure"] == [] and data["unbudgeted"] == []
    titles = set(draft.measures.values_list("title", flat=True))
    assert len(titles & set(approved.measures.values_list("title", flat=True))) >= 30
    assert data["grand_total"] != plan_data(approved)["grand_total"]  # the year's changes


def test_the_demo_cycle_reached_the_monitoring_stage_through_recorded_transitions(demo):
    cycle = StrategyCycle.objects.get(municipality=demo)
    assert cycle.active_stage == "monitoring"
    moves = list(cycle.transitions.order_by("pk").values_list("from_stage", "to_stage"))
    assert moves == [
        ("visions", "provider_consultation"),
        ("provider_consultation", "objectives"),
        ("objectives", "public_consultation"),
        ("public_consultation", "action_plan"),
        ("action_plan", "council_approval"),
        ("council_approval", "monitoring"),
    ]
    assert all(t.reason and t.user.username == "personal" for t in cycle.transitions.all())
    # the council stage was left with its checks passed: the strategy and the plan adopted
    last = cycle.transitions.order_by("pk").last()
    assert last.checks_summary and all(check["done"] for check in last.checks_summary)


def test_plans_before_or_after_the_council_cannot_be_edited(demo, approved):
    from core.models import User

    staff = User.objects.get(username="personal")
    draft = ActionPlan.objects.get(municipality=demo, year=2027)
    assert not staff.has_perm("actionplans.change_plan", draft)
    assert not staff.has_perm("actionplans.change_plan", approved)
    assert staff.has_perm("actionplans.withdraw_decision", draft.draft_decisions.get())


def test_a_second_run_of_the_demo_changes_nothing_not_even_the_history(demo):
    first = row_counts()
    call_command("load_demo", verbosity=0)
    assert row_counts() == first
