"""The plan as one table, with its totals computed in SQL, in a constant number of queries.

``plan_data(plan)`` is what the staff page, the public page, the XLSX and the PDF render:
the sections of the legal model in order, their measures numbered ``<section>.<n>`` (derived
from the order, never stored), each with its budget per funding source; and the totals per
measure, section, specific and strategic objective and source, each a GROUP BY of its own.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, IntegerField, Prefetch, Sum, Value, When
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actionplans.models import (
    SECTION_ORDER,
    ActionPlan,
    BudgetLine,
    LegalSection,
    Measure,
    MeasureIndicator,
)
from consultations.models import FundingSource

ZERO = Decimal("0.00")
SOURCES = list(FundingSource)


def section_order_expression():
    return Case(
        *(When(section=key, then=Value(index)) for key, index in SECTION_ORDER.items()),
        output_field=IntegerField(),
    )


def objective_numbers(cycle) -> tuple[list[dict], dict[int, dict]]:
    """The strategy's strategic objectives with their specific objectives and derived numbers
    (OS1, OS1.2), as in the strategy document; and the specific ones by id. Two queries."""
    from strategy.models import SpecificObjective, StrategicObjective

    objectives = list(
        StrategicObjective.objects.filter(strategy__cycle=cycle)
        .order_by("position", "pk")
        .values("pk", "title")
    )
    index = {row["pk"]: i for i, row in enumerate(objectives, start=1)}
    tree = [
        {"id": row["pk"], "number": f"OS{index[row['pk']]}", "title": row["title"], "specific": []}
        for row in objectives
    ]
    by_id = {node["id"]: node for node in tree}
    specifics: dict[int, dict] = {}
    for row in (
        SpecificObjective.objects.filter(objective__strategy__cycle=cycle)
        .order_by("position", "pk")
        .values("pk", "title", "objective_id")
    ):
        parent = by_id[row["objective_id"]]
        node = {
            "id": row["pk"],
            "number": f"{parent['number']}.{len(parent['specific']) + 1}",
            "title": row["title"],
            "objective": parent,
        }
        parent["specific"].append(node)
        specifics[row["pk"]] = node
    return tree, specifics


@dataclass
class MeasureRow:
    measure: Measure
    number: str
    objective: dict | None
    by_source: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal = ZERO
    lines: list = field(default_factory=list)

    @property
    def funded(self) -> bool:
        return self.total > 0


@dataclass(frozen=True, slots=True)
class LineRow:
    """One budget line as the plan's renderings show it."""

    source: str
    programme: str
    amount: Decimal
    note: str

    @property
    def label(self) -> str:
        return str(FundingSource(self.source).label)


@dataclass
class SectionBlock:
    key: str
    label: str
    number: int
    rows: list[MeasureRow] = field(default_factory=list)
    by_source: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal = ZERO


# The three chapters of the framework model (Ordin MMJS 1.086/2018, DOMAIN.md §2): chapter I
# holds the services themselves (existing, new, contracted and subsidised) with their budget;
# II the public information, III the staff training. The labels are reconstructed [R].
CHAPTERS = (
    (
        "I",
        _("Data on the administration, establishment and financing of social services"),
        (LegalSection.EXISTING, LegalSection.NEW, LegalSection.CONTRACTING),
    ),
    (
        "II",
        _("Activities to inform the public about the existing social services"),
        (LegalSection.INFORMATION,),
    ),
    (
        "III",
        _("The training and methodological-guidance programme for social-services staff"),
        (LegalSection.TRAINING,),
    ),
)


@dataclass
class ChapterBlock:
    """A chapter of the model: its sections in order, and their subtotals added up."""

    numeral: str
    label: str
    heading: str
    sections: list[SectionBlock]
    by_source: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal = ZERO

    @property
    def key(self) -> str:
        return self.numeral.lower()

    @property
    def measure_count(self) -> int:
        return sum(len(block.rows) for block in self.sections)

    @property
    def has_subtotal(self) -> bool:
        """Only a chapter of several sections needs a subtotal of its own."""
        return len(self.sections) > 1


def chapters_of(sections: list[SectionBlock]) -> list[ChapterBlock]:
    """The sections grouped under the model's chapters, with the chapters' subtotals (no query:
    sums of the section totals, so the chapters add up to the plan's total by construction)."""
    by_key = {block.key: block for block in sections}
    chapters = []
    for numeral, label, keys in CHAPTERS:
        blocks = [by_key[key] for key in keys if key in by_key]
        by_source: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for block in blocks:
            for source, amount in block.by_source.items():
                by_source[source] += amount
        chapters.append(
            ChapterBlock(
                numeral=numeral,
                label=str(label),
                heading=gettext("Chapter %(numeral)s – %(label)s")
                % {"numeral": numeral, "label": label},
                sections=blocks,
                by_source=dict(by_source),
                total=sum((block.total for block in blocks), ZERO),
            )
        )
    return chapters


def _money(value) -> Decimal:
    return (value or ZERO).quantize(Decimal("0.01"))


