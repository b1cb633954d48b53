"""Turn map-of-needs data (live or published) into what the templates show."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from beneficiaries import charts
from beneficiaries.models import Question

SHOWN_SIDES = (Question.WELLBEING, Question.ILLBEING)


def _name(item) -> str:
    english = (get_language() or "ro").startswith("en")
    return item["name_en"] if english else item["name_ro"]


def _share(count, total):
    if count is None or not total:
        return None
    return round(100 * count / total)


def matrix_rows(data: dict, key: str) -> dict:
    """Rows per family, cells per column with well-being and ill-being counts and shares."""
    matrix = data[key]
    rows = []
    for f_index, family in enumerate(data["families"]):
        cells = []
        for c_index, _column in enumerate(matrix["columns"]):
            cell = {}
            for side in SHOWN_SIDES:
                count = matrix["counts"][side][f_index][c_index]
                total = matrix["totals"][side][c_index]
                cell[side] = {"count": count, "share": _share(count, total)}
            cells.append(cell)
        rows.append({"code": family["code"], "name": _name(family), "cells": cells})
    return {"columns": matrix["columns"], "rows": rows}


def heatmap(data: dict, key: str, side: str, title: str) -> str:
    matrix = data[key]
    families = [f"{f['code']} {_name(f)}" for f in data["families"]]
    return charts.heatmap_svg(
        families,
        [column["name"] for column in matrix["columns"]],
        matrix["counts"][side],
        title=title,
    )


def family_bars(data: dict) -> str:
    labels = [f"{f['code']} {_name(f)}" for f in data["families"]]
    series = {
        str(Question.WELLBEING.label): [v or 0 for v in data["family_totals"][Question.WELLBEING]],
        str(Question.ILLBEING.label): [v or 0 for v in data["family_totals"][Question.ILLBEING]],
    }
    return charts.bar_chart_svg(
        labels, series, title=_("Statements per SPIRAL family: well-being and ill-being")
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


def zone_map_data(data: dict, family_code: str, side: str = Question.ILLBEING) -> dict:
    """GeoJSON features of the zones with an outline, each with its share for one family."""
    codes = [f["code"] for f in data["families"]]
    f_index = codes.index(family_code) if family_code in codes else 0
    matrix = data["by_zone"]
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
    return {
        "by_group": matrix_rows(data, "by_group"),
        "by_zone": matrix_rows(data, "by_zone"),
        "heatmap_group": heatmap(
            data, "by_group", Question.ILLBEING, _("Ill-being statements per family and group")
        ),
        "heatmap_zone": heatmap(
            data, "by_zone", Question.ILLBEING, _("Ill-being statements per family and zone")
        ),
        "bars": family_bars(data),
        "top": top_by_group(data),
        "zone_map": zone_map_data(data, family_code),
        "families": [{"code": f["code"], "name": _name(f)} for f in data["families"]],
        "family_code": family_code,
        "suppressed": data["suppressed"],
        "statements": data["statements"],
        "coded": data["coded"],
    }
