"""Importing a plan's budget lines from XLSX/CSV: every row checked first, each error naming its
row and column, nothing written on any error; only staff on an editable draft."""

import io
import os
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from actionplans.importing import parse_amount
from actionplans.models import ActionPlan, BudgetLine
from tests.factories import (
    ActionPlanFactory,
    BudgetLineFactory,
    MeasureFactory,
    StrategyCycleFactory,
)
from tests.matrix import ALL, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

HEADER = ["Nr. măsură", "Sursa de finanțare", "Program", "Suma (lei)", "Observații"]
TITLE = "Centrul de zi „Speranța” pentru copii"


def make_plan(world, status=ActionPlan.Status.DRAFT):
    world.cycle.active_stage = "action_plan"
    world.cycle.save()
    plan = ActionPlanFactory(
        municipality=world.municipality,
        cycle=world.cycle,
        created_by=world.users["staff"],
        status=status,
    )
    MeasureFactory(plan=plan, section="existing", title=TITLE)  # 1.1
    MeasureFactory(plan=plan, section="existing", title="Îngrijire la domiciliu")  # 1.2
    MeasureFactory(plan=plan, section="new", title="Locuință protejată")  # 2.1
    return plan


@pytest.fixture
def plan(world):
    return make_plan(world)


def measure(plan, number):
    section = {"1": "existing", "2": "new"}[number.split(".")[0]]
    measures = list(plan.measures.filter(section=section).order_by("position", "pk"))
    return measures[int(number.split(".")[1]) - 1]


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name="buget.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def import_url(plan, slug=None):
    return reverse("plan-budget-import", args=[slug or plan.municipality.slug, plan.pk])


def post(client, plan, content, name="buget.xlsx", replace=False):
    data = {"file": upload(content, name)}
    if replace:
        data["replace"] = "on"
    return client.post(import_url(plan), data)


@pytest.fixture
def staff(as_user):
    client = as_user("staff")
    client.cookies["django_language"] = "en"
    return client


def lines(plan):
    return {
        (line.measure.title, line.source, line.programme): line.amount
        for line in BudgetLine.objects.filter(measure__plan=plan).select_related("measure")
    }


# --- Happy path -------------------------------------------------------------------------------


def test_staff_imports_lines_by_number_and_by_title_in_romanian(world, plan, staff):
    content = xlsx(
        [
            ["1.1", "buget local", "", "125.000,50", "salarii"],
            ["1.2", "Fonduri UE", "PIDS", 1234.56, ""],
            ["2.1", "buget de stat", None, "1234,56", None],
            [TITLE, "sponsorizări", "", 1000, ""],
            ["2,1", "Buget județean", "", "99.5", ""],
        ]
    )
    response = post(staff, plan, content)
    assert response.status_code == 302
    assert response["Location"] == reverse("plan-detail", args=[world.municipality.slug, plan.pk])
    assert lines(plan) == {
        (TITLE, "local", ""): Decimal("125000.50"),
        ("Îngrijire la domiciliu", "eu", "PIDS"): Decimal("1234.56"),
        ("Locuință protejată", "state", ""): Decimal("1234.56"),
        (TITLE, "private", ""): Decimal("1000.00"),
        ("Locuință protejată", "county", ""): Decimal("99.50"),
    }
    assert BudgetLine.objects.get(source="local").note == "salarii"
    page = staff.get(response["Location"]).content.decode()
    assert "5 line(s) added, 0 updated" in page
    line = BudgetLine.objects.get(source="local")
    assert line.history.first().history_user == world.users["staff"]


def test_a_csv_with_semicolons_imports_too(plan, staff):
    content = "Nr. masura;Sursa de finantare;Program;Suma (lei)\n1.1;buget local;;1.234,56\n"
    response = post(staff, plan, content.encode("cp1250"), name="buget.csv")
    assert response.status_code == 302
    assert lines(plan) == {(TITLE, "local", ""): Decimal("1234.56")}


