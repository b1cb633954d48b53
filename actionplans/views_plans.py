"""Staff pages that draft the annual action plan: the list, the plan with its measures and
totals, the measure form (budget lines and indicators inline). The plan goes to the council
annexed to a draft decision (``actionplans.views_decisions``).

Every plan is fetched through the municipality of the URL, so an id from elsewhere gives 404.
A plan that may be seen but not changed (submitted, approved, or a cycle not in a plan stage)
gets a 403 page that says why; the writes live in ``actionplans.editing``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans import council, editing
from actionplans.budget import objective_numbers, plan_data
from actionplans.forms_plans import (
    BudgetLineFormSet,
    IndicatorFormSet,
    MeasureForm,
    PlanCreateForm,
    PlanForm,
    SkipObjectiveForm,
)
from actionplans.models import ActionPlan, LegalSection, Measure
from actionplans.predicates import manages_plan_municipality
from core.access import get_municipality, login_redirect, require
from core.exceptions import DomainError, apply_to_form
from core.history import history_entries
from core.models import StrategyCycle

# --- Fetching and refusing ---------------------------------------------------------------------


def _get_plan(municipality, pk) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.select_related("cycle", "municipality", "copied_from"),
        municipality=municipality,
        pk=pk,
    )


def _refused(request, plan, message, status=403) -> HttpResponse:
    return render(
        request,
        "actionplans/plans/refused.html",
        {"municipality": plan.municipality, "plan": plan, "message": message},
        status=status,
    )


def _viewable_plan(request, slug, pk) -> tuple[ActionPlan | None, HttpResponse | None]:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return None, login_redirect(request)
    plan = _get_plan(municipality, pk)
    require(request, "actionplans.view_plan", plan)
    return plan, None


def _plan_for(request, slug, pk, perm="actionplans.change_plan"):
    """The plan and None when the user may ``perm`` it; else None and the refusal: the login
    page, a 403 page saying why for those who may see the plan, PermissionDenied for others."""
    plan, refusal = _viewable_plan(request, slug, pk)
    if refusal:
        return None, refusal
    if not request.user.has_perm(perm, plan):
        return None, _refused(request, plan, editing.refusal_message(plan))
    return plan, None


def _measure_of(plan, measure_pk) -> Measure:
    return get_object_or_404(Measure.objects.filter(plan=plan), pk=measure_pk)


def _back(plan, anchor: str = "") -> str:
    url = plan.get_absolute_url()
    return f"{url}#{anchor}" if anchor else url


# --- The list and creating a plan --------------------------------------------------------------


def plan_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The plans of the municipality by strategy cycle, with their measures and totals."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    require(request, "actionplans.list_plans", municipality)
    plans = (
        ActionPlan.objects.filter(municipality=municipality)
        .select_related("cycle")
        .annotate(
            measure_count=Count("measures", distinct=True),
            total=Sum("measures__budget_lines__amount"),
        )
        .order_by("-year", "-pk")
    )
    visible = [plan for plan in plans if request.user.has_perm("actionplans.view_plan", plan)]
    manages = manages_plan_municipality(request.user, municipality)
    cycles = []
    for cycle in StrategyCycle.objects.filter(municipality=municipality).order_by(
        "-start_year", "-pk"
    ):
        cycle_plans = [plan for plan in visible if plan.cycle_id == cycle.pk]
        if cycle_plans or manages:
            cycles.append(
                {
                    "cycle": cycle,
                    "plans": cycle_plans,
                    "can_add": request.user.has_perm("actionplans.add_plan", cycle),
                }
            )
    return render(
        request,
        "actionplans/plans/plan_list.html",
        {
            "municipality": municipality,
            "cycles": cycles,
            "can_add": any(row["can_add"] for row in cycles),
        },
    )


def _create_initial(municipality, cycles) -> dict:
    """The current cycle, its first year without a plan, and last year's plan to copy."""
    cycle = next(iter(cycles), None)
    if cycle is None:
        return {}
    taken = dict(ActionPlan.objects.filter(cycle=cycle).values_list("year", "pk"))
    free = [year for year in range(cycle.start_year, cycle.end_year + 1) if year not in taken]
    year = free[0] if free else None
    return {"cycle": cycle.pk, "year": year, "copy_from": taken.get(year - 1) if year else None}


