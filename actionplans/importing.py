"""Import a plan's budget lines from a spreadsheet (XLSX or CSV), as the office keeps them.

One row per budget line: the measure (its number “2.3” as the plan shows it, or its exact
title), the funding source (“buget local”, “fonduri UE”, … or the key), the programme (required
for EU funds), the amount in lei and an optional note. Each row creates or updates the line of
(measure, source, programme); with ``replace`` the plan's lines the file does not list are
deleted, so the plan ends up with exactly the file's lines.

Every row is checked before anything is written: one error, and nothing is. Each error names
the row and the column (letter and header as written in the file) and quotes the value, so the
file can be fixed in one pass.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actionplans.budget import section_order_expression
from actionplans.models import MAX_AMOUNT, SECTION_ORDER, ActionPlan, BudgetLine, Measure
from actionplans.predicates import PLAN_STAGES
from beneficiaries.tabular import MAX_BYTES, TableError, header_key, read_table_columns
from consultations.models import FundingSource
from core.exceptions import DomainError
from core.text import file_size

MAX_ERRORS = 50  # shown on the page; the count says how many more there are

PROGRAMME_MAX = BudgetLine._meta.get_field("programme").max_length
NOTE_MAX = BudgetLine._meta.get_field("note").max_length

# Column headers in the order the export writes them: English msgids, translated when written.
# The import accepts the Romanian names below, the English ones, and whatever the active language
# translates the export's headers to (so an exported file always reads back).
HEADERS = {
    "measure": gettext_noop("Measure number"),
    "source": gettext_noop("Funding source"),
    "programme": gettext_noop("Programme"),
    "amount": gettext_noop("Amount (lei)"),
    "note": gettext_noop("Note"),
}
ALIASES = {
    "measure": (
        "Nr. măsură",
        "Nr. măsurii",
        "Număr măsură",
        "Măsura",
        "Măsură",
        "Measure",
        "Measure number",
    ),
    "source": (
        "Sursa de finanțare",
        "Sursă de finanțare",
        "Sursa finanțării",
        "Sursa",
        "Sursă",
        "Funding source",
        "Source",
    ),
    "programme": ("Program", "Programul", "Program de finanțare", "Programme", "Program name"),
    "amount": (
        "Suma (lei)",
        "Sumă (lei)",
        "Suma",
        "Sumă",
        "Valoare (lei)",
        "Valoare",
        "Amount (lei)",
        "Amount",
    ),
    "note": ("Observații", "Observație", "Notă", "Nota", "Mențiuni", "Note", "Notes"),
}
REQUIRED = {"measure", "source", "amount"}

SOURCE_ALIASES = {
    FundingSource.LOCAL: (
        "buget local",
        "bugetul local",
        "buget local cl",
        "bugetul consiliului local",
        "bl",
    ),
    FundingSource.COUNTY: (
        "buget judetean",
        "bugetul judetean",
        "bugetul consiliului judetean",
        "consiliul judetean",
        "bj",
    ),
    FundingSource.STATE: ("buget de stat", "bugetul de stat", "bugetul statului", "bs"),
    FundingSource.EU: (
        "fonduri ue",
        "fonduri europene",
        "fonduri externe nerambursabile",
        "fen",
        "ue",
        "eu",
    ),
    FundingSource.CONTRIBUTIONS: (
        "contributii beneficiari",
        "contributia beneficiarilor",
        "contributii ale beneficiarilor",
        "contributii",
    ),
    FundingSource.PRIVATE: (
        "fonduri private",
        "sponsorizari",
        "sponsorizare",
        "fonduri private si sponsorizari",
        "fonduri private si sponsorizare",
    ),
    FundingSource.OTHER: ("alte surse", "alta sursa", "altele", "alte"),
}


@dataclass
class RowError:
    row: int  # 0 for an error of the whole file
    message: str

    def __str__(self):
        return self.message


class BudgetImportFailed(DomainError):
    """The file was refused; ``errors`` name each row and column at fault. Nothing was written."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(
            _("The file was not imported: %(count)d error(s). Nothing was written.")
            % {"count": len(errors)}
        )


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int
    deleted: int


def columns() -> dict[str, tuple[str, ...]]:
    """The accepted names of each column, with the export's headers in the active language."""
    return {key: (*ALIASES[key], _(HEADERS[key])) for key in HEADERS}


def header_labels() -> list[str]:
    """The column headers the export and the template write, in the active language."""
    return [_(HEADERS[key]) for key in HEADERS]


