"""Importing statements from the files Romanian offices really produce: all or nothing."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from beneficiaries.services import ImportFailed, import_statements

pytestmark = pytest.mark.django_db

VALID_CNP = "1850315120038"


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_with_blank_rows_and_question_names_is_imported(world):
    data = xlsx(
        [
            ["Întrebare", "Afirmație"],
            ["Stare de bine", "Vecinii care mă ajută"],
            [None, None],
            [2, "Frigul din casă iarna"],
            ["ce putem face împreună", "Un club pentru vârstnici în cartier"],
        ]
    )
    count = import_statements(
        session=world.session, user=world.users["staff"], filename="sesiune.xlsx", data=data
    )
    assert count == 3
    assert list(world.session.statements.order_by("pk").values_list("question", flat=True)) == [
        "wellbeing",
        "illbeing",
        "together",
    ]


def test_a_windows_1250_csv_with_semicolons_and_cedillas_is_normalised(world):
    data = "intrebare;afirmatie\n1;Liniştea din parc\n".encode("cp1250")
    import_statements(
        session=world.session, user=world.users["staff"], filename="export.csv", data=data
    )
    assert world.session.statements.get().text == "Liniștea din parc"


def test_a_utf8_bom_csv_with_commas_is_imported(world):
    data = "\ufeffÎntrebare,Afirmație\n4,Să ne cunoaștem vecinii\n".encode()
    import_statements(
        session=world.session, user=world.users["staff"], filename="export.csv", data=data
    )
    assert world.session.statements.get().question == "together"


@pytest.mark.parametrize(
    ("rows", "row", "column"),
    [
        ([["Întrebare", "Afirmație"], ["1", "Bine"], ["7", "Ce e asta"]], 3, "întrebare"),
        ([["Întrebare", "Afirmație"], ["1", "Bine"], ["2", ""]], 3, "afirmație"),
        ([["Întrebare", "Afirmație"], ["1", f"CNP-ul meu e {VALID_CNP}"]], 2, "afirmație"),
        ([["Întrebare", "Afirmație"], ["1", "x" * 1001]], 2, "afirmație"),
    ],
)
def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_written(world, rows, row, column):
    with pytest.raises(ImportFailed) as failure:
        import_statements(
            session=world.session, user=world.users["staff"], filename="f.xlsx", data=xlsx(rows)
        )
    assert [(e.row, str(e.column)) for e in failure.value.errors] == [(row, column)]
    assert not world.session.statements.exists()


def test_a_missing_column_is_named(world):
    with pytest.raises(ImportFailed) as failure:
        import_statements(
            session=world.session,
            user=world.users["staff"],
            filename="f.csv",
            data=b"intrebare;comentariu\n1;x\n",
        )
    assert "afirmatie" in failure.value.errors[0].message


def test_personal_data_can_be_redacted_at_import(world):
    data = xlsx([["Întrebare", "Afirmație"], ["2", f"Am CNP {VALID_CNP} și nu am acte"]])
    import_statements(
        session=world.session,
        user=world.users["staff"],
        filename="f.xlsx",
        data=data,
        resolution="redact",
    )
    assert world.session.statements.get().text == "Am CNP [CNP] și nu am acte"


def test_the_upload_page_lists_the_rows_at_fault(world, as_user):
    client = as_user("facilitator")
    url = reverse("spiral-statement-import", args=[world.municipality.slug, world.session.pk])
    upload = SimpleUploadedFile(
        "sesiune.csv", "întrebare;afirmație\n1;Bine\n9;Rău\n".encode(), "text/csv"
    )
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<td>3</td>" in html
    assert not world.session.statements.exists()
    upload = SimpleUploadedFile("sesiune.csv", "întrebare;afirmație\n1;Bine\n".encode(), "text/csv")
    assert client.post(url, {"file": upload}).status_code == 302
    assert world.session.statements.count() == 1


def test_the_upload_page_refuses_other_file_types(world, as_user):
    url = reverse("spiral-statement-import", args=[world.municipality.slug, world.session.pk])
    upload = SimpleUploadedFile("poze.pdf", b"%PDF-1.4", "application/pdf")
    response = as_user("facilitator").post(url, {"file": upload})
    assert response.status_code == 400
    assert "file" in response.context["form"].errors


def test_the_command_imports_and_reports_bad_rows(world, tmp_path, capsys):
    good = tmp_path / "bune.csv"
    good.write_text("întrebare;afirmație\n1;Parcul curat\n", encoding="utf-8")
    call_command("import_statements", str(good), session=world.session.pk, user="staff")
    assert world.session.statements.count() == 1
    bad = tmp_path / "rele.csv"
    bad.write_text("întrebare;afirmație\n1;Bine\nx;Rău\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nu s-a importat nimic"):
        call_command("import_statements", str(bad), session=world.session.pk, user="staff")
    assert "Rândul 3" in capsys.readouterr().err
    assert world.session.statements.count() == 1
