"""The plan as XLSX (the model's table layout, importable back) and as PDF (stored-file pattern,
read back with pypdf)."""

import datetime
import io
import time
from decimal import Decimal

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from actionplans.budget import plan_data
from actionplans.export import plan_xlsx
from actionplans.files import PDF_KIND
from actionplans.models import ActionPlan, BudgetLine, CouncilVote, Measure
from actionplans.tasks import render_plan_pdf
from core.models import GeneratedFile
from tests.factories import (
    ActionPlanFactory,
    BeneficiaryCategoryFactory,
    BudgetLineFactory,
    MeasureFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    StrategyFactory,
    decision_for,  # noqa: I001
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

INJECTION = '=HYPERLINK("http://rău.example","clic")'


@pytest.fixture
def plan(world):
    world.cycle.active_stage = "action_plan"
    world.cycle.save()
    strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    first = StrategicObjectiveFactory(
        strategy=strategy, title="Îngrijire în comunitate", position=1
    )
    os11 = SpecificObjectiveFactory(objective=first, title="Servicii la domiciliu", position=1)
    os12 = SpecificObjectiveFactory(objective=first, title="Centre de zi", position=2)
    SpecificObjectiveFactory(objective=first, title="Locuințe protejate", position=3)
    plan = ActionPlanFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        created_by=world.users["staff"],
        introduction="Obiectivul general: creșterea calității vieții persoanelor vârstnice.",
    )
    home = MeasureFactory(
        plan=plan,
        section="existing",
        specific_objective=os11,
        title="Îngrijire la domiciliu pentru vârstnici",
        partners=[world.org_a],
        categories=[BeneficiaryCategoryFactory(municipality=world.municipality)],
        zone=world.zone,
        start_month=3,
        end_month=11,
    )
    day = MeasureFactory(plan=plan, section="new", specific_objective=os12, title=INJECTION)
    MeasureFactory(
        plan=plan,
        section="training",
        specific_objective=os12,
        title="Instruirea asistenților sociali",
        unfunded=True,
        unfunded_reason="Formare internă",
    )
    BudgetLineFactory(measure=home, source="local", amount=Decimal("125000.00"))
    BudgetLineFactory(measure=home, source="state", amount=Decimal("40000.50"))
    BudgetLineFactory(measure=day, source="eu", programme="PIDS", amount=Decimal("1234567.89"))
    BudgetLineFactory(measure=day, source="local", amount=Decimal("10000.00"), note="cofinanțare")
    return plan


@pytest.fixture
def staff(as_user):
    client = as_user("staff")
    client.cookies["django_language"] = "en"
    return client


def export_url(plan):
    return reverse("plan-export-xlsx", args=[plan.municipality.slug, plan.pk])


def sheet_rows(workbook, name):
    return list(workbook[name].iter_rows(values_only=True))


# --- XLSX -------------------------------------------------------------------------------------


def test_the_xlsx_has_the_models_layout_with_totals(plan, staff):
    response = staff.get(export_url(plan))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="plan-anual-2027-arcadia.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "1. Existing social services"
    assert len(workbook.sheetnames) == 8
    assert workbook.sheetnames[-3:] == ["Total budget", "Objectives", "Budget lines"]

    existing = sheet_rows(workbook, "1. Existing social services")
    assert existing[0] == ("1. Existing social services",) + (None,) * (len(existing[1]) - 1)
    header = existing[1]
    assert header[:4] == ("No.", "Service code", "Service / activity", "Specific objective")
    assert header[-1] == "Total" and "local budget" in header and "EU funds" in header
    row = dict(zip(header, existing[2], strict=True))
    assert row["No."] == "1.1"
    assert row["Service / activity"].startswith("Îngrijire la domiciliu pentru vârstnici")
    assert row["Specific objective"] == "OS1.1 Servicii la domiciliu"
    assert row["Partners"] == "Asociația Alfa" and row["Zone"] == "Ferneziu"
    assert row["Beneficiary categories"] == "Vârstnici"
    assert row["Period"] == "March–November"
    assert row["local budget"] == 125000 and row["state budget"] == 40000.5
    assert row["Total"] == 165000.5
    total = dict(zip(header, existing[-1], strict=True))
    assert total["No."] == "Total of section 1" and total["Total"] == 165000.5
    assert workbook["1. Existing social services"]["N3"].number_format == "#,##0.00"

    budget = sheet_rows(workbook, "Total budget")
    matrix = {row[0]: row for row in budget[2:]}
    grand = matrix["Total budget of the plan"]
    assert grand[-1] == pytest.approx(1409568.39)
    assert matrix["2. New social services to set up"][-1] == pytest.approx(1244567.89)

    objectives = sheet_rows(workbook, "Objectives")
    assert ("OS1 Îngrijire în comunitate", "OS1.3 Locuințe protejate", 0, 0, None) in objectives


