"""Turn map-of-needs data (live or published) into what the templates show."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from beneficiaries import charts
from beneficiaries.analysis import BOTH, SHOWN_SIDES
from beneficiaries.models import MapLevel, Question


def _name(item) -> str:
    english = (get_language() or "ro").startswith("en")
    return item["name_en"] if english else item["name_ro"]


def _share(count, total):
    if count is None or not total:
        return None
    return round(100 * count / total)


def level_of(data: dict) -> MapLevel:
    """Live data and versions published before levels existed are detailed."""
    return MapLevel(data.get("level") or MapLevel.DETAILED)


def side_labels() -> dict:
    return {
        str(Question.WELLBEING): _("well-being"),
        str(Question.ILLBEING): _("ill-being"),
        BOTH: _("well-being and ill-being"),
    }


def matrix_rows(data: dict, key: str) -> dict:
    """Rows per family, cells per column with a count and a share per side the level shows."""
    matrix = data[key]
    sides = [side for side in SHOWN_SIDES[level_of(data)] if side in matrix["counts"]]
    labels = side_labels()
    rows = []
    hidden = 0
    for f_index, family in enumerate(data["families"]):
        cells = []
        for c_index, _column in enumerate(matrix["columns"]):
            cell = {}
            for side in sides:
                count = matrix["counts"][side][f_index][c_index]
                total = matrix["totals"][side][c_index]
                cell[side] = {"count": count, "share": _share(count, total)}
                hidden += count is None
            cell["parts"] = [cell[side] for side in sides]
            cells.append(cell)
        rows.append({"code": family["code"], "name": _name(family), "cells": cells})
    return {
        "columns": matrix["columns"],
        "sides": [{"key": side, "label": labels[side]} for side in sides],
        "rows": rows,
        "hidden": hidden,
        "cell_count": len(rows) * len(matrix["columns"]) * len(sides),
    }


def heatmap(data: dict, key: str, side: str, title: str) -> str:
    """A side the version did not publish draws as an empty chart."""
    matrix = data[key]
    families = [f"{f['code']} {_name(f)}" for f in data["families"]]
    columns = [column["name"] for column in matrix["columns"]]
    values = matrix["counts"].get(side) or [[None] * len(columns) for _f in families]
    return charts.heatmap_svg(families, columns, values, title=title)


def family_bars(data: dict) -> str:
    """A hidden total shows as "—", never as 0."""
    labels = [f"{f['code']} {_name(f)}" for f in data["families"]]
    series = {
        str(Question.WELLBEING.label): data["family_totals"][Question.WELLBEING],
        str(Question.ILLBEING.label): data["family_totals"][Question.ILLBEING],
    }
    return charts.bar_chart_svg(
        labels, series, title=_("Statements per SPIRAL family: well-being and ill-being")
    )


def family_totals_hidden(data: dict) -> int:
    return sum(
        value is None
        for side in (Question.WELLBEING, Question.ILLBEING)
        for value in data["family_totals"][side]
    )


def top_by_group(data: dict) -> list[dict]:
    groups = []
    for column in data["by_group"]["columns"]:
        sides = data["top"].get(str(column["id"]), {})
        groups.append(
            {
                "name": column["name"],
                "illbeing": [{**item, "name": _name(item)} for item in sides.get("illbeing", [])],
                "wellbeing": [{**item, "name": _name(item)} for item in sides.get("wellbeing", [])],
            }
        )
    return groups


def top_overall(data: dict) -> dict:
    top = data.get("top_all") or {}
    return {
        side: [{**item, "name": _name(item)} for item in top.get(side, [])]
        for side in ("illbeing", "wellbeing")
    }


def zone_map_data(data: dict, family_code: str, side: str = Question.ILLBEING) -> dict:
    """GeoJSON features of the zones with an outline, each with its share for one family."""
    codes = [f["code"] for f in data["families"]]
    f_index = codes.index(family_code) if family_code in codes else 0
    matrix = data["by_zone"]
    if side not in matrix["counts"]:
        return {"type": "FeatureCollection", "features": []}
    features = []
    for c_index, column in enumerate(matrix["columns"]):
        if not column.get("outline"):
            continue
        count = matrix["counts"][side][f_index][c_index]
        share = _share(count, matrix["totals"][side][c_index])
        features.append(
            {
                "type": "Feature",
                "geometry": column["outline"].get("geometry", column["outline"])
                if column["outline"].get("type") == "Feature"
                else column["outline"],
                "properties": {"name": column["name"], "count": count, "share": share},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def context(data: dict, family_code: str) -> dict:
    level = level_of(data)
    if level == MapLevel.COMBINED:
        side = BOTH
        group_title = _("Well-being and ill-being statements per family and group")
        zone_title = _("Well-being and ill-being statements per family and zone")
    else:
        side = str(Question.ILLBEING)
        group_title = _("Ill-being statements per family and group")
        zone_title = _("Ill-being statements per family and zone")
    by_group = matrix_rows(data, "by_group")
    by_zone = matrix_rows(data, "by_zone")
    return {
        "level": level,
        "by_group": by_group,
        "by_zone": by_zone,
        "heatmap_group": heatmap(data, "by_group", side, group_title),
        "heatmap_zone": heatmap(data, "by_zone", side, zone_title),
        "bars": family_bars(data),
        "bars_hidden": family_totals_hidden(data),
        "top": top_by_group(data),
        "top_all": top_overall(data),
        "zone_map": zone_map_data(data, family_code, side),
        "zone_side": side,
        "families": [{"code": f["code"], "name": _name(f)} for f in data["families"]],
        "family_code": family_code,
        "suppressed": data["suppressed"],
        "hidden": by_group["hidden"] + by_zone["hidden"] + family_totals_hidden(data),
        "cell_count": by_group["cell_count"] + by_zone["cell_count"] + 2 * len(data["families"]),
        "statements": data["statements"],
        "coded": data["coded"],
    }
