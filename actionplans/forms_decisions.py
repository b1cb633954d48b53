"""Forms of a draft council decision: starting one, its numbers and texts, an opinion (aviz)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.forms_council import DATE_WIDGET
from actionplans.models import DecisionKind, DraftDecision, Opinion


class DecisionCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The decision adopts"), choices=DecisionKind.choices, widget=forms.RadioSelect
    )
    plan = forms.ModelChoiceField(
        label=_("Annual action plan"),
        queryset=None,
        help_text=_("For the strategy: its first year's plan, annex 2 of the decision."),
    )
    strategy_version = forms.ModelChoiceField(
        label=_("Version of the strategy (annex 1)"),
        queryset=None,
        required=False,
        help_text=_("Only for a decision on the strategy: the published version to adopt."),
    )
    initiator = forms.CharField(
        label=_("Initiator"),
        max_length=200,
        help_text=_("Usually the mayor: “Primar, Ion Popescu”."),
    )

    def __init__(self, *args, plans, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["plan"].label_from_instance = lambda plan: str(plan)
        self.fields["strategy_version"].queryset = versions
        self.fields["strategy_version"].label_from_instance = lambda version: (
            _("Version %(number)s of %(date)s")
            % {"number": version.number, "date": version.published_at.strftime("%d.%m.%Y")}
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == DecisionKind.STRATEGY and not data.get("strategy_version"):
            self.add_error(
                "strategy_version",
                _("Choose the published version of the strategy the council adopts."),
            )
        return data


class DecisionForm(forms.ModelForm):
    class Meta:
        model = DraftDecision
        fields = (
            "strategy_version",
            "initiator",
            "referat_number",
            "referat_date",
            "raport_number",
            "raport_date",
            "title",
            "preamble",
            "legal_basis",
            "articles",
            "referat_text",
            "raport_text",
        )
        widgets = {
            "referat_date": DATE_WIDGET,
            "raport_date": DATE_WIDGET,
            "title": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 6}),
            "legal_basis": forms.Textarea(attrs={"rows": 6}),
            "articles": forms.Textarea(attrs={"rows": 8}),
            "referat_text": forms.Textarea(attrs={"rows": 10}),
            "raport_text": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, versions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind == DecisionKind.STRATEGY and versions is not None:
            field = self.fields["strategy_version"]
            field.queryset = versions
            field.required = True
            field.label_from_instance = lambda version: (
                _("Version %(number)s") % {"number": version.number}
            )
        else:
            del self.fields["strategy_version"]


class OpinionForm(forms.ModelForm):
    file = forms.FileField(
        label=_("PDF of the opinion"),
        required=False,
        help_text=_("Optional; a PDF file of at most 10 MB, appended to the dossier."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    class Meta:
        model = Opinion
        fields = ("body", "issuer", "number", "date", "verdict")
        widgets = {"date": DATE_WIDGET}
