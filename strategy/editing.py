"""Writes of the strategy document: create, save, delete, move and reorder its items.

Every function is keyword-only, owns its transaction and records who made the change in the
history. Positions inside a list are kept as 0..n-1, so the derived numbers (OS1, OS1.2, ...) of
`strategy.document` follow the order people see.
"""

from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.exceptions import DomainError
from core.stages import stages_allowing
from core.text import quoted
from strategy.models import (
    Guideline,
    Indicator,
    Section,
    SpecificObjective,
    StrategicObjective,
    Strategy,
)
from strategy.sanitise import sanitise

# The list each kind of item lives in: its model and the field that points at its parent.
KINDS: dict[str, tuple[type[models.Model], str]] = {
    "section": (Section, "strategy"),
    "guideline": (Guideline, "strategy"),
    "objective": (StrategicObjective, "strategy"),
    "specific": (SpecificObjective, "objective"),
    "indicator": (Indicator, "specific_objective"),
}
# How each kind is reached from its strategy, so that an id of another strategy is never found.
_STRATEGY_PATH = {
    "section": "strategy",
    "guideline": "strategy",
    "objective": "strategy",
    "specific": "objective__strategy",
    "indicator": "specific_objective__objective__strategy",
}
# A Romanian legal document: its default title and headings are content, not interface text.
DEFAULT_TITLE = "Strategia de dezvoltare a serviciilor sociale a {municipality} {start}–{end}"
DEFAULT_SECTIONS = [
    (Section.Kind.CONTEXT, "Context"),
    (Section.Kind.DIAGNOSIS, "Diagnoză — analiza nevoilor"),
    (Section.Kind.VISION, "Viziune și valori"),
    (Section.Kind.IMPLEMENTATION, "Implementare și monitorizare"),
]


def items(strategy: Strategy, kind: str) -> models.QuerySet:
    """Every item of one kind in this strategy (the scoped fetch for views)."""
    model, _parent = KINDS[kind]
    return model.objects.filter(**{_STRATEGY_PATH[kind]: strategy})


def siblings(kind: str, parent) -> models.QuerySet:
    """The list an item is ordered in: same kind, same parent, in display order."""
    model, parent_field = KINDS[kind]
    return model.objects.filter(**{parent_field: parent}).order_by("position", "pk")


def parent_of(kind: str, item):
    return getattr(item, KINDS[kind][1])


def default_title(cycle) -> str:
    return DEFAULT_TITLE.format(
        municipality=cycle.municipality.name, start=cycle.start_year, end=cycle.end_year
    )


def edit_stages() -> list[str]:
    """Labels of the stages in which the document may be edited (from the stage registry)."""
    return [str(stage.label) for stage in stages_allowing("edit_strategy")]


def edit_stage_message(cycle) -> str:
    """Why editing is refused now, naming the stages that allow it."""
    return _(
        "The strategy can be edited only in the stages %(stages)s; the cycle “%(cycle)s” is now "
        "in the stage “%(current)s”."
    ) % {
        "stages": ", ".join(quoted(label) for label in edit_stages()),
        "cycle": cycle,
        "current": cycle.stage.label,
    }


def _renumber(kind: str, ordered: list, user) -> int:
    """Write positions 0..n-1 in the given order; only rows that move are written (and logged)."""
    changed = []
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            changed.append(item)
    if changed:
        bulk_update_with_history(changed, KINDS[kind][0], ["position"], default_user=user)
    return len(changed)


def _save(item, user) -> None:
    item._history_user = user
    item.save()


def _delete(item, user) -> None:
    item._history_user = user
    item.delete()


@transaction.atomic
def create_strategy(*, municipality, cycle, user, title: str = "") -> Strategy:
    """The strategy of a cycle, with the chapters every such strategy has, ready to be written."""
    if cycle.municipality_id != municipality.pk:
        raise DomainError(_("The cycle belongs to another municipality."))
    if Strategy.objects.select_for_update().filter(cycle=cycle).exists():
        raise DomainError(_("This cycle already has a strategy."))
    strategy = Strategy(
        municipality=municipality, cycle=cycle, title=title.strip() or default_title(cycle)
    )
    _save(strategy, user)
    for position, (kind, heading) in enumerate(DEFAULT_SECTIONS):
        _save(Section(strategy=strategy, kind=kind, title=heading, position=position), user)
    return strategy


@transaction.atomic
def update_strategy(*, strategy: Strategy, user) -> Strategy:
    _save(strategy, user)
    return strategy


def _guideline_fits(objective) -> bool:
    return not objective.guideline_id or objective.guideline.strategy_id == objective.strategy_id


@transaction.atomic
def save_item(*, kind: str, item, user):
    """Create or update one item; a new one goes to the end of its list."""
    if kind == "section":
        item.body = sanitise(item.body)
    if kind == "objective" and not _guideline_fits(item):
        raise DomainError(_("The guideline belongs to another strategy."))
    if item._state.adding:
        last = siblings(kind, parent_of(kind, item)).aggregate(last=Max("position"))["last"]
        item.position = 0 if last is None else last + 1
    _save(item, user)
    return item


def save_section(*, section: Section, user) -> Section:
    """A section's body is sanitised here whatever the form did, so no caller can skip it."""
    return save_item(kind="section", item=section, user=user)


@transaction.atomic
def delete_item(*, kind: str, item, user) -> None:
    """Delete an item and what hangs under it, each with its history; close the gap in the list."""
    parent = parent_of(kind, item)
    if kind == "objective":
        for specific in item.specific_objectives.all():
            for indicator in specific.indicators.all():
                _delete(indicator, user)
            _delete(specific, user)
    elif kind == "specific":
        for indicator in item.indicators.all():
            _delete(indicator, user)
    elif kind == "guideline":
        for objective in item.objectives.all():
            objective.guideline = None
            _save(objective, user)  # the objective stays; its history says it lost the guideline
    _delete(item, user)
    _renumber(kind, list(siblings(kind, parent).select_for_update()), user)


def delete_section(*, section: Section, user) -> None:
    delete_item(kind="section", item=section, user=user)


def delete_guideline(*, guideline: Guideline, user) -> None:
    delete_item(kind="guideline", item=guideline, user=user)


def delete_objective(*, objective: StrategicObjective, user) -> None:
    delete_item(kind="objective", item=objective, user=user)


def delete_specific_objective(*, specific: SpecificObjective, user) -> None:
    delete_item(kind="specific", item=specific, user=user)


def delete_indicator(*, indicator: Indicator, user) -> None:
    delete_item(kind="indicator", item=indicator, user=user)


@transaction.atomic
def move(*, kind: str, obj, direction: str, user) -> bool:
    """One step up or down in its list (the keyboard way to reorder); False at either end."""
    if direction not in ("up", "down"):
        raise DomainError(_("Move an item up or down."))
    ordered = list(siblings(kind, parent_of(kind, obj)).select_for_update())
    index = next(i for i, item in enumerate(ordered) if item.pk == obj.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        _renumber(kind, ordered, user)
        return False
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(kind, ordered, user)
    return True


@transaction.atomic
def reorder(*, kind: str, parent, ids: list[int], user) -> None:
    """Put a whole list in the given order (drag and drop); the ids must be exactly the list's."""
    ordered = list(siblings(kind, parent).select_for_update())
    by_id = {item.pk: item for item in ordered}
    if len(ids) != len(set(ids)) or set(ids) != set(by_id):
        raise DomainError(_("The list changed in the meantime; reload the page and try again."))
    _renumber(kind, [by_id[pk] for pk in ids], user)
