"""One strategy cycle, end to end, in the browser and in Romanian, on a municipality set up with
`create_municipality` (not the demo): statements → map of needs → a provider's answer → an
objective citing both → a citizen's recommendation answered → a one-measure plan → the draft
council decision and its dossier → the secretary's adopting vote → the public strategy page.

The people, the SPIRAL session and the consultation round are set up as an administrator would
(their own pages have their own tests); each stage's checks have their own tests too, so the cycle
is moved on directly where a stage's work is not the point here. With CELERY_WORKER_RUNNING=1 (CI)
the dossier is rendered by the real Celery worker; otherwise the task runs eagerly.
"""

import datetime
import hashlib
import io
import os
import re

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from pypdf import PdfReader

from actionplans.models import ActionPlan, DecisionKind, DraftDecision, Measure
from beneficiaries.models import BeneficiaryCategory, Statement
from consultations.models import Answer, RoundResponse
from core.models import Municipality, Organisation, Role, StrategyCycle, User
from core.services import grant_role
from strategy.models import Comment, PublicConsultation, StrategicObjective, Strategy
from tests.factories import ConsultationRoundFactory, RoundQuestionFactory, SpiralSessionFactory

# `worker`: CI runs it in the pass that has the real Celery worker (it runs eagerly elsewhere).
pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PASSWORD = "Ciclu-complet-2026!"
STATEMENTS = [
    "Nu am cu cine vorbi seara, copiii sunt plecați în străinătate",
    "Pensia nu ajunge pentru medicamente și întreținere",
]
ANSWER = "Putem deschide un club de zi pentru vârstnici dacă primim un spațiu de la primărie."
OBJECTIVE = "Reducerea izolării sociale a persoanelor vârstnice"
SPECIFIC = "Deschiderea unui club de zi pentru vârstnici în fiecare cartier până în 2028"
COMMENT = "Clubul de zi să fie deschis și sâmbăta, când familiile sunt plecate."
REPLY = "Acceptat: programul va include sâmbăta, de la ora 9 la 14."
MEASURE = "Club de zi pentru vârstnici în cartierul Centru"
HCL = "17/2026"


def ro(text):
    with translation.override("ro"):
        return gettext(text)


@pytest.fixture
def tasks_on_worker(settings):
    """The real worker where CI runs one; eager tasks otherwise."""
    if os.environ.get("CELERY_WORKER_RUNNING") != "1":
        yield None
        return
    from config.celery import app

    assert app.control.ping(timeout=10), "the Celery worker does not answer"
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = True


def person(municipality, username, role, **extra):
    user = User.objects.create_user(username, f"{username}@cavnic.example", PASSWORD)
    grant_role(municipality=municipality, user=user, role=role, **extra)
    return user


