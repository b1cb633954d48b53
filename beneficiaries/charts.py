"""Static, accessible SVG charts for pages under a strict Content-Security-Policy.

The markup is written by hand: no <script>, no <style> element and no style="..." attribute,
only SVG presentation attributes, so it can be embedded inline in HTML (and in WeasyPrint PDFs).
Every chart has role="img", a <title> and a <desc>; the same numbers must also be shown as a
table next to the chart. Labels are escaped; text widths are estimated (no font metrics on the
server), with some slack, to wrap long Romanian labels.
"""

import hashlib
import math
import unicodedata
from collections.abc import Callable, Sequence
from html import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _

FONT_FAMILY = "system-ui, sans-serif"
TEXT_COLOUR = "#1a1a1a"
MUTED_COLOUR = "#4a4a4a"
GRID_COLOUR = "#d5dbe3"
MISSING_FILL = "#e6e6e6"
MISSING_STROKE = "#9a9a9a"
PAD = 12

# ColorBrewer "Blues" (9 classes): sequential, single hue, colour-blind safe, prints well.
BLUES = (
    "#f7fbff",
    "#deebf7",
    "#c6dbef",
    "#9ecae1",
    "#6baed6",
    "#4292c6",
    "#2171b5",
    "#08519c",
    "#08306b",
)

# Bar series: (main colour, light tint, pattern). Okabe-Ito-derived blue and a darkened orange;
# both keep more than 3:1 against white (WCAG 1.4.11), and the patterns differ as well.
SERIES_STYLES = (
    ("#0b5394", "#0b5394", "solid"),
    ("#a6480b", "#fbe3cf", "stripes"),
    ("#5b2a86", "#e9dcf5", "dots"),
    ("#1b6e43", "#d6efe1", "cross"),
)


