"""Answering the recommendations of a public consultation and scheduling its public debates.

Law 52/2003: every recommendation gets an answer; one not taken (rejected or partly accepted) gets a
written justification (art. 12(3)). A public debate that an association asked for is held within
`SPIRALA_LAW52_DEBATE_NOTICE_DAYS` (10) days of the publication of its date and place (art. 7(9)).

Hidden comments (offensive, off-topic, spam: moderation) need no answer: they are not
recommendations on the draft. They stay in the register and are listed in the report with the
moderation reason; staff may still answer them.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from core.exceptions import DomainError
from strategy.models import Comment, Debate, PublicConsultation, StrategyVersion

DEFAULT_DEBATE_NOTICE_DAYS = 10


def _day(value) -> str:
    return dateformat.format(value, "j F Y")


def debate_notice_days() -> int:
    return int(getattr(settings, "SPIRALA_LAW52_DEBATE_NOTICE_DAYS", DEFAULT_DEBATE_NOTICE_DAYS))


# --- Reading ---------------------------------------------------------------------------------


def needs_answer(comments):
    """The comments that block the stage: visible and not answered yet."""
    return comments.filter(hidden_at__isnull=True, answer="")


def answer_counts(comments) -> dict:
    """Counts in one query: visible comments (those needing an answer), answered, per answer."""
    visible = Q(hidden_at__isnull=True)
    return comments.aggregate(
        total=Count("pk"),
        visible=Count("pk", filter=visible),
        hidden=Count("pk", filter=Q(hidden_at__isnull=False)),
        answered=Count("pk", filter=visible & ~Q(answer="")),
        accepted=Count("pk", filter=Q(answer=Comment.Answer.ACCEPTED)),
        partly=Count("pk", filter=Q(answer=Comment.Answer.PARTLY)),
        rejected=Count("pk", filter=Q(answer=Comment.Answer.REJECTED)),
        unanswered=Count("pk", filter=visible & Q(answer="")),
    )


def later_versions(consultation: PublicConsultation):
    """The versions a recommendation can have changed: this strategy's, newer than the consulted."""
    return StrategyVersion.objects.filter(
        strategy_id=consultation.version.strategy_id, number__gt=consultation.version.number
    ).order_by("number")


def pending_debate_requests(consultation: PublicConsultation, requests=None, debates=None):
    """Requests with no debate announced on or after the day they were sent."""
    requests = list(requests if requests is not None else consultation.debate_requests.all())
    debates = list(debates if debates is not None else consultation.debates.all())
    pending = []
    for debate_request in requests:
        sent = timezone.localdate(debate_request.created_at)
        if not any(debate.announced_on >= sent for debate in debates):
            pending.append(debate_request)
    return pending


# --- Writing ---------------------------------------------------------------------------------


@transaction.atomic
def answer_comment(
    *,
    comment: Comment,
    answer: str,
    reason: str,
    resulting_version: StrategyVersion | None = None,
    user,
) -> Comment:
    """Record (or correct) the answer to a recommendation, with its reasons, and keep history."""
    comment = (
        Comment.objects.select_for_update()
        .select_related("consultation__version")
        .get(pk=comment.pk)
    )
    if answer not in Comment.Answer.values:
        raise DomainError({"answer": _("Choose accepted, partly accepted or rejected.")})
    reason = (reason or "").strip()
    if not reason:
        if answer == Comment.Answer.ACCEPTED:
            message = _("Say how the recommendation is taken into the strategy.")
        else:
            message = _(
                "Give the reasons: Law 52/2003 (art. 12(3)) asks for a written justification "
                "of every recommendation that is not taken."
            )
        raise DomainError({"reason": message})
    consulted = comment.consultation.version
    if resulting_version is not None and (
        resulting_version.strategy_id != consulted.strategy_id
        or resulting_version.number <= consulted.number
    ):
        raise DomainError(
            {
                "resulting_version": _(
                    "Choose a version of this strategy published after the consulted version "
                    "(v%(number)s)."
                )
                % {"number": consulted.number}
            }
        )
    comment.answer = answer
    comment.answer_reason = reason
    comment.resulting_version = resulting_version
    comment.answered_at = timezone.now()
    comment.answered_by = user
    comment._history_user = user
    comment.save(
        update_fields=[
            "answer",
            "answer_reason",
            "resulting_version",
            "answered_at",
            "answered_by",
        ]
    )
    return comment


def debate_schedule_errors(
    *, consultation: PublicConsultation, announced_on, starts_at, minutes: str = "", today=None
) -> dict[str, str]:
    """What is wrong with a debate's dates, field by field (Law 52/2003, art. 7(9))."""
    errors: dict[str, str] = {}
    if announced_on is None or starts_at is None:
        return errors
    today = today or timezone.localdate()
    days = debate_notice_days()
    held_on = timezone.localdate(starts_at) if timezone.is_aware(starts_at) else starts_at.date()
    if announced_on < consultation.announced_on:
        errors["announced_on"] = _(
            "The debate cannot be announced before the draft was put to consultation (%(date)s)."
        ) % {"date": _day(consultation.announced_on)}
    if held_on <= announced_on:
        errors["starts_at"] = _(
            "The debate must take place after its date and place are announced (%(date)s)."
        ) % {"date": _day(announced_on)}
    elif held_on > announced_on + datetime.timedelta(days=days):
        errors["starts_at"] = _(
            "Law 52/2003 (art. 7(9)) asks for the debate to be held within %(days)s days of "
            "announcing its date and place: announced on %(announced)s, it must take place by "
            "%(latest)s."
        ) % {
            "days": days,
            "announced": _day(announced_on),
            "latest": _day(announced_on + datetime.timedelta(days=days)),
        }
    if (minutes or "").strip() and held_on > today:
        errors["minutes"] = _("The minutes can be added once the debate has taken place.")
    return errors


@transaction.atomic
def schedule_debate(
    *, consultation: PublicConsultation, user, debate: Debate | None = None, **fields
) -> Debate:
    """Create or change a public debate of the consultation after checking its notice period."""
    debate = debate or Debate(consultation=consultation)
    if debate.consultation_id != consultation.pk:
        raise DomainError(_("This debate belongs to another consultation."))
    for name in ("announced_on", "starts_at", "place", "minutes"):
        if name in fields:
            setattr(debate, name, fields[name])
    errors = debate_schedule_errors(
        consultation=consultation,
        announced_on=debate.announced_on,
        starts_at=debate.starts_at,
        minutes=debate.minutes,
    )
    if errors:
        raise DomainError(errors)
    debate._history_user = user
    debate.save()
    return debate
