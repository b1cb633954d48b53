import json

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from consultations.validators import normalise_cif, validate_cif
from core.models import Membership, Organisation, Role, StrategyCycle, Zone


class MunicipalityScopedForm(forms.ModelForm):
    """A form for a row of one municipality: the municipality comes from the URL, not the user."""

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality

    def _get_validation_exclusions(self):
        # Validate uniqueness per municipality even though it is not a field of the form.
        exclude = super()._get_validation_exclusions()
        exclude.discard("municipality")
        return exclude


class ZoneForm(MunicipalityScopedForm):
    outline = forms.CharField(
        label=_("Outline (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("Optional: a GeoJSON Polygon or Feature, e.g. exported from geojson.io."),
    )

    class Meta:
        model = Zone
        fields = ["name", "kind", "priority_rank", "outline"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.outline:
            self.initial["outline"] = json.dumps(self.instance.outline, ensure_ascii=False)

    def clean_outline(self):
        raw = self.cleaned_data["outline"].strip()
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise forms.ValidationError(
                _("The outline is not valid JSON (line %(line)d, column %(col)d)."),
                params={"line": exc.lineno, "col": exc.colno},
            ) from exc


class OrganisationForm(MunicipalityScopedForm):
    """Staff keep a provider's verified details: legal form, fiscal code, accreditation."""

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "cif",
            "accreditation_number",
            "accreditation_date",
            "contact_person",
            "email",
            "phone",
            "address",
            "zones_served",
        ]
        widgets = {
            "accreditation_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "zones_served": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, municipality=municipality, **kwargs)
        self.fields["zones_served"].queryset = municipality.zones.all()

    def clean_cif(self):
        """Name the field at fault: a bad control digit, or a CIF another provider here has."""
        raw = self.cleaned_data["cif"]
        cif = normalise_cif(raw)
        if not cif:
            return ""
        validate_cif(raw)
        duplicate = Organisation.objects.filter(
            municipality=self.instance.municipality, cif=cif
        ).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(
                _("%(name)s already has the fiscal code %(cif)s here."),
                code="duplicate_cif",
                params={"name": duplicate.first().name, "cif": cif},
            )
        return cif


class StrategyCycleForm(MunicipalityScopedForm):
    class Meta:
        model = StrategyCycle
        fields = ["title", "start_year", "end_year"]


class StageChangeForm(forms.Form):
    expected_stage = forms.CharField(widget=forms.HiddenInput)


class RollbackForm(StageChangeForm):
    reason = forms.CharField(
        label=_("Why does the cycle go back?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    # Needed when going back reaches a council decision or an open consultation (core.rollback).
    confirm = forms.BooleanField(required=False)


class MembershipForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Only for provider members."),
    )
    is_organisation_admin = forms.BooleanField(
        label=_("Manages the organisation's members"), required=False
    )
    public_kind = forms.ChoiceField(
        label=_("Stakeholder type"),
        choices=[("", "—"), *Membership.PublicKind.choices],
        required=False,
        help_text=_("Only for the public role."),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["organisation"].queryset = municipality.organisations.all()

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == Role.PROVIDER and not data.get("organisation"):
            self.add_error("organisation", _("A provider member belongs to an organisation."))
        if role != Role.PROVIDER:
            data["organisation"] = None
            data["is_organisation_admin"] = False
        if role == Role.PUBLIC and not data.get("public_kind"):
            self.add_error("public_kind", _("Choose the stakeholder type."))
        email = data.get("email")
        if email and role:
            User = get_user_model()
            user = User.objects.filter(email__iexact=email).first()
            if (
                user
                and Membership.objects.filter(
                    user=user, municipality=self.municipality, role=role
                ).exists()
            ):
                self.add_error("role", _("This person already has this role here."))
        return data


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The user name or the password is wrong. Both are case-sensitive; check Caps Lock."
        ),
        "inactive": _("This account is inactive. Ask your municipality's administrator."),
    }


class PublicSignupForm(forms.Form):
    """A citizen or an organisation's representative registers to follow and comment."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    public_kind = forms.ChoiceField(
        label=_("You take part as"), choices=Membership.PublicKind.choices
    )
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accepts_notice = forms.BooleanField(
        label=_(
            "I have read how my data is used: my name is shown only with what I choose to publish."
        )
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this address exists already: log in, or reset its password.")
            )
        return email

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords differ."))
        elif one:
            from django.contrib.auth import password_validation

            user = get_user_model()(
                username=data.get("email", ""),
                email=data.get("email", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(one, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
