"""The map of needs: SPIRAL families × beneficiary groups and × zones, aggregated in SQL.

The result is plain JSON-able data, so that a published version can be frozen as it was shown.
Cells built from fewer than SMALL_CELL statements are hidden on anything shown to non-staff
(DOMAIN.md §5), and so is a second cell wherever a lone hidden one could be worked out from a
total. Staff publish at a level of detail (`MapLevel`): the coarser levels add statements up
(both sides together, or the whole municipality) so that more figures reach the threshold.
"""

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from beneficiaries.models import (
    BeneficiaryCategory,
    CodingRound,
    MapLevel,
    Question,
    SpiralFamily,
    SpiralSession,
    Statement,
    StatementCode,
)

SMALL_CELL = 5
SIDES = [Question.WELLBEING, Question.ILLBEING, Question.WHAT_I_DO, Question.TOGETHER]
BOTH = "both"  # well-being and ill-being statements together (a statement has one question)
SHOWN_SIDES = {
    MapLevel.DETAILED: [str(Question.WELLBEING), str(Question.ILLBEING)],
    MapLevel.COMBINED: [BOTH],
    MapLevel.MUNICIPALITY: [],
}
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
    wellbeing, illbeing = Question.WELLBEING, Question.ILLBEING
    counts[BOTH] = [
        [w + i for w, i in zip(w_row, i_row, strict=True)]
        for w_row, i_row in zip(counts[wellbeing], counts[illbeing], strict=True)
    ]
    totals[BOTH] = [w + i for w, i in zip(totals[wellbeing], totals[illbeing], strict=True)]
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


def _top_overall(cycle) -> dict:
    """The dimensions most cited in the whole municipality, per side, with samples (2 queries)."""
    sides = [Question.ILLBEING, Question.WELLBEING]
    rows = list(
        _coded(cycle)
        .filter(statement__question__in=sides)
        .values(
            side=F("statement__question"),
            code=F("dimension__code"),
            name_ro=F("dimension__name_ro"),
            name_en=F("dimension__name_en"),
        )
        .annotate(n=Count("statement", distinct=True))
        .order_by("side", "-n", "code")
    )
    top: dict = {str(side): [] for side in sides}
    for row in rows:
        bucket = top[row.pop("side")]
        if len(bucket) < TOP_DIMENSIONS:
            bucket.append({**row, "samples": []})
    wanted = {(side, item["code"]): item for side, items in top.items() for item in items}
    samples = (
        _coded(cycle)
        .filter(
            statement__question__in=sides,
            dimension__code__in={code for _side, code in wanted},
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("dimension"), F("statement__question")],
                order_by=F("statement_id").asc(),
            )
        )
        .filter(rank__lte=SAMPLES)
        .values(side=F("statement__question"), code=F("dimension__code"), text=F("statement__text"))
    )
    for sample in samples:
        if item := wanted.get((sample["side"], sample["code"])):
            item["samples"].append(sample["text"])
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
        "top_all": _top_overall(cycle),
        "statements": Statement.objects.filter(session__cycle=cycle).count(),
        "coded": sum(row["n"] for row in totals),
        "suppressed": False,
    }


def _hide(value):
    return value if value is not None and value >= SMALL_CELL else None


def _protect(lines: list[list[tuple[int, int]]], true: dict, shown: dict) -> None:
    """Complementary suppression: where a line (row or column) whose total is large enough to
    be known has exactly one hidden cell, hide its smallest shown cell too, until none is left.
    `true` and `shown` map a cell's position to its real and published value."""
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [cell for cell in line if shown[cell] is None]
            if len(hidden) != 1 or sum(true[cell] for cell in line) < SMALL_CELL:
                continue
            visible = [cell for cell in line if shown[cell] is not None]
            if visible:
                shown[min(visible, key=lambda cell: (true[cell], cell))] = None
                changed = True


def _suppress_grid(rows: list[list[int]]) -> list[list[int | None]]:
    """One family × column grid, small cells and their complements hidden."""
    true = {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row)}
    shown = {cell: _hide(v) for cell, v in true.items()}
    width = max((len(row) for row in rows), default=0)
    lines = [[(r, c) for c in range(len(row))] for r, row in enumerate(rows)]
    lines += [[(r, c) for r, row in enumerate(rows) if c < len(row)] for c in range(width)]
    _protect(lines, true, shown)
    return [[shown[(r, c)] for c in range(len(row))] for r, row in enumerate(rows)]


def _suppress_line(values: list[int]) -> list[int | None]:
    return _suppress_grid([values])[0]


def _suppress_matrix(matrix: dict, sides: list[str]) -> dict:
    """Only the sides the level shows are kept; a column total is kept for the shares only."""
    return {
        "columns": matrix["columns"],
        "counts": {side: _suppress_grid(matrix["counts"][side]) for side in sides},
        "totals": {side: [_hide(v) for v in matrix["totals"][side]] for side in sides},
    }


def _suppress_top(items: list[dict]) -> list[dict]:
    return [item for item in items if item["n"] >= SMALL_CELL]


def publishable(data: dict, level: str = MapLevel.DETAILED) -> dict:
    """The version non-staff may see at one level of detail: nothing under SMALL_CELL, and no
    breakdown the level does not publish (so finer figures cannot be subtracted from coarser)."""
    level = MapLevel(level)
    sides = SHOWN_SIDES[level]
    public = {
        **data,
        "level": str(level),
        "suppressed": True,
        "family_totals": {
            side: _suppress_line(values) for side, values in data["family_totals"].items()
        },
    }
    if level == MapLevel.MUNICIPALITY:
        for key in ("by_group", "by_zone"):
            public[key] = {"columns": [], "counts": {}, "totals": {}}
    else:
        for key in ("by_group", "by_zone"):
            public[key] = _suppress_matrix(data[key], sides)
    if level == MapLevel.DETAILED:
        public["top"] = {
            category: {side: _suppress_top(items) for side, items in by_side.items()}
            for category, by_side in data["top"].items()
        }
        public["top_all"] = {}
    else:
        public["top"] = {}
        public["top_all"] = {side: _suppress_top(items) for side, items in data["top_all"].items()}
    return public


def suppress_small_cells(data: dict) -> dict:
    """The detailed public version: cells and totals under SMALL_CELL become None."""
    return publishable(data, MapLevel.DETAILED)


def level_summaries(data: dict) -> list[dict]:
    """For the publish form: per level, how many cells it shows and hides, and how many groups
    get at least one figure; the finest level where every group gets one is recommended."""
    groups = len(data["by_group"]["columns"])
    summaries = []
    for level in MapLevel:
        public = publishable(data, level)
        sides = SHOWN_SIDES[level]
        grids = [public[key]["counts"][side] for key in ("by_group", "by_zone") for side in sides]
        cells = [v for grid in grids for row in grid for v in row]
        by_group = [public["by_group"]["counts"][side] for side in sides]
        with_figure = sum(
            1 for c in range(groups) if any(row[c] is not None for grid in by_group for row in grid)
        )
        summaries.append(
            {
                "level": level,
                "shown": sum(v is not None for v in cells),
                "hidden": sum(v is None for v in cells),
                "groups": groups,
                "groups_with_figure": with_figure,
                "recommended": False,
            }
        )
    for summary in summaries:
        if summary["level"] == MapLevel.MUNICIPALITY or (
            summary["groups"] and summary["groups_with_figure"] == summary["groups"]
        ):
            summary["recommended"] = True
            break
    return summaries
