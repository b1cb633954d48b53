"""Readiness check of the objectives stage: every strategic objective cites its evidence."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.stages import CheckResult, readiness_check
from strategy.models import StrategicObjective


def _linked(field: str):
    through = StrategicObjective._meta.get_field(field).remote_field.through
    return Exists(through.objects.filter(strategicobjective_id=OuterRef("pk")))


@readiness_check("objectives", gettext_lazy("Every strategic objective cites evidence"))
def objectives_cite_evidence(cycle) -> CheckResult:
    """Done when there is an objective and each has a SPIRAL dimension and at least one cited
    statement, round answer or working-group proposal (one query)."""
    rows = list(
        StrategicObjective.objects.filter(strategy__cycle=cycle)
        .order_by("position", "pk")
        .annotate(
            has_dimension=_linked("dimensions"),
            has_statement=_linked("statements"),
            has_answer=_linked("answers"),
            has_proposal=_linked("proposals"),
        )
        .values_list("has_dimension", "has_statement", "has_answer", "has_proposal")
    )
    if not rows:
        return CheckResult(False, _("no strategic objective yet"))
    no_dimension, no_citation = [], []
    for number, (dimension, statement, answer, proposal) in enumerate(rows, start=1):
        if not dimension:
            no_dimension.append(f"OS{number}")
        if not (statement or answer or proposal):
            no_citation.append(f"OS{number}")
    parts = []
    if no_dimension:
        parts.append(
            _("without a SPIRAL dimension: %(numbers)s") % {"numbers": ", ".join(no_dimension)}
        )
    if no_citation:
        parts.append(
            _("citing no statement, answer or proposal: %(numbers)s")
            % {"numbers": ", ".join(no_citation)}
        )
    if parts:
        return CheckResult(False, "; ".join(parts))
    return CheckResult(
        True,
        ngettext("%(n)d objective", "%(n)d objectives", len(rows)) % {"n": len(rows)},
    )


@readiness_check(
    "objectives", gettext_lazy("Every frequent need of a beneficiary group has an objective")
)
def frequent_needs_addressed(cycle) -> CheckResult:
    """The map of needs' most frequent ill-being dimensions per group (strategy.evidence) are each
    among some strategic objective's dimensions; the detail names those still missing."""
    from strategy.evidence import unaddressed_needs
    from strategy.models import Strategy

    strategy = Strategy.objects.filter(cycle=cycle).first()
    if strategy is None:
        return CheckResult(False, _("no strategy yet"))
    missing = unaddressed_needs(strategy)
    if missing:
        return CheckResult(
            False,
            _("not addressed: %(needs)s")
            % {
                "needs": "; ".join(
                    f"{need['category']}: {need['code']} {need['name']}" for need in missing
                )
            },
        )
    return CheckResult(True)
