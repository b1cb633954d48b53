"""Readable audit trail of an object from django-simple-history: who changed what, and when.

The page cost does not grow with the history: the records, the many-to-many rows of all of them
(one query per many-to-many field) and the names of every object they refer to (one query per
related model) are each read in bulk.
"""

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from simple_history import utils as history_utils

ACTION_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    date: object
    user: object
    action: str
    changes: list[Change] = field(default_factory=list)


def history_entries(obj, limit: int = 25) -> list[HistoryEntry]:
    """The newest `limit` changes of `obj`, each with its field-by-field differences."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    model = type(obj)
    m2m_fields = [f.name for f in getattr(records[0], "_history_m2m_fields", [])] if records else []
    m2m_values = _m2m_values(model, records, m2m_fields)

    raw: list[tuple] = []  # (record, [(field name, old, new)])
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older, excluded_fields=m2m_fields)
            changes = [(c.field, c.old, c.new) for c in delta.changes]
            for name in m2m_fields:
                old_ids = m2m_values[name].get(older.history_id, set())
                new_ids = m2m_values[name].get(record.history_id, set())
                if old_ids != new_ids:
                    changes.append((name, sorted(old_ids), sorted(new_ids)))
            if not changes:
                continue  # saved without a change (e.g. the demo loaded again): nothing to tell
        raw.append((record, changes))

    names = _related_names(model, [c for _record, changes in raw for c in changes])
    return [
        HistoryEntry(
            date=record.history_date,
            user=record.history_user,
            action=ACTION_LABELS.get(record.history_type, record.history_type),
            changes=[
                Change(
                    _label(model, name),
                    _display(model, name, old, names),
                    _display(model, name, new, names),
                )
                for name, old, new in changes
            ],
        )
        for record, changes in raw
    ]


def _m2m_values(model, records, m2m_fields) -> dict[str, dict[int, set]]:
    """Per many-to-many field: history id → the related ids at that time (one query a field)."""
    values: dict[str, dict[int, set]] = {}
    if not records:
        return values
    ids = [r.history_id for r in records]
    for name in m2m_fields:
        through = getattr(records[0], name).model  # the historical through model (no query)
        target = history_utils.get_m2m_reverse_field_name(model._meta.get_field(name))
        per_record: dict[int, set] = defaultdict(set)
        for history_id, target_id in through.objects.filter(history_id__in=ids).values_list(
            "history_id", f"{target}_id"
        ):
            per_record[history_id].add(target_id)
        values[name] = per_record
    return values


def _related_names(model, changes) -> dict:
    """(related model, pk) → its name, for every foreign key and many-to-many id in `changes`."""
    wanted: dict = defaultdict(set)
    for name, old, new in changes:
        try:
            model_field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a field removed since
            continue
        if not (model_field.many_to_many or model_field.many_to_one):
            continue
        for value in (old, new):
            for pk in value if isinstance(value, list) else [value]:
                if pk not in (None, ""):
                    wanted[model_field.related_model].add(pk)
    names = {}
    for related, pks in wanted.items():
        for obj in related._default_manager.filter(pk__in=pks):
            names[(related, obj.pk)] = str(obj)
    return names


def _label(model, name) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field removed since: show its name
        return name


def _display(model, name, value, names):
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001
        return value
    if model_field.many_to_many:
        related = model_field.related_model
        shown = sorted(names.get((related, pk), f"#{pk}") for pk in value or [])
        return ", ".join(shown) or "—"
    if value in (None, ""):
        return "—"
    if model_field.many_to_one:
        return names.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(value, str) and _RICH_TEXT.match(value):
        return _readable(value)
    return value


# Rich text (a strategy's chapters) is stored as cleaned HTML that starts with a block element;
# its history is read as text, the way the editor shows it, never as tags.
_RICH_TEXT = re.compile(r"\s*<(p|h[1-6]|ul|ol|table|blockquote)[\s>]", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|blockquote)>|<br\s*/?>", re.IGNORECASE)


def _readable(value: str) -> str:
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", value)))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
