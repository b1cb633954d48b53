"""Thematic working groups: staff set them up and keep their meetings; members make proposals.

Staff of the municipality reach every group of it. A provider member reaches only the groups its
organisation belongs to: the lookup itself is limited to them, so any other id is a 404. Other
roles get a 403, anonymous visitors the login page. Meetings and proposals are looked up within
their group, so another group's ids are a 404 too. Groups are read in any stage; setting them up,
keeping their meetings and making or deciding proposals follow the cycle's stage
(`join_working_group`), and who is blocked only by the stage gets a 403 page naming the stages.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from consultations import groups
from consultations.forms_groups import GroupForm, MeetingForm, ProposalDecisionForm, ProposalForm
from consultations.models import GroupProposal, Meeting, WorkingGroup
from consultations.predicates import provider_organisation_id
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


def _is_staff(request, municipality) -> bool:
    return request.user.has_perm("core.view_dashboard", municipality)


def _groups(municipality):
    return WorkingGroup.objects.filter(municipality=municipality).select_related(
        "cycle", "theme", "coordinator"
    )


def _staff_group(request, municipality, pk: int):
    """(group, None) when staff may change it now; (group, 403 naming the stages) otherwise."""
    group = get_object_or_404(_groups(municipality), pk=pk)
    group.municipality = municipality
    require(request, "consultations.view_group", group)
    return group, require_stage(
        request,
        "consultations.manage_group",
        group,
        action="join_working_group",
        back_url=group.get_absolute_url(),
    )


def _visible_group(request, municipality, pk: int) -> tuple[WorkingGroup, bool]:
    """The group as the logged-in user may see it, and whether they see it as staff."""
    if _is_staff(request, municipality):
        group = get_object_or_404(_groups(municipality), pk=pk)
        staff = True
    else:
        organisation_id = provider_organisation_id(request.user, municipality.pk)
        if organisation_id is None:
            raise PermissionDenied
        group = get_object_or_404(_groups(municipality).filter(members=organisation_id), pk=pk)
        staff = False
    group.municipality = municipality
    require(request, "consultations.view_group", group)
    return group, staff


# --- Groups ------------------------------------------------------------------------------------


def group_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff see every group, the current cycle's first; a provider sees its own groups."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    staff = _is_staff(request, municipality)
    organisation_id = None
    if not staff:
        organisation_id = provider_organisation_id(request.user, municipality.pk)
        if organisation_id is None:
            raise PermissionDenied
    items = list(groups.groups_with_counts(municipality, organisation_id))
    current = StrategyCycle.objects.current_for(municipality)
    can_add = staff and (
        current is None or request.user.has_perm("consultations.add_group", current)
    )
    return render(
        request,
        "consultations/groups/group_list.html",
        {
            "municipality": municipality,
            "staff": staff,
            "current_cycle": current,
            "current_groups": [g for g in items if current and g.cycle_id == current.pk],
            "older_groups": [g for g in items if not current or g.cycle_id != current.pk],
            "can_add": can_add,
            "stage_message": stage_refusal_message(request.user, current, "join_working_group")
            if staff and not can_add
            else "",
        },
    )


def group_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    group = None
    if pk:
        group, refusal = _staff_group(request, municipality, pk)
    elif current := StrategyCycle.objects.current_for(municipality):
        refusal = require_stage(
            request,
            "consultations.add_group",
            current,
            action="join_working_group",
            back_url=reverse("group-list", args=[slug]),
        )
    else:
        refusal = None  # the form asks for a cycle
    if refusal:
        return refusal
    form = GroupForm(request.POST or None, municipality=municipality, group=group)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_cycle_allows(request, form, "consultations.add_group", action="join_working_group")
    ):
        data = form.cleaned_data
        fields = {
            name: data[name]
            for name in ("cycle", "theme", "new_theme", "name", "description", "members")
        }
        fields["coordinator"] = data["coordinator"]
        try:
            if group is None:
                group = groups.create_group(municipality=municipality, user=request.user, **fields)
            else:
                groups.update_group(group=group, user=request.user, **fields)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request, _("The working group “%(name)s” was saved.") % {"name": data["name"]}
            )
            return redirect("group-detail", slug=slug, pk=group.pk)
    return render(
        request,
        "consultations/groups/group_form.html",
        {"municipality": municipality, "form": form, "group": group},
        status=400 if form.errors else 200,
    )


def group_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    group, staff = _visible_group(request, municipality, pk)
    proposals = list(groups.proposals_of(group))
    order = [
        GroupProposal.Status.ADOPTED,
        GroupProposal.Status.PROPOSED,
        GroupProposal.Status.WITHDRAWN,
    ]
    by_status = [
        (status, [p for p in proposals if p.status == status])
        for status in order
        if any(p.status == status for p in proposals)
    ]
    can_manage = staff and request.user.has_perm("consultations.manage_group", group)
    can_propose = request.user.has_perm("consultations.propose_in_group", group)
    return render(
        request,
        "consultations/groups/group_detail.html",
        {
            "municipality": municipality,
            "group": group,
            "staff": staff,
            "can_manage": can_manage,
            "stage": group.cycle.stage,
            "members": list(group.members.order_by("name")),
            "meetings": list(groups.meetings_of(group)),
            "proposals_by_status": by_status,
            "proposal_count": len(proposals),
            "can_propose": can_propose,
            "stage_message": ""
            if can_manage or (can_propose and not staff)
            else stage_refusal_message(request.user, group.cycle, "join_working_group"),
            "history": history_entries(group) if staff else [],
        },
    )


# --- Meetings (staff) --------------------------------------------------------------------------


def meeting_form(
    request: HttpRequest, slug: str, pk: int, meeting_pk: int | None = None
) -> HttpResponse:
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    group, refusal = _staff_group(request, municipality, pk)
    if refusal:
        return refusal
    meeting = (
        get_object_or_404(Meeting.objects.prefetch_related("attendees"), group=group, pk=meeting_pk)
        if meeting_pk
        else None
    )
    form = MeetingForm(request.POST or None, group=group, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in groups.MEETING_FIELDS}
        try:
            if meeting is None:
                groups.add_meeting(
                    group=group,
                    user=request.user,
                    attendees=form.cleaned_data["attendees"],
                    **data,
                )
            else:
                groups.update_meeting(
                    meeting=meeting,
                    user=request.user,
                    attendees=form.cleaned_data["attendees"],
                    **data,
                )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect(f"{group.get_absolute_url()}#meetings")
    return render(
        request,
        "consultations/groups/meeting_form.html",
        {
            "municipality": municipality,
            "group": group,
            "meeting": meeting,
            "form": form,
            "history": history_entries(meeting) if meeting else [],
        },
        status=400 if form.errors else 200,
    )


# --- Proposals ---------------------------------------------------------------------------------


def proposal_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Members propose for their own organisation; staff may record who proposed it."""
    municipality = get_municipality(slug)
    if not request.user.is_authenticated:
        return login_redirect(request)
    group, staff = _visible_group(request, municipality, pk)
    if refusal := require_stage(
        request,
        "consultations.propose_in_group",
        group,
        action="join_working_group",
        back_url=group.get_absolute_url(),
    ):
        return refusal
    form = ProposalForm(request.POST or None, group=group, staff=staff)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if staff:
            organisation = data["proposed_by"]
        else:
            organisation_id = provider_organisation_id(request.user, municipality.pk)
            organisation = group.members.get(pk=organisation_id)
        try:
            groups.propose(
                group=group,
                user=request.user,
                organisation=organisation,
                title=data["title"],
                text=data["text"],
                dimensions=data["dimensions"],
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request, _("The proposal was recorded; the group discusses it at a meeting.")
            )
            return redirect(f"{group.get_absolute_url()}#proposals")
    return render(
        request,
        "consultations/groups/proposal_form.html",
        {"municipality": municipality, "group": group, "form": form, "proposal": None},
        status=400 if form.errors else 200,
    )


