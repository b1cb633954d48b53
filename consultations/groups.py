"""Writes and reads of the thematic working groups: groups, their meetings and proposals.

Each verb owns its transaction and its history (``_history_user``, also for the changes of the
member and attendance lists); a refused action raises a ``DomainError`` naming the field at
fault, and writes nothing. Groups stay editable in every stage of the cycle: a group may meet
again while the strategy is being drafted.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from consultations.models import GroupProposal, Meeting, Theme, WorkingGroup
from core.exceptions import DomainError
from core.models import Membership, Organisation, User
from core.stages import MANAGERS

GROUP_FIELDS = ("cycle", "name", "description", "coordinator")
MEETING_FIELDS = ("starts_at", "place", "link", "agenda", "minutes")


# --- Reads -------------------------------------------------------------------------------------


def _count(queryset, key: str):
    """A correlated COUNT per group: no join of the group to several lists at once."""
    return Coalesce(
        Subquery(
            queryset.filter(**{key: OuterRef("pk")})
            .order_by()
            .values(key)
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def groups_with_counts(municipality, organisation_id: int | None = None):
    """The municipality's groups with the figures of the list page (one query in all).

    With ``organisation_id`` only the groups that organisation is a member of.
    """
    Members = WorkingGroup.members.through
    groups = WorkingGroup.objects.filter(municipality=municipality)
    if organisation_id is not None:
        groups = groups.filter(
            Exists(
                Members.objects.filter(workinggroup=OuterRef("pk"), organisation=organisation_id)
            )
        )
    return (
        groups.select_related("cycle", "theme")
        .annotate(
            member_count=_count(Members.objects.all(), "workinggroup"),
            meeting_count=_count(Meeting.objects.all(), "group"),
            adopted_count=_count(
                GroupProposal.objects.filter(status=GroupProposal.Status.ADOPTED), "group"
            ),
            has_minutes=Exists(Meeting.objects.filter(group=OuterRef("pk")).exclude(minutes="")),
        )
        .order_by("-cycle__start_year", "-cycle__pk", "name")
    )


def meetings_of(group: WorkingGroup):
    return group.meetings.prefetch_related(
        Prefetch("attendees", queryset=Organisation.objects.order_by("name"))
    ).order_by("-starts_at", "-pk")


def proposals_of(group: WorkingGroup):
    return (
        group.proposals.select_related("proposed_by", "meeting", "created_by")
        .prefetch_related("dimensions")
        .order_by("-created_at", "-pk")
    )


def group_inputs(cycle):
    """The proposals adopted by the cycle's working groups: inputs the strategy cites."""
    return (
        GroupProposal.objects.filter(group__cycle=cycle, status=GroupProposal.Status.ADOPTED)
        .select_related("group__theme", "meeting", "proposed_by")
        .prefetch_related("dimensions")
        .order_by("group__name", "meeting__starts_at", "pk")
    )


def coordinator_candidates(municipality):
    """Who may coordinate a group: the municipality's staff and administrators."""
    staff = Membership.objects.filter(municipality=municipality, role__in=MANAGERS)
    return User.objects.filter(Exists(staff.filter(user=OuterRef("pk")))).order_by(
        "last_name", "first_name", "username"
    )


# --- Groups ------------------------------------------------------------------------------------


def same_name(queryset, name: str):
    """The row of ``queryset`` named ``name`` whatever the case, diacritics' case included.

    Compared in Python: SQLite's case-insensitive match knows only ASCII (ă ≠ Ă).
    """
    wanted = name.casefold()
    return next((row for row in queryset if row.name.casefold() == wanted), None)


def _clean(instance, exclude=()) -> None:
    try:
        instance.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as error:
        messages = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise DomainError(messages) from error


