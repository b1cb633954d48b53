"""The base map's tile server, handed to the maps' scripts in data- attributes: no inline JS."""

from django import template
from django.conf import settings
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def base_map_attrs() -> str:
    """data-tiles-url and data-tiles-attribution for a map element; nothing when none is set."""
    url = getattr(settings, "SPIRALA_MAP_TILES_URL", "")
    if not url:
        return ""
    return format_html(
        'data-tiles-url="{}" data-tiles-attribution="{}"',
        url,
        getattr(settings, "SPIRALA_MAP_TILES_ATTRIBUTION", ""),
    )
