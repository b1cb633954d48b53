"""Staff side of the public consultation: answer every recommendation, schedule the public
debates, and make the consultation report (PDF / XLSX through the stored-file pattern)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import get_municipality, login_or_403, require
from core.exceptions import DomainError
from core.generated import create_generated_file
from core.history import history_entries
from core.models import GeneratedFile
from core.stages import STAGES
from strategy import answering
from strategy.document import labels
from strategy.forms_answers import AnswerFilterForm, AnswerForm, DebateForm, ReportForm
from strategy.models import Comment, Debate, PublicConsultation
from strategy.report import KIND as REPORT_KIND
from strategy.tasks import render_consultation_report

PAGE_SIZE = 25
ANSWER_STAGE = next(s for s in STAGES if "answer_recommendations" in s.allows)


def _consultation(request, slug: str, pk: int, perm: str = "strategy.view_strategy"):
    """(consultation, None) for a manager of this municipality, else (None, response)."""
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return None, response
    consultation = get_object_or_404(
        PublicConsultation.objects.select_related("municipality", "version__strategy__cycle"),
        municipality=municipality,
        pk=pk,
    )
    require(request, perm, consultation)
    return consultation, None


def _stage_forbidden(request, consultation) -> HttpResponse:
    """403 for staff blocked only by the stage, saying which stage allows answering."""
    return render(
        request,
        "strategy/answers/stage_forbidden.html",
        {
            "municipality": consultation.municipality,
            "consultation": consultation,
            "stage": ANSWER_STAGE,
            "current_stage": consultation.cycle.stage,
        },
        status=403,
    )


def _answers_url(consultation, query: str = "", anchor: str = "") -> str:
    url = reverse("consultation-answers", args=[consultation.municipality.slug, consultation.pk])
    if query:
        # Rebuilt from parsed pairs, so only a query string can come back from the form.
        url += "?" + QueryDict(query).urlencode()
    return url + (f"#{anchor}" if anchor else "")


def _known_parts(consultation) -> dict[tuple[str, int], str]:
    """(kind, id) → "OS1.2 title" for the parts of the consulted version."""
    snapshot = consultation.version.snapshot
    return labels(snapshot) if snapshot else {}


def _answer_form(comment, versions, data=None) -> AnswerForm:
    return AnswerForm(
        data,
        prefix=f"c{comment.pk}",
        versions=versions,
        initial={
            "answer": comment.answer or None,
            "reason": comment.answer_reason,
            "resulting_version": comment.resulting_version_id or "",
        },
    )


def _comments(consultation):
    return consultation.comments.select_related(
        "author", "answered_by", "hidden_by", "resulting_version"
    ).order_by("created_at", "pk")


def _answers_context(request, consultation, report_form=None) -> dict:
    known = _known_parts(consultation)
    parts = [(f"{kind}:{pk}", label) for (kind, pk), label in known.items()]
    filters = AnswerFilterForm(request.GET or None, parts=parts)
    comments = filters.apply(_comments(consultation))
    page = Paginator(comments, PAGE_SIZE).get_page(request.GET.get("page"))
    versions = list(answering.later_versions(consultation))
    can_answer = request.user.has_perm("strategy.answer_comment", consultation)
    rows = list(page.object_list)
    for comment in rows:
        comment.part_label = _part_label(comment, known)
        comment.form = _answer_form(comment, versions) if can_answer else None
    query = request.GET.copy()
    query.pop("page", None)
    requests = list(consultation.debate_requests.select_related("requested_by"))
    debates = list(consultation.debates.all())
    return {
        "municipality": consultation.municipality,
        "consultation": consultation,
        "strategy": consultation.version.strategy,
        "filters": filters,
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "comments": rows,
        "answer_counts": answering.answer_counts(consultation.comments.all()),
        "query": query.urlencode(),
        "can_answer": can_answer,
        "answer_stage": ANSWER_STAGE,
        "can_manage_debates": request.user.has_perm("strategy.manage_debate", consultation),
        "debate_requests": requests,
        "pending_requests": answering.pending_debate_requests(consultation, requests, debates),
        "debates": debates,
        "notice_days": answering.debate_notice_days(),
        "report_form": report_form or ReportForm(initial={"format": "pdf"}),
        "reports": GeneratedFile.objects.filter(
            municipality=consultation.municipality,
            kind=REPORT_KIND,
            params__consultation=consultation.pk,
        ).select_related("created_by")[:5],
    }


def _part_label(comment: Comment, known: dict) -> str:
    if comment.target == Comment.Target.DOCUMENT:
        return str(Comment.Target.DOCUMENT.label)
    return (
        comment.target_label
        or known.get((comment.target, comment.target_id))
        or str(comment.get_target_display())
    )


def consultation_answers(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Every recommendation of the consultation, filterable, each with its answer form."""
    consultation, response = _consultation(request, slug, pk)
    if response:
        return response
    return render(
        request,
        "strategy/answers/answers.html",
        _answers_context(request, consultation),
    )


