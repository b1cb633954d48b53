"""Template filters of the strategy pages."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe

from strategy.sanitise import sanitise

register = template.Library()


@register.filter
def safe_html(value) -> str:
    """A section body, cleaned again before it is trusted: whatever wrote the row."""
    return mark_safe(sanitise(str(value) if value is not None else ""))  # noqa: S308 - sanitised


@register.filter
def local_number(value) -> str:
    """A number from the document tree (a plain "1234.5" string) in the reader's format."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return formats.number_format(number, use_l10n=True, force_grouping=True)
