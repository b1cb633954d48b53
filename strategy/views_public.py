"""The public side of the consultation on the draft: read it, comment on a part, ask for a
debate, follow what became of one's recommendations; staff hide a comment with a reason."""

import nh3
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import get_municipality, login_or_403
from core.exceptions import DomainError
from core.history import history_entries
from core.models import Membership, Role
from core.predicates import roles_in
from core.stages import get_stage
from strategy import commenting
from strategy.forms_public import CommentForm, DebateRequestForm, HideCommentForm
from strategy.models import Comment, PublicConsultation

PART_KINDS = ("section", "objective", "specific", "indicator")


def _consultation(municipality, pk: int) -> PublicConsultation:
    return get_object_or_404(
        PublicConsultation.objects.select_related("municipality", "version__strategy__cycle"),
        municipality=municipality,
        pk=pk,
    )


def _public_url(consultation: PublicConsultation, anchor: str = "") -> str:
    url = reverse(
        "consultation-public",
        kwargs={"slug": consultation.municipality.slug, "pk": consultation.pk},
    )
    return f"{url}#{anchor}" if anchor else url


def _anchor(target: str, target_id) -> str:
    return "document" if target == Comment.Target.DOCUMENT else f"{target}-{target_id}"


def _back_to_comment(consultation, comment) -> str:
    url = reverse(
        "consultation-comments",
        kwargs={"slug": consultation.municipality.slug, "pk": consultation.pk},
    )
    query = (
        "target=document"
        if comment.target_id is None
        else f"target={comment.target}&id={comment.target_id}"
    )
    return f"{url}?{query}&page={commenting.page_of(comment)}#comment-{comment.pk}"


def _period(consultation: PublicConsultation, today) -> str:
    if today < consultation.announced_on:
        return "upcoming"
    if today > consultation.comments_until:
        return "closed"
    return "open"


def _why_not(request, consultation: PublicConsultation, action: str, perm: str) -> str:
    """Why the user may not comment (or ask for a debate); empty when they may."""
    user = request.user
    if not user.is_authenticated:
        return "login"
    if user.has_perm(perm, consultation):
        return ""
    roles = roles_in(user, consultation.municipality_id)
    if not roles:
        return "no_role"
    if not consultation.accepts_comments():
        return "period"
    stage = consultation.cycle.stage
    if not roles & stage.roles_for(action) and roles & get_stage("public_consultation").roles_for(
        action
    ):
        return "stage"
    return "role"


def _refusal_message(consultation: PublicConsultation, reason: str) -> str:
    if reason == "period":
        return commenting.period_message(consultation)
    if reason == "stage":
        return _(
            "This is possible only while the strategy cycle is at the stage “%(allowed)s”; "
            "it is now at “%(current)s”."
        ) % {
            "allowed": get_stage("public_consultation").label,
            "current": consultation.cycle.stage.label,
        }
    if reason == "no_role":
        return _("Follow this municipality (a free public account) to take part.")
    return _("Your role in this municipality does not include this.")


def _refused(request, municipality, consultation, action: str, perm: str) -> HttpResponse:
    reason = _why_not(request, consultation, action, perm)
    return render(
        request,
        "strategy/public/refused.html",
        {
            "municipality": municipality,
            "consultation": consultation,
            "reason": reason,
            "message": _refusal_message(consultation, reason),
            "public_url": _public_url(consultation),
        },
        status=403,
    )


def _decorate(tree: dict, comments_url: str, counts: dict) -> dict:
    """Give each part its visible-comment count, its comments URL and safe HTML for bodies."""

    def part(kind, node_id):
        query = "target=document" if node_id is None else f"target={kind}&id={node_id}"
        return {
            "count": counts.get((kind, node_id), 0),
            "url": f"{comments_url}?{query}",
            "container": f"comments-{kind}" + ("" if node_id is None else f"-{node_id}"),
            "value": kind if node_id is None else f"{kind}:{node_id}",
        }

    tree["comments"] = part("document", None)
    for section in tree["sections"]:
        section["comments"] = part("section", section["id"])
        section["body_html"] = mark_safe(nh3.clean(section.get("body") or ""))  # noqa: S308
    for objective in tree["objectives"]:
        objective["comments"] = part("objective", objective["id"])
        for specific in objective["specific"]:
            specific["comments"] = part("specific", specific["id"])
            for indicator in specific["indicators"]:
                indicator["comments"] = part("indicator", indicator["id"])
    return tree


