"""Every monitoring URL in the role × URL matrix, and other municipalities' ids give 404."""

import pytest
from django.urls import reverse

from monitoring import services
from tests.matrix import ALL, MANAGERS, Case, check, statuses
from tests.monitoring.factories import approved_plan, measure_with_budget, period_of

pytestmark = pytest.mark.django_db

MANAGE = statuses(MANAGERS, 200)


def _setup(world):
    world.plan = approved_plan(world)
    world.measure = measure_with_budget(world.plan, partners=[world.org_a])
    world.period = period_of(world.plan, 1)


def _submitted(world):
    _setup(world)
    world.progress = services.record_progress(
        period=world.period,
        measure=world.measure,
        status="in_progress",
        user=world.users["provider_a"],
        organisation=world.org_a,
    )


def _plan_url(name, **extra):
    return lambda w: reverse(name, kwargs={"slug": w.municipality.slug, "pk": w.plan.pk, **extra})


def _report_url(w):
    return reverse(
        "progress-report",
        kwargs={
            "slug": w.municipality.slug,
            "pk": w.plan.pk,
            "period_pk": w.period.pk,
            "measure_pk": w.measure.pk,
        },
    )


def _progress_url(name):
    return lambda w: reverse(
        name, kwargs={"slug": w.municipality.slug, "progress_pk": w.progress.pk}
    )


CASES = [
    Case(
        "monitoring",
        lambda w: reverse("monitoring", args=[w.municipality.slug]),
        MANAGE,
        setup=_setup,
    ),
    Case("monitoring-plan", _plan_url("monitoring-plan"), MANAGE, setup=_setup),
    Case("monitoring-indicators", _plan_url("monitoring-indicators"), MANAGE, setup=_setup),
    Case(
        "progress-report",
        _report_url,
        {**MANAGE, "provider_a": 200},
        setup=_setup,
    ),
    Case(
        "progress-report (post)",
        _report_url,
        {**statuses(MANAGERS, 302), "provider_a": 302},
        method="post",
        data={"status": "in_progress", "beneficiaries_reached": "3"},
        setup=_setup,
    ),
    Case(
        "period-close",
        lambda w: reverse(
            "period-close",
            kwargs={"slug": w.municipality.slug, "pk": w.plan.pk, "period_pk": w.period.pk},
        ),
        statuses(MANAGERS, 302),
        method="post",
        setup=_setup,
    ),
    Case(
        "progress-accept",
        _progress_url("progress-accept"),
        statuses(MANAGERS, 302),
        method="post",
        setup=_submitted,
    ),
    Case("progress-return", _progress_url("progress-return"), MANAGE, setup=_submitted),
    Case(
        "partner-measures",
        lambda w: reverse("partner-measures", args=[w.municipality.slug]),
        {"provider_a": 200, "provider_b": 200},
        setup=_setup,
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)


def test_another_municipalitys_ids_give_404(world, as_user):
    _submitted(world)
    other = world.other_municipality.slug
    client = as_user("other_staff")
    plan, period, measure = world.plan.pk, world.period.pk, world.measure.pk
    urls = [
        reverse("monitoring-plan", args=[other, plan]),
        reverse("monitoring-indicators", args=[other, plan]),
        reverse("progress-report", args=[other, plan, period, measure]),
        reverse("progress-return", args=[other, world.progress.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("period-close", args=[other, plan, period])).status_code == 404
    assert (
        client.post(reverse("progress-accept", args=[other, world.progress.pk])).status_code == 404
    )


def test_a_measure_of_another_plan_or_a_period_of_another_plan_gives_404(world, as_user):
    _setup(world)
    last_year = approved_plan(world, year=world.plan.year - 1)
    foreign_measure = measure_with_budget(last_year)
    foreign_period = period_of(last_year, 1)
    client = as_user("staff")
    slug = world.municipality.slug
    assert (
        client.get(
            reverse(
                "progress-report", args=[slug, world.plan.pk, world.period.pk, foreign_measure.pk]
            )
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "progress-report", args=[slug, world.plan.pk, foreign_period.pk, world.measure.pk]
            )
        ).status_code
        == 404
    )
