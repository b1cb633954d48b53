"""The map of needs: SPIRAL families × beneficiary groups and × zones, aggregated in SQL.

The result is plain JSON-able data, so that a published version can be frozen as it was shown.
Cells built from fewer than SMALL_CELL statements are hidden on anything shown to non-staff.
"""

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from beneficiaries.models import (
    BeneficiaryCategory,
    CodingRound,
    Question,
    SpiralFamily,
    Statement,
    StatementCode,
)

SMALL_CELL = 5
SIDES = [Question.WELLBEING, Question.ILLBEING, Question.WHAT_I_DO, Question.TOGETHER]
TOP_DIMENSIONS = 5
SAMPLES = 2


def _coded(cycle):
    return StatementCode.objects.filter(round=CodingRound.PRIMARY, statement__session__cycle=cycle)


def _matrix(cycle, column_field: str, columns: list[dict], families: list[dict]) -> dict:
    """Statements per family (rows) and column, per question side; a statement counts once."""
    index = {column["id"]: i for i, column in enumerate(columns)}
    family_index = {family["code"]: i for i, family in enumerate(families)}
    counts = {side: [[0] * len(columns) for _ in families] for side in SIDES}
    totals = {side: [0] * len(columns) for side in SIDES}
    cells = (
        _coded(cycle)
        .values(
            column=F(f"statement__session__{column_field}"),
            family=F("dimension__family__code"),
            side=F("statement__question"),
        )
        .annotate(n=Count("statement", distinct=True))
        .order_by()
    )
    for cell in cells:
        if cell["column"] in index and cell["family"] in family_index:
            counts[cell["side"]][family_index[cell["family"]]][index[cell["column"]]] = cell["n"]
    coded_statements = (
        Statement.objects.filter(session__cycle=cycle, codes__round=CodingRound.PRIMARY)
        .values(column=F(f"session__{column_field}"), side=F("question"))
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    for row in coded_statements:
        if row["column"] in index:
            totals[row["side"]][index[row["column"]]] = row["n"]
    return {"columns": columns, "counts": counts, "totals": totals}


def _top_dimensions(cycle, categories: list[dict]) -> dict:
    """Per group, the dimensions most cited on the ill-being and well-being sides, with samples."""
    rows = list(
        _coded(cycle)
        .filter(statement__question__in=[Question.ILLBEING, Question.WELLBEING])
        .values(
            category=F("statement__session__category"),
            side=F("statement__question"),
            code=F("dimension__code"),
            name_ro=F("dimension__name_ro"),
            name_en=F("dimension__name_en"),
        )
        .annotate(n=Count("statement", distinct=True))
        .order_by("category", "side", "-n", "code")
    )
    top: dict = {}
    for row in rows:
        bucket = top.setdefault(str(row["category"]), {}).setdefault(row["side"], [])
        if len(bucket) < TOP_DIMENSIONS:
            bucket.append({**row, "samples": []})
    wanted = {
        (int(category), side, item["code"])
        for category, sides in top.items()
        for side, items in sides.items()
        for item in items
    }
    samples = (
        _coded(cycle)
        .filter(dimension__code__in={code for _c, _s, code in wanted})
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[
                    F("statement__session__category"),
                    F("dimension"),
                    F("statement__question"),
                ],
                order_by=F("statement_id").asc(),
            )
        )
        .filter(rank__lte=SAMPLES)
        .values(
            category=F("statement__session__category"),
            side=F("statement__question"),
            code=F("dimension__code"),
            text=F("statement__text"),
        )
    )
    for sample in samples:
        key = (sample["category"], sample["side"], sample["code"])
        if key not in wanted:
            continue
        for item in top[str(sample["category"])][sample["side"]]:
            if item["code"] == sample["code"]:
                item["samples"].append(sample["text"])
    for sides in top.values():
        for items in sides.values():
            for item in items:
                item.pop("category", None)
                item.pop("side", None)
    return top


def build_analysis(cycle) -> dict:
    """Every figure of the map of needs for one cycle, unsuppressed (staff view)."""
    families = [
        {"code": f.code, "name_ro": f.name_ro, "name_en": f.name_en}
        for f in SpiralFamily.objects.all()
    ]
    categories = [
        {"id": c.pk, "name": c.name}
        for c in BeneficiaryCategory.objects.filter(
            pk__in=Statement.objects.filter(session__cycle=cycle).values("session__category")
        )
    ]
    zones = [
        {"id": z.pk, "name": z.name, "outline": z.outline}
        for z in cycle.municipality.zones.filter(
            pk__in=Statement.objects.filter(session__cycle=cycle).values("session__zone")
        )
    ]
    statements = Statement.objects.filter(session__cycle=cycle)
    by_group = _matrix(cycle, "category", categories, families)
    family_totals = {side: [sum(row) for row in rows] for side, rows in by_group["counts"].items()}
    return {
        "families": families,
        "sides": [str(side) for side in SIDES],
        "by_group": by_group,
        "family_totals": family_totals,
        "by_zone": _matrix(cycle, "zone", zones, families),
        "top": _top_dimensions(cycle, categories),
        "statements": statements.count(),
        "coded": statements.filter(codes__round=CodingRound.PRIMARY).distinct().count(),
        "suppressed": False,
    }


def suppress_small_cells(data: dict) -> dict:
    """The version non-staff may see: cells and totals under SMALL_CELL become None."""

    def hide(value):
        return value if value is not None and value >= SMALL_CELL else None

    public = {**data, "suppressed": True}
    for key in ("by_group", "by_zone"):
        matrix = data[key]
        public[key] = {
            "columns": matrix["columns"],
            "counts": {
                side: [[hide(v) for v in row] for row in rows]
                for side, rows in matrix["counts"].items()
            },
            "totals": {side: [hide(v) for v in row] for side, row in matrix["totals"].items()},
        }
    public["family_totals"] = {
        side: [hide(v) for v in row] for side, row in data["family_totals"].items()
    }
    public["top"] = {
        category: {
            side: [item for item in items if item["n"] >= SMALL_CELL]
            for side, items in sides.items()
        }
        for category, sides in data["top"].items()
    }
    return public
