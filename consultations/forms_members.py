"""Forms of provider organisations: their own details, their members and invitations."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from core.models import Organisation


class OrganisationContactForm(forms.ModelForm):
    """What an organisation's admin may correct; name, CIF and legal form are staff-verified."""

    class Meta:
        model = Organisation
        fields = [
            "contact_person",
            "email",
            "phone",
            "address",
            "accreditation_number",
            "accreditation_date",
            "zones_served",
        ]
        widgets = {
            "accreditation_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "zones_served": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zones_served"].queryset = self.instance.municipality.zones.all()


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    is_organisation_admin = forms.BooleanField(
        label=_("Manages the organisation's members"),
        required=False,
        help_text=_("They can then invite and remove members, and edit the contact details."),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class InvitationSignupForm(forms.Form):
    """A new account for the invited address: the e-mail comes from the invitation."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields[
            "password1"
        ].help_text = password_validation.password_validators_help_text_html()

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords differ."))
        elif one:
            user = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(one, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
