"""A citizen comments on the draft under public consultation; staff answer it in place (htmx);
the citizen reads what became of the recommendation."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from strategy.models import Comment, PublicConsultation, Strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, username):
    page.goto(base + "/cont/autentificare/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-Spirala-2026")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def open_consultation():
    """Put the demo's second version to consultation today, with the cycle in that stage."""
    strategy = Strategy.objects.get()
    strategy.cycle.active_stage = "public_consultation"
    strategy.cycle.save()
    version = strategy.versions.get(number=2)
    today = timezone.localdate()
    return PublicConsultation.objects.create(
        municipality=strategy.municipality,
        version=version,
        justification="Referatul proiectului, versiunea a doua.",
        announced_on=today,
        comments_until=today + datetime.timedelta(days=10),
        earliest_submission=today + datetime.timedelta(days=45),
        opened_by=strategy.versions.get(number=1).published_by,
    )


def test_citizen_comments_staff_answer_and_the_citizen_sees_the_answer(live_server, browser):
    call_command("load_demo", verbosity=0)
    consultation = open_consultation()
    objective = consultation.version.snapshot["objectives"][1]
    public_url = f"{live_server.url}/m/baia-mare/consultare-publica/{consultation.pk}/"

    citizen = browser.new_context(locale="ro-RO")
    page = citizen.new_page()
    log_in(page, live_server.url, "cetatean")
    page.goto(public_url)
    page.select_option("select[name=part]", f"objective:{objective['id']}")
    page.fill(
        "textarea[name=text]",
        "Teleasistență și pentru satele Firiza și Blidari <script>x()</script>",
    )
    page.locator("form[action$='comentariu/'] button[type=submit]").click()
    page.wait_for_load_state()
    comment = Comment.objects.get(consultation=consultation)
    assert comment.target == "objective" and comment.target_id == objective["id"]
    assert comment.stakeholder_kind == "cetatean"
    assert "<script>x()</script>" in page.locator(f"#comment-{comment.pk}").inner_text()
    citizen.close()

    staff = browser.new_context(locale="ro-RO")
    page = staff.new_page()
    log_in(page, live_server.url, "personal")
    page.goto(f"{public_url}raspunsuri/?unanswered=on")
    row = page.locator(f"#comment-{comment.pk}")
    row.locator("input[type=radio][value=partly]").check()
    row.locator("textarea").fill("Satele vor fi incluse din 2028, după evaluarea costurilor.")
    row.locator("button[type=submit]").click()
    page.locator(f"#comment-{comment.pk} [role=status]").wait_for()
    comment.refresh_from_db()
    assert comment.answer == "partly" and comment.answered_by.username == "personal"
    staff.close()

    citizen = browser.new_context(locale="ro-RO")
    page = citizen.new_page()
    log_in(page, live_server.url, "cetatean")
    page.goto(f"{public_url}comentariile-mele/")
    assert "Satele vor fi incluse din 2028" in page.content()
    citizen.close()
