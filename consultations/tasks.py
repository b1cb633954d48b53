"""E-mails of the provider consultation; tasks take ids, never model instances.

Two tasks run on Celery beat (see ``CELERY_BEAT_SCHEDULE``): the round-opening notice and the
reminder three days before the deadline. Each marks the round when it is done, so a second run
(or a second beat) sends nothing twice.
"""

import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consultations.models import ConsultationRound, Invitation, RoundResponse
from core.models import Role

REMINDER_DAYS = 3


def organisation_recipients(organisations) -> dict[int, list[str]]:
    """E-mail addresses per organisation: its provider members and its contact address."""
    from core.models import Membership, Organisation

    ids = [o.pk if hasattr(o, "pk") else o for o in organisations]
    found: dict[int, set[str]] = {pk: set() for pk in ids}
    for org_id, email in (
        Organisation.objects.filter(pk__in=ids).exclude(email="").values_list("pk", "email")
    ):
        found[org_id].add(email.lower())
    for org_id, email in (
        Membership.objects.filter(organisation_id__in=ids, role=Role.PROVIDER)
        .exclude(user__email="")
        .values_list("organisation_id", "user__email")
    ):
        found[org_id].add(email.lower())
    return {pk: sorted(emails) for pk, emails in found.items()}


def _local(moment) -> str:
    return date_filter(timezone.localtime(moment), "j F Y, H:i")


def _send(messages) -> int:
    return send_mass_mail(messages, fail_silently=False) if messages else 0


@shared_task(acks_late=True)
def send_invitation_email(invitation_id: int, accept_url: str) -> int:
    """The invitation to join a provider; the link is the only copy of its secret token."""
    invitation = (
        Invitation.objects.select_related("organisation", "municipality", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Invitation to Spirala: %(organisation)s") % {
            "organisation": invitation.organisation.name
        }
        body = _(
            "Hello,\n\n%(inviter)s invites you to represent “%(organisation)s” in the "
            "consultation of providers of social services of %(municipality)s.\n\n"
            "Accept the invitation here (the link works once and expires on %(expires)s):\n"
            "%(url)s\n"
        ) % {
            "inviter": invitation.invited_by.get_full_name() or invitation.invited_by.email,
            "organisation": invitation.organisation.name,
            "municipality": invitation.municipality.name,
            "expires": _local(invitation.expires_at),
            "url": accept_url,
        }
    return _send([(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])])


@shared_task(acks_late=True)
def notify_round_openings() -> int:
    """E-mail the invited organisations of every published round that has opened meanwhile."""
    sent = 0
    now = timezone.now()
    for round_id in (
        ConsultationRound.objects.open_now(now)
        .filter(opening_notified_at__isnull=True)
        .values_list("pk", flat=True)
    ):
        sent += _notify_opening(round_id, now)
    return sent


def _notify_opening(round_id: int, now) -> int:
    with transaction.atomic():
        consultation = (
            ConsultationRound.objects.select_for_update(skip_locked=True)
            .filter(pk=round_id, opening_notified_at__isnull=True)
            .select_related("municipality")
            .first()
        )
        if consultation is None:
            return 0
        ConsultationRound.objects.filter(pk=round_id).update(opening_notified_at=now)
        recipients = organisation_recipients(consultation.invited.all())
        url = settings.SITE_URL + consultation.get_respond_url()
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Consultation open: %(title)s") % {"title": consultation.title}
            body = _(
                "Hello,\n\n%(municipality)s invites your organisation to answer the consultation "
                "“%(title)s”.\nThe deadline is %(deadline)s.\n\nAnswer here: %(url)s\n"
            ) % {
                "municipality": consultation.municipality.name,
                "title": consultation.title,
                "deadline": _local(consultation.closes_at),
                "url": url,
            }
        messages = [
            (subject, body, settings.DEFAULT_FROM_EMAIL, [email])
            for emails in recipients.values()
            for email in emails
        ]
    return _send(messages)


@shared_task(acks_late=True)
def send_round_reminders() -> int:
    """Three days before the deadline, remind the invited organisations that have not submitted."""
    sent = 0
    now = timezone.now()
    due = (
        ConsultationRound.objects.open_now(now)
        .filter(
            reminder_sent_at__isnull=True,
            closes_at__lte=now + datetime.timedelta(days=REMINDER_DAYS),
        )
        .values_list("pk", flat=True)
    )
    for round_id in due:
        sent += _remind(round_id, now)
    return sent


def _remind(round_id: int, now) -> int:
    with transaction.atomic():
        consultation = (
            ConsultationRound.objects.select_for_update(skip_locked=True)
            .filter(pk=round_id, reminder_sent_at__isnull=True)
            .select_related("municipality")
            .first()
        )
        if consultation is None:
            return 0
        ConsultationRound.objects.filter(pk=round_id).update(reminder_sent_at=now)
        submitted = RoundResponse.objects.submitted().filter(round=consultation)
        missing = consultation.invited.exclude(pk__in=submitted.values("organisation_id"))
        recipients = organisation_recipients(missing)
        url = settings.SITE_URL + consultation.get_respond_url()
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Reminder: the consultation “%(title)s” closes on %(deadline)s") % {
                "title": consultation.title,
                "deadline": _local(consultation.closes_at),
            }
            body = _(
                "Hello,\n\nYour organisation has not yet submitted its response to “%(title)s”. "
                "The form closes on %(deadline)s; a saved draft is not a response until it is "
                "submitted.\n\nAnswer here: %(url)s\n"
            ) % {
                "title": consultation.title,
                "deadline": _local(consultation.closes_at),
                "url": url,
            }
        messages = [
            (subject, body, settings.DEFAULT_FROM_EMAIL, [email])
            for emails in recipients.values()
            for email in emails
        ]
    return _send(messages)


@shared_task(acks_late=True)
def send_response_receipt(response_id: int) -> int:
    """Confirm a submitted response to whoever submitted it and to the organisation's contact."""
    response = (
        RoundResponse.objects.select_related("round", "organisation", "submitted_by")
        .filter(pk=response_id, submitted_at__isnull=False)
        .first()
    )
    if response is None:
        return 0
    emails = {response.organisation.email.lower()} if response.organisation.email else set()
    if response.submitted_by and response.submitted_by.email:
        emails.add(response.submitted_by.email.lower())
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Receipt: your response to “%(title)s”") % {"title": response.round.title}
        body = _(
            "Hello,\n\nThe response of “%(organisation)s” to the consultation “%(title)s” was "
            "received on %(when)s (submitted by %(user)s). Reference number: %(ref)s.\n"
        ) % {
            "organisation": response.organisation.name,
            "title": response.round.title,
            "when": _local(response.submitted_at),
            "user": response.submitted_by.get_full_name() or response.submitted_by.email,
            "ref": f"R{response.round_id}-{response.pk}",
        }
    return _send([(subject, body, settings.DEFAULT_FROM_EMAIL, [e]) for e in sorted(emails)])
