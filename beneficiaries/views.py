from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beneficiaries import analysis, coding, presentation, services
from beneficiaries.forms import (
    BeneficiaryCategoryForm,
    PublishMapForm,
    SpiralSessionForm,
    StatementBatchForm,
    StatementEditForm,
    StatementImportForm,
)
from beneficiaries.models import (
    BeneficiaryCategory,
    CodingRound,
    MapLevel,
    NeedsAnalysis,
    Question,
    SpiralDimension,
    SpiralSession,
    Statement,
)
from beneficiaries.tasks import train_coding_model
from beneficiaries.xlsx import workbook_bytes
from core.access import (
    form_cycle_allows,
    get_municipality,
    login_or_403,
    require,
    require_stage,
    stage_refusal_message,
)
from core.exceptions import DomainError
from core.history import history_entries
from core.models import StrategyCycle


def _get_session(request, municipality, pk) -> SpiralSession:
    """A session of this municipality (404 otherwise) that the user may see (403 otherwise)."""
    session = get_object_or_404(
        SpiralSession.objects.select_related("municipality", "cycle", "category", "zone"),
        municipality=municipality,
        pk=pk,
    )
    require(request, "beneficiaries.view_spiralsession", session)
    return session


def session_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.list_spiralsession", municipality):
        return response
    manages = request.user.has_perm("core.view_dashboard", municipality)
    sessions = (
        SpiralSession.objects.visible_to(request.user, municipality, manages=manages)
        .select_related("category", "zone")
        .annotate(statement_count=Count("statements"))
    )
    cycle = StrategyCycle.objects.current_for(municipality) if manages else None
    can_add = manages and (
        cycle is None or request.user.has_perm("beneficiaries.add_spiralsession", cycle)
    )
    return render(
        request,
        "beneficiaries/session_list.html",
        {
            "municipality": municipality,
            "sessions": sessions,
            "can_add": can_add,
            "can_manage_categories": manages,
            "stage_message": ""
            if can_add or not manages
            else stage_refusal_message(request.user, cycle, "manage_sessions"),
        },
    )


def session_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Staff plan and edit sessions while the cycle's stage allows it (else a 403 naming it)."""
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    session = None
    if pk is not None:
        session = _get_session(request, municipality, pk)
        refusal = require_stage(
            request,
            "beneficiaries.change_spiralsession",
            session,
            action="manage_sessions",
            back_url=session.get_absolute_url(),
        )
    elif cycle := StrategyCycle.objects.current_for(municipality):
        refusal = require_stage(
            request,
            "beneficiaries.add_spiralsession",
            cycle,
            action="manage_sessions",
            back_url=reverse("spiral-session-list", args=[slug]),
        )
    else:
        refusal = None  # the form asks for a cycle
    if refusal:
        return refusal
    services.ensure_default_categories(municipality)
    form = SpiralSessionForm(request.POST or None, instance=session, municipality=municipality)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_cycle_allows(
            request, form, "beneficiaries.add_spiralsession", action="manage_sessions"
        )
    ):
        form.instance._history_user = request.user
        session = form.save()
        messages.success(request, _("The session “%(name)s” was saved.") % {"name": session})
        return redirect(session.get_absolute_url())
    return render(
        request,
        "beneficiaries/session_form.html",
        {"municipality": municipality, "form": form, "object": session},
    )


