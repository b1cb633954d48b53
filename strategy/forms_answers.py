"""Forms of the staff side of the public consultation: answers, filters, debates, the report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Membership
from strategy.answering import debate_notice_days, debate_schedule_errors
from strategy.models import Comment, Debate


class AnswerForm(forms.Form):
    """One recommendation's answer. Choices are given, not queried, so a page of 25 forms costs
    no query per form."""

    answer = forms.ChoiceField(
        label=_("Answer"), choices=Comment.Answer.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reasons"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,  # checked in clean() so the message can say why it is needed
        help_text=_("Published in the consultation report; required for every answer."),
    )
    resulting_version = forms.TypedChoiceField(
        label=_("Changed in version"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = {version.pk: version for version in versions}
        self.fields["resulting_version"].choices = [("", _("— not (yet) in a new version —"))] + [
            (version.pk, f"v{version.number}") for version in versions
        ]

    def clean(self):
        cleaned = super().clean()
        answer, reason = cleaned.get("answer"), (cleaned.get("reason") or "").strip()
        if answer and not reason:
            if answer == Comment.Answer.ACCEPTED:
                message = _("Say how the recommendation is taken into the strategy.")
            else:
                message = _(
                    "Give the reasons: Law 52/2003 (art. 12(3)) asks for a written "
                    "justification of every recommendation that is not taken."
                )
            self.add_error("reason", message)
        cleaned["reason"] = reason
        version_id = cleaned.get("resulting_version")
        cleaned["resulting_version"] = self.versions.get(version_id) if version_id else None
        return cleaned


class AnswerFilterForm(forms.Form):
    """Filters of the answering page; unknown values are simply not applied."""

    unanswered = forms.BooleanField(label=_("awaiting an answer only"), required=False)
    part = forms.ChoiceField(label=_("Part of the draft"), required=False)
    stakeholder = forms.ChoiceField(
        label=_("Stakeholder type"),
        required=False,
        choices=[("", _("all"))] + list(Membership.PublicKind.choices),
    )
    answer = forms.ChoiceField(
        label=_("Answer"),
        required=False,
        choices=[("", _("all")), ("none", _("no answer yet"))] + list(Comment.Answer.choices),
    )

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [("", _("all")), ("document", _("the whole draft"))] + [
            (value, label) for value, label in parts
        ]

    def apply(self, comments):
        if not self.is_valid():
            return comments
        data = self.cleaned_data
        if data["unanswered"]:
            comments = comments.filter(hidden_at__isnull=True, answer="")
        part = data["part"]
        if part == "document":
            comments = comments.filter(target=Comment.Target.DOCUMENT)
        elif part:
            target, _sep, target_id = part.partition(":")
            comments = comments.filter(target=target, target_id=int(target_id))
        if data["stakeholder"]:
            comments = comments.filter(stakeholder_kind=data["stakeholder"])
        if data["answer"] == "none":
            comments = comments.filter(answer="")
        elif data["answer"]:
            comments = comments.filter(answer=data["answer"])
        return comments


class DebateForm(forms.ModelForm):
    class Meta:
        model = Debate
        fields = ["announced_on", "starts_at", "place", "minutes"]
        widgets = {
            "announced_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "announced_on": _("The day the date and place of the debate were made public."),
            "minutes": _("The minutes (minuta) are public; add them after the debate."),
        }

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["starts_at"].help_text = _(
            "Within %(days)s days of the announcement (Law 52/2003, art. 7(9))."
        ) % {"days": debate_notice_days()}

    def clean(self):
        cleaned = super().clean()
        errors = debate_schedule_errors(
            consultation=self.consultation,
            announced_on=cleaned.get("announced_on"),
            starts_at=cleaned.get("starts_at"),
            minutes=cleaned.get("minutes") or "",
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned


class ReportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=[("pdf", "PDF"), ("xlsx", "XLSX (Excel)")]
    )
