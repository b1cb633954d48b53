"""The measure form: a measure with its budget lines and indicators saved all or nothing; bad
input refused with the field named and nothing written; an approved plan never changed."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from actionplans.models import BudgetLine, Measure, MeasureIndicator
from tests.actionplans.helpers_plans import measure_post, other_plan, plan_in, url
from tests.factories import (
    BeneficiaryCategoryFactory,
    BudgetLineFactory,
    IndicatorFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    SocialServiceFactory,
    decision_for,  # noqa: I001
)
from tests.matrix import ALL, MANAGERS, Case, check, statuses

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return plan_in(world)


def counts():
    return (Measure.objects.count(), BudgetLine.objects.count(), MeasureIndicator.objects.count())


def test_staff_adds_a_measure_with_budget_lines_and_indicators(world, as_user, plan):
    service = SocialServiceFactory(municipality=world.municipality, code="8790 CR-D-I")
    category = BeneficiaryCategoryFactory(municipality=world.municipality)
    strategy_indicator = IndicatorFactory(specific_objective=plan.objectives[0])
    data = measure_post(
        plan,
        service=str(service.pk),
        service_code="",
        service_name="",
        partners=[str(world.org_a.pk), str(world.org_b.pk)],
        categories=[str(category.pk)],
        zone=str(world.zone.pk),
        start_month="3",
        end_month="10",
        lines=[
            {"source": "local", "programme": "", "amount": "1.234.567,89", "note": "HCL buget"},
            {"source": "eu", "programme": "PIDS", "amount": "250000.50", "note": ""},
        ],
        indicators=[
            {
                "strategy_indicator": str(strategy_indicator.pk),
                "name": "",
                "unit": "",
                "target": "80",
            },
            {
                "strategy_indicator": "",
                "name": "Ore de îngrijire",
                "unit": "ore",
                "target": "1.200,5",
            },
        ],
    )
    with translation.override("ro"):
        response = as_user("staff").post(url("measure-create", plan), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    measure = Measure.objects.get(plan=plan)
    assert (measure.service, measure.service_code, measure.service_name) == (
        service,
        "8790 CR-D-I",
        service.name,
    )
    assert set(measure.partners.all()) == {world.org_a, world.org_b}
    assert list(measure.categories.all()) == [category]
    assert measure.zone == world.zone
    assert (measure.start_month, measure.end_month) == (3, 10)
    amounts = dict(measure.budget_lines.values_list("source", "amount"))
    assert amounts == {"local": Decimal("1234567.89"), "eu": Decimal("250000.50")}
    indicators = {i.name: i for i in measure.indicators.all()}
    assert indicators[strategy_indicator.name].unit == strategy_indicator.unit
    assert indicators[strategy_indicator.name].strategy_indicator == strategy_indicator
    assert indicators["Ore de îngrijire"].target == Decimal("1200.50")
    assert measure.history.first().history_user == world.users["staff"]


def test_the_objective_select_names_objectives_by_number(world, as_user, plan):
    response = as_user("staff").get(url("measure-create", plan) + "?section=training")
    page = response.content.decode()
    assert f"OS1.1 {plan.objectives[0].title}" in page
    assert f"OS1.2 {plan.objectives[1].title}" in page
    assert response.context["form"].initial["section"] == "training"


def test_editing_a_measure_changes_deletes_and_adds_lines(world, as_user, plan):
    measure = MeasureFactory(plan=plan, specific_objective=plan.objectives[0])
    local = BudgetLineFactory(measure=measure, source="local", amount=Decimal("100.00"))
    state = BudgetLineFactory(measure=measure, source="state", amount=Decimal("50.00"))
    kept = MeasureIndicatorFactory(measure=measure)
    data = measure_post(
        plan,
        title="Îngrijire la domiciliu – extindere",
        lines=[
            {"id": str(local.pk), "source": "local", "programme": "", "amount": "200", "note": ""},
            {
                "id": str(state.pk),
                "source": "state",
                "programme": "",
                "amount": "50",
                "note": "",
                "DELETE": "on",
            },
            {"source": "private", "programme": "", "amount": "10,5", "note": "Sponsorizare"},
        ],
        lines_initial=2,
        indicators=[
            {
                "id": str(kept.pk),
                "strategy_indicator": "",
                "name": kept.name,
                "unit": "persoane",
                "target": "90",
            },
        ],
        indicators_initial=1,
    )
    response = as_user("staff").post(url("measure-update", plan, measure.pk), data)
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Îngrijire la domiciliu – extindere"
    assert dict(measure.budget_lines.values_list("source", "amount")) == {
        "local": Decimal("200.00"),
        "private": Decimal("10.50"),
    }
    kept.refresh_from_db()
    assert kept.target == Decimal("90")


BAD_INPUT = [
    (
        "negative amount",
        {"lines": [{"source": "local", "programme": "", "amount": "-5", "note": ""}]},
        ("lines", 0, "amount"),
    ),
    (
        "malformed amount",
        {"lines": [{"source": "local", "programme": "", "amount": "12abc", "note": ""}]},
        ("lines", 0, "amount"),
    ),
    (
        "three decimals",
        {"lines": [{"source": "local", "programme": "", "amount": "12,345", "note": ""}]},
        ("lines", 0, "amount"),
    ),
    (
        "EU line without programme",
        {"lines": [{"source": "eu", "programme": " ", "amount": "100", "note": ""}]},
        ("lines", 0, "programme"),
    ),
    (
        "the same source twice",
        {
            "lines": [
                {"source": "eu", "programme": "PIDS", "amount": "100", "note": ""},
                {"source": "eu", "programme": "pids", "amount": "200", "note": ""},
            ]
        },
        ("lines", 1, "source"),
    ),
    ("end before start", {"start_month": "9", "end_month": "3"}, ("form", None, "end_month")),
    ("month outside the year", {"end_month": "13"}, ("form", None, "end_month")),
    ("month zero", {"start_month": "0"}, ("form", None, "start_month")),
    ("no objective", {"specific_objective": ""}, ("form", None, "specific_objective")),
    (
        "new service without code",
        {"section": "new", "service_code": ""},
        ("form", None, "service_code"),
    ),
    ("unfunded without reason", {"unfunded": "on", "lines": []}, ("form", None, "unfunded_reason")),
    (
        "indicator without name",
        {"indicators": [{"strategy_indicator": "", "name": "", "unit": "ore", "target": "3"}]},
        ("indicators", 0, "name"),
    ),
    (
        "negative target",
        {"indicators": [{"strategy_indicator": "", "name": "Ore", "unit": "ore", "target": "-3"}]},
        ("indicators", 0, "target"),
    ),
]


@pytest.mark.parametrize(("name", "change", "where"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_is_refused_with_the_field_named_and_nothing_written(
    world, as_user, plan, name, change, where
):
    before = counts()
    data = measure_post(plan, **change)
    response = as_user("staff").post(url("measure-create", plan), data)
    assert response.status_code == 200
    assert counts() == before
    kind, index, field = where
    if kind == "form":
        errors = response.context["form"].errors
    else:
        errors = response.context[kind].forms[index].errors
    assert field in errors, (name, dict(errors))
    assert "Nothing was saved" in response.content.decode()


def test_the_amount_error_shows_an_example_in_lei(world, as_user, plan):
    data = measure_post(
        plan, lines=[{"source": "local", "programme": "", "amount": "o mie", "note": ""}]
    )
    response = as_user("staff").post(url("measure-create", plan), data)
    assert "Enter an amount in lei, e.g. 1.234,50." in response.content.decode()


def test_every_error_is_shown_at_once(world, as_user, plan):
    data = measure_post(
        plan,
        specific_objective="",
        end_month="13",
        lines=[{"source": "local", "programme": "", "amount": "-1", "note": ""}],
    )
    response = as_user("staff").post(url("measure-create", plan), data)
    assert {"specific_objective", "end_month"} <= set(response.context["form"].errors)
    assert "amount" in response.context["lines"].forms[0].errors


def test_a_bad_line_on_an_existing_measure_leaves_it_untouched(world, as_user, plan):
    measure = MeasureFactory(plan=plan, specific_objective=plan.objectives[0], title="Vechi")
    line = BudgetLineFactory(measure=measure, amount=Decimal("100.00"))
    data = measure_post(
        plan,
        title="Nou",
        lines=[
            {"id": str(line.pk), "source": "local", "programme": "", "amount": "-1", "note": ""}
        ],
        lines_initial=1,
    )
    response = as_user("staff").post(url("measure-update", plan, measure.pk), data)
    assert response.status_code == 200
    measure.refresh_from_db()
    line.refresh_from_db()
    assert (measure.title, line.amount) == ("Vechi", Decimal("100.00"))


def test_foreign_partners_zone_or_service_are_refused(world, as_user, plan):
    foreign_service = SocialServiceFactory(municipality=world.other_municipality)
    before = counts()
    data = measure_post(
        plan,
        partners=[str(world.other_org.pk)],
        zone=str(world.other_zone.pk),
        service=str(foreign_service.pk),
    )
    response = as_user("staff").post(url("measure-create", plan), data)
    assert response.status_code == 200
    assert {"partners", "zone", "service"} <= set(response.context["form"].errors)
    assert counts() == before


def test_an_objective_of_another_strategy_is_refused(world, as_user, plan):
    foreign = other_plan(world)
    from tests.factories import specific_objective_for

    data = measure_post(plan, specific_objective=str(specific_objective_for(foreign.cycle).pk))
    response = as_user("staff").post(url("measure-create", plan), data)
    assert response.status_code == 200
    assert "specific_objective" in response.context["form"].errors
    assert not Measure.objects.exists()


@pytest.mark.parametrize("status", ["approved", "submitted"])
def test_a_plan_sent_to_the_council_is_not_changed(world, as_user, plan, status):
    from actionplans.models import CouncilVote

    measure = MeasureFactory(plan=plan, specific_objective=plan.objectives[0], title="Vechi")
    plan.status = status
    plan.save()
    if status == "approved":
        CouncilVote.objects.create(
            decision=decision_for(plan),
            decision_number="123",
            decision_date=datetime.date(2026, 12, 18),
            in_office=19,
            present=17,
            votes_for=15,
            votes_against=1,
            abstentions=1,
            adopted=True,
            recorded_by=world.users["secretary"],
        )
    before = counts()
    client = as_user("staff")
    response = client.post(url("measure-update", plan, measure.pk), measure_post(plan, title="X"))
    assert response.status_code == 403
    text = response.content.decode()
    if status == "approved":
        assert "HCL no. 123 of 18.12.2026" in text
        assert "can no longer be changed" in text
    else:
        assert "withdraw the draft decision first" in text
    assert client.post(url("measure-create", plan), measure_post(plan)).status_code == 403
    assert client.post(url("measure-delete", plan, measure.pk)).status_code == 403
    assert (
        client.post(url("measure-move", plan, measure.pk), {"direction": "up"}).status_code == 403
    )
    assert counts() == before
    measure.refresh_from_db()
    assert measure.title == "Vechi"


def test_the_service_refuses_an_approved_plan_even_if_the_view_were_skipped(world, plan):
    from actionplans import editing
    from core.exceptions import DomainError

    plan.status = "approved"
    plan.save()
    measure = Measure(
        plan=plan,
        section="existing",
        specific_objective=plan.objectives[0],
        title="X",
        department="DAS",
        start_month=1,
        end_month=2,
    )
    with pytest.raises(DomainError, match="approved by the local council"):
        editing.save_measure(measure=measure, user=world.users["staff"])
    assert not Measure.objects.exists()


def test_deleting_a_measure_asks_first_and_then_removes_its_lines(world, as_user, plan):
    measure = MeasureFactory(plan=plan, specific_objective=plan.objectives[0])
    BudgetLineFactory(measure=measure)
    MeasureIndicatorFactory(measure=measure)
    client = as_user("staff")
    page = client.get(url("measure-delete", plan, measure.pk))
    assert page.status_code == 200 and measure.title in page.content.decode()
    assert Measure.objects.filter(pk=measure.pk).exists()
    assert client.post(url("measure-delete", plan, measure.pk)).status_code == 302
    assert counts() == (0, 0, 0)
    assert BudgetLine.history.filter(history_type="-").count() == 1


def test_moving_a_measure_changes_its_number_in_the_section(world, as_user, plan):
    from actionplans.budget import plan_data

    first = MeasureFactory(plan=plan, specific_objective=plan.objectives[0], title="Prima")
    second = MeasureFactory(plan=plan, specific_objective=plan.objectives[0], title="A doua")
    MeasureFactory(plan=plan, section="training", specific_objective=plan.objectives[0])
    client = as_user("staff")
    assert client.post(url("measure-move", plan, second.pk), {"direction": "up"}).status_code == 302
    numbers = {row.measure.title: row.number for row in plan_data(plan)["rows"]}
    assert (numbers["A doua"], numbers["Prima"]) == ("1.1", "1.2")
    # at the top already: nothing moves, no error
    assert client.post(url("measure-move", plan, second.pk), {"direction": "up"}).status_code == 302
    assert (
        client.post(url("measure-move", plan, first.pk), {"direction": "left"}).status_code == 400
    )


def test_a_measure_moved_to_another_section_goes_to_its_end(world, as_user, plan):
    MeasureFactory(plan=plan, section="training", specific_objective=plan.objectives[0])
    moving = MeasureFactory(plan=plan, section="existing", specific_objective=plan.objectives[0])
    data = measure_post(plan, section="training", lines=[])
    data["unfunded"] = "on"
    data["unfunded_reason"] = "Instruire internă"
    response = as_user("staff").post(url("measure-update", plan, moving.pk), data)
    assert response.status_code == 302
    from actionplans.budget import plan_data

    numbers = {row.measure.pk: row.number for row in plan_data(plan)["rows"]}
    assert numbers[moving.pk] == "5.2"


# --- Permission matrix -------------------------------------------------------------------------


def _plan(w):
    if not hasattr(w, "matrix_plan"):
        w.matrix_plan = plan_in(w)
        w.matrix_measure = MeasureFactory(
            plan=w.matrix_plan, specific_objective=w.matrix_plan.objectives[0]
        )
    return w.matrix_plan


def _measure_url(name):
    return lambda w: url(name, _plan(w), w.matrix_measure.pk)


def _submitted(w):
    plan = _plan(w)
    plan.status = "submitted"
    plan.save()


CASES = [
    Case("measure create", lambda w: url("measure-create", _plan(w)), statuses(MANAGERS, 200)),
    Case("measure update", _measure_url("measure-update"), statuses(MANAGERS, 200)),
    Case("measure delete page", _measure_url("measure-delete"), statuses(MANAGERS, 200)),
    Case(
        "measure delete",
        _measure_url("measure-delete"),
        statuses(MANAGERS, 302),
        method="post",
    ),
    Case(
        "measure move",
        _measure_url("measure-move"),
        statuses(MANAGERS, 302),
        method="post",
        data={"direction": "down"},
    ),
    Case(
        "measure update of a submitted plan",
        _measure_url("measure-update"),
        {},
        setup=_submitted,
    ),
    Case(
        "measure of this plan through another municipality",
        lambda w: url(
            "measure-update", _plan(w), w.matrix_measure.pk, slug=w.other_municipality.slug
        ),
        statuses(ALL[1:], 404),
        denied=404,
    ),
    Case(
        "another plan's measure through this plan",
        lambda w: url("measure-update", _plan(w), MeasureFactory(plan=other_plan(w)).pk),
        {**statuses(ALL[1:], 403), **statuses(MANAGERS, 404)},
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)
