"""Staff keep the municipality's list of themes: add, rename, see how much each is used."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Theme
from tests.factories import (
    AnswerFactory,
    ConsultationRoundFactory,
    RoundResponseFactory,
    ThemeFactory,
    WorkingGroupFactory,
)
from tests.matrix import ALL, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def themes_url(world):
    return reverse("theme-list", args=[world.municipality.slug])


def theme_url(world, theme):
    return reverse("theme-update", args=[world.municipality.slug, theme.pk])


def _tagged_answer(world, theme, *, submitted=True):
    consultation = ConsultationRoundFactory(municipality=world.municipality, cycle=world.cycle)
    response = RoundResponseFactory(
        round=consultation, submitted_at=timezone.now() if submitted else None
    )
    answer = AnswerFactory(response=response)
    answer.themes.add(theme)
    return answer


def test_the_list_counts_the_tagged_answers_and_the_working_groups(world, as_user):
    housing = ThemeFactory(municipality=world.municipality, name="Locuire")
    ThemeFactory(municipality=world.municipality, name="Ocupare")
    ThemeFactory(municipality=world.other_municipality, name="Tema altui UAT")
    _tagged_answer(world, housing)
    _tagged_answer(world, housing)
    WorkingGroupFactory(municipality=world.municipality, cycle=world.cycle, theme=housing)
    response = as_user("staff").get(themes_url(world))
    assert response.status_code == 200
    counts = {t.name: (t.answer_count, t.group_count) for t in response.context["themes"]}
    assert counts == {"Locuire": (2, 1), "Ocupare": (0, 0)}
    assert "Tema altui UAT" not in response.content.decode()


def test_staff_add_a_theme_with_history(world, as_user):
    response = as_user("staff").post(themes_url(world), {"name": "  Viață   independentă "})
    assert response.status_code == 302
    theme = Theme.objects.get()
    assert (theme.name, theme.municipality) == ("Viață independentă", world.municipality)
    assert theme.history.get().history_user == world.users["staff"]


def test_a_duplicate_name_is_refused_with_the_constraints_message(world, as_user):
    ThemeFactory(municipality=world.municipality, name="Locuire")
    ThemeFactory(municipality=world.other_municipality, name="Ocupare")
    staff = as_user("staff")
    [constraint] = Theme._meta.constraints
    for name in ("Locuire", "locuire "):
        response = staff.post(themes_url(world), {"name": name})
        assert response.status_code == 400
        assert response.context["form"].errors["name"] == [str(constraint.violation_error_message)]
    assert Theme.objects.filter(municipality=world.municipality).count() == 1
    # Another municipality's theme of the same name is no obstacle.
    assert staff.post(themes_url(world), {"name": "Ocupare"}).status_code == 302


def test_an_empty_name_is_named(world, as_user):
    response = as_user("staff").post(themes_url(world), {"name": "   "})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert not Theme.objects.exists()


def test_staff_rename_a_theme_and_its_history_shows_it(world, as_user):
    theme = ThemeFactory(municipality=world.municipality, name="Locuire")
    staff = as_user("staff")
    response = staff.post(theme_url(world, theme), {"name": "Locuire socială"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Locuire socială"
    assert theme.history.first().history_user == world.users["staff"]
    page = staff.get(theme_url(world, theme)).content.decode()
    assert "<del>Locuire</del>" in page and "<ins>Locuire socială</ins>" in page


def test_renaming_to_another_themes_name_is_refused(world, as_user):
    ThemeFactory(municipality=world.municipality, name="Ocupare")
    theme = ThemeFactory(municipality=world.municipality, name="Locuire")
    staff = as_user("staff")
    response = staff.post(theme_url(world, theme), {"name": "Ocupare"})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    theme.refresh_from_db()
    assert theme.name == "Locuire"
    # Changing only the letters' case of its own name is fine.
    assert staff.post(theme_url(world, theme), {"name": "LOCUIRE"}).status_code == 302


def test_the_theme_list_keeps_a_constant_number_of_queries(world, as_user):
    client = as_user("staff")

    def add(first, count):
        for i in range(first, first + count):
            theme = ThemeFactory(municipality=world.municipality, name=f"Tema {i}")
            _tagged_answer(world, theme)
            WorkingGroupFactory(municipality=world.municipality, cycle=world.cycle, theme=theme)

    add(0, 2)
    few = count_queries(lambda: client.get(themes_url(world)))
    add(2, 10)
    assert count_queries(lambda: client.get(themes_url(world))) == few


def _theme(world, municipality=None):
    return ThemeFactory(municipality=municipality or world.municipality, name="Locuire")


CASES = [
    Case("themes", themes_url, statuses(MANAGERS, 200)),
    Case(
        "add a theme",
        themes_url,
        statuses(MANAGERS, 302),
        method="post",
        data={"name": "Ocupare"},
    ),
    Case("rename a theme", lambda w: theme_url(w, _theme(w)), statuses(MANAGERS, 200)),
    Case(
        "rename a theme (POST)",
        lambda w: theme_url(w, _theme(w)),
        statuses(MANAGERS, 302),
        method="post",
        data={"name": "Locuire socială"},
    ),
    Case(
        "rename another municipality's theme",
        lambda w: theme_url(w, _theme(w, w.other_municipality)),
        statuses(MANAGERS, 404),
        method="post",
        data={"name": "Furată"},
    ),
    Case(
        "themes of the other municipality",
        lambda w: reverse("theme-list", args=[w.other_municipality.slug]),
        {"other_staff": 200},
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_nothing_is_written_by_those_who_may_not(world, as_user):
    theme = _theme(world)
    for persona in ("provider_a", "facilitator", "secretary", "public", "other_staff"):
        as_user(persona).post(themes_url(world), {"name": f"De la {persona}"})
        as_user(persona).post(theme_url(world, theme), {"name": f"De la {persona}"})
    theme.refresh_from_db()
    assert theme.name == "Locuire"
    assert Theme.objects.count() == 1
