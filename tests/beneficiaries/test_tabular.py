import datetime
import io

import openpyxl
import pytest
from django.utils import translation

from beneficiaries.tabular import TableError, map_columns, read_rows, read_table

COLUMNS = {
    "text": ("Declarație", "Text"),
    "zone": ("Zonă", "Cartier"),
    "session": ("Sesiune",),
}
REQUIRED = {"text"}


def test_csv_utf8_bom_semicolons():
    data = "\ufeffDeclarație;Zonă\nMă simt singură, dar bine;Centru\n".encode()
    rows = read_table("import.csv", data, COLUMNS, REQUIRED)
    assert [(r.number, r.values) for r in rows] == [
        (2, {"text": "Mă simt singură, dar bine", "zone": "Centru", "session": ""})
    ]


def test_csv_utf8_without_bom_commas_and_quotes():
    data = 'text,cartier\n"Am nevoie de ajutor, la cumpărături",Nord\n'.encode()
    rows = read_table("import.csv", data, COLUMNS, REQUIRED)
    assert rows[0].values["text"] == "Am nevoie de ajutor, la cumpărături"
    assert rows[0].values["zone"] == "Nord"


def test_csv_cp1250_with_cedilla_letters_becomes_comma_below():
    text = "DECLARA\u0162IE;Zona\nNu \u015ftiu unde s\u0103 merg;Gar\u0103\n"
    data = text.encode("cp1250")
    assert b"\xba" in data  # ş in Windows-1250
    rows = read_table("import.csv", data, COLUMNS, REQUIRED)
    assert rows[0].values == {"text": "Nu \u0219tiu unde să merg", "zone": "Gară", "session": ""}


def test_csv_tab_separated_utf16_text_file():
    data = "Declarație\tSesiune\nÎmi place parcul\t3\n".encode("utf-16")
    rows = read_table("export.txt", data, COLUMNS, REQUIRED)
    assert rows[0].values["text"] == "Îmi place parcul"
    assert rows[0].values["session"] == "3"


def test_blank_rows_skipped_numbering_kept():
    data = "\nDeclarație;Zonă\nPrima;A\n;\n  ;  \nA doua;B\n".encode()
    rows = read_table("import.csv", data, COLUMNS, REQUIRED)
    assert [(r.number, r.values["text"]) for r in rows] == [(3, "Prima"), (6, "A doua")]


def test_title_line_above_header_is_skipped():
    data = "Declarații sesiunea 12 martie;\nDeclarație;Zonă\nBine;A\n".encode()
    rows = read_table("import.csv", data, COLUMNS, REQUIRED)
    assert [(r.number, r.values["text"]) for r in rows] == [(3, "Bine")]


def test_xlsx_written_with_openpyxl_is_read_back():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nr.", " DECLARAȚIE ", "Sesiune", "Data"])
    sheet.append([1, "Mă  simt\nbine", 5, datetime.date(2026, 3, 2)])
    sheet.append([])
    sheet.append([2, "Vreau un \u015fanţ", 2.5, datetime.datetime(2026, 3, 3, 0, 0)])
    buffer = io.BytesIO()
    workbook.save(buffer)

    rows = read_table("Import.XLSX", buffer.getvalue(), COLUMNS, REQUIRED)
    assert [(r.number, r.values["text"], r.values["session"]) for r in rows] == [
        (2, "Mă simt bine", "5"),
        (4, "Vreau un \u0219an\u021b", "2.5"),
    ]
    raw = read_rows("import.xlsx", buffer.getvalue())
    assert raw[0].values == {
        "Nr.": "1",
        "DECLARAȚIE": "Mă simt bine",
        "Sesiune": "5",
        "Data": "2026-03-02",
    }
    assert raw[1].values["Data"] == "2026-03-03"


def test_missing_required_column_is_named():
    data = "Zonă;Sesiune\nA;1\n".encode()
    with translation.override("en"), pytest.raises(TableError) as error:
        read_table("import.csv", data, COLUMNS, REQUIRED)
    assert "“Declarație”" in error.value.message
    assert "missing" in error.value.message


def test_map_columns_matches_without_diacritics():
    header = ["Cartier", "declaratie", "Altceva"]
    assert map_columns(header, COLUMNS, REQUIRED) == {"text": 1, "zone": 0}


def test_unsupported_extension_refused():
    with translation.override("en"), pytest.raises(TableError) as error:
        read_table("import.pdf", b"%PDF-1.4", COLUMNS, REQUIRED)
    assert error.value.message == "Only .xlsx and .csv files can be imported."


def test_oversized_and_broken_files_refused():
    with pytest.raises(TableError):
        read_table("import.csv", b"x" * (20 * 1024 * 1024 + 1), COLUMNS, REQUIRED)
    with pytest.raises(TableError):
        read_table("import.xlsx", b"not a workbook", COLUMNS, REQUIRED)
    with pytest.raises(TableError):
        read_table("import.csv", b"PK\x03\x04\x00\x00binary", COLUMNS, REQUIRED)