def format_number(value: float) -> str:
    """Localised number: integers without decimals, other values with one decimal."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return number_format(value, decimal_pos=0, use_l10n=True)
    return number_format(value, decimal_pos=1, use_l10n=True)


# --- text measuring and wrapping -----------------------------------------------------------------

_NARROW = frozenset("fijlrtI.,:;'!|()[]{}/\\\"`")
_WIDE = frozenset("mwMW@%—")


def text_width(text: str, size: float) -> float:
    """Rough width in px of `text` in a sans-serif font; errs on the wide side."""
    units = 0.0
    for char in unicodedata.normalize("NFC", text):
        if unicodedata.combining(char):
            continue
        if char == " ":
            units += 0.3
        elif char in _NARROW:
            units += 0.32
        elif char in _WIDE:
            units += 0.88
        elif char.isupper():
            units += 0.7
        elif char.isdigit():
            units += 0.58
        else:
            units += 0.57
    return units * size


def wrap_text(
    text: str, max_width: float, size: float, max_lines: int = 3
) -> tuple[list[str], bool]:
    """Split `text` into lines no wider than `max_width`; returns (lines, truncated)."""
    words: list[tuple[str, bool]] = []  # (word, is a hard-broken piece ending in "-")
    for word in unicodedata.normalize("NFC", str(text)).split():
        # Hard-break a word that cannot fit on one line by itself.
        while text_width(word, size) > max_width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut] + "-", size) > max_width:
                cut -= 1
            words.append((word[:cut] + "-", True))
            word = word[cut:]
        words.append((word, False))
    lines: list[str] = []
    current, current_broken = "", False
    for word, broken in words:
        candidate = f"{current} {word}" if current else word
        if current and (current_broken or text_width(candidate, size) > max_width):
            lines.append(current)
            current = word
        else:
            current = candidate
        current_broken = broken
    if current:
        lines.append(current)
    if not lines:
        return [""], False
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_width(last + "…", size) > max_width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept, True


def _text_block(
    lines: Sequence[str],
    *,
    x: float,
    centre_y: float,
    size: float,
    line_height: float,
    anchor: str = "start",
    fill: str = TEXT_COLOUR,
    full_text: str | None = None,
    extra: str = "",
) -> str:
    """A <text> of one or more lines, vertically centred on `centre_y`."""
    first = centre_y - (len(lines) - 1) * line_height / 2 + size * 0.35
    parts = [
        f'<text x="{x:.1f}" y="{first:.1f}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}"{extra}>'
    ]
    if full_text is not None:
        parts.append(f"<title>{escape(full_text)}</title>")
    for index, line in enumerate(lines):
        dy = 0 if index == 0 else line_height
        parts.append(f'<tspan x="{x:.1f}" dy="{dy}">{escape(line)}</tspan>')
    parts.append("</text>")
    return "".join(parts)


# --- colours -------------------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{round(max(0, min(255, c))):02x}" for c in rgb)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = []
    for c in _rgb(colour):
        s = c / 255
        channels.append(s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def scale_colour(fraction: float) -> str:
    """Colour for a value in [0, 1] on the sequential blue scale (light = low, dark = high)."""
    fraction = min(1.0, max(0.0, fraction))
    position = fraction * (len(BLUES) - 1)
    index = min(int(position), len(BLUES) - 2)
    local = position - index
    low, high = _rgb(BLUES[index]), _rgb(BLUES[index + 1])
    return _hex([a + (b - a) * local for a, b in zip(low, high, strict=True)])


def text_colour_on(background: str) -> str:
    """Black or white, whichever contrasts more with `background` (always >= 4.5:1)."""
    black, white = "#000000", "#ffffff"
    if contrast_ratio(background, white) >= contrast_ratio(background, black):
        return white
    return black


# --- shared pieces -------------------------------------------------------------------------------


def _uid(prefix: str, *parts) -> str:
    """Deterministic id prefix so that several charts on one page do not clash."""
    digest = hashlib.sha1(repr(parts).encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"{prefix}{digest[:10]}"


def _open_svg(width: float, height: float, uid: str, title: str, desc: str, kind: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img" '
        f'viewBox="0 0 {math.ceil(width)} {math.ceil(height)}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" font-family="{FONT_FAMILY}" '
        f'aria-labelledby="{uid}-title {uid}-desc">'
        f'<title id="{uid}-title">{escape(title)}</title>'
        f'<desc id="{uid}-desc">{escape(desc)}</desc>'
    )


def empty_svg(title: str, message: str | None = None) -> str:
    """Small fixed-size chart that just says there is nothing to show."""
    message = message or _("No data yet.")
    uid = _uid("empty-", title, message)
    width = max(200, math.ceil(text_width(message, 14) + 2 * PAD))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-empty" role="img" '
        f'viewBox="0 0 {width} 40" width="{width}" height="40" font-family="{FONT_FAMILY}" '
        f'aria-labelledby="{uid}-title {uid}-desc">'
        f'<title id="{uid}-title">{escape(title)}</title>'
        f'<desc id="{uid}-desc">{escape(message)}</desc>'
        f'<text x="{PAD}" y="25" font-size="14" fill="{MUTED_COLOUR}">{escape(message)}</text>'
        "</svg>"
    )


def _hatch_pattern(pattern_id: str, background: str, ink: str) -> str:
    return (
        f'<pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{background}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{ink}" stroke-width="2"/>'
        "</pattern>"
    )


def _dots_pattern(pattern_id: str, background: str, ink: str) -> str:
    return (
        f'<pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{background}"/>'
        f'<circle cx="3" cy="3" r="1.6" fill="{ink}"/>'
        "</pattern>"
    )


def _cross_pattern(pattern_id: str, background: str, ink: str) -> str:
    return (
        f'<pattern id="{pattern_id}" width="7" height="7" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)">'
        f'<rect width="7" height="7" fill="{background}"/>'
        f'<line x1="0" y1="0" x2="0" y2="7" stroke="{ink}" stroke-width="1.5"/>'
        f'<line x1="0" y1="0" x2="7" y2="0" stroke="{ink}" stroke-width="1.5"/>'
        "</pattern>"
    )


def _is_number(value) -> bool:
    return (
        value is not None
        and not isinstance(value, bool)
        and isinstance(value, int | float)
        and math.isfinite(value)
    )


# --- heat map ------------------------------------------------------------------------------------

CELL_FONT = 13
ROW_FONT = 13
ROW_LINE = 16
ROW_LABEL_MAX = 230
COL_FONT = 12
COL_LINE = 15
COL_MAX_LINES = 3
COL_ROTATED_MAX = 170
MIN_CELL_W = 60
MAX_HORIZONTAL_CELL_W = 124
MIN_ROW_H = 34
TARGET_WIDTH = 960
SIN45 = math.sqrt(0.5)


def heatmap_svg(
    rows: list[str],
    columns: list[str],
    values: list[list[float | None]],
    *,
    title: str,
    value_format: Callable[[float], str] = format_number,
    max_value: float | None = None,
    description: str | None = None,
    missing_label: str | None = None,
) -> str:
    """Grid of coloured cells, one per (row, column); None cells are hatched and show "—".

    `values[r][c]` belongs to rows[r] and columns[c]. The colour scale runs from 0 to
    `max_value` (default: the largest value). `description` replaces the generated <desc>;
    `missing_label` is the legend text for None cells.
    """
    rows = [str(label) for label in rows]
    columns = [str(label) for label in columns]
    grid = [
        [
            (values[r][c] if r < len(values) and c < len(values[r]) else None)
            for c in range(len(columns))
        ]
        for r in range(len(rows))
    ]
    numbers = [v for line in grid for v in line if _is_number(v)]
    if not rows or not columns or not numbers:
        return empty_svg(title)
    top = max(numbers) if max_value is None else max_value
    top = top if top and top > 0 else 1
    has_missing = any(not _is_number(v) for line in grid for v in line)
    texts = [[value_format(v) if _is_number(v) else "—" for v in line] for line in grid]

    uid = _uid("hm-", rows, columns, grid, title, top)
    hatch_id = f"{uid}-missing"

    # Row labels (left), wrapped.
    row_blocks = [wrap_text(label, ROW_LABEL_MAX, ROW_FONT) for label in rows]
    row_label_w = max(text_width(line, ROW_FONT) for lines, _t in row_blocks for line in lines)
    row_label_w = min(ROW_LABEL_MAX, row_label_w)
    row_heights = [max(MIN_ROW_H, len(lines) * ROW_LINE + 12) for lines, _t in row_blocks]

    # Cells wide enough for the widest value; column labels horizontal (wrapped) if some
    # reasonable cell width fits them all in COL_MAX_LINES lines, otherwise rotated 45°.
    value_w = max(text_width(t, CELL_FONT) for line in texts for t in line) + 16
    cell_w = max(MIN_CELL_W, math.ceil(value_w))
    # Prefer the narrowest width with at most 2 lines, then 3 lines, never breaking a word.
    longest_word = max(
        (text_width(word, COL_FONT) for label in columns for word in label.split()), default=0
    )
    rotated = True
    col_blocks: list[tuple[list[str], bool]] = []
    narrowest = max(cell_w, math.ceil(longest_word) + 8)
    # Wider cells only while the chart stays about TARGET_WIDTH wide (else fonts shrink).
    room = (TARGET_WIDTH - PAD * 2 - row_label_w - 10) / len(columns)
    widest = max(cell_w, min(MAX_HORIZONTAL_CELL_W, math.floor(room)))
    widths = range(narrowest, widest + 1, 4)
    for max_lines in (2, COL_MAX_LINES):
        for width in widths:
            attempt = [wrap_text(label, width - 8, COL_FONT, max_lines) for label in columns]
            if not any(truncated for _l, truncated in attempt):
                cell_w, col_blocks, rotated = width, attempt, False
                break
        if not rotated:
            break
    if rotated:
        col_blocks = [wrap_text(label, COL_ROTATED_MAX, COL_FONT, 2) for label in columns]

    left = PAD + row_label_w + 10
    if rotated:
        # Local frame: lines stacked upwards from the anchor; rotate(-45) maps the extent
        # (w, h) to about (w + h) / sqrt(2) upwards and w / sqrt(2) to the right.
        extents = [
            (
                max(text_width(line, COL_FONT) for line in lines),
                (len(lines) - 1) * COL_LINE + COL_FONT,
            )
            for lines, _t in col_blocks
        ]
        header_h = max((w + h) * SIN45 for w, h in extents) + 12
        right_overhang = max(
            left + (c + 0.5) * cell_w + w * SIN45 for c, (w, _h) in enumerate(extents)
        )
    else:
        header_h = max(len(lines) for lines, _t in col_blocks) * COL_LINE + 12
        right_overhang = 0
    grid_top = PAD + header_h
    grid_w = cell_w * len(columns)
    grid_h = sum(row_heights)

    # Legend: colour ramp 0 .. max, then (if needed) the hatched swatch for hidden cells.
    legend_top = grid_top + grid_h + 16
    step_w, step_h = 22, 12
    zero_label, top_label = value_format(0), value_format(top)
    ramp_x = left + text_width(zero_label, 12) + 6
    ramp_end = ramp_x + step_w * len(BLUES)
    legend_right = ramp_end + 6 + text_width(top_label, 12)
    legend_h = step_h + 6
    missing_text = missing_label or _("hidden (too few statements to show)")
    if has_missing:
        legend_right = max(legend_right, left + 28 + text_width(missing_text, 12))
        legend_h += step_h + 10

    width = max(left + grid_w, right_overhang, legend_right) + PAD
    height = legend_top + legend_h + PAD

    if description is None:
        best = max(
            ((r, c) for r in range(len(rows)) for c in range(len(columns))),
            key=lambda rc: grid[rc[0]][rc[1]] if _is_number(grid[rc[0]][rc[1]]) else -math.inf,
        )
        description = _(
            "Heat map with %(rows)d rows and %(columns)d columns; darker cells mean higher "
            "values. Highest value: %(value)s (%(row)s, %(column)s)."
        ) % {
            "rows": len(rows),
            "columns": len(columns),
            "value": texts[best[0]][best[1]],
            "row": rows[best[0]],
            "column": columns[best[1]],
        }

    out = [_open_svg(width, height, uid, title, description, "heatmap")]
    if has_missing:
        out.append("<defs>" + _hatch_pattern(hatch_id, MISSING_FILL, "#c4c4c4") + "</defs>")

    # Column labels.
    out.append('<g class="chart-columns">')
    for c, (lines, truncated) in enumerate(col_blocks):
        centre_x = left + (c + 0.5) * cell_w
        full = columns[c] if truncated else None
        if rotated:
            x = centre_x - COL_FONT * 0.2
            y = grid_top - 6
            first = y - (len(lines) - 1) * COL_LINE
            out.append(
                f'<text x="{x:.1f}" y="{first:.1f}" font-size="{COL_FONT}" fill="{TEXT_COLOUR}" '
                f'transform="rotate(-45 {x:.1f} {y:.1f})">'
            )
            if full:
                out.append(f"<title>{escape(full)}</title>")
            for index, line in enumerate(lines):
                dy = 0 if index == 0 else COL_LINE
                out.append(f'<tspan x="{x:.1f}" dy="{dy}">{escape(line)}</tspan>')
            out.append("</text>")
        else:
            block_h = len(lines) * COL_LINE
            out.append(
                _text_block(
                    lines,
                    x=centre_x,
                    centre_y=grid_top - 6 - block_h / 2,
                    size=COL_FONT,
                    line_height=COL_LINE,
                    anchor="middle",
                    full_text=full,
                )
            )
    out.append("</g>")

    # Row labels and cells.
    out.append('<g class="chart-cells">')
    y = grid_top
    for r, (lines, truncated) in enumerate(row_blocks):
        row_h = row_heights[r]
        out.append(
            _text_block(
                lines,
                x=left - 10,
                centre_y=y + row_h / 2,
                size=ROW_FONT,
                line_height=ROW_LINE,
                anchor="end",
                full_text=rows[r] if truncated else None,
            )
        )
        for c in range(len(columns)):
            value = grid[r][c]
            x = left + c * cell_w
            tooltip = f"{rows[r]} / {columns[c]}: {texts[r][c]}"
            if _is_number(value):
                fill = scale_colour(value / top)
                ink = text_colour_on(fill)
            else:
                fill = f"url(#{hatch_id})"
                ink = TEXT_COLOUR
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{cell_w}" height="{row_h}" '
                f'fill="{fill}" stroke="#ffffff" stroke-width="2">'
                f"<title>{escape(tooltip)}</title></rect>"
            )
            out.append(
                f'<text x="{x + cell_w / 2:.1f}" y="{y + row_h / 2 + CELL_FONT * 0.35:.1f}" '
                f'font-size="{CELL_FONT}" font-weight="600" fill="{ink}" '
                f'text-anchor="middle">{escape(texts[r][c])}</text>'
            )
        y += row_h
    # Thin outline so that near-white cells stay visible on a white page.
    out.append(
        f'<rect x="{left - 1:.1f}" y="{grid_top - 1:.1f}" width="{grid_w + 2}" '
        f'height="{grid_h + 2}" fill="none" stroke="{GRID_COLOUR}" stroke-width="1"/>'
    )
    out.append("</g>")

    # Legend.
    out.append('<g class="chart-legend">')
    centre = legend_top + step_h / 2
    out.append(
        _text_block(
            [zero_label],
            x=ramp_x - 6,
            centre_y=centre,
            size=12,
            line_height=14,
            anchor="end",
            fill=MUTED_COLOUR,
        )
    )
    for index, colour in enumerate(BLUES):
        out.append(
            f'<rect x="{ramp_x + index * step_w:.1f}" y="{legend_top:.1f}" width="{step_w}" '
            f'height="{step_h}" fill="{colour}"/>'
        )
    out.append(
        f'<rect x="{ramp_x:.1f}" y="{legend_top:.1f}" width="{ramp_end - ramp_x:.1f}" '
        f'height="{step_h}" fill="none" stroke="{GRID_COLOUR}"/>'
    )
    out.append(
        _text_block(
            [top_label], x=ramp_end + 6, centre_y=centre, size=12, line_height=14, fill=MUTED_COLOUR
        )
    )
    if has_missing:
        swatch_y = legend_top + step_h + 10
        out.append(
            f'<rect x="{left:.1f}" y="{swatch_y:.1f}" width="{step_w}" height="{step_h}" '
            f'fill="url(#{hatch_id})" stroke="{MISSING_STROKE}" stroke-width="1"/>'
        )
        out.append(
            _text_block(
                [f"— {missing_text}"],
                x=left + step_w + 6,
                centre_y=swatch_y + step_h / 2,
                size=12,
                line_height=14,
                fill=MUTED_COLOUR,
            )
        )
    out.append("</g></svg>")
    return "".join(out)


# --- grouped horizontal bar chart ----------------------------------------------------------------

BAR_FONT = 13
BAR_LINE = 16
BAR_LABEL_MAX = 230
BAR_H = 18
BAR_GAP = 3
GROUP_PAD = 14
PLOT_W = 440
VALUE_FONT = 12


def nice_ticks(top: float, integers: bool, target: int = 5) -> list[float]:
    """0 and evenly spaced "round" ticks up to at least `top`."""
    if top <= 0:
        top = 1
    raw = top / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integers:
        step = max(1, math.ceil(step))
    count = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def bar_chart_svg(
    labels: list[str],
    series: dict[str, list[float]],
    *,
    title: str,
    value_format: Callable[[float], str] = format_number,
    description: str | None = None,
) -> str:
    """Horizontal grouped bars: one group per label, one bar per series, with a legend.

    The first series is solid, the next ones are striped/dotted/cross-hatched so that they can
    be told apart without colour. None values draw no bar and show "—".
    """
    labels = [str(label) for label in labels]
    names = [str(name) for name in series]
    data = [
        [
            (values[i] if i < len(values) else None) if values is not None else None
            for i in range(len(labels))
        ]
        for values in series.values()
    ]
    numbers = [v for values in data for v in values if _is_number(v)]
    if not labels or not names or not numbers:
        return empty_svg(title)

    uid = _uid("bc-", labels, names, data, title)
    integers = all(float(v).is_integer() for v in numbers)
    ticks = nice_ticks(max(max(numbers), 0), integers)
    top = ticks[-1] or 1

    label_blocks = [wrap_text(label, BAR_LABEL_MAX, BAR_FONT) for label in labels]
    label_w = min(
        BAR_LABEL_MAX,
        max(text_width(line, BAR_FONT) for lines, _t in label_blocks for line in lines),
    )
    left = PAD + label_w + 10
    value_texts = [[value_format(v) if _is_number(v) else "—" for v in values] for values in data]
    value_room = max(text_width(t, VALUE_FONT) for values in value_texts for t in values) + 10
    plot_right = left + PLOT_W
    width = plot_right + value_room + PAD

    # Legend at the top, items flowing onto more lines if needed.
    legend_items = []
    x, legend_y = left, PAD
    for index, name in enumerate(names):
        item_w = 18 + 6 + text_width(name, 13) + 20
        if x > left and x + item_w > width - PAD:
            x, legend_y = left, legend_y + 22
        legend_items.append((index, name, x, legend_y))
        x += item_w
    width = max(width, max(x for *_rest, x, _y in legend_items) + PAD)
    plot_top = legend_y + 14 + 16

    bars_h = len(names) * BAR_H + (len(names) - 1) * BAR_GAP
    group_heights = [max(bars_h, len(lines) * BAR_LINE) + GROUP_PAD for lines, _t in label_blocks]
    plot_bottom = plot_top + sum(group_heights)
    height = plot_bottom + 24 + PAD

    def x_of(value: float) -> float:
        return left + PLOT_W * max(0.0, value) / top

    if description is None:
        description = _(
            "Horizontal bar chart comparing %(series)s for %(count)d categories; "
            "the same figures are listed in the table."
        ) % {"series": ", ".join(names), "count": len(labels)}

    out = [_open_svg(width, height, uid, title, description, "bars")]
    fills = []
    defs = []
    for index in range(len(names)):
        ink, tint, pattern = SERIES_STYLES[index % len(SERIES_STYLES)]
        pattern_id = f"{uid}-s{index}"
        if pattern == "solid":
            fills.append((ink, ink))
            continue
        maker = {"stripes": _hatch_pattern, "dots": _dots_pattern, "cross": _cross_pattern}
        defs.append(maker[pattern](pattern_id, tint, ink))
        fills.append((f"url(#{pattern_id})", ink))
    if defs:
        out.append("<defs>" + "".join(defs) + "</defs>")

    # Legend.
    out.append('<g class="chart-legend">')
    for index, name, x, y in legend_items:
        fill, ink = fills[index]
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="18" height="14" fill="{fill}" '
            f'stroke="{ink}" stroke-width="1.5"/>'
        )
        out.append(_text_block([name], x=x + 24, centre_y=y + 7, size=13, line_height=16))
    out.append("</g>")

    # Grid lines and axis ticks.
    out.append('<g class="chart-axis">')
    for tick in ticks:
        x = x_of(tick)
        out.append(
            f'<line x1="{x:.1f}" y1="{plot_top - 4:.1f}" x2="{x:.1f}" y2="{plot_bottom:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{plot_bottom + 16:.1f}" font-size="12" fill="{MUTED_COLOUR}" '
            f'text-anchor="middle">{escape(value_format(tick))}</text>'
        )
    out.append(
        f'<line x1="{left:.1f}" y1="{plot_top - 4:.1f}" x2="{left:.1f}" y2="{plot_bottom:.1f}" '
        f'stroke="{MUTED_COLOUR}" stroke-width="1"/>'
    )
    out.append("</g>")

    # Groups.
    out.append('<g class="chart-bars">')
    y = plot_top
    for g, (lines, truncated) in enumerate(label_blocks):
        group_h = group_heights[g]
        inner_top = y + GROUP_PAD / 2
        inner_h = group_h - GROUP_PAD
        out.append(
            _text_block(
                lines,
                x=left - 10,
                centre_y=inner_top + inner_h / 2,
                size=BAR_FONT,
                line_height=BAR_LINE,
                anchor="end",
                full_text=labels[g] if truncated else None,
            )
        )
        bar_y = inner_top + (inner_h - bars_h) / 2
        for s, values in enumerate(data):
            value = values[g]
            fill, ink = fills[s]
            end = x_of(value) if _is_number(value) else left
            if _is_number(value) and end - left > 0:
                out.append(
                    f'<rect x="{left:.1f}" y="{bar_y:.1f}" width="{end - left:.1f}" '
                    f'height="{BAR_H}" fill="{fill}" stroke="{ink}" stroke-width="1">'
                    f"<title>{escape(f'{labels[g]} — {names[s]}: {value_texts[s][g]}')}</title>"
                    "</rect>"
                )
            out.append(
                f'<text x="{end + 5:.1f}" y="{bar_y + BAR_H / 2 + VALUE_FONT * 0.35:.1f}" '
                f'font-size="{VALUE_FONT}" fill="{TEXT_COLOUR}">{escape(value_texts[s][g])}</text>'
            )
            bar_y += BAR_H + BAR_GAP
        y += group_h
    out.append("</g></svg>")
    return "".join(out)
