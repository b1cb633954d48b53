"""Money and months as the plan shows them: “1.234.567,89 lei”, “ianuarie–martie”."""

import calendar
import datetime
from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.dates import MONTHS

register = template.Library()


@register.filter
def lei(value, suffix=True):
    """An amount with two decimals and grouped thousands in the active language's format
    (Romanian: 1.234.567,89); ``|lei:False`` leaves out the currency."""
    if value in (None, ""):
        value = Decimal("0")
    text = formats.number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    return f"{text} lei" if suffix else text


@register.filter
def month_name(number):
    """The month's name in the active language (1 → “ianuarie”)."""
    try:
        return str(MONTHS[int(number)])
    except (KeyError, TypeError, ValueError):
        return ""


@register.simple_tag
def month_span(start, end):
    """“ianuarie–decembrie”, or one month's name when the two are the same."""
    first, last = month_name(start), month_name(end)
    return first if start == end else f"{first}–{last}"


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])
