"""Traceability pages: "why this objective" (staff), "what became of my input" (providers) and
the needs no objective addresses yet (staff).

Staff pages check ``core.view_dashboard`` on the municipality first (so nobody else learns which
ids exist), then fetch the strategy within the municipality (404 otherwise) and check
``strategy.view_strategy``; changes need ``strategy.change_strategy``, which the cycle's stage may
withhold: the staff member then gets a 403 page naming the stages that allow it.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from consultations.review import dimension_groups, municipality_themes
from consultations.views import _provider_organisation
from core.access import get_municipality, login_or_403, require
from core.exceptions import DomainError
from core.history import history_entries
from core.predicates import roles_in
from core.stages import stages_allowing
from strategy import evidence
from strategy.forms_evidence import CiteForm, DimensionsForm, PickerForm, UnciteForm
from strategy.models import StrategicObjective, Strategy

ACTIONS = {"dimensions", "cite", "uncite"}


def _strategy(request, municipality, pk: int) -> Strategy:
    strategy = get_object_or_404(
        Strategy.objects.select_related("cycle"), municipality=municipality, pk=pk
    )
    strategy.municipality = municipality
    require(request, "strategy.view_strategy", strategy)
    return strategy


def editing_stages(user, municipality) -> list:
    """The stages in which this user's roles may edit the strategy."""
    return stages_allowing("edit_strategy", roles_in(user, municipality.pk))


def _stage_blocked(request, municipality, strategy) -> HttpResponse:
    return render(
        request,
        "strategy/evidence/stage_blocked.html",
        {
            "municipality": municipality,
            "strategy": strategy,
            "stage": strategy.cycle.stage,
            "stages": editing_stages(request.user, municipality),
        },
        status=403,
    )


def _apply_error(form, error: DomainError) -> None:
    form.add_error(None, error.messages)


def _handle_post(request, strategy, objective, groups):
    """Run the action the form names; returns (form with errors or None, action)."""
    action = request.POST.get("action")
    user = request.user
    if action == "dimensions":
        form = DimensionsForm(request.POST, groups=groups)
        if form.is_valid():
            evidence.set_dimensions(
                objective=objective, dimensions=form.cleaned_data["dimensions"], user=user
            )
            messages.success(request, _("The SPIRAL dimensions of the objective were saved."))
            return None, action
        return form, action
    form_class, service = {
        "cite": (CiteForm, evidence.cite),
        "uncite": (UnciteForm, evidence.uncite),
    }[action]
    form = form_class(request.POST, strategy=strategy, objective=objective)
    if form.is_valid():
        try:
            service(objective=objective, user=user, **form.cleaned_data)
        except DomainError as error:
            _apply_error(form, error)
        else:
            if action == "cite":
                messages.success(request, _("The evidence was added to the objective."))
            else:
                messages.success(request, _("The evidence was removed from the objective."))
            return None, action
    return form, action


