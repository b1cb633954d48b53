"""What the local council adopted, in public: the public files made once the decision is adopted
(kept, made once), served to anyone only while the decision is adopted, and the public pages
(the strategy as adopted with its HCL, the municipality's page, the plan's page) that link to
them."""

import datetime
import io
import re

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from actionplans import publication
from actionplans.models import ActionPlan, CouncilVote
from beneficiaries.models import Statement
from core.models import GeneratedFile
from strategy import evidence
from tests.factories import (
    ActionPlanFactory,
    BudgetLineFactory,
    CommentFactory,
    DraftDecisionFactory,
    IndicatorFactory,
    MeasureFactory,
    PublicConsultationFactory,
    SectionFactory,
    SpecificObjectiveFactory,
    SpiralSessionFactory,
    StrategicObjectiveFactory,
    StrategyFactory,
    StrategyVersionFactory,
    UserFactory,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

HCL_DATE = datetime.date(2026, 2, 26)


def pdf_text(content: bytes) -> str:
    text = "\n".join(
        page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(content)).pages
    )
    return " ".join(re.sub(r"[-\u2010\u00ad]\s*\n\s*", "", text).split())


def make_strategy(municipality, cycle, *, objectives=1, title="Strategia Arcadia 2026–2030"):
    strategy = StrategyFactory(municipality=municipality, cycle=cycle, title=title)
    SectionFactory(strategy=strategy, title="Contextul socio-economic")
    for i in range(objectives):
        objective = StrategicObjectiveFactory(strategy=strategy, title=f"Îngrijire acasă {i}")
        IndicatorFactory(specific_objective=SpecificObjectiveFactory(objective=objective))
    return strategy


def adopt(world, strategy, *, municipality=None, number="45", status="adopted"):
    """A strategy decision on the strategy's first version and its plan, adopted by HCL
    `number` (built directly: the council's services are tested elsewhere)."""
    municipality = municipality or world.municipality
    version = strategy.versions.order_by("-number").first() or StrategyVersionFactory(
        strategy=strategy, number=1
    )
    plan = ActionPlanFactory(
        municipality=municipality,
        cycle=strategy.cycle,
        status=ActionPlan.Status.APPROVED if status == "adopted" else ActionPlan.Status.DRAFT,
    )
    BudgetLineFactory(measure=MeasureFactory(plan=plan))
    decision = DraftDecisionFactory(
        plan=plan, kind="strategy", strategy_version=version, status=status
    )
    if status == "adopted":
        CouncilVote.objects.create(
            decision=decision,
            decision_number=number,
            decision_date=HCL_DATE,
            in_office=19,
            present=17,
            votes_for=15,
            votes_against=1,
            abstentions=1,
            adopted=True,
            recorded_by=world.users["secretary"],
        )
    return decision


@pytest.fixture
def adopted(world):
    strategy = make_strategy(world.municipality, world.cycle)
    version = StrategyVersionFactory(strategy=strategy, number=1)
    consultation = PublicConsultationFactory(version=version)
    CommentFactory(consultation=consultation, text="Propun un serviciu de teleasistență.")
    return adopt(world, strategy)


def url(name, decision, slug=None):
    return reverse(name, args=[slug or decision.municipality.slug, decision.pk])


DOWNLOADS = ("public-strategy-pdf", "public-plan-pdf", "public-consultation-report")


# --- The public files ---------------------------------------------------------------------------