def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the plan of a year: empty, or from a copy of last year's."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    if not manages_plan_municipality(request.user, municipality):
        raise PermissionDenied
    allowed = [
        cycle
        for cycle in StrategyCycle.objects.filter(municipality=municipality).order_by(
            "-start_year", "-pk"
        )
        if request.user.has_perm("actionplans.add_plan", cycle)
    ]
    if not allowed:
        return render(
            request,
            "actionplans/plans/refused.html",
            {
                "municipality": municipality,
                "message": _(
                    "Action plans can be drafted only once a strategy cycle reaches the "
                    "action-plan stage; no cycle of this municipality is there yet."
                ),
            },
            status=403,
        )
    form = PlanCreateForm(
        request.POST or None,
        municipality=municipality,
        user=request.user,
        initial=_create_initial(municipality, allowed),
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = editing.create_plan(
                municipality=municipality,
                cycle=form.cleaned_data["cycle"],
                year=form.cleaned_data["year"],
                copy_from=form.cleaned_data["copy_from"],
                user=request.user,
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The plan was created."))
            return redirect(plan.get_absolute_url())
    return render(
        request,
        "actionplans/plans/plan_create.html",
        {"municipality": municipality, "form": form},
    )


# --- The plan ----------------------------------------------------------------------------------


def plan_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The plan in the legal model's table with its totals, what is missing, and its actions."""
    plan, refusal = _viewable_plan(request, slug, pk)
    if refusal:
        return refusal
    data = plan_data(plan)
    checks = editing.readiness(plan, data)
    user = request.user
    can_edit = user.has_perm("actionplans.change_plan", plan)
    votes = list(council.plan_votes(plan).select_related("recorded_by", "decision"))
    adopting = next((vote for vote in votes if vote.adopted), None)
    draft_decision = council.open_decision_of(plan)
    skip_choices = [
        (row["specific"]["id"], f"{row['specific']['number']} {row['specific']['title']}")
        for row in data["without_measure"]
    ]
    return render(
        request,
        "actionplans/plans/plan_detail.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "data": data,
            "checks": checks,
            "ready": all(done for _label, done, _detail in checks),
            "votes": votes,
            "decision": adopting,
            "draft_decision": draft_decision,
            "can_prepare_decision": draft_decision is None
            and plan.is_draft
            and user.has_perm("actionplans.add_decision", plan.cycle),
            "can_edit": can_edit,
            "manages": manages_plan_municipality(user, plan.municipality),
            "skip_form": SkipObjectiveForm(choices=skip_choices) if can_edit else None,
            "stage_message": (
                ""
                if can_edit or plan.status != ActionPlan.Status.DRAFT
                else editing.refusal_message(plan)
            ),
        },
    )


def plan_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The introduction and the local budget set aside."""
    plan, refusal = _plan_for(request, slug, pk)
    if refusal:
        return refusal
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            editing.update_plan(plan=form.instance, user=request.user)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(plan.get_absolute_url())
    return render(
        request,
        "actionplans/plans/plan_form.html",
        {"municipality": plan.municipality, "plan": plan, "form": form},
    )


def plan_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Who changed the plan and its measures, and when (a measure's details are on its page)."""
    plan, refusal = _viewable_plan(request, slug, pk)
    if refusal:
        return refusal
    measure_events = list(
        Measure.history.filter(plan_id=plan.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:200]
    )
    return render(
        request,
        "actionplans/plans/plan_history.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "history": history_entries(plan),
            "measure_events": measure_events,
            "action_labels": {"+": _("created"), "~": _("changed"), "-": _("deleted")},
        },
    )


# --- Measures ----------------------------------------------------------------------------------


