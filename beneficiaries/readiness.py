"""Readiness checks of the SPIRAL stage."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.models import (
    BeneficiaryCategory,
    CodingRound,
    NeedsAnalysis,
    SpiralSession,
    Statement,
    StatementCode,
)
from core.stages import CheckResult, readiness_check


@readiness_check("visions", gettext_lazy("Every selected beneficiary category had a session"))
def every_category_heard(cycle) -> CheckResult:
    categories = BeneficiaryCategory.objects.filter(
        municipality=cycle.municipality_id, selected=True
    )
    missing = list(
        categories.exclude(
            Exists(SpiralSession.objects.filter(cycle=cycle, category=OuterRef("pk")))
        ).values_list("name", flat=True)
    )
    if not categories.exists():
        return CheckResult(False, _("no category selected"))
    if missing:
        return CheckResult(False, _("missing: %(names)s") % {"names": ", ".join(missing)})
    return CheckResult(True)


@readiness_check("visions", gettext_lazy("Every statement is coded"))
def every_statement_coded(cycle) -> CheckResult:
    statements = Statement.objects.filter(session__cycle=cycle)
    total = statements.count()
    coded = statements.filter(
        Exists(StatementCode.objects.filter(statement=OuterRef("pk"), round=CodingRound.PRIMARY))
    ).count()
    return CheckResult(
        total > 0 and coded == total, _("%(coded)d of %(total)d") % {"coded": coded, "total": total}
    )


@readiness_check("visions", gettext_lazy("The map of needs is published"))
def analysis_published(cycle) -> CheckResult:
    return CheckResult(NeedsAnalysis.objects.filter(cycle=cycle).exists())
