"""The public map of needs at a level of detail: no figure under 5, no hidden cell that can be
worked out from a total, the number of hidden cells said, and a demo map that says something."""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from beneficiaries import analysis, services
from beneficiaries.models import (
    MapLevel,
    NeedsAnalysis,
    Question,
    SpiralDimension,
    SpiralSession,
    Statement,
)
from core.models import Municipality
from tests.factories import BeneficiaryCategoryFactory, SpiralSessionFactory

pytestmark = pytest.mark.django_db


class MapFigures(HTMLParser):
    """Every figure the page shows: the text of each matrix cell (per table, row and column),
    the counts of the top-dimension lists and the values in the charts' tooltips."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.figures: list[str] = []
        self.chart_values: list[str] = []
        self._in_matrix = self._in_body = False
        self._cell: list[str] | None = None
        self._figure: list[str] | None = None
        self._rect_title: list[str] | None = None
        self._in_rect = False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table" and "matrix" in classes:
            self._in_matrix = True
            self.tables.append([])
        elif self._in_matrix and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.tables[-1].append([])
        elif self._in_body and tag == "td":
            self._cell = []
        if tag == "span" and "figure" in classes:
            self._figure = []
        if tag == "rect":
            self._in_rect = True
        elif tag == "title" and self._in_rect:
            self._rect_title = []

    def handle_startendtag(self, tag, attrs):
        if tag != "rect":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_matrix = self._in_body = False
        elif tag == "td" and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "span" and self._figure is not None:
            self.figures.append("".join(self._figure).strip())
            self._figure = None
        elif tag == "title" and self._rect_title is not None:
            self.chart_values.append("".join(self._rect_title).rsplit(":", 1)[-1].strip())
            self._rect_title = None
        elif tag == "rect":
            self._in_rect = False

    def handle_data(self, data):
        for part in (self._cell, self._figure, self._rect_title):
            if part is not None:
                part.append(data)


def parse(html: str) -> MapFigures:
    parser = MapFigures()
    parser.feed(html)
    return parser


def cell_number(text: str) -> int | None:
    """The count of a matrix cell ("7 (78%)"), None for a hidden one ("—")."""
    numbers = re.findall(r"\d+", re.sub(r"\(\d+%\)", "", text))
    assert len(numbers) <= 1, text
    return int(numbers[0]) if numbers else None


def assert_nothing_under_five(page: MapFigures) -> None:
    for table in page.tables:
        for row in table:
            for text in row:
                number = cell_number(text)
                assert number is None or number >= analysis.SMALL_CELL, text
    for text in page.figures:
        assert int(text) >= analysis.SMALL_CELL, text
    for value in page.chart_values:
        assert value == "—" or int(value) >= analysis.SMALL_CELL, value


def add(session, question, count, code, user):
    dimension = SpiralDimension.objects.get(code=code)
    for i in range(count):
        statement = Statement.objects.create(
            municipality=session.municipality,
            session=session,
            question=question,
            text=f"{code} {question} {session.pk} nr. {i}",
            created_by=user,
        )
        services.add_code(statement=statement, dimension=dimension, user=user)


@pytest.fixture
def small_groups(world):
    """Three groups of about 25 statements, spread so that almost every cell is under 5."""
    staff = world.users["staff"]
    sessions = [world.session]
    for key, name in (("romi", "Romi"), ("someri", "Șomeri")):
        sessions.append(
            SpiralSessionFactory(
                municipality=world.municipality,
                cycle=world.cycle,
                category=BeneficiaryCategoryFactory(
                    municipality=world.municipality, key=key, name=name
                ),
                zone=world.zone,
            )
        )
    plan = {  # (question, family code) -> statements per group
        ("illbeing", "A03"): (6, 3, 2),
        ("wellbeing", "A03"): (1, 3, 4),
        ("illbeing", "D01"): (2, 4, 1),
        ("wellbeing", "D04"): (5, 2, 3),
        ("illbeing", "G01"): (3, 1, 4),
        ("wellbeing", "G01"): (2, 0, 3),
        ("illbeing", "B02"): (0, 1, 1),
        ("wellbeing", "H01"): (4, 2, 0),
        ("what_i_do", "H01"): (3, 3, 3),
    }
    for (question, code), counts in plan.items():
        for session, count in zip(sessions, counts, strict=True):
            add(session, question, count, code, staff)
    world.sessions = sessions
    return world


def public_page(world, client) -> str:
    return client.get(reverse("needs-map-public", args=[world.municipality.slug])).content.decode()


@pytest.mark.parametrize("level", MapLevel.values)
def test_no_figure_under_five_is_ever_shown_on_the_public_map(small_groups, client, level):
    version = services.publish_analysis(
        cycle=small_groups.cycle, user=small_groups.users["staff"], level=level
    )
    assert version.level == level
    page = parse(public_page(small_groups, client))
    assert_nothing_under_five(page)
    assert page.figures or page.chart_values  # the page still says something
    if level == MapLevel.MUNICIPALITY:
        assert page.tables == []  # no breakdown by group or zone at all


def lines_of(grid):
    rows = [list(row) for row in grid]
    return rows + [list(column) for column in zip(*rows, strict=True)]


@pytest.mark.parametrize("level", [MapLevel.DETAILED, MapLevel.COMBINED])
def test_a_lone_hidden_cell_is_never_left_next_to_a_total_that_gives_it_away(small_groups, level):
    data = analysis.build_analysis(small_groups.cycle)
    public = analysis.publishable(data, level)
    for key in ("by_group", "by_zone"):
        for side, shown in public[key]["counts"].items():
            true = data[key]["counts"][side]
            for true_line, shown_line in zip(lines_of(true), lines_of(shown), strict=True):
                hidden = [v for v, s in zip(true_line, shown_line, strict=True) if s is None]
                if sum(true_line) >= analysis.SMALL_CELL:
                    assert len(hidden) != 1, (key, side, true_line, shown_line)
    for side, shown in public["family_totals"].items():
        hidden = [s for s in shown if s is None]
        assert len(hidden) != 1 or sum(data["family_totals"][side]) < analysis.SMALL_CELL


def group_values(data, side, family_code, sessions) -> list:
    """One family's counts in the groups of `sessions`, in that order."""
    matrix = data["by_group"]
    family = [f["code"] for f in data["families"]].index(family_code)
    index = {column["id"]: i for i, column in enumerate(matrix["columns"])}
    return [matrix["counts"][side][family][index[s.category_id]] for s in sessions]


