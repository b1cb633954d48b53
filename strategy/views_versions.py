"""Staff pages of the published versions and of opening the public consultation of one."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import get_municipality, login_redirect, require
from core.exceptions import DomainError
from core.history import history_entries
from strategy import law52
from strategy.forms_versions import (
    CommentsUntilForm,
    CompareVersionsForm,
    OpenConsultationForm,
    PublishVersionForm,
    StatutoryDatesForm,
)
from strategy.models import PublicConsultation, Strategy, StrategyVersion
from strategy.versions import (
    change_comments_until,
    compare_trees,
    draft_differs,
    open_consultation,
    prepare_tree,
    publish_version,
    stage_blocks_consultation,
)


def _strategy(request, slug: str, pk: int, perm: str):
    """(strategy, None), or (None, a redirect to log in); 404 for another municipality's
    strategy, 403 for a user who may not."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return None, login_redirect(request)
    strategy = get_object_or_404(
        Strategy.objects.select_related("cycle", "municipality"), municipality=municipality, pk=pk
    )
    require(request, perm, strategy)
    return strategy, None


def _consultation_state(consultation, today) -> str:
    if consultation is None:
        return ""
    if consultation.announced_on > today:
        return "scheduled"
    return "open" if consultation.accepts_comments(today) else "closed"


def _render_versions(request, strategy, form, status=200) -> HttpResponse:
    versions = list(
        strategy.versions.defer("snapshot")
        .select_related("published_by", "consultation")
        .order_by("-number")
    )
    today = timezone.localdate()
    for version in versions:
        version.public_consultation = getattr(version, "consultation", None)
        version.consultation_state = _consultation_state(version.public_consultation, today)
    last = strategy.versions.order_by("-number").only("number", "snapshot").first()
    return render(
        request,
        "strategy/versions/version_list.html",
        {
            "municipality": strategy.municipality,
            "strategy": strategy,
            "versions": versions,
            "form": form,
            "draft_has_changes": draft_differs(strategy, last),
            "can_publish": request.user.has_perm("strategy.publish_version", strategy),
            "can_open": request.user.has_perm("strategy.open_consultation", strategy),
            "stage_blocked": stage_blocks_consultation(strategy),
        },
        status=status,
    )


@require_GET
def strategy_versions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The published versions, newest first, and whether each is under public consultation."""
    strategy, response = _strategy(request, slug, pk, "strategy.view_strategy")
    if response:
        return response
    return _render_versions(request, strategy, PublishVersionForm())


@require_POST
def strategy_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    strategy, response = _strategy(request, slug, pk, "strategy.publish_version")
    if response:
        return response
    form = PublishVersionForm(request.POST)
    if form.is_valid():
        try:
            version = publish_version(
                strategy=strategy, user=request.user, note=form.cleaned_data["note"]
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Version %(number)s is published.") % {"number": version.number}
            )
            return redirect("strategy-version-detail", slug=slug, pk=pk, number=version.number)
    return _render_versions(request, strategy, form, status=400)


@require_GET
def strategy_version_detail(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    """A frozen version, rendered like the draft."""
    strategy, response = _strategy(request, slug, pk, "strategy.view_strategy")
    if response:
        return response
    version = get_object_or_404(
        StrategyVersion.objects.select_related("published_by", "consultation"),
        strategy=strategy,
        number=number,
    )
    numbers = list(strategy.versions.order_by("number").values_list("number", flat=True))
    index = numbers.index(version.number)
    return render(
        request,
        "strategy/versions/version_detail.html",
        {
            "municipality": strategy.municipality,
            "strategy": strategy,
            "version": version,
            "consultation": getattr(version, "consultation", None),
            "tree": prepare_tree(version.snapshot),
            "previous_number": numbers[index - 1] if index > 0 else None,
            "next_number": numbers[index + 1] if index + 1 < len(numbers) else None,
            "can_open": request.user.has_perm("strategy.open_consultation", strategy),
        },
    )


@require_GET
def strategy_version_compare(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Any two versions, section by section: what was added, removed or changed."""
    strategy, response = _strategy(request, slug, pk, "strategy.view_strategy")
    if response:
        return response
    numbers = list(strategy.versions.order_by("number").values_list("number", flat=True))
    context = {"municipality": strategy.municipality, "strategy": strategy, "numbers": numbers}
    if len(numbers) < 2:
        return render(request, "strategy/versions/version_compare.html", context)
    data = request.GET if ("a" in request.GET or "b" in request.GET) else None
    form = CompareVersionsForm(data, numbers=numbers, initial={"a": numbers[-2], "b": numbers[-1]})
    context["form"] = form
    if data is None:
        a, b = numbers[-2], numbers[-1]
    elif form.is_valid():
        a, b = form.cleaned_data["a"], form.cleaned_data["b"]
    else:
        return render(request, "strategy/versions/version_compare.html", context, status=400)
    versions = {
        v.number: v
        for v in strategy.versions.filter(number__in=[a, b]).select_related("published_by")
    }
    context.update(
        {
            "old": versions[a],
            "new": versions[b],
            "comparison": compare_trees(versions[a].snapshot, versions[b].snapshot),
        }
    )
    return render(request, "strategy/versions/version_compare.html", context)


# --- Opening the public consultation ---------------------------------------------------------


def _dates_context(announced_on) -> dict:
    dates = law52.statutory_dates(announced_on)
    dates["debate_days"] = (law52.latest_debate_date(announced_on) - announced_on).days
    return dates


