"""Readiness checks of the objectives and public-consultation stages.

Hidden comments are exempt from "every recommendation is answered": moderation hides what is not
a recommendation on the draft (insults, spam, off-topic), and the report lists them with the
moderation reason. Staff may still answer them.
"""

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.stages import CheckResult, readiness_check
from strategy.answering import answer_counts
from strategy.document import document_tree
from strategy.models import Comment, PublicConsultation, Strategy


def _strategy(cycle) -> Strategy | None:
    return Strategy.objects.filter(cycle=cycle).first()


def _latest_consultation(cycle) -> PublicConsultation | None:
    return (
        PublicConsultation.objects.filter(version__strategy__cycle=cycle)
        .select_related("version")
        .order_by("-announced_on", "-pk")
        .first()
    )


def _names(numbers: list[str], limit: int = 8) -> str:
    shown = ", ".join(numbers[:limit])
    if len(numbers) > limit:
        shown += " " + _("and %(n)d more") % {"n": len(numbers) - limit}
    return shown


@readiness_check(
    "objectives",
    gettext_lazy("Every strategic objective has a specific objective and an indicator"),
)
def objectives_have_specifics_and_indicators(cycle) -> CheckResult:
    strategy = _strategy(cycle)
    if strategy is None:
        return CheckResult(False, _("The strategy has not been started."))
    tree = document_tree(strategy)
    objectives = tree["objectives"]
    if not objectives:
        return CheckResult(False, _("No strategic objective yet."))
    without_specific = [o["number"] for o in objectives if not o["specific"]]
    without_indicator = [
        s["number"] for o in objectives for s in o["specific"] if not s["indicators"]
    ]
    problems = []
    if without_specific:
        problems.append(
            _("without a specific objective: %(numbers)s") % {"numbers": _names(without_specific)}
        )
    if without_indicator:
        problems.append(
            _("without an indicator: %(numbers)s") % {"numbers": _names(without_indicator)}
        )
    if problems:
        return CheckResult(False, "; ".join(problems))
    return CheckResult(
        True, _("%(n)d strategic objectives, each complete") % {"n": len(objectives)}
    )


@readiness_check("public_consultation", gettext_lazy("The consultation period has ended"))
def consultation_period_ended(cycle) -> CheckResult:
    consultation = _latest_consultation(cycle)
    if consultation is None:
        return CheckResult(False, _("No public consultation has been opened."))
    until = dateformat.format(consultation.comments_until, "j F Y")
    if timezone.localdate() > consultation.comments_until:
        return CheckResult(
            True, _("Recommendations were accepted until %(date)s.") % {"date": until}
        )
    return CheckResult(
        False, _("Recommendations are accepted until %(date)s inclusive.") % {"date": until}
    )


@readiness_check("public_consultation", gettext_lazy("Every recommendation is answered"))
def every_recommendation_answered(cycle) -> CheckResult:
    consultations = PublicConsultation.objects.filter(version__strategy__cycle=cycle)
    if not consultations.exists():
        return CheckResult(False, _("No public consultation has been opened."))
    counts = answer_counts(Comment.objects.filter(consultation__in=consultations))
    detail = _("%(n)d of %(m)d answered") % {"n": counts["answered"], "m": counts["visible"]}
    if counts["hidden"]:
        detail += " " + _("(%(h)d hidden by moderation need no answer)") % {"h": counts["hidden"]}
    return CheckResult(counts["unanswered"] == 0, detail)
