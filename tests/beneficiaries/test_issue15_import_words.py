"""Issue 15: the import_statements command speaks the catalogue's language throughout, not
English words around Romanian messages."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_statements", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_a_refused_file_is_reported_in_romanian_with_its_row_and_column(world, tmp_path):
    bad = tmp_path / "rele.csv"
    bad.write_text("întrebare;afirmație\n1;Bine\nx;Rău\n3;\n", encoding="utf-8")
    err = io.StringIO()
    with translation.override("ro"), pytest.raises(CommandError) as refused:
        call_command(
            "import_statements", str(bad), session=world.session.pk, user="staff", stderr=err
        )
    message = str(refused.value)
    assert message.endswith("Nu s-a importat nimic.")
    assert "Nothing was imported" not in message
    lines = err.getvalue().splitlines()
    assert any(line.startswith("Rândul 3, coloana „") for line in lines), lines
    assert any(line.startswith("Rândul 4, coloana „afirmație”") for line in lines), lines
    assert not any("row" in line or "column" in line for line in lines), lines
    assert not world.session.statements.exists()


def test_a_whole_file_error_names_the_file_in_romanian(world, tmp_path):
    empty = tmp_path / "gol.csv"
    empty.write_text("întrebare;afirmație\n", encoding="utf-8")
    err = io.StringIO()
    with translation.override("ro"), pytest.raises(CommandError):
        call_command(
            "import_statements", str(empty), session=world.session.pk, user="staff", stderr=err
        )
    assert err.getvalue().startswith("Fișierul: ")


def test_the_command_confirms_and_refuses_bad_arguments_in_romanian(world, tmp_path):
    good = tmp_path / "bune.csv"
    good.write_text("întrebare;afirmație\n1;Parcul curat\n2;Gălăgie\n", encoding="utf-8")
    with translation.override("ro"):
        out, _err = run(str(good), session=world.session.pk, user="staff")
        assert f"2 afirmații importate în „{world.session}”." in out
        with pytest.raises(CommandError, match="Nu există un utilizator cu numele nimeni."):
            run(str(good), session=world.session.pk, user="nimeni")
        with pytest.raises(CommandError, match="Nu există o sesiune SPIRAL cu id-ul 999999."):
            run(str(good), session=999999, user="staff")
        with pytest.raises(CommandError, match="Fișierul nu există"):
            run(str(tmp_path / "lipsa.csv"), session=world.session.pk, user="staff")