def log_in(browser, base, username):
    page = browser.new_context(locale="ro-RO", timezone_id="Europe/Bucharest").new_page()
    page.goto(base + "/cont/autentificare/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    return page


def stage(cycle, key):
    StrategyCycle.objects.filter(pk=cycle.pk).update(active_stage=key)


def submit(page, name):
    page.get_by_role("button", name=ro(name), exact=True).click()
    page.wait_for_load_state()


def test_one_cycle_from_statements_to_the_adopted_strategy(live_server, browser, tasks_on_worker):
    base = live_server.url
    call_command(
        "create_municipality",
        name="Orașul Cavnic",
        county="Maramureș",
        siruta="106916",
        admin_email="das@cavnic.example",
        department="Serviciul Public de Asistență Socială Cavnic",
    )
    municipality = Municipality.objects.get(siruta="106916")
    m = f"{base}/m/{municipality.slug}"
    cycle = StrategyCycle.objects.create(
        municipality=municipality,
        title="Strategia Cavnic 2026–2030",
        start_year=2026,
        end_year=2030,
    )
    organisation = Organisation.objects.create(
        municipality=municipality, name="Asociația Vârsta de Aur Cavnic", kind="provider"
    )
    staff = person(municipality, "das-cavnic", Role.STAFF)
    facilitator = person(municipality, "facilitator-cavnic", Role.FACILITATOR)
    person(
        municipality,
        "furnizor-cavnic",
        Role.PROVIDER,
        organisation=organisation,
        is_organisation_admin=True,
    )
    person(municipality, "secretar-cavnic", Role.SECRETARY)
    person(municipality, "cetatean-cavnic", Role.PUBLIC, public_kind="cetatean")
    category, _ = BeneficiaryCategory.objects.get_or_create(
        municipality=municipality, key="varstnici", defaults={"name": "Vârstnici"}
    )
    session = SpiralSessionFactory(
        municipality=municipality,
        cycle=cycle,
        category=category,
        group_name="Vârstnici – Centru",
        facilitators=[facilitator],
    )

    # 1. The facilitator types the statements of the group's session.
    page = log_in(browser, base, "facilitator-cavnic")
    page.goto(base + session.get_absolute_url())
    textarea = page.locator("textarea[name=lines]")
    textarea.focus()
    page.keyboard.press("Alt+2")  # ill-being
    textarea.fill("\n".join(STATEMENTS))
    page.keyboard.press("Control+Enter")
    page.wait_for_url("**?q=illbeing")
    assert session.statements.count() == 2
    page.context.close()

    # 2. Staff code them from the keyboard and publish the map of needs.
    page = log_in(browser, base, "das-cavnic")
    for text, code in zip(STATEMENTS, ("A03", "C01"), strict=True):
        statement = Statement.objects.get(text=text)
        page.goto(f"{m}/spiral/codificare/?uncoded=1")
        page.wait_for_load_state("load")
        page.locator("body").press("j")
        expect(page.locator(f"#statement-{statement.pk}")).to_be_focused()
        page.keyboard.press("/")
        page.keyboard.type(code)
        page.keyboard.press("Enter")
        page.locator(f"#statement-{statement.pk} button.badge").wait_for()
    assert Statement.objects.filter(municipality=municipality, codes__isnull=False).count() == 2
    page.goto(f"{m}/spiral/harta/")
    submit(page, "Publish this version")
    expect(page.locator("main")).to_contain_text(
        ro("Version %(n)d of the map of needs is public.") % {"n": 1}
    )
    page.context.close()

    # 3. The provider answers the consultation round.
    stage(cycle, "provider_consultation")
    consultation_round = ConsultationRoundFactory(
        municipality=municipality,
        cycle=cycle,
        title="Consultarea furnizorilor 2026",
        invited=[organisation],
        created_by=staff,
    )
    question = RoundQuestionFactory(
        round=consultation_round, text="Ce serviciu nou ați putea oferi?", required=True
    )
    page = log_in(browser, base, "furnizor-cavnic")
    page.goto(f"{m}/furnizor/consultari/")
    page.get_by_role("link", name=consultation_round.title).click()
    page.fill(f"[name=q{question.pk}]", ANSWER)
    page.click("button[value=submit]")
    page.wait_for_load_state()
    response = RoundResponse.objects.get(round=consultation_round, organisation=organisation)
    assert response.submitted_at is not None
    page.context.close()

    # 4. Staff write the strategy: an objective citing the statement and the answer.
    stage(cycle, "objectives")
    page = log_in(browser, base, "das-cavnic")
    page.goto(f"{m}/strategie/noua/")
    page.select_option("#id_cycle", str(cycle.pk))
    submit(page, "Create the strategy")
    strategy = Strategy.objects.get(cycle=cycle)
    page.goto(f"{m}/strategie/{strategy.pk}/obiective/nou/")
    page.fill("#id_title", OBJECTIVE)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    objective = StrategicObjective.objects.get(strategy=strategy)
    evidence_url = f"{m}/strategie/{strategy.pk}/obiective/{objective.pk}/dovezi/"
    lonely = Statement.objects.get(text=STATEMENTS[0])
    answer = Answer.objects.get(response=response)
    page.goto(evidence_url + "?add=statements")
    page.check(f"#pick-statement-{lonely.pk}")
    submit(page, "Cite the ticked ones")
    page.goto(evidence_url + "?add=answers")
    page.check(f"#pick-answer-{answer.pk}")
    submit(page, "Cite the ticked ones")
    assert list(objective.statements.all()) == [lonely]
    assert list(objective.answers.all()) == [answer]
    page.goto(f"{m}/strategie/{strategy.pk}/obiective/{objective.pk}/specifice/noua/")
    page.fill("#id_title", SPECIFIC)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    specific = objective.specific_objectives.get()

    # Published as version 1 and put to public consultation from today.
    page.goto(f"{m}/strategie/{strategy.pk}/versiuni/")
    submit(page, "Publish a version")
    version = strategy.versions.get(number=1)
    stage(cycle, "public_consultation")
    page.goto(f"{m}/strategie/{strategy.pk}/versiuni/1/consultare/")
    page.fill("#id_justification", "Nota de fundamentare a strategiei Cavnic 2026–2030.")
    submit(page, "Open the public consultation")
    consultation = PublicConsultation.objects.get(version=version)
    page.context.close()

    # 5. A citizen comments on the objective; staff answer.
    page = log_in(browser, base, "cetatean-cavnic")
    page.goto(f"{m}/consultare-publica/{consultation.pk}/")
    page.select_option("select[name=part]", f"objective:{objective.pk}")
    page.fill("textarea[name=text]", COMMENT)
    page.locator("form[action$='comentariu/'] button[type=submit]").click()
    page.wait_for_load_state()
    comment = Comment.objects.get(consultation=consultation)
    page.context.close()
    page = log_in(browser, base, "das-cavnic")
    page.goto(f"{m}/consultare-publica/{consultation.pk}/raspunsuri/?unanswered=on")
    row = page.locator(f"#comment-{comment.pk}")
    row.locator("input[type=radio][value=accepted]").check()
    row.locator("textarea").fill(REPLY)
    row.locator("button[type=submit]").click()
    page.locator(f"#comment-{comment.pk} [role=status]").wait_for()
    comment.refresh_from_db()
    assert comment.answer == "accepted"

    # The written period ends and the earliest submission date passes (Law 52/2003).
    past = timezone.localdate() - datetime.timedelta(days=40)
    PublicConsultation.objects.filter(pk=consultation.pk).update(
        announced_on=past,
        comments_until=past + datetime.timedelta(days=10),
        earliest_submission=timezone.localdate() - datetime.timedelta(days=1),
    )

    # 6. A one-measure plan for the first year.
    stage(cycle, "action_plan")
    page.goto(f"{m}/planuri-anuale/nou/")
    page.select_option("#id_cycle", str(cycle.pk))
    page.fill("#id_year", "2026")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    plan = ActionPlan.objects.get(cycle=cycle, year=2026)
    page.goto(f"{m}/planuri-anuale/{plan.pk}/")
    page.get_by_role("link", name=re.compile(r"^Adăugați o măsură – Servicii sociale noi")).click()
    page.wait_for_load_state()
    page.select_option("#id_specific_objective", str(specific.pk))
    page.fill("#id_title", MEASURE)
    page.fill("#id_service_code", "8810 CZ-V-I")
    page.fill("#id_service_name", "Club de zi Centru")
    page.fill("#id_department", "SPAS Cavnic")
    page.select_option("#id_start_month", "9")
    page.select_option("#id_end_month", "12")
    page.select_option("#id_lines-0-source", "local")
    page.fill("#id_lines-0-amount", "48.000")  # 48 thousand, or 48 with three decimals?
    page.get_by_role("button", name="Salvați măsura").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(
        ro("At most two decimals (bani); for thousands write 1500 or 1.500,00, not 1.500.")
    )
    assert not Measure.objects.filter(plan=plan).exists()
    page.fill("#id_lines-0-amount", "48.000,00")
    page.get_by_role("button", name="Salvați măsura").click()
    page.wait_for_load_state()
    assert Measure.objects.get(plan=plan).title == MEASURE

    # 7. The draft decision on the strategy (with the plan as annex 2) and its dossier.
    stage(cycle, "council_approval")
    page.goto(f"{m}/hotarari/nou/")
    page.check(f"input[name=kind][value={DecisionKind.STRATEGY}]")
    page.select_option("#id_plan", str(plan.pk))
    page.select_option("#id_strategy_version", str(version.pk))
    page.fill("#id_initiator", "Primar, Ion Pop")
    submit(page, "Start the draft decision")
    decision = DraftDecision.objects.get(plan=plan)
    page.goto(f"{m}/hotarari/{decision.pk}/modificare/")
    page.fill("#id_referat_number", "1520")
    page.fill("#id_referat_date", timezone.localdate().isoformat())
    page.fill("#id_raport_number", "1521")
    page.fill("#id_raport_date", timezone.localdate().isoformat())
    submit(page, "Save")
    page.goto(f"{m}/hotarari/{decision.pk}/")
    submit(page, "Make the dossier")
    # The progress page refreshes itself until the file is made, then shows its checksum.
    expect(page.locator("main")).to_contain_text("SHA-256", timeout=120_000)
    page.goto(f"{m}/hotarari/{decision.pk}/")
    page.get_by_role("link", name=ro("Submit to the council")).click()
    page.wait_for_load_state()
    submit(page, "Submit to the council")
    decision.refresh_from_db()
    assert decision.status == DraftDecision.Status.SUBMITTED
    page.context.close()

    # 8. The secretary finds it from the menu, downloads the dossier and records the vote.
    page = log_in(browser, base, "secretar-cavnic")
    page.get_by_role("link", name=f"Consiliul Local {municipality.name}").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(
        "privind aprobarea Strategiei locale de dezvoltare a serviciilor sociale a Orașului Cavnic"
    )
    with page.expect_download() as download_info:
        page.get_by_role("link", name=ro("Download the dossier (PDF)")).first.click()
    with open(download_info.value.path(), "rb") as handle:
        pdf = handle.read()
    # The checksum on the secretary's list is the file's own.
    expect(page.locator("main")).to_contain_text(hashlib.sha256(pdf).hexdigest())
    dossier = PdfReader(io.BytesIO(pdf))
    text = " ".join(p.extract_text() for p in dossier.pages)
    text = re.sub(r"\s+", " ", text)
    for expected in (OBJECTIVE, SPECIFIC, MEASURE, COMMENT, REPLY, "Art. 1", "Art. 2"):
        assert expected in text, expected
    page.get_by_role("link", name=ro("Record the vote")).first.click()
    page.wait_for_load_state()
    page.fill("#id_decision_number", HCL)
    page.fill("#id_decision_date", timezone.localdate().isoformat())
    page.fill("#id_in_office", "11")
    page.fill("#id_present", "10")
    page.fill("#id_votes_for", "9")
    page.fill("#id_votes_against", "0")
    page.fill("#id_abstentions", "1")
    submit(page, "Record the vote")
    decision.refresh_from_db()
    plan.refresh_from_db()
    assert decision.status == DraftDecision.Status.ADOPTED
    assert plan.status == ActionPlan.Status.APPROVED
    page.context.close()

    # 9. Anyone reads the adopted strategy with its HCL.
    page = browser.new_context(locale="ro-RO").new_page()
    page.goto(f"{m}/strategia/{strategy.pk}/")
    expect(page.locator("main")).to_contain_text(f"Adoptată prin HCL nr. {HCL}")
    expect(page.locator("main")).to_contain_text(OBJECTIVE)
    page.context.close()