def source_lookup() -> dict[str, str]:
    """Normalised name → source key: the keys, the Romanian names above and each source's label
    in Romanian, English and the active language."""
    lookup = {}
    for source in FundingSource:
        lookup[header_key(source.value)] = source.value
        for alias in SOURCE_ALIASES.get(source, ()):
            lookup[header_key(alias)] = source.value
        for language in {"ro", "en", translation.get_language() or "ro"}:
            with translation.override(language):
                lookup[header_key(str(source.label))] = source.value
    return lookup


def _number_key(value: str) -> str:
    """“2.3”, “2,3”, “ 2.3. ” → “2.3”."""
    return re.sub(r"\s+", "", value).replace(",", ".").strip(".")


def measure_lookup(plan: ActionPlan) -> tuple[dict[str, Measure], dict[str, list[Measure]]]:
    """The plan's measures by their derived number (as ``plan_data`` numbers them) and by their
    normalised title; one query."""
    by_number: dict[str, Measure] = {}
    by_title: dict[str, list[Measure]] = {}
    counters: dict[str, int] = {}
    for measure in (
        Measure.objects.filter(plan=plan)
        .annotate(section_order=section_order_expression())
        .order_by("section_order", "position", "pk")
        .only("pk", "title", "section")
    ):
        counters[measure.section] = counters.get(measure.section, 0) + 1
        number = f"{SECTION_ORDER[measure.section]}.{counters[measure.section]}"
        measure.number = number
        by_number[number] = measure
        by_title.setdefault(header_key(measure.title), []).append(measure)
    return by_number, by_title


_FLOAT_NOISE = re.compile(r"^-?\d+\.\d{10,}$")  # 1234.5600000000002, a spreadsheet's float


def parse_amount(value: str) -> Decimal:
    """An amount in lei: a number cell, or text like “1.234,56”, “1234,56”, “1234.56”,
    “1 234,56 lei”. Raises ValueError with the reason in words."""
    from strategy.forms_document import normalise_decimal

    text = value.strip()
    if text.lower().endswith("lei"):
        text = text[:-3].strip()
    if not text:
        raise ValueError(_("The amount is empty."))
    if _FLOAT_NOISE.match(text):
        # A computed cell (e.g. =B2*0.3) read back with binary noise: round it, it is not typed.
        rounded = Decimal(text).quantize(Decimal("0.01"))
        if abs(rounded - Decimal(text)) < Decimal("0.000001"):
            text = str(rounded)
    try:
        amount = Decimal(normalise_decimal(text))
    except InvalidOperation:
        raise ValueError(_("This is not an amount; write it like 1234,56.")) from None
    if not amount.is_finite():
        raise ValueError(_("This is not an amount; write it like 1234,56."))
    if amount < 0:
        raise ValueError(_("The amount cannot be negative."))
    if amount.as_tuple().exponent < -2:
        raise ValueError(
            _("At most two decimals (bani); for thousands write 1500 or 1.500,00, not 1.500.")
        )
    if amount > MAX_AMOUNT:
        raise ValueError(_("The amount is larger than 999.999.999.999,99 lei."))
    return amount.quantize(Decimal("0.01"))


@dataclass
class _Line:
    row: int
    measure: Measure
    source: str
    programme: str
    amount: Decimal
    note: str


