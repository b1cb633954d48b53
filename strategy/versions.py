"""Published versions of the strategy, their comparison, and opening the public consultation.

A version is an immutable JSON snapshot of the document tree (strategy.document), numbered 1, 2...
per strategy. Opening the public consultation of a version fixes the dates Law 52/2003 sets
(strategy.law52).
"""

import datetime
import difflib
import html
import json
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import DomainError
from core.stages import get_stage
from strategy import law52
from strategy.document import snapshot as document_snapshot
from strategy.models import Indicator, PublicConsultation, Section, Strategy, StrategyVersion

CONSULTATION_STAGE = "public_consultation"
# Labels that are translations of a stored key: a version frozen in Romanian and one frozen in
# English are the same content.
PRESENTATION_KEYS = frozenset({"frequency_label", "format"})


# --- Publishing ------------------------------------------------------------------------------


def _comparable(tree: dict) -> object:
    """The content of a tree as JSON would store it, without presentation-only labels."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in PRESENTATION_KEYS}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(json.dumps(tree)))


def draft_differs(strategy: Strategy, last: StrategyVersion | None) -> bool:
    """Whether the live draft has changes that no version holds yet."""
    if last is None:
        return True
    return _comparable(document_snapshot(strategy)) != _comparable(last.snapshot)


@transaction.atomic
def publish_version(*, strategy: Strategy, user, note: str = "") -> StrategyVersion:
    """Freeze the draft as the next numbered version; refused when nothing changed."""
    # The lock makes concurrent publishers take numbers one after the other.
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    if not strategy.objectives.exists():
        raise DomainError(
            _("Add at least one strategic objective before publishing a version of the draft.")
        )
    last = strategy.versions.order_by("-number").only("number", "snapshot").first()
    tree = document_snapshot(strategy)
    if last is not None and _comparable(tree) == _comparable(last.snapshot):
        raise DomainError(
            _("Nothing changed since version %(number)s: there is nothing new to publish.")
            % {"number": last.number}
        )
    return StrategyVersion.objects.create(
        strategy=strategy,
        number=(last.number if last else 0) + 1,
        snapshot=tree,
        note=note.strip(),
        published_by=user,
    )


# --- Rendering a tree ------------------------------------------------------------------------


def prepare_tree(tree: dict) -> dict:
    """A copy of a document tree ready for ``strategy/versions/_document.html``: labels in the
    reader's language and each objective's guideline title (the snapshot keeps only keys)."""
    tree = json.loads(json.dumps(tree))
    kinds = dict(Section.Kind.choices)
    frequencies = dict(Indicator.Frequency.choices)
    guidelines = {g["id"]: g for g in tree.get("guidelines", [])}
    for section in tree.get("sections", []):
        section["kind_label"] = str(kinds.get(section.get("kind"), ""))
    for objective in tree.get("objectives", []):
        guideline = guidelines.get(objective.get("guideline_id"))
        objective["guideline_title"] = guideline["title"] if guideline else ""
        for specific in objective.get("specific", []):
            for indicator in specific.get("indicators", []):
                key = indicator.get("frequency")
                if key in frequencies:
                    indicator["frequency_label"] = str(frequencies[key])
    return tree


# --- Comparing two versions ------------------------------------------------------------------

_TOKENS = re.compile(r"\S+\s*|\s+")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote|tr|table)\s*>|<br\s*/?>", re.IGNORECASE)


def body_text(body: str) -> str:
    """The words of a section body, one paragraph per line (markup does not count as a change)."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", body or "")))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


# Above this many token pairs an exact word diff gets slow: popular words are then skipped as
# anchors (difflib's autojunk), and past the hard limit the paragraph is shown replaced whole.
EXACT_DIFF_LIMIT = 250_000
HARD_DIFF_LIMIT = 25_000_000


def _del(text: str) -> str:
    return f'<del class="bg-danger-subtle">{escape(text)}</del>' if text else ""


def _ins(text: str) -> str:
    return f'<ins class="bg-success-subtle">{escape(text)}</ins>' if text else ""


