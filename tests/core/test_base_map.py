"""Issue 15, item 11: the guide's map and the zone map draw a base map only from a configured
tile server, which the Content-Security-Policy then allows, and fetch nothing otherwise."""

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from beneficiaries import services as statement_services
from beneficiaries.models import SpiralDimension, Statement
from config.map_tiles import tile_origin
from tests.factories import SocialServiceFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[23.55, 47.65], [23.60, 47.65], [23.60, 47.68], [23.55, 47.68], [23.55, 47.65]]
    ],
}


def settings_from_environment(monkeypatch, **environment) -> dict:
    """The settings that config/settings/base.py builds from these environment variables."""
    for name in ("SPIRALA_MAP_TILES_URL", "SPIRALA_MAP_TILES_ATTRIBUTION"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    built = runpy.run_path(str(ROOT / "config" / "settings" / "base.py"))
    return {
        name: built[name]
        for name in ("SECURE_CSP", "SPIRALA_MAP_TILES_URL", "SPIRALA_MAP_TILES_ATTRIBUTION")
    }


def img_src(response) -> list[str]:
    policy = response.headers["Content-Security-Policy"]
    (directive,) = [d.strip() for d in policy.split(";") if d.strip().startswith("img-src")]
    return directive.split()[1:]


def map_element(html: str, element_id: str) -> str:
    match = re.search(rf'<div id="{element_id}"[^>]*>', html)
    assert match, f"no #{element_id} on the page"
    return match.group(0)


@pytest.fixture
def guide_url(world):
    SocialServiceFactory(
        municipality=world.municipality,
        organisation=world.org_a,
        code="8891 CZ-C-I",
        latitude=47.66,
        longitude=23.58,
    )
    return reverse("guide", args=[world.municipality.slug])


@pytest.fixture
def zone_map_url(world):
    """The staff's map of needs, with statements in a zone that has an outline."""
    world.zone.outline = SQUARE
    world.zone.save()
    world.session.zone = world.zone
    world.session.save()
    staff = world.users["staff"]
    dimension = SpiralDimension.objects.get(code="A03")
    for number in range(6):
        statement = Statement.objects.create(
            municipality=world.municipality,
            session=world.session,
            question="illbeing",
            text=f"Frig în casă {number}",
            created_by=staff,
        )
        statement_services.add_code(statement=statement, dimension=dimension, user=staff)
    return reverse("spiral-needs-map", args=[world.municipality.slug])


def test_without_a_tile_server_the_maps_fetch_nothing_from_outside(
    monkeypatch, guide_url, zone_map_url, as_user, client
):
    built = settings_from_environment(monkeypatch)
    assert built["SPIRALA_MAP_TILES_URL"] == ""
    assert built["SECURE_CSP"]["img-src"] == ["'self'", "data:"]
    response = client.get(guide_url)
    assert img_src(response) == ["'self'", "data:"]
    assert "data-tiles" not in map_element(response.content.decode(), "guide-map")
    zone_map = as_user("staff").get(zone_map_url)
    assert img_src(zone_map) == ["'self'", "data:"]
    assert "data-tiles" not in map_element(zone_map.content.decode(), "needs-map")


def test_a_configured_tile_server_is_allowed_and_handed_to_both_maps(
    monkeypatch, guide_url, zone_map_url, as_user, client
):
    built = settings_from_environment(
        monkeypatch, SPIRALA_MAP_TILES_URL=OSM, SPIRALA_MAP_TILES_ATTRIBUTION=OSM_ATTRIBUTION
    )
    with override_settings(**built):
        response = client.get(guide_url)
        zone_map = as_user("staff").get(zone_map_url)
    for page, element_id in ((response, "guide-map"), (zone_map, "needs-map")):
        assert img_src(page) == ["'self'", "data:", "https://tile.openstreetmap.org"]
        element = map_element(page.content.decode(), element_id)
        assert f'data-tiles-url="{OSM}"' in element
        # The attribution is an attribute value: its markup is escaped, Leaflet renders it.
        assert 'data-tiles-attribution="&amp;copy; &lt;a href=&quot;https://www.openstreetmap' in (
            element
        )
    # Still no inline script: the policy keeps its nonce-only script-src.
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_sub_domains_of_the_tile_server_are_allowed_together():
    origin = tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png", "© Example")
    assert origin == "https://*.tile.example.org"


@pytest.mark.parametrize(
    ("url", "attribution", "message"),
    [
        ("tile.openstreetmap.org/{z}/{x}/{y}.png", "© OSM", "http(s) address"),
        ("https://tile.openstreetmap.org/tiles.png", "© OSM", "{z}, {x} and {y}"),
        ("https://{z}.example.org/{z}/{x}/{y}.png", "© OSM", "only {s}"),
        (OSM, "", "SPIRALA_MAP_TILES_ATTRIBUTION"),
    ],
)
def test_a_tile_server_leaflet_cannot_use_is_refused(url, attribution, message):
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        tile_origin(url, attribution)


def test_a_bad_tile_server_fails_at_start_with_a_clear_message():
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        SPIRALA_MAP_TILES_URL="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        SPIRALA_MAP_TILES_ATTRIBUTION="",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SPIRALA_MAP_TILES_ATTRIBUTION must name the source" in result.stderr
