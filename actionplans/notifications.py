"""E-mails of the council stage: the council secretary hears that a draft decision arrived.

(The vote's e-mail to the staff lives next to the vote, in ``actionplans.voting``.)
"""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.models import Role


def secretary_emails(municipality) -> list[str]:
    """The e-mail addresses of the municipality's council secretaries, each once."""
    return sorted(
        set(
            municipality.memberships.filter(role=Role.SECRETARY)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


@shared_task(acks_late=True)
def notify_decision_submitted(decision_id: int) -> int:
    """Tell the council secretaries that a draft decision and its dossier were submitted;
    returns how many e-mails were sent."""
    from actionplans.dossier import dossier_status
    from actionplans.models import DraftDecision
    from actionplans.voting import what_it_adopts

    decision = (
        DraftDecision.objects.select_related("municipality", "plan", "cycle", "submitted_by")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None or decision.status != DraftDecision.Status.SUBMITTED:
        return 0
    municipality = decision.municipality
    recipients = secretary_emails(municipality)
    if not recipients:
        return 0
    dossier = dossier_status(decision)
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "what": what_it_adopts(decision),
            "municipality": municipality.name,
            "date": date_format(decision.submitted_at, "DATE_FORMAT"),
            "sha256": dossier["sha256"] or "—",
            "url": settings.SITE_URL + reverse("council-workspace", args=[municipality.slug]),
            "detail": settings.SITE_URL + decision.get_absolute_url(),
        }
        subject = _("A draft decision was submitted to the council: %(what)s") % values
        body = (
            _(
                "The social-assistance department of %(municipality)s submitted to the local "
                "council, on %(date)s, the draft decision on %(what)s with its dossier.\n\n"
                "Dossier checksum (SHA-256): %(sha256)s\n\n"
                "The drafts submitted to the council: %(url)s\n"
                "This draft decision: %(detail)s\n"
            )
            % values
        )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    return send_mass_mail(messages, fail_silently=False)
