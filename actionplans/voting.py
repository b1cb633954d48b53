"""The arithmetic of the council's vote on a draft decision (HCL), and its notice to staff.

The outcome is computed from the counts and the majority the decision needs (DOMAIN §4: the
quorum is a majority of the councillors in office; a plan or a strategy needs a simple majority
of those present unless the council's rules say otherwise), never typed. Recording the vote and
what it adopts is ``actionplans.council.record_vote``.
"""

import datetime

from celery import shared_task
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actionplans.models import CouncilVote

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


def vote_errors(decision, data: dict, today: datetime.date | None = None) -> dict:
    """The rules of time and of the decision number, per field (the model checks the counts)."""
    errors = {}
    today = today or timezone.localdate()
    day = data.get("decision_date")
    if day is not None:
        if day > today:
            errors["decision_date"] = _("The session cannot be in the future.")
        elif decision.submitted_at and day < timezone.localdate(decision.submitted_at):
            errors["decision_date"] = _(
                "The session cannot come before the draft decision was submitted to the council "
                "(%(date)s)."
            ) % {"date": date_format(timezone.localdate(decision.submitted_at))}
    counts = ("in_office", "present", "votes_for")
    complete = all(data.get(key) is not None for key in counts) and data["in_office"] > 0
    if complete and outcome(data)["adopted"] and not (data.get("decision_number") or "").strip():
        errors["decision_number"] = _(
            "The council adopted the draft: enter the number of its decision (HCL)."
        )
    return errors


def what_it_adopts(decision) -> str:
    """What a draft decision puts to the council, in words: for subjects and messages."""
    if decision.kind == "strategy":
        return _("the strategy %(first)s–%(last)s and the annual action plan %(year)s") % {
            "first": decision.cycle.start_year,
            "last": decision.cycle.end_year,
            "year": decision.plan.year,
        }
    return _("the annual action plan %(year)s") % {"year": decision.plan.year}


@shared_task(acks_late=True)
def notify_vote(vote_id: int) -> int:
    """Tell the municipality's staff that the council adopted or rejected the draft decision;
    returns how many e-mails were sent."""
    from django.conf import settings
    from django.core.mail import send_mass_mail
    from django.urls import reverse
    from django.utils import translation

    from core.tasks import staff_emails

    vote = (
        CouncilVote.objects.select_related(
            "decision__municipality", "decision__plan", "decision__cycle"
        )
        .filter(pk=vote_id)
        .first()
    )
    if vote is None:
        return 0
    decision = vote.decision
    municipality = decision.municipality
    recipients = staff_emails(municipality)
    url = settings.SITE_URL + reverse("decision-detail", args=[municipality.slug, decision.pk])
    values = {
        "number": vote.decision_number or "—",
        "for": vote.votes_for,
        "against": vote.votes_against,
        "abstentions": vote.abstentions,
        "present": vote.present,
        "in_office": vote.in_office,
        "notes": vote.notes or "—",
        "url": url,
    }
    with translation.override(settings.LANGUAGE_CODE):
        values["date"] = date_format(vote.decision_date)
        values["what"] = what_it_adopts(decision)
        if vote.adopted:
            subject = _("The local council adopted %(what)s") % values
            body = (
                _(
                    "The local council adopted %(what)s by HCL no. %(number)s of %(date)s: "
                    "%(for)s for, %(against)s against, %(abstentions)s abstentions, %(present)s "
                    "of %(in_office)s councillors present. What it adopted is now public.\n\n"
                    "%(url)s\n"
                )
                % values
            )
        else:
            subject = _("The local council did not adopt %(what)s") % values
            body = (
                _(
                    "The local council did not adopt %(what)s in its session of %(date)s: "
                    "%(for)s for, %(against)s against, %(abstentions)s abstentions, %(present)s "
                    "of %(in_office)s councillors present. The council's notes: %(notes)s\n\n"
                    "The draft decision and the plan are being prepared again: amend them, make "
                    "the dossier again and submit it.\n\n%(url)s\n"
                )
                % values
            )
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