def _theme_name(municipality, theme: Theme | None, new_theme: str) -> str:
    """Check the theme choice without writing; return the new theme's name ("" for none)."""
    new_theme = " ".join((new_theme or "").split())
    if theme is not None and new_theme:
        raise DomainError({"new_theme": _("Pick an existing theme or name a new one, not both.")})
    if theme is not None:
        if theme.municipality_id != municipality.pk:
            raise DomainError({"theme": _("The theme belongs to another municipality.")})
        return ""
    if not new_theme:
        raise DomainError({"theme": _("Pick the group's theme, or name a new one.")})
    if len(new_theme) > Theme._meta.get_field("name").max_length:
        raise DomainError({"new_theme": _("The theme's name is too long.")})
    return new_theme


def _theme_named(municipality, user, name: str) -> Theme:
    existing = same_name(Theme.objects.filter(municipality=municipality).only("name"), name)
    if existing is not None:
        return existing  # the same theme named again: use it, do not duplicate it
    created = Theme(municipality=municipality, name=name)
    created._history_user = user
    created.save()
    return created


def _check_group(group: WorkingGroup, members, coordinator) -> None:
    municipality_id = group.municipality_id
    if group.cycle.municipality_id != municipality_id:
        raise DomainError({"cycle": _("The cycle belongs to another municipality.")})
    others = WorkingGroup.objects.filter(cycle=group.cycle).exclude(pk=group.pk).only("name")
    if same_name(others, group.name) is not None:
        raise DomainError(
            {"name": _("A working group with this name already exists in this cycle.")}
        )
    if any(org.municipality_id != municipality_id for org in members):
        raise DomainError({"members": _("A member organisation belongs to another municipality.")})
    if (
        coordinator is not None
        and not coordinator_candidates(group.municipality).filter(pk=coordinator.pk).exists()
    ):
        raise DomainError({"coordinator": _("The coordinator must be staff of this municipality.")})


def _save_group(group, *, user, theme, new_theme, members, **fields) -> WorkingGroup:
    fields["name"] = " ".join((fields["name"] or "").split())
    for field, value in fields.items():
        setattr(group, field, value)
    members = list(members)
    # Every check runs before the new theme is created: a refusal writes nothing.
    new_theme = _theme_name(group.municipality, theme, new_theme)
    _check_group(group, members, group.coordinator)
    group.theme = theme
    _clean(group, exclude=["theme"])
    if new_theme:
        group.theme = _theme_named(group.municipality, user, new_theme)
    group._history_user = user
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError as error:  # a group of the same name saved meanwhile
        raise DomainError(
            {"name": _("A working group with this name already exists in this cycle.")}
        ) from error
    group.members.set(members)
    return group


@transaction.atomic
def create_group(
    *,
    municipality,
    user,
    cycle,
    name: str,
    theme: Theme | None = None,
    new_theme: str = "",
    description: str = "",
    members: Iterable[Organisation] = (),
    coordinator=None,
) -> WorkingGroup:
    """A new group of the cycle; ``new_theme`` creates the theme in the same transaction."""
    group = WorkingGroup(municipality=municipality)
    return _save_group(
        group,
        user=user,
        theme=theme,
        new_theme=new_theme,
        members=members,
        cycle=cycle,
        name=name,
        description=description,
        coordinator=coordinator,
    )


@transaction.atomic
def update_group(
    *,
    group: WorkingGroup,
    user,
    cycle,
    name: str,
    theme: Theme | None = None,
    new_theme: str = "",
    description: str = "",
    members: Iterable[Organisation] = (),
    coordinator=None,
) -> WorkingGroup:
    group = WorkingGroup.objects.select_for_update().select_related("municipality").get(pk=group.pk)
    return _save_group(
        group,
        user=user,
        theme=theme,
        new_theme=new_theme,
        members=members,
        cycle=cycle,
        name=name,
        description=description,
        coordinator=coordinator,
    )


# --- Meetings ----------------------------------------------------------------------------------


