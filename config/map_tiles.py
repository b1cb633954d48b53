"""The optional base map of the guide's and the zones' maps, read from the environment.

Nothing is fetched from another server unless a tile server is configured; when one is, the
Content-Security-Policy lets the browser load its images and nothing else from it.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

PLACEHOLDERS = ("{z}", "{x}", "{y}")


def tile_origin(url: str, attribution: str) -> str:
    """The origin to allow in the CSP img-src for ``url``, or "" when no tile server is set.

    Fails at start, with a clear message, on a URL Leaflet could not use or that would load
    tiles without naming their source (tile servers such as OpenStreetMap require it).
    """
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ImproperlyConfigured(
            f"SPIRALA_MAP_TILES_URL {url!r} must be an http(s) address, e.g. "
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
        )
    if any(placeholder not in url for placeholder in PLACEHOLDERS):
        raise ImproperlyConfigured(
            f"SPIRALA_MAP_TILES_URL {url!r} must contain {{z}}, {{x}} and {{y}}, e.g. "
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
        )
    # Leaflet's {s} stands for a sub-domain (a, b, c): the CSP allows them all.
    host = parts.netloc.replace("{s}", "*")
    if "{" in host or "}" in host or "@" in host:
        raise ImproperlyConfigured(
            f"SPIRALA_MAP_TILES_URL {url!r}: only {{s}} may stand in the host name."
        )
    if not attribution.strip():
        raise ImproperlyConfigured(
            "SPIRALA_MAP_TILES_ATTRIBUTION must name the source of the tiles when "
            "SPIRALA_MAP_TILES_URL is set, e.g. “© OpenStreetMap contributors”."
        )
    return f"{parts.scheme}://{host}"