def _diff_words(old: str, new: str) -> str:
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    size = len(a) * len(b)
    if size > HARD_DIFF_LIMIT:
        return _del(old) + _ins(new)
    # Words are compared without the spaces that follow them (“local” matches “local ”).
    matcher = difflib.SequenceMatcher(
        None, [t.rstrip() for t in a], [t.rstrip() for t in b], autojunk=size > EXACT_DIFF_LIMIT
    )
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(b[j1:j2])))  # the new text's spacing
        else:
            parts.append(_del("".join(a[i1:i2])) + _ins("".join(b[j1:j2])))
    return "".join(parts)


def word_diff(old: str, new: str) -> SafeString:
    """An inline word diff: removed words in <del>, added ones in <ins>, all text escaped.

    Paragraphs (lines) are matched first, then words inside the paragraphs that changed, so a
    long text stays quick to compare.
    """
    a, b = (old or "").split("\n"), (new or "").split("\n")
    lines = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            lines.extend(escape(line) for line in a[i1:i2])
        elif op == "replace" and i2 - i1 == j2 - j1:
            lines.extend(_diff_words(x, y) for x, y in zip(a[i1:i2], b[j1:j2], strict=True))
        elif op == "replace":
            lines.append(_diff_words("\n".join(a[i1:i2]), "\n".join(b[j1:j2])))
        elif op == "delete":
            lines.extend(_del(line) for line in a[i1:i2])
        else:
            lines.extend(_ins(line) for line in b[j1:j2])
    return mark_safe("<br>".join(lines).replace("\n", "<br>"))  # noqa: S308 - text escaped


@dataclass
class FieldChange:
    label: str
    old: object
    new: object
    diff: SafeString | None = None  # an inline word diff for texts


@dataclass
class ItemChange:
    """One section, guideline, objective, specific objective or indicator in a comparison."""

    kind: str
    id: int
    label: str
    status: str  # added / removed / changed / unchanged
    fields: list[FieldChange] = field(default_factory=list)
    children: list["ItemChange"] = field(default_factory=list)
    moved: bool = False

    @property
    def has_changes(self) -> bool:
        return self.status != "unchanged" or self.moved or any(c.has_changes for c in self.children)

    @property
    def changed_children(self) -> list["ItemChange"]:
        return [c for c in self.children if c.has_changes]

    @property
    def unchanged_children(self) -> list["ItemChange"]:
        return [c for c in self.children if not c.has_changes]


# (key, label, text?) per kind; texts get a word diff.
FIELDS = {
    "section": [
        ("title", gettext_lazy("Title"), True),
        ("kind", gettext_lazy("Type"), False),
        ("body_text", gettext_lazy("Text"), True),
    ],
    "guideline": [
        ("number", gettext_lazy("Number"), False),
        ("title", gettext_lazy("Title"), True),
        ("description", gettext_lazy("Description"), True),
    ],
    "objective": [
        ("number", gettext_lazy("Number"), False),
        ("title", gettext_lazy("Title"), True),
        ("description", gettext_lazy("Description"), True),
        ("guideline_number", gettext_lazy("Guideline"), False),
        ("dimension_codes", gettext_lazy("SPIRAL dimensions"), False),
    ],
    "specific": [
        ("number", gettext_lazy("Number"), False),
        ("title", gettext_lazy("Title"), True),
        ("description", gettext_lazy("Description"), True),
    ],
    "indicator": [
        ("number", gettext_lazy("Number"), False),
        ("name", gettext_lazy("Indicator"), True),
        ("unit", gettext_lazy("Unit"), False),
        ("baseline", gettext_lazy("Baseline"), False),
        ("baseline_year", gettext_lazy("Baseline year"), False),
        ("target", gettext_lazy("Target"), False),
        ("target_year", gettext_lazy("Target year"), False),
        ("source", gettext_lazy("Data source"), True),
        ("frequency_label", gettext_lazy("Frequency"), False),
        ("measured_by", gettext_lazy("Measured by"), True),
    ],
}


def _label(kind: str, item: dict) -> str:
    title = item.get("title") or item.get("name") or ""
    return f"{item['number']} {title}" if item.get("number") else title