def measure_form(
    request: HttpRequest, slug: str, pk: int, measure_pk: int | None = None
) -> HttpResponse:
    """One page for a measure, its budget lines and its indicators, saved all or nothing."""
    plan, refusal = _plan_for(request, slug, pk)
    if refusal:
        return refusal
    measure = _measure_of(plan, measure_pk) if measure_pk else Measure(plan=plan)
    initial = {}
    if measure_pk is None and request.GET.get("section") in LegalSection.values:
        initial["section"] = request.GET["section"]
    data = request.POST if request.method == "POST" else None
    form = MeasureForm(data, instance=measure, plan=plan, initial=initial)
    lines = BudgetLineFormSet(data, instance=measure, prefix="lines")
    indicators = IndicatorFormSet(
        data, instance=measure, prefix="indicators", form_kwargs={"plan": plan}
    )
    if request.method == "POST":
        valid = form.is_valid() & lines.is_valid() & indicators.is_valid()  # all errors at once
        if valid:
            new_measure = form.save(commit=False)
            kept_lines = lines.save(commit=False)
            kept_indicators = indicators.save(commit=False)
            try:
                editing.save_measure(
                    measure=new_measure,
                    user=request.user,
                    partners=form.cleaned_data["partners"],
                    categories=form.cleaned_data["categories"],
                    lines=kept_lines,
                    deleted_lines=lines.deleted_objects,
                    indicators=kept_indicators,
                    deleted_indicators=indicators.deleted_objects,
                )
            except DomainError as error:
                if measure_pk is None:
                    form.instance.pk = None
                    form.instance._state.adding = True
                apply_to_form(form, error)
            else:
                messages.success(request, _("The measure was saved."))
                return redirect(_back(plan, f"measure-{new_measure.pk}"))
    return render(
        request,
        "actionplans/plans/measure_form.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "measure": measure if measure_pk else None,
            "form": form,
            "lines": lines,
            "indicators": indicators,
            "history": history_entries(measure) if measure_pk else [],
        },
    )


def measure_delete(request: HttpRequest, slug: str, pk: int, measure_pk: int) -> HttpResponse:
    """A confirmation page; the POST deletes the measure with its lines and indicators."""
    plan, refusal = _plan_for(request, slug, pk)
    if refusal:
        return refusal
    measure = _measure_of(plan, measure_pk)
    if request.method == "POST":
        try:
            editing.delete_measure(measure=measure, user=request.user)
        except DomainError as error:
            return _refused(request, plan, " ".join(error.messages))
        messages.success(request, _("“%(title)s” was deleted.") % {"title": measure.title})
        return redirect(_back(plan, f"section-{measure.section}"))
    return render(
        request,
        "actionplans/plans/measure_delete.html",
        {"municipality": plan.municipality, "plan": plan, "measure": measure},
    )


@require_POST
def measure_move(request: HttpRequest, slug: str, pk: int, measure_pk: int) -> HttpResponse:
    """One step up or down in its section: a plain form that works without script."""
    plan, refusal = _plan_for(request, slug, pk)
    if refusal:
        return refusal
    measure = _measure_of(plan, measure_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponse(_("Say whether to move the measure up or down."), status=400)
    try:
        editing.move_measure(measure=measure, direction=direction, user=request.user)
    except DomainError as error:
        return _refused(request, plan, " ".join(error.messages))
    return redirect(_back(plan, f"measure-{measure.pk}"))


# --- Objectives without a measure ----------------------------------------------------------------


def plan_skip(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Say why a specific objective has no measure this year."""
    plan, refusal = _plan_for(request, slug, pk)
    if refusal:
        return refusal
    from strategy.models import SpecificObjective

    _tree, numbers = objective_numbers(plan.cycle)
    skipped = set(plan.skipped.values_list("specific_objective_id", flat=True))
    choices = [
        (pk_, f"{node['number']} {node['title']}")
        for pk_, node in numbers.items()
        if pk_ not in skipped
    ]
    form = SkipObjectiveForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        specific = get_object_or_404(
            SpecificObjective.objects.select_related("objective__strategy"),
            objective__strategy__cycle=plan.cycle,
            pk=form.cleaned_data["specific_objective"],
        )
        try:
            editing.skip_objective(
                plan=plan,
                specific_objective=specific,
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The reason was recorded."))
            return redirect(_back(plan, "objectives"))
    return render(
        request,
        "actionplans/plans/skip_form.html",
        {"municipality": plan.municipality, "plan": plan, "form": form},
    )


@require_POST
def plan_skip_delete(request: HttpRequest, slug: str, pk: int, skip_pk: int) -> HttpResponse:
    plan, refusal = _plan_for(request, slug, pk)
    if refusal:
        return refusal
    skipped = get_object_or_404(plan.skipped.select_related("plan"), pk=skip_pk)
    try:
        editing.unskip_objective(skipped=skipped, user=request.user)
    except DomainError as error:
        return _refused(request, plan, " ".join(error.messages))
    messages.success(request, _("The reason was removed."))
    return redirect(_back(plan, "objectives"))
