"""The demo strategy of Baia Mare and the benchmark volumes of the strategy stage."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from core.models import Municipality, StrategyCycle
from strategy.document import document_tree
from strategy.models import Comment, PublicConsultation, Strategy

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """Rows of every model (and history table) the demo writes, so a second run must add none."""
    return {
        model._meta.label: model.objects.count()
        for app in ("core", "beneficiaries", "consultations", "strategy")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def demo(capsys):
    call_command("load_demo")
    capsys.readouterr()
    return Municipality.objects.get(slug="baia-mare")


def test_demo_strategy_has_objectives_with_specifics_indicators_and_evidence(demo):
    strategy = Strategy.objects.get(cycle__municipality=demo)
    assert strategy.title == (
        "Strategia de dezvoltare a serviciilor sociale a Municipiului Baia Mare 2026–2030"
    )
    assert set(strategy.sections.values_list("kind", flat=True)) == {
        "context",
        "diagnosis",
        "vision",
        "implementation",
    }
    assert strategy.guidelines.count() == 3
    objectives = list(strategy.objectives.all())
    assert 4 <= len(objectives) <= 6
    for objective in objectives:
        assert objective.guideline is not None
        specifics = list(objective.specific_objectives.all())
        assert specifics and all(s.indicators.exists() for s in specifics)
        assert objective.dimensions.exists()
        statements = list(objective.statements.all())
        assert 3 <= len(statements) <= 6
        # every cited statement was coded with one of the objective's dimensions
        cited = set(objective.dimensions.values_list("pk", flat=True))
        for statement in statements:
            assert cited & set(statement.codes.values_list("dimension", flat=True))
        answers = list(objective.answers.select_related("response"))
        assert 1 <= len(answers) <= 3
        assert all(a.response.submitted_at for a in answers)
    assert any(o.proposals.filter(status="adopted").exists() for o in objectives)
    for indicator in (
        i
        for o in document_tree(strategy)["objectives"]
        for s in o["specific"]
        for i in s["indicators"]
    ):
        assert indicator["unit"] and indicator["source"] and indicator["measured_by"]
        assert indicator["baseline_year"] == 2025 and indicator["target_year"] == 2030


def test_demo_has_two_versions_and_a_closed_consultation_with_every_comment_answered(demo):
    strategy = Strategy.objects.get(cycle__municipality=demo)
    first, second = strategy.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.snapshot != second.snapshot
    consultation = PublicConsultation.objects.get(version=first)
    today = timezone.localdate()
    assert not consultation.accepts_comments(today)
    assert consultation.announced_on < consultation.comments_until < today
    assert consultation.earliest_submission > consultation.comments_until

    comments = list(consultation.comments.all())
    assert 12 <= len(comments) <= 20
    assert all(c.is_answered and c.answer_reason and c.answered_by for c in comments)
    assert {c.answer for c in comments} == set(Comment.Answer.values)
    assert all(
        consultation.announced_on <= timezone.localdate(c.created_at) <= consultation.comments_until
        for c in comments
    )
    assert any(c.resulting_version == second for c in comments)
    hidden = [c for c in comments if c.hidden_at]
    assert len(hidden) == 1 and hidden[0].hidden_reason
    assert {c.target for c in comments} == set(Comment.Target.values)
    assert all(c.target_label for c in comments if c.target != Comment.Target.DOCUMENT)
    assert len({c.stakeholder_kind for c in comments}) == 5

    assert consultation.debate_requests.get().organisation_name.startswith("Asociația")
    assert consultation.debates.get().minutes


def test_a_second_run_of_the_demo_changes_no_counts(demo):
    first = row_counts()
    call_command("load_demo", verbosity=0)
    assert row_counts() == first


def test_seed_scale_small_creates_a_strategy_with_an_open_consultation_and_comments():
    call_command("seed_scale", "--scale", "small", verbosity=0)
    municipality = Municipality.objects.get(slug="bench-small")
    strategy = Strategy.objects.get(cycle=StrategyCycle.objects.current_for(municipality))
    objectives = strategy.objectives.all()
    assert objectives.count() == 6
    for objective in objectives:
        assert objective.specific_objectives.count() == 3
        assert all(s.indicators.count() == 2 for s in objective.specific_objectives.all())
        assert objective.dimensions.exists()
    consultation = PublicConsultation.objects.get(version__strategy=strategy)
    assert consultation.accepts_comments()
    comments = Comment.objects.filter(consultation=consultation)
    assert comments.count() == 50
    assert comments.exclude(answer="").count() == 25
    assert comments.filter(hidden_at__isnull=False).exists()
    assert comments.values("target").distinct().count() == len(Comment.Target.values)
