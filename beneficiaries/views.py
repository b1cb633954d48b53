from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beneficiaries import services
from beneficiaries.forms import (
    SpiralSessionForm,
    StatementBatchForm,
    StatementEditForm,
    StatementImportForm,
)
from beneficiaries.models import Question, SpiralSession, Statement
from core.access import get_municipality, require
from core.exceptions import DomainError
from core.history import history_entries
from core.views import _login_or_403


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
    if response := _login_or_403(request, "beneficiaries.list_spiralsession", municipality):
        return response
    manages = request.user.has_perm("core.view_dashboard", municipality)
    sessions = (
        SpiralSession.objects.visible_to(request.user, municipality, manages=manages)
        .select_related("category", "zone")
        .annotate(statement_count=Count("statements"))
    )
    return render(
        request,
        "beneficiaries/session_list.html",
        {
            "municipality": municipality,
            "sessions": sessions,
            "can_add": request.user.has_perm("beneficiaries.add_spiralsession", municipality),
        },
    )


def session_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := _login_or_403(request, "beneficiaries.add_spiralsession", municipality):
        return response
    services.ensure_default_categories(municipality)
    session = None
    if pk is not None:
        session = _get_session(request, municipality, pk)
        require(request, "beneficiaries.change_spiralsession", session)
    form = SpiralSessionForm(request.POST or None, instance=session, municipality=municipality)
    if request.method == "POST" and form.is_valid():
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
    if response := _login_or_403(request, "beneficiaries.list_spiralsession", municipality):
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
    statements = session.statements.all()
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
            "can_edit_session": request.user.has_perm(
                "beneficiaries.change_spiralsession", session
            ),
            "can_close": request.user.has_perm("beneficiaries.close_spiralsession", session),
            "history": history_entries(session),
        },
        status=400 if form.errors else 200,
    )


def _get_statement(request, municipality, session_pk, pk) -> Statement:
    session = _get_session(request, municipality, session_pk)
    require(request, "beneficiaries.enter_statements", session)
    return get_object_or_404(Statement.objects.select_related("session"), session=session, pk=pk)


def statement_edit(request: HttpRequest, slug: str, session_pk: int, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := _login_or_403(request, "beneficiaries.list_spiralsession", municipality):
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
    if response := _login_or_403(request, "beneficiaries.list_spiralsession", municipality):
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
    if response := _login_or_403(request, "beneficiaries.list_spiralsession", municipality):
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
    if response := _login_or_403(request, "beneficiaries.list_spiralsession", municipality):
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
