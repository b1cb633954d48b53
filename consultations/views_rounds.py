"""Consultation rounds: staff set them up and follow who answered; providers respond.

Staff pages check ``core.view_dashboard`` on the municipality, then ``consultations.view_round``
on the round; setting a round up (``consultations.add_round`` on its cycle,
``consultations.manage_round`` on the round) follows the cycle's stage, and staff blocked only by
the stage get a 403 page naming the stages that allow it. Provider pages look a round up among the
published rounds their organisation is invited to, so any other id is a 404; a provider never
reaches another organisation's response. Staff see who answered and when, never the content of a
draft.
"""

import os

from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations import rounds
from consultations.attachments import MAX_ATTACHMENTS_PER_RESPONSE, max_bytes
from consultations.forms_rounds import AttachmentForm, QuestionForm, ResponseForm, RoundForm
from consultations.models import (
    Attachment,
    ConsultationRound,
    QuestionKind,
    RoundQuestion,
    RoundResponse,
)
from consultations.predicates import provider_organisation_id
from consultations.views import _provider_organisation
from core.access import (
    form_cycle_allows,
    get_municipality,
    login_or_403,
    login_redirect,
    require,
    require_stage,
    stage_refusal_message,
)
from core.exceptions import DomainError, apply_to_form
from core.history import history_entries
from core.models import StrategyCycle

# --- Staff -------------------------------------------------------------------------------------


def _staff_round(request, municipality, pk: int) -> ConsultationRound:
    consultation = get_object_or_404(
        ConsultationRound.objects.select_related("cycle"), municipality=municipality, pk=pk
    )
    consultation.municipality = municipality
    require(request, "consultations.view_round", consultation)
    return consultation


def _managed_round(request, municipality, pk: int):
    """(round, None) when the user may change it now; (round, 403 naming the stages) otherwise."""
    consultation = _staff_round(request, municipality, pk)
    return consultation, require_stage(
        request,
        "consultations.manage_round",
        consultation,
        action="manage_rounds",
        back_url=consultation.get_absolute_url(),
    )


