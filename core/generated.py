"""The stored-file pattern (pretix): a row first, a task fills it, a page polls, a download checks.

A feature that makes a file in the background:
1. registers its kind once: ``register_kind("consultation_report", label=..., back_url=...)``
   (optionally ``perm=`` when someone other than the municipality's staff may download it);
2. calls ``create_generated_file(...)`` from its view and redirects to ``file.get_absolute_url()``;
3. writes its task with ``run_file_task(file_id, build)``, which handles the language, the state,
   idempotency, the stored file, its checksum and its expiry.

The three pages here (``generated-file``, ``generated-file-status``, ``generated-file-download``)
serve every kind; ``core.tasks_files.delete_expired_files`` removes what has expired.
"""

import datetime
import hashlib
import logging
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from core.access import get_municipality, login_redirect
from core.models import GeneratedFile

logger = logging.getLogger(__name__)

KEEP_FOR = datetime.timedelta(days=7)


@dataclass(frozen=True)
class FileKind:
    """What the generic pages need to know about one kind of generated file."""

    label: Promise | str
    # Who may see the page and download the file; the object checked is the GeneratedFile
    # (it has a `municipality_id`, so municipality-scoped predicates apply to it).
    perm: str = "core.view_dashboard"
    back_url: Callable[[GeneratedFile], str | None] | None = None
    back_label: Promise | str = gettext_lazy("Back")
    # Kept until deleted on purpose (a council's dossier, the public PDFs), instead of expiring.
    keep: bool = False


KINDS: dict[str, FileKind] = {}


def register_kind(kind: str, **options) -> FileKind:
    KINDS[kind] = FileKind(**options)
    return KINDS[kind]


def kind_of(file: GeneratedFile) -> FileKind:
    return KINDS.get(file.kind) or FileKind(label=file.kind)


# --- Creating and filling -----------------------------------------------------------------------


def create_generated_file(
    *, municipality, kind: str, params: dict, user, task, language: str | None = None
) -> GeneratedFile:
    """Create the row, then enqueue ``task.delay(str(file.pk))`` once the transaction commits."""
    file = GeneratedFile.objects.create(
        municipality=municipality,
        kind=kind,
        params=params,
        language=language or translation.get_language() or "ro",
        created_by=user,
    )
    file_id = str(file.pk)
    transaction.on_commit(lambda: task.delay(file_id))
    return file


def set_progress(file: GeneratedFile, progress: int) -> None:
    file.progress = max(0, min(100, int(progress)))
    GeneratedFile.objects.filter(pk=file.pk).update(progress=file.progress)


def run_file_task(file_id, build: Callable[[GeneratedFile], tuple[bytes, str, str]]) -> str | None:
    """Fill a GeneratedFile with ``build(file) -> (content, filename, content_type)``.

    Idempotent: a file already made is left alone (a redelivered task does nothing). Runs in the
    language the file was asked for. An error is recorded on the row in words a person can read
    and the task returns normally: the state on the row is what the page shows, so a retry loop
    of a file that cannot be made helps nobody.
    """
    file = GeneratedFile.objects.filter(pk=file_id).first()
    if file is None or file.state == GeneratedFile.State.DONE:
        return file.state if file else None
    GeneratedFile.objects.filter(pk=file.pk).update(
        state=GeneratedFile.State.RUNNING, progress=5, error=""
    )
    file.state, file.progress = GeneratedFile.State.RUNNING, 5
    with translation.override(file.language):
        try:
            content, filename, content_type = build(file)
        except Exception as exception:  # noqa: BLE001 - recorded on the row, shown on the page
            logger.exception("generated file %s (%s) failed", file.pk, file.kind)
            message = _(
                "The file could not be made (%(error)s). Try again; if it fails again, tell "
                "your Spirala administrator."
            ) % {"error": f"{type(exception).__name__}: {exception}"[:300]}
            now = timezone.now()
            GeneratedFile.objects.filter(pk=file.pk).update(
                state=GeneratedFile.State.FAILED,
                error=message,
                finished_at=now,
                expires_at=now + KEEP_FOR,
            )
            return GeneratedFile.State.FAILED
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    if file.file:
        file.file.delete(save=False)  # a half-made earlier attempt
    # The stored name is the unguessable id; the person sees `filename` when downloading.
    file.file.save(f"{file.pk}.{extension}", ContentFile(content), save=False)
    now = timezone.now()
    file.filename = filename
    file.content_type = content_type or mimetypes.guess_type(filename)[0] or ""
    file.sha256 = hashlib.sha256(content).hexdigest()
    file.state = GeneratedFile.State.DONE
    file.progress = 100
    file.error = ""
    file.finished_at = now
    file.expires_at = None if kind_of(file).keep else now + KEEP_FOR
    file.save(
        update_fields=[
            "file",
            "filename",
            "content_type",
            "sha256",
            "state",
            "progress",
            "error",
            "finished_at",
            "expires_at",
        ]
    )
    return file.state


