"""The form of one of the municipality's templates of a decision text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans import council_texts


class DecisionTemplateForm(forms.Form):
    body = forms.CharField(
        label=_("Template"),
        widget=forms.Textarea(attrs={"rows": 20, "class": "font-monospace"}),
        max_length=council_texts.MAX_TEMPLATE_LENGTH,
        error_messages={
            "required": _(
                "A template cannot be empty; to use Spirala's text, reset it to the default."
            )
        },
        help_text=_(
            "Write {{ name }} where a value from the data goes; the table beside the form lists "
            "the names. In the preamble and the legal bases each line is one item; in the "
            "articles and the reports an empty line separates paragraphs."
        ),
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        council_texts.validate_template(body)
        return body