def _values(kind: str, item: dict) -> dict:
    values = dict(item)
    if kind == "section":
        values["body_text"] = body_text(item.get("body", ""))
        values["kind"] = item.get("kind_label") or item.get("kind")
    if kind == "objective":
        values["dimension_codes"] = ", ".join(d["code"] for d in item.get("dimensions", []))
    return values


def _compare_item(kind: str, old: dict | None, new: dict | None) -> ItemChange:
    item = new if new is not None else old
    change = ItemChange(kind=kind, id=item["id"], label=_label(kind, item), status="unchanged")
    if old is None or new is None:
        change.status = "added" if old is None else "removed"
        return change
    old_values, new_values = _values(kind, old), _values(kind, new)
    for key, label, is_text in FIELDS[kind]:
        before, after = old_values.get(key), new_values.get(key)
        if before == after or (before in (None, "") and after in (None, "")):
            continue
        diff = word_diff(str(before or ""), str(after or "")) if is_text else None
        change.fields.append(FieldChange(str(label), before, after, diff))
    if change.fields:
        change.status = "changed"
    return change


def _compare_lists(kind: str, old_items: list, new_items: list, children=None) -> list:
    """Items matched by id, in the new order; removed ones come after, in their old order.

    ``children(old_item, new_item)`` returns the comparison of the items nested under them.
    """
    old_by_id = {item["id"]: item for item in old_items}
    new_ids = {item["id"] for item in new_items}
    common_old = [item["id"] for item in old_items if item["id"] in new_ids]
    common_new = [item["id"] for item in new_items if item["id"] in old_by_id]
    old_rank = {pk: i for i, pk in enumerate(common_old)}
    new_rank = {pk: i for i, pk in enumerate(common_new)}
    result = []
    for item in new_items:
        previous = old_by_id.get(item["id"])
        change = _compare_item(kind, previous, item)
        change.moved = previous is not None and old_rank[item["id"]] != new_rank[item["id"]]
        if children:
            change.children = children(previous, item)
        result.append(change)
    for item in old_items:
        if item["id"] not in new_ids:
            change = _compare_item(kind, item, None)
            if children:
                change.children = children(item, None)
            result.append(change)
    return result


def compare_trees(old: dict, new: dict) -> dict:
    """Two document trees compared section by section and objective by objective.

    Everything is matched by id (a renamed or renumbered item is the same item); an item holds
    the fields that changed, old → new, texts with an inline word diff.
    """
    old, new = prepare_tree(old), prepare_tree(new)

    def indicators(old_specific, new_specific):
        return _compare_lists(
            "indicator",
            (old_specific or {}).get("indicators", []),
            (new_specific or {}).get("indicators", []),
        )

    def specifics(old_objective, new_objective):
        return _compare_lists(
            "specific",
            (old_objective or {}).get("specific", []),
            (new_objective or {}).get("specific", []),
            indicators,
        )

    groups = {
        "sections": _compare_lists("section", old["sections"], new["sections"]),
        "guidelines": _compare_lists("guideline", old["guidelines"], new["guidelines"]),
        "objectives": _compare_lists("objective", old["objectives"], new["objectives"], specifics),
    }
    title = None
    if old.get("title") != new.get("title"):
        title = FieldChange(_("Title"), old.get("title"), new.get("title"))
        title.diff = word_diff(old.get("title", ""), new.get("title", ""))
    counts = {"added": 0, "removed": 0, "changed": 0}

    def count(items):
        for item in items:
            if item.status in counts:
                counts[item.status] += 1
            count(item.children)

    for items in groups.values():
        count(items)
    titles = {
        "sections": gettext_lazy("Sections"),
        "guidelines": gettext_lazy("Guidelines"),
        "objectives": gettext_lazy("Strategic objectives"),
    }
    listed = [
        {
            "key": key,
            "title": titles[key],
            "changed": [item for item in items if item.has_changes],
            "unchanged": [item for item in items if not item.has_changes],
        }
        for key, items in groups.items()
    ]
    return {"title": title, "counts": counts, "groups": listed, **groups}


# --- Public consultation ---------------------------------------------------------------------


def stage_blocks_consultation(strategy: Strategy) -> str | None:
    """Why the cycle's stage does not let the consultation be opened or changed, or None."""
    try:
        _require_consultation_stage(strategy)
    except DomainError as error:
        return error.messages[0]
    return None


