"""Staff prepare a draft council decision (proiect de hotărâre) and submit it with its dossier;
the council secretary records the council's vote on it.

Every decision is fetched through the municipality of the URL (a foreign id gives 404). A user
who may see a decision but not do what they asked gets a 403 page that says why; anyone else a
plain 403. The writes live in ``actionplans.council``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans import council, council_texts, dossier, voting
from actionplans.forms_council import CouncilVoteForm
from actionplans.forms_decisions import DecisionCreateForm, DecisionForm, OpinionForm
from actionplans.models import ActionPlan, CouncilVote, DecisionKind, DraftDecision, Opinion
from actionplans.predicates import is_council_secretary, manages_plan_municipality
from core.access import get_municipality, login_or_403, login_redirect, require
from core.exceptions import DomainError, apply_to_form
from core.history import history_entries
from core.models import StrategyCycle

# --- Fetching and refusing -----------------------------------------------------------------------


def _get_decision(municipality, pk) -> DraftDecision:
    return get_object_or_404(
        DraftDecision.objects.select_related(
            "municipality", "cycle", "plan", "strategy_version__strategy", "submitted_by"
        ),
        municipality=municipality,
        pk=pk,
    )


def _refused(request, decision, message, status=403) -> HttpResponse:
    return render(
        request,
        "actionplans/decisions/refused.html",
        {"municipality": decision.municipality, "decision": decision, "message": message},
        status=status,
    )


def _viewable(request, slug, pk) -> tuple[DraftDecision | None, HttpResponse | None]:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return None, login_redirect(request)
    decision = _get_decision(municipality, pk)
    require(request, "actionplans.view_decision", decision)
    return decision, None


def refusal_message(decision: DraftDecision) -> str:
    """Why the draft cannot be changed or submitted now."""
    if decision.status == DraftDecision.Status.SUBMITTED:
        return _(
            "The draft decision was submitted to the council and cannot be changed; withdraw it "
            "first if it needs changes."
        )
    if decision.status == DraftDecision.Status.ADOPTED:
        return _("The council adopted this decision; it can no longer be changed.")
    return _(
        "Draft council decisions are prepared in the stages %(stages)s; the cycle is now in the "
        "stage “%(stage)s”."
    ) % {"stages": council.stages_preparing(), "stage": decision.cycle.stage.label}


def _for(request, slug, pk, perm):
    decision, refusal = _viewable(request, slug, pk)
    if refusal:
        return None, refusal
    if not request.user.has_perm(perm, decision):
        return None, _refused(request, decision, refusal_message(decision))
    return decision, None


def _versions(cycle):
    from strategy.models import StrategyVersion

    return StrategyVersion.objects.filter(strategy__cycle=cycle).order_by("-number")


# --- The list and a new draft --------------------------------------------------------------------


def decision_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The municipality's draft decisions, newest first, with their state and dossier."""
    municipality = get_municipality(slug)
    if (response := login_or_403(request, "actionplans.list_decisions", municipality)) is not None:
        return response
    decisions = DraftDecision.objects.filter(municipality=municipality).select_related(
        "plan", "strategy_version", "cycle", "municipality"
    )
    if not manages_plan_municipality(request.user, municipality):
        decisions = decisions.before_council()
    decisions = list(decisions)
    dossiers = dossier.dossiers_for(decisions)
    for decision in decisions:
        decision.dossier_info = dossiers.get(decision.pk) or dossier.NO_DOSSIER
        decision.list_title = council_texts.list_title(decision)
    cycle = StrategyCycle.objects.current_for(municipality)
    return render(
        request,
        "actionplans/decisions/decision_list.html",
        {
            "municipality": municipality,
            "decisions": decisions,
            "cycle": cycle,
            "can_add": cycle is not None
            and request.user.has_perm("actionplans.add_decision", cycle),
            "can_edit_templates": request.user.has_perm(
                "actionplans.manage_decision_templates", municipality
            ),
            "stages": council.stages_preparing(),
        },
    )


