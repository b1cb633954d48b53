"""The strategy document editor: staff write sections, guidelines, objectives and indicators.

Every object is fetched through its strategy and the strategy through the municipality of the
URL, so an id from elsewhere gives 404. Editing is refused (403, naming the stages that allow it)
outside the stages in which the cycle's registry lets staff edit the strategy.
"""

from functools import lru_cache

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.access import get_municipality, login_redirect
from core.exceptions import DomainError
from core.history import history_entries
from strategy import editing
from strategy.document import document_tree, labels
from strategy.forms_document import (
    GuidelineForm,
    IndicatorForm,
    ObjectiveForm,
    SectionForm,
    SpecificObjectiveForm,
    StrategyCreateForm,
    StrategyForm,
)
from strategy.models import Strategy

SORTABLE_JS = "vendor/sortablejs/Sortable.min.js"

# Per kind: its form, the headings of its pages and where on the document page it sits.
KIND_PAGES = {
    "section": {
        "form": SectionForm,
        "add": gettext_lazy("Add a section"),
        "edit": gettext_lazy("Edit the section"),
        "anchor": "sections",
    },
    "guideline": {
        "form": GuidelineForm,
        "add": gettext_lazy("Add a guideline"),
        "edit": gettext_lazy("Edit the guideline"),
        "anchor": "guidelines",
    },
    "objective": {
        "form": ObjectiveForm,
        "add": gettext_lazy("Add a strategic objective"),
        "edit": gettext_lazy("Edit the strategic objective"),
        "anchor": "objectives",
    },
    "specific": {
        "form": SpecificObjectiveForm,
        "add": gettext_lazy("Add a specific objective"),
        "edit": gettext_lazy("Edit the specific objective"),
        "anchor": "objectives",
    },
    "indicator": {
        "form": IndicatorForm,
        "add": gettext_lazy("Add an indicator"),
        "edit": gettext_lazy("Edit the indicator"),
        "anchor": "objectives",
    },
}
PARENT_KIND = {"specific": "objective", "indicator": "specific"}


@lru_cache(maxsize=1)
def _sortable_path() -> str | None:
    """SortableJS when it is installed and served; without it the up/down buttons do the work."""
    return SORTABLE_JS if finders.find(SORTABLE_JS) else None


def _get_strategy(municipality, pk) -> Strategy:
    return get_object_or_404(
        Strategy.objects.select_related("cycle", "municipality"), municipality=municipality, pk=pk
    )


def _stage_refusal(request, strategy) -> HttpResponse:
    return render(
        request,
        "strategy/document/stage_refused.html",
        {
            "municipality": strategy.municipality,
            "strategy": strategy,
            "message": editing.edit_stage_message(strategy.cycle),
        },
        status=403,
    )


def _edit_refusal(request, strategy) -> HttpResponse | None:
    """None when the user may edit now; 403 naming the stages for staff; PermissionDenied else."""
    if request.user.has_perm("strategy.change_strategy", strategy):
        return None
    if request.user.has_perm("strategy.view_strategy", strategy):
        return _stage_refusal(request, strategy)
    raise PermissionDenied


def _editable_strategy(request, slug, pk) -> tuple[Strategy | None, HttpResponse | None]:
    if not request.user.is_authenticated:
        return None, login_redirect(request)
    strategy = _get_strategy(get_municipality(slug), pk)
    return strategy, _edit_refusal(request, strategy)


def _document_url(strategy, anchor: str = "") -> str:
    url = reverse("strategy-detail", args=[strategy.municipality.slug, strategy.pk])
    return f"{url}#{anchor}" if anchor else url


# --- The strategy itself -----------------------------------------------------------------------


