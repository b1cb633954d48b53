"""Readiness of an annual action plan, and the stage checks built on it.

``plan_checks(plan)`` is what the plan page shows and what submitting the plan requires:
every specific objective has a measure or a stated reason for none this year; every measure
has a budget or says why it has none; the totals add up and the local-budget lines fit in what
the draft local budget sets aside. Given the ``plan_data`` the page already computed, it sends
no query; without it, a few cheap queries (the cycle's dashboard runs it on every load).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.budget import (
    ZERO,
    objective_numbers,
    section_order_expression,
    totals_add_up,
)
from actionplans.models import SECTION_ORDER, ActionPlan, BudgetLine, Measure
from actionplans.templatetags.plans import lei
from consultations.models import FundingSource
from core.stages import CheckResult, readiness_check

OBJECTIVES_LABEL = gettext_lazy("Every specific objective has a measure or a reason for none")
BUDGETS_LABEL = gettext_lazy("Every measure has a budget or is marked unfunded")
TOTALS_LABEL = gettext_lazy("The totals add up and fit in the local budget")
VOTE_LABEL = gettext_lazy("The council voted the annual action plan")
STRATEGY_LABEL = gettext_lazy("The council adopted the strategy (HCL)")

LIMIT = 8  # names shown in a detail before "and N more"


@dataclass(frozen=True)
class Facts:
    """What the three checks read: the same whether it comes from plan_data or from queries."""

    objectives_total: int
    missing_objectives: list[str]  # "OS1.2 Title"
    measure_count: int
    unbudgeted: list[str]  # measure numbers "2.3"
    add_up: bool
    grand_total: Decimal
    local_total: Decimal
    local_allocated: Decimal | None


def _names(items: list[str]) -> str:
    shown = ", ".join(items[:LIMIT])
    if len(items) > LIMIT:
        shown += " " + _("and %(n)d more") % {"n": len(items) - LIMIT}
    return shown


def _without_reason(measure) -> bool:
    return not (measure.unfunded and (measure.unfunded_reason or "").strip())


def facts_from_data(data: dict) -> Facts:
    """The facts from a ``budget.plan_data`` result (no query)."""
    plan = data["plan"]
    return Facts(
        objectives_total=len(data["objective_rows"]),
        missing_objectives=[
            f"{row['specific']['number']} {row['specific']['title']}"
            for row in data["without_measure"]
        ],
        measure_count=data["measure_count"],
        unbudgeted=[
            row.number for row in data["rows"] if not row.funded and _without_reason(row.measure)
        ],
        add_up=data["totals_add_up"],
        grand_total=data["grand_total"],
        local_total=data["local_total"],
        local_allocated=plan.local_budget_allocated,
    )


def facts_from_queries(plan: ActionPlan) -> Facts:
    """The facts in six small queries, whatever the size of the plan."""
    _tree, specifics = objective_numbers(plan.cycle)
    measures = list(
        Measure.objects.filter(plan=plan)
        .annotate(section_order=section_order_expression(), total=Sum("budget_lines__amount"))
        .order_by("section_order", "position", "pk")
        .values("pk", "section", "specific_objective_id", "unfunded", "unfunded_reason", "total")
    )
    skipped = set(plan.skipped.values_list("specific_objective_id", flat=True))
    served = {row["specific_objective_id"] for row in measures}
    missing = [
        f"{node['number']} {node['title']}"
        for pk, node in specifics.items()
        if pk not in served and pk not in skipped
    ]
    counters: dict[str, int] = defaultdict(int)
    unbudgeted = []
    for row in measures:
        counters[row["section"]] += 1
        number = f"{SECTION_ORDER[row['section']]}.{counters[row['section']]}"
        if not (row["total"] or ZERO) > 0 and not (
            row["unfunded"] and row["unfunded_reason"].strip()
        ):
            unbudgeted.append(number)

    per_measure: dict[int, Decimal] = defaultdict(lambda: ZERO)
    per_section: dict[str, Decimal] = defaultdict(lambda: ZERO)
    per_source: dict[str, Decimal] = defaultdict(lambda: ZERO)
    per_specific: dict[int, Decimal] = defaultdict(lambda: ZERO)
    lines = BudgetLine.objects.filter(measure__plan=plan).order_by()
    for row in lines.values(
        "measure_id", "measure__section", "measure__specific_objective_id", "source"
    ).annotate(total=Sum("amount")):
        amount = row["total"] or ZERO
        per_measure[row["measure_id"]] += amount
        per_section[row["measure__section"]] += amount
        per_source[row["source"]] += amount
        per_specific[row["measure__specific_objective_id"]] += amount
    grand_total = (lines.aggregate(total=Sum("amount"))["total"] or ZERO).quantize(Decimal("0.01"))
    return Facts(
        objectives_total=len(specifics),
        missing_objectives=missing,
        measure_count=len(measures),
        unbudgeted=unbudgeted,
        add_up=totals_add_up(
            grand_total,
            per_measure.values(),
            per_section.values(),
            per_source.values(),
            per_specific.values(),
        ),
        grand_total=grand_total,
        local_total=per_source.get(FundingSource.LOCAL, ZERO),
        local_allocated=plan.local_budget_allocated,
    )


# --- The three checks ----------------------------------------------------------------------


def objectives_result(facts: Facts) -> CheckResult:
    if not facts.objectives_total:
        return CheckResult(False, _("The strategy has no specific objective yet."))
    if facts.missing_objectives:
        return CheckResult(
            False,
            _("No measure and no reason for: %(objectives)s")
            % {"objectives": _names(facts.missing_objectives)},
        )
    return CheckResult(
        True,
        _("%(n)d specific objectives covered") % {"n": facts.objectives_total},
    )


def budgets_result(facts: Facts) -> CheckResult:
    if not facts.measure_count:
        return CheckResult(False, _("The plan has no measure yet."))
    if facts.unbudgeted:
        return CheckResult(
            False,
            _("Without a budget and not marked unfunded (with a reason): measures %(numbers)s")
            % {"numbers": _names(facts.unbudgeted)},
        )
    return CheckResult(True, _("%(n)d measures") % {"n": facts.measure_count})


def totals_result(facts: Facts) -> CheckResult:
    problems = []
    if not facts.add_up:
        problems.append(
            _("the totals per measure, section, source and objective do not add up to %(total)s")
            % {"total": lei(facts.grand_total)}
        )
    if facts.local_allocated is not None and facts.local_total > facts.local_allocated:
        problems.append(
            _("the local-budget lines (%(lines)s) exceed the draft local budget (%(allocated)s)")
            % {"lines": lei(facts.local_total), "allocated": lei(facts.local_allocated)}
        )
    if problems:
        return CheckResult(False, "; ".join(problems))
    if facts.local_allocated is None:
        detail = _("Total %(total)s, of which local budget %(local)s") % {
            "total": lei(facts.grand_total),
            "local": lei(facts.local_total),
        }
    else:
        detail = _("Total %(total)s, of which local budget %(local)s of %(allocated)s") % {
            "total": lei(facts.grand_total),
            "local": lei(facts.local_total),
            "allocated": lei(facts.local_allocated),
        }
    return CheckResult(True, detail)


def plan_checks(plan: ActionPlan, data: dict | None = None) -> list[tuple[str, bool, str]]:
    """The plan's readiness as (label, done, detail) rows; pass ``data`` (plan_data) to spare
    the queries."""
    facts = facts_from_data(data) if data is not None else facts_from_queries(plan)
    rows = []
    for label, compute in (
        (OBJECTIVES_LABEL, objectives_result),
        (BUDGETS_LABEL, budgets_result),
        (TOTALS_LABEL, totals_result),
    ):
        result = compute(facts)
        rows.append((label, result.done, result.detail))
    return rows


def plan_is_ready(plan: ActionPlan, data: dict | None = None) -> bool:
    return all(done for _label, done, _detail in plan_checks(plan, data))


# --- Stage checks --------------------------------------------------------------------------


def plan_to_check(cycle) -> ActionPlan | None:
    """The earliest plan of the cycle not approved yet, else the latest plan."""
    plans = list(
        ActionPlan.objects.filter(cycle=cycle)
        .select_related("cycle")
        .order_by("year", "pk")
        .only("pk", "year", "status", "local_budget_allocated", "cycle")
    )
    pending = [plan for plan in plans if plan.status != ActionPlan.Status.APPROVED]
    if pending:
        return pending[0]
    return plans[-1] if plans else None


def _stage_check(cycle, compute) -> CheckResult:
    plan = plan_to_check(cycle)
    if plan is None:
        return CheckResult(False, _("No annual action plan yet."))
    result = compute(facts_from_queries(plan))
    prefix = _("Plan %(year)s") % {"year": plan.year}
    return CheckResult(result.done, f"{prefix}: {result.detail}")


@readiness_check("action_plan", OBJECTIVES_LABEL)
def plan_objectives_covered(cycle) -> CheckResult:
    return _stage_check(cycle, objectives_result)


@readiness_check("action_plan", BUDGETS_LABEL)
def plan_measures_budgeted(cycle) -> CheckResult:
    return _stage_check(cycle, budgets_result)


@readiness_check("action_plan", TOTALS_LABEL)
def plan_totals_add_up(cycle) -> CheckResult:
    return _stage_check(cycle, totals_result)


@readiness_check("council_approval", STRATEGY_LABEL)
def strategy_adopted(cycle) -> CheckResult:
    """Done once the council adopted the strategy by HCL (a draft decision of kind strategy)."""
    from actionplans.council import adopted_strategy_decision, adopting_vote, hcl_label
    from actionplans.models import DraftDecision

    decision = adopted_strategy_decision(cycle)
    if decision is not None:
        return CheckResult(
            True,
            _("Version %(number)s adopted by %(hcl)s")
            % {
                "number": decision.strategy_version.number,
                "hcl": hcl_label(adopting_vote(decision)),
            },
        )
    pending = DraftDecision.objects.filter(cycle=cycle, kind="strategy").order_by("-pk").first()
    if pending is None:
        return CheckResult(False, _("No draft decision on the strategy yet."))
    if pending.status == DraftDecision.Status.SUBMITTED:
        return CheckResult(False, _("The draft decision is waiting for the council's vote."))
    return CheckResult(False, _("The draft decision is being prepared."))


@readiness_check("council_approval", VOTE_LABEL)
def plan_voted(cycle) -> CheckResult:
    """Done once a plan of this cycle is approved; the detail names the HCL that adopted it."""
    from actionplans.council import hcl_label, plan_adopting_vote

    approved = (
        ActionPlan.objects.filter(cycle=cycle, status=ActionPlan.Status.APPROVED)
        .order_by("-year", "-pk")
        .first()
    )
    if approved is not None:
        vote = plan_adopting_vote(approved)
        if vote is None:
            return CheckResult(True, _("Plan %(year)s approved") % {"year": approved.year})
        return CheckResult(
            True,
            _("Plan %(year)s adopted by %(hcl)s") % {"year": approved.year, "hcl": hcl_label(vote)},
        )
    submitted = (
        ActionPlan.objects.filter(cycle=cycle, status=ActionPlan.Status.SUBMITTED)
        .order_by("year", "pk")
        .first()
    )
    if submitted is not None:
        return CheckResult(
            False,
            _("Plan %(year)s is waiting for the council's vote.") % {"year": submitted.year},
        )
    return CheckResult(False, _("No plan was submitted to the council yet."))