def read_budget_file(plan: ActionPlan, filename: str, data: bytes) -> list[_Line]:
    """Every row of the file checked against the plan; BudgetImportFailed lists what is wrong."""
    if len(data) > MAX_BYTES:
        raise BudgetImportFailed(
            [
                RowError(
                    0,
                    _("The file is too large (%(size)s); the limit is %(limit)s.")
                    % {"size": file_size(len(data)), "limit": file_size(MAX_BYTES)},
                )
            ]
        )
    try:
        table = read_table_columns(filename, data, columns(), REQUIRED, any_sheet=True)
    except TableError as error:
        raise BudgetImportFailed([RowError(0, error.message)]) from error
    if not table.rows:
        raise BudgetImportFailed(
            [RowError(0, _("The file has a header but no budget line below it."))]
        )

    errors: list[RowError] = []

    def fail(row: int, column: str, message: str, value: str | None = None) -> None:
        if column in table.columns:
            where = _("Row %(row)d, column %(letter)s (%(header)s)") % {
                "row": row,
                "letter": table.column_letter(column),
                "header": table.column_header(column),
            }
        else:
            where = _("Row %(row)d") % {"row": row}
        if value is not None:
            message = _("%(message)s (value: “%(value)s”)") % {
                "message": message,
                "value": value[:80],
            }
        errors.append(RowError(row, f"{where}: {message}"))

    by_number, by_title = measure_lookup(plan)
    sources = source_lookup()
    seen: dict[tuple, int] = {}
    lines: list[_Line] = []
    for row in table.rows:
        values = row.values
        measure = None
        raw_measure = values["measure"].strip()
        if not raw_measure:
            fail(row.number, "measure", _("The measure is empty: write its number, e.g. 2.3."))
        else:
            measure = by_number.get(_number_key(raw_measure))
            if measure is None:
                matches = by_title.get(header_key(raw_measure), [])
                if len(matches) == 1:
                    measure = matches[0]
                elif len(matches) > 1:
                    fail(
                        row.number,
                        "measure",
                        _("Several measures have this title; write the measure's number."),
                        raw_measure,
                    )
                else:
                    fail(
                        row.number,
                        "measure",
                        _("The plan has no measure with this number or title."),
                        raw_measure,
                    )
        raw_source = values["source"].strip()
        source = sources.get(header_key(raw_source)) if raw_source else None
        if not raw_source:
            fail(row.number, "source", _("The funding source is empty."))
        elif source is None:
            fail(
                row.number,
                "source",
                _("Unknown funding source; write one of: %(sources)s.")
                % {"sources": ", ".join(str(label) for label in FundingSource.labels)},
                raw_source,
            )
        programme = " ".join(values["programme"].split())
        if source == FundingSource.EU and not programme:
            if "programme" in table.columns:
                fail(row.number, "programme", _("Name the EU programme (e.g. PIDS, PEO, PR)."))
            else:
                fail(
                    row.number,
                    "source",
                    _("EU funds need their programme: add a column “Program” and name it."),
                )
        elif len(programme) > PROGRAMME_MAX:
            fail(
                row.number,
                "programme",
                _("Longer than %(max)d characters.") % {"max": PROGRAMME_MAX},
            )
        amount = None
        try:
            amount = parse_amount(values["amount"])
        except ValueError as error:
            fail(row.number, "amount", str(error), values["amount"] or None)
        note = values["note"].strip()
        if len(note) > NOTE_MAX:
            fail(row.number, "note", _("Longer than %(max)d characters.") % {"max": NOTE_MAX})
        if measure is None or source is None:
            continue
        key = (measure.pk, source, programme)
        if key in seen:
            fail(
                row.number,
                "measure",
                _(
                    "Row %(first)d already gives this measure (%(number)s) money from the same "
                    "source and programme; keep one row per budget line."
                )
                % {"first": seen[key], "number": measure.number},
            )
            continue
        seen[key] = row.number
        if amount is not None:
            lines.append(_Line(row.number, measure, source, programme, amount, note))
    if errors:
        raise BudgetImportFailed(errors)
    return lines


def _refusal(plan: ActionPlan) -> str:
    from actionplans.editing import refusal_message

    return refusal_message(plan)


@transaction.atomic
def import_budget_lines(
    *, plan: ActionPlan, user, filename: str, data: bytes, replace: bool = False
) -> ImportResult:
    """Create or update the plan's budget lines from a file in one transaction; any error in
    any row writes nothing (BudgetImportFailed), and so does a plan no longer a draft."""
    locked = ActionPlan.objects.select_for_update().select_related("cycle").get(pk=plan.pk)
    if locked.status != ActionPlan.Status.DRAFT or locked.cycle.active_stage not in PLAN_STAGES:
        raise DomainError(_refusal(locked))
    lines = read_budget_file(locked, filename, data)

    existing = {
        (line.measure_id, line.source, line.programme): line
        for line in BudgetLine.objects.filter(measure__plan=locked)
    }
    to_create, to_update, unchanged = [], [], 0
    for item in lines:
        line = existing.pop((item.measure.pk, item.source, item.programme), None)
        if line is None:
            to_create.append(
                BudgetLine(
                    measure_id=item.measure.pk,
                    source=item.source,
                    programme=item.programme,
                    amount=item.amount,
                    note=item.note,
                )
            )
        elif line.amount != item.amount or line.note != item.note:
            line.amount, line.note = item.amount, item.note
            to_update.append(line)
        else:
            unchanged += 1
    # With ``replace`` the lines the file does not name go (what is left in ``existing``).
    deleted = 0
    if replace:
        for line in existing.values():
            line._history_user = user
            line.delete()
            deleted += 1
    if to_create:
        bulk_create_with_history(to_create, BudgetLine, default_user=user)
    if to_update:
        bulk_update_with_history(to_update, BudgetLine, ["amount", "note"], default_user=user)
    return ImportResult(
        created=len(to_create), updated=len(to_update), unchanged=unchanged, deleted=deleted
    )