def _consultation_page(request, strategy, version, *, status=200, **extra) -> HttpResponse:
    consultation = getattr(version, "consultation", None)
    form = extra.get("form")
    if form is not None and extra.get("dates_url"):
        # With htmx, changing the date shows the statutory dates at once.
        form.fields["announced_on"].widget.attrs.update(
            {
                "hx-get": extra["dates_url"],
                "hx-trigger": "change",
                "hx-target": "#statutory-dates",
                "hx-swap": "innerHTML",
            }
        )
    context = {
        "municipality": strategy.municipality,
        "strategy": strategy,
        "version": version,
        "consultation": consultation,
        "stage_blocked": stage_blocks_consultation(strategy),
        **extra,
    }
    if consultation is not None:
        context.setdefault(
            "extend_form",
            CommentsUntilForm(
                consultation=consultation,
                initial={"comments_until": consultation.comments_until},
            ),
        )
        context["minimum_comments_until"] = law52.minimum_comments_until(consultation.announced_on)
        context["consultation_state"] = _consultation_state(consultation, timezone.localdate())
        context["history"] = history_entries(consultation)
    return render(request, "strategy/versions/consultation_open.html", context, status=status)


def _version_for_consultation(request, slug, pk, number):
    strategy, response = _strategy(request, slug, pk, "strategy.open_consultation")
    if response:
        return None, None, response
    version = get_object_or_404(
        StrategyVersion.objects.defer("snapshot").select_related("published_by", "consultation"),
        strategy=strategy,
        number=number,
    )
    return strategy, version, None


def consultation_open(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    """Staff put a version to public consultation; the statutory dates are computed and shown."""
    strategy, version, response = _version_for_consultation(request, slug, pk, number)
    if response:
        return response
    consultation = getattr(version, "consultation", None)
    blocked = stage_blocks_consultation(strategy)
    if blocked and (consultation is None or request.method == "POST"):
        return _consultation_page(request, strategy, version, status=403)

    dates_url = reverse("consultation-open", args=[slug, pk, number])
    if request.method != "POST":
        announced_on = timezone.localdate()
        dates_form = None
        if "announced_on" in request.GET:
            dates_form = StatutoryDatesForm(request.GET)
            announced_on = (
                dates_form.cleaned_data["announced_on"] if dates_form.is_valid() else None
            )
        dates = _dates_context(announced_on) if announced_on else None
        status = 200 if dates else 400
        if request.htmx and dates_form is not None:
            return render(
                request,
                "strategy/versions/_statutory_dates.html",
                {"dates": dates, "dates_form": dates_form},
                status=status,
            )
        form = OpenConsultationForm(initial={"announced_on": announced_on or timezone.localdate()})
        return _consultation_page(
            request,
            strategy,
            version,
            status=status,
            form=form,
            dates=dates,
            dates_form=dates_form,
            dates_url=dates_url,
        )

    if request.POST.get("action") == "compute":
        # “Compute the dates” without JavaScript: nothing is written, the text typed is kept.
        dates_form = StatutoryDatesForm(request.POST)
        dates = (
            _dates_context(dates_form.cleaned_data["announced_on"])
            if dates_form.is_valid()
            else None
        )
        return _consultation_page(
            request,
            strategy,
            version,
            status=200 if dates else 400,
            form=OpenConsultationForm(initial=request.POST.dict()),
            dates=dates,
            dates_form=dates_form,
            dates_url=dates_url,
        )
    form = OpenConsultationForm(request.POST)
    valid = form.is_valid()
    announced_on = form.cleaned_data.get("announced_on")
    dates = _dates_context(announced_on) if announced_on else None
    if valid:
        try:
            open_consultation(
                version=version,
                announced_on=announced_on,
                justification=form.cleaned_data["justification"],
                comments_until=form.cleaned_data["comments_until"],
                user=request.user,
            )
        except DomainError as error:
            field = error.code if error.code in form.fields else None
            form.add_error(field, error.messages[0])
        else:
            messages.success(
                request,
                _("The public consultation of version %(number)s is open.")
                % {"number": version.number},
            )
            return redirect("consultation-open", slug=slug, pk=pk, number=number)
    if consultation is not None:
        # Already open: the page shows the consultation; the refusal goes with it.
        for error in form.non_field_errors():
            messages.error(request, error)
    return _consultation_page(
        request, strategy, version, status=400, form=form, dates=dates, dates_url=dates_url
    )


@require_POST
def consultation_extend(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    """Staff move the end of the period for recommendations, never below the statutory minimum."""
    strategy, version, response = _version_for_consultation(request, slug, pk, number)
    if response:
        return response
    consultation = get_object_or_404(PublicConsultation, version=version)
    if stage_blocks_consultation(strategy):
        return _consultation_page(request, strategy, version, status=403)
    form = CommentsUntilForm(request.POST, consultation=consultation)
    if form.is_valid():
        try:
            change_comments_until(
                consultation=consultation,
                comments_until=form.cleaned_data["comments_until"],
                user=request.user,
            )
        except DomainError as error:
            form.add_error("comments_until", error.messages[0])
        else:
            messages.success(
                request,
                _("Recommendations are now accepted until %(date)s.")
                % {"date": form.cleaned_data["comments_until"].strftime("%d.%m.%Y")},
            )
            return redirect("consultation-open", slug=slug, pk=pk, number=number)
    return _consultation_page(request, strategy, version, status=400, extend_form=form)
