"""Readable audit trail of an object from django-simple-history: who changed what, and when."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

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
    """The newest `limit` changes of `obj`, each with its field-by-field differences (2 queries)."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    model = type(obj)
    entries = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older)
            for change in delta.changes:
                try:
                    label = model._meta.get_field(change.field).verbose_name
                except Exception:  # noqa: BLE001 - a field removed since: show its name
                    label = change.field
                changes.append(
                    Change(
                        str(label),
                        _display(model, change.field, change.old),
                        _display(model, change.field, change.new),
                    )
                )
        if record.history_type == "~" and older is not None and not changes:
            continue  # saved without a change (e.g. the demo loaded again): nothing to tell
        entries.append(
            HistoryEntry(
                date=record.history_date,
                user=record.history_user,
                action=ACTION_LABELS.get(record.history_type, record.history_type),
                changes=changes,
            )
        )
    return entries


def _display(model, name, value):
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001
        return value
    if model_field.many_to_many and isinstance(value, list):
        # simple-history gives through rows as dicts: show the related objects' names.
        target = model_field.related_model
        key = target._meta.model_name
        ids = [row.get(key) for row in value if isinstance(row, dict)]
        names = sorted(str(obj) for obj in target._default_manager.filter(pk__in=ids))
        return ", ".join(names) or "—"
    if model_field.choices and value not in (None, ""):
        return dict(model_field.flatchoices).get(value, value)
    if value in (None, ""):
        return "—"
    return value
