"""The consultation report through the stored-file pattern: the row first, the task fills it, the
page polls, the download checks permission; the PDF renderer fetches nothing but our own files."""

import datetime
import http.server
import io
import threading
import time
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.generated import delete_expired, run_file_task
from core.models import GeneratedFile
from strategy.models import Debate, DebateRequest
from strategy.report import RefusedURL, render_pdf, report_data, static_only_fetcher
from strategy.tasks import render_consultation_report
from tests.factories import (
    CommentFactory,
    IndicatorFactory,
    PublicConsultationFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    StrategyFactory,
    StrategyVersionFactory,
    UserFactory,
)
from tests.matrix import ALL, MANAGERS, Case, check, statuses

pytestmark = pytest.mark.django_db

RECOMMENDATION = (
    "Propunem ședințe de consiliere și o țintă mai mare pentru îngrijirea la domiciliu."
)
REASONS = "Ținta se mărește la 150 de persoane; ședințele sunt prevăzute în OS1.1."


@pytest.fixture
def consultation(world):
    world.cycle.active_stage = "public_consultation"
    world.cycle.save()
    strategy = StrategyFactory(municipality=world.municipality, cycle=world.cycle)
    objective = StrategicObjectiveFactory(strategy=strategy, title="Îngrijire la domiciliu")
    IndicatorFactory(specific_objective=SpecificObjectiveFactory(objective=objective))
    version = StrategyVersionFactory(strategy=strategy, number=1)
    consultation = PublicConsultationFactory(version=version)
    CommentFactory(
        consultation=consultation,
        author=UserFactory(username="ion.vasilescu", first_name="Ion", last_name="Vasilescu"),
        target="objective",
        target_id=objective.pk,
        text=RECOMMENDATION,
        answer="partly",
        answer_reason=REASONS,
    )
    CommentFactory(
        consultation=consultation,
        stakeholder_kind="academic",
        text="Text jignitor care nu trebuie publicat",
        hidden_at=timezone.now(),
        hidden_reason="limbaj jignitor",
    )
    CommentFactory(consultation=consultation, stakeholder_kind="consilier", text="Fără răspuns")
    DebateRequest.objects.create(
        consultation=consultation,
        requested_by=world.users["provider_a"],
        organisation_name="Asociația Alfa",
    )
    Debate.objects.create(
        consultation=consultation,
        announced_on=consultation.announced_on,
        starts_at=timezone.now() - datetime.timedelta(days=1),
        place="Sala de consiliu",
        minutes="Au participat 14 persoane; s-a discutat ținta OS1.",
    )
    return consultation


def make_file(world, consultation, fmt="pdf", language="ro"):
    return GeneratedFile.objects.create(
        municipality=world.municipality,
        kind="consultation_report",
        params={"consultation": consultation.pk, "format": fmt},
        language=language,
        created_by=world.users["staff"],
    )


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def file_url(name, file, slug=None):
    return reverse(name, args=[slug or file.municipality.slug, file.pk])


# --- The task ---------------------------------------------------------------------------------


def test_the_task_renders_a_pdf_with_every_recommendation_and_its_answer(world, consultation):
    file = make_file(world, consultation)

    render_consultation_report(str(file.pk))

    file.refresh_from_db()
    assert file.state == GeneratedFile.State.DONE and file.progress == 100
    assert file.filename == f"raport-consultare-{consultation.pk}.pdf"
    assert file.content_type == "application/pdf"
    assert file.finished_at and file.expires_at - file.finished_at == datetime.timedelta(days=7)
    content = file.file.read()
    assert content.startswith(b"%PDF-")
    import hashlib

    assert file.sha256 == hashlib.sha256(content).hexdigest()
    text = pdf_text(content)
    assert "ședințe de consiliere" in text and "țintă mai mare" in text
    assert "Ținta se mărește la 150 de persoane" in text
    assert "OS1 Îngrijire la domiciliu" in text
    assert "limbaj jignitor" in text  # the moderation reason...
    assert "Text jignitor" not in text  # ...never the hidden text
    assert "Au participat 14 persoane" in text  # the debate's minutes
    assert "Asociația Alfa" in text
    assert "Vasilescu" not in text  # authors are not named


def test_the_report_follows_the_language_it_was_asked_in(world, consultation):
    file = make_file(world, consultation, language="en")
    render_consultation_report(str(file.pk))
    file.refresh_from_db()
    assert "Report on the public consultation" in pdf_text(file.file.read())


def test_the_xlsx_report_reads_back(world, consultation):
    file = make_file(world, consultation, fmt="xlsx", language="en")
    render_consultation_report(str(file.pk))
    file.refresh_from_db()
    assert file.filename == f"raport-consultare-{consultation.pk}.xlsx"
    workbook = load_workbook(io.BytesIO(file.file.read()))
    assert workbook.sheetnames == ["Summary", "Recommendations", "Participants", "Public debates"]
    rows = list(workbook["Recommendations"].iter_rows(values_only=True))
    assert rows[0][:4] == ("No.", "Sent", "Stakeholder type", "On")
    assert rows[1][4] == RECOMMENDATION and rows[1][6] == REASONS
    assert rows[1][5] == "partly accepted"
    assert rows[2][4] == "Hidden by moderation: limbaj jignitor"
    summary = dict(workbook["Summary"].iter_rows(values_only=True))
    assert summary["Recommendations received"] == 3
    assert summary["Partly accepted"] == 1 and summary["Not answered yet"] == 1


