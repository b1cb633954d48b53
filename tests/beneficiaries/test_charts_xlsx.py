import datetime
import io
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from django.utils import translation

from beneficiaries import charts
from beneficiaries.xlsx import safe_cell, sheet_title, workbook_bytes

SVG = "{http://www.w3.org/2000/svg}"
ODD_LABEL = "Copii <6 ani & părinți"
RO_LABEL = "Familii în situație de sărăcie și țigănie extremă"
LONG_LABEL = (
    "Accesul la mijloacele de trai: locuință, hrană, îngrijire medicală și locuri de muncă "
    "pentru toată lumea din comunitate"
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # well-formed XML or this raises
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}desc") is not None
    assert "<script" not in svg.lower()
    assert "style=" not in svg.lower()
    assert "<style" not in svg.lower()
    return root


def all_text(root: ET.Element) -> str:
    return " ".join("".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def heatmap():
    return charts.heatmap_svg(
        [LONG_LABEL, ODD_LABEL, "Vârstnici"],
        ["Zona Centru", RO_LABEL, "Țăndărei & <Nord>"],
        [[12, 0, 3], [None, 7, 1], [40, None, 2.5]],
        title="Hartă <nevoi> & stări",
    )


def test_heatmap_is_valid_accessible_svg_with_escaped_labels():
    svg = heatmap()
    root = parse(svg)
    assert root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 ")
    assert root.find(f"{SVG}title").text == "Hartă <nevoi> & stări"
    assert "Copii &lt;6 ani &amp; părinți" in svg
    assert "&lt;Nord&gt;" in svg
    text = all_text(root)
    assert ODD_LABEL in text
    assert "Țăndărei & <Nord>" in text
    assert "ș" in text and "ț" in text
    assert "—" in text  # the hidden cells
    assert "40" in text and "2.5" in text
    assert "hidden" in text  # legend for hidden cells


def test_heatmap_cell_text_contrasts_with_its_cell():
    root = parse(heatmap())
    rects = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(rects) == 9
    darkest = max(
        (r for r in rects if r.get("fill").startswith("#")),
        key=lambda r: -charts.relative_luminance(r.get("fill")),
    )
    lightest = min(
        (r for r in rects if r.get("fill").startswith("#")),
        key=lambda r: -charts.relative_luminance(r.get("fill")),
    )
    assert charts.text_colour_on(darkest.get("fill")) == "#ffffff"
    assert charts.text_colour_on(lightest.get("fill")) == "#000000"
    for rect in rects:
        if rect.get("fill").startswith("#"):
            ink = charts.text_colour_on(rect.get("fill"))
            assert charts.contrast_ratio(ink, rect.get("fill")) >= 4.5


def test_heatmap_respects_max_value_and_custom_format():
    svg = charts.heatmap_svg(
        ["a"], ["b", "c"], [[5, 10]], title="t", max_value=100, value_format=lambda v: f"{v:g}%"
    )
    root = parse(svg)
    assert "10%" in all_text(root)
    assert "100%" in all_text(root)  # legend end
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert all(charts.relative_luminance(f) > 0.7 for f in fills)  # both light at 10 % of max


def test_heatmap_rotates_many_long_column_labels():
    columns = [f"{LONG_LABEL} {i}" for i in range(8)]
    root = parse(charts.heatmap_svg(["r"], columns, [list(range(8))], title="t"))
    assert any(t.get("transform", "").startswith("rotate(") for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize(
    ("rows", "columns", "values"),
    [([], [], []), (["a"], [], [[]]), (["a"], ["b"], [[None]])],
)
def test_heatmap_empty_input(rows, columns, values):
    root = parse(charts.heatmap_svg(rows, columns, values, title="Gol"))
    assert "No data yet." in all_text(root)


def test_bar_chart_is_valid_with_legend_and_values():
    svg = charts.bar_chart_svg(
        [LONG_LABEL, ODD_LABEL, RO_LABEL],
        {"Stare de bine": [12, 0, 5], "Stare de rău <&>": [30, 4, 1]},
        title="Afirmații pe familii",
    )
    root = parse(svg)
    text = all_text(root)
    assert "Stare de bine" in text and "Stare de rău <&>" in text
    assert "Stare de rău &lt;&amp;&gt;" in svg
    assert ODD_LABEL in text
    assert "30" in text
    assert root.find(f"{SVG}defs/{SVG}pattern") is not None  # second series is patterned
    assert root.get("width") == "100%"


@pytest.mark.parametrize(
    ("labels", "series"),
    [([], {}), (["a"], {}), ([], {"x": []}), (["a"], {"x": [None]})],
)
def test_bar_chart_empty_input(labels, series):
    root = parse(charts.bar_chart_svg(labels, series, title="Gol"))
    assert "No data yet." in all_text(root)


def test_wrap_text_keeps_diacritics_and_truncates():
    lines, truncated = charts.wrap_text(LONG_LABEL, 150, 13, max_lines=2)
    assert len(lines) == 2 and truncated and lines[-1].endswith("…")
    lines, truncated = charts.wrap_text("Țară și oraș", 500, 13)
    assert lines == ["Țară și oraș"] and not truncated


# --- xlsx ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+40 7", "'+40 7"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("normal = text", "normal = text"),
        ("", ""),
        (-5, -5),
        (1.5, 1.5),
        (None, None),
        (datetime.date(2025, 1, 2), datetime.date(2025, 1, 2)),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_sheet_titles_are_cleaned_shortened_and_unique():
    taken = set()
    assert sheet_title("a[b]:c*d?e/f\\g", taken, 1) == "abcdefg"
    assert sheet_title("x" * 40, taken, 2) == "x" * 31
    assert sheet_title("x" * 40, taken, 3) == "x" * 27 + " (2)"
    assert sheet_title("  ", taken, 4) == "Sheet 4"


def test_workbook_bytes_round_trip():
    long_title = "Afirmații pe familii SPIRAL și grupuri de beneficiari"
    content = workbook_bytes(
        [
            (
                long_title,
                ["Text", "Număr", "=Header"],
                [["=SUM(A1)", -5, "-5"], ["Țară și oraș", 3.5, None], ["x" * 200, 1, "@a"]],
            ),
            ("Zone: [nord]/sud?*", ["A"], [["+1"]]),
            ("Zone: [nord]/sud?*", ["B"], []),
        ]
    )
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == [long_title[:31].strip(), "Zone nordsud", "Zone nordsud (2)"]
    first = book.worksheets[0]
    assert first["A1"].value == "Text" and first["A1"].font.bold
    assert first["C1"].value == "'=Header"
    assert first["A2"].value == "'=SUM(A1)" and first["A2"].data_type == "s"
    assert first["B2"].value == -5 and first["B2"].data_type == "n"
    assert first["C2"].value == "'-5"
    assert first["A3"].value == "Țară și oraș"
    assert first["C4"].value == "'@a"
    assert not first["A2"].font.bold
    assert first.freeze_panes == "A2"
    assert first.column_dimensions["A"].width == 60  # capped
    assert 8 <= first.column_dimensions["B"].width < 20
    assert book.worksheets[1]["A2"].value == "'+1"


def test_workbook_bytes_handles_awkward_values():
    aware = datetime.datetime(2025, 3, 1, 12, 0, tzinfo=datetime.UTC)
    content = workbook_bytes(
        [("s", [translation.gettext_lazy("Name")], [[aware, "bell\x07", object.__name__]])]
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet["A1"].value == "Name"
    assert isinstance(sheet["A2"].value, datetime.datetime)
    assert sheet["B2"].value == "bell"


def test_workbook_bytes_without_sheets_is_still_a_workbook():
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes([])))
    assert len(book.worksheets) == 1
