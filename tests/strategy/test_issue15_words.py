"""Issue 15, the strategy's words: the confirmation of a recommendation links to where its
answer appears; the consultation page's Romanian reads as Romanian (a whole sentence, weekday
names in lower case); the versions page names the strategy once."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from strategy.models import Comment
from tests.conftest import client_for
from tests.factories import (
    IndicatorFactory,
    PublicConsultationFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    StrategyFactory,
    StrategyVersionFactory,
)

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)


def romanian(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "ro"
    return client


def strategy_of(world):
    strategy = StrategyFactory(
        municipality=world.municipality, cycle=world.cycle, title=world.cycle.title
    )
    objective = StrategicObjectiveFactory(strategy=strategy, title="Servicii la domiciliu")
    IndicatorFactory(specific_objective=SpecificObjectiveFactory(objective=objective))
    return strategy


# --- 3. The confirmation of a recommendation links to “My recommendations” -------------------


def test_the_confirmation_of_a_recommendation_links_to_my_recommendations(world):
    world.cycle.active_stage = "public_consultation"
    world.cycle.save()
    strategy = strategy_of(world)
    version = StrategyVersionFactory(strategy=strategy, published_by=world.users["staff"])
    consultation = PublicConsultationFactory(version=version, opened_by=world.users["staff"])
    client = romanian(client_for(world.users["public"]))
    kwargs = {"slug": world.municipality.slug, "pk": consultation.pk}
    response = client.post(
        reverse("consultation-comment", kwargs=kwargs),
        {"part": "document", "stakeholder_kind": "cetatean", "text": "O propunere."},
        follow=True,
    )
    assert Comment.objects.count() == 1
    html = response.content.decode()
    (alert,) = re.findall(r'<div class="alert alert-success">(.*?)</div>', html, re.S)
    assert "Recomandarea dumneavoastră a fost trimisă" in alert
    my_comments = reverse("my-comments", kwargs=kwargs)
    assert f'<a href="{my_comments}" class="alert-link">Recomandările mele</a>' in alert
    assert client.get(my_comments).status_code == 200


# --- 14. The page that opens the consultation ------------------------------------------------


@pytest.fixture
def open_page(world):
    world.cycle.active_stage = "public_consultation"
    world.cycle.save()
    strategy = strategy_of(world)
    StrategyVersionFactory(strategy=strategy, number=1, published_at=LONG_AGO)
    page = reverse("consultation-open", args=[world.municipality.slug, strategy.pk, 1])
    return page


def test_the_opening_page_explains_itself_in_a_whole_romanian_sentence(world, open_page):
    html = romanian(client_for(world.users["staff"])).get(open_page).content.decode()
    assert "Deschiderea consultării publică" not in html
    assert "Prin deschiderea consultării, această versiune este publicată" in html


def test_weekday_names_are_written_in_lower_case_in_romanian(world, open_page):
    staff = romanian(client_for(world.users["staff"]))
    html = staff.get(open_page + "?announced_on=2026-11-20").content.decode()
    # 30 November 2026 (a Monday, St Andrew's day) would have ended the period.
    assert "Perioada s-ar încheia luni, 30 noiembrie 2026, zi nelucrătoare" in html
    assert "miercuri, 2 decembrie 2026" in html  # the last day for recommendations
    for weekday in ("Luni", "Marți", "Miercuri", "Joi", "Vineri", "Sâmbătă", "Duminică"):
        assert f"{weekday}," not in html


# --- 14. The versions page names the strategy once -------------------------------------------


def test_the_versions_page_names_the_strategy_once(world):
    strategy = strategy_of(world)
    staff = romanian(client_for(world.users["staff"]))
    html = staff.get(
        reverse("strategy-versions", args=[world.municipality.slug, strategy.pk])
    ).content.decode()
    content = html[html.index("<h1>") :]
    header = content[: content.index('<p class="small text-body-secondary">')]
    assert header.count(strategy.title) == 1


def test_the_versions_page_names_a_cycle_whose_title_differs(world):
    strategy = strategy_of(world)
    strategy.title = "Strategia revizuită"
    strategy.save()
    staff = romanian(client_for(world.users["staff"]))
    html = staff.get(
        reverse("strategy-versions", args=[world.municipality.slug, strategy.pk])
    ).content.decode()
    assert "Strategia revizuită" in html and world.cycle.title in html