def test_a_second_import_updates_the_same_line_and_keeps_the_others(plan, staff):
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    BudgetLineFactory(measure=measure(plan, "1.2"), source="state", amount=Decimal("7"))
    response = post(staff, plan, xlsx([["1.1", "local", "", "10,00", ""]]))
    assert response.status_code == 302
    assert lines(plan) == {
        (TITLE, "local", ""): Decimal("10.00"),
        ("Îngrijire la domiciliu", "state", ""): Decimal("7.00"),
    }
    assert BudgetLine.objects.filter(measure__plan=plan).count() == 2


def test_replace_deletes_the_lines_the_file_does_not_name(plan, staff):
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    BudgetLineFactory(measure=measure(plan, "1.2"), source="state", amount=Decimal("7"))
    response = post(staff, plan, xlsx([["1.1", "local", "", "10", ""]]), replace=True)
    assert response.status_code == 302
    assert lines(plan) == {(TITLE, "local", ""): Decimal("10.00")}
    page = staff.get(response["Location"]).content.decode()
    assert "0 line(s) added, 1 updated, 0 unchanged, 1 deleted" in page


def test_the_form_explains_the_columns_and_offers_a_template(plan, staff):
    page = staff.get(import_url(plan)).content.decode()
    assert "Suma (lei)" in page and "Sursa de finanțare" in page and "buget local" in page
    response = staff.get(import_url(plan) + "?template=1")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="buget-anual-2027-arcadia.xlsx"'
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(response.content))
    assert list(workbook.worksheets[0].iter_rows(values_only=True))[0] == (
        "Measure number",
        "Funding source",
        "Programme",
        "Amount (lei)",
        "Note",
    )
    measures = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert ("1.1", TITLE) in measures and ("2.1", "Locuință protejată") in measures


# --- Bad input: each names the row and the column, nothing written ----------------------------


def assert_refused(response, plan, *messages):
    page = response.content.decode()
    assert response.status_code == 400, page[:500]
    for message in messages:
        assert message in page, message
    assert "Nothing was written" in page
    assert lines(plan) == {(TITLE, "local", ""): Decimal("5.00")}  # the line from before, intact


@pytest.mark.parametrize(
    "amount, message",
    [
        ("-5", "Row 3, column D (Suma (lei)): The amount cannot be negative. (value: “-5”)"),
        (-12.5, "Row 3, column D (Suma (lei)): The amount cannot be negative. (value: “-12.5”)"),
        ("12,345", "Row 3, column D (Suma (lei)): At most two decimals"),
        ("1.500", "Row 3, column D (Suma (lei)): At most two decimals"),
        (
            "douăzeci",
            "Row 3, column D (Suma (lei)): This is not an amount; write it like 1234,56. "
            "(value: “douăzeci”)",
        ),
        ("1,2,3.4.5", "Row 3, column D (Suma (lei)): This is not an amount"),
        (
            "1000000000000",
            "Row 3, column D (Suma (lei)): The amount is larger than 999.999.999.999,99 lei.",
        ),
        ("", "Row 3, column D (Suma (lei)): The amount is empty."),
    ],
)
def test_a_bad_amount_is_refused_naming_row_and_column(plan, staff, amount, message):
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    content = xlsx([["1.1", "local", "", "10", ""], ["1.2", "buget local", "", amount, ""]])
    assert_refused(post(staff, plan, content), plan, message)


def test_unknown_measure_and_source_are_named(plan, staff):
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    content = xlsx(
        [
            ["9.9", "buget local", "", "10", ""],
            ["Centrul care nu există", "buget local", "", "10", ""],
            ["1.2", "bani de la primar", "", "10", ""],
            ["", "", "", "10", ""],
        ]
    )
    assert_refused(
        post(staff, plan, content),
        plan,
        "Row 2, column A (Nr. măsură): The plan has no measure with this number or title. "
        "(value: “9.9”)",
        "Row 3, column A (Nr. măsură): The plan has no measure with this number or title. "
        "(value: “Centrul care nu există”)",
        "Row 4, column B (Sursa de finanțare): Unknown funding source; write one of:",
        "(value: “bani de la primar”)",
        "Row 5, column A (Nr. măsură): The measure is empty",
        "Row 5, column B (Sursa de finanțare): The funding source is empty.",
    )


def test_eu_funds_without_a_programme_are_refused(plan, staff):
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    content = xlsx([["1.2", "fonduri europene", "  ", "10", ""]])
    assert_refused(
        post(staff, plan, content),
        plan,
        "Row 2, column C (Program): Name the EU programme (e.g. PIDS, PEO, PR).",
    )