def proposal_update(request: HttpRequest, slug: str, pk: int, proposal_pk: int) -> HttpResponse:
    """Staff record the group's decision on a proposal, and the meeting that took it."""
    municipality = get_municipality(slug)
    if response := login_or_403(request, "core.view_dashboard", municipality):
        return response
    group, refusal = _staff_group(request, municipality, pk)
    if refusal:
        return refusal
    proposal = get_object_or_404(
        GroupProposal.objects.select_related("proposed_by", "meeting").prefetch_related(
            "dimensions"
        ),
        group=group,
        pk=proposal_pk,
    )
    proposal.group = group
    form = ProposalDecisionForm(request.POST or None, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            groups.decide_proposal(
                proposal=proposal,
                status=data["status"],
                meeting=data["meeting"],
                user=request.user,
                title=data["title"],
                text=data["text"],
                dimensions=data["dimensions"],
            )
        except DomainError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request, _("The proposal “%(title)s” was saved.") % {"title": data["title"]}
            )
            return redirect(f"{group.get_absolute_url()}#proposals")
    return render(
        request,
        "consultations/groups/proposal_form.html",
        {
            "municipality": municipality,
            "group": group,
            "form": form,
            "proposal": proposal,
            "history": history_entries(proposal),
        },
        status=400 if form.errors else 200,
    )