def test_a_second_cell_is_hidden_when_a_total_would_give_away_a_lone_small_one(small_groups):
    data = analysis.build_analysis(small_groups.cycle)
    sessions = small_groups.sessions
    detailed = analysis.publishable(data, MapLevel.DETAILED)
    # Well-being D04: 5, 2, 3, and the family total 10 is in the public bars chart.
    assert group_values(data, Question.WELLBEING, "D", sessions) == [5, 2, 3]
    family = [f["code"] for f in data["families"]].index("D")
    assert detailed["family_totals"][Question.WELLBEING][family] == 10
    # The 5 is shown, 2 and 3 hidden: their sum is known, not which group said what.
    assert group_values(detailed, Question.WELLBEING, "D", sessions) == [5, None, None]
    # Both sides together D is 7, 6, 4: a lone hidden 4 would be 17 - 7 - 6, so 6 goes too.
    assert group_values(data, analysis.BOTH, "D", sessions) == [7, 6, 4]
    combined = analysis.publishable(data, MapLevel.COMBINED)
    assert group_values(combined, analysis.BOTH, "D", sessions) == [7, None, None]


def test_staff_choose_the_level_and_the_public_page_says_how_many_cells_are_hidden(
    small_groups, as_user, client
):
    staff = as_user("staff")
    map_url = reverse("spiral-needs-map", args=[small_groups.municipality.slug])
    form = staff.get(map_url).content.decode()
    for level in MapLevel.values:
        assert f'value="{level}"' in form
    response = staff.post(
        reverse("spiral-needs-map-publish", args=[small_groups.municipality.slug]),
        {"level": MapLevel.COMBINED},
    )
    assert response.status_code == 302
    assert NeedsAnalysis.objects.get().level == MapLevel.COMBINED
    html = public_page(small_groups, client)
    page = parse(html)
    by_group, by_zone = page.tables
    assert [len(row) for row in by_group] == [3] * 8  # one column per group, sides together
    hidden = sum(cell_number(text) is None for row in by_group for text in row)
    assert 0 < hidden < 24
    with translation.override("ro"):
        note = ngettext(
            "%(hidden)s of %(total)s cells is hidden (—).",
            "%(hidden)s of %(total)s cells are hidden (—).",
            hidden,
        ) % {"hidden": hidden, "total": 24}
    assert note in html
    with translation.override("ro"):
        # Per group and side the top dimensions are too small: the municipality's are shown.
        assert gettext("What each group names most") not in html
        assert gettext("What the whole municipality names most") in html
    assert "D04" in html  # well-being D04 was said 10 times in all


