"""The public side of the consultation on the draft (Law 52/2003): recommendations, requests for
a public debate, and moderation that hides a comment with a reason but never deletes it."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.exceptions import DomainError
from core.models import Membership, Role
from strategy.document import labels
from strategy.models import Comment, DebateRequest, PublicConsultation

BURST_WINDOW = datetime.timedelta(minutes=10)
PAGE_SIZE = 20


def max_comment_chars() -> int:
    return getattr(settings, "SPIRALA_COMMENT_MAX_CHARS", 3000)


def burst_limit() -> int:
    return getattr(settings, "SPIRALA_COMMENT_BURST", 5)


def _day(value) -> str:
    return date_format(value, "j F Y")


def period_message(consultation: PublicConsultation, today=None) -> str:
    """Where today stands in the period for recommendations, with the dates."""
    today = today or timezone.localdate()
    dates = {"start": _day(consultation.announced_on), "end": _day(consultation.comments_until)}
    if today < consultation.announced_on:
        return _("Recommendations are accepted from %(start)s to %(end)s inclusive.") % dates
    if today > consultation.comments_until:
        return (
            _(
                "The period for recommendations ran from %(start)s to %(end)s inclusive; "
                "it is closed."
            )
            % dates
        )
    return _("Recommendations are accepted until %(end)s inclusive.") % dates


def public_name(user) -> str:
    """First name and the initial of the last name: never the e-mail address."""
    first = (user.first_name or "").strip()
    last = (user.last_name or "").strip()
    if first and last:
        return f"{first} {last[0]}."
    return first or (f"{last[0]}." if last else _("A participant"))


def default_stakeholder_kind(user, municipality) -> str:
    """The stakeholder type a person most likely comments as, from their roles here."""
    kinds = dict(
        Membership.objects.filter(user=user, municipality=municipality).values_list(
            "role", "public_kind"
        )
    )
    if kinds.get(Role.PUBLIC):
        return kinds[Role.PUBLIC]
    if Role.PROVIDER in kinds:
        return Membership.PublicKind.ORGANISATION
    return ""


def part_choices(tree: dict) -> list[tuple[str, str]]:
    """The parts of a snapshot one can comment on, as ("kind:id", label) in document order."""
    choices = [("document", str(Comment.Target.DOCUMENT.label).capitalize())]
    for section in tree["sections"]:
        choices.append((f"section:{section['id']}", section["title"]))
    for objective in tree["objectives"]:
        choices.append(
            (f"objective:{objective['id']}", f"{objective['number']} {objective['title']}")
        )
        for specific in objective["specific"]:
            choices.append(
                (f"specific:{specific['id']}", f"— {specific['number']} {specific['title']}")
            )
            for indicator in specific["indicators"]:
                choices.append(
                    (
                        f"indicator:{indicator['id']}",
                        f"—— {indicator['number']} {indicator['name']}",
                    )
                )
    return choices


def target_label(consultation: PublicConsultation, target: str, target_id) -> str | None:
    """The label of a part of the version under consultation; None when it is not in it."""
    if target == Comment.Target.DOCUMENT:
        return "" if target_id is None else None
    if target not in Comment.Target.values or target_id is None:
        return None
    return labels(consultation.version.snapshot).get((target, int(target_id)))


def visible_counts(consultation: PublicConsultation) -> dict[tuple[str, int | None], int]:
    """Visible comments per part, in one aggregate query whatever their number."""
    rows = (
        Comment.objects.filter(consultation=consultation, hidden_at__isnull=True)
        .order_by()
        .values_list("target", "target_id")
        .annotate(n=Count("pk"))
    )
    return {(target, target_id): n for target, target_id, n in rows}


@transaction.atomic
def add_comment(
    *,
    consultation: PublicConsultation,
    user,
    target: str,
    target_id: int | None,
    text: str,
    stakeholder_kind: str,
) -> Comment:
    """A recommendation on the draft, refused outside the period, too long or in a burst."""
    if not consultation.accepts_comments():
        raise DomainError(period_message(consultation))
    if target == Comment.Target.DOCUMENT:
        target_id = None
    label = target_label(consultation, target, target_id)
    if label is None:
        raise DomainError({"target": _("This part is not in the draft under consultation.")})
    if stakeholder_kind not in Membership.PublicKind.values:
        raise DomainError({"stakeholder_kind": _("Choose the capacity in which you comment.")})
    text = (text or "").strip()
    if not text:
        raise DomainError({"text": _("Write your recommendation.")})
    limit = max_comment_chars()
    if len(text) > limit:
        raise DomainError(
            {
                "text": _(
                    "A recommendation can have at most %(limit)d characters; this one has "
                    "%(length)d."
                )
                % {"limit": limit, "length": len(text)}
            }
        )
    # Lock the author's row so that simultaneous posts are counted one after the other.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    recent = Comment.objects.filter(
        author=user, created_at__gte=timezone.now() - BURST_WINDOW
    ).count()
    if recent >= burst_limit():
        raise DomainError(
            _(
                "You have sent %(count)d recommendations in the last 10 minutes, the most "
                "allowed. Please wait a few minutes before sending another."
            )
            % {"count": recent}
        )
    comment = Comment(
        consultation=consultation,
        author=user,
        stakeholder_kind=stakeholder_kind,
        target=target,
        target_id=target_id,
        target_label=label[:300],
        text=text,
    )
    comment._history_user = user
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def request_debate(
    *, consultation: PublicConsultation, user, organisation_name: str, reason: str = ""
) -> DebateRequest:
    """A written request for a public debate (art. 7(9)); staff must then schedule one."""
    if not consultation.accepts_comments():
        raise DomainError(period_message(consultation))
    organisation_name = (organisation_name or "").strip()
    if not organisation_name:
        raise DomainError({"organisation_name": _("Name the association on whose behalf you ask.")})
    if DebateRequest.objects.filter(
        consultation=consultation, organisation_name__iexact=organisation_name
    ).exists():
        raise DomainError(
            {
                "organisation_name": _(
                    "%(name)s has already asked for a public debate on this draft."
                )
                % {"name": organisation_name}
            }
        )
    debate_request = DebateRequest(
        consultation=consultation,
        requested_by=user,
        organisation_name=organisation_name,
        reason=(reason or "").strip(),
    )
    debate_request._history_user = user
    debate_request.full_clean()
    debate_request.save()
    from strategy.tasks import notify_debate_request

    transaction.on_commit(lambda: notify_debate_request.delay(debate_request.pk))
    return debate_request


@transaction.atomic
def hide_comment(*, comment: Comment, user, reason: str) -> Comment:
    """Moderation hides the text from the public with a reason; the row and its history stay."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.hidden_at is not None:
        raise DomainError(_("This recommendation is already hidden."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            {"reason": _("Say why the recommendation is hidden; its author reads it.")}
        )
    comment.hidden_at = timezone.now()
    comment.hidden_by = user
    comment.hidden_reason = reason[:300]
    comment._history_user = user
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return comment


@transaction.atomic
def unhide_comment(*, comment: Comment, user) -> Comment:
    """Show a hidden recommendation again; the history keeps when and why it was hidden."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.hidden_at is None:
        raise DomainError(_("This recommendation is not hidden."))
    comment.hidden_at = None
    comment.hidden_by = None
    comment.hidden_reason = ""
    comment._history_user = user
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return comment


def page_of(comment: Comment) -> int:
    """The page of its part's list on which a comment appears (oldest first)."""
    before = (
        Comment.objects.filter(
            consultation_id=comment.consultation_id,
            target=comment.target,
            target_id=comment.target_id,
        )
        .filter(
            Q(created_at__lt=comment.created_at)
            | Q(created_at=comment.created_at, pk__lt=comment.pk)
        )
        .count()
    )
    return before // PAGE_SIZE + 1
