"""Lookups and cells of the plan table.

A plan of a county has hundreds of measures and thousands of budget lines; rendered through
the template language (or format_html), their cells alone took most of the page's time budget
(make bench). `measure_cells` writes them with plain strings instead: every value that is not
markup of ours goes through `_e` (html.escape, quotes included), and nothing else is joined in.
"""

from html import escape

from django import template
from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from actionplans.models import Measure
from actionplans.templatetags.plans import lei, month_span
from consultations.models import FundingSource

register = template.Library()

DASH = "—"


@register.filter
def amount_for(by_source, key):
    """The amount of one funding source in a ``{source: amount}`` dict, or None."""
    if not by_source:
        return None
    return by_source.get(key)


def _e(value) -> str:
    return escape(str(value), quote=True)


def _amount(value) -> str:
    return lei(value, suffix=False)


def _or_dash(value) -> str:
    return DASH if value is None or value == "" else str(value)


def _labels(context) -> dict[str, dict[str, str]]:
    """Choice labels and fixed words in the active language, looked up once per rendering."""
    cache = context.render_context
    if "plan_table_labels" not in cache:
        cache["plan_table_labels"] = {
            "source": {key: _e(label) for key, label in FundingSource.choices},
            "status": {key: _e(label) for key, label in Measure.Status.choices},
            "no_budget": _e(_("No budget")),
            "no_budget_yet": _e(_("No budget yet")),
        }
    return cache["plan_table_labels"]


def _title_cell(measure: Measure, labels) -> str:
    status = ""
    if measure.status != Measure.Status.PLANNED:
        label = labels["status"].get(measure.status) or _e(measure.status)
        status = f' <span class="badge text-bg-secondary">{label}</span>'
    items = "".join(
        f"<li>{_e(i.name)}: {_e(floatformat(i.target, '-2'))} {_e(i.unit)}</li>"
        for i in measure.indicators.all()
    )
    listed = (
        f'<ul class="list-unstyled mb-0 mt-1 text-body-secondary">{items}</ul>' if items else ""
    )
    return f"<td><strong>{_e(measure.title)}</strong>{status}{listed}</td>"


def _service(measure: Measure) -> str:
    if measure.service_code or measure.service_name:
        return " – ".join(part for part in (measure.service_code, measure.service_name) if part)
    if measure.service_id:
        return f"{measure.service.code} – {measure.service.name}"
    return DASH


def _names(items) -> str:
    return "; ".join(item.name for item in items) or DASH


def _budget_cell(row, labels) -> str:
    measure = row.measure
    if row.lines:
        items = "".join(
            f"<li>{labels['source'].get(line.source) or _e(line.source)}"
            f"{f' ({_e(line.programme)})' if line.programme else ''}: "
            f'<span class="text-nowrap">{_e(_amount(line.amount))}</span></li>'
            for line in row.lines
        )
        return f'<ul class="list-unstyled mb-0">{items}</ul>'
    if measure.unfunded:
        reason = f": {_e(measure.unfunded_reason)}" if measure.unfunded_reason else ""
        return f'<span class="text-body-secondary">{labels["no_budget"]}{reason}</span>'
    return f'<span class="badge text-bg-warning">{labels["no_budget_yet"]}</span>'


@register.simple_tag(takes_context=True)
def measure_cells(context, row) -> SafeString:
    """The cells of one measure's row, from its number to its total, in the columns of
    includes/plan_table.html."""
    labels = _labels(context)
    measure = row.measure
    objective = (
        f'<abbr title="{_e(row.objective["title"])}">{_e(row.objective["number"])}</abbr>'
        if row.objective
        else DASH
    )
    zone = (
        f'<br><span class="text-body-secondary">{_e(measure.zone.name)}</span>'
        if measure.zone_id
        else ""
    )
    people = " / ".join(
        _e(_or_dash(value)) for value in (measure.capacity, measure.beneficiaries, measure.staff)
    )
    cells = (
        f'<th scope="row">{_e(row.number)}</th>',
        _title_cell(measure, labels),
        f"<td>{_e(_service(measure))}</td>",
        f"<td>{objective}</td>",
        f"<td>{_e(measure.department)}</td>",
        f"<td>{_e(_names(measure.partners.all()))}</td>",
        f"<td>{_e(_names(measure.categories.all()))}{zone}</td>",
        f"<td>{_e(month_span(measure.start_month, measure.end_month))}</td>",
        f"<td>{people}</td>",
        f"<td>{_budget_cell(row, labels)}</td>",
        f'<td class="text-end text-nowrap">{_e(_amount(row.total))}</td>',
    )
    return mark_safe("".join(cells))  # noqa: S308  (every value above went through _e)