def test_a_title_starting_with_equals_stays_text(plan, staff):
    workbook = load_workbook(io.BytesIO(staff.get(export_url(plan)).content))
    cell = workbook[workbook.sheetnames[1]]["C3"]
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")
    # the cell text is never a formula anywhere in the workbook
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_a_romanian_export_keeps_diacritics_and_imports_back(world, plan):
    from actionplans.importing import import_budget_lines
    from consultations.models import FundingSource

    before = plan_data(plan)
    with translation.override("ro"):
        content = plan_xlsx(plan)
        local = str(FundingSource.LOCAL.label)
    workbook = load_workbook(io.BytesIO(content))
    lines = sheet_rows(workbook, workbook.sheetnames[-1])
    assert lines[1] == ("1.1", local, None, 125000, None)
    with translation.override("ro"):
        eu = str(FundingSource.EU.label)
    assert ("2.1", eu, "PIDS", 1234567.89, None) in lines
    assert ("2.1", local, None, 10000, "cofinanțare") in lines
    first = sheet_rows(workbook, workbook.sheetnames[0])
    assert first[2][2].startswith("Îngrijire la domiciliu pentru vârstnici")
    BudgetLine.objects.filter(measure__plan=plan).delete()
    with translation.override("ro"):
        result = import_budget_lines(
            plan=plan, user=world.users["staff"], filename="plan.xlsx", data=content
        )
    assert result.created == 4
    assert plan_data(plan)["by_source"] == before["by_source"]


