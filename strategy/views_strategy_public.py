"""The strategy as adopted: its public page and public files, and the PDF of any version for staff.

Public (anyone, anonymous included): ``public_strategy`` shows the version the local council
adopted (else the newest published version, marked as not adopted), read from its snapshot, with
the HCL and the links to the public files; ``public_strategy_pdf``, ``public_plan_pdf`` and
``public_consultation_report`` serve the files ``actionplans.publication`` made for an adopted
decision (404 for a decision that is not adopted or is another municipality's).

Staff: ``strategy_version_pdf`` asks for the PDF of a version (the stored-file pattern) and sends
them to the generic waiting page.
"""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from actionplans import publication
from actionplans.council import adopted_strategy_decision, adopting_vote
from actionplans.models import DraftDecision
from core.access import get_municipality, login_redirect, require
from strategy import pdf
from strategy.models import Strategy, StrategyVersion

# --- Staff: the PDF of any version --------------------------------------------------------------


@require_POST
def strategy_version_pdf(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    """Ask for the PDF of a version (or reuse the one made with the same evidence), then wait."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    strategy = get_object_or_404(
        Strategy.objects.select_related("cycle"), municipality=municipality, pk=pk
    )
    strategy.municipality = municipality
    require(request, "strategy.view_strategy", strategy)
    version = get_object_or_404(StrategyVersion, strategy=strategy, number=number)
    version.strategy = strategy
    file = pdf.request_pdf(version=version, user=request.user)
    return redirect("generated-file", slug=slug, pk=file.pk)


# --- Public: the adopted strategy ---------------------------------------------------------------


def _file_links(municipality, decision, files: dict, kinds) -> list[dict]:
    """The public files of an adopted decision, each with its link and whether it is ready."""
    names = {
        publication.STRATEGY_PDF: ("public-strategy-pdf", _("The strategy (PDF)")),
        publication.PLAN_PDF: (
            "public-plan-pdf",
            _("The annual action plan %(year)s (PDF)") % {"year": decision.plan.year},
        ),
        publication.CONSULTATION_REPORT: (
            "public-consultation-report",
            _("The report on the public consultation (PDF)"),
        ),
    }
    links = []
    for kind in kinds:
        file = files.get((decision.pk, kind))
        links.append(
            {
                "kind": kind,
                "label": names[kind][1],
                "url": reverse(names[kind][0], args=[municipality.slug, decision.pk]),
                "ready": publication.is_ready(file),
            }
        )
    return links


@require_GET
def public_strategy(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The adopted version of the strategy (else the newest published one, marked as such)."""
    municipality = get_municipality(slug)
    strategy = get_object_or_404(
        Strategy.objects.select_related("cycle"), municipality=municipality, pk=pk
    )
    strategy.municipality = municipality
    decision = adopted_strategy_decision(strategy.cycle)
    if decision is not None and decision.strategy_version.strategy_id != strategy.pk:
        decision = None
    vote = adopting_vote(decision) if decision is not None else None
    if vote is None:
        decision = None
        version = strategy.versions.order_by("-number").first()
        if version is None:
            raise Http404
    else:
        version = decision.strategy_version
    version.strategy = strategy
    links = []
    if decision is not None:
        kinds = publication.wanted_kinds(decision, publication.consultation_of(decision))
        links = _file_links(municipality, decision, publication.public_files([decision.pk]), kinds)
    context = pdf.version_context(version)
    context.update(
        {
            "strategy_doc": dict(context),
            "decision": decision,
            "vote": vote,
            "adopted": vote is not None,
            "files": links,
            "plan_year": decision.plan.year if decision is not None else None,
        }
    )
    return render(request, "strategy/public/strategy_public.html", context)


# --- Public: the files of an adopted decision ---------------------------------------------------


def _serve_public(request: HttpRequest, slug: str, pk: int, kind: str) -> HttpResponse:
    municipality = get_municipality(slug)
    decision = get_object_or_404(
        DraftDecision.objects.adopted().select_related("municipality"),
        municipality=municipality,
        pk=pk,
    )
    file = publication.public_files([decision.pk]).get((decision.pk, kind))
    if file is None:
        consultation = (
            publication.consultation_of(decision)
            if kind == publication.CONSULTATION_REPORT
            else None
        )
        if kind not in publication.wanted_kinds(decision, consultation):
            raise Http404
        # Adopted before its public files existed (or their rows were removed): make them now.
        # Idempotent and bounded (one row per kind and decision); a failed file is only queued
        # again by the council's services, never by a visitor.
        publication.publish_adopted(decision.pk)
        file = publication.public_files([decision.pk]).get((decision.pk, kind))
    if not publication.is_ready(file):
        return _pending(request, municipality, decision, kind)
    try:
        handle = file.file.open("rb")
    except FileNotFoundError:
        return _pending(request, municipality, decision, kind)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=file.filename or f"{kind}.pdf",
        content_type=file.content_type or "application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _pending(request, municipality, decision, kind) -> HttpResponse:
    strategy_id = (
        Strategy.objects.filter(cycle_id=decision.cycle_id).values_list("pk", flat=True).first()
    )
    response = render(
        request,
        "strategy/public/public_file_pending.html",
        {
            "municipality": municipality,
            "decision": decision,
            "kind": kind,
            "strategy_url": (
                reverse("public-strategy", args=[municipality.slug, strategy_id])
                if strategy_id
                else ""
            ),
        },
        status=202,
    )
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def public_strategy_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _serve_public(request, slug, pk, publication.STRATEGY_PDF)


@require_GET
def public_plan_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _serve_public(request, slug, pk, publication.PLAN_PDF)


@require_GET
def public_consultation_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _serve_public(request, slug, pk, publication.CONSULTATION_REPORT)
