"""Formatting helpers for templates: amounts in the active locale's conventions."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def lei(value) -> str:
    """1234.5 → "1.234,50 lei" in Romanian ("1,234.50 lei" in English); empty stays "—"."""
    if value in (None, ""):
        return "—"
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    return _("%(amount)s lei") % {
        "amount": number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    }


@register.filter
def file_size(value) -> str:
    """10485760 → "10 MB"; 1572864 → "1,5 MB" in Romanian ("1.5 MB" in English)."""
    from core.text import file_size as format_size

    return format_size(value)
