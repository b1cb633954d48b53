"""Forms of the public consultation: a recommendation, a request for a debate, moderation."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from core.models import Membership
from strategy.commenting import max_comment_chars, part_choices


class PlainTextField(forms.CharField):
    """Text whose line breaks count as one character, as the browser counts them."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class CommentForm(forms.Form):
    part = forms.ChoiceField(
        label=_("On"),
        error_messages={"invalid_choice": _("This part is not in the draft under consultation.")},
    )
    stakeholder_kind = forms.ChoiceField(
        label=_("You comment as"),
        choices=[("", "—")] + Membership.PublicKind.choices,
        error_messages={"required": _("Choose the capacity in which you comment.")},
    )
    text = PlainTextField(
        label=_("Your recommendation"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write your recommendation.")},
    )

    def __init__(self, *args, tree: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = part_choices(tree)
        limit = max_comment_chars()
        text = self.fields["text"]
        text.max_length = limit
        text.validators.append(MaxLengthValidator(limit))
        text.widget.attrs["maxlength"] = str(limit)
        text.help_text = _(
            "At most %(limit)d characters. Your first name and the initial of your "
            "last name are shown with it, never your e-mail address."
        ) % {"limit": limit}
        text.error_messages["max_length"] = _(
            "A recommendation can have at most %(limit_value)d characters; this one has "
            "%(show_value)d."
        )

    def clean_part(self):
        value = self.cleaned_data["part"]
        if value == "document":
            return ("document", None)
        kind, _sep, pk = value.partition(":")
        return (kind, int(pk))


class DebateRequestForm(forms.Form):
    organisation_name = forms.CharField(
        label=_("On behalf of (association or authority)"),
        max_length=250,
        error_messages={"required": _("Name the association on whose behalf you ask.")},
    )
    reason = forms.CharField(
        label=_("Why a public debate"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=300,
        help_text=_("Shown to the public and to the author in place of the text."),
        error_messages={
            "required": _("Say why the recommendation is hidden; its author reads it.")
        },
    )
