from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import FundingSource, SocialService
from consultations.services import EDITABLE
from consultations.validators import SERVICE_TYPES
from core.forms import MunicipalityScopedForm


class SocialServiceForm(MunicipalityScopedForm):
    funding_sources = forms.MultipleChoiceField(
        label=_("Funding sources"),
        choices=FundingSource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SocialService
        fields = ["organisation", *EDITABLE]
        widgets = {
            "licence_expiry": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "categories": forms.CheckboxSelectMultiple,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def clean_code(self):
        from consultations.validators import normalise_nomenclature_code

        return normalise_nomenclature_code(self.cleaned_data["code"])

    def clean_phone(self):
        # The field's validator has already refused what is not a Romanian number.
        from consultations.validators import normalise_ro_phone

        return normalise_ro_phone(self.cleaned_data["phone"])

    def __init__(self, *args, municipality, provider=None, **kwargs):
        super().__init__(*args, municipality=municipality, **kwargs)
        self.fields["organisation"].queryset = municipality.organisations.all()
        if provider is not None:
            # A provider proposes entries for its own organisation only.
            self.instance.organisation = provider
            del self.fields["organisation"]
        self.fields["zone"].queryset = municipality.zones.all()
        self.fields["categories"].queryset = municipality.beneficiary_categories.all()


class GuideFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ModelChoiceField(
        label=_("Beneficiary category"), queryset=None, required=False, empty_label=_("all")
    )
    zone = forms.ModelChoiceField(
        label=_("Zone"), queryset=None, required=False, empty_label=_("all")
    )
    service_type = forms.ChoiceField(
        label=_("Type of service"),
        required=False,
        choices=[("", _("all")), *SERVICE_TYPES.items(), ("community", _("in the community"))],
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = municipality.beneficiary_categories.all()
        self.fields["zone"].queryset = municipality.zones.all()
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"
