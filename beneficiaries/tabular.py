"""Read uploaded XLSX/CSV tables the way Romanian offices really produce them.

CSV files may be UTF-8 (with or without BOM), UTF-16 ("Unicode text" from Excel),
Windows-1250 or ISO-8859-2, separated by ";", "," or tab. Row numbers are the ones the user
sees in Excel/LibreOffice (header = row 1 when it is the first line), blank rows included.
"""

import csv
import datetime
import io
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.text import file_size

from .textguard import normalise_romanian

MAX_BYTES = 20 * 1024 * 1024
HEADER_SEARCH_ROWS = 10  # a title line or two above the header is common in office files
_DELIMITERS = (";", ",", "\t")
_NO_DELIMITER = "\x1f"  # single-column CSV: a separator that never occurs in text


class TableError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Row:
    number: int  # 1-based, as shown by Excel/LibreOffice
    values: dict[str, str]


def header_key(name: str) -> str:
    """Normalise a header name for matching: lowercase, no diacritics, single spaces."""
    decomposed = unicodedata.normalize("NFKD", normalise_romanian(name).lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.strip(" *:.").split())


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return normalise_romanian(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return normalise_romanian(str(value))


def _read_xlsx(data: bytes) -> list[list[str]]:
    return _read_xlsx_sheets(data, first_only=True)[0][1]


def _read_xlsx_sheets(data: bytes, first_only: bool = False) -> list[tuple[str, list[list[str]]]]:
    """(name, grid) of the first sheet, or of every sheet in order."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = workbook.sheet_names[:1] if first_only else workbook.sheet_names
        # skip_empty_area=False keeps leading blank rows so numbering matches Excel.
        grids = [
            (name, workbook.get_sheet_by_index(index).to_python(skip_empty_area=False))
            for index, name in enumerate(names)
        ]
        if not grids:
            raise ValueError("no sheet")
    except Exception as exc:  # calamine raises several exception types for broken files
        raise TableError(_("The file could not be read as an Excel (.xlsx) workbook.")) from exc
    return [(name, [[_cell(value) for value in row] for row in grid]) for name, grid in grids]


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1250", "iso-8859-2")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:  # NUL bytes: a binary file renamed to .csv
            return text
    raise TableError(
        _("The CSV file could not be read. Save it as “CSV UTF-8” from Excel and try again.")
    )


def _delimiter(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    header = lines[0] if lines else ""
    counts = {d: header.count(d) for d in _DELIMITERS}
    present = [d for d in _DELIMITERS if counts[d]]
    if not present:
        return _NO_DELIMITER
    if len(present) == 1:
        return present[0]
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters="".join(present)).delimiter
    except csv.Error:
        return max(present, key=counts.__getitem__)


def _read_csv(data: bytes) -> list[list[str]]:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return [[normalise_romanian(value) for value in record] for record in reader]
    except csv.Error as exc:
        raise TableError(_("The CSV file is malformed: %(error)s") % {"error": exc}) from exc


def _read_grid(filename: str, data: bytes) -> list[list[str]]:
    """All rows of the first sheet; index i is the row numbered i + 1."""
    return _read_grids(filename, data)[0][1]


def _read_grids(
    filename: str, data: bytes, all_sheets: bool = False
) -> list[tuple[str, list[list[str]]]]:
    """(sheet name, rows) of the first sheet, or of every sheet of a workbook; a CSV is one."""
    extension = filename.lower().rpartition(".")[2] if "." in filename else ""
    if extension not in ("xlsx", "csv", "txt"):
        raise TableError(_("Only .xlsx and .csv files can be imported."))
    if len(data) > MAX_BYTES:
        raise TableError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": file_size(len(data)), "limit": file_size(MAX_BYTES)}
        )
    if extension == "xlsx":
        grids = _read_xlsx_sheets(data, first_only=not all_sheets)
    else:
        grids = [("", _read_csv(data))]
    if not any(any(row) for _name, grid in grids for row in grid):
        raise TableError(_("The file is empty."))
    return grids


def _data_rows(grid: list[list[str]], header_index: int):
    for index in range(header_index + 1, len(grid)):
        if any(grid[index]):
            yield index + 1, grid[index]


def read_rows(filename: str, data: bytes) -> list[Row]:
    """Rows below the header (first non-empty row), keyed by the header text as written."""
    grid = _read_grid(filename, data)
    header_index = next(i for i, row in enumerate(grid) if any(row))
    names = [(i, name) for i, name in enumerate(grid[header_index]) if name]
    rows = []
    for number, cells in _data_rows(grid, header_index):
        values: dict[str, str] = {}
        for i, name in names:
            values.setdefault(name, cells[i] if i < len(cells) else "")
        rows.append(Row(number, values))
    return rows


def map_columns(
    header: list[str], columns: dict[str, tuple[str, ...]], required: set[str]
) -> dict[str, int]:
    """Map canonical column names to header indexes, matching any of their aliases."""
    keys = [header_key(name) for name in header]
    mapping: dict[str, int] = {}
    for canonical, aliases in columns.items():
        wanted = {header_key(alias) for alias in (*aliases, canonical)}
        index = next((i for i, key in enumerate(keys) if key in wanted), None)
        if index is not None:
            mapping[canonical] = index
        elif canonical in required:
            names = aliases or (canonical,)
            raise TableError(
                _("The column “%(column)s” is missing (accepted names: %(aliases)s).")
                % {"column": names[0], "aliases": ", ".join(f"“{a}”" for a in names)}
            )
    return mapping


@dataclass
class Table:
    """A table read by ``read_table_columns``: its rows, and where each column was found."""

    rows: list[Row]
    columns: dict[str, int]  # canonical name -> 0-based index of its column (present ones only)
    header: list[str]  # the header row as written
    header_row: int  # its number, as shown by Excel/LibreOffice
    sheet: str = ""  # the sheet's name ("" for a CSV)

    def column_letter(self, canonical: str) -> str:
        """“D” for the fourth column; "" when the column is absent."""
        from openpyxl.utils import get_column_letter

        index = self.columns.get(canonical)
        return "" if index is None else get_column_letter(index + 1)

    def column_header(self, canonical: str) -> str:
        index = self.columns.get(canonical)
        return "" if index is None or index >= len(self.header) else self.header[index]


def _find_header(grid, columns, required) -> tuple[int, dict[str, int]]:
    candidates = [i for i, row in enumerate(grid) if any(row)][:HEADER_SEARCH_ROWS]
    if not candidates:
        raise TableError(_("The file is empty."))
    first_error = None
    for header_index in candidates:
        try:
            return header_index, map_columns(grid[header_index], columns, required)
        except TableError as exc:
            first_error = first_error or exc
    raise first_error


def read_table_columns(
    filename: str,
    data: bytes,
    columns: dict[str, tuple[str, ...]],
    required: set[str],
    *,
    any_sheet: bool = False,
) -> Table:
    """``read_table``, also telling where each column was found (to name its letter in errors).

    With ``any_sheet`` the first sheet of a workbook whose header has every required column is
    read (an exported workbook with the table on a later sheet); the error names what the first
    sheet lacks when none has them.
    """
    first_error = None
    for name, grid in _read_grids(filename, data, all_sheets=any_sheet):
        if not any(any(row) for row in grid):
            continue
        try:
            header_index, mapping = _find_header(grid, columns, required)
        except TableError as exc:
            first_error = first_error or exc
            continue
        rows = []
        for number, cells in _data_rows(grid, header_index):
            values = dict.fromkeys(columns, "")
            for canonical, i in mapping.items():
                if i < len(cells):
                    values[canonical] = cells[i]
            rows.append(Row(number, values))
        return Table(rows, mapping, list(grid[header_index]), header_index + 1, name)
    raise first_error or TableError(_("The file is empty."))


def read_table(
    filename: str, data: bytes, columns: dict[str, tuple[str, ...]], required: set[str]
) -> list[Row]:
    """Read a table; Row.values is keyed by canonical names ("" for absent optional columns).

    The header is the first non-empty row, unless it lacks a required column and one of the next
    few non-empty rows has them all (a title above the header).
    """
    return read_table_columns(filename, data, columns, required).rows
