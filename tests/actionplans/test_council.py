"""The council secretary records the council's vote: the outcome is computed from the counts
and the majority, an adopted plan is approved and public, a rejected one is a draft again."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from actionplans import council, voting
from actionplans.models import ActionPlan, CouncilVote, DraftDecision
from core.exceptions import DomainError
from tests.factories import (
    ActionPlanFactory,
    BudgetLineFactory,
    DraftDecisionFactory,
    MeasureFactory,
)
from tests.matrix import ALL, Case, check, statuses

pytestmark = pytest.mark.django_db

SIMPLE, ABSOLUTE, QUALIFIED = "simple", "absolute", "qualified"


def make_plan(world, status=ActionPlan.Status.SUBMITTED, municipality=None, cycle=None):
    municipality = municipality or world.municipality
    cycle = cycle or world.cycle
    cycle.active_stage = "council_approval"
    cycle.save()
    plan = ActionPlanFactory(
        municipality=municipality,
        cycle=cycle,
        status=status,
        submitted_at=(
            timezone.now() - datetime.timedelta(days=10)
            if status != ActionPlan.Status.DRAFT
            else None
        ),
        created_by=world.users["staff"],
    )
    BudgetLineFactory(measure=MeasureFactory(plan=plan, title="Centrul de zi Ferneziu"))
    decision_status = {
        ActionPlan.Status.DRAFT: DraftDecision.Status.DRAFT,
        ActionPlan.Status.SUBMITTED: DraftDecision.Status.SUBMITTED,
        ActionPlan.Status.APPROVED: DraftDecision.Status.ADOPTED,
    }[status]
    DraftDecisionFactory(
        plan=plan,
        status=decision_status,
        submitted_at=plan.submitted_at,
        created_by=world.users["staff"],
    )
    return plan


def decision_of(plan):
    return plan.draft_decisions.latest("pk")


@pytest.fixture
def plan(world):
    return make_plan(world)


def vote_url(plan, slug=None):
    return reverse("decision-vote", args=[slug or plan.municipality.slug, decision_of(plan).pk])


def form_data(**changes):
    data = {
        "decision_number": "87/2027",
        "decision_date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "session": "ordinary",
        "majority": SIMPLE,
        "in_office": 23,
        "present": 12,
        "votes_for": 7,
        "votes_against": 3,
        "abstentions": 2,
        "notes": "Consilierul X a părăsit sala la vot.",
    }
    data.update(changes)
    return data


# --- The arithmetic of the majorities -------------------------------------------------------


@pytest.mark.parametrize(
    ("majority", "in_office", "present", "votes_for", "adopted"),
    [
        (SIMPLE, 23, 12, 7, True),  # quorum 12, more than half of 12 present
        (SIMPLE, 23, 12, 6, False),  # exactly half is not a majority
        (SIMPLE, 21, 11, 6, True),
        (SIMPLE, 23, 11, 11, False),  # no quorum, whatever the votes
        (ABSOLUTE, 23, 12, 11, False),  # more than half of 23 in office: 12
        (ABSOLUTE, 23, 12, 12, True),
        (ABSOLUTE, 20, 20, 10, False),
        (ABSOLUTE, 20, 20, 11, True),
        (QUALIFIED, 23, 23, 15, False),  # two-thirds of 23: 15.33, so 16
        (QUALIFIED, 23, 20, 16, True),
        (QUALIFIED, 27, 20, 18, True),  # exactly two-thirds
        (QUALIFIED, 27, 20, 17, False),
    ],
)
def test_the_outcome_follows_the_majority_required(
    majority, in_office, present, votes_for, adopted
):
    counts = {
        "majority": majority,
        "in_office": in_office,
        "present": present,
        "votes_for": votes_for,
    }
    assert voting.outcome(counts)["adopted"] is adopted
    vote = CouncilVote(
        majority=majority,
        in_office=in_office,
        present=present,
        votes_for=votes_for,
        votes_against=0,
        abstentions=0,
    )
    assert vote.compute_adopted() is adopted


# --- Recording the vote ---------------------------------------------------------------------


def test_an_adopted_vote_approves_the_plan_and_publishes_it(
    world, plan, as_user, django_capture_on_commit_callbacks
):
    staff = world.users["staff"]
    assert staff.has_perm("actionplans.change_plan", plan) is False  # submitted: frozen already
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user("secretary").post(vote_url(plan), form_data())
    vote = CouncilVote.objects.get(decision__plan=plan)
    assert response.status_code == 302
    assert response["Location"] == f"{vote_url(plan)}?recorded={vote.pk}"
    assert vote.adopted and vote.recorded_by == world.users["secretary"]
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.APPROVED
    assert not staff.has_perm("actionplans.change_plan", plan)
    assert not world.users["secretary"].has_perm(
        "actionplans.record_decision_vote", decision_of(plan)
    )
    assert plan.history.first().history_user == world.users["secretary"]

    summary = as_user("secretary").get(response["Location"])
    assert summary.status_code == 200
    text = summary.content.decode()
    assert "87/2027" in text and plan.get_public_url() in text
    assert summary.context["outcome"] == {
        "quorum": 12,
        "quorum_met": True,
        "needed": 7,
        "adopted": True,
    }

    public = as_user("anonymous").get(plan.get_public_url())
    assert public.status_code == 200 and "87/2027" in public.content.decode()

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([staff.email, world.users["administrator"].email])
    assert "87/2027" in mail.outbox[0].body


def test_a_rejected_vote_sends_the_plan_back_to_draft_and_stays_in_history(
    world, plan, as_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user("secretary").post(
            vote_url(plan),
            form_data(decision_number="", votes_for=5, votes_against=6, abstentions=1),
        )
    assert response.status_code == 302
    vote = CouncilVote.objects.get(decision__plan=plan)
    assert not vote.adopted
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT and plan.submitted_at is None
    assert world.users["staff"].has_perm("actionplans.change_plan", plan)
    assert as_user("anonymous").get(plan.get_public_url()).status_code == 404
    assert len(mail.outbox) == 2
    assert "nu a adoptat" in mail.outbox[0].subject  # staff are written to in Romanian

    # Resubmitted, the earlier vote is listed on the vote page.
    ActionPlan.objects.filter(pk=plan.pk).update(
        status=ActionPlan.Status.SUBMITTED, submitted_at=timezone.now() - datetime.timedelta(days=1)
    )
    DraftDecision.objects.filter(plan=plan).update(
        status=DraftDecision.Status.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=1),
    )
    page = as_user("secretary").get(vote_url(plan))
    assert page.status_code == 200
    assert [row["vote"] for row in page.context["votes"]] == [vote]
    assert "not adopted" in page.content.decode()


def test_the_form_offers_simple_majority_and_explains_why(world, plan, as_user):
    response = as_user("secretary").get(vote_url(plan))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["majority"].value() == SIMPLE
    assert "139(3)" in str(form.fields["majority"].help_text)
    assert "adopted" not in form.fields  # computed, never typed


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"present": 11, "votes_for": 8, "votes_against": 2, "abstentions": 1}, "present"),
        ({"present": 24}, "present"),
        ({"votes_for": 7, "votes_against": 4, "abstentions": 2}, "abstentions"),
        ({"decision_number": "  "}, "decision_number"),
        (
            {"decision_date": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
            "decision_date",
        ),
        (
            {"decision_date": (timezone.localdate() - datetime.timedelta(days=30)).isoformat()},
            "decision_date",
        ),
        ({"decision_date": "31.02.2027"}, "decision_date"),
        ({"in_office": 0}, "in_office"),
        ({"votes_for": -1}, "votes_for"),
        ({"majority": "unanimous"}, "majority"),
        ({"present": "douăsprezece"}, "present"),
    ],
)
def test_bad_votes_are_refused_naming_the_field_and_nothing_is_written(
    world, plan, as_user, changes, field
):
    response = as_user("secretary").post(vote_url(plan), form_data(**changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors, response.context["form"].errors
    assert not CouncilVote.objects.exists()
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SUBMITTED


def test_a_rejected_vote_needs_no_decision_number(world, plan, as_user):
    response = as_user("secretary").post(
        vote_url(plan), form_data(decision_number="", votes_for=6, votes_against=6, abstentions=0)
    )
    assert response.status_code == 302
    assert not CouncilVote.objects.get(decision__plan=plan).adopted


@pytest.mark.parametrize("status", [ActionPlan.Status.DRAFT, ActionPlan.Status.APPROVED])
def test_a_plan_not_before_the_council_cannot_be_voted(world, as_user, status):
    plan = make_plan(world, status=status)
    for method in ("get", "post"):
        response = getattr(as_user("secretary"), method)(vote_url(plan), form_data())
        assert response.status_code == 403
        assert "not waiting for the council" in response.content.decode()
    assert not CouncilVote.objects.exists()
    plan.refresh_from_db()
    assert plan.status == status
    with pytest.raises(DomainError):
        council.record_vote(
            decision=decision_of(plan), data=form_data(), user=world.users["secretary"]
        )


def test_the_service_refuses_what_the_form_would_and_writes_nothing(world, plan):
    data = {
        **form_data(decision_number=""),
        "decision_date": timezone.localdate() - datetime.timedelta(days=1),
    }
    with pytest.raises(DomainError) as refused:
        council.record_vote(decision=decision_of(plan), data=data, user=world.users["secretary"])
    assert "decision_number" in refused.value.message_dict
    with pytest.raises(DomainError) as refused:
        council.record_vote(
            decision=decision_of(plan),
            data={**data, "decision_number": "1/2027", "present": 10},
            user=world.users["secretary"],
        )
    assert "present" in refused.value.message_dict
    assert not CouncilVote.objects.exists()


def test_staff_are_told_that_only_the_secretary_records_the_vote(world, plan, as_user):
    for persona in ("staff", "administrator"):
        response = as_user(persona).get(vote_url(plan))
        assert response.status_code == 403
        assert "Only the council secretary" in response.content.decode()


def test_the_summary_is_only_for_the_secretary_who_recorded_it(world, plan, as_user):
    as_user("secretary").post(vote_url(plan), form_data())
    vote = CouncilVote.objects.get(decision__plan=plan)
    url = f"{vote_url(plan)}?recorded={vote.pk}"
    assert as_user("secretary").get(url).status_code == 200
    assert as_user("staff").get(url).status_code == 403
    assert as_user("public").get(url).status_code == 403
    assert as_user("secretary").get(f"{vote_url(plan)}?recorded=x").status_code == 403


# --- Permission matrix ----------------------------------------------------------------------


def _setup(w):
    w.plan = make_plan(w)
    w.foreign_plan = make_plan(w, municipality=w.other_municipality, cycle=w.other_cycle)


CASES = [
    Case("plan-vote GET", lambda w: vote_url(w.plan), {"secretary": 200}, setup=_setup),
    Case(
        "plan-vote POST",
        lambda w: vote_url(w.plan),
        {"secretary": 302},
        method="post",
        data=form_data(),
        setup=_setup,
    ),
    Case(
        "plan-vote GET, plan of another municipality",
        lambda w: vote_url(w.foreign_plan, slug=w.municipality.slug),
        statuses(ALL[1:], 404),
        setup=_setup,
    ),
    Case(
        "plan-vote POST, our plan under another municipality",
        lambda w: vote_url(w.plan, slug=w.other_municipality.slug),
        statuses(ALL[1:], 404),
        method="post",
        data=form_data(),
        setup=_setup,
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)
    if case.method == "post":
        written = CouncilVote.objects.exists()
        assert written is (case.allowed.get(persona) == 302)
