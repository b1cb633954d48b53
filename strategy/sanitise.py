"""The one place that decides which HTML a strategy section may hold (nh3, i.e. ammonia).

Bodies are cleaned when saved and again when shown (`|safe_html`), so a row written some other
way (an import, the admin, an old version's snapshot) is never rendered raw.
"""

import nh3
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "u",
        "ul",
        "ol",
        "li",
        "h3",
        "h4",
        "blockquote",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
LINK_SCHEMES = ("http:", "https:", "mailto:")
# Merged cells of a table (from Word or the editor) keep their span, or the table loses its shape.
CELL_SPANS = frozenset({"colspan", "rowspan"})
MAX_CELL_SPAN = 100
ALLOWED_HELP = _(
    "Basic HTML is kept: paragraphs (p, br), strong, em, u, lists (ul, ol, li), headings h3 and "
    "h4, blockquote, links (a href with http, https or mailto) and tables (table, thead, tbody, "
    "tr, th, td). Anything else, including scripts, styles and event attributes, is removed."
)


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Only absolute http(s) and mailto links: no javascript:, data: or relative tricks."""
    if tag == "a" and attribute == "href":
        return value if value.strip().lower().startswith(LINK_SCHEMES) else None
    if tag in ("td", "th") and attribute in CELL_SPANS:
        value = value.strip()
        # A span of 1 is the default: dropped, so the editor's output stays plain.
        if value.isdigit() and 1 < int(value) <= MAX_CELL_SPAN:
            return value
        return None
    return value  # what the allow-list let through, and the rel that `link_rel` sets


def sanitise(html: str | None) -> str:
    """Allowed markup only; the content of script and style elements goes with them."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}, "td": set(CELL_SPANS), "th": set(CELL_SPANS)},
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
