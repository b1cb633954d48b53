"""The public page of a year's approved plan: what the council adopted, nothing internal.

Only an approved plan is ever shown here (a draft or a plan before the council is 404 for
everyone, staff included); with several cycles covering the year, the latest cycle's plan.
The page links to the plan's public PDF, made when the council adopted it.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from actionplans.budget import plan_data
from actionplans.models import ActionPlan, CouncilVote
from core.access import get_municipality


def approved_plan(municipality, year: int) -> ActionPlan:
    plan = (
        ActionPlan.objects.approved()
        .filter(municipality=municipality, year=year)
        .select_related("cycle", "municipality")
        .order_by("-cycle__start_year", "-cycle__pk")
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def plan_public(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    municipality = get_municipality(slug)
    plan = approved_plan(municipality, year)
    vote = (
        CouncilVote.objects.filter(decision__plan=plan, adopted=True)
        .order_by("-decision_date", "-pk")
        .only(
            "decision_id",
            "decision_number",
            "decision_date",
            "session",
            "in_office",
            "present",
            "votes_for",
            "votes_against",
            "abstentions",
        )
        .first()
    )
    # The plan's public PDF, made when the council adopted it (actionplans.publication).
    pdf_url = reverse("public-plan-pdf", args=[municipality.slug, vote.decision_id]) if vote else ""
    data = plan_data(plan)
    sections = [block for block in data["sections"] if block.rows]
    return render(
        request,
        "actionplans/public/plan_public.html",
        {
            "municipality": municipality,
            "plan": plan,
            "vote": vote,
            "pdf_url": pdf_url,
            "data": data,
            "sections": sections,
            "funded_shares": [row for row in data["shares"] if row["total"]],
            "editable": False,
        },
    )
