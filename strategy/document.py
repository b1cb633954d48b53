"""The strategy document as one tree with derived numbering, read in a constant number of queries.

``document_tree(strategy)`` is what pages render and what a published version freezes
(``snapshot``): plain JSON-able dicts, so a version renders exactly like the live draft.
Numbers: guidelines LD1, LD2...; strategic objectives OS1, OS2...; specific objectives OS1.1...;
indicators I1.1.1... They follow the rows' positions and are never stored on the rows.
"""

from django.db.models import Prefetch

from strategy.models import Indicator, SpecificObjective, StrategicObjective, Strategy

SNAPSHOT_FORMAT = 1


def _number(value) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def document_tree(strategy: Strategy) -> dict:
    """Sections, guidelines and objectives with their numbers (6 queries whatever the size)."""
    sections = list(strategy.sections.order_by("position", "pk"))
    guidelines = list(strategy.guidelines.order_by("position", "pk"))
    guideline_numbers = {g.pk: f"LD{i}" for i, g in enumerate(guidelines, start=1)}
    objectives = list(
        StrategicObjective.objects.filter(strategy=strategy)
        .order_by("position", "pk")
        .prefetch_related(
            "dimensions",
            Prefetch(
                "specific_objectives",
                queryset=SpecificObjective.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.order_by("position", "pk"))
                ),
            ),
        )
    )
    tree_objectives = []
    for i, objective in enumerate(objectives, start=1):
        specifics = []
        for j, specific in enumerate(objective.specific_objectives.all(), start=1):
            specifics.append(
                {
                    "id": specific.pk,
                    "number": f"OS{i}.{j}",
                    "title": specific.title,
                    "description": specific.description,
                    "indicators": [
                        {
                            "id": indicator.pk,
                            "number": f"I{i}.{j}.{k}",
                            "name": indicator.name,
                            "unit": indicator.unit,
                            "baseline": _number(indicator.baseline),
                            "baseline_year": indicator.baseline_year,
                            "target": _number(indicator.target),
                            "target_year": indicator.target_year,
                            "source": indicator.source,
                            "frequency": indicator.frequency,
                            "frequency_label": str(indicator.get_frequency_display()),
                            "measured_by": indicator.measured_by,
                        }
                        for k, indicator in enumerate(specific.indicators.all(), start=1)
                    ],
                }
            )
        tree_objectives.append(
            {
                "id": objective.pk,
                "number": f"OS{i}",
                "title": objective.title,
                "description": objective.description,
                "guideline_id": objective.guideline_id,
                "guideline_number": guideline_numbers.get(objective.guideline_id),
                "dimensions": [
                    {"id": d.pk, "code": d.code, "name": str(d)}
                    for d in sorted(objective.dimensions.all(), key=lambda d: d.code)
                ],
                "specific": specifics,
            }
        )
    return {
        "format": SNAPSHOT_FORMAT,
        "title": strategy.title,
        "sections": [
            {"id": s.pk, "kind": s.kind, "title": s.title, "body": s.body} for s in sections
        ],
        "guidelines": [
            {
                "id": g.pk,
                "number": guideline_numbers[g.pk],
                "title": g.title,
                "description": g.description,
            }
            for g in guidelines
        ],
        "objectives": tree_objectives,
    }


def snapshot(strategy: Strategy) -> dict:
    """The frozen content of a published version."""
    return document_tree(strategy)


def labels(tree: dict) -> dict[tuple[str, int], str]:
    """(target kind, id) → a human label such as “OS1.2 Locuințe sociale”, for comments."""
    found = {}
    for section in tree["sections"]:
        found[("section", section["id"])] = section["title"]
    for objective in tree["objectives"]:
        found[("objective", objective["id"])] = f"{objective['number']} {objective['title']}"
        for specific in objective["specific"]:
            found[("specific", specific["id"])] = f"{specific['number']} {specific['title']}"
            for indicator in specific["indicators"]:
                found[("indicator", indicator["id"])] = f"{indicator['number']} {indicator['name']}"
    return found
