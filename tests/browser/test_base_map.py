"""Issue 15, item 11 in a browser: the guide's map draws the configured base map, with its
attribution and without a CSP violation, and no base map at all when none is configured."""

import pytest

from tests.factories import MunicipalityFactory, OrganisationFactory, SocialServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def guide_service():
    municipality = MunicipalityFactory(name="Municipiul Arcadia", slug="arcadia")
    SocialServiceFactory(
        municipality=municipality,
        organisation=OrganisationFactory(municipality=municipality, name="Asociația Alfa"),
        code="8891 CZ-C-I",
        latitude=47.66,
        longitude=23.58,
    )


def open_guide(page, live_server):
    from django.urls import reverse

    # The site has no favicon (yet); the browser's automatic request for it is no error here.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(live_server.url + reverse("guide", args=["arcadia"]))
    page.wait_for_selector("#guide-map .leaflet-interactive")


def test_the_guide_map_draws_the_configured_tiles_with_their_attribution(
    page, live_server, settings, guide_service
):
    # A tile server on our own host, so that the test fetches nothing from outside.
    settings.SPIRALA_MAP_TILES_URL = (
        live_server.url + "/static/vendor/leaflet/images/layers.png?z={z}&x={x}&y={y}"
    )
    settings.SPIRALA_MAP_TILES_ATTRIBUTION = "© Hărți de test"
    open_guide(page, live_server)
    page.wait_for_function(
        "[...document.querySelectorAll('#guide-map img.leaflet-tile')]"
        ".some((tile) => tile.complete && tile.naturalWidth > 0)"
    )
    assert "© Hărți de test" in page.inner_text("#guide-map .leaflet-control-attribution")


def test_without_a_tile_server_the_guide_map_loads_no_tiles(page, live_server, guide_service):
    open_guide(page, live_server)
    assert page.locator("#guide-map img.leaflet-tile").count() == 0
    assert page.locator("#guide-map .leaflet-control-attribution").count() == 0