def test_the_task_is_idempotent(world, consultation, monkeypatch):
    file = make_file(world, consultation, fmt="xlsx")
    render_consultation_report(str(file.pk))
    file.refresh_from_db()
    first = (file.sha256, file.file.name, file.finished_at)

    def must_not_run(_file):
        raise AssertionError("a file already made was made again")

    monkeypatch.setattr("strategy.report.build", must_not_run)
    assert render_consultation_report(str(file.pk)) == GeneratedFile.State.DONE
    file.refresh_from_db()
    assert (file.sha256, file.file.name, file.finished_at) == first
    assert render_consultation_report("00000000-0000-0000-0000-000000000000") is None


def test_a_failure_is_recorded_on_the_row_and_shown(world, as_user, consultation):
    file = GeneratedFile.objects.create(
        municipality=world.municipality,
        kind="consultation_report",
        params={"consultation": 987654, "format": "pdf"},  # no such consultation
        created_by=world.users["staff"],
        language="en",
    )
    assert render_consultation_report(str(file.pk)) == GeneratedFile.State.FAILED
    file.refresh_from_db()
    assert file.state == GeneratedFile.State.FAILED and "could not be made" in file.error
    client = as_user("staff")
    client.cookies["django_language"] = "en"
    status = client.get(file_url("generated-file-status", file)).json()
    assert status["state"] == "failed" and status["download_url"] is None
    assert "could not be made" in client.get(file_url("generated-file", file)).content.decode()
    assert client.get(file_url("generated-file-download", file)).status_code == 404


def test_a_file_of_another_municipality_cannot_be_made_from_here(world, consultation):
    file = GeneratedFile.objects.create(
        municipality=world.other_municipality,
        kind="consultation_report",
        params={"consultation": consultation.pk, "format": "pdf"},
        created_by=world.users["other_staff"],
    )
    render_consultation_report(str(file.pk))
    file.refresh_from_db()
    assert file.state == GeneratedFile.State.FAILED and not file.file


# --- The view and the generic pages -----------------------------------------------------------