def test_eu_funds_in_a_file_without_the_programme_column_are_refused(plan, staff):
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    content = xlsx([["1.2", "eu", "10"]], header=["Nr. măsură", "Sursa de finanțare", "Suma (lei)"])
    assert_refused(
        post(staff, plan, content),
        plan,
        "Row 2, column B (Sursa de finanțare): EU funds need their programme",
    )


def test_two_rows_for_the_same_line_are_refused(plan, staff):
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    content = xlsx(
        [
            ["1.2", "buget local", "", "10", ""],
            ["1.2", "fonduri UE", "PIDS", "10", ""],
            [" 1.2 ", "Buget local", None, "20", ""],
        ]
    )
    assert_refused(
        post(staff, plan, content),
        plan,
        "Row 4, column A (Nr. măsură): Row 2 already gives this measure (1.2) money from the "
        "same source and programme",
    )


def test_every_error_is_listed_not_only_the_first(plan, staff):
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    content = xlsx([["1.1", "local", f"P{n}", f"-{n}", ""] for n in range(1, 61)])
    response = post(staff, plan, content)
    assert_refused(response, plan, "Row 2, column D", "Row 51, column D", "…and 10 more problems.")
    assert "Row 52, column D" not in response.content.decode()


@pytest.mark.parametrize(
    "content, name, message",
    [
        (
            xlsx([["1.1", "local", "10"]], header=["Nr. măsură", "Sursa de finanțare", "Valoarea"]),
            "buget.xlsx",
            "The column “Suma (lei)” is missing (accepted names: “Suma (lei)”, “Sumă (lei)”",
        ),
        (xlsx([], header=HEADER), "buget.xlsx", "The file has a header but no budget line"),
        (
            os.urandom(4096),
            "buget.xlsx",
            "The file could not be read as an Excel (.xlsx) workbook.",
        ),
        (b"\x00\x01" + os.urandom(4096), "buget.csv", "The CSV file could not be read."),
        (b"%PDF-1.4 not a table", "buget.pdf", "Only .xlsx and .csv files can be imported."),
        (b"", "buget.xlsx", "The submitted file is empty."),
    ],
    ids=["missing column", "header only", "random bytes", "binary csv", "pdf", "empty"],
)
def test_a_file_that_is_not_a_budget_table_is_refused_clearly(plan, staff, content, name, message):
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    response = post(staff, plan, content, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert lines(plan) == {(TITLE, "local", ""): Decimal("5.00")}


def test_a_word_document_renamed_to_xlsx_is_refused(plan, staff):
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document>Plan</w:document>")
    assert_refused(
        post(staff, plan, buffer.getvalue()),
        plan,
        "The file could not be read as an Excel (.xlsx) workbook.",
    )


def test_a_file_over_the_size_limit_is_refused(plan, staff, monkeypatch):
    monkeypatch.setattr("actionplans.forms_files.MAX_BYTES", 1000)
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    response = post(staff, plan, b"x" * 2000, name="buget.csv")
    assert response.status_code == 400 and "The file is larger than" in response.content.decode()
    assert lines(plan) == {(TITLE, "local", ""): Decimal("5.00")}


@pytest.mark.parametrize(
    "status, message",
    [
        (ActionPlan.Status.APPROVED, "approved by the local council"),
        (ActionPlan.Status.SUBMITTED, "submitted to the local council"),
    ],
)
def test_a_plan_no_longer_a_draft_refuses_the_import(world, staff, status, message):
    plan = make_plan(world, status=status)
    BudgetLineFactory(measure=measure(plan, "1.1"), source="local", amount=Decimal("5"))
    for response in (
        staff.get(import_url(plan)),
        post(staff, plan, xlsx([["1.1", "local", "", "10", ""]])),
    ):
        assert response.status_code == 403
        assert message in response.content.decode()
    assert lines(plan) == {(TITLE, "local", ""): Decimal("5.00")}


def test_the_service_refuses_a_plan_approved_meanwhile(world, plan):
    """The form was shown on a draft; the vote came before the upload: nothing written."""
    from actionplans.importing import import_budget_lines
    from core.exceptions import DomainError

    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.APPROVED)
    with pytest.raises(DomainError):
        import_budget_lines(
            plan=plan,
            user=world.users["staff"],
            filename="b.xlsx",
            data=xlsx([["1.1", "local", "", "10", ""]]),
        )
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1 234,56 lei", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1234.5600000000002", "1234.56"),  # a computed cell's float noise
        ("0", "0.00"),
    ],
)
def test_amounts_are_read_as_the_office_writes_them(text, expected):
    assert parse_amount(text) == Decimal(expected)


