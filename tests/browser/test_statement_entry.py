import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from beneficiaries.models import SpiralSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facilitator_pastes_statements_with_the_keyboard_only(live_server, page):
    call_command("load_demo", verbosity=0)
    session = SpiralSession.objects.get(group_name="Vârstnici – Cartier Ferneziu")
    before = session.statements.count()
    page.goto(live_server.url + "/cont/autentificare/")
    page.fill("#id_username", "facilitator")
    page.fill("#id_password", "demo-Spirala-2026")
    page.press("#id_password", "Enter")
    page.goto(live_server.url + session.get_absolute_url())

    textarea = page.locator("textarea[name=lines]")
    textarea.focus()  # the page opens with the cursor here (autofocus)
    page.keyboard.press("Alt+2")
    textarea.fill("Scările fără balustradă\nLipsa unei bănci în stația de autobuz")
    page.keyboard.press("Control+Enter")
    page.wait_for_url("**?q=illbeing")

    assert page.get_by_text("Scările fără balustradă").is_visible()
    session.refresh_from_db()
    new = session.statements.order_by("-pk")[:2]
    assert {s.question for s in new} == {"illbeing"}
    assert session.statements.count() == before + 2


def test_staff_code_the_new_statements_from_the_keyboard(live_server, page):
    call_command("load_demo", verbosity=0)
    session = SpiralSession.objects.get(group_name="Vârstnici – Cartier Ferneziu")
    staff = session.facilitators.get(username="personal")
    statement = session.statements.create(
        municipality=session.municipality,
        question="illbeing",
        text="Chiria a crescut și nu mai pot plăti",
        created_by=staff,
    )
    page.goto(live_server.url + "/cont/autentificare/")
    page.fill("#id_username", "personal")
    page.fill("#id_password", "demo-Spirala-2026")
    page.press("#id_password", "Enter")
    page.goto(live_server.url + "/m/baia-mare/spiral/codificare/?uncoded=1")
    page.wait_for_load_state("load")

    page.locator("body").press("j")  # the first uncoded statement
    expect(page.locator(f"#statement-{statement.pk}")).to_be_focused()
    page.keyboard.press("/")
    page.keyboard.type("A03")
    page.keyboard.press("Enter")
    page.locator(f"#statement-{statement.pk} button.badge").wait_for()  # swapped in by htmx

    assert list(statement.codes.values_list("dimension__code", flat=True)) == ["A03"]
    assert page.locator(f"#statement-{statement.pk} button.badge").inner_text().startswith("A03")
