"""The plan in the three chapters of the framework model (Ordin 1086/2018, DOMAIN.md §2):
chapter I holds the existing services, the new ones and the contracting and subsidies; II the
public information; III the staff training. On the page, in the XLSX and in the PDF, with the
chapters' subtotals adding up to the plan's total."""

import io
import re
from decimal import Decimal

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from actionplans import dossier, importing
from actionplans.budget import CHAPTERS, plan_data
from actionplans.export import plan_pdf, plan_xlsx
from actionplans.models import ActionPlan, LegalSection
from tests.factories import (
    ActionPlanFactory,
    BudgetLineFactory,
    MeasureFactory,
    decision_for,
    specific_objective_for,
)

pytestmark = pytest.mark.django_db

CHAPTER_I = "Chapter I – Data on the administration, establishment and financing of social services"
CHAPTER_II = "Chapter II – Activities to inform the public about the existing social services"
CHAPTER_III = (
    "Chapter III – The training and methodological-guidance programme for social-services staff"
)
# What a reader sees, in order: each chapter heading followed by its sections.
OUTLINE = [
    CHAPTER_I,
    "1. Existing social services",
    "2. New social services to set up",
    "3. Contracting and subsidies for private providers",
    CHAPTER_II,
    "4. Public information activities",
    CHAPTER_III,
    "5. Staff training",
]
AMOUNTS = {
    "existing": [("local", "125000.00"), ("state", "40000.50")],
    "new": [("eu", "1234567.89")],
    "contracting": [("local", "300000.00")],
    "information": [("local", "15000.25")],
    "training": [("county", "8000.00"), ("local", "2000.00")],
}


@pytest.fixture
def plan(world):
    world.cycle.active_stage = "action_plan"
    world.cycle.save()
    objective = specific_objective_for(world.cycle)
    plan = ActionPlanFactory(
        municipality=world.municipality, cycle=world.cycle, created_by=world.users["staff"]
    )
    for section, lines in AMOUNTS.items():
        measure = MeasureFactory(
            plan=plan, section=section, specific_objective=objective, title=f"Măsura {section}"
        )
        for source, amount in lines:
            BudgetLineFactory(measure=measure, source=source, amount=Decimal(amount))
    return plan


def in_order(text: str, items: list[str]) -> bool:
    """Whether every item occurs in ``text``, each after the previous one."""
    position = -1
    for item in items:
        position = text.find(item, position + 1)
        if position < 0:
            return False
    return True


def page_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def pdf_text(content: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_every_section_of_the_model_belongs_to_exactly_one_chapter():
    keys = [key for _numeral, _label, sections in CHAPTERS for key in sections]
    assert sorted(keys) == sorted(LegalSection.values)
    assert [numeral for numeral, _label, _sections in CHAPTERS] == ["I", "II", "III"]


def test_the_chapter_subtotals_add_up_to_the_plans_total(plan):
    data = plan_data(plan)
    chapters = {chapter.numeral: chapter for chapter in data["chapters"]}
    assert chapters["I"].total == Decimal("1699568.39")  # 165000.50 + 1234567.89 + 300000
    assert chapters["II"].total == Decimal("15000.25")
    assert chapters["III"].total == Decimal("10000.00")
    assert sum(c.total for c in chapters.values()) == data["grand_total"] == Decimal("1724568.64")
    for source, amount in data["by_source"].items():
        assert sum(c.by_source.get(source, 0) for c in chapters.values()) == amount
    assert chapters["I"].by_source["local"] == Decimal("425000.00")
    assert [c.measure_count for c in chapters.values()] == [3, 1, 1]


def test_the_plan_page_shows_the_sections_under_their_chapters(plan, as_user):
    response = as_user("staff").get(reverse("plan-detail", args=[plan.municipality.slug, plan.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert in_order(page_text(html), OUTLINE)
    assert '<h3 class="h5 border-bottom pb-1" id="chapter-i-title">' + CHAPTER_I in html
    # Chapter I has three sections, so a subtotal of its own; then the plan's total.
    assert in_order(
        page_text(html),
        ["3. Contracting", "Total of chapter I: 1,699,568.39", CHAPTER_II, "Total of the plan"],
    )
    assert "Total of chapter II" not in html  # one section: its total is the chapter's


def test_the_public_page_totals_each_chapter(plan, client):
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.APPROVED)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("plan-public", args=[plan.municipality.slug, plan.year]))
    text = page_text(html.content.decode())
    assert in_order(text, OUTLINE)
    assert in_order(text, [CHAPTER_I, "3 1,699,568.39 lei", "1. Existing social services"])


def test_the_romanian_page_says_capitolul(plan, as_user):
    with translation.override("ro"):
        html = as_user("staff").get(reverse("plan-detail", args=[plan.municipality.slug, plan.pk]))
    text = page_text(html.content.decode())
    assert in_order(
        text,
        [
            "Capitolul I – Date privind administrarea, înființarea și finanțarea serviciilor",
            "Capitolul II – Activități de informare a publicului",
            "Capitolul III – Programul de formare",
        ],
    )


def test_the_xlsx_totals_the_budget_by_chapter_and_keeps_the_import_sheet(plan):
    workbook = load_workbook(io.BytesIO(plan_xlsx(plan)))
    # One sheet per section, in the chapters' order; the import sheet is unchanged.
    sections = OUTLINE[1:4] + OUTLINE[5:6] + OUTLINE[7:8]
    assert workbook.sheetnames[:5] == [name[:31] for name in sections]  # Excel's limit
    lines = list(workbook["Budget lines"].iter_rows(values_only=True))
    assert lines[0] == tuple(importing.header_labels())
    assert ("4.1", "local budget", None, 15000.25, None) in lines

    sheet = workbook["Total budget"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Chapter / section"
    labels = [row[0] for row in rows[2:]]
    assert labels[: len(OUTLINE)] == OUTLINE
    assert labels[len(OUTLINE)] == "Total budget of the plan"
    totals = {row[0]: row[-1] for row in rows[2:]}
    assert totals[CHAPTER_I] == pytest.approx(1699568.39)
    assert totals[CHAPTER_II] == pytest.approx(15000.25)
    assert totals[CHAPTER_III] == pytest.approx(10000.00)
    assert totals[CHAPTER_I] + totals[CHAPTER_II] + totals[CHAPTER_III] == pytest.approx(
        totals["Total budget of the plan"]
    )
    # The chapter rows are bold, the sections inside them are not.
    first_cells = {row[0].value: row[0] for row in sheet.iter_rows(min_row=3)}
    assert first_cells[CHAPTER_I].font.b and not first_cells[OUTLINE[1]].font.b


def test_the_pdf_prints_the_chapters_in_order_with_their_subtotals(plan):
    text = pdf_text(plan_pdf(plan))
    assert in_order(text, OUTLINE)
    assert in_order(text, ["3. Contracting", "Total of chapter I: 1,699,568.39", CHAPTER_II])
    # The total budget: each chapter with its subtotal, then the plan's total.
    assert in_order(
        text,
        [
            "Total budget of the plan",
            CHAPTER_I,
            "1,699,568.39",
            CHAPTER_II,
            "15,000.25",
            CHAPTER_III,
            "10,000.00",
            "1,724,568.64",
        ],
    )


def test_the_council_dossier_annex_has_the_same_chapters(plan):
    with translation.override("ro"):
        text = pdf_text(dossier.render(decision_for(plan, status="draft")))
    assert in_order(
        text,
        [
            "Capitolul I – Date privind administrarea",
            "1. Servicii sociale existente",
            "Capitolul II – Activități de informare",
            "Capitolul III – Programul de formare",
        ],
    )
