import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from beneficiaries.models import SpiralSession
from core.models import StrategyCycle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/cont/autentificare/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-Spirala-2026")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def test_a_facilitator_pastes_statements_and_staff_code_them_from_the_keyboard(live_server, page):
    call_command("load_demo", verbosity=0)
    # Statements are entered in the first stage; the demo moves its cycle on to the action plan.
    StrategyCycle.objects.filter(municipality__slug="baia-mare").update(active_stage="visions")
    session = SpiralSession.objects.get(group_name="Vârstnici – Cartier Ferneziu")
    before = session.statements.count()

    # The facilitator: Alt+2 picks "ill-being", one statement per line, Ctrl+Enter saves.
    log_in(page, live_server, "facilitator")
    page.goto(live_server.url + session.get_absolute_url())
    textarea = page.locator("textarea[name=lines]")
    textarea.focus()
    page.keyboard.press("Alt+2")
    textarea.fill("Chiria a crescut și nu mai pot plăti\nLipsa unei bănci în stația de autobuz")
    page.keyboard.press("Control+Enter")
    page.wait_for_url("**?q=illbeing")
    assert page.get_by_text("Chiria a crescut și nu mai pot plăti").is_visible()
    assert session.statements.count() == before + 2
    rent = session.statements.get(text="Chiria a crescut și nu mai pot plăti")
    assert rent.question == "illbeing"

    # Staff: the uncoded filter, j to the first statement, / to type a code, Enter to add it.
    log_in(page, live_server, "personal")
    page.goto(live_server.url + "/m/baia-mare/spiral/codificare/?uncoded=1")
    page.wait_for_load_state("load")
    page.locator("body").press("j")
    expect(page.locator(f"#statement-{rent.pk}")).to_be_focused()
    page.keyboard.press("/")
    page.keyboard.type("A03")
    page.keyboard.press("Enter")
    page.locator(f"#statement-{rent.pk} button.badge").wait_for()  # swapped in by htmx
    assert list(rent.codes.values_list("dimension__code", flat=True)) == ["A03"]
    expect(page.locator(f"#statement-{rent.pk}")).to_be_focused()
