import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring import services
from monitoring.models import BudgetExecution, Correction, IndicatorValue, MeasureProgress
from tests.factories import IndicatorFactory, MeasureIndicatorFactory, specific_objective_for
from tests.monitoring.factories import approved_plan, measure_with_budget, period_of
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def _page(plan):
    return reverse("monitoring-plan", args=[plan.municipality.slug, plan.pk])


def _report_url(plan, period, measure):
    return reverse("progress-report", args=[plan.municipality.slug, plan.pk, period.pk, measure.pk])


def test_a_plan_not_approved_is_not_monitored(world, as_user):
    plan = approved_plan(world)
    type(plan).objects.filter(pk=plan.pk).update(status="draft")
    response = as_user("staff").get(_page(plan))
    assert response.status_code == 403
    assert "aprobat" in response.content.decode() or "approved" in response.content.decode()


def test_staff_report_a_measure_from_the_form(world, as_user):
    plan = approved_plan(world)
    measure = measure_with_budget(plan, title="Centrul de zi pentru copii")
    period = period_of(plan, 1)
    response = as_user("staff").post(
        _report_url(plan, period, measure),
        {"status": "in_progress", "beneficiaries_reached": "25", "amount_local": "1.234,50"},
    )
    assert response.status_code == 302
    progress = MeasureProgress.objects.get()
    assert progress.executions.get().amount == Decimal("1234.50")
    page = as_user("staff").get(_page(plan)).content.decode()
    assert "Centrul de zi pentru copii" in page
    assert "1.234,50" in page or "1234,50" in page