def session_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The facilitator's entry page: pick the question, paste many statements, fix them."""
    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.list_spiralsession", municipality):
        return response
    session = _get_session(request, municipality, pk)
    can_enter = request.user.has_perm("beneficiaries.enter_statements", session)
    form = StatementBatchForm(
        request.POST or None, initial={"question": request.GET.get("q", Question.WELLBEING)}
    )
    flagged = []
    if request.method == "POST":
        require(request, "beneficiaries.enter_statements", session)
        if form.is_valid():
            try:
                added = services.add_statements(
                    session=session,
                    user=request.user,
                    question=form.cleaned_data["question"],
                    raw=form.cleaned_data["lines"],
                    resolution=form.cleaned_data["resolution"],
                )
            except services.PersonalDataSuspected as error:
                flagged = error.flagged
                form.add_error(None, error.messages[0])
            except DomainError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("%(n)d statement(s) saved.") % {"n": len(added)})
                return redirect(f"{session.get_absolute_url()}?q={form.cleaned_data['question']}")
    statements = list(session.statements.all())
    groups = [
        {"key": key, "label": label, "statements": [s for s in statements if s.question == key]}
        for key, label in Question.choices
    ]
    return render(
        request,
        "beneficiaries/session_detail.html",
        {
            "municipality": municipality,
            "session": session,
            "form": form,
            "flagged": flagged,
            "groups": groups,
            "can_enter": can_enter,
            # New statements also need the participants' consent (services.add_statements).
            "can_add": can_enter and session.consent_recorded,
            "entry_refused": "" if can_enter else _why_no_entry(request, session),
            "can_edit_session": request.user.has_perm(
                "beneficiaries.change_spiralsession", session
            ),
            # A session without statements cannot be closed (services.close_session).
            "can_close": bool(statements)
            and request.user.has_perm("beneficiaries.close_spiralsession", session),
            "history": history_entries(session),
        },
        status=400 if form.errors else 200,
    )


def _why_no_entry(request, session) -> str:
    """Why the session page offers no entry of statements: the session is closed, or the cycle's
    stage does not allow it (naming the stage that does)."""
    if session.is_closed:
        return _("The session is closed: its statements can no longer change.")
    return stage_refusal_message(request.user, session.cycle, "enter_statements")


def _get_statement(request, municipality, session_pk, pk) -> Statement:
    session = _get_session(request, municipality, session_pk)
    require(request, "beneficiaries.enter_statements", session)
    return get_object_or_404(Statement.objects.select_related("session"), session=session, pk=pk)


def statement_edit(request: HttpRequest, slug: str, session_pk: int, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.list_spiralsession", municipality):
        return response
    statement = _get_statement(request, municipality, session_pk, pk)
    form = StatementEditForm(request.POST or None, initial={"text": statement.text})
    flagged = []
    if request.method == "POST" and form.is_valid():
        try:
            services.update_statement(
                statement=statement,
                user=request.user,
                text=form.cleaned_data["text"],
                resolution=form.cleaned_data["resolution"],
            )
        except services.PersonalDataSuspected as error:
            flagged = error.flagged
            form.add_error(None, error.messages[0])
        except DomainError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("The statement was saved."))
            return redirect(f"{statement.session.get_absolute_url()}?q={statement.question}")
    return render(
        request,
        "beneficiaries/statement_form.html",
        {"municipality": municipality, "statement": statement, "form": form, "flagged": flagged},
        status=400 if form.errors else 200,
    )