@require_POST
def comment_answer(request: HttpRequest, slug: str, pk: int, comment_pk: int) -> HttpResponse:
    """Answer one recommendation: htmx gets the row back, others a redirect (400 with errors)."""
    consultation, response = _consultation(request, slug, pk)
    if response:
        return response
    comment = get_object_or_404(
        Comment.objects.select_related("author", "answered_by", "hidden_by", "resulting_version"),
        consultation=consultation,
        pk=comment_pk,
    )
    if not request.user.has_perm("strategy.answer_comment", consultation):
        return _stage_forbidden(request, consultation)
    versions = list(answering.later_versions(consultation))
    form = _answer_form(comment, versions, data=request.POST)
    query = request.POST.get("query", "")
    if form.is_valid():
        try:
            comment = answering.answer_comment(
                comment=comment,
                answer=form.cleaned_data["answer"],
                reason=form.cleaned_data["reason"],
                resulting_version=form.cleaned_data["resulting_version"],
                user=request.user,
            )
        except DomainError as error:
            form.add_error(None, error)
    if form.is_valid():
        if not request.htmx:
            messages.success(request, _("The answer was saved."))
            return redirect(_answers_url(consultation, query, f"comment-{comment.pk}"))
        comment = Comment.objects.select_related(
            "author", "answered_by", "hidden_by", "resulting_version"
        ).get(pk=comment.pk)
        form = _answer_form(comment, versions)
        saved = True
    else:
        saved = False
    comment.part_label = _part_label(comment, _known_parts(consultation))
    comment.form = form
    context = {
        "municipality": consultation.municipality,
        "consultation": consultation,
        "comment": comment,
        "can_answer": True,
        "saved": saved,
        "query": query,
    }
    status = 200 if saved else 400
    if request.htmx:
        return render(request, "strategy/answers/comment_row.html", context, status=status)
    return render(request, "strategy/answers/answer_form.html", context, status=status)


def debate_form(
    request: HttpRequest, slug: str, pk: int, debate_pk: int | None = None
) -> HttpResponse:
    """Schedule a public debate (or change it, add its minutes) within its notice period."""
    consultation, response = _consultation(request, slug, pk, perm="strategy.manage_debate")
    if response:
        return response
    debate = (
        get_object_or_404(Debate, consultation=consultation, pk=debate_pk) if debate_pk else None
    )
    form = DebateForm(
        request.POST or None,
        instance=debate,
        consultation=consultation,
        initial=None if debate else {"announced_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            debate = answering.schedule_debate(
                consultation=consultation,
                user=request.user,
                debate=debate,
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The public debate was saved."))
            return redirect(_answers_url(consultation, anchor="debates"))
    return render(
        request,
        "strategy/answers/debate_form.html",
        {
            "municipality": consultation.municipality,
            "consultation": consultation,
            "form": form,
            "object": debate,
            "notice_days": answering.debate_notice_days(),
            "pending_requests": answering.pending_debate_requests(consultation),
            "history": history_entries(debate) if debate else [],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def consultation_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask for the report: a GeneratedFile row now, the task after the commit, then its page."""
    consultation, response = _consultation(request, slug, pk)
    if response:
        return response
    form = ReportForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "strategy/answers/answers.html",
            _answers_context(request, consultation, report_form=form),
            status=400,
        )
    file = create_generated_file(
        municipality=consultation.municipality,
        kind=REPORT_KIND,
        params={"consultation": consultation.pk, "format": form.cleaned_data["format"]},
        user=request.user,
        task=render_consultation_report,
    )
    return redirect("generated-file", slug=slug, pk=file.pk)
