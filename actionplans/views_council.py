"""The council secretary records the council's vote (HCL) on a plan submitted to it.

The plan is fetched through the municipality of the URL (a foreign id gives 404). Staff of the
municipality, and the secretary on a plan that is not waiting for a vote, get a 403 page that
says why; anyone else a plain 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from actionplans import voting
from actionplans.forms_council import CouncilVoteForm
from actionplans.models import ActionPlan, CouncilVote
from actionplans.predicates import is_council_secretary, manages_plan_municipality
from core.access import get_municipality, login_redirect
from core.exceptions import DomainError, apply_to_form


def _plan(municipality, pk: int) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.select_related("cycle", "municipality"),
        municipality=municipality,
        pk=pk,
    )


def _refusal(request, plan: ActionPlan) -> HttpResponse:
    """403 with the reason for the municipality's staff and its council secretary."""
    user = request.user
    if is_council_secretary(user, plan):
        message = _(
            "This plan is not waiting for the council's vote: it is %(status)s. The vote can be "
            "recorded once staff submit the plan to the council."
        ) % {"status": plan.get_status_display()}
    elif manages_plan_municipality(user, plan):
        message = _(
            "Only the council secretary (secretarul general) records the council's vote on the "
            "plan, from the decision (HCL) the council adopted."
        )
    else:
        raise PermissionDenied
    return render(
        request,
        "actionplans/council/vote_refused.html",
        {"municipality": plan.municipality, "plan": plan, "message": message},
        status=403,
    )


def _votes(plan: ActionPlan) -> list[dict]:
    return [
        {"vote": vote, **voting.vote_outcome(vote)}
        for vote in plan.votes.order_by("-decision_date", "-pk")
    ]


def _recorded(request, plan: ActionPlan) -> HttpResponse | None:
    """The summary of the vote this secretary just recorded (after the redirect)."""
    raw = request.GET.get("recorded", "")
    if not raw.isdigit() or not is_council_secretary(request.user, plan):
        return None
    vote = CouncilVote.objects.filter(plan=plan, pk=int(raw), recorded_by=request.user).first()
    if vote is None:
        return None
    return render(
        request,
        "actionplans/council/vote_recorded.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "vote": vote,
            "outcome": voting.vote_outcome(vote),
            "votes": _votes(plan),
            "can_view_plan": request.user.has_perm("actionplans.view_plan", plan),
        },
    )


def plan_vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET the form (or the summary of the vote just recorded); POST record the vote."""
    if not request.user.is_authenticated:
        return login_redirect(request)
    plan = _plan(get_municipality(slug), pk)
    if request.method == "GET":
        summary = _recorded(request, plan)
        if summary is not None:
            return summary
    if not request.user.has_perm("actionplans.record_vote", plan):
        return _refusal(request, plan)
    form = CouncilVoteForm(request.POST or None, plan=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            vote = voting.record_vote(plan=plan, data=form.cleaned_data, user=request.user)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            url = reverse("plan-vote", kwargs={"slug": slug, "pk": plan.pk})
            return redirect(f"{url}?recorded={vote.pk}")
    return render(
        request,
        "actionplans/council/vote_form.html",
        {
            "municipality": plan.municipality,
            "plan": plan,
            "form": form,
            "votes": _votes(plan),
            "majority_help": CouncilVoteForm.Meta.help_texts["majority"],
        },
        status=400 if form.is_bound and form.errors else 200,
    )
