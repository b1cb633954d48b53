"""WCAG 2.1 AA checks with axe-core (from the npm registry) on the pages every role uses."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        TAGS,
    )
    return result


PAGES = [
    (None, "/"),
    (None, "/cont/autentificare/"),
    (None, "/m/baia-mare/"),
    (None, "/m/baia-mare/inregistrare/"),
    ("personal", "/m/baia-mare/panou/"),
    ("personal", "/m/baia-mare/zone/"),
    ("personal", "/m/baia-mare/zone/noua/"),
    ("personal", "/m/baia-mare/organizatii/"),
    ("admin", "/m/baia-mare/roluri/"),
    ("facilitator", "/m/baia-mare/spiral/"),
    ("personal", "/m/baia-mare/spiral/codificare/"),
    ("personal", "/m/baia-mare/spiral/harta/"),
    (None, "/m/baia-mare/harta-nevoilor/"),
    (None, "/m/baia-mare/ghid/"),
    ("personal", "/m/baia-mare/servicii/nou/"),
    ("personal", "/m/baia-mare/servicii/modificari/"),
    ("furnizor", "/m/baia-mare/furnizor/servicii/"),
    ("personal", "/m/baia-mare/organizatii/{org}/"),
    ("personal", "/m/baia-mare/organizatii/{org}/membri/"),
    ("personal", "/m/baia-mare/consultari/"),
    ("personal", "/m/baia-mare/consultari/noua/"),
    ("personal", "/m/baia-mare/consultari/{round}/"),
    ("personal", "/m/baia-mare/consultari/{round}/raspunsuri/"),
    ("personal", "/m/baia-mare/consultari/{round}/raspunsuri/?view=table"),
    ("personal", "/m/baia-mare/teme/"),
    ("personal", "/m/baia-mare/grupuri/"),
    ("personal", "/m/baia-mare/grupuri/{group}/"),
    ("personal", "/m/baia-mare/grupuri/{group}/intalniri/noua/"),
    ("furnizor", "/m/baia-mare/furnizor/organizatie/"),
    ("furnizor", "/m/baia-mare/furnizor/membri/"),
    ("furnizor", "/m/baia-mare/furnizor/consultari/"),
    ("furnizor", "/m/baia-mare/furnizor/consultari/{round}/"),
    ("furnizor", "/m/baia-mare/furnizor/contributii/"),
    ("personal", "/m/baia-mare/strategie/{strategy}/"),
    ("personal", "/m/baia-mare/strategie/{strategy}/obiective/{objective}/dovezi/"),
    ("personal", "/m/baia-mare/strategie/{strategy}/nevoi-neacoperite/"),
    ("personal", "/m/baia-mare/strategie/{strategy}/versiuni/"),
    ("personal", "/m/baia-mare/strategie/{strategy}/versiuni/comparare/?a=1&b=2"),
    ("personal", "/m/baia-mare/consultare-publica/{consultation}/raspunsuri/"),
    (None, "/m/baia-mare/consultare-publica/{consultation}/"),
    ("cetatean", "/m/baia-mare/consultare-publica/{consultation}/comentariile-mele/"),
    ("personal", "/m/baia-mare/planuri-anuale/"),
    ("personal", "/m/baia-mare/planuri-anuale/{draft_plan}/"),
    ("personal", "/m/baia-mare/planuri-anuale/{draft_plan}/masuri/noua/?section=new"),
    ("personal", "/m/baia-mare/planuri-anuale/{draft_plan}/import-buget/"),
    ("personal", "/m/baia-mare/planuri-anuale/{draft_plan}/obiective-fara-masuri/"),
    ("secretar", "/m/baia-mare/planuri-anuale/{approved_plan}/"),
    (None, "/m/baia-mare/planul-anual/2026/"),
    ("personal", "/m/baia-mare/hotarari/"),
    ("personal", "/m/baia-mare/hotarari/{strategy_decision}/"),
    ("personal", "/m/baia-mare/hotarari/sabloane/"),
    ("secretar", "/m/baia-mare/consiliu/"),
    ("secretar", "/m/baia-mare/hotarari/{strategy_decision}/"),
    (None, "/m/baia-mare/strategia/{strategy}/"),
    (None, "/glosar/"),
]


@pytest.mark.parametrize("username", sorted({u or "" for u, _p in PAGES}))
def test_pages_have_no_wcag_21_aa_violations(live_server, browser, username):
    """Every page a persona uses, checked after one demo load per persona (loads are slow)."""
    call_command("load_demo", verbosity=0)
    ids = demo_ids()
    editable_draft_plan()
    # axe is injected as a script; the page's own CSP would rightly refuse it.
    context = browser.new_context(bypass_csp=True, locale="ro-RO")
    page = context.new_page()
    if username:
        page.goto(live_server.url + "/cont/autentificare/")
        page.fill("#id_username", username)
        page.fill("#id_password", "demo-Spirala-2026")
        page.press("#id_password", "Enter")
        page.wait_for_load_state()
    found = {}
    for user, path in PAGES:
        if (user or "") != username:
            continue
        set_stage(STAGE_FOR.get(path, "monitoring"))
        response = page.goto(live_server.url + path.format(**ids))
        if response.status != 200:  # a refusal page would be checked instead of the page
            found[path] = f"answered {response.status}"
        elif problems := violations(page):
            found[path] = problems
    context.close()
    assert found == {}


# Pages whose actions the demo's cycle (in monitoring) no longer allows: checked in their stage.
STAGE_FOR = {
    "/m/baia-mare/consultari/noua/": "provider_consultation",
    "/m/baia-mare/grupuri/{group}/intalniri/noua/": "provider_consultation",
}


def set_stage(key):
    from core.models import StrategyCycle

    StrategyCycle.objects.filter(municipality__slug="baia-mare").update(active_stage=key)


def editable_draft_plan():
    """The demo's 2027 plan waits for the council; staff take it back to edit it."""
    from actionplans import council
    from actionplans.models import DraftDecision

    decision = DraftDecision.objects.get(plan__year=2027)
    council.withdraw_decision(decision=decision, user=decision.submitted_by)


def demo_ids() -> dict:
    """Ids of the demo's objects (sequences are not reset between transactional tests)."""
    from actionplans.models import ActionPlan, DraftDecision
    from consultations.models import ConsultationRound, WorkingGroup
    from core.models import Organisation
    from strategy.models import PublicConsultation, Strategy

    strategy = Strategy.objects.get()

    return {
        "round": ConsultationRound.objects.get(published=True).pk,
        "group": WorkingGroup.objects.order_by("name").first().pk,
        "org": Organisation.objects.get(name="Asociația Casa Speranței Maramureș").pk,
        "strategy": strategy.pk,
        "objective": strategy.objectives.order_by("position").first().pk,
        "consultation": PublicConsultation.objects.get().pk,
        "draft_plan": ActionPlan.objects.get(year=2027).pk,
        "approved_plan": ActionPlan.objects.get(year=2026).pk,
        "strategy_decision": DraftDecision.objects.get(kind="strategy").pk,
    }
