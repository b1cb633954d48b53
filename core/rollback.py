"""What rolling a strategy cycle back a stage affects, so that it is done knowingly.

Going back never undoes a council decision (the adopted decision, its vote and the adopted
strategy version stay on record) nor deletes a consultation; it reopens the work the council
approved, or stops a consultation that is still open from taking recommendations. Each such
effect is named, and the rollback needs an explicit confirmation of them.
"""

import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.stages import get_stage
from core.text import quoted


def rollback_impacts(cycle, *, today: datetime.date | None = None) -> list[str]:
    """One sentence per council decision or open consultation that going back would reach."""
    previous = cycle.previous_stage
    if previous is None:
        return []
    today = today or timezone.localdate()
    impacts = [_decision_impact(decision) for decision in _adopted_decisions(cycle)]
    if previous.index < get_stage("public_consultation").index:
        impacts += [
            _consultation_impact(consultation, previous)
            for consultation in _open_consultations(cycle, today)
        ]
    return impacts


def _adopted_decisions(cycle):
    from actionplans.models import CouncilVote, DraftDecision

    return (
        DraftDecision.objects.adopted()
        .filter(cycle=cycle)
        .select_related("municipality", "cycle", "plan")
        .prefetch_related(
            Prefetch(
                "votes",
                queryset=CouncilVote.objects.filter(adopted=True).order_by("-decision_date", "-pk"),
                to_attr="adopting_votes",
            )
        )
        .order_by("pk")
    )


def _decision_impact(decision) -> str:
    from actionplans.council_texts import list_title

    vote = decision.adopting_votes[0] if decision.adopting_votes else None
    title = list_title(decision)  # the title's placeholders filled in
    if vote is None:
        name = quoted(title)
    else:
        name = _("HCL no. %(number)s of %(date)s, %(title)s") % {
            "number": vote.decision_number,
            "date": date_format(vote.decision_date, "SHORT_DATE_FORMAT"),
            "title": quoted(title),
        }
    return _(
        "The local council adopted %(decision)s. Going back reopens the work it approved; the "
        "decision, its vote and the adopted strategy version stay on record."
    ) % {"decision": name}


def _open_consultations(cycle, today):
    from strategy.models import PublicConsultation

    return (
        PublicConsultation.objects.filter(version__strategy__cycle=cycle, comments_until__gte=today)
        .select_related("version__strategy")
        .order_by("announced_on", "pk")
    )


def _consultation_impact(consultation, previous) -> str:
    return _(
        "The public consultation on %(strategy)s (version %(version)s) is open until %(date)s. In "
        "the stage %(stage)s it takes no recommendations; those already sent stay."
    ) % {
        "strategy": quoted(consultation.version.strategy),
        "version": consultation.version.number,
        "date": date_format(consultation.comments_until, "SHORT_DATE_FORMAT"),
        "stage": quoted(previous.label),
    }