# --- The generic pages -----------------------------------------------------------------------


def is_expired(file: GeneratedFile, now=None) -> bool:
    return file.expires_at is not None and file.expires_at <= (now or timezone.now())


def _get_file(request: HttpRequest, slug: str, pk) -> tuple[GeneratedFile | None, HttpResponse]:
    """The file of this municipality (404 otherwise) if the user may see it (403 otherwise).

    Anonymous users get a redirect to the login page as the second item.
    """
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return None, login_redirect(request)
    file = get_object_or_404(
        GeneratedFile.objects.select_related("municipality", "created_by"),
        municipality=municipality,
        pk=pk,
    )
    if not request.user.has_perm(kind_of(file).perm, file):
        raise PermissionDenied
    return file, None


def _download_url(file: GeneratedFile) -> str | None:
    if file.state != GeneratedFile.State.DONE or not file.file or is_expired(file):
        return None
    return reverse("generated-file-download", args=[file.municipality.slug, file.pk])


def _context(file: GeneratedFile) -> dict:
    kind = kind_of(file)
    return {
        "municipality": file.municipality,
        "file": file,
        "kind": kind,
        "back_url": kind.back_url(file) if kind.back_url else None,
        "expired": is_expired(file),
        "download_url": _download_url(file),
        "working": file.state in (GeneratedFile.State.QUEUED, GeneratedFile.State.RUNNING),
    }


@never_cache
def generated_file(request: HttpRequest, slug: str, pk) -> HttpResponse:
    """The waiting page: a progress bar (htmx polls the fragment every second), then the link."""
    file, response = _get_file(request, slug, pk)
    if response is not None:
        return response
    template = (
        "core/includes/generated_file_progress.html" if request.htmx else "core/generated_file.html"
    )
    return render(request, template, _context(file))


@never_cache
def generated_file_status(request: HttpRequest, slug: str, pk) -> HttpResponse:
    """A small JSON of the state, for scripts and for anyone polling without htmx."""
    file, response = _get_file(request, slug, pk)
    if response is not None:
        return response
    return JsonResponse(
        {
            "id": str(file.pk),
            "kind": file.kind,
            "state": file.state,
            "state_label": str(file.get_state_display()),
            "progress": file.progress,
            "error": file.error,
            "expired": is_expired(file),
            "filename": file.filename,
            "download_url": _download_url(file),
        }
    )


def generated_file_download(request: HttpRequest, slug: str, pk) -> HttpResponse:
    """The file itself, as an attachment; only once made, and until it expires (410 after)."""
    file, response = _get_file(request, slug, pk)
    if response is not None:
        return response
    if file.state != GeneratedFile.State.DONE or not file.file:
        return render(request, "core/generated_file.html", _context(file), status=404)
    if is_expired(file):
        return render(request, "core/generated_file.html", _context(file), status=410)
    try:
        handle = file.file.open("rb")
    except FileNotFoundError:
        return render(request, "core/generated_file.html", _context(file), status=404)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=file.filename or file.file.name.rsplit("/", 1)[-1],
        content_type=file.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Clean-up ---------------------------------------------------------------------------------


def delete_expired(now=None) -> int:
    """Delete expired files and their rows, and rows stuck unfinished for longer than KEEP_FOR."""
    now = now or timezone.now()
    stale = GeneratedFile.objects.filter(
        Q(expires_at__lte=now)
        | Q(expires_at__isnull=True, created_at__lte=now - KEEP_FOR)
        & ~Q(state=GeneratedFile.State.DONE)
    )
    deleted = 0
    for file in stale.only("pk", "file"):
        if file.file:
            try:
                file.file.storage.delete(file.file.name)
            except OSError:
                logger.warning("could not delete the stored file %s", file.file.name)
        file.delete()
        deleted += 1
    return deleted
