import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from core.exceptions import DomainError
from monitoring import services
from monitoring.derived import attention_for, indicator_rows, trajectory_at
from monitoring.models import BudgetExecution, Correction, IndicatorValue, MeasureProgress
from monitoring.periods import ensure_periods, period_bounds
from tests.factories import IndicatorFactory, MeasureIndicatorFactory, specific_objective_for
from tests.monitoring.factories import approved_plan, measure_with_budget, period_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are matched in English (the Romanian catalogue is compiled)."""
    with translation.override("en"):
        yield


def _report(world, period, measure, **kwargs):
    kwargs.setdefault("status", "in_progress")
    kwargs.setdefault("user", world.users["staff"])
    return services.record_progress(period=period, measure=measure, **kwargs)


def test_the_year_is_split_into_quarters_by_default_and_by_the_setting(settings):
    assert [(s.month, e.month, e.day) for _n, s, e in period_bounds(2026)] == [
        (1, 3, 31),
        (4, 6, 30),
        (7, 9, 30),
        (10, 12, 31),
    ]
    settings.SPIRALA_MONITORING_PERIODS_PER_YEAR = 2
    assert [e.month for _n, _s, e in period_bounds(2026)] == [6, 12]


def test_a_plan_not_approved_gets_no_report(world):
    plan = approved_plan(world)
    measure = measure_with_budget(plan)
    period = period_of(plan, 1)
    type(plan).objects.filter(pk=plan.pk).update(status="submitted")
    plan.refresh_from_db()
    measure.plan = plan
    with pytest.raises(DomainError, match="approved"):
        _report(world, period, measure, executions={"local": "100"})
    assert not MeasureProgress.objects.exists()


def test_staff_report_records_status_beneficiaries_and_spending(world):
    plan = approved_plan(world)
    measure = measure_with_budget(plan)
    progress = _report(
        world,
        period_of(plan, 1),
        measure,
        beneficiaries_reached=40,
        executions={"local": Decimal("25000.50"), "county": None},
    )
    assert progress.review == MeasureProgress.Review.ACCEPTED
    assert progress.beneficiaries_reached == 40
    assert dict(progress.executions.values_list("source", "amount")) == {
        "local": Decimal("25000.50")
    }


@pytest.mark.parametrize("status", ["delayed", "cancelled"])
def test_a_delayed_or_cancelled_measure_needs_a_note(world, status):
    plan = approved_plan(world)
    measure = measure_with_budget(plan)
    with pytest.raises(DomainError) as caught:
        _report(world, period_of(plan, 1), measure, status=status, note="  ")
    assert "note" in caught.value.message_dict
    assert not MeasureProgress.objects.exists()


@pytest.mark.parametrize("amount", ["-1", "abc", "1.234", "1e20", "NaN"])
def test_a_negative_or_malformed_amount_is_refused_and_nothing_written(world, amount):
    plan = approved_plan(world)
    measure = measure_with_budget(plan)
    with pytest.raises(DomainError) as caught:
        _report(world, period_of(plan, 1), measure, executions={"local": amount})
    assert "amount_local" in caught.value.message_dict
    assert not MeasureProgress.objects.exists()
    assert not BudgetExecution.objects.exists()


def test_a_closed_period_changes_only_through_a_correction_with_a_reason(world):
    plan = approved_plan(world)
    measure = measure_with_budget(plan)
    period = period_of(plan, 1)
    _report(world, period, measure, executions={"local": "1000"})
    services.close_period(period=period, user=world.users["staff"])
    period.refresh_from_db()
    with pytest.raises(DomainError) as caught:
        _report(world, period, measure, status="done", executions={"local": "2000"})
    assert "correction_reason" in caught.value.message_dict
    progress = MeasureProgress.objects.get()
    assert progress.status == "in_progress"
    assert progress.executions.get().amount == Decimal("1000")
    assert not Correction.objects.exists()

    _report(
        world,
        period,
        measure,
        status="done",
        executions={"local": "2000"},
        correction_reason="Factura din martie a sosit târziu.",
    )
    correction = Correction.objects.get()
    assert correction.reason == "Factura din martie a sosit târziu."
    assert correction.changes["before"]["status"] == "in_progress"
    assert correction.changes["after"]["executions"] == {"local": "2000.00"}
    assert correction.created_by == world.users["staff"]


def test_a_partner_reports_on_its_measures_only_and_staff_accept_or_return(world):
    plan = approved_plan(world)
    ours = measure_with_budget(plan, partners=[world.org_a])
    theirs = measure_with_budget(plan, partners=[world.org_b])
    period = period_of(plan, 1)
    provider = world.users["provider_a"]
    with pytest.raises(DomainError, match="not a partner"):
        _report(world, period, theirs, user=provider, organisation=world.org_a)
    progress = _report(world, period, ours, user=provider, organisation=world.org_a)
    assert progress.review == MeasureProgress.Review.SUBMITTED

    with pytest.raises(DomainError, match="Accept or return"):
        services.close_period(period=period, user=world.users["staff"])
    with pytest.raises(DomainError):
        services.return_progress(progress=progress, reason=" ", user=world.users["staff"])
    returned = services.return_progress(
        progress=progress, reason="Lipsesc beneficiarii.", user=world.users["staff"]
    )
    assert returned.review == MeasureProgress.Review.RETURNED
    again = _report(
        world, period, ours, user=provider, organisation=world.org_a, beneficiaries_reached=12
    )
    assert again.review == MeasureProgress.Review.SUBMITTED and again.return_reason == ""
    accepted = services.accept_progress(progress=again, user=world.users["staff"])
    assert accepted.review == MeasureProgress.Review.ACCEPTED
    with pytest.raises(DomainError, match="accepted"):
        _report(world, period, ours, user=provider, organisation=world.org_a)


def test_a_period_not_started_cannot_be_closed_nor_closed_twice(world):
    plan = approved_plan(world, year=timezone.localdate().year + 1)
    with pytest.raises(DomainError, match="not started"):
        services.close_period(period=period_of(plan, 1), user=world.users["staff"])
    past = approved_plan(world, year=timezone.localdate().year - 1)
    period = period_of(past, 1)
    services.close_period(period=period, user=world.users["staff"])
    with pytest.raises(DomainError, match="already"):
        services.close_period(period=period, user=world.users["staff"])


def _indicator(plan, **extra):
    return IndicatorFactory(specific_objective=specific_objective_for(plan.cycle), **extra)


def test_an_indicator_value_must_be_dated_in_the_plans_year(world):
    plan = approved_plan(world)
    indicator = _indicator(plan)
    for day in (datetime.date(plan.year - 1, 12, 31), datetime.date(plan.year + 1, 1, 1)):
        with pytest.raises(DomainError) as caught:
            services.record_indicator_value(
                plan=plan,
                indicator=indicator,
                value="70",
                measured_on=day,
                source="Registrul DAS",
                user=world.users["staff"],
            )
        assert "measured_on" in caught.value.message_dict
    assert not IndicatorValue.objects.exists()


def test_an_indicator_of_another_strategy_is_refused(world):
    plan = approved_plan(world)
    foreign = IndicatorFactory()
    with pytest.raises(DomainError, match="another strategy"):
        services.record_indicator_value(
            plan=plan,
            indicator=foreign,
            value="1",
            measured_on=datetime.date(plan.year, 2, 1),
            source="x",
            user=world.users["staff"],
        )
    assert not IndicatorValue.objects.exists()


def test_a_value_in_a_closed_period_needs_a_correction(world):
    plan = approved_plan(world)
    indicator = _indicator(plan)
    services.close_period(period=period_of(plan, 1), user=world.users["staff"])
    kwargs = {
        "plan": plan,
        "indicator": indicator,
        "value": "70",
        "measured_on": datetime.date(plan.year, 3, 31),
        "source": "Registrul DAS",
        "user": world.users["staff"],
    }
    with pytest.raises(DomainError):
        services.record_indicator_value(**kwargs)
    assert not IndicatorValue.objects.exists()
    value = services.record_indicator_value(**kwargs, correction_reason="Cifra finală a DAS.")
    assert value.period.number == 1
    assert Correction.objects.get().reason == "Cifra finală a DAS."


def test_trajectory_is_linear_from_baseline_to_target():
    start = (datetime.date(2025, 12, 31), Decimal(60))
    end = (datetime.date(2030, 12, 31), Decimal(120))
    middle = datetime.date(2028, 7, 1)
    assert trajectory_at(start, end, middle) == pytest.approx(Decimal(90), abs=Decimal("0.1"))
    assert trajectory_at(start, end, datetime.date(2020, 1, 1)) == 60
    assert trajectory_at(start, end, datetime.date(2031, 1, 1)) == 120


def test_an_indicator_behind_its_trajectory_is_off_track_and_one_ahead_is_not(world):
    plan = approved_plan(world, year=2026)
    behind = _indicator(plan, baseline=60, baseline_year=2025, target=120, target_year=2030)
    ahead = _indicator(plan, baseline=60, baseline_year=2025, target=120, target_year=2030)
    falling = _indicator(plan, baseline=50, baseline_year=2025, target=10, target_year=2030)
    on = datetime.date(2026, 12, 31)  # expected 72 (rising) and 42 (falling)
    for indicator, value in ((behind, 65), (ahead, 75), (falling, 45)):
        IndicatorValue.objects.create(
            municipality=plan.municipality,
            plan=plan,
            indicator=indicator,
            value=value,
            measured_on=on,
            source="DAS",
            recorded_by=world.users["staff"],
        )
    rows = {row.indicator.pk: row for row in indicator_rows([plan])[plan.pk]}
    assert rows[behind.pk].off_track is True
    assert rows[behind.pk].expected == pytest.approx(Decimal(72), abs=Decimal("0.01"))
    assert rows[ahead.pk].off_track is False
    assert rows[falling.pk].off_track is True


def test_a_measure_indicator_runs_from_zero_to_its_target_over_the_year(world):
    plan = approved_plan(world, year=2026)
    indicator = MeasureIndicatorFactory(measure=measure_with_budget(plan), target=80)
    services.record_indicator_value(
        plan=plan,
        measure_indicator=indicator,
        value="30",
        measured_on=datetime.date(2026, 7, 2),  # about half the year: 40 expected
        source="Fișele de evidență",
        user=world.users["staff"],
    )
    row = next(r for r in indicator_rows([plan])[plan.pk] if r.kind == "measure")
    assert row.off_track is True


def test_attention_lists_overdue_measures_but_not_done_or_cancelled_ones(world):
    plan = approved_plan(world, year=2026)
    late = measure_with_budget(plan, title="Centrul de zi", start_month=1, end_month=3)
    done = measure_with_budget(plan, title="Cantina socială", start_month=1, end_month=3)
    measure_with_budget(plan, title="Teleasistență", start_month=1, end_month=12)
    _report(world, period_of(plan, 1), done, status="done", executions={"local": "120000"})
    _report(world, period_of(plan, 1), late, status="in_progress", executions={"local": "120000"})
    items = attention_for([plan], today=datetime.date(2026, 5, 1))
    overdue = [item.text for item in items if item.kind == "overdue"]
    assert len(overdue) == 1 and "Centrul de zi" in overdue[0]
    assert f"#measure-{late.pk}" in next(i.url for i in items if i.kind == "overdue")


def test_attention_flags_budget_executed_below_half_of_plan_at_a_closed_quarter(world):
    plan = approved_plan(world, year=2026)
    slow = measure_with_budget(plan, title="Locuințe sociale", amount="120000")
    fine = measure_with_budget(plan, title="Îngrijire la domiciliu", amount="120000")
    q1 = period_of(plan, 1)
    _report(world, q1, slow, executions={"local": "10000"})
    _report(world, q1, fine, executions={"local": "20000"})  # due by 31 March: ~29.589
    assert not [
        i
        for i in attention_for([plan], today=datetime.date(2026, 4, 2))
        if i.kind == "under_executed"
    ]
    services.close_period(period=q1, user=world.users["staff"])
    items = [
        i
        for i in attention_for([plan], today=datetime.date(2026, 4, 2))
        if i.kind == "under_executed"
    ]
    assert len(items) == 1 and "Locuințe sociale" in items[0].text
    assert f"/perioade/{q1.pk}/masuri/{slow.pk}/" in items[0].url


def test_periods_are_made_once(world):
    plan = approved_plan(world)
    first = ensure_periods(plan)
    assert [p.pk for p in ensure_periods(plan)] == [p.pk for p in first]
    assert len(first) == 4