def test_an_exported_file_imports_back_to_the_same_totals(world, plan, staff):
    for n in range(10):  # numbers 1.2 … 1.11: "1.10" must not be read as 1.1
        measure = MeasureFactory(plan=plan, section="existing", title=f"Centru {n}")
        BudgetLineFactory(
            measure=measure, source="contributions", amount=Decimal(n) + Decimal("0.1")
        )
    before = plan_data(plan)
    content = staff.get(export_url(plan)).content
    BudgetLine.objects.filter(measure__plan=plan).update(amount=Decimal("1"))

    response = staff.post(
        reverse("plan-budget-import", args=[world.municipality.slug, plan.pk]),
        {"file": _upload(content), "replace": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    after = plan_data(plan)
    assert after["grand_total"] == before["grand_total"] == Decimal("1409614.39")
    assert after["by_source"] == before["by_source"]
    assert [row.by_source for row in after["rows"]] == [row.by_source for row in before["rows"]]
    assert BudgetLine.objects.get(source="local", measure__section="new").note == "cofinanțare"

    # Edit one amount in the exported file and import it again: that line changes, only it.
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Budget lines"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "1.1" and row[1].value == "local budget":
            row[3].value = 130000
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = staff.post(
        reverse("plan-budget-import", args=[world.municipality.slug, plan.pk]),
        {"file": _upload(buffer.getvalue())},
    )
    assert response.status_code == 302
    assert plan_data(plan)["grand_total"] == Decimal("1414614.39")
    assert "0 line(s) added, 1 updated" in staff.get(response["Location"]).content.decode()


def _upload(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("plan.xlsx", content)


def test_the_export_sends_a_constant_number_of_queries(plan, staff):
    few = count_queries(lambda: staff.get(export_url(plan)))
    for _ in range(15):
        measure = MeasureFactory(plan=plan, partners=[plan.municipality.organisations.first()])
        BudgetLineFactory(measure=measure)
    assert count_queries(lambda: staff.get(export_url(plan))) == few


def test_a_plan_of_400_measures_exports_every_budget_line(plan):
    # How fast is measured by `make bench` (bench/pages.py), not here.
    objective = plan.measures.first().specific_objective
    Measure.objects.bulk_create(
        Measure(
            plan=plan,
            section=("existing", "new", "contracting", "information", "training")[n % 5],
            specific_objective=objective,
            title=f"Măsura {n}",
            service_code="8810 ID-I",
            department="DAS",
            start_month=1,
            end_month=12,
            position=n,
        )
        for n in range(400)
    )
    sources = ("local", "state", "county", "private", "other")
    BudgetLine.objects.bulk_create(
        BudgetLine(measure=measure, source=source, amount=Decimal("1234.56"))
        for measure in Measure.objects.filter(title__startswith="Măsura ")
        for source in sources
    )
    content = plan_xlsx(plan)
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    assert len(list(workbook["Budget lines"].iter_rows())) == 1 + 4 + 2000


# --- PDF --------------------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """The PDF's words, with line breaks as spaces (the plan's table columns are narrow)."""
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def make_file(world, plan, language="ro"):
    return GeneratedFile.objects.create(
        municipality=world.municipality,
        kind=PDF_KIND,
        params={"plan": plan.pk},
        language=language,
        created_by=world.users["staff"],
    )


def test_the_task_makes_the_pdf_with_the_plans_numbers(world, plan):
    file = make_file(world, plan)
    assert render_plan_pdf(str(file.pk)) == GeneratedFile.State.DONE
    file.refresh_from_db()
    assert file.filename == "plan-anual-2027-arcadia.pdf" and file.content_type == "application/pdf"
    content = file.file.read()
    assert content.startswith(b"%PDF-")
    page = pypdf.PdfReader(io.BytesIO(content)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = pdf_text(content)
    assert "Municipiul Arcadia" in text and "2027" in text
    assert "Îngrijire la domiciliu pentru vârstnici" in text
    assert "creșterea calității vieții persoanelor vârstnice" in text
    assert "Instruirea asistenților sociali" in text and "Formare internă" in text
    for amount in ("125.000,00", "40.000,50", "1.234.567,89", "165.000,50", "1.409.568,39"):
        assert amount in text, amount
    assert "OS1.3 Locuințe protejate" in text  # the objective without a funded measure
    assert INJECTION.split("(")[0] in text  # shown as text, harmlessly


def test_an_approved_plan_says_whose_annex_it_is(world, plan):
    plan.status = ActionPlan.Status.APPROVED
    plan.save()
    CouncilVote.objects.create(
        decision=decision_for(plan),
        decision_number="45",
        decision_date=datetime.date(2026, 12, 15),
        in_office=21,
        present=19,
        votes_for=15,
        votes_against=2,
        abstentions=2,
        adopted=True,
        recorded_by=world.users["secretary"],
    )
    file = make_file(world, plan, language="en")
    render_plan_pdf(str(file.pk))
    file.refresh_from_db()
    text = pdf_text(file.file.read())
    assert "Annex to HCL no. 45 of 15.12.2026" in text
    assert "Annual action plan for the social services administered and funded" in text
    assert "1,409,568.39" in text  # English formatting in an English file


def test_asking_for_the_pdf_makes_it_and_the_secretary_downloads_it(
    world, plan, as_user, django_capture_on_commit_callbacks
):
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.SUBMITTED)
    secretary = as_user("secretary")
    with django_capture_on_commit_callbacks(execute=True):
        response = secretary.post(reverse("plan-pdf", args=[world.municipality.slug, plan.pk]))
    file = GeneratedFile.objects.get()
    assert file.kind == PDF_KIND and file.params == {"plan": plan.pk}
    assert response["Location"] == reverse(
        "generated-file", args=[world.municipality.slug, file.pk]
    )
    page = secretary.get(response["Location"]).content.decode()
    assert reverse("plan-detail", args=[world.municipality.slug, plan.pk]) in page
    download = secretary.get(
        reverse("generated-file-download", args=[world.municipality.slug, file.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    # the public and providers never get it
    assert (
        as_user("provider_a")
        .get(reverse("generated-file-download", args=[world.municipality.slug, file.pk]))
        .status_code
        == 403
    )


def test_a_pdf_of_a_plan_of_another_municipality_fails_cleanly(world, plan):
    file = GeneratedFile.objects.create(
        municipality=world.other_municipality,
        kind=PDF_KIND,
        params={"plan": plan.pk},
        created_by=world.users["other_staff"],
    )
    assert render_plan_pdf(str(file.pk)) == GeneratedFile.State.FAILED
    file.refresh_from_db()
    assert not file.file


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_makes_the_plans_pdf(real_worker):
    plan = ActionPlanFactory()
    measure = MeasureFactory(plan=plan, title="Cantina socială „Sfântul Nicolae”")
    BudgetLineFactory(measure=measure, amount=Decimal("98765.43"))
    file = GeneratedFile.objects.create(
        municipality=plan.municipality,
        kind=PDF_KIND,
        params={"plan": plan.pk},
        created_by=plan.created_by,
        language="ro",
    )
    render_plan_pdf.delay(str(file.pk))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        file.refresh_from_db()
        if file.state in (GeneratedFile.State.DONE, GeneratedFile.State.FAILED):
            break
        time.sleep(0.5)
    assert file.state == GeneratedFile.State.DONE, file.error
    text = pdf_text(file.file.read())
    assert "Cantina socială „Sfântul Nicolae”" in text and "98.765,43" in text
