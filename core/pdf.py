"""PDFs made by WeasyPrint that can read our own static files and nothing else.

``static_only_fetcher`` serves our static files (CSS, fonts) and inline ``data:`` URLs; http(s),
ftp and any file elsewhere on disk are refused, so text typed by a user can never make the
server fetch a URL (no SSRF) or read a local file. ``html_to_pdf`` renders archival PDF/A-3b.
"""

import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings


def static_roots() -> list[Path]:
    """The folders the PDF renderer may read: STATIC_ROOT and every STATICFILES_DIRS entry."""
    roots = [settings.STATIC_ROOT] if settings.STATIC_ROOT else []
    for entry in settings.STATICFILES_DIRS:
        roots.append(entry[1] if isinstance(entry, list | tuple) else entry)
    return [Path(os.path.realpath(root)) for root in roots]


def _is_within(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


class RefusedURL(ValueError):
    """A resource the PDF may not load (anything but our static files and data: URLs)."""


def static_only_fetcher():
    """A WeasyPrint URL fetcher that reads our static files and data: URLs, and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self, **kwargs):
            kwargs.setdefault("allowed_protocols", ("file", "data"))
            kwargs.setdefault("allow_redirects", False)
            kwargs.setdefault("timeout", 5)
            super().__init__(**kwargs)
            self.roots = static_roots()

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme != "file" or parts.netloc not in ("", "localhost"):
                raise RefusedURL(f"refused: {url[:200]}")
            path = Path(os.path.realpath(unquote(parts.path)))
            if not _is_within(path, self.roots) or not path.is_file():
                raise RefusedURL(f"refused: {url[:200]}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticOnlyFetcher()


def html_to_pdf(html: str, attachments: list[tuple[str, bytes, str]] = ()) -> bytes:
    """An archival PDF (PDF/A-3b) of ``html``, resolving relative URLs against our static files.

    ``attachments`` are files embedded in the PDF, as (file name, content, description).
    """
    from weasyprint import HTML, Attachment

    roots = static_roots()
    base_url = (roots[0].as_uri() + "/") if roots else None
    fetcher = static_only_fetcher()
    embedded = [
        Attachment(
            string=content,
            name=name,
            description=description,
            url_fetcher=fetcher,
            relationship="Data",
        )
        for name, content, description in attachments
    ]
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/a-3b", attachments=embedded or None
    )
