"""Forms of the versions pages and of opening the public consultation."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exceptions import DomainError
from strategy.versions import validate_comments_until

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Far enough for any real announcement; keeps absurd years from reaching the holiday tables.
MAX_DAYS_AHEAD = 366


class PublishVersionForm(forms.Form):
    note = forms.CharField(
        label=_("What changed"),
        help_text=_("Shown with the version, e.g. “after the public consultation”."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CompareVersionsForm(forms.Form):
    a = forms.TypedChoiceField(label=_("From version"), coerce=int)
    b = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, f"v{n}") for n in numbers]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("a") is not None and cleaned.get("a") == cleaned.get("b"):
            self.add_error("b", _("Choose two different versions."))
        return cleaned


def _check_announcement(day: datetime.date) -> datetime.date:
    if day > timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD):
        raise forms.ValidationError(_("Announce the consultation within the next year."))
    if day.year < 2000:
        raise forms.ValidationError(_("Enter a real date."))
    return day


class StatutoryDatesForm(forms.Form):
    """Just the announcement date: enough to compute and explain the statutory dates."""

    announced_on = forms.DateField(label=_("Announced on"), widget=DATE_WIDGET)

    def clean_announced_on(self):
        return _check_announcement(self.cleaned_data["announced_on"])


class OpenConsultationForm(forms.Form):
    justification = forms.CharField(
        label=_("Justification note (referat)"),
        help_text=_(
            "Why the strategy is needed; published with the draft, as Law 52/2003 requires."
        ),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    announced_on = forms.DateField(
        label=_("Announced on"),
        help_text=_("The day the draft is published on the website and at the town hall."),
        widget=DATE_WIDGET,
    )
    comments_until = forms.DateField(
        label=_("Recommendations until (inclusive)"),
        help_text=_(
            "Leave empty for the statutory minimum; a later date gives the public more time."
        ),
        required=False,
        widget=DATE_WIDGET,
    )

    def clean_announced_on(self):
        return _check_announcement(self.cleaned_data["announced_on"])

    def clean(self):
        cleaned = super().clean()
        announced_on, comments_until = cleaned.get("announced_on"), cleaned.get("comments_until")
        if announced_on and comments_until:
            try:
                validate_comments_until(announced_on, comments_until)
            except DomainError as error:
                self.add_error("comments_until", error.messages[0])
        return cleaned


class CommentsUntilForm(forms.Form):
    comments_until = forms.DateField(
        label=_("Recommendations until (inclusive)"), widget=DATE_WIDGET
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation

    def clean_comments_until(self):
        value = self.cleaned_data["comments_until"]
        if value > self.consultation.announced_on + datetime.timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(_("Keep the period for recommendations under a year."))
        try:
            validate_comments_until(self.consultation.announced_on, value)
        except DomainError as error:
            raise forms.ValidationError(error.messages[0]) from None
        return value
