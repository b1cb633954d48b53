"""The council's vote on a submitted plan, as the council secretary records it (HCL).

The outcome is computed from the counts and the majority the decision needs (DOMAIN §4: the
quorum is a majority of the councillors in office; a plan needs a simple majority of those
present unless the council's rules say otherwise), never typed. Adopted, the plan is approved
and public; rejected, it goes back to draft for staff to amend and resubmit. Every vote stays.
"""

import datetime

from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, CouncilVote
from core.exceptions import DomainError

VOTE_FIELDS = (
    "decision_number",
    "decision_date",
    "session",
    "majority",
    "in_office",
    "present",
    "votes_for",
    "votes_against",
    "abstentions",
    "notes",
)


def outcome(data: dict) -> dict:
    """What the counts decide: quorum, votes needed, adopted (for the form and the summary)."""
    in_office, present = data["in_office"], data["present"]
    majority = data.get("majority") or CouncilVote.Majority.SIMPLE
    quorum = CouncilVote.quorum(in_office)
    needed = CouncilVote.votes_needed(majority, in_office, present)
    return {
        "quorum": quorum,
        "quorum_met": present >= quorum,
        "needed": needed,
        "adopted": present >= quorum and data["votes_for"] >= needed,
    }


def vote_outcome(vote: CouncilVote) -> dict:
    return outcome(
        {
            "in_office": vote.in_office,
            "present": vote.present,
            "votes_for": vote.votes_for,
            "majority": vote.majority,
        }
    )


def vote_errors(plan: ActionPlan, data: dict, today: datetime.date | None = None) -> dict:
    """The rules of time and of the decision number, per field (the model checks the counts)."""
    errors = {}
    today = today or timezone.localdate()
    day = data.get("decision_date")
    if day is not None:
        if day > today:
            errors["decision_date"] = _("The session cannot be in the future.")
        elif plan.submitted_at and day < timezone.localdate(plan.submitted_at):
            errors["decision_date"] = _(
                "The session cannot come before the plan was submitted to the council (%(date)s)."
            ) % {"date": date_format(timezone.localdate(plan.submitted_at))}
    counts = ("in_office", "present", "votes_for")
    complete = all(data.get(key) is not None for key in counts) and data["in_office"] > 0
    if complete and outcome(data)["adopted"] and not (data.get("decision_number") or "").strip():
        errors["decision_number"] = _(
            "The council adopted the plan: enter the number of its decision (HCL)."
        )
    return errors


@transaction.atomic
def record_vote(*, plan: ActionPlan, data: dict, user) -> CouncilVote:
    """Record the council's vote; approve the plan or send it back to draft; notify staff."""
    plan = ActionPlan.objects.select_for_update().select_related("municipality").get(pk=plan.pk)
    if plan.status != ActionPlan.Status.SUBMITTED:
        raise DomainError(_("Only a plan submitted to the council can be voted on."))
    values = {key: data[key] for key in VOTE_FIELDS if key in data}
    values["decision_number"] = (values.get("decision_number") or "").strip()
    vote = CouncilVote(plan=plan, recorded_by=user, **values)
    vote.adopted = vote.compute_adopted()
    errors = vote_errors(plan, values)
    if errors:
        raise DomainError(errors)
    try:
        vote.full_clean()
    except ValidationError as error:
        raise DomainError(error.message_dict) from error
    vote._history_user = user
    vote.save()

    if vote.adopted:
        plan.status = ActionPlan.Status.APPROVED
    else:
        plan.status = ActionPlan.Status.DRAFT
        plan.submitted_at = None
    plan._history_user = user
    plan.save(update_fields=["status", "submitted_at"])
    transaction.on_commit(lambda: notify_vote.delay(vote.pk))
    return vote


@shared_task(acks_late=True)
def notify_vote(vote_id: int) -> int:
    """Tell the municipality's staff that the council adopted or rejected the plan; returns
    how many e-mails were sent."""
    from django.conf import settings
    from django.core.mail import send_mass_mail
    from django.urls import reverse
    from django.utils import translation

    from core.tasks import staff_emails

    vote = CouncilVote.objects.select_related("plan__municipality").filter(pk=vote_id).first()
    if vote is None:
        return 0
    plan = vote.plan
    municipality = plan.municipality
    recipients = staff_emails(municipality)
    url = settings.SITE_URL + reverse("plan-detail", args=[municipality.slug, plan.pk])
    values = {
        "year": plan.year,
        "number": vote.decision_number or "—",
        "date": vote.decision_date.isoformat(),
        "for": vote.votes_for,
        "against": vote.votes_against,
        "abstentions": vote.abstentions,
        "present": vote.present,
        "in_office": vote.in_office,
        "url": url,
    }
    with translation.override(settings.LANGUAGE_CODE):
        values["date"] = date_format(vote.decision_date)
        if vote.adopted:
            subject = _("The council adopted the annual action plan %(year)s") % values
            body = (
                _(
                    "The local council adopted the annual action plan %(year)s by HCL no. "
                    "%(number)s of %(date)s: %(for)s for, %(against)s against, %(abstentions)s "
                    "abstentions, %(present)s of %(in_office)s councillors present. The plan is "
                    "now approved and public.\n\n%(url)s\n"
                )
                % values
            )
        else:
            subject = _("The council did not adopt the annual action plan %(year)s") % values
            body = (
                _(
                    "The local council did not adopt the annual action plan %(year)s in its "
                    "session of %(date)s: %(for)s for, %(against)s against, %(abstentions)s "
                    "abstentions, %(present)s of %(in_office)s councillors present. The plan is a "
                    "draft again: amend it and submit it again.\n\n%(url)s\n"
                )
                % values
            )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