def test_asking_for_the_report_makes_it_and_offers_the_download(
    world, as_user, consultation, django_capture_on_commit_callbacks
):
    client = as_user("staff")
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("consultation-report", args=[world.municipality.slug, consultation.pk]),
            {"format": "pdf"},
        )
    file = GeneratedFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == file_url("generated-file", file)
    assert file.created_by == world.users["staff"] and file.language == "en"
    assert file.params == {"consultation": consultation.pk, "format": "pdf"}

    page = client.get(response["Location"]).content.decode()
    assert file_url("generated-file-download", file) in page
    assert "Back to the recommendations" in page
    status = client.get(file_url("generated-file-status", file)).json()
    assert status["state"] == "done" and status["progress"] == 100
    assert status["download_url"] == file_url("generated-file-download", file)

    download = client.get(status["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="raport-consultare-{consultation.pk}.pdf"'
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_an_unknown_format_is_refused(world, as_user, consultation):
    response = as_user("staff").post(
        reverse("consultation-report", args=[world.municipality.slug, consultation.pk]),
        {"format": "docx"},
    )
    assert response.status_code == 400 and response.context["report_form"].errors["format"]
    assert not GeneratedFile.objects.exists()


def test_the_waiting_page_polls_a_fragment_until_the_file_is_ready(world, as_user, consultation):
    file = make_file(world, consultation)
    client = as_user("staff")
    page = client.get(file_url("generated-file", file)).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    fragment = client.get(file_url("generated-file", file), HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert client.get(file_url("generated-file-status", file)).json()["state"] == "queued"
    assert client.get(file_url("generated-file-download", file)).status_code == 404
    render_consultation_report(str(file.pk))
    fragment = client.get(file_url("generated-file", file), HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in fragment.content.decode()  # polling stops


def test_an_expired_file_is_gone_and_the_clean_up_deletes_it(world, as_user, consultation):
    file = make_file(world, consultation, fmt="xlsx")
    render_consultation_report(str(file.pk))
    file.refresh_from_db()
    stored = Path(file.file.path)
    assert stored.exists()
    file.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    file.save()
    client = as_user("staff")
    assert client.get(file_url("generated-file-download", file)).status_code == 410
    assert client.get(file_url("generated-file-status", file)).json()["expired"] is True

    fresh = make_file(world, consultation, fmt="xlsx")
    assert delete_expired() == 1
    assert not stored.exists()
    assert list(GeneratedFile.objects.all()) == [fresh]


def done_file(w):
    file = GeneratedFile.objects.create(
        municipality=w.municipality,
        kind="consultation_report",
        params={"consultation": 1, "format": "pdf"},
        created_by=w.users["staff"],
        state=GeneratedFile.State.DONE,
        filename="raport-consultare-1.pdf",
        content_type="application/pdf",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    file.file.save(f"{file.pk}.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return file


def other_file(w):
    return GeneratedFile.objects.create(
        municipality=w.other_municipality,
        kind="consultation_report",
        created_by=w.users["other_staff"],
    )


CASES = [
    Case(
        "generated file page",
        lambda w: file_url("generated-file", done_file(w)),
        statuses(MANAGERS, 200),
    ),
    Case(
        "generated file status",
        lambda w: file_url("generated-file-status", done_file(w)),
        statuses(MANAGERS, 200),
    ),
    Case(
        "generated file download",
        lambda w: file_url("generated-file-download", done_file(w)),
        statuses(MANAGERS, 200),
    ),
    Case(
        "another municipality's file through this municipality",
        lambda w: file_url("generated-file-download", other_file(w), slug=w.municipality.slug),
        statuses(ALL[1:], 404),  # not found for anyone logged in: it is not here
        denied=404,
    ),
    Case(
        "this municipality's file through another municipality",
        lambda w: file_url("generated-file-download", done_file(w), slug=w.other_municipality.slug),
        statuses(ALL[1:], 404),
        denied=404,
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_a_provider_or_another_municipality_cannot_download(world, as_user):
    file = done_file(world)
    url = file_url("generated-file-download", file)
    assert as_user("provider_a").get(url).status_code == 403
    assert as_user("other_staff").get(url).status_code == 403
    assert as_user("secretary").get(url).status_code == 403
    other_url = file_url("generated-file-download", file, slug=world.other_municipality.slug)
    assert as_user("other_staff").get(other_url).status_code == 404


# --- No SSRF: the PDF reads only our own files --------------------------------------------------


@pytest.fixture
def listener():
    """An HTTP server on 127.0.0.1 that records every request it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_an_image_in_a_comment_is_never_fetched(world, consultation, listener):
    base, hits = listener
    CommentFactory(
        consultation=consultation,
        text=f'<img src="{base}/comment.png"><link rel="stylesheet" href="{base}/x.css">',
    )
    text = pdf_text(render_pdf(report_data(consultation)))
    assert f'<img src="{base}/comment.png">' in text  # shown as text, inert
    assert hits == []


def test_the_fetcher_refuses_anything_but_our_static_files(listener, tmp_path):
    from weasyprint import HTML

    base, hits = listener
    fetcher = static_only_fetcher()
    for url in (
        f"{base}/secret",
        "https://example.org/font.woff2",
        "ftp://127.0.0.1/x",
        "file:///etc/passwd",
        (Path(settings.BASE_DIR) / "static" / ".." / "manage.py").resolve().as_uri(),
        (Path(settings.BASE_DIR) / "static").as_uri() + "/../manage.py",
        "file://evil.example/etc/passwd",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    outside = tmp_path / "link.css"
    outside.write_text("body{}")
    with pytest.raises(RefusedURL):
        fetcher.fetch(outside.as_uri())

    css = Path(settings.BASE_DIR) / "static" / "css" / "spirala.css"
    response = fetcher.fetch(css.as_uri())
    assert response.read() == css.read_bytes() and response.content_type == "text/css"
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"

    # Even raw HTML (never what we render: comments are escaped) fetches nothing from outside.
    HTML(
        string=f'<img src="{base}/raw.png"><link rel="stylesheet" href="{base}/raw.css">',
        url_fetcher=static_only_fetcher(),
    ).write_pdf()
    assert hits == []


# --- The real worker (CI) ------------------------------------------------------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_makes_the_report(real_worker):
    strategy = StrategyFactory()
    version = StrategyVersionFactory(strategy=strategy, number=1)
    consultation = PublicConsultationFactory(version=version)
    CommentFactory(
        consultation=consultation, text=RECOMMENDATION, answer="accepted", answer_reason=REASONS
    )
    file = GeneratedFile.objects.create(
        municipality=strategy.municipality,
        kind="consultation_report",
        params={"consultation": consultation.pk, "format": "pdf"},
        created_by=version.published_by,
    )
    render_consultation_report.delay(str(file.pk))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        file.refresh_from_db()
        if file.state in (GeneratedFile.State.DONE, GeneratedFile.State.FAILED):
            break
        time.sleep(0.5)
    assert file.state == GeneratedFile.State.DONE, file.error
    assert REASONS.split(";")[0] in pdf_text(file.file.read())


def test_run_file_task_records_a_crash_of_the_builder(world):
    file = GeneratedFile.objects.create(
        municipality=world.municipality, kind="x", created_by=world.users["staff"]
    )

    def crash(_file):
        raise RuntimeError("disk full")

    assert run_file_task(str(file.pk), crash) == GeneratedFile.State.FAILED
    file.refresh_from_db()
    assert "disk full" in file.error and file.expires_at is not None