def decision_create(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_municipality(slug)
    if (response := login_or_403(request, "actionplans.list_decisions", municipality)) is not None:
        return response
    cycle = StrategyCycle.objects.current_for(municipality)
    if cycle is None or not request.user.has_perm("actionplans.add_decision", cycle):
        if not manages_plan_municipality(request.user, municipality):
            raise PermissionDenied
        stage = cycle.stage.label if cycle else "—"
        return render(
            request,
            "actionplans/decisions/refused.html",
            {
                "municipality": municipality,
                "message": _(
                    "Draft council decisions are prepared in the stages %(stages)s; the cycle is "
                    "now in the stage “%(stage)s”."
                )
                % {"stages": council.stages_preparing(), "stage": stage},
            },
            status=403,
        )
    plans = (
        ActionPlan.objects.filter(cycle=cycle, status=ActionPlan.Status.DRAFT)
        .exclude(draft_decisions__status__in=["draft", "submitted"])
        .order_by("year")
    )
    strategy_done = council.adopted_strategy_decision(cycle) is not None
    initial = {
        "kind": DecisionKind.PLAN if strategy_done else DecisionKind.STRATEGY,
        "initiator": _("Mayor"),
    }
    if request.GET.get("plan", "").isdigit():
        initial["plan"] = int(request.GET["plan"])
    versions = _versions(cycle)
    form = DecisionCreateForm(request.POST or None, initial=initial, plans=plans, versions=versions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = council.create_decision(
                cycle=cycle,
                kind=data["kind"],
                plan=data["plan"],
                strategy_version=data.get("strategy_version"),
                initiator=data["initiator"],
                user=request.user,
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "The draft decision was started from the municipality's templates: check its "
                    "texts, register the referat and the raport, then make the dossier."
                ),
            )
            return redirect(decision.get_absolute_url())
    return render(
        request,
        "actionplans/decisions/decision_create.html",
        {
            "municipality": municipality,
            "cycle": cycle,
            "form": form,
            "strategy_done": strategy_done,
            "no_plans": not plans.exists(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- One draft decision --------------------------------------------------------------------------


def _council_notes(decision: DraftDecision, votes: list) -> CouncilVote | None:
    """The council's last vote when it did not adopt the draft (shown to staff)."""
    if decision.status != DraftDecision.Status.DRAFT or not votes:
        return None
    last = votes[0]
    return None if last.adopted else last


def decision_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision, refusal = _viewable(request, slug, pk)
    if refusal:
        return refusal
    user = request.user
    votes = list(decision.votes.select_related("recorded_by").order_by("-decision_date", "-pk"))
    texts = council_texts.rendered(decision)
    manages = manages_plan_municipality(user, decision.municipality)
    can_change = user.has_perm("actionplans.change_decision", decision)
    dossier_status = dossier.dossier_status(decision)
    checks = (
        council.submission_checks(decision, dossier_status) if manages and decision.is_draft else []
    )
    return render(
        request,
        "actionplans/decisions/decision_detail.html",
        {
            "municipality": decision.municipality,
            "decision": decision,
            "texts": texts,
            "preamble": council_texts.lines(texts["preamble"]),
            "legal_basis": council_texts.lines(texts["legal_basis"]),
            "articles": council_texts.paragraphs(texts["articles"]),
            "opinions": list(decision.opinions.all()),
            "opinion_form": OpinionForm() if manages and decision.status != "adopted" else None,
            "votes": [{"vote": vote, **voting.vote_outcome(vote)} for vote in votes],
            "adopting_vote": next((vote for vote in votes if vote.adopted), None),
            "council_notes": _council_notes(decision, votes),
            "dossier": dossier_status,
            "checks": checks,
            "ready": all(done for _label, done, _detail in checks),
            "manages": manages,
            "can_change": can_change,
            "can_make_dossier": manages and decision.status != DraftDecision.Status.ADOPTED,
            "can_submit": user.has_perm("actionplans.submit_decision", decision),
            "can_withdraw": user.has_perm("actionplans.withdraw_decision", decision),
            "can_vote": user.has_perm("actionplans.record_decision_vote", decision),
            "can_view_plan": user.has_perm("actionplans.view_plan", decision.plan),
            "what": voting.what_it_adopts(decision),
        },
    )


def decision_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision, refusal = _for(request, slug, pk, "actionplans.change_decision")
    if refusal:
        return refusal
    versions = _versions(decision.cycle)
    form = DecisionForm(request.POST or None, instance=decision, versions=versions)
    if request.method == "POST":
        if "restore" in request.POST:
            council.restore_texts(decision=decision, user=request.user)
            messages.success(request, _("The texts were started again from the templates."))
            return redirect(reverse("decision-update", args=[slug, decision.pk]))
        if form.is_valid():
            try:
                council.update_decision(
                    decision=decision, data=form.cleaned_data, user=request.user
                )
            except DomainError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("The draft decision was saved."))
                return redirect(decision.get_absolute_url())
    return render(
        request,
        "actionplans/decisions/decision_form.html",
        {
            "municipality": decision.municipality,
            "decision": decision,
            "form": form,
            "placeholders": [
                {"name": name, "description": description, "value": value}
                for (name, description), value in zip(
                    council_texts.PLACEHOLDERS.items(),
                    _placeholder_values(decision),
                    strict=True,
                )
            ],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _placeholder_values(decision: DraftDecision) -> list[str]:
    context = council_texts.text_context(decision)
    return [context.get(name, "") for name in council_texts.PLACEHOLDERS]


def decision_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision, refusal = _viewable(request, slug, pk)
    if refusal:
        return refusal
    return render(
        request,
        "actionplans/decisions/decision_history.html",
        {
            "municipality": decision.municipality,
            "decision": decision,
            "history": history_entries(decision),
        },
    )


# --- Opinions (avize) ----------------------------------------------------------------------------


@require_POST
def opinion_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision, refusal = _viewable(request, slug, pk)
    if refusal:
        return refusal
    if not manages_plan_municipality(request.user, decision.municipality):
        raise PermissionDenied
    form = OpinionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            council.add_opinion(
                decision=decision,
                data=form.cleaned_data,
                uploaded=form.cleaned_data.get("file"),
                user=request.user,
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The opinion was recorded."))
            return redirect(f"{decision.get_absolute_url()}#opinions")
    return render(
        request,
        "actionplans/decisions/opinion_form.html",
        {"municipality": decision.municipality, "decision": decision, "form": form},
        status=400,
    )


def _opinion(decision, opinion_pk) -> Opinion:
    return get_object_or_404(Opinion.objects.filter(decision=decision), pk=opinion_pk)


@require_POST
def opinion_delete(request: HttpRequest, slug: str, pk: int, opinion_pk: int) -> HttpResponse:
    decision, refusal = _viewable(request, slug, pk)
    if refusal:
        return refusal
    if not manages_plan_municipality(request.user, decision.municipality):
        raise PermissionDenied
    opinion = _opinion(decision, opinion_pk)
    try:
        council.delete_opinion(opinion=opinion, user=request.user)
    except DomainError as error:
        return _refused(request, decision, " ".join(error.messages))
    messages.success(request, _("The opinion was removed."))
    return redirect(f"{decision.get_absolute_url()}#opinions")


def opinion_download(request: HttpRequest, slug: str, pk: int, opinion_pk: int) -> HttpResponse:
    """The uploaded PDF of an opinion, for those who may download the dossier."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    decision = _get_decision(municipality, pk)
    opinion = _opinion(decision, opinion_pk)
    opinion.decision = decision
    require(request, "actionplans.download_dossier", opinion)
    if not opinion.file:
        raise Http404
    try:
        handle = opinion.file.open("rb")
    except (FileNotFoundError, ValidationError) as error:
        raise Http404 from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=opinion.filename or "aviz.pdf",
        content_type="application/pdf",
    )


# --- To the council and back ---------------------------------------------------------------------


def decision_submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET: what must hold; POST: send the draft and its dossier to the council."""
    decision, refusal = _for(request, slug, pk, "actionplans.submit_decision")
    if refusal:
        return refusal
    errors = []
    if request.method == "POST":
        try:
            council.submit_decision(decision=decision, user=request.user)
        except DomainError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _(
                    "The draft decision was submitted to the local council; the council secretary "
                    "was told by e-mail."
                ),
            )
            return redirect(decision.get_absolute_url())
    checks = council.submission_checks(decision)
    return render(
        request,
        "actionplans/decisions/decision_submit.html",
        {
            "municipality": decision.municipality,
            "decision": decision,
            "checks": checks,
            "ready": all(done for _label, done, _detail in checks),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@require_POST
def decision_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    decision, refusal = _viewable(request, slug, pk)
    if refusal:
        return refusal
    if not request.user.has_perm("actionplans.withdraw_decision", decision):
        if manages_plan_municipality(request.user, decision.municipality):
            return _refused(
                request,
                decision,
                _("Only a draft decision submitted to the council and not voted can be withdrawn."),
            )
        raise PermissionDenied
    try:
        council.withdraw_decision(decision=decision, user=request.user)
    except DomainError as error:
        return _refused(request, decision, " ".join(error.messages))
    messages.success(
        request, _("The draft decision was withdrawn from the council; it can be changed again.")
    )
    return redirect(decision.get_absolute_url())


# --- The council's vote (the council secretary) --------------------------------------------------


def _vote_refusal(request, decision: DraftDecision) -> HttpResponse:
    """403 with the reason for the municipality's staff and its council secretary."""
    user = request.user
    if is_council_secretary(user, decision):
        if decision.status == DraftDecision.Status.SUBMITTED:
            message = _(
                "The council's vote is recorded in the stage “%(stage)s”; the cycle is now in the "
                "stage “%(current)s”."
            ) % {
                "stage": ", ".join(
                    str(stage.label) for stage in council.STAGES if "record_vote" in stage.allows
                ),
                "current": decision.cycle.stage.label,
            }
        else:
            message = _(
                "This draft decision is not waiting for the council's vote: it is %(status)s."
            ) % {"status": decision.get_status_display()}
    elif manages_plan_municipality(user, decision):
        message = _(
            "Only the council secretary (secretarul general) records the council's vote, from "
            "the decision (HCL) the council adopted."
        )
    else:
        raise PermissionDenied
    return _refused(request, decision, message)


def _votes(decision: DraftDecision) -> list[dict]:
    return [
        {"vote": vote, **voting.vote_outcome(vote)}
        for vote in decision.votes.order_by("-decision_date", "-pk")
    ]


def _recorded(request, decision: DraftDecision) -> HttpResponse | None:
    """The summary of the vote this secretary just recorded (after the redirect)."""
    raw = request.GET.get("recorded", "")
    if not raw.isdigit() or not is_council_secretary(request.user, decision):
        return None
    vote = CouncilVote.objects.filter(
        decision=decision, pk=int(raw), recorded_by=request.user
    ).first()
    if vote is None:
        return None
    return render(
        request,
        "actionplans/council/vote_recorded.html",
        {
            "municipality": decision.municipality,
            "decision": decision,
            "plan": decision.plan,
            "vote": vote,
            "outcome": voting.vote_outcome(vote),
            "votes": _votes(decision),
            "what": voting.what_it_adopts(decision),
        },
    )


def decision_vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET the form (or the summary of the vote just recorded); POST record the vote."""
    if not request.user.is_authenticated:
        return login_redirect(request)
    decision = _get_decision(get_municipality(slug), pk)
    if request.method == "GET":
        summary = _recorded(request, decision)
        if summary is not None:
            return summary
    if not request.user.has_perm("actionplans.record_decision_vote", decision):
        return _vote_refusal(request, decision)
    form = CouncilVoteForm(request.POST or None, decision=decision, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            vote = council.record_vote(decision=decision, data=form.cleaned_data, user=request.user)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            url = reverse("decision-vote", kwargs={"slug": slug, "pk": decision.pk})
            return redirect(f"{url}?recorded={vote.pk}")
    return render(
        request,
        "actionplans/council/vote_form.html",
        {
            "municipality": decision.municipality,
            "decision": decision,
            "plan": decision.plan,
            "form": form,
            "votes": _votes(decision),
            "dossier": dossier.dossier_status(decision),
            "what": voting.what_it_adopts(decision),
            "title": council_texts.list_title(decision),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- The dossier ---------------------------------------------------------------------------------


@require_POST
def decision_dossier(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask for the dossier as the draft is now (the same file again if nothing changed), then
    follow it on the waiting page."""
    decision, refusal = _viewable(request, slug, pk)
    if refusal:
        return refusal
    if not manages_plan_municipality(request.user, decision.municipality):
        raise PermissionDenied
    try:
        file = dossier.request_dossier(decision=decision, user=request.user)
    except DomainError as error:
        return _refused(request, decision, " ".join(error.messages))
    return redirect(file.get_absolute_url())


# --- The council secretary's workspace -----------------------------------------------------------


def council_workspace(request: HttpRequest, slug: str) -> HttpResponse:
    """What went to the council: the drafts waiting for its vote with their dossier and checksum,
    and the register of the decisions (HCL) it adopted. A constant number of queries."""
    municipality = get_municipality(slug)
    if (response := login_or_403(request, "actionplans.list_decisions", municipality)) is not None:
        return response
    decisions = list(
        DraftDecision.objects.filter(municipality=municipality)
        .before_council()
        .select_related("plan", "cycle", "strategy_version", "submitted_by", "municipality")
        .order_by("-submitted_at", "-pk")
    )
    dossiers = dossier.dossiers_for(decisions)
    votes_of: dict[int, list] = {}
    for vote in CouncilVote.objects.filter(decision__municipality=municipality).order_by(
        "-decision_date", "-pk"
    ):
        votes_of.setdefault(vote.decision_id, []).append(vote)
    waiting, register = [], []
    for decision in decisions:
        decision.dossier_info = dossiers.get(decision.pk) or dossier.NO_DOSSIER
        decision.what = voting.what_it_adopts(decision)
        decision.list_title = council_texts.list_title(decision)
        decision.vote_list = votes_of.get(decision.pk, [])
        if decision.status == DraftDecision.Status.SUBMITTED:
            decision.can_vote = request.user.has_perm("actionplans.record_decision_vote", decision)
            waiting.append(decision)
    for vote in (
        CouncilVote.objects.filter(decision__municipality=municipality, adopted=True)
        .select_related("decision__plan", "decision__cycle", "decision__strategy_version")
        .order_by("-decision_date", "-pk")
    ):
        vote.what = voting.what_it_adopts(vote.decision)
        register.append(vote)
    return render(
        request,
        "actionplans/decisions/council_workspace.html",
        {
            "municipality": municipality,
            "waiting": waiting,
            "register": register,
            "is_secretary": is_council_secretary(request.user, municipality),
        },
    )