@pytest.mark.parametrize(
    "data, field",
    [
        ({"status": "in_progress", "amount_local": "-5"}, "amount_local"),
        ({"status": "in_progress", "amount_local": "cinci lei"}, "amount_local"),
        ({"status": "delayed", "note": ""}, "note"),
        ({"status": "unknown"}, "status"),
        ({"status": "in_progress", "beneficiaries_reached": "-3"}, "beneficiaries_reached"),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_written(world, as_user, data, field):
    plan = approved_plan(world)
    measure = measure_with_budget(plan)
    response = as_user("staff").post(_report_url(plan, period_of(plan, 1), measure), data)
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    assert not MeasureProgress.objects.exists()
    assert not BudgetExecution.objects.exists()


def test_the_form_of_a_closed_period_asks_for_a_correction_reason(world, as_user):
    plan = approved_plan(world)
    measure = measure_with_budget(plan)
    period = period_of(plan, 1)
    services.close_period(period=period, user=world.users["staff"])
    url = _report_url(plan, period, measure)
    response = as_user("staff").post(url, {"status": "done"})
    assert response.status_code == 200
    assert response.context["form"].errors.get("correction_reason")
    assert not MeasureProgress.objects.exists()
    response = as_user("staff").post(
        url, {"status": "done", "correction_reason": "Raportul a fost omis."}
    )
    assert response.status_code == 302
    assert Correction.objects.get().reason == "Raportul a fost omis."
    assert "Raportul a fost omis." in as_user("staff").get(_page(plan)).content.decode()


def test_a_partner_sees_and_reports_only_its_measures_and_staff_accept(world, as_user):
    plan = approved_plan(world)
    ours = measure_with_budget(plan, title="Masa caldă – Asociația Alfa", partners=[world.org_a])
    theirs = measure_with_budget(
        plan, title="Adăpost de noapte – Fundația Beta", partners=[world.org_b]
    )
    period = period_of(plan, 1)
    provider = as_user("provider_a")
    page = provider.get(
        reverse("partner-measures", args=[world.municipality.slug])
    ).content.decode()
    assert "Masa caldă" in page and "Adăpost de noapte" not in page
    assert provider.get(_report_url(plan, period, theirs)).status_code == 403
    response = provider.post(
        _report_url(plan, period, ours), {"status": "in_progress", "beneficiaries_reached": "9"}
    )
    assert response.status_code == 302
    progress = MeasureProgress.objects.get()
    assert (progress.review, progress.organisation) == ("submitted", world.org_a)
    staff = as_user("staff")
    assert "Masa caldă" in staff.get(_page(plan)).content.decode()
    staff.post(reverse("progress-accept", args=[world.municipality.slug, progress.pk]))
    progress.refresh_from_db()
    assert progress.review == "accepted"


def test_staff_return_a_partner_report_with_a_reason(world, as_user):
    plan = approved_plan(world)
    measure = measure_with_budget(plan, partners=[world.org_a])
    progress = services.record_progress(
        period=period_of(plan, 1),
        measure=measure,
        status="in_progress",
        user=world.users["provider_a"],
        organisation=world.org_a,
    )
    url = reverse("progress-return", args=[world.municipality.slug, progress.pk])
    assert as_user("staff").post(url, {"reason": ""}).status_code == 200
    as_user("staff").post(url, {"reason": "Completați numărul de beneficiari."})
    progress.refresh_from_db()
    assert progress.review == "returned"
    page = (
        as_user("provider_a")
        .get(reverse("partner-measures", args=[world.municipality.slug]))
        .content.decode()
    )
    assert "Completați numărul de beneficiari." in page


def test_indicator_values_form_records_and_refuses_a_date_outside_the_year(world, as_user):
    plan = approved_plan(world)
    indicator = IndicatorFactory(specific_objective=specific_objective_for(plan.cycle))
    url = reverse("monitoring-indicators", args=[world.municipality.slug, plan.pk])
    data = {"indicator": f"s-{indicator.pk}", "value": "64", "source": "Registrul DAS"}
    response = as_user("staff").post(url, {**data, "measured_on": f"{plan.year - 1}-12-31"})
    assert response.status_code == 200
    assert response.context["form"].errors.get("measured_on")
    assert not IndicatorValue.objects.exists()
    response = as_user("staff").post(url, {**data, "measured_on": f"{plan.year}-01-15"})
    assert response.status_code == 302
    assert IndicatorValue.objects.get().value == Decimal("64")
    assert "Registrul DAS" in as_user("staff").get(url).content.decode()


def _populate(plan, world, count, periods=(1, 2), month=2):
    indicator_objective = specific_objective_for(plan.cycle)
    for number in range(count):
        measure = measure_with_budget(plan, partners=[world.org_a], start_month=1, end_month=2)
        mi = MeasureIndicatorFactory(measure=measure)
        indicator = IndicatorFactory(specific_objective=indicator_objective)
        for period_number in periods:
            services.record_progress(
                period=period_of(plan, period_number),
                measure=measure,
                status="delayed",
                note="Întârziere",
                executions={"local": "10", "county": "5"},
                user=world.users["staff"],
            )
        for target in ({"indicator": indicator}, {"measure_indicator": mi}):
            services.record_indicator_value(
                plan=plan,
                value="1",
                measured_on=datetime.date(plan.year, month, 1 + number % 20),
                source="DAS",
                user=world.users["staff"],
                **target,
            )


def test_the_monitoring_page_keeps_a_constant_query_count(world, as_user):
    plan = approved_plan(world)
    client = as_user("staff")
    _populate(plan, world, 1)
    services.close_period(period=period_of(plan, 1), user=world.users["staff"])
    client.get(_page(plan))
    small = count_queries(lambda: client.get(_page(plan)))
    _populate(plan, world, 6, periods=(2, 3), month=5)
    response = client.get(_page(plan))
    assert response.status_code == 200
    large = count_queries(lambda: client.get(_page(plan)))
    assert large == small
    indicators = reverse("monitoring-indicators", args=[world.municipality.slug, plan.pk])
    assert client.get(indicators).status_code == 200


def test_the_dashboard_lists_what_needs_attention_in_constant_queries(world, as_user):
    plan = approved_plan(world)
    measure_with_budget(plan, title="Serviciul de teleasistență", start_month=1, end_month=1)
    client = as_user("staff")
    url = reverse("municipality-dashboard", args=[world.municipality.slug])
    page = client.get(url).content.decode()
    assert "Serviciul de teleasistență" in page
    assert _page(plan) in page
    small = count_queries(lambda: client.get(url))
    _populate(plan, world, 4)
    large = count_queries(lambda: client.get(url))
    assert large == small


def test_the_menu_offers_monitoring_to_staff(world, as_user):
    approved_plan(world)
    dashboard = reverse("municipality-dashboard", args=[world.municipality.slug])
    assert (
        reverse("monitoring", args=[world.municipality.slug])
        in as_user("staff").get(dashboard).content.decode()
    )
