"""A provider answers a consultation round in the browser: draft, attachment, submission; staff
then read the answer beside the others on the review page."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consultations.models import ConsultationRound, RoundResponse
from core.models import Organisation, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base, username):
    page.goto(base + "/cont/autentificare/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-Spirala-2026")
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def open_round():
    """The demo's next round, published and opened now, with one question of each kind; its cycle
    back in the provider consultation, the stage in which providers answer rounds."""
    consultation = ConsultationRound.objects.get(published=False)
    type(consultation.cycle).objects.filter(pk=consultation.cycle_id).update(
        active_stage="provider_consultation"
    )
    now = timezone.now()
    consultation.published = True
    consultation.opens_at = now - datetime.timedelta(hours=1)
    consultation.closes_at = now + datetime.timedelta(days=7)
    consultation.save()
    consultation.questions.create(
        position=10, kind="scale", text="Cât de utilă a fost consultarea?", required=True
    )
    consultation.questions.create(
        position=11,
        kind="multiple",
        text="Ce tipuri de sprijin vă lipsesc?",
        choices=["Finanțare", "Spații", "Personal calificat"],
    )
    return consultation


def test_provider_drafts_attaches_and_submits_and_staff_reads_it(live_server, browser, tmp_path):
    call_command("load_demo", verbosity=0)
    consultation = open_round()
    text_question = next(q for q in consultation.questions.all() if q.kind == "text")
    context = browser.new_context(locale="ro-RO")
    page = context.new_page()
    log_in(page, live_server.url, "furnizor")

    page.goto(live_server.url + "/m/baia-mare/furnizor/consultari/")
    page.get_by_role("link", name=consultation.title).click()
    page.fill(f"[name=q{text_question.pk}]", "Avem nevoie de un al doilea microbuz adaptat.")
    for question in consultation.questions.all():
        if question.kind == "scale":
            page.check(f"[name=q{question.pk}][value='4']")
        elif question.kind == "multiple":
            page.locator(f"[name=q{question.pk}]").first.check()
    page.get_by_label("Spații").check()
    page.click("button[value=draft]")
    page.wait_for_load_state()

    # The draft is kept: a reload shows what was typed; nothing is submitted yet.
    page.reload()
    assert page.input_value(f"[name=q{text_question.pk}]").startswith("Avem nevoie")
    organisation = Organisation.objects.get(name="Asociația Casa Speranței Maramureș")
    response = RoundResponse.objects.get(round=consultation, organisation=organisation)
    assert response.submitted_at is None

    # A disguised file is refused with its name; a real PDF is attached.
    fake = tmp_path / "raport.pdf"
    fake.write_bytes(b"<html><script>alert(1)</script></html>")
    page.set_input_files("input[type=file]", str(fake))
    page.locator("input[type=file]").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state()
    assert "raport.pdf" in page.content()
    assert not response.attachments.exists()
    real = tmp_path / "plan.pdf"
    real.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.set_input_files("input[type=file]", str(real))
    page.locator("input[type=file]").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state()
    assert response.attachments.get().original_name == "plan.pdf"

    page.click("button[value=submit]")
    page.wait_for_load_state()
    response.refresh_from_db()
    assert response.submitted_by == User.objects.get(username="furnizor")
    assert any(consultation.title in m.subject for m in mail.outbox)  # the receipt
    context.close()

    staff = browser.new_context(locale="ro-RO")
    page = staff.new_page()
    log_in(page, live_server.url, "personal")
    page.goto(
        live_server.url
        + f"/m/baia-mare/consultari/{consultation.pk}/raspunsuri/?question={text_question.pk}"
    )
    card = page.locator(".card", has_text=organisation.name)
    assert "al doilea microbuz adaptat" in card.inner_text()
    assert "plan.pdf" in card.inner_text()
    staff.close()
