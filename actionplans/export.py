"""The plan as files: an XLSX in the framework model's table layout, and a PDF.

Both read ``plan_data`` (a constant number of queries whatever the size of the plan) and the
same rows (``measure_cells``), so the workbook, the PDF and the pages never disagree. The
workbook's last sheet holds the budget lines in the import's column layout: the office edits it
and imports it back.
"""

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actionplans import importing
from actionplans.budget import ZERO, plan_data
from actionplans.models import ActionPlan, CouncilVote
from beneficiaries.xlsx import workbook_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DECIMAL_FORMAT = "#,##0.00"


def filename(plan: ActionPlan, extension: str) -> str:
    """plan-anual-2027-baia-mare.xlsx"""
    return f"plan-anual-{plan.year}-{slugify(plan.municipality.slug)}.{extension}"


def month_span(start: int, end: int) -> str:
    first, last = str(MONTHS[start]), str(MONTHS[end])
    return first if start == end else f"{first}–{last}"


def service_text(measure) -> tuple[str, str]:
    """The nomenclature code and the service's name, typed on the measure or from the guide."""
    code = measure.service_code or (measure.service.code if measure.service else "")
    name = measure.service_name or (measure.service.name if measure.service else "")
    return code, name


def objective_text(objective: dict | None) -> str:
    return f"{objective['number']} {objective['title']}" if objective else ""


def measure_cells(row, sources: list[dict]) -> dict:
    """One measure as the tables show it (prefetched relations only: no query)."""
    measure = row.measure
    code, name = service_text(measure)
    return {
        "number": row.number,
        "code": code,
        "title": measure.title,
        "service_name": name,
        "objective": objective_text(row.objective),
        "objective_number": row.objective["number"] if row.objective else "",
        "department": measure.department,
        "partners": "; ".join(p.name for p in measure.partners.all()),
        "categories": "; ".join(c.name for c in measure.categories.all()),
        "zone": measure.zone.name if measure.zone else "",
        "capacity": measure.capacity,
        "beneficiaries": measure.beneficiaries,
        "staff": measure.staff,
        "period": month_span(measure.start_month, measure.end_month),
        "status": str(measure.get_status_display()),
        "unfunded": measure.unfunded,
        "unfunded_reason": measure.unfunded_reason,
        "amounts": [row.by_source.get(source["key"], ZERO) for source in sources],
        "total": row.total,
    }


def adopting_vote(plan: ActionPlan) -> CouncilVote | None:
    if not plan.is_approved:
        return None
    from actionplans.council import plan_adopting_vote

    return plan_adopting_vote(plan)


def plan_title(plan: ActionPlan) -> str:
    return _(
        "Annual action plan for the social services administered and funded from the budget "
        "of the Local Council of %(municipality)s for the year %(year)s"
    ) % {"municipality": plan.municipality.name, "year": plan.year}


# --- XLSX --------------------------------------------------------------------------------------


def _section_sheet(block, sources: list[dict]) -> tuple:
    header = [
        _("No."),
        _("Service code"),
        _("Service / activity"),
        _("Specific objective"),
        _("Responsible"),
        _("Partners"),
        _("Beneficiary categories"),
        _("Zone"),
        _("Capacity"),
        _("Number of beneficiaries"),
        _("Number of staff"),
        _("Period"),
        _("Status"),
        *[source["label"] for source in sources],
        _("Total"),
    ]
    rows = []
    for row in block.rows:
        cells = measure_cells(row, sources)
        activity = cells["title"]
        if cells["service_name"] and cells["service_name"] != cells["title"]:
            activity = f"{activity} ({cells['service_name']})"
        rows.append(
            [
                cells["number"],
                cells["code"],
                activity,
                cells["objective"],
                cells["department"],
                cells["partners"],
                cells["categories"],
                cells["zone"],
                cells["capacity"],
                cells["beneficiaries"],
                cells["staff"],
                cells["period"],
                cells["status"],
                *cells["amounts"],
                cells["total"],
            ]
        )
    rows.append(
        [
            _("Total of section %(number)s") % {"number": block.number},
            *[""] * 12,
            *[block.by_source.get(source["key"], ZERO) for source in sources],
            block.total,
        ]
    )
    caption = [f"{block.number}. {block.label}"]
    return (
        f"{block.number}. {block.label}",
        header,
        rows,
        {"caption": caption, "bold_rows": {len(rows) - 1}},
    )


def _budget_sheet(data: dict) -> tuple:
    """The total budget by chapter of the model (bold, its subtotal) and by section inside it."""
    sources = data["sources"]
    rows = []
    bold_rows = set()
    for chapter in data["chapters"]:
        bold_rows.add(len(rows))
        rows.append(
            [
                chapter.heading,
                *[chapter.by_source.get(source["key"], ZERO) for source in sources],
                chapter.total,
            ]
        )
        rows += [
            [
                f"{block.number}. {block.label}",
                *[block.by_source.get(source["key"], ZERO) for source in sources],
                block.total,
            ]
            for block in chapter.sections
        ]
    bold_rows.add(len(rows))
    rows.append(
        [
            _("Total budget of the plan"),
            *[data["by_source"].get(source["key"], ZERO) for source in sources],
            data["grand_total"],
        ]
    )
    rows.append(
        [
            _("Share of the total (%)"),
            *[share["share"] for share in data["shares"]],
            Decimal("100.0") if data["grand_total"] else Decimal("0.0"),
        ]
    )
    return (
        _("Total budget"),
        [_("Chapter / section"), *[source["label"] for source in sources], _("Total")],
        rows,
        {
            "caption": [_("Total budget by chapter, section and funding source (lei)")],
            "bold_rows": bold_rows,
        },
    )