def _save_meeting(meeting: Meeting, *, user, attendees, **fields) -> Meeting:
    for field, value in fields.items():
        setattr(meeting, field, value if field == "starts_at" else (value or "").strip())
    attendees = list(attendees)
    member_ids = set(meeting.group.members.values_list("pk", flat=True))
    strangers = [org for org in attendees if org.pk not in member_ids]
    if strangers:
        raise DomainError(
            {
                "attendees": _("Not a member of the group: %(names)s.")
                % {"names": ", ".join(org.name for org in strangers)}
            }
        )
    if meeting.starts_at is None:
        raise DomainError({"starts_at": _("Give the date and time of the meeting.")})
    if not meeting.place.strip() and not meeting.link.strip():
        raise DomainError({"place": _("Give the place of the meeting or its online link.")})
    _clean(meeting)
    meeting._history_user = user
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def add_meeting(
    *,
    group: WorkingGroup,
    user,
    starts_at,
    place: str = "",
    link: str = "",
    agenda: str = "",
    attendees: Iterable[Organisation] = (),
    minutes: str = "",
) -> Meeting:
    return _save_meeting(
        Meeting(group=group),
        user=user,
        attendees=attendees,
        starts_at=starts_at,
        place=place,
        link=link,
        agenda=agenda,
        minutes=minutes,
    )


@transaction.atomic
def update_meeting(
    *,
    meeting: Meeting,
    user,
    starts_at,
    place: str = "",
    link: str = "",
    agenda: str = "",
    attendees: Iterable[Organisation] = (),
    minutes: str = "",
) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
    return _save_meeting(
        meeting,
        user=user,
        attendees=attendees,
        starts_at=starts_at,
        place=place,
        link=link,
        agenda=agenda,
        minutes=minutes,
    )


# --- Proposals ---------------------------------------------------------------------------------


@transaction.atomic
def propose(
    *,
    group: WorkingGroup,
    user,
    organisation: Organisation | None,
    title: str,
    text: str,
    dimensions: Iterable = (),
) -> GroupProposal:
    """A proposal under discussion; ``organisation`` is who proposes it (None: the staff)."""
    if organisation is not None and not group.members.filter(pk=organisation.pk).exists():
        raise DomainError(
            {"proposed_by": _("Only a member organisation of the group can make a proposal.")}
        )
    proposal = GroupProposal(
        group=group,
        title=(title or "").strip(),
        text=(text or "").strip(),
        proposed_by=organisation,
        status=GroupProposal.Status.PROPOSED,
        created_by=user,
    )
    _clean(proposal)
    proposal._history_user = user
    proposal.save()
    proposal.dimensions.set(list(dimensions))
    return proposal


@transaction.atomic
def decide_proposal(
    *,
    proposal: GroupProposal,
    status: str,
    meeting: Meeting | None,
    user,
    title: str | None = None,
    text: str | None = None,
    dimensions: Iterable | None = None,
) -> GroupProposal:
    """Staff record the group's decision: an adopted proposal names the meeting that adopted it."""
    proposal = GroupProposal.objects.select_for_update().get(pk=proposal.pk)
    if status not in GroupProposal.Status.values:
        raise DomainError({"status": _("Unknown status.")})
    if meeting is not None and meeting.group_id != proposal.group_id:
        raise DomainError({"meeting": _("The meeting belongs to another group.")})
    if status == GroupProposal.Status.ADOPTED and meeting is None:
        raise DomainError({"meeting": _("Say at which meeting the proposal was adopted.")})
    proposal.status = status
    # A proposal still under discussion was decided at no meeting.
    proposal.meeting = None if status == GroupProposal.Status.PROPOSED else meeting
    if title is not None:
        proposal.title = title.strip()
    if text is not None:
        proposal.text = text.strip()
    _clean(proposal)
    proposal._history_user = user
    proposal.save()
    if dimensions is not None:
        proposal.dimensions.set(list(dimensions))
    return proposal
