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
    SpiralSession,
    Statement,
    StatementCode,
)

SMALL_CELL = 5
SIDES = [Question.WELLBEING, Question.ILLBEING, Question.WHAT_I_DO, Question.TOGETHER]
TOP_DIMENSIONS = 5
SAMPLES = 2


def _coded(cycle):
    return StatementCode.objects.filter(round=CodingRound.PRIMARY, statement__session__cycle=cycle)


def _cells(cycle) -> tuple[list[dict], list[dict]]:
    """Two aggregate queries: statements per (group, zone, family, side) and per (group, zone,
    side). A statement has one session, so summing over zones or groups is exact."""
    cells = list(
        _coded(cycle)
        .values(
            category=F("statement__session__category"),
            zone=F("statement__session__zone"),
            family=F("dimension__family__code"),
            side=F("statement__question"),
        )
        .annotate(n=Count("statement", distinct=True))
        .order_by()
    )
    totals = list(
        Statement.objects.filter(session__cycle=cycle, codes__round=CodingRound.PRIMARY)
        .values(category=F("session__category"), zone=F("session__zone"), side=F("question"))
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    return cells, totals


def _matrix(cells, totals_rows, key: str, columns: list[dict], families: list[dict]) -> dict:
    """Statements per family (rows) and column, per question side; a statement counts once."""
    index = {column["id"]: i for i, column in enumerate(columns)}
    family_index = {family["code"]: i for i, family in enumerate(families)}
    counts = {side: [[0] * len(columns) for _ in families] for side in SIDES}
    totals = {side: [0] * len(columns) for side in SIDES}
    for cell in cells:
        if cell[key] in index and cell["family"] in family_index:
            counts[cell["side"]][family_index[cell["family"]]][index[cell[key]]] += cell["n"]
    for row in totals_rows:
        if row[key] in index:
            totals[row["side"]][index[row[key]]] += row["n"]
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
            pk__in=SpiralSession.objects.filter(cycle=cycle).values("category")
        )
    ]
    zones = [
        {"id": z.pk, "name": z.name, "outline": z.outline}
        for z in cycle.municipality.zones.filter(
            pk__in=SpiralSession.objects.filter(cycle=cycle).values("zone")
        )
    ]
    cells, totals = _cells(cycle)
    by_group = _matrix(cells, totals, "category", categories, families)
    family_totals = {side: [sum(row) for row in rows] for side, rows in by_group["counts"].items()}
    return {
        "families": families,
        "sides": [str(side) for side in SIDES],
        "by_group": by_group,
        "family_totals": family_totals,
        "by_zone": _matrix(cells, totals, "zone", zones, families),
        "top": _top_dimensions(cycle, categories),
        "statements": Statement.objects.filter(session__cycle=cycle).count(),
        "coded": sum(row["n"] for row in totals),
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
