"""The demo's monitoring (Baia Mare): three quarters of the adopted 2026 plan reported."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from actionplans.models import ActionPlan
from core.models import Municipality
from monitoring.derived import attention_for, indicator_rows
from monitoring.models import Correction, MeasureProgress

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("monitoring").get_models()
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield Municipality.objects.get(slug="baia-mare")
        transaction.set_rollback(True)


@pytest.fixture
def plan(demo):
    return ActionPlan.objects.select_related("cycle", "municipality").get(
        municipality=demo, year=2026, status=ActionPlan.Status.APPROVED
    )


def test_the_cycle_is_in_monitoring_and_three_quarters_are_reported(plan):
    assert plan.cycle.active_stage == "monitoring"
    periods = list(plan.reporting_periods.order_by("number"))
    measures = plan.measures.count()
    assert [p.progress.count() for p in periods] == [measures, measures, measures, 0]
    assert [p.is_closed for p in periods] == [True, True, False, False]


def test_reports_carry_notes_beneficiaries_and_money_per_source(plan):
    reports = MeasureProgress.objects.filter(period__plan=plan)
    assert all(r.note for r in reports)
    assert reports.filter(beneficiaries_reached__gt=0).count() > 30
    sources = set(reports.values_list("executions__source", flat=True)) - {None}
    assert {"local", "eu", "state", "private", "contributions"} <= sources


def test_one_measure_is_delayed_with_its_reason(plan):
    delayed = MeasureProgress.objects.filter(period__plan=plan, status="delayed")
    assert delayed.count() == 1
    assert "contestație" in delayed.get().note


def test_a_closed_quarter_has_one_recorded_correction(plan):
    correction = Correction.objects.get(period__plan=plan)
    assert correction.period.number == 1 and correction.period.is_closed
    assert correction.reason
    before, after = correction.changes["before"], correction.changes["after"]
    assert after["beneficiaries_reached"] == before["beneficiaries_reached"] + 4


def test_indicators_have_dated_sourced_values_and_some_are_off_track(plan):
    rows = indicator_rows([plan])[plan.pk]
    with_values = [row for row in rows if row.values]
    assert {row.kind for row in with_values} == {"strategy", "measure"}
    assert all(v.source and v.measured_on.year == 2026 for row in rows for v in row.values)
    off = [row for row in rows if row.off_track]
    assert 2 <= len(off) < len(with_values) // 3
    assert any(row.kind == "strategy" for row in off)


def test_a_partner_report_was_accepted_and_another_awaits_review(plan):
    partner = MeasureProgress.objects.filter(period__plan=plan, organisation__isnull=False)
    accepted = partner.get(review="accepted")
    pending = partner.get(review="submitted")
    assert accepted.period.is_closed and not pending.period.is_closed
    assert accepted.measure.partners.filter(pk=accepted.organisation_id).exists()
    assert pending.submitted_by.memberships.filter(
        role="provider", organisation=pending.organisation
    ).exists()


def test_attention_lists_overdue_under_executed_and_off_track(plan, demo):
    kinds = {item.kind for item in attention_for([plan])}
    assert kinds == {"overdue", "under_executed", "off_track"}
    client = Client()
    client.force_login(demo.memberships.get(user__username="personal").user)
    dashboard = client.get(reverse("municipality-dashboard", kwargs={"slug": demo.slug}))
    page = client.get(reverse("monitoring-plan", kwargs={"slug": demo.slug, "pk": plan.pk}))
    for response in (dashboard, page):
        html = response.content.decode()
        assert response.status_code == 200
        assert "Acte de identitate și cadastru gratuit" in html
        assert "Vârstnici singuri conectați la teleasistență" in html
    assert "Casa Speranței" in page.content.decode()  # the report awaiting review


def test_loading_the_demo_twice_adds_nothing(demo):
    before = row_counts()
    call_command("load_demo", verbosity=0)
    assert row_counts() == before
