"""The plan pages: the list by cycle, starting a plan, the plan with its totals and what is
missing, its settings, objectives without a measure, submitting to the council and back."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from actionplans.models import ActionPlan, CouncilVote, ObjectiveSkipped
from tests.actionplans.helpers_plans import other_plan, plan_in, second_strategic_objective, url
from tests.factories import (
    BeneficiaryCategoryFactory,
    BudgetLineFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    StrategyCycleFactory,
    decision_for,  # noqa: I001
)
from tests.matrix import ALL, MANAGERS, Case, check, statuses
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return plan_in(world)


def list_url(world):
    return reverse("plan-list", args=[world.municipality.slug])


def create_url(world):
    return reverse("plan-create", args=[world.municipality.slug])


def ready_plan(world, plan):
    """Every objective served or skipped, every measure budgeted: the checks pass."""
    measure = MeasureFactory(plan=plan, specific_objective=plan.objectives[0])
    BudgetLineFactory(measure=measure, amount=Decimal("1000.00"))
    ObjectiveSkipped.objects.create(
        plan=plan, specific_objective=plan.objectives[1], reason="Fără finanțare în 2027."
    )
    return plan


def adopt(world, plan, number="45"):
    plan.status = ActionPlan.Status.APPROVED
    plan.save()
    return CouncilVote.objects.create(
        decision=decision_for(plan),
        decision_number=number,
        decision_date=datetime.date(2026, 12, 18),
        in_office=19,
        present=17,
        votes_for=15,
        votes_against=1,
        abstentions=1,
        adopted=True,
        recorded_by=world.users["secretary"],
    )


def populate(plan, world, count):
    category = BeneficiaryCategoryFactory(municipality=world.municipality)
    for index in range(count):
        measure = MeasureFactory(
            plan=plan,
            section=["existing", "new", "training"][index % 3],
            specific_objective=plan.objectives[index % 2],
            partners=[world.org_a, world.org_b],
            categories=[category],
            zone=world.zone,
        )
        BudgetLineFactory(measure=measure, source="local", amount=Decimal("1000.50"))
        BudgetLineFactory(measure=measure, source="eu", programme="PIDS", amount=Decimal("99"))
        MeasureIndicatorFactory(measure=measure)


# --- The list ----------------------------------------------------------------------------------


def test_the_list_groups_plans_by_cycle_with_counts_and_totals(world, as_user, plan):
    populate(plan, world, 3)
    with translation.override("ro"):
        response = as_user("staff").get(list_url(world))
    page = response.content.decode()
    assert response.status_code == 200
    assert world.cycle.title in page
    row = response.context["cycles"][0]["plans"][0]
    assert (row.measure_count, row.total) == (3, Decimal("3298.50"))
    assert "3.298,50 lei" in page
    assert reverse("plan-create", args=[world.municipality.slug]) in page


def test_the_secretary_sees_only_plans_sent_to_the_council(world, as_user, plan):
    submitted = plan_in(world, year=2028)
    submitted.status = ActionPlan.Status.SUBMITTED
    submitted.save()
    response = as_user("secretary").get(list_url(world))
    shown = [p for row in response.context["cycles"] for p in row["plans"]]
    assert shown == [submitted]
    assert reverse("plan-create", args=[world.municipality.slug]) not in response.content.decode()


def test_the_list_takes_a_constant_number_of_queries(world, as_user, plan):
    client = as_user("staff")
    populate(plan, world, 2)
    small = count_queries(lambda: client.get(list_url(world)))
    for year in (2028, 2029, 2030):
        populate(plan_in(world, year=year), world, 4)
    large = count_queries(lambda: client.get(list_url(world)))
    assert large == small


# --- Starting a plan ---------------------------------------------------------------------------


def test_staff_start_an_empty_plan(world, as_user):
    plan_in(world, year=2026)
    response = as_user("staff").post(
        create_url(world), {"cycle": world.cycle.pk, "year": "2028", "copy_from": ""}
    )
    plan = ActionPlan.objects.get(year=2028)
    assert response.status_code == 302
    assert (plan.status, plan.copied_from, plan.created_by) == (
        "draft",
        None,
        world.users["staff"],
    )
    assert not plan.measures.exists()


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2031", "The year must fall within the strategy, 2026–2030."),
        ("2027", "This strategy already has a plan for that year."),
        ("două mii", None),  # Django's own message, in the user's language
    ],
)
def test_a_wrong_year_is_refused(world, as_user, plan, year, message):
    response = as_user("staff").post(
        create_url(world), {"cycle": world.cycle.pk, "year": year, "copy_from": ""}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["year"]
    assert message in errors if message else errors
    assert ActionPlan.objects.count() == 1


def test_no_plan_before_the_action_plan_stage(world, as_user):
    world.cycle.active_stage = "visions"
    world.cycle.save()
    response = as_user("staff").get(create_url(world))
    assert response.status_code == 403
    assert "action-plan stage" in response.content.decode()
    response = as_user("staff").post(create_url(world), {"cycle": world.cycle.pk, "year": "2027"})
    assert response.status_code == 403
    assert not ActionPlan.objects.exists()


def test_a_cycle_not_in_the_stage_is_refused_in_the_form(world, as_user, plan):
    early = StrategyCycleFactory(
        municipality=world.municipality, start_year=2031, end_year=2035, active_stage="visions"
    )
    response = as_user("staff").post(create_url(world), {"cycle": early.pk, "year": "2031"})
    assert response.status_code == 200
    assert "action-plan stage" in str(response.context["form"].errors["cycle"])
    assert not ActionPlan.objects.filter(cycle=early).exists()


def test_a_strategy_without_objectives_gets_no_plan(world, as_user):
    world.cycle.active_stage = "action_plan"
    world.cycle.save()
    response = as_user("staff").post(create_url(world), {"cycle": world.cycle.pk, "year": "2027"})
    assert response.status_code == 200
    assert "no specific objectives" in str(response.context["form"].errors["cycle"])
    assert not ActionPlan.objects.exists()


def test_a_cycle_of_another_municipality_is_not_offered(world, as_user, plan):
    response = as_user("staff").post(
        create_url(world), {"cycle": world.other_cycle.pk, "year": "2028"}
    )
    assert response.status_code == 200
    assert "cycle" in response.context["form"].errors
    assert ActionPlan.objects.count() == 1


# --- The plan page -----------------------------------------------------------------------------


def test_the_plan_page_shows_totals_shares_and_what_is_missing(world, as_user, plan):
    served = MeasureFactory(
        plan=plan, specific_objective=plan.objectives[0], title="Centrul de zi pentru vârstnici"
    )
    BudgetLineFactory(measure=served, source="local", amount=Decimal("750000.00"))
    BudgetLineFactory(measure=served, source="eu", programme="PIDS", amount=Decimal("250000.00"))
    MeasureFactory(plan=plan, specific_objective=plan.objectives[0], title="Fără buget încă")
    plan.local_budget_allocated = Decimal("500000.00")
    plan.save()
    lonely = second_strategic_objective(plan)
    with translation.override("ro"):
        response = as_user("staff").get(plan.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "1.000.000,00 lei" in page  # grand total
    assert "750.000,00" in page and "75,0" in page  # local budget and its share
    assert "exceed what the draft local budget sets aside" in page or "depășesc" in page
    without = [row["specific"]["id"] for row in response.context["data"]["without_measure"]]
    assert set(without) == {plan.objectives[1].pk, lonely.pk}
    assert reverse("plan-skip", args=[world.municipality.slug, plan.pk]) in page
    assert [row.measure.title for row in response.context["data"]["unbudgeted"]] == [
        "Fără buget încă"
    ]
    assert "1.1" in page and "Centrul de zi pentru vârstnici" in page
    assert url("measure-update", plan, served.pk) in page
    assert url("measure-create", plan) + "?section=new" in page


def test_a_measure_row_shows_every_cell_and_escapes_what_was_typed(world, as_user, plan):
    partner = world.municipality.organisations.first()
    category = BeneficiaryCategoryFactory(municipality=world.municipality, name="Vârstnici")
    measure = MeasureFactory(
        plan=plan,
        specific_objective=plan.objectives[0],
        title='<script>alert("x")</script> Cantina',
        department='DAS "Serviciul <b>social</b>"',
        service_code="8899 CZ-V-I",
        service_name="Centru de zi",
        start_month=3,
        end_month=9,
        capacity=40,
        beneficiaries=55,
        staff=None,
        status="in_progress",
        partners=[partner],
        categories=[category],
    )
    MeasureIndicatorFactory(measure=measure, name="Persoane <servite>", unit="pers.", target=55)
    BudgetLineFactory(measure=measure, source="eu", programme="PIDS <P1>", amount=Decimal("1234.5"))
    with translation.override("ro"):
        page = as_user("staff").get(plan.get_absolute_url()).content.decode()
    row = page[page.index(f'id="measure-{measure.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "<script>" not in row and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in row
    assert "&lt;b&gt;social&lt;/b&gt;" in row and "<b>" not in row
    assert "8899 CZ-V-I – Centru de zi" in row
    assert partner.name in row and "Vârstnici" in row
    assert "martie–septembrie" in row
    assert "40 / 55 / —" in row
    assert "Persoane &lt;servite&gt;: 55 pers." in row
    assert "(PIDS &lt;P1&gt;): " in row and "1.234,50" in row
    assert "în desfășurare" in row or "in progress" in row


def test_the_secretary_reads_a_submitted_plan_without_edit_buttons(world, as_user, plan):
    measure = MeasureFactory(plan=plan, specific_objective=plan.objectives[0])
    plan.status = ActionPlan.Status.SUBMITTED
    plan.save()
    response = as_user("secretary").get(plan.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert measure.title in page
    for name in ("measure-update", "measure-delete", "measure-move"):
        assert url(name, plan, measure.pk) not in page
    assert url("plan-update", plan) not in page
    assert reverse("decision-create", args=[plan.municipality.slug]) not in page


def test_an_approved_plan_names_the_council_decision_and_stays_read_only(world, as_user, plan):
    measure = MeasureFactory(plan=plan, specific_objective=plan.objectives[0])
    adopt(world, plan, number="127")
    response = as_user("staff").get(plan.get_absolute_url())
    page = response.content.decode()
    assert "Approved by HCL no. 127 of 18.12.2026; it can no longer be changed." in page
    assert url("measure-update", plan, measure.pk) not in page
    assert f"{reverse('decision-create', args=[plan.municipality.slug])}?plan" not in page
    response = as_user("staff").post(url("plan-update", plan), {"introduction": "Schimbat"})
    assert response.status_code == 403
    assert "HCL no. 127" in response.content.decode()
    plan.refresh_from_db()
    assert plan.introduction == ""


def test_the_plan_page_takes_a_constant_number_of_queries(world, as_user, plan):
    client = as_user("staff")
    populate(plan, world, 3)
    small = count_queries(lambda: client.get(plan.get_absolute_url()))
    populate(plan, world, 27)
    large = count_queries(lambda: client.get(plan.get_absolute_url()))
    assert large == small
    assert client.get(plan.get_absolute_url()).context["data"]["measure_count"] == 30


# --- Settings and objectives without a measure -------------------------------------------------


def test_the_settings_accept_a_romanian_amount(world, as_user, plan):
    with translation.override("ro"):
        response = as_user("staff").post(
            url("plan-update", plan),
            {
                "introduction": "Grupuri țintă: vârstnici, copii.",
                "local_budget_allocated": "2.500.000,75",
            },
        )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.local_budget_allocated == Decimal("2500000.75")
    assert plan.introduction == "Grupuri țintă: vârstnici, copii."


@pytest.mark.parametrize("amount", ["-1", "doi lei", "1,234"])
def test_the_settings_refuse_a_bad_amount(world, as_user, plan, amount):
    response = as_user("staff").post(
        url("plan-update", plan), {"introduction": "X", "local_budget_allocated": amount}
    )
    assert response.status_code == 200
    assert "local_budget_allocated" in response.context["form"].errors
    plan.refresh_from_db()
    assert (plan.introduction, plan.local_budget_allocated) == ("", None)


def test_an_objective_gets_a_reason_for_no_measure_and_loses_it(world, as_user, plan):
    client = as_user("staff")
    response = client.post(
        url("plan-skip", plan),
        {"specific_objective": plan.objectives[1].pk, "reason": "Finanțare abia în 2028."},
    )
    assert response.status_code == 302
    skipped = plan.skipped.get()
    assert skipped.reason == "Finanțare abia în 2028."
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Finanțare abia în 2028." in page
    assert client.post(url("plan-skip-delete", plan, skipped.pk)).status_code == 302
    assert not plan.skipped.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"reason": "   "},
        {"reason": "Motiv", "specific_objective": "999999"},
        {"reason": "Motiv", "specific_objective": "abc"},
    ],
)
def test_a_bad_reason_is_refused(world, as_user, plan, data):
    data = {"specific_objective": plan.objectives[1].pk, **data}
    response = as_user("staff").post(url("plan-skip", plan), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ObjectiveSkipped.objects.exists()


def test_an_objective_of_another_strategy_cannot_be_skipped(world, as_user, plan):
    from tests.factories import specific_objective_for

    foreign = specific_objective_for(other_plan(world).cycle)
    response = as_user("staff").post(
        url("plan-skip", plan), {"specific_objective": foreign.pk, "reason": "Motiv"}
    )
    assert response.status_code == 200
    assert not ObjectiveSkipped.objects.exists()


def test_the_history_shows_who_changed_the_plan_and_its_measures(world, as_user, plan):
    client = as_user("staff")
    client.post(url("plan-update", plan), {"introduction": "Introducere nouă"})
    measure = MeasureFactory(
        plan=plan, specific_objective=plan.objectives[0], title="Teleasistență"
    )
    client.post(url("measure-delete", plan, measure.pk))
    response = client.get(url("plan-history", plan))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Introducere nouă" in page
    assert "Teleasistență" in page
    assert world.users["staff"].username in page or str(world.users["staff"]) in page


# --- Permission matrix -------------------------------------------------------------------------


def _plan(w):
    if not hasattr(w, "matrix_plan"):
        w.matrix_plan = plan_in(w)
    return w.matrix_plan


def _status(status):
    def setup(w):
        plan = _plan(w)
        plan.status = status
        plan.save()

    return setup


def _ready(w):
    ready_plan(w, _plan(w))


def _skipped_url(w):
    plan = _plan(w)
    skipped = ObjectiveSkipped.objects.create(
        plan=plan, specific_objective=plan.objectives[1], reason="Motiv"
    )
    return url("plan-skip-delete", plan, skipped.pk)


def _in_stage(w):
    _plan(w)  # moves the cycle to the action-plan stage and writes the strategy's objectives


PLAN_READERS = {**statuses(MANAGERS, 200), "secretary": 200}

CASES = [
    Case("plan list", lambda w: reverse("plan-list", args=[w.municipality.slug]), PLAN_READERS),
    Case(
        "plan create page",
        lambda w: reverse("plan-create", args=[w.municipality.slug]),
        statuses(MANAGERS, 200),
        setup=_in_stage,
    ),
    Case(
        "plan create",
        lambda w: reverse("plan-create", args=[w.municipality.slug]),
        statuses(MANAGERS, 302),
        method="post",
        data={"year": "2029", "copy_from": ""},
        setup=_in_stage,
    ),
    Case("draft plan page", lambda w: url("plan-detail", _plan(w)), statuses(MANAGERS, 200)),
    Case(
        "submitted plan page",
        lambda w: url("plan-detail", _plan(w)),
        PLAN_READERS,
        setup=_status("submitted"),
    ),
    Case(
        "approved plan page",
        lambda w: url("plan-detail", _plan(w)),
        PLAN_READERS,
        setup=_status("approved"),
    ),
    Case("plan settings", lambda w: url("plan-update", _plan(w)), statuses(MANAGERS, 200)),
    Case(
        "plan settings of a submitted plan",
        lambda w: url("plan-update", _plan(w)),
        {},
        setup=_status("submitted"),
    ),
    Case("plan skip page", lambda w: url("plan-skip", _plan(w)), statuses(MANAGERS, 200)),
    Case("plan skip delete", _skipped_url, statuses(MANAGERS, 302), method="post"),
    Case("plan history", lambda w: url("plan-history", _plan(w)), statuses(MANAGERS, 200)),
    Case(
        "this plan through another municipality",
        lambda w: url("plan-detail", _plan(w), slug=w.other_municipality.slug),
        statuses(ALL[1:], 404),
        denied=404,
    ),
    Case(
        "another municipality's plan through this one",
        lambda w: url("plan-detail", other_plan(w), slug=w.municipality.slug),
        statuses(ALL[1:], 404),
        denied=404,
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    if case.name == "plan create":
        case = Case(
            case.name,
            case.url,
            case.allowed,
            method="post",
            data={**case.data, "cycle": str(world.cycle.pk)},
            setup=case.setup,
        )
    check(case, persona, world)
