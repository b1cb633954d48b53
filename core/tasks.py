"""Background work of the core; tasks take ids, never model instances."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _

from core.models import Role, StageTransition
from core.tasks_files import delete_expired_files  # noqa: F401  (registered with the worker)


def staff_emails(municipality) -> list[str]:
    """The e-mail addresses of a municipality's staff and administrators, each once."""
    return sorted(
        set(
            municipality.memberships.filter(role__in=[Role.ADMINISTRATOR, Role.STAFF])
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


@shared_task(acks_late=True)
def notify_stage_change(transition_id: int) -> int:
    """E-mail the municipality's staff that the cycle changed stage; returns how many were sent."""
    transition = (
        StageTransition.objects.select_related("cycle__municipality", "user")
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        return 0
    cycle = transition.cycle
    recipients = staff_emails(cycle.municipality)
    with translation.override(settings.LANGUAGE_CODE):
        verb = (
            _("advanced to")
            if transition.direction == StageTransition.Direction.ADVANCE
            else _("went back to")
        )
        subject = _("%(cycle)s: %(verb)s “%(stage)s”") % {
            "cycle": cycle.title,
            "verb": verb,
            "stage": transition.to_stage_label,
        }
        body = _(
            "%(user)s moved the strategy cycle “%(cycle)s” from “%(from)s” to “%(to)s”.\n"
            "%(reason)s\nDashboard: %(url)s"
        ) % {
            "user": transition.user,
            "cycle": cycle.title,
            "from": transition.from_stage_label,
            "to": transition.to_stage_label,
            "reason": transition.reason,
            "url": settings.SITE_URL + cycle.get_absolute_url(),
        }
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    sent = send_mass_mail(messages, fail_silently=False) if messages else 0
    StageTransition.objects.filter(pk=transition.pk).update(notified=sent)
    return sent
