"""Staff review of a round's submitted responses, their tags, the XLSX export and the themes."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from beneficiaries.xlsx import workbook_bytes
from consultations import review
from consultations.forms_review import AnswerTagForm, ReviewFilterForm, ThemeForm
from consultations.models import ConsultationRound, Theme
from core.access import get_municipality, login_or_403, require
from core.exceptions import DomainError
from core.history import history_entries

PER_PAGE = 20
REVIEW_PARAMETERS = ("question", "view", "dimension", "theme", "untagged", "page")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _staff_round(request, slug: str, pk: int):
    """(municipality, round, None), or a response for who may not: login, 404 or 403."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return municipality, None, login_or_403(request, "consultations.review_round", None)
    consultation = get_object_or_404(
        ConsultationRound.objects.select_related("municipality"), municipality=municipality, pk=pk
    )
    require(request, "consultations.review_round", consultation)
    return municipality, consultation, None


def _review_query(data, *, drop=()) -> str:
    """The review's own parameters of `data`, urlencoded (nothing else is carried along)."""
    query = QueryDict(mutable=True)
    for key in REVIEW_PARAMETERS:
        if key not in drop and data.get(key):
            query[key] = data.get(key)
    return query.urlencode()


def _selected_question(questions, raw):
    for question in questions:
        if str(question.pk) == raw:
            return question
    return questions[0] if questions else None


def round_review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The submitted answers to one question side by side, or all questions as a table."""
    municipality, consultation, denied = _staff_round(request, slug, pk)
    if denied:
        return denied
    questions = list(consultation.questions.all())
    table = request.GET.get("view") == "table"
    question = None if table else _selected_question(questions, request.GET.get("question"))
    groups = review.dimension_groups()
    themes = review.municipality_themes(municipality)
    filter_form = ReviewFilterForm(
        request.GET, municipality=municipality, groups=groups, themes=themes
    )
    responses = review.submitted_responses(consultation, question=question, **filter_form.filters())
    page = Paginator(responses, PER_PAGE).get_page(request.GET.get("page"))
    rows = cards = []
    if table:
        rows = review.table_rows(
            consultation, list(review.with_answers(page.object_list)), questions
        )
    elif question is not None:
        cards = list(review.with_answers(page.object_list, question=question))
        review.prepare_cards(consultation, cards, question)
    filters_query = _review_query(request.GET, drop=("question", "view", "page"))
    return render(
        request,
        "consultations/review/review.html",
        {
            "municipality": municipality,
            "round": consultation,
            "questions": questions,
            "question": question,
            "table_query": f"view=table&{filters_query}" if filters_query else "view=table",
            "cards_query": filters_query,
            "question_number": questions.index(question) + 1 if question else None,
            "table": table,
            "rows": rows,
            "cards": cards,
            "summary": review.question_summary(question) if question else None,
            "submitted_count": consultation.responses.submitted().count(),
            "filter_form": filter_form,
            "filtered": bool(filters_query),
            "groups": groups,
            "themes": themes,
            "page_obj": page,
            "query": _review_query(request.GET, drop=("page",)),
            "full_query": _review_query(request.GET),
        },
    )


@require_POST
def round_answer_tag(request: HttpRequest, slug: str, pk: int, answer_pk: int) -> HttpResponse:
    """Set an answer's tags; htmx gets the card back, a plain form the review page."""
    municipality, consultation, denied = _staff_round(request, slug, pk)
    if denied:
        return denied
    answer = review.answer_for_review(consultation, answer_pk)
    groups = review.dimension_groups()
    form = AnswerTagForm(request.POST, municipality=municipality, groups=groups)
    query = _review_query(QueryDict(request.POST.get("query", "")))
    if form.is_valid():
        try:
            review.tag_answer(
                answer=answer,
                dimensions=form.cleaned_data["dimensions"],
                themes=form.cleaned_data["themes"],
                new_theme_name=form.cleaned_data["new_theme"],
                user=request.user,
            )
        except DomainError as error:
            form.add_error(None, error)
        else:
            if not request.htmx:
                messages.success(
                    request,
                    _("The tags of %(organisation)s's answer were saved.")
                    % {"organisation": answer.response.organisation},
                )
                url = reverse("round-review", args=[slug, consultation.pk])
                return redirect(f"{url}?{query}" if query else url)
            answer = review.answer_for_review(consultation, answer_pk)
    labels = review.matrix_labels(municipality, [answer])
    context = {
        "municipality": municipality,
        "round": consultation,
        "response": answer.response,
        "answer": review.prepare_answer(answer, labels),
        "groups": groups,
        "themes": review.municipality_themes(municipality),
        "full_query": query,
        "form": form if form.errors else None,
        "saved": not form.errors,
    }
    status = 400 if form.errors else 200
    if request.htmx:
        return render(request, "consultations/review/_answer_card.html", context, status=status)
    return render(request, "consultations/review/answer_tag.html", context, status=status)


def round_export(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _municipality, consultation, denied = _staff_round(request, slug, pk)
    if denied:
        return denied
    sheets = [
        (str(title), [str(h) for h in header], rows)
        for title, header, rows in review.export_sheets(consultation)
    ]
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="consultare-{consultation.pk}.xlsx"'
    return response


# --- Themes --------------------------------------------------------------------------------


def theme_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The municipality's themes, how often each is used, and a form to add one."""
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    form = ThemeForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            theme = review.save_theme(
                theme=Theme(municipality=municipality),
                name=form.cleaned_data["name"],
                user=request.user,
            )
        except DomainError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("The theme “%(name)s” was added.") % {"name": theme})
            return redirect("theme-list", slug=slug)
    return render(
        request,
        "consultations/review/theme_list.html",
        {
            "municipality": municipality,
            "themes": review.themes_with_counts(municipality),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def theme_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    theme = get_object_or_404(Theme, municipality=municipality, pk=pk)
    form = ThemeForm(request.POST or None, instance=theme, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            review.save_theme(theme=theme, name=form.cleaned_data["name"], user=request.user)
        except DomainError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("The theme was renamed “%(name)s”.") % {"name": theme})
            return redirect("theme-list", slug=slug)
    theme.refresh_from_db()  # the form may have changed the instance's name
    return render(
        request,
        "consultations/review/theme_form.html",
        {
            "municipality": municipality,
            "theme": theme,
            "form": form,
            "history": history_entries(theme),
        },
        status=400 if form.errors else 200,
    )