def _objectives_sheet(data: dict) -> tuple:
    rows = [
        [
            row["specific"]["objective"]["number"] + " " + row["specific"]["objective"]["title"],
            objective_text(row["specific"]),
            row["measures"],
            row["total"],
            row["skipped"].reason if row["skipped"] else "",
        ]
        for row in data["objective_rows"]
    ]
    return (
        _("Objectives"),
        [
            _("Strategic objective"),
            _("Specific objective"),
            _("Measures"),
            _("Total (lei)"),
            _("Why no measure this year"),
        ],
        rows,
    )


def budget_lines_rows(data: dict) -> list[list]:
    """One row per budget line, in the import's column layout."""
    rows = []
    for row in data["rows"]:
        for line in row.lines:
            rows.append([row.number, line.label, line.programme, line.amount, line.note])
    return rows


def lines_sheet(data: dict) -> tuple:
    return (_("Budget lines"), importing.header_labels(), budget_lines_rows(data))


def plan_xlsx(plan: ActionPlan, data: dict | None = None) -> bytes:
    """The plan's workbook: one sheet per legal section (in the order of the model's chapters),
    the total budget by chapter and section, the objectives and the budget lines (importable as
    they are)."""
    data = data or plan_data(plan)
    sources = data["sources"]
    sheets = [_section_sheet(block, sources) for block in data["sections"]]
    sheets += [_budget_sheet(data), _objectives_sheet(data), lines_sheet(data)]
    return workbook_bytes(sheets, decimal_format=DECIMAL_FORMAT)


def template_xlsx(plan: ActionPlan) -> bytes:
    """What the import reads: the plan's current lines (to edit), the measures' numbers and the
    accepted names of the funding sources."""
    from consultations.models import FundingSource

    data = plan_data(plan)
    measures = [[row.number, row.measure.title] for row in data["rows"]]
    sources = [
        [str(source.label), ", ".join(importing.SOURCE_ALIASES.get(source, ())), source.value]
        for source in FundingSource
    ]
    return workbook_bytes(
        [
            lines_sheet(data),
            (_("Measures of the plan"), [_("No."), _("Title")], measures),
            (
                _("Funding sources"),
                [_("Funding source"), _("Also accepted"), _("Key")],
                sources,
            ),
        ],
        decimal_format=DECIMAL_FORMAT,
    )


# --- PDF ---------------------------------------------------------------------------------------


def pdf_context(plan: ActionPlan, data: dict | None = None) -> dict:
    """What the PDF shows. Its section tables have a column only for the sources the plan uses
    (a landscape page holds the text columns and a few amounts); the budget matrix has all."""
    data = data or plan_data(plan)
    sources = data["sources"]
    used = [i for i, source in enumerate(sources) if data["by_source"].get(source["key"])]
    sections = []
    for block in data["sections"]:
        rows = [measure_cells(row, sources) for row in block.rows]
        for cells in rows:
            cells["used_amounts"] = [cells["amounts"][i] for i in used]
        amounts = [block.by_source.get(source["key"], ZERO) for source in sources]
        sections.append(
            {
                "block": block,
                "rows": rows,
                "amounts": amounts,
                "used_amounts": [amounts[i] for i in used],
            }
        )
    by_key = {section["block"].key: section for section in sections}
    chapters = []
    for chapter in data["chapters"]:
        amounts = [chapter.by_source.get(source["key"], ZERO) for source in sources]
        chapters.append(
            {
                "chapter": chapter,
                "sections": [by_key[block.key] for block in chapter.sections],
                "amounts": amounts,
                "used_amounts": [amounts[i] for i in used],
            }
        )
    return {
        "plan": plan,
        "municipality": plan.municipality,
        "data": data,
        "sources": sources,
        "used_sources": [sources[i] for i in used],
        "sections": sections,
        "chapters": chapters,
        "title": plan_title(plan),
        "vote": adopting_vote(plan),
        "totals_by_source": [data["by_source"].get(source["key"], ZERO) for source in sources],
        "generated_at": timezone.now(),
    }


def plan_html(plan: ActionPlan) -> str:
    return render_to_string("pdf/action_plan.html", pdf_context(plan))


def plan_pdf(plan: ActionPlan) -> bytes:
    from core.pdf import html_to_pdf

    return html_to_pdf(plan_html(plan))


def build_pdf(file) -> tuple[bytes, str, str]:
    """Make the PDF a GeneratedFile asks for: (content, filename, content type)."""
    from core.generated import set_progress

    plan = ActionPlan.objects.select_related("municipality", "cycle").get(
        pk=file.params["plan"], municipality_id=file.municipality_id
    )
    set_progress(file, 20)
    content = plan_pdf(plan)
    set_progress(file, 90)
    return content, filename(plan, "pdf"), "application/pdf"
