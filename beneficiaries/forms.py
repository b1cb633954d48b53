from django import forms
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import BeneficiaryCategory, MapLevel, Question, SpiralSession
from core.forms import MunicipalityScopedForm
from core.models import Role, StrategyCycle, User


class SpiralSessionForm(MunicipalityScopedForm):
    class Meta:
        model = SpiralSession
        fields = [
            "cycle",
            "category",
            "group_name",
            "zone",
            "date",
            "place",
            "facilitators",
            "women",
            "men",
            "age_under_18",
            "age_18_34",
            "age_35_64",
            "age_65_plus",
            "consent_recorded",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "facilitators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, municipality=municipality, **kwargs)
        self.fields["cycle"].queryset = municipality.cycles.all()
        self.fields["category"].queryset = municipality.beneficiary_categories.all()
        self.fields["zone"].queryset = municipality.zones.all()
        self.fields["facilitators"].queryset = User.objects.filter(
            memberships__municipality=municipality,
            memberships__role__in=[Role.FACILITATOR, Role.STAFF],
        ).distinct()
        if not self.instance.pk and not self.initial.get("cycle"):
            self.initial["cycle"] = StrategyCycle.objects.current_for(municipality)


class StatementBatchForm(forms.Form):
    question = forms.ChoiceField(
        label=_("Question"), choices=Question.choices, widget=forms.RadioSelect
    )
    lines = forms.CharField(
        label=_("Statements, one per line"),
        widget=forms.Textarea(attrs={"rows": 8, "autofocus": True}),
        max_length=100_000,
    )
    resolution = forms.CharField(required=False, widget=forms.HiddenInput)


class StatementEditForm(forms.Form):
    text = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 2}))
    resolution = forms.CharField(required=False, widget=forms.HiddenInput)


class StatementImportForm(forms.Form):
    MAX_BYTES = 20 * 1024 * 1024

    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        help_text=_(
            "Columns “întrebare” (1–4 or the question's name) and “afirmație”; "
            "one statement per row."
        ),
    )
    personal_data = forms.ChoiceField(
        label=_("Rows that look like personal data"),
        choices=[
            ("", _("stop and show them to me")),
            ("redact", _("replace the personal data with placeholders")),
            ("confirm", _("I checked them: import them as they are")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("Only .xlsx and .csv files can be imported."))
        return upload


class BeneficiaryCategoryForm(MunicipalityScopedForm):
    class Meta:
        model = BeneficiaryCategory
        fields = ["name", "selected"]

    def save(self, commit=True):
        if not self.instance.key:
            from django.utils.text import slugify

            base = slugify(self.instance.name)[:50] or "categorie"
            key, n = base, 1
            while BeneficiaryCategory.objects.filter(
                municipality=self.instance.municipality, key=key
            ).exists():
                n += 1
                key = f"{base}-{n}"
            self.instance.key = key
        return super().save(commit)


class PublishMapForm(forms.Form):
    """Staff choose how finely the public map breaks the statements down."""

    level = forms.ChoiceField(
        label=_("Level of detail"), choices=MapLevel.choices, widget=forms.RadioSelect
    )
