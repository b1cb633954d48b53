"""Staff and partner pages of monitoring: the plans monitored, a plan's monitoring page, the
report form per period and measure (a correction when the period is closed), accepting or
returning a partner's report, closing a period, indicator values, a partner's own measures.

Everything is fetched through the municipality of the URL, so an id from elsewhere gives 404.
"""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans.models import ActionPlan, BudgetLine, Measure, MeasureIndicator
from core.access import get_municipality, login_redirect, require
from core.exceptions import DomainError, apply_to_form
from monitoring import services
from monitoring.derived import attention_for, indicator_rows, latest_progress
from monitoring.forms import IndicatorValueForm, ProgressForm, ReturnForm
from monitoring.models import Correction, MeasureProgress, ReportingPeriod
from monitoring.periods import ensure_periods
from monitoring.predicates import manages_plan, partner_organisations
from strategy.models import Indicator


def _refused(request, plan, message) -> HttpResponse:
    return render(
        request,
        "monitoring/refused.html",
        {"municipality": plan.municipality, "plan": plan, "message": message},
        status=403,
    )


def _plan(request, slug, pk) -> ActionPlan:
    municipality = get_municipality(slug)
    return get_object_or_404(
        ActionPlan.objects.select_related("cycle", "municipality"),
        municipality=municipality,
        pk=pk,
    )


def _staff_plan(request, slug, pk, perm="monitoring.view_plan_monitoring"):
    """The plan and None, or None and the refusal (login, 403 saying why, PermissionDenied)."""
    if not request.user.is_authenticated:
        return None, login_redirect(request)
    plan = _plan(request, slug, pk)
    if not manages_plan(request.user, plan):
        raise PermissionDenied
    if not plan.is_approved:
        return None, _refused(request, plan, _("Only a plan approved by the council is monitored."))
    if not request.user.has_perm(perm, plan):
        return None, _refused(
            request,
            plan,
            _("The strategy cycle is in a stage that does not allow reporting progress."),
        )
    return plan, None


def monitoring_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    require(request, "monitoring.list_monitoring", municipality)
    plans = list(
        ActionPlan.objects.approved()
        .filter(municipality=municipality)
        .select_related("cycle", "municipality")
        .order_by("-year", "-pk")
    )
    return render(
        request,
        "monitoring/plan_list.html",
        {"municipality": municipality, "plans": plans, "attention": attention_for(plans)},
    )


