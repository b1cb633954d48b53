"""Attachments to a round response: only real PDF, DOCX, XLSX and ODT files, size-limited,
downloaded only by the organisation that attached them and by staff once submitted."""

import datetime
import io
import os
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from beneficiaries.xlsx import workbook_bytes
from consultations import rounds
from consultations.models import Attachment, RoundResponse
from tests.conftest import client_for
from tests.factories import ConsultationRoundFactory, RoundQuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path):
    """Each test its own media folder: rounds of parallel test databases share ids."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def provider_consultation(world):
    """Both municipalities' cycles in the provider consultation, the stage in which providers
    respond to rounds."""
    for cycle in (world.cycle, world.other_cycle):
        cycle.active_stage = "provider_consultation"
        cycle.save()


PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


def docx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document><w:body><w:p/></w:body></w:document>",
        }
    )


def xlsx() -> bytes:
    return workbook_bytes([("Date", ["Serviciu", "Locuri"], [["Centrul de zi", 20]])])


def odt(mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    return _zip({"mimetype": mimetype, "content.xml": b"<office:document-content/>"})


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def consultation(world):
    return ConsultationRoundFactory(
        municipality=world.municipality, cycle=world.cycle, invited=[world.org_a, world.org_b]
    )


def upload(client, consultation, name, content, content_type="application/octet-stream"):
    return client.post(
        reverse(
            "provider-round-attachment", args=[consultation.municipality.slug, consultation.pk]
        ),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def stored_files(consultation) -> list[str]:
    folder = os.path.join(settings.MEDIA_ROOT, "runde", str(consultation.pk))
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def download_url(attachment):
    return reverse(
        "round-attachment", args=[attachment.response.round.municipality.slug, attachment.pk]
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Raport anual.pdf", PDF, "application/pdf"),
        (
            "Propuneri.docx",
            docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "Date servicii.XLSX",
            xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("Scrisoare.odt", odt(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_a_real_document_is_attached_and_downloaded_by_its_organisation(
    world, consultation, name, content, content_type
):
    client = client_for(world.users["provider_a"])
    # The browser's claimed type is ignored; the stored type comes from the content.
    response = upload(client, consultation, name, content, content_type="text/html")
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == name
    assert attachment.content_type == content_type
    assert attachment.size == len(content)
    assert attachment.response.organisation == world.org_a
    assert attachment.response.submitted_at is None  # attaching alone does not submit
    assert attachment.history.first().history_user == world.users["provider_a"]

    page = client.get(
        reverse("provider-round-respond", args=[world.municipality.slug, consultation.pk])
    )
    assert name in page.content.decode()

    download = client.get(download_url(attachment))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "filename" in download["Content-Disposition"]


def refused(world, consultation, name, content, **kwargs):
    before = stored_files(consultation)
    response = upload(english(client_for(world.users["provider_a"])), consultation, name, content)
    assert response.status_code == 400
    errors = response.context["attachment_form"].errors
    assert not Attachment.objects.exists()
    assert stored_files(consultation) == before
    return " ".join(str(e) for messages in errors.values() for e in messages)


def test_an_oversized_file_is_refused_with_its_name(world, consultation, settings):
    settings.SPIRALA_MAX_ATTACHMENT_BYTES = 100
    message = refused(world, consultation, "Raport mare.pdf", PDF + b"0" * 200)
    assert "Raport mare.pdf" in message and "too large" in message


def test_an_empty_file_is_refused(world, consultation):
    message = refused(world, consultation, "Gol.pdf", b"")
    assert "“Gol.pdf” is empty." in message


@pytest.mark.parametrize(
    "name", ["program.exe", "pagina.html", "date.csv", "fara-extensie", "raport.pdf.exe"]
)
def test_a_file_of_another_type_is_refused(world, consultation, name):
    message = refused(world, consultation, name, PDF)
    assert name in message and "only PDF, DOCX, XLSX and ODT" in message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("factura.pdf", b"MZ\x90\x00\x03\x00\x00\x00 program"),  # a Windows program
        ("pagina.pdf", b"<html><script>alert(1)</script></html>"),
        ("propunere.docx", None),  # really a spreadsheet
        ("tabel.xlsx", None),  # really a Word document
        ("scrisoare.odt", None),  # a spreadsheet's mimetype
        ("document.docx", b"PK\x03\x04 not a real zip"),
        ("raport.odt", PDF),
    ],
)
def test_a_disguised_file_is_refused_with_its_name(world, consultation, name, content):
    if content is None:
        content = {
            "propunere.docx": xlsx(),
            "tabel.xlsx": docx(),
            "scrisoare.odt": odt(b"application/vnd.oasis.opendocument.spreadsheet"),
        }[name]
    message = refused(world, consultation, name, content)
    assert name in message and "content does not match its extension" in message


def test_a_response_has_at_most_ten_attachments(world, consultation):
    client = client_for(world.users["provider_a"])
    for n in range(10):
        assert upload(client, consultation, f"anexa-{n}.pdf", PDF).status_code == 302
    response = upload(english(client), consultation, "a-unsprezecea.pdf", PDF)
    assert response.status_code == 400
    assert "at most 10 attachments" in response.content.decode()
    assert Attachment.objects.count() == 10


def test_a_closed_round_takes_no_attachment(world, consultation):
    consultation.closes_at = timezone.now() - datetime.timedelta(hours=1)
    consultation.save()
    response = upload(english(client_for(world.users["provider_a"])), consultation, "a.pdf", PDF)
    assert response.status_code == 400
    assert "responses can no longer be changed" in response.content.decode()
    assert not Attachment.objects.exists() and not RoundResponse.objects.exists()


def test_no_attachment_is_added_or_removed_once_the_cycle_has_left_the_provider_consultation(
    world, consultation
):
    attachment = _attach(world, consultation)
    world.cycle.active_stage = "objectives"  # the round's dates still say it is open
    world.cycle.save()
    client = english(client_for(world.users["provider_a"]))
    message = "which does not allow this. It is allowed in the stage “Provider consultation”."

    response = upload(client, consultation, "Al doilea.pdf", PDF)
    assert response.status_code == 403 and message in response.content.decode()
    delete_url = reverse(
        "provider-round-attachment-delete",
        args=[world.municipality.slug, consultation.pk, attachment.pk],
    )
    response = client.post(delete_url)
    assert response.status_code == 403 and message in response.content.decode()
    assert list(Attachment.objects.all()) == [attachment]
    assert stored_files(consultation) == [os.path.basename(attachment.file.name)]


def _attach(world, consultation, organisation="org_a", user="provider_a"):
    return rounds.add_attachment(
        round=consultation,
        organisation=getattr(world, organisation),
        user=world.users[user],
        uploaded=SimpleUploadedFile("Raport.pdf", PDF),
    )


def test_an_organisation_removes_its_attachment_while_the_round_is_open(world, consultation):
    attachment = _attach(world, consultation)
    url = reverse(
        "provider-round-attachment-delete",
        args=[world.municipality.slug, consultation.pk, attachment.pk],
    )
    assert client_for(world.users["provider_b"]).post(url).status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    response = client_for(world.users["provider_a"]).post(url)
    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


def test_an_attachment_is_not_removed_after_the_deadline(world, consultation):
    attachment = _attach(world, consultation)
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=5)
    consultation.save()
    url = reverse(
        "provider-round-attachment-delete",
        args=[world.municipality.slug, consultation.pk, attachment.pk],
    )
    assert client_for(world.users["provider_a"]).post(url).status_code == 400
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_only_the_organisation_and_staff_after_submission_download_an_attachment(
    world, consultation
):
    attachment = _attach(world, consultation)
    url = download_url(attachment)
    statuses = {
        persona: client_for(world.users[persona]).get(url).status_code
        for persona in world.users
        if persona != "anonymous"
    }
    assert statuses.pop("provider_a") == 200
    # A draft's attachment is the organisation's own, even for staff.
    assert set(statuses.values()) == {404}, statuses
    assert client_for(None).get(url).status_code == 302

    question = RoundQuestionFactory(round=consultation, kind="text")
    rounds.save_response(
        round=consultation,
        organisation=world.org_a,
        user=world.users["provider_a"],
        answers={question.pk: "Trimis"},
        submit=True,
    )
    for persona in ("staff", "administrator"):
        assert client_for(world.users[persona]).get(url).status_code == 200
    for persona in ("provider_b", "other_staff", "facilitator", "secretary", "public"):
        assert client_for(world.users[persona]).get(url).status_code == 404


def test_an_attachment_of_another_municipality_is_not_found_here(world):
    other_round = ConsultationRoundFactory(
        municipality=world.other_municipality, cycle=world.other_cycle, invited=[world.other_org]
    )
    attachment = rounds.add_attachment(
        round=other_round,
        organisation=world.other_org,
        user=world.users["other_staff"],
        uploaded=SimpleUploadedFile("Strain.pdf", PDF),
    )
    url = reverse("round-attachment", args=[world.municipality.slug, attachment.pk])
    assert client_for(world.users["staff"]).get(url).status_code == 404
