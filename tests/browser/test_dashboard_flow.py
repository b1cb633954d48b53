import pytest
from django.core.management import call_command

from core.models import StrategyCycle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def back_to_the_first_stage():
    """The demo moves its cycle on to the action-plan stage; this flow starts from the first."""
    cycle = StrategyCycle.objects.get(municipality__slug="baia-mare")
    cycle.active_stage = "visions"
    cycle.save()
    cycle.transitions.all().delete()


def test_staff_logs_in_sees_the_romanian_dashboard_and_advances_a_stage(live_server, page):
    call_command("load_demo", verbosity=0)
    back_to_the_first_stage()
    page.goto(live_server.url + "/cont/autentificare/")
    page.get_by_label("Nume utilizator").fill("personal")
    page.get_by_label("Parolă").fill("demo-Spirala-2026")
    page.get_by_role("button", name="Autentificare").click()
    page.get_by_role("link", name="Panou Municipiul Baia Mare").click()
    page.wait_for_url("**/m/baia-mare/panou/")
    page.wait_for_load_state("load")  # a Tab pressed before the page is there focuses nothing

    # Keyboard users reach the content first through the skip link.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Salt la conținut"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    assert page.locator("h1").inner_text().startswith("Panou")
    assert page.get_by_test_id("checks-visions").inner_text().startswith("5 / 5")
    page.get_by_role("button", name="Treceți la „Consultarea furnizorilor”").click()

    page.get_by_text("Ciclul a trecut la etapa „Consultarea furnizorilor”").wait_for()
    assert page.locator('[aria-current="step"] h3').inner_text().startswith("2")
    page.screenshot(path=str(live_server_screenshot()), full_page=True)
    cycle = StrategyCycle.objects.get(municipality__slug="baia-mare")
    assert cycle.active_stage == "provider_consultation"
    assert cycle.transitions.get().user.username == "personal"


def live_server_screenshot():
    import os
    import tempfile
    from pathlib import Path

    return Path(os.environ.get("SPIRALA_SCREENSHOTS", tempfile.gettempdir())) / "dashboard.png"