def round_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The rounds of the current cycle first, then the older ones, with their response rates."""
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    current = StrategyCycle.objects.current_for(municipality)
    can_add = current is None or request.user.has_perm("consultations.add_round", current)
    submitted = (
        RoundResponse.objects.submitted()
        .filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    items = list(
        ConsultationRound.objects.filter(municipality=municipality)
        .select_related("cycle")
        .annotate(
            invited_count=Count("invited", distinct=True), submitted_count=Subquery(submitted)
        )
        .order_by("-opens_at", "-pk")
    )
    now = timezone.now()
    for item in items:
        item.submitted_count = item.submitted_count or 0
        item.state = rounds.round_state(item, now)
        item.rate = rounds.response_rate(item.invited_count, item.submitted_count)
    return render(
        request,
        "consultations/rounds/round_list.html",
        {
            "municipality": municipality,
            "current_cycle": current,
            "current_rounds": [r for r in items if current and r.cycle_id == current.pk],
            "older_rounds": [r for r in items if not current or r.cycle_id != current.pk],
            "can_add": can_add,
            "stage_message": ""
            if can_add
            else stage_refusal_message(request.user, current, "manage_rounds"),
        },
    )


def round_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    consultation = None
    if pk:
        consultation, refusal = _managed_round(request, municipality, pk)
    elif current := StrategyCycle.objects.current_for(municipality):
        refusal = require_stage(
            request,
            "consultations.add_round",
            current,
            action="manage_rounds",
            back_url=reverse("round-list", args=[slug]),
        )
    else:
        refusal = None  # the form asks for a cycle
    if refusal:
        return refusal
    form = RoundForm(request.POST or None, instance=consultation, municipality=municipality)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_cycle_allows(request, form, "consultations.add_round", action="manage_rounds")
    ):
        data = {name: form.cleaned_data[name] for name in rounds.ROUND_FIELDS}
        try:
            if consultation is None:
                consultation = rounds.create_round(
                    municipality=municipality,
                    user=request.user,
                    invited=form.cleaned_data["invited"],
                    **data,
                )
            else:
                rounds.update_round(
                    round=consultation,
                    user=request.user,
                    invited=form.cleaned_data["invited"],
                    **data,
                )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request, _("The round “%(title)s” was saved.") % {"title": data["title"]}
            )
            return redirect("round-detail", slug=slug, pk=consultation.pk)
    return render(
        request,
        "consultations/rounds/round_form.html",
        {"municipality": municipality, "form": form, "round": consultation},
        status=400 if form.errors else 200,
    )


def round_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    consultation = _staff_round(request, municipality, pk)
    questions = list(
        consultation.questions.annotate(answer_count=Count("answers")).order_by("position", "pk")
    )
    responses = {
        r.organisation_id: r
        for r in RoundResponse.objects.filter(round=consultation).only(
            "pk", "organisation_id", "updated_at", "submitted_at"
        )
    }
    invited = []
    for organisation in consultation.invited.order_by("name"):
        response = responses.get(organisation.pk)
        invited.append(
            {
                "organisation": organisation,
                "state": rounds.response_state(response),
                "response": response,
            }
        )
    submitted = sum(1 for row in invited if row["state"] == rounds.ResponseState.SUBMITTED)
    can_manage = request.user.has_perm("consultations.manage_round", consultation)
    return render(
        request,
        "consultations/rounds/round_detail.html",
        {
            "municipality": municipality,
            "round": consultation,
            "state": rounds.round_state(consultation),
            "questions": questions,
            "invited": invited,
            "submitted_count": submitted,
            "draft_count": sum(1 for row in invited if row["state"] == rounds.ResponseState.DRAFT),
            "rate": rounds.response_rate(len(invited), submitted),
            "history": history_entries(consultation),
            "can_manage": can_manage,
            "stage_message": ""
            if can_manage
            else stage_refusal_message(request.user, consultation.cycle, "manage_rounds"),
        },
    )


def question_form(
    request: HttpRequest, slug: str, pk: int, question_pk: int | None = None
) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    consultation, refusal = _managed_round(request, municipality, pk)
    if refusal:
        return refusal
    question = (
        get_object_or_404(RoundQuestion, round=consultation, pk=question_pk)
        if question_pk
        else None
    )
    form = QuestionForm(request.POST or None, question=question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data["help_text"],
            "required": data["required"],
            "choices": data["choices"],
        }
        try:
            if question is None:
                rounds.add_question(round=consultation, user=request.user, **fields)
            else:
                rounds.update_question(question=question, user=request.user, **fields)
        except DomainError as error:
            if hasattr(error, "error_dict") and "choices" in error.error_dict:
                error = DomainError({"options": error.message_dict.pop("choices")})
            apply_to_form(form, error)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("round-detail", slug=slug, pk=consultation.pk)
    return render(
        request,
        "consultations/rounds/question_form.html",
        {
            "municipality": municipality,
            "round": consultation,
            "question": question,
            "form": form,
            "has_answers": bool(question and question.answers.exists()),
            "history": history_entries(question) if question else [],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def question_delete(request: HttpRequest, slug: str, pk: int, question_pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    consultation, refusal = _managed_round(request, municipality, pk)
    if refusal:
        return refusal
    question = get_object_or_404(RoundQuestion, round=consultation, pk=question_pk)
    try:
        rounds.delete_question(question=question, user=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question was deleted."))
    return redirect("round-detail", slug=slug, pk=consultation.pk)


@require_POST
def question_move(request: HttpRequest, slug: str, pk: int, question_pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    consultation, refusal = _managed_round(request, municipality, pk)
    if refusal:
        return refusal
    question = get_object_or_404(RoundQuestion, round=consultation, pk=question_pk)
    rounds.move_question(
        question=question, user=request.user, direction=request.POST.get("direction", "")
    )
    return redirect(f"{reverse('round-detail', args=[slug, consultation.pk])}#questions")


# --- Providers ---------------------------------------------------------------------------------


def _provider_round(request, municipality, pk: int):
    """The provider's organisation and a published round it is invited to (else 404)."""
    organisation = _provider_organisation(request, municipality)
    consultation = get_object_or_404(
        ConsultationRound.objects.select_related("cycle"),
        municipality=municipality,
        pk=pk,
        published=True,
        invited=organisation,
    )
    consultation.municipality = municipality
    require(request, "consultations.view_round", consultation)
    return organisation, consultation