def _picker(request, strategy, objective, municipality, groups) -> dict:
    """The "add evidence" list: one kind at a time, filtered, 20 a page."""
    form = PickerForm(
        request.GET or None,
        municipality=municipality,
        groups=groups,
        themes=municipality_themes(municipality),
    )
    filters = form.filters()
    kind = filters["add"]
    if kind == PickerForm.ANSWERS:
        items = evidence.answer_picker(
            strategy,
            objective,
            dimension=filters["dimension"],
            theme=filters["theme"],
            text=filters["q"],
        )
    elif kind == PickerForm.PROPOSALS:
        items = evidence.proposal_picker(
            strategy, objective, adopted_only=filters["adopted_only"], text=filters["q"]
        )
    else:
        items = evidence.statement_picker(
            strategy, objective, dimension=filters["dimension"], text=filters["q"]
        )
    page = Paginator(items, evidence.PICKER_PAGE_SIZE).get_page(request.GET.get("page"))
    if kind == PickerForm.ANSWERS:
        evidence.prepare_answers(municipality, list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    filtered = bool(filters["dimension"] or filters["theme"] or filters["q"])
    return {
        "picker_form": form,
        "picker_kind": kind,
        "picker_kinds": PickerForm.KINDS,
        "page_obj": page,
        "query": query.urlencode(),
        "filtered": filtered or (kind == PickerForm.PROPOSALS and not filters["adopted_only"]),
    }


def objective_evidence(request: HttpRequest, slug: str, pk: int, objective_pk: int) -> HttpResponse:
    """Why this objective: its SPIRAL dimensions with live counts, and the evidence it cites."""
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    strategy = _strategy(request, municipality, pk)
    objective = get_object_or_404(
        StrategicObjective.objects.select_related("guideline"), strategy=strategy, pk=objective_pk
    )
    objective.strategy = strategy
    can_change = request.user.has_perm("strategy.change_strategy", strategy)
    groups = dimension_groups() if can_change else []
    errors_form, action = None, None
    if request.method == "POST":
        if not can_change:
            return _stage_blocked(request, municipality, strategy)
        if request.POST.get("action") not in ACTIONS:
            return HttpResponse(_("Unknown action."), status=400)
        errors_form, action = _handle_post(request, strategy, objective, groups)
        if errors_form is None:
            return redirect(request.get_full_path())

    dimensions = list(objective.dimensions.all())
    context = {
        "municipality": municipality,
        "strategy": strategy,
        "objective": objective,
        "number": evidence.objective_numbers([strategy.pk]).get(objective.pk, ""),
        "counts": evidence.dimension_counts(strategy.cycle, dimensions),
        "statements": evidence.cited_statements(objective),
        "answers": evidence.cited_answers(objective, municipality),
        "proposals": evidence.cited_proposals(objective),
        "can_change": can_change,
        "editing_stages": [] if can_change else editing_stages(request.user, municipality),
        "small_cell": evidence.SMALL_CELL,
        "errors_form": errors_form,
        "history": history_entries(objective),
    }
    if can_change:
        dimensions_form = (
            errors_form
            if action == "dimensions"
            else DimensionsForm(initial={"dimensions": [d.pk for d in dimensions]}, groups=groups)
        )
        context["dimensions_form"] = dimensions_form
        context.update(_picker(request, strategy, objective, municipality, groups))
    return render(
        request,
        "strategy/evidence/objective_evidence.html",
        context,
        status=400 if errors_form is not None else 200,
    )


def unaddressed_needs(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The frequent ill-being dimensions of each group that no strategic objective takes up."""
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    strategy = _strategy(request, municipality, pk)
    needs = evidence.frequent_needs(strategy)
    objectives = list(
        StrategicObjective.objects.filter(strategy=strategy)
        .order_by("position", "pk")
        .only("pk", "title", "strategy_id")
    )
    numbers = {o.pk: f"OS{i}" for i, o in enumerate(objectives, start=1)}
    by_pk = {o.pk: o for o in objectives}
    for objective in objectives:
        objective.number = numbers[objective.pk]
    for need in needs:
        need["objectives"] = [by_pk[pk] for pk in need["objective_ids"] if pk in by_pk]
    return render(
        request,
        "strategy/evidence/unaddressed_needs.html",
        {
            "municipality": municipality,
            "strategy": strategy,
            "needs": needs,
            "unaddressed": [need for need in needs if not need["objective_ids"]],
            "objectives": objectives,
            "min_statements": evidence.NEED_MIN_STATEMENTS,
            "top_needs": evidence.TOP_NEEDS,
        },
    )


def provider_input(request: HttpRequest, slug: str) -> HttpResponse:
    """What became of my input: the organisation's answers and proposals and who cites them."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_or_403(request, "core.view_dashboard", municipality)
    organisation = _provider_organisation(request, municipality)
    return render(
        request,
        "strategy/evidence/provider_input.html",
        {
            "municipality": municipality,
            "organisation": organisation,
            **evidence.provider_contributions(municipality, organisation),
        },
    )
