"""Checks of a file attached to a round response: its name, its size and what it really contains.

The browser's content type is never trusted: the kind is detected from the bytes (a PDF header,
or the members an office document's ZIP container must hold) and must match the extension.
"""

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.text import file_size

MAX_ATTACHMENTS_PER_RESPONSE = 10
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}
# The member an office document's ZIP container must hold to be of that kind.
ZIP_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: str
    content_type: str
    size: int


def max_bytes() -> int:
    return int(getattr(settings, "SPIRALA_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_BYTES))


def clean_name(name: str) -> str:
    """The base name only (no folders), at most 200 characters, keeping the extension."""
    name = os.path.basename((name or "").replace("\\", "/")).strip().replace("\x00", "")
    stem, ext = os.path.splitext(name)
    return stem[: 200 - len(ext)] + ext


def _zip_members(uploaded) -> set[str] | None:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _odt_mimetype(uploaded) -> bytes:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive, archive.open("mimetype") as member:
            return member.read(len(ODT_MIMETYPE) + 1).strip()
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return b""


def _content_matches(uploaded, kind: str) -> bool:
    if kind == "pdf":
        uploaded.seek(0)
        return uploaded.read(5) == b"%PDF-"
    members = _zip_members(uploaded)
    if members is None:
        return False
    if kind == "odt":
        return "mimetype" in members and _odt_mimetype(uploaded) == ODT_MIMETYPE
    return ZIP_MARKERS[kind] in members


def check_upload(uploaded) -> CheckedFile:
    """Validate an uploaded file; the error names the file and says what is wrong with it."""
    name = clean_name(getattr(uploaded, "name", ""))
    ext = os.path.splitext(name)[1].lower().lstrip(".")
    params = {"name": name or "?"}
    if ext not in CONTENT_TYPES:
        raise ValidationError(
            _("“%(name)s”: only PDF, DOCX, XLSX and ODT files can be attached.") % params,
            code="extension",
        )
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % params, code="empty")
    if size > max_bytes():
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s); the limit is %(limit)s.")
            % {**params, "size": file_size(size), "limit": file_size(max_bytes())},
            code="size",
        )
    try:
        matches = _content_matches(uploaded, ext)
    finally:
        uploaded.seek(0)
    if not matches:
        raise ValidationError(
            _(
                "“%(name)s” is not a real %(kind)s file: its content does not match its "
                "extension. Save it again in that format, or convert it to PDF."
            )
            % {**params, "kind": ext.upper()},
            code="content",
        )
    return CheckedFile(name=name, kind=ext, content_type=CONTENT_TYPES[ext], size=size)
