"""Write .xlsx downloads with openpyxl (write-only mode: fast and lean on 20,000+ rows).

Every cell goes through safe_cell() so that text typed by users (statements, names) cannot
become a formula when the file is opened in Excel or LibreOffice (CSV/formula injection).
"""

import datetime
import io
import re
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 8
MAX_CELL_CHARS = 32767  # Excel's limit for one cell
MAX_TITLE_CHARS = 31  # Excel's limit for a sheet name
_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WIDTH_SAMPLE_ROWS = 2000  # enough to fit widths; keeps big exports quick


def safe_cell(value):
    """Prefix text that a spreadsheet would evaluate (=, +, -, @, tab, CR) with "'"."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _cell_value(value):
    """A value openpyxl accepts, made safe: lazy strings and unknown types become text."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return value
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        value = str(value)
    value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_CHARS]
    return safe_cell(value)


def _display_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def sheet_title(title, taken: set[str], index: int) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters, not blank."""
    text = _TITLE_FORBIDDEN.sub("", ILLEGAL_CHARACTERS_RE.sub("", str(title)))
    text = text.strip().strip("'").strip()[:MAX_TITLE_CHARS].strip()
    if not text or text.lower() == "history":  # "History" is reserved by Excel
        text = f"{text or 'Sheet'} {index}".strip()[:MAX_TITLE_CHARS]
    candidate, number = text, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = text[: MAX_TITLE_CHARS - len(suffix)].rstrip() + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def workbook_bytes(sheets: list[tuple], *, decimal_format: str | None = None) -> bytes:
    """Build an .xlsx from (title, header, rows) triples and return its bytes.

    The header row is bold and frozen; column widths are fitted to the content (capped).
    A sheet may carry a fourth item, a dict of options: ``caption`` (lines written above the
    header, e.g. a title too long for a sheet name) and ``bold_rows`` (indexes of data rows in
    bold, e.g. totals). ``decimal_format`` (e.g. "#,##0.00") is applied to Decimal cells.
    """
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    if not sheets:
        sheets = [("Sheet", [], [])]
    bold = Font(bold=True)
    for index, (title, header, rows, *extra) in enumerate(sheets, start=1):
        options = extra[0] if extra else {}
        caption = list(options.get("caption") or [])
        bold_rows = set(options.get("bold_rows") or ())
        sheet = workbook.create_sheet(title=sheet_title(title, taken, index))
        rows = rows if isinstance(rows, list | tuple) else list(rows)
        header_values = [_cell_value(value) for value in header]

        # Widths and frozen panes must be set before the first row is written.
        widths = [_display_length(value) for value in header_values]
        for row in rows[:_WIDTH_SAMPLE_ROWS]:
            for column, value in enumerate(row):
                length = _display_length(value)
                if column >= len(widths):
                    widths.append(length)
                elif length > widths[column]:
                    widths[column] = length
        for column, length in enumerate(widths, start=1):
            width = min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, length + 2))
            sheet.column_dimensions[get_column_letter(column)].width = width
        if header_values:
            sheet.freeze_panes = f"A{len(caption) + 2}"
        for line in caption:
            cell = WriteOnlyCell(sheet, value=_cell_value(line))
            cell.font = bold
            sheet.append([cell])
        if header_values:
            cells = []
            for value in header_values:
                cell = WriteOnlyCell(sheet, value=value)
                cell.font = bold
                cells.append(cell)
            sheet.append(cells)

        styled = decimal_format is not None or bold_rows
        for row_index, row in enumerate(rows):
            if not styled:
                sheet.append([_cell_value(value) for value in row])
                continue
            sheet.append(
                [
                    _styled_cell(sheet, value, decimal_format, row_index in bold_rows)
                    for value in row
                ]
            )

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _styled_cell(sheet, value, decimal_format, bold):
    value = _cell_value(value)
    if not bold and not (decimal_format and isinstance(value, Decimal)):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = Font(bold=True)
    if decimal_format and isinstance(value, Decimal):
        cell.number_format = decimal_format
    return cell