def _require_consultation_stage(strategy: Strategy) -> None:
    cycle = strategy.cycle
    if cycle.active_stage != CONSULTATION_STAGE:
        raise DomainError(
            _(
                "The public consultation can be opened only while the cycle is in the stage "
                "“%(stage)s”; it is now in the stage “%(current)s”."
            )
            % {"stage": get_stage(CONSULTATION_STAGE).label, "current": cycle.stage.label}
        )


def validate_comments_until(announced_on, comments_until) -> None:
    """Staff may give the public more time than the law asks, never less."""
    minimum = law52.statutory_dates(announced_on)["comments_until"]
    if comments_until < minimum:
        raise DomainError(
            _(
                "The period for recommendations cannot end before %(date)s, the statutory minimum "
                "(Law 52/2003, art. 7(4))."
            )
            % {"date": minimum.strftime("%d.%m.%Y")},
            code="comments_until",
        )


@transaction.atomic
def open_consultation(
    *,
    version: StrategyVersion,
    announced_on: datetime.date,
    justification: str,
    user,
    comments_until: datetime.date | None = None,
) -> PublicConsultation:
    """Put a published version to public consultation with the dates Law 52/2003 sets."""
    version = (
        StrategyVersion.objects.select_for_update()
        .select_related("strategy__cycle")
        .defer("snapshot")
        .get(pk=version.pk)
    )
    strategy = version.strategy
    _require_consultation_stage(strategy)
    if PublicConsultation.objects.filter(version=version).exists():
        raise DomainError(
            _("Version %(number)s is already under public consultation.")
            % {"number": version.number}
        )
    latest = strategy.versions.order_by("-number").values_list("number", flat=True).first()
    if latest != version.number:
        raise DomainError(
            _(
                "Version %(number)s is not the latest: put version %(latest)s to consultation, "
                "so that the public comments on the current draft."
            )
            % {"number": version.number, "latest": latest}
        )
    if not (justification or "").strip():
        raise DomainError(_("Write the justification note (referat)."), code="justification")
    if announced_on < timezone.localtime(version.published_at).date():
        raise DomainError(
            _("The announcement cannot come before the version was published (%(date)s).")
            % {"date": timezone.localtime(version.published_at).strftime("%d.%m.%Y")},
            code="announced_on",
        )
    dates = law52.statutory_dates(announced_on)
    if comments_until is None:
        comments_until = dates["comments_until"]
    validate_comments_until(announced_on, comments_until)
    overlapping = (
        PublicConsultation.objects.filter(
            version__strategy=strategy, comments_until__gte=announced_on
        )
        .select_related("version")
        .first()
    )
    if overlapping is not None:
        raise DomainError(
            _(
                "The consultation on version %(number)s accepts recommendations until %(date)s; "
                "a new one can be announced after that day."
            )
            % {
                "number": overlapping.version.number,
                "date": overlapping.comments_until.strftime("%d.%m.%Y"),
            },
            code="announced_on",
        )
    consultation = PublicConsultation(
        municipality_id=strategy.municipality_id,
        version=version,
        justification=justification.strip(),
        announced_on=announced_on,
        comments_until=comments_until,
        earliest_submission=law52.earliest_submission_for(announced_on, comments_until),
        opened_by=user,
    )
    consultation._history_user = user
    consultation.save()
    return consultation


@transaction.atomic
def change_comments_until(
    *, consultation: PublicConsultation, comments_until: datetime.date, user
) -> PublicConsultation:
    """Extend (or bring back) the end of the period for recommendations, never below the
    statutory minimum; the earliest submission follows."""
    consultation = (
        PublicConsultation.objects.select_for_update()
        .select_related("version__strategy__cycle")
        .get(pk=consultation.pk)
    )
    _require_consultation_stage(consultation.version.strategy)
    validate_comments_until(consultation.announced_on, comments_until)
    consultation.comments_until = comments_until
    consultation.earliest_submission = law52.earliest_submission_for(
        consultation.announced_on, comments_until
    )
    consultation._history_user = user
    consultation.save(update_fields=["comments_until", "earliest_submission"])
    return consultation
