import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db


def test_romanian_is_the_default_language_with_comma_below_diacritics(world):
    html = (
        Client()
        .get(reverse("municipality-detail", args=[world.municipality.slug]))
        .content.decode()
    )
    assert '<html lang="ro">' in html
    assert "Autentificare" in html
    assert "Salt la conținut" in html  # the skip link
    assert not re.search("[şţŞŢ]", html), "cedilla letters instead of comma-below ș ț"


def test_the_language_switcher_turns_the_interface_english(world):
    client = Client()
    page = reverse("municipality-detail", args=[world.municipality.slug])
    response = client.post(reverse("set_language"), {"language": "en", "next": page}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html
    assert "Strategy cycles" in html


def test_amounts_follow_romanian_conventions():
    template = Template("{% load spirala %}{{ amount|lei }}")
    with translation.override("ro"):
        assert template.render(Context({"amount": Decimal("1234.56")})) == "1.234,56 lei"
        assert template.render(Context({"amount": 1234567})) == "1.234.567,00 lei"
    with translation.override("en"):
        assert template.render(Context({"amount": Decimal("1234.56")})) == "1,234.56 lei"


def test_dates_are_shown_in_bucharest_time():
    assert timezone.get_current_timezone_name() == "Europe/Bucharest"
    template = Template('{{ when|date:"SHORT_DATETIME_FORMAT" }}')
    from datetime import UTC, datetime

    when = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)
    with translation.override("ro"):
        assert template.render(Context({"when": when})) == "01.07.2026, 12:30"


def test_pages_have_landmarks_a_skip_link_and_only_nonced_external_scripts(world, as_user):
    response = as_user("staff").get(
        reverse("municipality-dashboard", args=[world.municipality.slug])
    )
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert "script-src 'self' 'nonce-" in csp
    assert "'unsafe-inline'" not in csp
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'src="' in tag and f'nonce="{nonce}"' in tag, tag
    assert all(not body.strip() for body in re.findall(r"<script[^>]*>([^<]*)</script>", html))
    assert " on" + "click=" not in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert 'href="#main"' in html
    # Every form control has a label (visible or visually hidden).
    for control_id in re.findall(r'<(?:select|textarea)[^>]*id="([^"]+)"', html):
        assert f'for="{control_id}"' in html, control_id


def test_years_are_not_shown_with_a_thousands_separator(world, as_user):
    html = (
        as_user("staff")
        .get(reverse("cycle-detail", args=[world.municipality.slug, world.cycle.pk]))
        .content.decode()
    )
    assert "2026–2030" in html
    assert "2.026" not in html


def test_an_english_browser_still_gets_romanian_until_english_is_chosen(world):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="ro">' in html


def test_ids_in_pages_are_never_grouped_like_amounts():
    template = Template('<tr id="statement-{{ pk }}">')
    with translation.override("ro"):
        assert template.render(Context({"pk": 1747})) == '<tr id="statement-1747">'
