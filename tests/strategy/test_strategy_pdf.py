"""The strategy as a PDF: every chapter, objective and indicator with the evidence behind each
objective (read back with pypdf), nobody's identity, a constant number of queries, and the staff
PDF of any version through the stored-file pattern."""

import io
import re

import pypdf
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from beneficiaries import services as coding
from beneficiaries.models import SpiralDimension, Statement
from core.models import GeneratedFile
from strategy import evidence
from strategy.models import StrategyVersion
from strategy.pdf import KIND, strategy_pdf, version_context
from tests.factories import (
    AnswerFactory,
    ConsultationRoundFactory,
    GroupProposalFactory,
    GuidelineFactory,
    IndicatorFactory,
    MeetingFactory,
    RoundResponseFactory,
    SectionFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    StrategyFactory,
    StrategyVersionFactory,
    UserFactory,
    WorkingGroupFactory,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

STATEMENT = "Nu am pe nimeni care să mă ajute acasă"
ANSWER = "Lipsesc patruzeci de locuri în centrele de zi"
PROPOSAL = "Centru de zi pentru vârstnici"


def pdf_text(content: bytes) -> str:
    """The PDF's text on one line: words split across lines (hyphenation) joined again."""
    text = "\n".join(
        page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(content)).pages
    )
    text = re.sub(r"[-\u2010\u00ad]\s*\n\s*", "", text)
    return " ".join(text.split())


def cite_evidence(world, objective, n=1, tag=""):
    """`n` statements, answers and proposals of the world's cycle, cited by `objective`."""
    statement_author = UserFactory(username=f"maria{tag}", first_name="Maria", last_name="Ionescu")
    statements = []
    for i in range(n):
        statement = Statement.objects.create(
            municipality=world.municipality,
            session=world.session,
            question="illbeing",
            text=f"{STATEMENT} {tag}{i}",
            created_by=statement_author,
        )
        coding.add_code(
            statement=statement,
            dimension=SpiralDimension.objects.get(code="A09"),
            user=world.users["facilitator"],
        )
        statements.append(statement)
    round_ = ConsultationRoundFactory(
        municipality=world.municipality, cycle=world.cycle, invited=[world.org_a]
    )
    responder = UserFactory(username=f"ion{tag}", first_name="Ion", last_name="Vasilescu")
    response = RoundResponseFactory(
        round=round_,
        organisation=world.org_a,
        submitted_at=timezone.now(),
        submitted_by=responder,
        updated_by=responder,
    )
    answers = [AnswerFactory(response=response, text=f"{ANSWER} {tag}{i}") for i in range(n)]
    group = WorkingGroupFactory(municipality=world.municipality, cycle=world.cycle)
    meeting = MeetingFactory(group=group)
    proposals = [
        GroupProposalFactory(
            group=group,
            meeting=meeting,
            title=f"{PROPOSAL} {tag}{i}",
            status="adopted",
            proposed_by=world.org_b,
        )
        for i in range(n)
    ]
    evidence.cite(
        objective=objective,
        statements=statements,
        answers=answers,
        proposals=proposals,
        user=world.users["staff"],
    )
    evidence.set_dimensions(
        objective=objective,
        dimensions=[SpiralDimension.objects.get(code="A09")],
        user=world.users["staff"],
    )


@pytest.fixture
def strategy(world):
    strategy = StrategyFactory(
        municipality=world.municipality, cycle=world.cycle, title="Strategia Arcadia 2026–2030"
    )
    SectionFactory(
        strategy=strategy,
        title="Contextul socio-economic",
        body="<p>Municipiul are o populație îmbătrânită.</p><script>alert('x')</script>",
        position=0,
    )
    SectionFactory(strategy=strategy, title="Viziunea", body="<ul><li>Nimeni singur</li></ul>")
    guideline = GuidelineFactory(strategy=strategy, title="Îngrijire în comunitate")
    objective = StrategicObjectiveFactory(
        strategy=strategy, guideline=guideline, title="Îngrijire la domiciliu"
    )
    specific = SpecificObjectiveFactory(objective=objective, title="Extinderea serviciului")
    IndicatorFactory(
        specific_objective=specific,
        name="Vârstnici îngrijiți acasă",
        unit="persoane",
        baseline=60,
        baseline_year=2025,
        target=120,
        target_year=2030,
        source="Registrul DAS",
    )
    cite_evidence(world, objective)
    return strategy


def publish(strategy, number=1):
    return StrategyVersionFactory(
        strategy=strategy,
        number=number,
        published_by=UserFactory(username="elena", first_name="Elena", last_name="Dumitrescu"),
    )


