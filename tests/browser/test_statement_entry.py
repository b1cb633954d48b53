import pytest
from django.core.management import call_command

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