def strategy_home(request: HttpRequest, slug: str) -> HttpResponse:
    """The current cycle's strategy, or the page that starts one."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    if not request.user.has_perm("strategy.view_strategy", Strategy(municipality=municipality)):
        raise PermissionDenied
    from core.models import StrategyCycle

    cycle = StrategyCycle.objects.current_for(municipality)
    strategy = Strategy.objects.filter(municipality=municipality, cycle=cycle).first()
    if strategy is None:
        return redirect("strategy-create", slug=slug)
    return redirect(_document_url(strategy))


def strategy_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the strategy of a cycle that has none, with its usual chapters."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    if not request.user.has_perm("strategy.view_strategy", Strategy(municipality=municipality)):
        raise PermissionDenied
    form = StrategyCreateForm(
        request.POST or None,
        municipality=municipality,
        user=request.user,
        initial={"cycle": request.GET.get("cycle")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            strategy = editing.create_strategy(
                municipality=municipality,
                cycle=form.cleaned_data["cycle"],
                title=form.cleaned_data["title"],
                user=request.user,
            )
        except DomainError as error:
            form.add_error("cycle", error)
        else:
            messages.success(request, _("The strategy was created with its usual chapters."))
            return redirect(_document_url(strategy))
    existing = Strategy.objects.filter(municipality=municipality).select_related("cycle")
    return render(
        request,
        "strategy/document/strategy_create.html",
        {
            "municipality": municipality,
            "form": form,
            "has_free_cycle": form.fields["cycle"].queryset.exists(),
            "strategies": existing.order_by("-cycle__start_year"),
        },
        status=400 if form.errors else 200,
    )


def strategy_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The whole draft, numbered as it will be published, with the editing controls."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    strategy = _get_strategy(municipality, pk)
    if not request.user.has_perm("strategy.view_strategy", strategy):
        raise PermissionDenied
    tree = document_tree(strategy)
    guideline_titles = {g["id"]: g["title"] for g in tree["guidelines"]}
    for objective in tree["objectives"]:
        objective["guideline_title"] = guideline_titles.get(objective["guideline_id"], "")
    can_edit = request.user.has_perm("strategy.change_strategy", strategy)
    sortable = _sortable_path() if can_edit else None
    return render(
        request,
        "strategy/document/strategy_detail.html",
        {
            "municipality": municipality,
            "strategy": strategy,
            "tree": tree,
            "can_edit": can_edit,
            "stage_message": "" if can_edit else editing.edit_stage_message(strategy.cycle),
            "sortable_url": static(sortable) if sortable else "",
        },
    )


def strategy_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    strategy, refusal = _editable_strategy(request, slug, pk)
    if refusal:
        return refusal
    form = StrategyForm(request.POST or None, instance=strategy)
    if request.method == "POST" and form.is_valid():
        editing.update_strategy(strategy=form.instance, user=request.user)
        messages.success(request, _("The title was saved."))
        return redirect(_document_url(strategy))
    return render(
        request,
        "strategy/document/item_form.html",
        {
            "municipality": strategy.municipality,
            "strategy": strategy,
            "form": form,
            "heading": _("Title of the strategy"),
            "object": strategy,
            "history": history_entries(strategy),
        },
        status=400 if form.errors else 200,
    )


# --- Items of the document ---------------------------------------------------------------------


def _item_form(request, slug, pk, kind, item_pk=None, parent_pk=None) -> HttpResponse:
    strategy, refusal = _editable_strategy(request, slug, pk)
    if refusal:
        return refusal
    page = KIND_PAGES[kind]
    item = get_object_or_404(editing.items(strategy, kind), pk=item_pk) if item_pk else None
    parent = None
    if kind in PARENT_KIND:
        parent = (
            editing.parent_of(kind, item)
            if item
            else get_object_or_404(editing.items(strategy, PARENT_KIND[kind]), pk=parent_pk)
        )
    # "OS1.2 title": the derived numbers of the item and of its parent, for the headings.
    numbered = labels(document_tree(strategy)) if (item or parent) and kind != "guideline" else {}
    extra = {"strategy": strategy} if kind == "objective" else {}
    form = page["form"](request.POST or None, instance=item, **extra)
    if item is None:
        if kind in ("section", "guideline"):
            form.instance.strategy = strategy
        elif kind == "specific":
            form.instance.objective = parent
        elif kind == "indicator":
            form.instance.specific_objective = parent
    if request.method == "POST" and form.is_valid():
        try:
            saved = editing.save_item(kind=kind, item=form.instance, user=request.user)
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_document_url(strategy, f"{kind}-{saved.pk}"))
    return render(
        request,
        "strategy/document/item_form.html",
        {
            "municipality": strategy.municipality,
            "strategy": strategy,
            "form": form,
            "kind": kind,
            "parent": parent,
            "parent_label": numbered.get((PARENT_KIND.get(kind), parent.pk)) if parent else "",
            "item_label": numbered.get((kind, item.pk), "") if item else "",
            "heading": page["edit"] if item else page["add"],
            "object": item,
            "history": history_entries(item) if item else [],
            "back_url": _document_url(strategy, f"{kind}-{item.pk}" if item else page["anchor"]),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def _item_delete(request, slug, pk, kind, item_pk) -> HttpResponse:
    strategy, refusal = _editable_strategy(request, slug, pk)
    if refusal:
        return refusal
    item = get_object_or_404(editing.items(strategy, kind), pk=item_pk)
    name = str(item)
    editing.delete_item(kind=kind, item=item, user=request.user)
    messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
    return redirect(_document_url(strategy, KIND_PAGES[kind]["anchor"]))


def section_form(request, slug: str, pk: int, section_pk: int | None = None):
    return _item_form(request, slug, pk, "section", item_pk=section_pk)


def section_delete(request, slug: str, pk: int, section_pk: int):
    return _item_delete(request, slug, pk, "section", section_pk)


def guideline_form(request, slug: str, pk: int, guideline_pk: int | None = None):
    return _item_form(request, slug, pk, "guideline", item_pk=guideline_pk)


def guideline_delete(request, slug: str, pk: int, guideline_pk: int):
    return _item_delete(request, slug, pk, "guideline", guideline_pk)


def objective_form(request, slug: str, pk: int, objective_pk: int | None = None):
    return _item_form(request, slug, pk, "objective", item_pk=objective_pk)


def objective_delete(request, slug: str, pk: int, objective_pk: int):
    return _item_delete(request, slug, pk, "objective", objective_pk)


def specific_create(request, slug: str, pk: int, objective_pk: int):
    return _item_form(request, slug, pk, "specific", parent_pk=objective_pk)


def specific_update(request, slug: str, pk: int, specific_pk: int):
    return _item_form(request, slug, pk, "specific", item_pk=specific_pk)


def specific_delete(request, slug: str, pk: int, specific_pk: int):
    return _item_delete(request, slug, pk, "specific", specific_pk)


def indicator_create(request, slug: str, pk: int, specific_pk: int):
    return _item_form(request, slug, pk, "indicator", parent_pk=specific_pk)


def indicator_update(request, slug: str, pk: int, indicator_pk: int):
    return _item_form(request, slug, pk, "indicator", item_pk=indicator_pk)


def indicator_delete(request, slug: str, pk: int, indicator_pk: int):
    return _item_delete(request, slug, pk, "indicator", indicator_pk)


# --- Order: up/down buttons (keyboard) and drag and drop ---------------------------------------


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_POST
def strategy_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One step up or down: a plain form, so it works from the keyboard and without script."""
    strategy, refusal = _editable_strategy(request, slug, pk)
    if refusal:
        return refusal
    kind, item_pk = request.POST.get("kind"), _int(request.POST.get("id"))
    direction = request.POST.get("direction")
    if kind not in editing.KINDS or item_pk is None or direction not in ("up", "down"):
        return HttpResponse(_("Say what to move, and up or down."), status=400)
    item = get_object_or_404(editing.items(strategy, kind), pk=item_pk)
    editing.move(kind=kind, obj=item, direction=direction, user=request.user)
    return redirect(_document_url(strategy, f"{kind}-{item.pk}"))


@require_POST
def strategy_reorder(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The whole new order of one list (drag and drop); nothing is written unless it fits."""
    strategy, refusal = _editable_strategy(request, slug, pk)
    if refusal:
        return refusal
    kind = request.POST.get("kind")
    if kind not in editing.KINDS:
        return JsonResponse({"error": _("Unknown list.")}, status=400)
    raw_ids = request.POST.getlist("ids")
    ids = [_int(value) for value in raw_ids]
    if not raw_ids or None in ids:
        return JsonResponse({"error": _("Send the ids of the list, in order.")}, status=400)
    if kind in PARENT_KIND:
        parent = get_object_or_404(
            editing.items(strategy, PARENT_KIND[kind]), pk=_int(request.POST.get("parent"))
        )
    else:
        parent = strategy
    try:
        editing.reorder(kind=kind, parent=parent, ids=ids, user=request.user)
    except DomainError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({"ok": True})