def test_the_pdf_holds_every_chapter_objective_indicator_and_the_cited_evidence(world, strategy):
    version = publish(strategy)
    with translation.override("ro"):
        text = pdf_text(strategy_pdf(version))
    for expected in (
        "Strategia Arcadia 2026–2030",
        "Contextul socio-economic",
        "Municipiul are o populație îmbătrânită.",
        "Viziunea",
        "Nimeni singur",
        "LD1. Îngrijire în comunitate",
        "OS1. Îngrijire la domiciliu",
        "OS1.1. Extinderea serviciului",
        "I1.1.1",
        "Vârstnici îngrijiți acasă",
        "Registrul DAS",
        "60 (2025)",
        "120 (2030)",
        "A09",
        STATEMENT,
        "Vârstnici",
        "Asociația Alfa",
        ANSWER,
        PROPOSAL,
        "Fundația Beta",
    ):
        assert expected in text, expected
    assert "alert(" not in text  # the section body is sanitised again before it is trusted


def test_the_pdf_names_no_person(world, strategy):
    version = publish(strategy)
    text = pdf_text(strategy_pdf(version))
    for name in ("Maria", "Ionescu", "Ion Vasilescu", "Elena", "Dumitrescu", "facilitator"):
        assert name not in text, name


def test_the_evidence_is_read_in_a_constant_number_of_queries(world):
    def measure(objectives):
        strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
        for i in range(objectives):
            objective = StrategicObjectiveFactory(strategy=strategy)
            IndicatorFactory(specific_objective=SpecificObjectiveFactory(objective=objective))
            cite_evidence(world, objective, n=objectives, tag=f"{objectives}-{i}-")
        version_id = publish(strategy).pk

        def render():
            version = StrategyVersion.objects.get(pk=version_id)
            context = version_context(version)
            html = render_to_string("pdf/strategy_body.html", {"strategy_doc": context})
            assert STATEMENT in html and ANSWER in html and PROPOSAL in html

        return count_queries(render)

    small = measure(1)
    world.cycle.strategy.delete()  # one strategy per cycle
    assert measure(4) == small


def test_the_body_has_no_h1_so_that_the_dossier_can_make_it_its_annex_1(strategy):
    html = render_to_string(
        "pdf/strategy_body.html", {"strategy_doc": version_context(publish(strategy))}
    )
    assert "<h1" not in html
    assert "<h2>Contextul socio-economic</h2>" in html


def pdf_url(strategy, version):
    return reverse(
        "strategy-version-pdf", args=[strategy.municipality.slug, strategy.pk, version.number]
    )


def test_staff_get_the_pdf_of_a_version_from_the_waiting_page(
    world, strategy, as_user, django_capture_on_commit_callbacks
):
    version = publish(strategy)
    client = as_user("staff")
    assert (
        pdf_url(strategy, version)
        in client.get(
            reverse("strategy-versions", args=[world.municipality.slug, strategy.pk])
        ).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(pdf_url(strategy, version))
    file = GeneratedFile.objects.get(kind=KIND)
    assert response.status_code == 302
    assert response["Location"] == file.get_absolute_url()
    file.refresh_from_db()
    assert file.state == GeneratedFile.State.DONE
    download = client.get(
        reverse("generated-file-download", args=[world.municipality.slug, file.pk])
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "Îngrijire la domiciliu" in pdf_text(b"".join(download.streaming_content))

    # Asked again with the same evidence: the same file; after a new citation: a new one.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(pdf_url(strategy, version))
    assert GeneratedFile.objects.filter(kind=KIND).count() == 1
    cite_evidence(world, strategy.objectives.get(), tag="more-")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(pdf_url(strategy, version))
    assert GeneratedFile.objects.filter(kind=KIND).count() == 2


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("provider_a", 403),
        ("public", 403),
        ("facilitator", 403),
        ("secretary", 403),
        ("other_staff", 403),
        ("administrator", 302),
    ],
)
def test_only_the_municipalitys_staff_may_ask_for_a_version_pdf(
    world, strategy, as_user, persona, status
):
    version = publish(strategy)
    assert as_user(persona).post(pdf_url(strategy, version)).status_code == status


def test_another_municipalitys_version_is_not_found(world, as_user):
    other = StrategyFactory(municipality=world.other_municipality, cycle=world.other_cycle)
    version = publish(other)
    url = reverse("strategy-version-pdf", args=[world.municipality.slug, other.pk, version.number])
    assert as_user("staff").post(url).status_code == 404
    assert as_user("other_staff").post(url).status_code == 404
    assert not GeneratedFile.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in_for_a_version_pdf(world, strategy, as_user):
    response = as_user("anonymous").post(pdf_url(strategy, publish(strategy)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not GeneratedFile.objects.exists()


@pytest.mark.parametrize("persona", ["provider_a", "public", "facilitator"])
def test_the_staff_strategy_pdf_is_refused_to_providers_and_the_public(
    world, strategy, as_user, persona, django_capture_on_commit_callbacks
):
    version = publish(strategy)
    with django_capture_on_commit_callbacks(execute=True):
        as_user("staff").post(pdf_url(strategy, version))
    file = GeneratedFile.objects.get(kind=KIND)
    slug = world.municipality.slug
    for name in ("generated-file", "generated-file-download"):
        assert as_user(persona).get(reverse(name, args=[slug, file.pk])).status_code == 403
    assert (
        as_user("staff").get(reverse("generated-file-download", args=[slug, file.pk])).status_code
        == 200
    )