def plan_monitoring(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Periods, measures with their latest status and spending, and what needs attention."""
    plan, refusal = _staff_plan(request, slug, pk)
    if refusal:
        return refusal
    periods = ensure_periods(plan)
    measures = list(Measure.objects.filter(plan=plan).order_by("section", "position", "pk"))
    latest = latest_progress([plan])
    planned = dict(
        BudgetLine.objects.filter(measure__plan=plan)
        .values("measure_id")
        .annotate(total=Sum("amount"))
        .values_list("measure_id", "total")
    )
    executed = dict(
        MeasureProgress.objects.filter(period__plan=plan)
        .values("measure_id")
        .annotate(total=Sum("executions__amount"))
        .values_list("measure_id", "total")
    )
    pending = list(
        MeasureProgress.objects.filter(
            period__plan=plan, review=MeasureProgress.Review.SUBMITTED
        ).select_related("measure", "period", "organisation")
    )
    chosen = request.GET.get("period", "")
    current = (
        next((p for p in periods if str(p.pk) == chosen), None)
        or next(
            (p for p in periods if p.start <= timezone.localdate() <= p.end and not p.is_closed),
            None,
        )
        or next((p for p in periods if not p.is_closed), periods[-1])
    )
    rows = [
        {
            "measure": measure,
            "progress": latest.get(measure.pk),
            "planned": planned.get(measure.pk),
            "executed": executed.get(measure.pk),
        }
        for measure in measures
    ]
    corrections = list(
        Correction.objects.filter(period__plan=plan).select_related("period", "created_by")[:20]
    )
    return render(
        request,
        "monitoring/plan_monitoring.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "periods": periods,
            "current": current,
            "rows": rows,
            "pending": pending,
            "corrections": corrections,
            "attention": attention_for([plan]),
            "can_manage": request.user.has_perm("monitoring.manage_monitoring", plan),
            "today": timezone.localdate(),
        },
    )


def progress_report(
    request: HttpRequest, slug: str, pk: int, period_pk: int, measure_pk: int
) -> HttpResponse:
    """A measure's report for a period: staff's, or a partner provider's for staff to review."""
    if not request.user.is_authenticated:
        return login_redirect(request)
    plan = _plan(request, slug, pk)
    period = get_object_or_404(ReportingPeriod.objects.filter(plan=plan), pk=period_pk)
    period.plan = plan
    measure = get_object_or_404(
        Measure.objects.filter(plan=plan).prefetch_related("partners"), pk=measure_pk
    )
    measure.plan = plan
    require(request, "monitoring.report_progress", measure)
    is_staff = manages_plan(request.user, plan)
    organisation = None
    if not is_staff:
        orgs = partner_organisations(request.user, plan.municipality_id)
        organisation = next((p for p in measure.partners.all() if p.pk in orgs), None)
    existing = (
        MeasureProgress.objects.filter(period=period, measure=measure)
        .prefetch_related("executions")
        .first()
    )
    if organisation is not None and period.is_closed:
        return _refused(request, plan, _("The period is closed; ask the staff for a correction."))
    planned = dict(
        BudgetLine.objects.filter(measure=measure)
        .values("source")
        .annotate(total=Sum("amount"))
        .values_list("source", "total")
    )
    initial = {}
    if existing:
        initial = {
            "status": existing.status,
            "note": existing.note,
            "beneficiaries_reached": existing.beneficiaries_reached,
            **{f"amount_{e.source}": e.amount for e in existing.executions.all()},
        }
    form = ProgressForm(
        request.POST or None, initial=initial, planned=planned, closed=period.is_closed
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_progress(
                period=period,
                measure=measure,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                beneficiaries_reached=form.cleaned_data["beneficiaries_reached"],
                executions=form.executions(),
                user=request.user,
                organisation=organisation,
                correction_reason=form.cleaned_data.get("correction_reason", ""),
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            if organisation is not None:
                messages.success(request, _("The report was sent to the staff for review."))
                return redirect("partner-measures", slug=plan.municipality.slug)
            messages.success(request, _("The report was saved."))
            return redirect("monitoring-plan", slug=plan.municipality.slug, pk=plan.pk)
    return render(
        request,
        "monitoring/progress_form.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "period": period,
            "measure": measure,
            "form": form,
            "existing": existing,
            "is_staff": is_staff,
        },
    )


def _progress_for(request, slug, progress_pk) -> MeasureProgress:
    municipality = get_municipality(slug)
    progress = get_object_or_404(
        MeasureProgress.objects.select_related(
            "period__plan__municipality", "period__plan__cycle", "measure"
        ),
        municipality=municipality,
        pk=progress_pk,
    )
    require(request, "monitoring.manage_monitoring", progress.period.plan)
    return progress


@require_POST
def progress_accept(request: HttpRequest, slug: str, progress_pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return login_redirect(request)
    progress = _progress_for(request, slug, progress_pk)
    plan = progress.period.plan
    try:
        services.accept_progress(progress=progress, user=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The partner's report was accepted."))
    return redirect("monitoring-plan", slug=plan.municipality.slug, pk=plan.pk)


def progress_return(request: HttpRequest, slug: str, progress_pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return login_redirect(request)
    progress = _progress_for(request, slug, progress_pk)
    plan = progress.period.plan
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_progress(
                progress=progress, reason=form.cleaned_data["reason"], user=request.user
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The report was returned to the partner."))
            return redirect("monitoring-plan", slug=plan.municipality.slug, pk=plan.pk)
    return render(
        request,
        "monitoring/progress_return.html",
        {"municipality": plan.municipality, "plan": plan, "progress": progress, "form": form},
    )


@require_POST
def period_close(request: HttpRequest, slug: str, pk: int, period_pk: int) -> HttpResponse:
    plan, refusal = _staff_plan(request, slug, pk, perm="monitoring.manage_monitoring")
    if refusal:
        return refusal
    period = get_object_or_404(ReportingPeriod.objects.filter(plan=plan), pk=period_pk)
    period.plan = plan
    try:
        services.close_period(period=period, user=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The period was closed."))
    return redirect("monitoring-plan", slug=plan.municipality.slug, pk=plan.pk)


def indicator_values(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Every indicator of the strategy and of the plan's measures, its values, its trajectory
    and whether it is off track; and the form that adds a measured value."""
    plan, refusal = _staff_plan(request, slug, pk)
    if refusal:
        return refusal
    rows = indicator_rows([plan])[plan.pk]
    choices = [(row.key, f"{row.indicator.name} ({row.indicator.unit})") for row in rows]
    can_manage = request.user.has_perm("monitoring.manage_monitoring", plan)
    form = IndicatorValueForm(request.POST or None, choices=choices)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            kind, _sep, indicator_pk = form.cleaned_data["indicator"].partition("-")
            indicator = measure_indicator = None
            if kind == "s":
                indicator = Indicator.objects.filter(pk=indicator_pk).first()
            else:
                measure_indicator = (
                    MeasureIndicator.objects.select_related("measure")
                    .filter(pk=indicator_pk, measure__plan=plan)
                    .first()
                )
            try:
                services.record_indicator_value(
                    plan=plan,
                    indicator=indicator,
                    measure_indicator=measure_indicator,
                    value=form.cleaned_data["value"],
                    measured_on=form.cleaned_data["measured_on"],
                    source=form.cleaned_data["source"],
                    correction_reason=form.cleaned_data["correction_reason"],
                    user=request.user,
                )
            except DomainError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("The value was recorded."))
                return redirect("monitoring-indicators", slug=plan.municipality.slug, pk=plan.pk)
    return render(
        request,
        "monitoring/indicators.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "rows": rows,
            "form": form,
            "can_manage": can_manage,
        },
    )


def partner_measures(request: HttpRequest, slug: str) -> HttpResponse:
    """A provider's measures of the approved plans, with each period's report and its state."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    require(request, "monitoring.list_partner_measures", municipality)
    orgs = partner_organisations(request.user, municipality.pk)
    measures = list(
        Measure.objects.filter(
            plan__municipality=municipality,
            plan__status=ActionPlan.Status.APPROVED,
            partners__in=orgs,
        )
        .distinct()
        .select_related("plan__cycle", "plan__municipality")
        .prefetch_related("partners")
        .order_by("-plan__year", "position", "pk")
    )
    plans = {m.plan_id: m.plan for m in measures}
    periods = defaultdict(list)
    for plan in plans.values():
        periods[plan.pk] = ensure_periods(plan)
    reports = {
        (p.measure_id, p.period_id): p for p in MeasureProgress.objects.filter(measure__in=measures)
    }
    rows = []
    for measure in measures:
        can_report = request.user.has_perm("monitoring.report_progress", measure)
        rows.append(
            {
                "measure": measure,
                "can_report": can_report,
                "periods": [
                    {"period": period, "report": reports.get((measure.pk, period.pk))}
                    for period in periods[measure.plan_id]
                ],
            }
        )
    return render(
        request,
        "monitoring/partner_measures.html",
        {"municipality": municipality, "rows": rows},
    )
