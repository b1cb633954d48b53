"""Forms of the staff pages that draft the annual action plan."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from actionplans import editing
from actionplans.budget import objective_numbers
from actionplans.models import MAX_AMOUNT, ActionPlan, BudgetLine, Measure, MeasureIndicator
from consultations.validators import normalise_nomenclature_code
from strategy.forms_document import LocalDecimalField

MONTH_CHOICES = [(number, MONTHS[number]) for number in range(1, 13)]
AMOUNT_HELP = _("In lei, with at most two decimals, e.g. 1.234,50.")


class AmountField(LocalDecimalField):
    """An amount in lei: reads “1.234,50” and “1234.50” alike, never negative, two decimals."""

    default_error_messages = {
        "invalid": _("Enter an amount in lei, e.g. 1.234,50."),
        "min_value": _("The amount cannot be negative."),
        "max_value": _("The amount is too large."),
        "max_digits": _("The amount is too large."),
        "max_whole_digits": _("The amount is too large."),
        # “1.500” is refused rather than guessed (1500 or 1,5?): say how to write thousands.
        "max_decimal_places": _(
            "At most two decimals (bani); for thousands write 1500 or 1.500,00, not 1.500."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_AMOUNT)
        kwargs.setdefault("help_text", AMOUNT_HELP)
        super().__init__(**kwargs)


class MonthField(forms.TypedChoiceField):
    default_error_messages = {
        "invalid_choice": _("Choose a month of the year, January to December."),
    }

    def __init__(self, **kwargs):
        super().__init__(choices=[("", "—"), *MONTH_CHOICES], coerce=int, **kwargs)


# --- The plan ----------------------------------------------------------------------------------


class PlanCreateForm(forms.Form):
    cycle = forms.ModelChoiceField(queryset=None, label=_("Strategy cycle"))
    year = forms.IntegerField(label=_("Year of the plan"), min_value=2000, max_value=2100)
    copy_from = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Start from a copy of"),
        empty_label=_("— an empty plan —"),
        help_text=_(
            "The measures, budget lines, indicators (without results) and the objectives "
            "without a measure are copied; the copy is a new draft."
        ),
    )

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        from core.models import StrategyCycle

        self.municipality = municipality
        self.user = user
        self.fields["cycle"].queryset = StrategyCycle.objects.filter(
            municipality=municipality
        ).order_by("-start_year", "-pk")
        self.fields["copy_from"].queryset = (
            ActionPlan.objects.filter(municipality=municipality)
            .select_related("cycle")
            .order_by("-year", "-pk")
        )
        self.fields["copy_from"].label_from_instance = lambda plan: (
            _("The plan for %(year)s (%(cycle)s)") % {"year": plan.year, "cycle": plan.cycle}
        )

    def clean_cycle(self):
        cycle = self.cleaned_data["cycle"]
        if not self.user.has_perm("actionplans.add_plan", cycle):
            raise forms.ValidationError(
                _(
                    "Action plans can be drafted only once the strategy cycle reaches the "
                    "action-plan stage; the cycle “%(cycle)s” is now in the stage “%(stage)s”."
                )
                % {"cycle": cycle, "stage": cycle.stage.label}
            )
        if not editing.has_objectives(cycle):
            raise forms.ValidationError(
                _("The strategy of this cycle has no specific objectives yet: write them first.")
            )
        return cycle

    def clean(self):
        cleaned = super().clean()
        cycle, year = cleaned.get("cycle"), cleaned.get("year")
        copy_from = cleaned.get("copy_from")
        if cycle and year:
            if not cycle.start_year <= year <= cycle.end_year:
                self.add_error(
                    "year",
                    _("The year must fall within the strategy, %(first)s–%(last)s.")
                    % {"first": cycle.start_year, "last": cycle.end_year},
                )
            elif ActionPlan.objects.filter(cycle=cycle, year=year).exists():
                self.add_error("year", _("This strategy already has a plan for that year."))
        if cycle and copy_from and copy_from.cycle_id != cycle.pk:
            self.add_error("copy_from", _("Copy a plan of the same strategy cycle."))
        return cleaned


class PlanForm(forms.ModelForm):
    local_budget_allocated = AmountField(
        label=_("Amount in the draft local budget (lei)"),
        required=False,
        help_text=_(
            "What the draft local budget sets aside for social services; the plan's local-budget "
            "lines must not exceed it. Leave empty if not known yet."
        ),
    )

    class Meta:
        model = ActionPlan
        fields = ["introduction", "local_budget_allocated"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 8})}


class SkipObjectiveForm(forms.Form):
    specific_objective = forms.TypedChoiceField(
        label=_("Specific objective"), coerce=int, choices=()
    )
    reason = forms.CharField(
        label=_("Why no measure this year"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specific_objective"].choices = choices


# --- Measures ----------------------------------------------------------------------------------


class MeasureForm(forms.ModelForm):
    start_month = MonthField(label=_("Start month"))
    end_month = MonthField(label=_("End month"))

    class Meta:
        model = Measure
        fields = [
            "section",
            "specific_objective",
            "title",
            "description",
            "service",
            "service_code",
            "service_name",
            "department",
            "partners",
            "categories",
            "zone",
            "capacity",
            "beneficiaries",
            "staff",
            "start_month",
            "end_month",
            "status",
            "unfunded",
            "unfunded_reason",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.CheckboxSelectMultiple,
            "categories": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "specific_objective": {
                "required": _("Choose the specific objective the measure serves."),
            },
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        from beneficiaries.models import BeneficiaryCategory
        from consultations.models import SocialService
        from core.models import Organisation, Zone
        from strategy.models import SpecificObjective

        self.plan = plan
        self.instance.plan = plan
        municipality = plan.municipality
        _tree, numbers = objective_numbers(plan.cycle)
        specific = self.fields["specific_objective"]
        specific.queryset = SpecificObjective.objects.filter(
            objective__strategy__cycle=plan.cycle
        ).order_by("objective__position", "objective__pk", "position", "pk")
        specific.label_from_instance = lambda o: (
            f"{numbers[o.pk]['number']} {o.title}" if o.pk in numbers else o.title
        )
        service = self.fields["service"]
        service.queryset = (
            SocialService.objects.approved()
            .filter(municipality=municipality)
            .select_related("organisation")
            .order_by("code", "name")
        )
        service.label_from_instance = lambda s: f"{s.code} – {s.name} ({s.organisation.name})"
        service.help_text = _(
            "A service of the guide; or leave empty and type the code and name of a new one."
        )
        self.fields["partners"].queryset = Organisation.objects.filter(
            municipality=municipality
        ).order_by("name")
        self.fields["categories"].queryset = BeneficiaryCategory.objects.filter(
            municipality=municipality
        ).order_by("name")
        self.fields["zone"].queryset = Zone.objects.filter(municipality=municipality).order_by(
            "name"
        )

    def clean_service_code(self):
        return normalise_nomenclature_code(self.cleaned_data["service_code"])

    def clean(self):
        cleaned = super().clean()
        service = cleaned.get("service")
        if service is not None:
            # The guide's service names the code and the name unless the user typed others.
            if not cleaned.get("service_code"):
                cleaned["service_code"] = service.code
            if not cleaned.get("service_name"):
                cleaned["service_name"] = service.name
        return cleaned


class BudgetLineForm(forms.ModelForm):
    amount = AmountField(label=_("Amount (lei)"))

    class Meta:
        model = BudgetLine
        fields = ["source", "programme", "amount", "note"]


class BaseBudgetLineFormSet(BaseInlineFormSet):
    def clean(self):
        """One line per source and programme (the database would refuse the second)."""
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            source = form.cleaned_data.get("source")
            programme = (form.cleaned_data.get("programme") or "").strip().casefold()
            if (source, programme) in seen:
                form.add_error(
                    "source",
                    _("The measure already has a line for this source and programme."),
                )
            seen.add((source, programme))


class MeasureIndicatorForm(forms.ModelForm):
    target = LocalDecimalField(
        label=_("Target for the year"), max_digits=14, decimal_places=2, min_value=0
    )

    class Meta:
        model = MeasureIndicator
        fields = ["strategy_indicator", "name", "unit", "target"]

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        from strategy.models import Indicator

        self.fields["name"].required = False
        self.fields["unit"].required = False
        chosen = self.fields["strategy_indicator"]
        chosen.required = False
        chosen.queryset = (
            Indicator.objects.filter(
                specific_objective__objective__strategy__cycle=plan.cycle
            ).order_by("specific_objective__position", "position", "pk")
            if plan is not None
            else Indicator.objects.none()
        )
        chosen.help_text = _("Optional: an indicator of the strategy; its name and unit are used.")

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("strategy_indicator")
        for name in ("name", "unit"):
            if not cleaned.get(name):
                if chosen is not None:
                    cleaned[name] = getattr(chosen, name)
                    setattr(self.instance, name, cleaned[name])
                else:
                    self.add_error(name, _("This field is required."))
        return cleaned


BudgetLineFormSet = inlineformset_factory(
    Measure,
    BudgetLine,
    form=BudgetLineForm,
    formset=BaseBudgetLineFormSet,
    extra=3,
    can_delete=True,
)
IndicatorFormSet = inlineformset_factory(
    Measure,
    MeasureIndicator,
    form=MeasureIndicatorForm,
    extra=2,
    can_delete=True,
)
