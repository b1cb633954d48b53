"""Each stage says what it needs, who does what and what it rests on; a glossary explains terms."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from core.glossary import TERMS, TERMS_BY_KEY
from core.stages import STAGES, get_stage
from tests.factories import (
    ActionPlanFactory,
    DraftDecisionFactory,
    PublicConsultationFactory,
    StrategyFactory,
    StrategyVersionFactory,
)

pytestmark = pytest.mark.django_db

CEDILLA = ("ş", "ţ", "Ş", "Ţ")


def ro(text) -> str:
    with translation.override("ro"):
        return str(text)


def en(text) -> str:
    with translation.override("en"):
        return str(text)


def help_block(content: str, key: str) -> str:
    """The <details> stage-help block of one stage in a page."""
    match = re.search(
        rf'<details[^>]*data-testid="stage-help-{key}".*?</details>', content, re.DOTALL
    )
    assert match, f"no help block for the stage {key}"
    return match.group(0)


@pytest.mark.parametrize("stage", STAGES, ids=lambda s: s.key)
def test_every_stage_has_guidance_and_a_legal_basis_in_romanian(stage):
    guidance, legal_basis = ro(stage.guidance), ro(stage.legal_basis)
    assert guidance and legal_basis
    # Translated, not the English msgid falling through.
    assert guidance != en(stage.guidance)
    assert legal_basis != en(stage.legal_basis)
    assert re.search(r"\b(Legea|OUG|HG|Ordinul MMJS nr\.|Metoda SPIRAL)\b", legal_basis)
    assert not any(c in guidance + legal_basis for c in CEDILLA)
    assert stage.terms and all(key in TERMS_BY_KEY for key in stage.terms)


def _stage_pages(world):
    """The main page of each stage, as the municipality's staff opens it."""
    slug = world.municipality.slug
    strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    consultation = PublicConsultationFactory(version=StrategyVersionFactory(strategy=strategy))
    plan = ActionPlanFactory(municipality=world.municipality, cycle=world.cycle)
    DraftDecisionFactory(plan=plan)
    return {
        "visions": reverse("spiral-session-list", args=[slug]),
        "provider_consultation": reverse("round-list", args=[slug]),
        "objectives": reverse("strategy-detail", args=[slug, strategy.pk]),
        "public_consultation": reverse("consultation-answers", args=[slug, consultation.pk]),
        "action_plan": reverse("plan-list", args=[slug]),
        "council_approval": reverse("decision-list", args=[slug]),
        "monitoring": reverse("plan-list", args=[slug]),
    }


def test_each_stage_main_page_shows_its_paragraph_and_legal_basis(world, as_user):
    pages = _stage_pages(world)
    assert set(pages) == {stage.key for stage in STAGES}
    client = as_user("staff")
    for key, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        block = help_block(response.content.decode(), key)
        stage = get_stage(key)
        assert escape(ro(stage.guidance)) in block, url
        assert escape(ro(stage.legal_basis)) in block, url
        assert "Temei legal" in block


def test_the_cycle_page_shows_every_stage_guidance_without_pushing_content_down(world, as_user):
    url = reverse("cycle-detail", args=[world.municipality.slug, world.cycle.pk])
    content = as_user("staff").get(url).content.decode()
    for stage in STAGES:
        block = help_block(content, stage.key)
        assert " open" not in block.split(">", 1)[0]  # collapsed until asked for
        assert escape(ro(stage.guidance)) in block


def test_stage_help_links_its_terms_to_entries_that_exist_in_the_glossary(world, as_user):
    url = reverse("round-list", args=[world.municipality.slug])
    block = help_block(as_user("staff").get(url).content.decode(), "provider_consultation")
    glossary = reverse("glossary")
    anchors = re.findall(rf'href="{re.escape(glossary)}#([\w-]+)"', block)
    assert anchors == [TERMS_BY_KEY[key].anchor for key in get_stage("provider_consultation").terms]
    assert '<abbr title="Furnizor acreditat">furnizor acreditat</abbr>' in block
    page = as_user("anonymous").get(glossary).content.decode()
    for anchor in anchors:
        assert f'id="{anchor}"' in page


def test_the_glossary_answers_anonymous_visitors_in_romanian_with_every_term(client, db):
    assert reverse("glossary") == "/glosar/"
    response = client.get("/glosar/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="ro">' in content
    assert "<h1>Glosar</h1>" in content
    for word in (
        "UAT – unitate administrativ-teritorială",
        "DAS",
        "SPAS",
        "DGASPC",
        "HCL – hotărâre a consiliului local",
        "Proiect de hotărâre",
        "SPIRAL",
        "Familiile SPIRAL",
        "aviz consultativ",
        "Referat de aprobare",
        "Raport de specialitate",
        "Legea 52/2003",
        "Recomandare",
        "Dezbatere publică",
        "Nomenclatorul serviciilor sociale (HG 867/2015)",
        "Furnizor acreditat",
        "Plan anual de acțiune",
    ):
        assert escape(word) in content, word
    for term in TERMS:
        assert escape(ro(term.definition)) in content
        assert ro(term.definition) != en(term.definition)
    assert "ș" in content and "ț" in content
    assert not any(c in content for c in CEDILLA)


def test_the_glossary_turns_english_when_english_is_chosen(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    content = client.get("/glosar/").content.decode()
    assert "<h1>Glossary</h1>" in content
    assert "UAT – administrative-territorial unit" in content


def test_the_footer_of_every_page_links_the_glossary(client, db):
    content = client.get(reverse("home")).content.decode()
    footer = content.split("<footer", 1)[1]
    assert 'href="/glosar/">Glosar</a>' in footer