def test_an_unknown_level_publishes_nothing(small_groups, as_user):
    response = as_user("staff").post(
        reverse("spiral-needs-map-publish", args=[small_groups.municipality.slug]),
        {"level": "every-cell"},
    )
    assert response.status_code == 302
    assert not NeedsAnalysis.objects.exists()


def test_a_version_published_before_levels_existed_still_renders(small_groups, client):
    """Old versions hold no level, no combined side and no municipality-wide top list."""
    live = analysis.build_analysis(small_groups.cycle)

    def hide(value):
        return value if value is not None and value >= 5 else None

    data = {**live, "suppressed": True}
    del data["top_all"]
    for key in ("by_group", "by_zone"):
        data[key] = {
            "columns": live[key]["columns"],
            "counts": {
                side: [[hide(v) for v in row] for row in live[key]["counts"][side]]
                for side in analysis.SIDES
            },
            "totals": {
                side: [hide(v) for v in live[key]["totals"][side]] for side in analysis.SIDES
            },
        }
    data["top"] = {
        group: {side: [item for item in items if item["n"] >= 5] for side, items in sides.items()}
        for group, sides in live["top"].items()
    }
    data["family_totals"] = {
        side: [hide(v) for v in live["family_totals"][side]] for side in analysis.SIDES
    }
    NeedsAnalysis.objects.create(
        municipality=small_groups.municipality,
        cycle=small_groups.cycle,
        number=1,
        data=data,
        published_by=small_groups.users["staff"],
    )
    assert NeedsAnalysis.objects.get().level == MapLevel.DETAILED
    page = parse(public_page(small_groups, client))
    assert_nothing_under_five(page)
    assert [len(row) for row in page.tables[0]] == [6] * 8  # 3 groups × 2 sides
    shown = [cell_number(text) for row in page.tables[0] for text in row]
    assert 6 in shown  # ill-being A03 of the first group


def test_the_demo_public_map_shows_a_figure_for_every_group(client):
    call_command("load_demo", verbosity=0)
    municipality = Municipality.objects.get(slug="baia-mare")
    version = NeedsAnalysis.objects.get(municipality=municipality)
    assert version.level == MapLevel.COMBINED
    page = parse(client.get(reverse("needs-map-public", args=[municipality.slug])).content.decode())
    assert_nothing_under_five(page)
    by_group = page.tables[0]
    groups = SpiralSession.objects.filter(cycle=version.cycle).values("category").distinct()
    assert len(by_group[0]) == groups.count()
    for column in zip(*by_group, strict=True):
        assert any(cell_number(text) for text in column), column