def _page_context(request, municipality, consultation, form=None, debate_form=None) -> dict:
    today = timezone.localdate()
    version = consultation.version
    comments_url = reverse(
        "consultation-comments", kwargs={"slug": municipality.slug, "pk": consultation.pk}
    )
    tree = _decorate(version.snapshot, comments_url, commenting.visible_counts(consultation))
    why_not = _why_not(request, consultation, "comment_on_draft", "strategy.comment_on_draft")
    if form is None and not why_not:
        initial = {
            "stakeholder_kind": commenting.default_stakeholder_kind(request.user, municipality)
        }
        if request.GET.get("part"):
            initial["part"] = request.GET["part"]
        form = CommentForm(initial=initial, tree=tree)
    user = request.user
    return {
        "municipality": municipality,
        "consultation": consultation,
        "version": version,
        "tree": tree,
        "period": _period(consultation, today),
        "today": today,
        "debates": list(consultation.debates.all()),
        "debate_request_count": consultation.debate_requests.count(),
        "form": form,
        "why_not": why_not,
        "can_comment": not why_not,
        "public_path": _public_url(consultation),
        "why_not_message": _refusal_message(consultation, why_not) if why_not else "",
        "can_request_debate": user.has_perm("strategy.request_debate", consultation),
        "can_moderate": user.has_perm("strategy.moderate_comment", consultation),
        "max_chars": commenting.max_comment_chars(),
    }