def test_the_import_page_sends_a_constant_number_of_queries(world, plan, staff):
    few = count_queries(lambda: staff.get(import_url(plan)))
    for _ in range(10):
        MeasureFactory(plan=plan)
    assert count_queries(lambda: staff.get(import_url(plan))) == few


# --- Permission matrix ------------------------------------------------------------------------


def plan_for(world, status=ActionPlan.Status.DRAFT):
    cache = world.__dict__.setdefault("_plans", {})
    if status not in cache:
        cycle = StrategyCycleFactory(
            municipality=world.municipality, active_stage="action_plan", title=f"Ciclu {status}"
        )
        cache[status] = ActionPlanFactory(
            municipality=world.municipality,
            cycle=cycle,
            created_by=world.users["staff"],
            status=status,
        )
        MeasureFactory(plan=cache[status])
    return cache[status]


def foreign_plan(world):
    return ActionPlanFactory(
        municipality=world.other_municipality,
        cycle=StrategyCycleFactory(
            municipality=world.other_municipality, active_stage="action_plan"
        ),
        created_by=world.users["other_staff"],
    )


def url(name, plan_of, slug_of=None):
    return lambda w: reverse(
        name, args=[(slug_of(w) if slug_of else w.municipality.slug), plan_of(w).pk]
    )


SUBMITTED = ActionPlan.Status.SUBMITTED
APPROVED = ActionPlan.Status.APPROVED
CASES = [
    Case("import form on a draft", url("plan-budget-import", plan_for), statuses(MANAGERS, 200)),
    Case(
        "import POST on a draft without a file",
        url("plan-budget-import", plan_for),
        statuses(MANAGERS, 400),
        method="post",
    ),
    Case(
        "import form on a submitted plan",
        url("plan-budget-import", lambda w: plan_for(w, SUBMITTED)),
        {},
    ),
    Case(
        "import of another municipality's plan",
        url("plan-budget-import", foreign_plan),
        statuses(ALL[1:], 404),
        denied=404,
    ),
    Case("XLSX of a draft", url("plan-export-xlsx", plan_for), statuses(MANAGERS, 200)),
    Case(
        "XLSX of a submitted plan",
        url("plan-export-xlsx", lambda w: plan_for(w, SUBMITTED)),
        statuses((*MANAGERS, "secretary"), 200),
    ),
    Case(
        "XLSX of an approved plan",
        url("plan-export-xlsx", lambda w: plan_for(w, APPROVED)),
        statuses((*MANAGERS, "secretary"), 200),
    ),
    Case(
        "XLSX of another municipality's plan",
        url("plan-export-xlsx", foreign_plan),
        statuses(ALL[1:], 404),
        denied=404,
    ),
    Case(
        "XLSX of a plan through another municipality",
        url("plan-export-xlsx", plan_for, slug_of=lambda w: w.other_municipality.slug),
        statuses(ALL[1:], 404),
        denied=404,
    ),
    Case("PDF of a draft", url("plan-pdf", plan_for), statuses(MANAGERS, 302), method="post"),
    Case(
        "PDF of an approved plan",
        url("plan-pdf", lambda w: plan_for(w, APPROVED)),
        statuses((*MANAGERS, "secretary"), 302),
        method="post",
    ),
    Case(
        "PDF of another municipality's plan",
        url("plan-pdf", foreign_plan),
        statuses(ALL[1:], 404),
        method="post",
        denied=404,
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_the_pdf_url_refuses_get(world, staff):
    response = staff.get(reverse("plan-pdf", args=[world.municipality.slug, plan_for(world).pk]))
    assert response.status_code == 405
