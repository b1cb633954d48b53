"""Small text helpers shared by the apps."""

from django.utils.translation import gettext as _


def quoted(text) -> str:
    """Text in the current language's quotation marks: “…” in English, „…” in Romanian."""
    return _("“%(text)s”") % {"text": text}
