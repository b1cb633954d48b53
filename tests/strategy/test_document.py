"""The strategy document editor: staff write, reorder and delete; numbers are derived."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from strategy.document import document_tree
from strategy.models import (
    Guideline,
    Indicator,
    Section,
    SpecificObjective,
    StrategicObjective,
    Strategy,
)
from strategy.sanitise import sanitise
from tests.conftest import client_for
from tests.factories import (
    GuidelineFactory,
    IndicatorFactory,
    SectionFactory,
    SpecificObjectiveFactory,
    StrategicObjectiveFactory,
    StrategyCycleFactory,
    StrategyFactory,
)
from tests.matrix import ALL, LOGGED_IN, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def set_stage(cycle, stage):
    cycle.active_stage = stage
    cycle.save()


def build_document(municipality, cycle):
    strategy = StrategyFactory(municipality=municipality, cycle=cycle)
    guideline = GuidelineFactory(strategy=strategy, position=0)
    objective = StrategicObjectiveFactory(strategy=strategy, guideline=guideline, position=0)
    specific = SpecificObjectiveFactory(objective=objective, position=0)
    return SimpleNamespace(
        strategy=strategy,
        section=SectionFactory(strategy=strategy, position=0),
        guideline=guideline,
        objective=objective,
        specific=specific,
        indicator=IndicatorFactory(specific_objective=specific, position=0),
    )


@pytest.fixture
def doc(world):
    set_stage(world.cycle, "objectives")
    return build_document(world.municipality, world.cycle)


def staff_client(world, persona="staff"):
    client = client_for(world.users[persona])
    client.cookies["django_language"] = "en"
    return client


def url(name, strategy, *args):
    return reverse(name, args=[strategy.municipality.slug, strategy.pk, *args])


def positions(model, **filters):
    return list(model.objects.filter(**filters).order_by("position").values_list("pk", flat=True))


# --- Creating the strategy ---------------------------------------------------------------------


def test_staff_start_the_strategy_of_a_cycle_with_the_usual_chapters(world):
    set_stage(world.cycle, "objectives")
    response = staff_client(world).post(
        reverse("strategy-create", args=[world.municipality.slug]), {"cycle": world.cycle.pk}
    )
    strategy = Strategy.objects.get(cycle=world.cycle)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("strategy-detail", args=["arcadia", strategy.pk])
    )
    assert strategy.title == (
        "Strategia de dezvoltare a serviciilor sociale a Municipiul Arcadia 2026–2030"
    )
    assert list(strategy.sections.order_by("position").values_list("kind", "position")) == [
        ("context", 0),
        ("diagnosis", 1),
        ("vision", 2),
        ("implementation", 3),
    ]
    assert strategy.history.get().history_user == world.users["staff"]
    assert strategy.sections.first().history.get().history_user == world.users["staff"]


def test_starting_a_strategy_in_the_visions_stage_names_the_stage_that_allows_it(world):
    response = staff_client(world).post(
        reverse("strategy-create", args=[world.municipality.slug]),
        {"cycle": world.cycle.pk, "title": "Strategia"},
    )
    assert response.status_code == 400
    assert "Strategic objectives" in response.context["form"].errors["cycle"][0]
    assert not Strategy.objects.exists()


def test_a_cycle_that_has_a_strategy_cannot_get_a_second_one(world, doc):
    response = staff_client(world).post(
        reverse("strategy-create", args=[world.municipality.slug]), {"cycle": world.cycle.pk}
    )
    assert response.status_code == 400 and "cycle" in response.context["form"].errors
    assert Strategy.objects.filter(cycle=world.cycle).count() == 1


def test_staff_cannot_start_a_strategy_for_another_municipalitys_cycle(world):
    set_stage(world.other_cycle, "objectives")
    response = staff_client(world).post(
        reverse("strategy-create", args=[world.municipality.slug]), {"cycle": world.other_cycle.pk}
    )
    assert response.status_code == 400 and "cycle" in response.context["form"].errors
    assert not Strategy.objects.exists()


# --- The document page -------------------------------------------------------------------------


def test_the_document_shows_derived_numbers_and_the_indicator_table(world, doc):
    IndicatorFactory(
        specific_objective=doc.specific,
        name="Locuri în centre de zi",
        baseline=Decimal("1234.5"),
        baseline_year=2024,
        target=Decimal("2000"),
        target_year=2030,
        source="Ancheta DAS",
        frequency="quarterly",
        measured_by="Compartimentul monitorizare",
        position=1,
    )
    page = staff_client(world).get(url("strategy-detail", doc.strategy)).content.decode()
    for text in (
        f"LD1</span> {doc.guideline.title}",
        f"OS1</span> {doc.objective.title}",
        f"OS1.1</span> {doc.specific.title}",
        "I1.1.2",
        "Locuri în centre de zi",
        "1,234.5 (2024)",
        "2,000 (2030)",
        "Ancheta DAS",
        "quarterly",
        "Compartimentul monitorizare",
        f"LD1 {doc.guideline.title}",  # the objective's guideline
    ):
        assert text in page, text
    assert url("section-update", doc.strategy, doc.section.pk) in page
    assert 'name="direction" value="down"' in page  # keyboard reordering without script


def test_keyboard_reordering_buttons_name_the_item_for_screen_readers(world, doc):
    StrategicObjectiveFactory(strategy=doc.strategy, title="Locuire", position=1)
    page = staff_client(world).get(url("strategy-detail", doc.strategy)).content.decode()
    assert 'Down<span class="visually-hidden"> – OS1 ' in page
    assert 'Up<span class="visually-hidden"> – OS2 Locuire</span>' in page


def test_in_the_visions_stage_staff_read_the_draft_without_edit_controls(world):
    doc = build_document(world.municipality, world.cycle)  # the cycle is in "visions"
    page = staff_client(world).get(url("strategy-detail", doc.strategy)).content.decode()
    assert doc.objective.title in page
    assert "can be edited only in the stages" in page and "Strategic objectives" in page
    assert url("section-update", doc.strategy, doc.section.pk) not in page
    assert reverse("strategy-move", args=["arcadia", doc.strategy.pk]) not in page


def test_editing_in_the_visions_stage_is_refused_with_the_stage_named(world):
    doc = build_document(world.municipality, world.cycle)
    client = staff_client(world)
    response = client.get(url("section-create", doc.strategy))
    assert response.status_code == 403
    assert "Strategic objectives" in response.content.decode()
    response = client.post(
        url("section-update", doc.strategy, doc.section.pk),
        {"kind": "context", "title": "Alt titlu", "body": ""},
    )
    assert response.status_code == 403
    doc.section.refresh_from_db()
    assert doc.section.title != "Alt titlu"
    assert client.post(url("objective-delete", doc.strategy, doc.objective.pk)).status_code == 403
    assert StrategicObjective.objects.filter(pk=doc.objective.pk).exists()


@pytest.mark.parametrize("stage", ["objectives", "public_consultation"])
def test_editing_is_allowed_in_the_stages_that_declare_it(world, stage):
    set_stage(world.cycle, stage)
    doc = build_document(world.municipality, world.cycle)
    response = staff_client(world).post(
        url("section-update", doc.strategy, doc.section.pk),
        {"kind": "context", "title": "Context socio-economic", "body": "<p>Text</p>"},
    )
    assert response.status_code == 302
    doc.section.refresh_from_db()
    assert doc.section.title == "Context socio-economic"


def test_the_detail_page_keeps_a_constant_number_of_queries(world, doc):
    client = staff_client(world)

    def grow_to(total):
        while doc.strategy.objectives.count() < total:
            objective = StrategicObjectiveFactory(strategy=doc.strategy, guideline=doc.guideline)
            for _ in range(2):
                specific = SpecificObjectiveFactory(objective=objective)
                IndicatorFactory.create_batch(2, specific_objective=specific)

    detail = url("strategy-detail", doc.strategy)
    grow_to(2)
    client.get(detail)  # warm the session and the caches
    small = count_queries(lambda: client.get(detail))
    grow_to(8)
    large = count_queries(lambda: client.get(detail))
    assert small == large, (small, large)
    assert large < 20  # the tree is read in 6 queries; the rest is session and roles
    assert len(document_tree(doc.strategy)["objectives"]) == 8


# --- Writing items -----------------------------------------------------------------------------


def test_a_section_body_is_sanitised_when_saved_and_keeps_allowed_markup(world, doc):
    body = (
        '<h3>Diagnoză</h3><p onclick="steal()">Text <strong>tare</strong> '
        '<a href="javascript:alert(1)">rău</a> <a href="https://ins.ro">INS</a></p>'
        "<script>alert('x')</script><img src=x onerror=alert(1)>"
        "<table><thead><tr><th>An</th></tr></thead><tbody><tr><td>2025</td></tr></tbody></table>"
    )
    response = staff_client(world).post(
        url("section-create", doc.strategy),
        {"kind": "diagnosis", "title": "Diagnoză", "body": body},
    )
    assert response.status_code == 302
    section = Section.objects.get(title="Diagnoză")
    for gone in ("script", "alert", "onclick", "onerror", "javascript", "<img"):
        assert gone not in section.body, gone
    for kept in (
        "<h3>Diagnoză</h3>",
        "<strong>tare</strong>",
        '<a href="https://ins.ro" rel="noopener noreferrer">INS</a>',
        "<th>An</th>",
        "<td>2025</td>",
    ):
        assert kept in section.body, kept
    assert section.position == 1  # after the existing section
    assert section.history.get().history_user == world.users["staff"]


def test_the_sanitiser_strips_scripts_event_handlers_and_javascript_links():
    dirty = (
        "<p style='color:red' onmouseover='x()'>A<script>alert(1)</script>"
        "<style>p{display:none}</style><iframe src='https://x'></iframe>"
        "<a href=' JAVASCRIPT:alert(1)'>b</a><a href='/relative'>c</a>"
        "<a href='mailto:das@arcadia.ro' target='_blank'>d</a></p><h1>Titlu</h1>"
        "<ul><li><em>e</em> <u>f</u></li></ul><ol><li>g<br>h</li></ol><blockquote>i</blockquote>"
    )
    clean = sanitise(dirty)
    for gone in ("style", "onmouseover", "alert", "display", "iframe", "javascript", "JAVASCRIPT"):
        assert gone not in clean, gone
    assert "/relative" not in clean and "target" not in clean and "<h1>" not in clean
    assert '<a href="mailto:das@arcadia.ro" rel="noopener noreferrer">d</a>' in clean
    for kept in ("<ul><li><em>e</em> <u>f</u></li></ul>", "g<br>h", "<blockquote>i</blockquote>"):
        assert kept in clean


def test_a_body_written_around_the_form_is_sanitised_again_when_shown(world, doc):
    Section.objects.filter(pk=doc.section.pk).update(
        body="<p>Bun</p><script>alert('raw')</script><img src=x onerror=alert(2)>"
    )
    page = staff_client(world).get(url("strategy-detail", doc.strategy)).content.decode()
    assert "<p>Bun</p>" in page
    assert "alert(" not in page and "onerror" not in page


def test_an_objectives_guideline_must_be_one_of_this_strategy(world, doc):
    other = build_document(
        world.municipality, StrategyCycleFactory(municipality=world.municipality)
    )
    set_stage(other.strategy.cycle, "objectives")
    response = staff_client(world).post(
        url("objective-create", doc.strategy),
        {"title": "Furat", "guideline": other.guideline.pk, "description": ""},
    )
    assert response.status_code == 400 and "guideline" in response.context["form"].errors
    assert not StrategicObjective.objects.filter(title="Furat").exists()


def test_a_new_objective_goes_last_with_its_guideline(world, doc):
    response = staff_client(world).post(
        url("objective-create", doc.strategy),
        {"title": "Servicii pentru vârstnici", "guideline": doc.guideline.pk, "description": ""},
    )
    assert response.status_code == 302
    tree = document_tree(doc.strategy)
    assert [o["number"] for o in tree["objectives"]] == ["OS1", "OS2"]
    assert tree["objectives"][1]["title"] == "Servicii pentru vârstnici"
    assert tree["objectives"][1]["guideline_number"] == "LD1"


INDICATOR = {
    "name": "Persoane vârstnice asistate la domiciliu",
    "unit": "persoane",
    "baseline_year": "2025",
    "target": "150",
    "target_year": "2030",
    "source": "Registrul DAS",
    "frequency": "yearly",
    "measured_by": "DAS",
}


@pytest.mark.parametrize("language", ["ro", "en"])
@pytest.mark.parametrize("typed", ["1.234,5", "1234.5", "1234,5", "1 234,50"])
def test_indicator_values_are_read_in_either_notation(world, doc, typed, language):
    client = staff_client(world)
    client.cookies["django_language"] = language
    response = client.post(
        url("indicator-create", doc.strategy, doc.specific.pk), {**INDICATOR, "baseline": typed}
    )
    assert response.status_code == 302, response.context["form"].errors
    indicator = Indicator.objects.get(name=INDICATOR["name"])
    assert indicator.baseline == Decimal("1234.5")
    assert indicator.position == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"baseline": "60", "baseline_year": ""}, "baseline_year"),
        ({"baseline": "", "baseline_year": "2025"}, "baseline"),
        ({"baseline": "1.500"}, "baseline"),  # three decimals: refused, never read as 1500
        ({"baseline": "mult"}, "baseline"),
        ({"baseline": "10", "target_year": "2020"}, "target_year"),
        ({"target": ""}, "target"),
        ({"frequency": "daily"}, "frequency"),
        ({"target_year": "3000"}, "target_year"),
    ],
)
def test_a_bad_indicator_names_the_field_and_writes_nothing(world, doc, overrides, field):
    data = {**INDICATOR, "baseline": "60", **overrides}
    response = staff_client(world).post(
        url("indicator-create", doc.strategy, doc.specific.pk), data
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Indicator.objects.filter(name=INDICATOR["name"]).exists()


def test_editing_an_item_keeps_its_history(world, doc):
    client = staff_client(world)
    client.post(
        url("specific-objective-update", doc.strategy, doc.specific.pk),
        {"title": "Acces la servicii de zi", "description": ""},
    )
    record = doc.specific.history.first()
    assert record.title == "Acces la servicii de zi"
    assert record.history_user == world.users["staff"]
    page = client.get(url("specific-objective-update", doc.strategy, doc.specific.pk))
    assert "History of changes" in page.content.decode()


# --- Order and deletion ------------------------------------------------------------------------


@pytest.fixture
def three_objectives(doc):
    second = StrategicObjectiveFactory(strategy=doc.strategy, title="Al doilea", position=1)
    third = StrategicObjectiveFactory(strategy=doc.strategy, title="Al treilea", position=2)
    return [doc.objective, second, third]


def test_drag_and_drop_reorder_renumbers_the_objectives(world, doc, three_objectives):
    first, second, third = three_objectives
    response = staff_client(world).post(
        url("strategy-reorder", doc.strategy),
        {"kind": "objective", "ids": [second.pk, third.pk, first.pk]},
    )
    assert response.status_code == 200
    assert positions(StrategicObjective, strategy=doc.strategy) == [second.pk, third.pk, first.pk]
    numbers = {o["id"]: o["number"] for o in document_tree(doc.strategy)["objectives"]}
    assert numbers == {second.pk: "OS1", third.pk: "OS2", first.pk: "OS3"}
    assert second.history.first().history_user == world.users["staff"]
    # the specific objective and indicator under the moved objective follow its new number
    tree = document_tree(doc.strategy)
    assert tree["objectives"][2]["specific"][0]["number"] == "OS3.1"
    assert tree["objectives"][2]["specific"][0]["indicators"][0]["number"] == "I3.1.1"


def test_moving_up_with_the_keyboard_makes_os2_the_first(world, doc, three_objectives):
    first, second, _third = three_objectives
    response = staff_client(world).post(
        url("strategy-move", doc.strategy),
        {"kind": "objective", "id": second.pk, "direction": "up"},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#objective-{second.pk}")
    numbers = {o["id"]: o["number"] for o in document_tree(doc.strategy)["objectives"]}
    assert numbers[second.pk] == "OS1" and numbers[first.pk] == "OS2"
    page = staff_client(world).get(url("strategy-detail", doc.strategy)).content.decode()
    assert page.index("Al doilea") < page.index(first.title)


def test_moving_the_first_item_up_changes_nothing(world, doc, three_objectives):
    before = positions(StrategicObjective, strategy=doc.strategy)
    staff_client(world).post(
        url("strategy-move", doc.strategy),
        {"kind": "objective", "id": doc.objective.pk, "direction": "up"},
    )
    assert positions(StrategicObjective, strategy=doc.strategy) == before


def test_reordering_indicators_of_a_specific_objective(world, doc):
    second = IndicatorFactory(specific_objective=doc.specific, name="Al doilea", position=1)
    response = staff_client(world).post(
        url("strategy-reorder", doc.strategy),
        {"kind": "indicator", "parent": doc.specific.pk, "ids": [second.pk, doc.indicator.pk]},
    )
    assert response.status_code == 200
    tree = document_tree(doc.strategy)
    assert tree["objectives"][0]["specific"][0]["indicators"][0]["name"] == "Al doilea"


@pytest.mark.parametrize("problem", ["foreign", "missing", "duplicate", "not a number"])
def test_a_reorder_that_does_not_match_the_list_is_refused_and_writes_nothing(
    world, doc, three_objectives, problem
):
    first, second, third = three_objectives
    foreign = build_document(world.other_municipality, world.other_cycle).objective
    ids = {
        "foreign": [third.pk, second.pk, foreign.pk],
        "missing": [third.pk, second.pk],
        "duplicate": [third.pk, second.pk, second.pk],
        "not a number": [third.pk, second.pk, "x"],
    }[problem]
    before = positions(StrategicObjective, strategy=doc.strategy)
    response = staff_client(world).post(
        url("strategy-reorder", doc.strategy), {"kind": "objective", "ids": ids}
    )
    assert response.status_code == 400
    assert positions(StrategicObjective, strategy=doc.strategy) == before
    assert second.history.count() == 1  # only its creation


def test_a_bad_move_request_is_refused(world, doc):
    client = staff_client(world)
    move = url("strategy-move", doc.strategy)
    assert client.post(move, {"kind": "planet", "id": 1, "direction": "up"}).status_code == 400
    data = {"kind": "objective", "id": doc.objective.pk, "direction": "sideways"}
    assert client.post(move, data).status_code == 400


def test_deleting_an_objective_renumbers_the_rest(world, doc, three_objectives):
    first, second, third = three_objectives
    response = staff_client(world).post(url("objective-delete", doc.strategy, first.pk))
    assert response.status_code == 302
    assert positions(StrategicObjective, strategy=doc.strategy) == [second.pk, third.pk]
    assert list(
        StrategicObjective.objects.filter(strategy=doc.strategy)
        .order_by("position")
        .values_list("position", flat=True)
    ) == [0, 1]
    numbers = {o["id"]: o["number"] for o in document_tree(doc.strategy)["objectives"]}
    assert numbers == {second.pk: "OS1", third.pk: "OS2"}


def test_deleting_an_objective_asks_first_and_takes_its_specifics_with_history(world, doc):
    page = staff_client(world).get(url("strategy-detail", doc.strategy)).content.decode()
    assert "together with its 1 specific objective and its indicators?" in page
    staff_client(world).post(url("objective-delete", doc.strategy, doc.objective.pk))
    assert not SpecificObjective.objects.filter(pk=doc.specific.pk).exists()
    assert not Indicator.objects.filter(pk=doc.indicator.pk).exists()
    staff = world.users["staff"]
    for model, pk in (
        (StrategicObjective, doc.objective.pk),
        (SpecificObjective, doc.specific.pk),
        (Indicator, doc.indicator.pk),
    ):
        deleted = model.history.filter(id=pk, history_type="-").get()
        assert deleted.history_user == staff


def test_deleting_a_guideline_keeps_its_objectives(world, doc):
    staff_client(world).post(url("guideline-delete", doc.strategy, doc.guideline.pk))
    assert not Guideline.objects.exists()
    doc.objective.refresh_from_db()
    assert doc.objective.guideline is None
    assert doc.objective.history.first().history_user == world.users["staff"]


def test_deleting_needs_a_post(world, doc):
    response = staff_client(world).get(url("section-delete", doc.strategy, doc.section.pk))
    assert response.status_code == 405
    assert Section.objects.filter(pk=doc.section.pk).exists()


# --- Permission matrix -------------------------------------------------------------------------


def _setup(world):
    """This strategy, another strategy here (older cycle), and one of another municipality."""
    set_stage(world.cycle, "objectives")
    world.doc = build_document(world.municipality, world.cycle)
    sibling_cycle = StrategyCycleFactory(municipality=world.municipality, start_year=2021)
    world.sibling = build_document(world.municipality, sibling_cycle)
    set_stage(world.other_cycle, "objectives")
    world.foreign = build_document(world.other_municipality, world.other_cycle)


def _url(name, *attrs, source="doc", slug=None):
    """The URL of `name` for this strategy, with item ids taken from `source`."""

    def make(world):
        strategy = world.doc.strategy
        ids = [getattr(getattr(world, source), attr).pk for attr in attrs]
        return reverse(name, args=[slug or world.municipality.slug, strategy.pk, *ids])

    return make


def _case(name, url_, status, method="get", data=None, denied=403, allowed=MANAGERS):
    return Case(
        name,
        url_,
        statuses(allowed, status),
        method=method,
        data=data or {},
        denied=denied,
        setup=_setup,
    )


ITEMS = [
    ("section", "section"),
    ("guideline", "guideline"),
    ("objective", "objective"),
    ("specific-objective", "specific"),
    ("indicator", "indicator"),
]

CASES = [
    Case(
        "start a strategy",
        lambda w: reverse("strategy-create", args=[w.municipality.slug]),
        statuses(MANAGERS, 200),
        setup=_setup,
    ),
    _case("document", _url("strategy-detail"), 200),
    _case("edit the title", _url("strategy-update"), 200),
    _case("add a section", _url("section-create"), 200),
    _case("add a guideline", _url("guideline-create"), 200),
    _case("add an objective", _url("objective-create"), 200),
    _case("add a specific objective", _url("specific-objective-create", "objective"), 200),
    _case("add an indicator", _url("indicator-create", "specific"), 200),
    # The ids of the matrix's objects are not known here: staff meet the id checks (the real
    # moves are tested below); everyone else is stopped before them.
    _case(
        "move an unknown item",
        _url("strategy-move"),
        404,
        method="post",
        data={"kind": "section", "id": 0, "direction": "up"},
    ),
    _case(
        "reorder with an empty list",
        _url("strategy-reorder"),
        400,
        method="post",
        data={"kind": "guideline"},
    ),
    _case(
        "the document through another municipality",
        _url("strategy-detail", slug="beta"),
        404,
        denied=404,
        allowed=LOGGED_IN,
    ),
    _case(
        "edit the title through another municipality",
        _url("strategy-update", slug="beta"),
        404,
        denied=404,
        allowed=LOGGED_IN,
    ),
]
for name, attr in ITEMS:
    CASES += [
        _case(f"edit a {name}", _url(f"{name}-update", attr), 200),
        _case(f"delete a {name}", _url(f"{name}-delete", attr), 302, method="post"),
        _case(
            f"edit a {name} of another strategy here",
            _url(f"{name}-update", attr, source="sibling"),
            404,
        ),
        _case(
            f"delete a {name} of another municipality",
            _url(f"{name}-delete", attr, source="foreign"),
            404,
            method="post",
        ),
    ]
CASES += [
    _case(
        "add a specific objective under another strategy's objective",
        _url("specific-objective-create", "objective", source="sibling"),
        404,
    ),
    _case(
        "add an indicator under another municipality's specific objective",
        _url("indicator-create", "specific", source="foreign"),
        404,
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


@pytest.mark.parametrize("persona", MANAGERS)
def test_staff_cannot_move_or_reorder_another_strategys_items(world, persona):
    _setup(world)
    client = client_for(world.users[persona])
    move, reorder = _url("strategy-move")(world), _url("strategy-reorder")(world)
    data = {"kind": "objective", "id": world.sibling.objective.pk, "direction": "up"}
    assert client.post(move, data).status_code == 404
    foreign = world.foreign
    data = {"kind": "specific", "parent": foreign.objective.pk, "ids": [foreign.specific.pk]}
    assert client.post(reorder, data).status_code == 404
    data = {"kind": "objective", "ids": [world.sibling.objective.pk]}
    assert client.post(reorder, data).status_code == 400
    assert world.sibling.objective.history.count() == 1


@pytest.mark.parametrize("persona", MANAGERS)
def test_staff_move_and_reorder_their_own_items(world, persona):
    _setup(world)
    client = client_for(world.users[persona])
    move, reorder = _url("strategy-move")(world), _url("strategy-reorder")(world)
    data = {"kind": "objective", "id": world.doc.objective.pk, "direction": "down"}
    assert client.post(move, data).status_code == 302
    data = {"kind": "specific", "parent": world.doc.objective.pk, "ids": [world.doc.specific.pk]}
    assert client.post(reorder, data).status_code == 200
