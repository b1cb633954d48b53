"""Forms of the monitoring pages; the rules live in ``monitoring.services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.forms_plans import AmountField
from actionplans.templatetags.plans import lei
from consultations.models import FundingSource
from monitoring.models import MeasureProgress
from strategy.forms_document import LocalDecimalField

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MeasureProgress.Status.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the measure is delayed or cancelled: say why."),
    )
    beneficiaries_reached = forms.IntegerField(
        label=_("Beneficiaries reached"), required=False, min_value=0, max_value=1_000_000
    )

    def __init__(self, *args, planned: dict, closed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        for source, label in FundingSource.choices:
            amount = planned.get(source)
            help_text = (
                _("Planned for the year: %(amount)s lei.") % {"amount": lei(amount, False)}
                if amount is not None
                else _("No budget line from this source.")
            )
            self.fields[f"amount_{source}"] = AmountField(
                label=_("Executed in the period from: %(source)s") % {"source": label},
                required=False,
                help_text=help_text,
            )
        if closed:
            self.fields["correction_reason"] = forms.CharField(
                label=_("Reason for the correction"),
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("The period is closed: the change is recorded as a correction."),
            )

    def executions(self) -> dict:
        return {
            source: self.cleaned_data.get(f"amount_{source}") for source in FundingSource.values
        }


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What the partner should change"), widget=forms.Textarea(attrs={"rows": 3})
    )


class IndicatorValueForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"))
    value = LocalDecimalField(label=_("Measured value"), max_digits=14, decimal_places=2)
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE_WIDGET)
    source = forms.CharField(label=_("Data source"), max_length=250)
    correction_reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        help_text=_("Only for a date in a closed period."),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—"), *choices]
