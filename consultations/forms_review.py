"""Forms of the staff review of round responses and of the themes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import SpiralDimension
from consultations.models import Theme


def dimension_choices(groups) -> list:
    """Grouped choices (one optgroup per SPIRAL family) from `review.dimension_groups()`."""
    return [
        (f"{family.code} {family.name}", [(d.pk, str(d)) for d in dimensions])
        for family, dimensions in groups
    ]


class ReviewFilterForm(forms.Form):
    """Filters of the review page (GET): a SPIRAL dimension, a theme, or the untagged answers."""

    dimension = forms.ModelChoiceField(
        label=_("SPIRAL dimension"), queryset=SpiralDimension.objects.all(), required=False
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False)
    untagged = forms.BooleanField(label=_("Untagged answers only"), required=False)

    def __init__(self, *args, municipality, groups, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(municipality=municipality)
        # The choices come from lists the page already read: no query when the form is shown.
        self.fields["dimension"].choices = [("", _("all dimensions")), *dimension_choices(groups)]
        self.fields["theme"].choices = [("", _("all themes"))] + [(t.pk, t.name) for t in themes]
        for name in ("dimension", "theme"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["untagged"].widget.attrs["class"] = "form-check-input"

    def filters(self) -> dict:
        """The valid filters; an invalid one is left out (and its error shown on the page)."""
        self.is_valid()
        data = self.cleaned_data  # holds the fields that are valid, even if another is not
        return {
            "dimension": data.get("dimension"),
            "theme": data.get("theme"),
            "untagged": bool(data.get("untagged")),
        }


class AnswerTagForm(forms.Form):
    """The SPIRAL dimensions and themes of one answer; a new theme may be named on the way."""

    dimensions = forms.ModelMultipleChoiceField(
        label=_("SPIRAL dimensions"), queryset=SpiralDimension.objects.all(), required=False
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False
    )
    new_theme = forms.CharField(
        label=_("New theme"),
        max_length=150,
        required=False,
        help_text=_("Created for this municipality and added to the answer."),
    )

    def __init__(self, *args, municipality, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this municipality's themes are valid; SPIRAL dimensions are shared reference data.
        self.fields["themes"].queryset = Theme.objects.filter(municipality=municipality)
        if groups is not None:
            self.fields["dimensions"].choices = dimension_choices(groups)


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        duplicates = Theme.objects.filter(municipality=self.municipality, name__iexact=name)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            [constraint] = [c for c in Theme._meta.constraints if c.name == "theme_unique_name"]
            raise forms.ValidationError(constraint.violation_error_message, code="unique")
        return name