@require_POST
def statement_delete(request: HttpRequest, slug: str, session_pk: int, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.list_spiralsession", municipality):
        return response
    statement = _get_statement(request, municipality, session_pk, pk)
    try:
        services.delete_statement(statement=statement, user=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The statement was deleted."))
    return redirect(f"{statement.session.get_absolute_url()}?q={statement.question}")


@require_POST
def session_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.list_spiralsession", municipality):
        return response
    session = _get_session(request, municipality, pk)
    require(request, "beneficiaries.close_spiralsession", session)
    try:
        services.close_session(session=session, user=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The session was closed."))
    return redirect(session.get_absolute_url())


def statement_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Upload an XLSX/CSV of statements; every bad row is named and nothing is written."""
    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.list_spiralsession", municipality):
        return response
    session = _get_session(request, municipality, pk)
    require(request, "beneficiaries.enter_statements", session)
    form = StatementImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            count = services.import_statements(
                session=session,
                user=request.user,
                filename=upload.name,
                data=upload.read(),
                resolution=form.cleaned_data["personal_data"],
            )
        except services.ImportFailed as failure:
            errors = failure.errors
            form.add_error(None, failure.messages[0] + " " + _("Nothing was imported."))
        except DomainError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("%(n)d statement(s) imported.") % {"n": count})
            return redirect(session.get_absolute_url())
    return render(
        request,
        "beneficiaries/statement_import.html",
        {"municipality": municipality, "session": session, "form": form, "errors": errors},
        status=400 if form.errors else 200,
    )


# --- Coding -----------------------------------------------------------------------------------


def _queue_filters(request):
    session = request.GET.get("session") or ""
    return {
        "session": int(session) if session.isdigit() else None,
        "question": request.GET.get("question", "")
        if request.GET.get("question", "") in Question.values
        else "",
        "uncoded": request.GET.get("uncoded") == "1",
        "round": CodingRound.SECOND
        if request.GET.get("round") == "second"
        else CodingRound.PRIMARY,
    }


def coding_queue(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff code statements fast: filters, suggestions with confidence, keyboard shortcuts."""

    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.code_statements", municipality):
        return response
    filters = _queue_filters(request)
    page = Paginator(coding.queue(municipality, **filters), 20).get_page(request.GET.get("page"))
    statements = list(page.object_list)
    dimensions = coding.dimensions_by_code()
    record, model = coding.latest_model(municipality)
    second = filters["round"] == CodingRound.SECOND
    # The second coder works blind: no suggestions, so the agreement measures people.
    coding.attach_suggestions(statements, None if second else model, dimensions)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "beneficiaries/coding_queue.html",
        {
            "municipality": municipality,
            "page_obj": page,
            "statements": statements,
            "dimensions": list(dimensions.values()),
            "sessions": SpiralSession.objects.filter(municipality=municipality),
            "questions": Question.choices,
            "filters": filters,
            "query": query.urlencode(),
            "model_record": record,
            "second": second,
            "agreement": coding.agreement(municipality),
            "is_paginated": page.has_other_pages(),
            "paginator": page.paginator,
        },
    )


@require_POST
def coding_change(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add or remove one code; answers htmx with the statement's row, others with a redirect."""

    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.code_statements", municipality):
        return response
    statement = get_object_or_404(
        Statement.objects.select_related("session__cycle", "session__municipality"),
        municipality=municipality,
        pk=pk,
    )
    require(request, "beneficiaries.code_statement", statement.session)
    raw = (request.POST.get("dimension") or "").strip().split(" ")[0].upper()
    round_ = CodingRound.SECOND if request.POST.get("round") == "second" else CodingRound.PRIMARY
    dimension = SpiralDimension.objects.filter(code=raw).first()
    error = ""
    if dimension is None:
        error = _("“%(code)s” is not a SPIRAL dimension code (e.g. A03).") % {"code": raw}
    elif request.POST.get("action") == "remove":
        services.remove_code(
            statement=statement, dimension=dimension, user=request.user, round=round_
        )
    else:
        services.add_code(
            statement=statement,
            dimension=dimension,
            user=request.user,
            round=round_,
            suggested=request.POST.get("suggested") == "1",
        )
    if request.htmx:
        [row] = list(coding.queue(municipality, round=round_).filter(pk=statement.pk))
        record, model = coding.latest_model(municipality)
        second = round_ == CodingRound.SECOND
        coding.attach_suggestions([row], None if second else model, coding.dimensions_by_code())
        return render(
            request,
            "beneficiaries/includes/coding_row.html",
            {"municipality": municipality, "statement": row, "error": error, "second": second},
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    return redirect(request.POST.get("next") or reverse("spiral-coding", args=[slug]))


@require_POST
def coding_train(request: HttpRequest, slug: str) -> HttpResponse:

    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.code_statements", municipality):
        return response
    transaction.on_commit(lambda: train_coding_model.delay(municipality.pk))
    messages.success(
        request,
        _("The suggestions are being learned from your coded statements; reload in a minute."),
    )
    return redirect("spiral-coding", slug=slug)


# --- Map of needs -----------------------------------------------------------------------------


def _current_cycle(municipality):
    """The cycle whose map of needs is shown; a municipality without one has no map (404)."""
    cycle = StrategyCycle.objects.current_for(municipality)
    if cycle is None:
        raise Http404
    return cycle


def needs_map(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff: the live map of needs (nothing hidden), with publishing and exports."""

    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.view_needs_map", municipality):
        return response
    cycle = _current_cycle(municipality)
    data = analysis.build_analysis(cycle)
    family = request.GET.get("family", "A")
    levels = analysis.level_summaries(data)
    labels = dict(MapLevel.choices)
    for summary in levels:
        summary["label"] = labels[summary["level"]]
    recommended = next(summary["level"] for summary in levels if summary["recommended"])
    return render(
        request,
        "beneficiaries/needs_map.html",
        {
            "municipality": municipality,
            "cycle": cycle,
            **presentation.context(data, family),
            "published": NeedsAnalysis.objects.filter(cycle=cycle).order_by("-number").first(),
            "publish_levels": levels,
            "publish_form": PublishMapForm(initial={"level": recommended}),
            "staff_view": True,
        },
    )


def needs_map_public(request: HttpRequest, slug: str) -> HttpResponse:
    """Everyone: the latest published map of needs, small cells hidden."""

    municipality = get_municipality(slug)
    published = (
        NeedsAnalysis.objects.filter(municipality=municipality)
        .select_related("cycle")
        .order_by("-published_at")
        .first()
    )
    context = {"municipality": municipality, "published": published, "staff_view": False}
    if published is not None:
        context.update(presentation.context(published.data, request.GET.get("family", "A")))
        context["cycle"] = published.cycle
    return render(request, "beneficiaries/needs_map.html", context)


@require_POST
def needs_map_publish(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.publish_needs_map", municipality):
        return response
    cycle = _current_cycle(municipality)
    form = PublishMapForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a level of detail for the published map."))
        return redirect("spiral-needs-map", slug=slug)
    try:
        version = services.publish_analysis(
            cycle=cycle, user=request.user, level=form.cleaned_data["level"]
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Version %(n)d of the map of needs is public.") % {"n": version.number}
        )
    return redirect("spiral-needs-map", slug=slug)


def needs_map_export(request: HttpRequest, slug: str) -> HttpResponse:
    """XLSX: the matrices and every coded statement (cells that look like formulas escaped)."""

    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.view_needs_map", municipality):
        return response
    cycle = _current_cycle(municipality)
    data = analysis.build_analysis(cycle)
    sheets = []
    for key, title in (("by_group", _("Families × groups")), ("by_zone", _("Families × zones"))):
        rows = presentation.matrix_rows(data, key)
        header = [_("Family")]
        for column in rows["columns"]:
            header += [
                f"{column['name']} – {Question.WELLBEING.label}",
                f"{column['name']} – {Question.ILLBEING.label}",
            ]
        body = []
        for row in rows["rows"]:
            line = [f"{row['code']} {row['name']}"]
            for cell in row["cells"]:
                line += [cell["wellbeing"]["count"], cell["illbeing"]["count"]]
            body.append(line)
        sheets.append((str(title), [str(h) for h in header], body))
    coded = (
        Statement.objects.filter(session__cycle=cycle, codes__round="primary")
        .values_list(
            "session__group_name",
            "session__category__name",
            "session__zone__name",
            "question",
            "text",
            "codes__dimension__code",
        )
        .order_by("session__date", "pk")
    )
    labels = dict(Question.choices)
    sheets.append(
        (
            str(_("Coded statements")),
            [
                str(_("Group")),
                str(_("Category")),
                str(_("Zone")),
                str(_("Question")),
                str(_("Statement")),
                str(_("Dimension")),
            ],
            [[g, c, z or "", str(labels[q]), t, d] for g, c, z, q, t, d in coded],
        )
    )
    response = HttpResponse(
        workbook_bytes(sheets),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="harta-nevoilor-{slug}.xlsx"'
    return response


# --- Beneficiary categories -----------------------------------------------------------------


def category_list(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Staff keep the municipality's list of beneficiary categories and choose whom to consult."""

    municipality = get_municipality(slug)
    if response := login_or_403(request, "beneficiaries.manage_categories", municipality):
        return response
    services.ensure_default_categories(municipality)
    instance = (
        get_object_or_404(BeneficiaryCategory, municipality=municipality, pk=pk) if pk else None
    )
    form = BeneficiaryCategoryForm(
        request.POST or None, instance=instance, municipality=municipality
    )
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        category = form.save()
        messages.success(request, _("The category “%(name)s” was saved.") % {"name": category})
        return redirect("spiral-category-list", slug=slug)
    categories = BeneficiaryCategory.objects.filter(municipality=municipality).annotate(
        session_count=Count("sessions")
    )
    return render(
        request,
        "beneficiaries/category_list.html",
        {
            "municipality": municipality,
            "categories": categories,
            "form": form,
            "editing": instance,
        },
        status=400 if form.errors else 200,
    )
