"""Background work of the strategy stage; tasks take ids, never model instances."""

from celery import shared_task

# Registers with the worker (autodiscovery finds only the `tasks` modules of the apps) the
# rendering of the public files of what the council adopted, which actionplans.publication
# defines, and the clean-up of expired files (the beat entry names
# core.tasks_files.delete_expired_files).
from actionplans.publication import render_public_file  # noqa: F401
from core.generated import run_file_task
from core.tasks_files import delete_expired_files  # noqa: F401


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_consultation_report(file_id: str) -> str | None:
    """Make the consultation report (PDF or XLSX) a GeneratedFile row asks for; idempotent."""
    from strategy.report import build

    return run_file_task(file_id, build)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_strategy_pdf(file_id: str) -> str | None:
    """Make the PDF of a strategy version a GeneratedFile row asks for; idempotent."""
    from strategy.pdf import build

    return run_file_task(file_id, build)


@shared_task(acks_late=True)
def notify_debate_request(request_id: int) -> int:
    """Tell the municipality's staff that an association asked for a public debate (mandatory
    under art. 7(9) of Law 52/2003); returns how many e-mails were sent."""
    from django.conf import settings
    from django.core.mail import send_mass_mail
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext as _

    from core.tasks import staff_emails
    from strategy.models import DebateRequest

    debate_request = (
        DebateRequest.objects.select_related("consultation__municipality")
        .filter(pk=request_id)
        .first()
    )
    if debate_request is None:
        return 0
    consultation = debate_request.consultation
    recipients = staff_emails(consultation.municipality)
    url = settings.SITE_URL + reverse(
        "consultation-answers", args=[consultation.municipality.slug, consultation.pk]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("A public debate was requested: %(organisation)s") % {
            "organisation": debate_request.organisation_name
        }
        body = _(
            "%(organisation)s asked in writing for a public debate on the draft strategy. "
            "Law 52/2003 (art. 7(9)) makes the debate mandatory: schedule it and announce its "
            "date and place.\n\n%(reason)s\n\n%(url)s\n"
        ) % {
            "organisation": debate_request.organisation_name,
            "reason": debate_request.reason,
            "url": url,
        }
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