def provider_round_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    organisation = _provider_organisation(request, municipality)
    own = RoundResponse.objects.filter(round=OuterRef("pk"), organisation=organisation)
    items = list(
        ConsultationRound.objects.filter(
            municipality=municipality, published=True, invited=organisation
        )
        .annotate(
            response_updated_at=Subquery(own.values("updated_at")[:1]),
            response_submitted_at=Subquery(own.values("submitted_at")[:1]),
        )
        .order_by("-opens_at", "-pk")
    )
    now = timezone.now()
    for item in items:
        item.state = rounds.round_state(item, now)
        if item.response_submitted_at:
            item.response_state = rounds.ResponseState.SUBMITTED
        elif item.response_updated_at:
            item.response_state = rounds.ResponseState.DRAFT
        else:
            item.response_state = rounds.ResponseState.NOT_STARTED
    return render(
        request,
        "consultations/rounds/provider_round_list.html",
        {"municipality": municipality, "organisation": organisation, "rounds": items},
    )


def _readonly_answers(questions, answers, services, categories) -> list[dict]:
    """The organisation's answers as text, for a round that takes no answers now."""
    rows = []
    for number, question in enumerate(questions, start=1):
        answer = answers.get(question.pk)
        row = {"number": number, "question": question, "text": "", "matrix": None}
        if answer is not None:
            value = answer.value
            if question.kind == QuestionKind.TEXT:
                row["text"] = answer.text
            elif question.kind == QuestionKind.MULTIPLE:
                row["text"] = "; ".join(value or [])
            elif question.kind == QuestionKind.MATRIX:
                value = value if isinstance(value, dict) else {}
                row["matrix"] = [
                    {
                        "service": service,
                        "cells": [
                            value.get(str(service.pk), {}).get(str(category.pk))
                            for category in categories
                        ],
                    }
                    for service in services
                ]
            else:
                row["text"] = "" if value is None else str(value)
        rows.append(row)
    return rows


def _respond_page(
    request,
    municipality,
    organisation,
    consultation,
    *,
    form=None,
    attachment_form=None,
    blocked_post: str = "",
    status: int = 200,
):
    now = timezone.now()
    response = (
        RoundResponse.objects.filter(round=consultation, organisation=organisation)
        .select_related("submitted_by")
        .first()
    )
    answers = {a.question_id: a for a in response.answers.all()} if response else {}
    questions = list(consultation.questions.all())
    has_matrix = any(q.kind == QuestionKind.MATRIX for q in questions)
    services, categories = (
        rounds.matrix_axes(consultation, organisation) if has_matrix else ([], [])
    )
    is_open = consultation.is_open(now) and request.user.has_perm(
        "consultations.respond_to_round", consultation
    )
    blocked = rounds.blocked_message(consultation, now)
    if not is_open and not blocked:
        blocked = stage_refusal_message(request.user, consultation.cycle, "respond_to_round")
    if is_open and form is None:
        form = ResponseForm(
            questions=questions, services=services, categories=categories, answers=answers
        )
    attachments = list(response.attachments.all()) if response else []
    context = {
        "municipality": municipality,
        "organisation": organisation,
        "round": consultation,
        "state": rounds.round_state(consultation, now),
        "is_open": is_open,
        "blocked": blocked,
        "blocked_post": blocked_post,
        "response": response,
        "response_state": rounds.response_state(response),
        "questions": questions,
        "blocks": form.blocks() if form is not None and is_open else [],
        "form": form,
        "readonly": [] if is_open else _readonly_answers(questions, answers, services, categories),
        "services": services,
        "categories": categories,
        "matrix_possible": bool(services and categories),
        "attachments": attachments,
        "attachment_form": attachment_form or AttachmentForm(),
        "can_attach": is_open
        and (
            len(attachments) < MAX_ATTACHMENTS_PER_RESPONSE
            or (attachment_form is not None and attachment_form.errors)
        ),
        "max_attachments": MAX_ATTACHMENTS_PER_RESPONSE,
        "max_bytes": max_bytes(),
        "deadline": rounds.local(consultation.closes_at),
    }
    return render(request, "consultations/rounds/provider_respond.html", context, status=status)


def _refused(request, municipality, organisation, consultation) -> HttpResponse:
    """The respond page saying why the round takes no answer now: its dates (400), or the cycle's
    stage, which does not let providers respond (403, naming the stages that do)."""
    if message := rounds.blocked_message(consultation):
        status = 400
    else:
        message = stage_refusal_message(request.user, consultation.cycle, "respond_to_round")
        status = 403
    return _respond_page(
        request, municipality, organisation, consultation, blocked_post=message, status=status
    )


