"""Forms of the thematic working groups. Validation only; the writes are in consultations.groups.

Every choice is limited to what belongs here: this municipality's cycles, themes, organisations
and staff; a meeting's attendance and a proposal's author to the group's member organisations; a
decision's meeting to the group's own meetings. Any other id is a form error on its field.
"""

from django import forms
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import SpiralDimension
from consultations.groups import coordinator_candidates, same_name
from consultations.models import GroupProposal, Theme, WorkingGroup
from core.models import StrategyCycle

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
DUPLICATE_NAME = _("A working group with this name already exists in this cycle.")
PLACE_OR_LINK = _("Give the place of the meeting or its online link.")


def _squash(value: str) -> str:
    return " ".join((value or "").split())


def dimension_choices() -> list:
    """The SPIRAL dimensions as one optgroup per family, in code order (one query)."""
    groups: dict = {}
    for dimension in SpiralDimension.objects.select_related("family").order_by(
        "family__code", "code"
    ):
        family = dimension.family
        groups.setdefault(f"{family.code} {family.name}", []).append((dimension.pk, str(dimension)))
    return list(groups.items())


class DimensionsField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=SpiralDimension.objects.all(),
            required=False,
            label=_("SPIRAL dimensions"),
            help_text=_("Optional. Hold Ctrl (⌘ on a Mac) to pick several."),
            widget=forms.SelectMultiple(attrs={"size": 12}),
            **kwargs,
        )


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        when = date_filter(timezone.localtime(obj.starts_at), "j F Y, H:i")
        return f"{when} – {obj.place or obj.link}"


class GroupForm(forms.Form):
    cycle = forms.ModelChoiceField(label=_("Strategy cycle"), queryset=StrategyCycle.objects.none())
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("— a new theme, named below —"),
    )
    new_theme = forms.CharField(
        label=_("New theme"),
        max_length=150,
        required=False,
        help_text=_("Only if the theme is not in the list: it is created with the group."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Mandate"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the group is asked to work out, and by when."),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Member organisations"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members of these organisations see the group and can make proposals."),
    )
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"), queryset=None, required=False, empty_label=_("nobody yet")
    )

    def __init__(self, *args, municipality, group: WorkingGroup | None = None, **kwargs):
        self.group = group
        if group is not None:
            kwargs.setdefault(
                "initial",
                {
                    "cycle": group.cycle_id,
                    "theme": group.theme_id,
                    "name": group.name,
                    "description": group.description,
                    "members": list(group.members.values_list("pk", flat=True)),
                    "coordinator": group.coordinator_id,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = StrategyCycle.objects.filter(municipality=municipality)
        self.fields["theme"].queryset = Theme.objects.filter(municipality=municipality)
        self.fields["members"].queryset = municipality.organisations.order_by("name")
        self.fields["coordinator"].queryset = coordinator_candidates(municipality)
        if group is None and not self.is_bound:
            current = StrategyCycle.objects.current_for(municipality)
            if current is not None:
                self.initial.setdefault("cycle", current.pk)

    def clean_name(self):
        return _squash(self.cleaned_data["name"])

    def clean_new_theme(self):
        return _squash(self.cleaned_data["new_theme"])

    def clean(self):
        cleaned = super().clean()
        theme, new_theme = cleaned.get("theme"), cleaned.get("new_theme")
        if "theme" in cleaned and "new_theme" in cleaned:
            if theme is None and not new_theme:
                self.add_error("theme", _("Pick the group's theme, or name a new one."))
            elif theme is not None and new_theme:
                self.add_error(
                    "new_theme", _("Pick an existing theme or name a new one, not both.")
                )
        cycle, name = cleaned.get("cycle"), cleaned.get("name")
        if cycle is not None and name:
            others = WorkingGroup.objects.filter(cycle=cycle).only("name")
            if self.group is not None:
                others = others.exclude(pk=self.group.pk)
            if same_name(others, name) is not None:
                self.add_error("name", DUPLICATE_NAME)
        return cleaned


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        help_text=_("Romania's time (Europe/Bucharest)."),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    link = forms.URLField(
        label=_("Online meeting link"),
        max_length=200,
        required=False,
        help_text=_("For an online or hybrid meeting."),
    )
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendance"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The member organisations that took part."),
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What was discussed and decided; add them after the meeting."),
    )

    def __init__(self, *args, group: WorkingGroup, meeting=None, **kwargs):
        if meeting is not None:
            kwargs.setdefault(
                "initial",
                {
                    "starts_at": meeting.starts_at,
                    "place": meeting.place,
                    "link": meeting.link,
                    "agenda": meeting.agenda,
                    "attendees": [org.pk for org in meeting.attendees.all()],
                    "minutes": meeting.minutes,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = group.members.order_by("name")

    def clean_place(self):
        return self.cleaned_data["place"].strip()

    def clean(self):
        cleaned = super().clean()
        if (
            "place" in cleaned
            and "link" in cleaned
            and not cleaned["place"]
            and not cleaned["link"]
        ):
            self.add_error("place", PLACE_OR_LINK)
        return cleaned


class ProposalForm(forms.Form):
    """A new proposal. Staff may say which member organisation made it; a provider makes it for
    its own organisation, so the field is not shown."""

    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 6}))
    proposed_by = forms.ModelChoiceField(
        label=_("Proposed by"),
        queryset=None,
        required=False,
        empty_label=_("the municipality's staff"),
    )
    dimensions = DimensionsField()

    def __init__(self, *args, group: WorkingGroup, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["proposed_by"].queryset = group.members.order_by("name")
        else:
            del self.fields["proposed_by"]
        self.fields["dimensions"].choices = dimension_choices()


class ProposalDecisionForm(forms.Form):
    """Staff record what the group decided about a proposal."""

    status = forms.ChoiceField(label=_("Status"), choices=GroupProposal.Status.choices)
    meeting = MeetingChoiceField(
        label=_("Meeting"),
        queryset=None,
        required=False,
        empty_label=_("none"),
        help_text=_("Required for an adopted proposal: the meeting that adopted it."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 6}))
    dimensions = DimensionsField()

    def __init__(self, *args, proposal: GroupProposal, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "status": proposal.status,
                "meeting": proposal.meeting_id,
                "title": proposal.title,
                "text": proposal.text,
                "dimensions": [d.pk for d in proposal.dimensions.all()],
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = proposal.group.meetings.order_by("-starts_at")
        self.fields["dimensions"].choices = dimension_choices()

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == GroupProposal.Status.ADOPTED
            and "meeting" in cleaned
            and cleaned["meeting"] is None
        ):
            self.add_error("meeting", _("Say at which meeting the proposal was adopted."))
        return cleaned