def test_an_adopted_decision_gets_its_public_files_once(
    world, adopted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        files = publication.publish_adopted(adopted.pk)
    assert {file.kind for file in files} == set(publication.KINDS)
    for file in GeneratedFile.objects.filter(kind__in=publication.KINDS):
        assert file.state == GeneratedFile.State.DONE, file.error
        assert file.expires_at is None  # kept: never removed by the clean-up of expired files
        assert file.language == "ro"

    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_adopted(adopted.pk)
    assert GeneratedFile.objects.filter(kind__in=publication.KINDS).count() == 3


def test_a_failed_public_file_is_made_again_on_the_same_row(
    world, adopted, django_capture_on_commit_callbacks
):
    publication.publish_adopted(adopted.pk)  # rows only: the tasks never ran
    failed = GeneratedFile.objects.get(kind=publication.PLAN_PDF)
    GeneratedFile.objects.filter(pk=failed.pk).update(state=GeneratedFile.State.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_adopted(adopted.pk)
    failed.refresh_from_db()
    assert failed.state == GeneratedFile.State.DONE
    assert GeneratedFile.objects.filter(kind=publication.PLAN_PDF).count() == 1


def test_a_plan_decision_publishes_only_its_plan(world, django_capture_on_commit_callbacks):
    plan = ActionPlanFactory(
        municipality=world.municipality, cycle=world.cycle, status=ActionPlan.Status.APPROVED
    )
    decision = DraftDecisionFactory(plan=plan, kind="plan", status="adopted")
    CouncilVote.objects.create(
        decision=decision,
        decision_number="12",
        decision_date=HCL_DATE,
        in_office=15,
        present=15,
        votes_for=15,
        votes_against=0,
        abstentions=0,
        adopted=True,
        recorded_by=world.users["secretary"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        files = publication.publish_adopted(decision.pk)
    assert [file.kind for file in files] == [publication.PLAN_PDF]
    client = _anonymous()
    assert client.get(url("public-strategy-pdf", decision)).status_code == 404
    assert client.get(url("public-plan-pdf", decision)).status_code == 200


def _anonymous():
    from tests.conftest import client_for

    return client_for(None)


def test_anyone_downloads_the_public_files_of_an_adopted_decision(
    world, adopted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_adopted(adopted.pk)
    client = _anonymous()
    texts = {}
    for name in DOWNLOADS:
        response = client.get(url(name, adopted))
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf"
        texts[name] = pdf_text(b"".join(response.streaming_content))
    strategy_text = texts["public-strategy-pdf"]
    assert "Adoptată prin HCL nr. 45 din 26.02.2026" in strategy_text
    assert "Strategia Arcadia 2026–2030" in strategy_text
    assert "OS1. Îngrijire acasă 0" in strategy_text
    assert "2027" in texts["public-plan-pdf"]
    assert "Propun un serviciu de teleasistență." in texts["public-consultation-report"]


def test_a_draft_decisions_public_files_are_not_found(world, as_user):
    strategy = make_strategy(world.municipality, world.cycle)
    draft = adopt(world, strategy, status="draft")
    assert publication.publish_adopted(draft.pk) == []
    for name in DOWNLOADS:
        for persona in ("anonymous", "public", "staff"):
            assert as_user(persona).get(url(name, draft)).status_code == 404, (name, persona)
    assert not GeneratedFile.objects.exists()


def test_another_municipalitys_decision_is_not_found_here(
    world, django_capture_on_commit_callbacks
):
    other = make_strategy(world.other_municipality, world.other_cycle, title="Strategia Beta")
    decision = adopt(world, other, municipality=world.other_municipality)
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_adopted(decision.pk)
    client = _anonymous()
    for name in DOWNLOADS[:2]:
        assert client.get(url(name, decision, slug=world.municipality.slug)).status_code == 404
        assert client.get(url(name, decision)).status_code == 200


def test_a_public_file_not_made_yet_is_being_prepared(world, adopted):
    client = _anonymous()
    # Adopted before its files existed: the first visit asks for them...
    response = client.get(url("public-strategy-pdf", adopted))
    assert response.status_code == 202
    assert "Documentul este în pregătire" in response.content.decode()
    kinds = set(GeneratedFile.objects.values_list("kind", flat=True))
    assert kinds == set(publication.KINDS)
    # ...and later visits find them queued, not a second time.
    assert client.get(url("public-plan-pdf", adopted)).status_code == 202
    assert GeneratedFile.objects.count() == 3


# --- The public strategy page -------------------------------------------------------------------


def strategy_url(strategy, slug=None):
    return reverse("public-strategy", args=[slug or strategy.municipality.slug, strategy.pk])


def test_the_public_strategy_page_shows_the_hcl_in_romanian_and_the_downloads(
    world, adopted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publication.publish_adopted(adopted.pk)
    strategy = adopted.strategy_version.strategy
    with translation.override("ro"):
        response = _anonymous().get(strategy_url(strategy))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Adoptată prin HCL nr. 45 din 26.02.2026" in page
    assert "Îngrijire acasă 0" in page and "Contextul socio-economic" in page
    for name in DOWNLOADS:
        assert url(name, adopted) in page
    assert reverse("plan-public", args=[world.municipality.slug, 2027]) in page
    assert "în pregătire" not in page  # every file is ready


def test_an_unadopted_strategy_shows_its_newest_version_marked_as_not_adopted(world, as_user):
    strategy = make_strategy(world.municipality, world.cycle)
    StrategyVersionFactory(strategy=strategy, number=1)
    strategy.objectives.update(title="Titlul nou")
    StrategyVersionFactory(strategy=strategy, number=2)
    response = as_user("anonymous").get(strategy_url(strategy))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Not adopted by the local council yet." in page
    assert "version 2" in page and "Titlul nou" in page
    assert "HCL" not in page
    assert "/hcl/" not in page  # no public file before the council adopts it


def test_a_strategy_without_a_published_version_or_of_another_municipality_is_not_found(
    world, as_user
):
    strategy = make_strategy(world.municipality, world.cycle)
    assert as_user("anonymous").get(strategy_url(strategy)).status_code == 404
    other = make_strategy(world.other_municipality, world.other_cycle)
    StrategyVersionFactory(strategy=other, number=1)
    response = as_user("anonymous").get(strategy_url(other, slug=world.municipality.slug))
    assert response.status_code == 404


def test_the_public_strategy_page_shows_cited_evidence_without_identity(world, adopted, as_user):
    strategy = adopted.strategy_version.strategy
    author = UserFactory(username="maria", first_name="Maria", last_name="Ionescu")
    statement = Statement.objects.create(
        municipality=world.municipality,
        session=world.session,
        question="illbeing",
        text="Mi-e greu să urc scările",
        created_by=author,
    )
    evidence.cite(
        objective=strategy.objectives.get(), statements=[statement], user=world.users["staff"]
    )
    page = as_user("anonymous").get(strategy_url(strategy)).content.decode()
    assert "Mi-e greu să urc scările" in page
    assert "Vârstnici" in page
    assert "Maria" not in page and "Ionescu" not in page


def test_the_public_strategy_page_reads_in_a_constant_number_of_queries(world):
    from tests.factories import StrategyCycleFactory

    def measure(objectives, cycle):
        strategy = make_strategy(world.municipality, cycle, objectives=objectives)
        session = SpiralSessionFactory(municipality=world.municipality, cycle=cycle)
        for objective in strategy.objectives.all():
            statements = [
                Statement.objects.create(
                    municipality=world.municipality,
                    session=session,
                    question="illbeing",
                    text=f"Afirmația {objective.pk}-{i}",
                    created_by=world.users["facilitator"],
                )
                for i in range(objectives)
            ]
            evidence.cite(objective=objective, statements=statements, user=world.users["staff"])
        StrategyVersionFactory(strategy=strategy, number=1)
        decision = adopt(world, strategy)
        publication.publish_adopted(decision.pk)
        target = strategy_url(strategy)
        client = _anonymous()
        client.get(target)  # warm the session and the translation catalogue

        def visit():
            assert client.get(target).status_code == 200

        return count_queries(visit)

    small = measure(1, world.cycle)
    large = measure(6, StrategyCycleFactory(municipality=world.municipality))
    assert small == large


# --- The pages that link to them ----------------------------------------------------------------


def test_the_municipality_page_shows_the_adopted_strategy_with_its_hcl(world, adopted, as_user):
    strategy = adopted.strategy_version.strategy
    page = as_user("anonymous").get(world.municipality.get_absolute_url()).content.decode()
    assert strategy_url(strategy) in page
    assert "Adopted by HCL no. 45 of 26.02.2026" in page


def test_the_municipality_page_marks_a_published_strategy_not_adopted_yet(world, as_user):
    strategy = make_strategy(world.municipality, world.cycle)
    StrategyVersionFactory(strategy=strategy, number=1)
    page = as_user("anonymous").get(world.municipality.get_absolute_url()).content.decode()
    assert strategy_url(strategy) in page
    assert "not adopted by the local council yet" in page


def test_the_public_plan_page_links_to_the_plan_pdf(world, adopted, as_user):
    page = (
        as_user("anonymous")
        .get(reverse("plan-public", args=[world.municipality.slug, 2027]))
        .content.decode()
    )
    assert url("public-plan-pdf", adopted) in page
    assert "HCL" in page and "45" in page


def test_votes_that_did_not_adopt_leave_the_decision_without_public_files(world):
    strategy = make_strategy(world.municipality, world.cycle)
    decision = adopt(world, strategy, status="submitted")
    CouncilVote.objects.create(
        decision=decision,
        decision_number="",
        decision_date=HCL_DATE,
        in_office=19,
        present=17,
        votes_for=5,
        votes_against=10,
        abstentions=2,
        adopted=False,
        recorded_by=world.users["secretary"],
    )
    assert publication.publish_adopted(decision.pk) == []
    assert _anonymous().get(url("public-strategy-pdf", decision)).status_code == 404
    assert not GeneratedFile.objects.exists()
