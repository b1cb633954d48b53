"""Staff take the demo's 2027 plan back from the council, add a measure with its budget (a wrong
schedule first), make the dossier again and resubmit the draft decision; the council secretary
finds it from the menu and records the vote; anyone reads the approved plan."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from actionplans.models import ActionPlan, CouncilVote, DraftDecision, Measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Club de zi pentru vârstnici în cartierul Săsar"


def log_in(page, base, username):
    page.goto(base + "/cont/autentificare/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-Spirala-2026")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def test_staff_add_a_measure_submit_the_plan_and_the_secretary_records_the_vote(
    live_server, browser
):
    call_command("load_demo", verbosity=0)
    plan = ActionPlan.objects.get(year=2027)
    decision = plan.draft_decisions.get()
    assert decision.status == DraftDecision.Status.SUBMITTED  # the demo's draft waits
    plan_url = f"{live_server.url}/m/baia-mare/planuri-anuale/{plan.pk}/"
    decision_url = live_server.url + decision.get_absolute_url()
    before = plan.measures.count()

    staff = browser.new_context(locale="ro-RO").new_page()
    log_in(staff, live_server.url, "personal")
    staff.goto(decision_url)
    staff.get_by_role("button", name="Retrageți de la consiliul local").click()
    staff.wait_for_load_state()
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT
    staff.goto(plan_url)
    staff.get_by_role("link", name="Adăugați o măsură – Servicii sociale noi").click()
    staff.wait_for_load_state()
    staff.select_option("#id_specific_objective", index=1)
    staff.fill("#id_title", TITLE)
    staff.fill("#id_service_code", "8810 CZ-V-I")
    staff.fill("#id_service_name", "Club de zi Săsar")
    staff.fill("#id_department", "Compartimentul Servicii pentru Vârstnici, DAS Baia Mare")
    staff.select_option("#id_start_month", "9")
    staff.select_option("#id_end_month", "3")
    staff.select_option("#id_lines-0-source", "local")
    staff.fill("#id_lines-0-amount", "12.500,50")
    staff.get_by_role("button", name="Salvați măsura").click()
    staff.wait_for_load_state()
    # The wrong schedule is named; nothing was saved and what was typed is still there.
    expect(staff.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    assert "Măsura nu se poate încheia înainte de a începe." in staff.content()
    assert staff.input_value("#id_title") == TITLE
    assert plan.measures.count() == before

    staff.select_option("#id_end_month", "12")
    staff.get_by_role("button", name="Salvați măsura").click()
    staff.wait_for_load_state()
    measure = Measure.objects.get(plan=plan, title=TITLE)
    assert measure.budget_lines.get().amount == 12500.5
    row = staff.locator(f"#measure-{measure.pk}")
    expect(row).to_contain_text(TITLE)
    expect(row).to_contain_text("septembrie–decembrie")
    expect(row).to_contain_text("12.500,50")

    # The plan changed, so the dossier is out of date: make it again, then submit.
    staff.goto(decision_url)
    expect(staff.locator("main")).to_contain_text("neactualizat")
    staff.get_by_role("button", name="Întocmiți din nou dosarul").click()
    staff.wait_for_load_state()
    expect(staff.locator("main")).to_contain_text("SHA-256")  # made: ready to download
    staff.goto(decision_url)
    staff.get_by_role("link", name="Trimiteți consiliului local").click()
    staff.wait_for_load_state()
    staff.get_by_role("button", name="Trimiteți consiliului local").click()
    staff.wait_for_load_state()
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SUBMITTED
    staff.goto(plan_url)
    assert staff.locator(f"#measure-{measure.pk} a").count() == 0  # no more edit buttons

    secretary = browser.new_context(locale="ro-RO").new_page()
    log_in(secretary, live_server.url, "secretar")
    secretary.get_by_role("link", name="Consiliul Local Municipiul Baia Mare").click()
    secretary.wait_for_load_state()
    secretary.get_by_role("link", name="Consemnați votul").first.click()
    secretary.wait_for_load_state()
    secretary.fill("#id_decision_number", "212/2026")
    secretary.fill("#id_decision_date", timezone.localdate().isoformat())  # not in the future
    secretary.fill("#id_in_office", "23")
    secretary.fill("#id_present", "21")
    secretary.fill("#id_votes_for", "18")
    secretary.fill("#id_votes_against", "1")
    secretary.fill("#id_abstentions", "2")
    secretary.get_by_role("button", name="Consemnați votul").click()
    secretary.wait_for_load_state()
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.APPROVED
    assert CouncilVote.objects.get(decision__plan=plan, decision_number="212/2026").adopted

    public = browser.new_context(locale="ro-RO").new_page()
    public.goto(f"{live_server.url}/m/baia-mare/planul-anual/2027/")
    expect(public.locator("main")).to_contain_text("212/2026")
    expect(public.locator(f"#measure-{measure.pk}")).to_contain_text("12.500,50")