def consultation_public(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The draft under consultation, its note, its dates and the comments per part (public)."""
    municipality = get_municipality(slug)
    consultation = _consultation(municipality, pk)
    return render(
        request,
        "strategy/public/consultation.html",
        _page_context(request, municipality, consultation),
    )


def consultation_comments(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One part's comments, oldest first, 20 a page: an htmx fragment or a whole page."""
    municipality = get_municipality(slug)
    consultation = _consultation(municipality, pk)
    target = request.GET.get("target") or Comment.Target.DOCUMENT
    target_id = None
    if target != Comment.Target.DOCUMENT:
        try:
            target_id = int(request.GET.get("id", ""))
        except ValueError as error:
            raise Http404 from error
    label = commenting.target_label(consultation, target, target_id)
    if label is None:
        raise Http404
    comments = (
        Comment.objects.filter(consultation=consultation, target=target, target_id=target_id)
        .select_related("author", "resulting_version")
        .order_by("created_at", "pk")
    )
    page = Paginator(comments, commenting.PAGE_SIZE).get_page(request.GET.get("page"))
    for comment in page.object_list:
        comment.public_name = commenting.public_name(comment.author)
    comments_url = reverse(
        "consultation-comments", kwargs={"slug": municipality.slug, "pk": consultation.pk}
    )
    query = "target=document" if target_id is None else f"target={target}&id={target_id}"
    is_htmx = request.headers.get("HX-Request") == "true"
    response = render(
        request,
        "strategy/public/_comments.html" if is_htmx else "strategy/public/comments.html",
        {
            "municipality": municipality,
            "consultation": consultation,
            "label": label or Comment.Target.DOCUMENT.label,
            "page_obj": page,
            "comments": page.object_list,
            "base_url": f"{comments_url}?{query}",
            "container": f"comments-{target}" + ("" if target_id is None else f"-{target_id}"),
            "public_url": _public_url(consultation, _anchor(target, target_id)),
            "can_moderate": request.user.has_perm("strategy.moderate_comment", consultation),
            "is_htmx": is_htmx,
        },
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


def _add_domain_error(form, error: DomainError, rename: dict | None = None) -> None:
    rename = rename or {}
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            name = rename.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, " ".join(error.messages))


@require_POST
def consultation_comment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A registered person's recommendation on the whole draft or one of its parts."""
    municipality = get_municipality(slug)
    consultation = _consultation(municipality, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(_public_url(consultation, "comment-form"))
    if not request.user.has_perm("strategy.comment_on_draft", consultation):
        return _refused(
            request, municipality, consultation, "comment_on_draft", "strategy.comment_on_draft"
        )
    form = CommentForm(request.POST, tree=consultation.version.snapshot)
    if form.is_valid():
        target, target_id = form.cleaned_data["part"]
        try:
            comment = commenting.add_comment(
                consultation=consultation,
                user=request.user,
                target=target,
                target_id=target_id,
                text=form.cleaned_data["text"],
                stakeholder_kind=form.cleaned_data["stakeholder_kind"],
            )
        except DomainError as error:
            _add_domain_error(form, error, {"target": "part", "target_id": "part"})
        else:
            link = format_html(
                '<a href="{}" class="alert-link">{}</a>',
                reverse("my-comments", kwargs={"slug": municipality.slug, "pk": consultation.pk}),
                _("My recommendations"),
            )
            text = _(
                "Your recommendation was sent. Staff answer every recommendation; "
                "follow the answer under “%(link)s”."
            )
            messages.success(request, mark_safe(conditional_escape(text) % {"link": link}))
            return redirect(_back_to_comment(consultation, comment))
    context = _page_context(request, municipality, consultation, form=form)
    return render(request, "strategy/public/consultation.html", context, status=400)


def debate_request(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An association asks in writing for a public debate (Law 52/2003, art. 7(9))."""
    municipality = get_municipality(slug)
    consultation = _consultation(municipality, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("strategy.request_debate", consultation):
        return _refused(
            request, municipality, consultation, "request_public_debate", "strategy.request_debate"
        )
    initial = {}
    membership = (
        Membership.objects.filter(user=request.user, municipality=municipality, role=Role.PROVIDER)
        .select_related("organisation")
        .first()
    )
    if membership is not None:
        initial["organisation_name"] = membership.organisation.name
    form = DebateRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            commenting.request_debate(
                consultation=consultation,
                user=request.user,
                organisation_name=form.cleaned_data["organisation_name"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your request for a public debate was registered on %(date)s. The "
                    "municipality must organise the debate and announce its date and place here."
                )
                % {"date": date_format(timezone.localtime(), "j F Y, H:i")},
            )
            return redirect(_public_url(consultation, "debates"))
    return render(
        request,
        "strategy/public/debate_request.html",
        {
            "municipality": municipality,
            "consultation": consultation,
            "form": form,
            "public_url": _public_url(consultation, "debates"),
        },
        status=400 if form.errors else 200,
    )


def my_comments(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Each of the person's recommendations and what became of it."""
    municipality = get_municipality(slug)
    consultation = _consultation(municipality, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    comments = (
        Comment.objects.filter(consultation=consultation, author=request.user)
        .select_related("resulting_version")
        .order_by("created_at", "pk")
    )
    page = Paginator(comments, 50).get_page(request.GET.get("page"))
    for comment in page.object_list:
        comment.anchor_url = _public_url(consultation, _anchor(comment.target, comment.target_id))
    return render(
        request,
        "strategy/public/my_comments.html",
        {
            "municipality": municipality,
            "consultation": consultation,
            "comments": page.object_list,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "public_url": _public_url(consultation),
        },
    )


def comment_hide(request: HttpRequest, slug: str, pk: int, comment_pk: int) -> HttpResponse:
    """Staff hide a comment from the public with a reason; it is never deleted."""
    municipality = get_municipality(slug)
    consultation = _consultation(municipality, pk)
    if response := login_or_403(request, "strategy.moderate_comment", consultation):
        return response
    comment = get_object_or_404(
        Comment.objects.select_related("author"), consultation=consultation, pk=comment_pk
    )
    form = HideCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            commenting.hide_comment(
                comment=comment, user=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            _add_domain_error(form, error)
        else:
            messages.success(request, _("The recommendation is hidden; its reason is shown."))
            return redirect(_back_to_comment(consultation, comment))
    comment.public_name = commenting.public_name(comment.author)
    return render(
        request,
        "strategy/public/comment_hide.html",
        {
            "municipality": municipality,
            "consultation": consultation,
            "comment": comment,
            "form": form,
            "history": history_entries(comment),
            "back_url": _back_to_comment(consultation, comment),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def comment_unhide(request: HttpRequest, slug: str, pk: int, comment_pk: int) -> HttpResponse:
    """Staff show a hidden comment again; the history keeps when and why it was hidden."""
    municipality = get_municipality(slug)
    consultation = _consultation(municipality, pk)
    if response := login_or_403(request, "strategy.moderate_comment", consultation):
        return response
    comment = get_object_or_404(Comment, consultation=consultation, pk=comment_pk)
    try:
        commenting.unhide_comment(comment=comment, user=request.user)
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The recommendation is shown again."))
    return redirect(_back_to_comment(consultation, comment))
