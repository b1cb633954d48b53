"""E-mails of the provider consultation: round opening, the reminder before the deadline, the
receipt of a response and the invitation; the periodic ones never send twice."""

import datetime
import time

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from consultations import tasks
from consultations.models import ConsultationRound, Invitation
from tests.factories import ConsultationRoundFactory, RoundResponseFactory

pytestmark = pytest.mark.django_db


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def contacts(world):
    world.org_a.email = "contact@alfa.ro"
    world.org_a.save()
    world.users["provider_a"].email = "ana@alfa.ro"
    world.users["provider_a"].save()
    world.users["provider_b"].email = "bogdan@beta.ro"
    world.users["provider_b"].save()
    return world


def test_an_opened_round_emails_the_invited_organisations_once(contacts):
    world = contacts
    consultation = ConsultationRoundFactory(
        municipality=world.municipality, cycle=world.cycle, invited=[world.org_a]
    )
    assert tasks.notify_round_openings() == 2
    assert recipients() == ["ana@alfa.ro", "contact@alfa.ro"]
    message = mail.outbox[0]
    assert consultation.title in message.subject
    assert consultation.get_respond_url() in message.body
    assert "Termenul" in message.body  # Romanian by default
    assert tasks.notify_round_openings() == 0
    assert len(mail.outbox) == 2


def test_unpublished_or_not_yet_open_rounds_send_nothing(contacts):
    world = contacts
    now = timezone.now()
    ConsultationRoundFactory(
        municipality=world.municipality, cycle=world.cycle, invited=[world.org_a], published=False
    )
    later = ConsultationRoundFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        invited=[world.org_a],
        opens_at=now + datetime.timedelta(days=2),
        closes_at=now + datetime.timedelta(days=9),
    )
    assert tasks.notify_round_openings() == 0
    assert mail.outbox == []
    later.refresh_from_db()
    assert later.opening_notified_at is None


def test_reminder_three_days_before_the_deadline_goes_only_to_who_has_not_submitted(contacts):
    world = contacts
    now = timezone.now()
    due = ConsultationRoundFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        invited=[world.org_a, world.org_b],
        closes_at=now + datetime.timedelta(days=2, hours=20),
    )
    ConsultationRoundFactory(  # closes in five days: too early for a reminder
        municipality=world.municipality,
        cycle=world.cycle,
        invited=[world.org_b],
        closes_at=now + datetime.timedelta(days=5),
    )
    RoundResponseFactory(
        round=due,
        organisation=world.org_a,
        submitted_at=now,
        submitted_by=world.users["provider_a"],
    )
    RoundResponseFactory(round=due, organisation=world.org_b)  # a draft is not a response
    assert tasks.send_round_reminders() == 1
    assert recipients() == ["bogdan@beta.ro"]
    assert "Reamintire" in mail.outbox[0].subject
    assert tasks.send_round_reminders() == 0
    assert ConsultationRound.objects.get(pk=due.pk).reminder_sent_at is not None


def test_receipt_goes_to_the_submitter_and_the_organisation_contact(contacts):
    world = contacts
    consultation = ConsultationRoundFactory(
        municipality=world.municipality, cycle=world.cycle, invited=[world.org_a]
    )
    response = RoundResponseFactory(
        round=consultation,
        organisation=world.org_a,
        submitted_at=timezone.now(),
        submitted_by=world.users["provider_a"],
    )
    assert tasks.send_response_receipt(response.pk) == 2
    assert recipients() == ["ana@alfa.ro", "contact@alfa.ro"]
    assert f"R{consultation.pk}-{response.pk}" in mail.outbox[0].body


def test_no_receipt_for_a_draft(contacts):
    world = contacts
    draft = RoundResponseFactory(
        round=ConsultationRoundFactory(municipality=world.municipality, cycle=world.cycle),
        organisation=world.org_a,
    )
    assert tasks.send_response_receipt(draft.pk) == 0
    assert mail.outbox == []


def test_the_invitation_email_carries_the_link_and_its_expiry(world):
    invitation = Invitation.objects.create(
        municipality=world.municipality,
        organisation=world.org_a,
        email="nou@alfa.ro",
        token_hash="x" * 64,
        invited_by=world.users["provider_a"],
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    url = "https://spirala.example/m/arcadia/invitatie/abc/"
    assert tasks.send_invitation_email(invitation.pk, url) == 1
    assert mail.outbox[0].to == ["nou@alfa.ro"]
    assert url in mail.outbox[0].body
    assert world.org_a.name in mail.outbox[0].subject


def test_the_beat_schedule_names_registered_tasks():
    from config.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_the_opening_notice(real_worker):
    from tests.factories import MunicipalityFactory, OrganisationFactory

    municipality = MunicipalityFactory()
    organisation = OrganisationFactory(municipality=municipality, email="contact@gama.ro")
    consultation = ConsultationRoundFactory(municipality=municipality, invited=[organisation])

    tasks.notify_round_openings.delay()

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        consultation.refresh_from_db()
        if consultation.opening_notified_at is not None:
            break
        time.sleep(0.25)
    assert consultation.opening_notified_at is not None