def plan_data(plan: ActionPlan) -> dict:
    """Everything a rendering of the plan needs (13 queries whatever the number of measures)."""
    objectives, specifics = objective_numbers(plan.cycle)
    measures = list(
        Measure.objects.filter(plan=plan)
        .select_related("zone", "service", "service__organisation")
        .prefetch_related(
            "partners",
            "categories",
            Prefetch("indicators", queryset=MeasureIndicator.objects.order_by("position", "pk")),
        )
        .annotate(section_order=section_order_expression())
        .order_by("section_order", "position", "pk")
    )
    lines = BudgetLine.objects.filter(measure__plan=plan).order_by()
    # Rows rather than model instances: a county's plan has thousands of lines to show.
    lines_of: dict[int, list[LineRow]] = defaultdict(list)
    for measure_id, *values in lines.order_by(
        "measure_id", "source", "programme", "pk"
    ).values_list("measure_id", "source", "programme", "amount", "note"):
        lines_of[measure_id].append(LineRow(*values))

    per_measure_source: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in lines.values("measure_id", "source").annotate(total=Sum("amount")):
        per_measure_source[row["measure_id"]][row["source"]] = _money(row["total"])
    per_measure = {
        row["measure_id"]: _money(row["total"])
        for row in lines.values("measure_id").annotate(total=Sum("amount"))
    }
    per_section_source: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for row in lines.values("measure__section", "source").annotate(total=Sum("amount")):
        per_section_source[row["measure__section"]][row["source"]] = _money(row["total"])
    per_section = {
        row["measure__section"]: _money(row["total"])
        for row in lines.values("measure__section").annotate(total=Sum("amount"))
    }
    per_source = {
        row["source"]: _money(row["total"])
        for row in lines.values("source").annotate(total=Sum("amount"))
    }
    per_specific = {
        row["measure__specific_objective_id"]: _money(row["total"])
        for row in lines.values("measure__specific_objective_id").annotate(total=Sum("amount"))
    }
    per_objective = {
        row["measure__specific_objective__objective_id"]: _money(row["total"])
        for row in lines.values("measure__specific_objective__objective_id").annotate(
            total=Sum("amount")
        )
    }
    grand_total = _money(lines.aggregate(total=Sum("amount"))["total"])
    local_total = per_source.get(FundingSource.LOCAL, ZERO)

    sections = [
        SectionBlock(
            key=key,
            label=str(label),
            number=SECTION_ORDER[key],
            by_source=per_section_source.get(key, {}),
            total=per_section.get(key, ZERO),
        )
        for key, label in LegalSection.choices
    ]
    by_key = {block.key: block for block in sections}
    measure_counts: dict[int, int] = defaultdict(int)
    for measure in measures:
        block = by_key[measure.section]
        specific = specifics.get(measure.specific_objective_id)
        measure_counts[measure.specific_objective_id] += 1
        block.rows.append(
            MeasureRow(
                measure=measure,
                number=f"{block.number}.{len(block.rows) + 1}",
                objective=specific,
                by_source=per_measure_source.get(measure.pk, {}),
                total=per_measure.get(measure.pk, ZERO),
                lines=lines_of.get(measure.pk, []),
            )
        )

    skipped = {
        row.specific_objective_id: row
        for row in plan.skipped.select_related("specific_objective").order_by("pk")
    }
    objective_rows = []
    for objective in objectives:
        for specific in objective["specific"]:
            objective_rows.append(
                {
                    "specific": specific,
                    "measures": measure_counts.get(specific["id"], 0),
                    "total": per_specific.get(specific["id"], ZERO),
                    "skipped": skipped.get(specific["id"]),
                }
            )
        objective["total"] = per_objective.get(objective["id"], ZERO)
    shares = [
        {
            "source": source.value,
            "label": str(source.label),
            "total": per_source.get(source.value, ZERO),
            "share": (
                (per_source.get(source.value, ZERO) * 100 / grand_total).quantize(Decimal("0.1"))
                if grand_total
                else Decimal("0.0")
            ),
        }
        for source in SOURCES
    ]
    rows = [row for block in sections for row in block.rows]
    return {
        "plan": plan,
        "sections": sections,
        "chapters": chapters_of(sections),
        "rows": rows,
        "sources": [{"key": s.value, "label": str(s.label)} for s in SOURCES],
        "objectives": objectives,
        "objective_rows": objective_rows,
        "unfunded_objectives": [
            row for row in objective_rows if not row["total"] and not row["skipped"]
        ],
        "without_measure": [
            row for row in objective_rows if not row["measures"] and not row["skipped"]
        ],
        "skipped": list(skipped.values()),
        "shares": shares,
        "by_source": per_source,
        "grand_total": grand_total,
        "local_total": local_total,
        "over_local_budget": (
            plan.local_budget_allocated is not None and local_total > plan.local_budget_allocated
        ),
        "totals_add_up": totals_add_up(
            grand_total,
            per_measure.values(),
            per_section.values(),
            per_source.values(),
            per_specific.values(),
        ),
        "measure_count": len(measures),
        "unbudgeted": [row for row in rows if not row.funded and not row.measure.unfunded],
    }


def totals_add_up(grand_total, *groupings) -> bool:
    """Whether every grouping of the budget (per measure, section, source, objective) sums to
    the plan's total: a line attached to nothing, or counted twice, shows up here."""
    return all(sum(values, ZERO) == grand_total for values in groupings)