def provider_round_respond(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    organisation, consultation = _provider_round(request, municipality, pk)
    if request.method != "POST":
        return _respond_page(request, municipality, organisation, consultation)
    if not request.user.has_perm("consultations.respond_to_round", consultation):
        return _refused(request, municipality, organisation, consultation)
    questions = list(consultation.questions.all())
    services, categories = rounds.matrix_axes(consultation, organisation)
    form = ResponseForm(request.POST, questions=questions, services=services, categories=categories)
    submit = request.POST.get("action") == "submit"
    if form.is_valid():
        try:
            saved = rounds.save_response(
                round=consultation,
                organisation=organisation,
                user=request.user,
                answers=form.answers(),
                submit=submit,
            )
        except rounds.MissingAnswers as error:
            form.add_error(None, error.messages)
            for question in error.questions:
                form.add_question_error(question, _("Answer this question before submitting."))
        except DomainError as error:
            apply_to_form(form, error)
        else:
            if submit:
                messages.success(
                    request,
                    _(
                        "Your response was submitted on %(when)s; a receipt is on its way by "
                        "e-mail. You can still change it and submit it again until %(deadline)s."
                    )
                    % {
                        "when": rounds.local(saved.submitted_at),
                        "deadline": rounds.local(consultation.closes_at),
                    },
                )
            else:
                messages.success(
                    request,
                    _(
                        "Your draft was saved. It is not a response until you submit it, "
                        "before %(deadline)s."
                    )
                    % {"deadline": rounds.local(consultation.closes_at)},
                )
            return redirect("provider-round-respond", slug=slug, pk=consultation.pk)
    return _respond_page(request, municipality, organisation, consultation, form=form, status=400)


@require_POST
def provider_round_attachment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    organisation, consultation = _provider_round(request, municipality, pk)
    if not request.user.has_perm("consultations.respond_to_round", consultation):
        return _refused(request, municipality, organisation, consultation)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = rounds.add_attachment(
                round=consultation,
                organisation=organisation,
                user=request.user,
                uploaded=form.cleaned_data["file"],
            )
        except DomainError as error:
            form.add_error("file", error.messages)
        else:
            messages.success(
                request, _("“%(name)s” was attached.") % {"name": attachment.original_name}
            )
            return redirect(
                f"{reverse('provider-round-respond', args=[slug, consultation.pk])}#attachments"
            )
    return _respond_page(
        request, municipality, organisation, consultation, attachment_form=form, status=400
    )


@require_POST
def provider_round_attachment_delete(
    request: HttpRequest, slug: str, pk: int, attachment_pk: int
) -> HttpResponse:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    organisation, consultation = _provider_round(request, municipality, pk)
    attachment = get_object_or_404(
        Attachment,
        pk=attachment_pk,
        response__round=consultation,
        response__organisation=organisation,
    )
    if not request.user.has_perm("consultations.respond_to_round", consultation):
        return _refused(request, municipality, organisation, consultation)
    try:
        rounds.delete_attachment(
            attachment=attachment, organisation=organisation, user=request.user
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” was removed.") % {"name": attachment.original_name})
    return redirect(
        f"{reverse('provider-round-respond', args=[slug, consultation.pk])}#attachments"
    )


def round_attachment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Download an attachment: members of the organisation that attached it, and staff of the
    municipality once the response is submitted (a draft stays the organisation's own)."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    attachment = get_object_or_404(
        Attachment.objects.select_related("response"),
        pk=pk,
        response__round__municipality=municipality,
    )
    response = attachment.response
    is_member = provider_organisation_id(request.user, municipality.pk) == (
        response.organisation_id
    )
    is_staff = request.user.has_perm("core.view_dashboard", municipality)
    if not (is_member or (is_staff and response.is_submitted)):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError, ValueError) as error:
        raise Http404 from error
    download = FileResponse(
        handle,
        as_attachment=True,
        filename=os.path.basename(attachment.original_name) or "anexa",
        content_type=attachment.content_type or "application/octet-stream",
    )
    download["X-Content-Type-Options"] = "nosniff"
    download["Cache-Control"] = "private, no-store"
    return download
