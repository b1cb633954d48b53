"""Forms of the evidence page: an objective's SPIRAL dimensions, and citing or removing evidence.

The citing form only accepts ids of the strategy's own cycle and municipality, so a guessed id
of another cycle is an error on the field that carries it, and nothing is written.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import SpiralDimension, Statement
from consultations.forms_review import dimension_choices
from consultations.models import Answer, GroupProposal, Theme
from strategy import evidence


class DimensionsForm(forms.Form):
    dimensions = forms.ModelMultipleChoiceField(
        label=_("SPIRAL dimensions"),
        queryset=SpiralDimension.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("The needs this objective answers. Hold Ctrl (⌘ on a Mac) to choose several."),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        # Grouped by family (optgroups), from the list the page already read: no extra query.
        self.fields["dimensions"].choices = dimension_choices(groups)


class CiteForm(forms.Form):
    """Ticked statements, answers and proposals to add to an objective's evidence."""

    statements = forms.ModelMultipleChoiceField(
        label=_("Statements"), queryset=Statement.objects.none(), required=False
    )
    answers = forms.ModelMultipleChoiceField(
        label=_("Round answers"), queryset=Answer.objects.none(), required=False
    )
    proposals = forms.ModelMultipleChoiceField(
        label=_("Working-group proposals"), queryset=GroupProposal.objects.none(), required=False
    )
    empty_message = _("Tick at least one statement, answer or proposal to cite.")

    def __init__(self, *args, strategy, objective, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_querysets(strategy, objective)

    def set_querysets(self, strategy, objective):
        self.fields["statements"].queryset = evidence.citable_statements(strategy)
        self.fields["answers"].queryset = evidence.citable_answers(strategy)
        self.fields["proposals"].queryset = evidence.citable_proposals(strategy)

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(name) for name in self.fields):
            raise forms.ValidationError(self.empty_message)
        return data


class UnciteForm(CiteForm):
    """Evidence to remove: only what the objective cites now."""

    empty_message = _("Choose at least one statement, answer or proposal to remove.")

    def set_querysets(self, strategy, objective):
        self.fields["statements"].queryset = objective.statements.all()
        self.fields["answers"].queryset = objective.answers.all()
        self.fields["proposals"].queryset = objective.proposals.all()


class PickerForm(forms.Form):
    """Filters of the "add evidence" picker (GET); one kind of evidence is shown at a time."""

    STATEMENTS, ANSWERS, PROPOSALS = "statements", "answers", "proposals"
    KINDS = [
        (STATEMENTS, _("Beneficiaries' statements")),
        (ANSWERS, _("Providers' round answers")),
        (PROPOSALS, _("Working-group proposals")),
    ]

    add = forms.ChoiceField(label=_("Evidence"), choices=KINDS, required=False)
    dimension = forms.ModelChoiceField(
        label=_("SPIRAL dimension"), queryset=SpiralDimension.objects.all(), required=False
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("Proposals"),
        choices=[("adopted", _("adopted only")), ("all", _("all proposals"))],
        required=False,
    )
    q = forms.CharField(label=_("Text contains"), max_length=100, required=False)

    def __init__(self, *args, municipality, groups, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(municipality=municipality)
        self.fields["dimension"].choices = [("", _("any dimension")), *dimension_choices(groups)]
        self.fields["theme"].choices = [("", _("any theme"))] + [(t.pk, t.name) for t in themes]
        for name in ("add", "dimension", "theme", "status"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["q"].widget.attrs["class"] = "form-control form-control-sm"

    def filters(self) -> dict:
        """The valid filters; an invalid one is dropped (its error is shown on the page)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})  # holds the valid fields even if one is not
        return {
            "add": data.get("add") or self.STATEMENTS,
            "dimension": data.get("dimension"),
            "theme": data.get("theme"),
            "adopted_only": data.get("status") != "all",
            "q": (data.get("q") or "").strip(),
        }
