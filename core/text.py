"""Small text helpers shared by the apps."""

from django.utils.translation import gettext as _


def quoted(text) -> str:
    """Text in the current language's quotation marks: “…” in English, „…” in Romanian."""
    return _("“%(text)s”") % {"text": text}


_SIZE_UNITS = (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024))


def file_size(size) -> str:
    """A file size for people: “10 MB”, “1,5 MB”, “300 KB” (never “10,0 MO”)."""
    from django.utils.formats import number_format
    from django.utils.translation import ngettext

    try:
        size = int(size)
    except (TypeError, ValueError):
        return ""
    for unit, factor in _SIZE_UNITS:
        if size >= factor:
            amount = round(size / factor, 1)
            decimals = 0 if amount == int(amount) else 1
            # The units are the same in Romanian and English; a no-break space keeps them on
            # the line of their number.
            return f"{number_format(amount, decimal_pos=decimals, use_l10n=True)}\u00a0{unit}"
    return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}
