"""Forms of the strategy document editor (staff)."""

import json
import re

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from core.models import StrategyCycle
from strategy import editing
from strategy.models import (
    Guideline,
    Indicator,
    Section,
    SpecificObjective,
    StrategicObjective,
    Strategy,
)
from strategy.sanitise import sanitise


def normalise_decimal(value: str) -> str:
    """Read “1.234,5”, “1,234.5”, “1234,5” and “1234.5” alike, whatever the interface language.

    With both separators the last one is the decimal mark; repeated marks are thousands; a lone
    comma is a decimal comma (Romanian). A lone dot stays a decimal point, so “1.500” is refused
    for its three decimals rather than silently read as 1500 or 1.5.
    """
    value = re.sub(r"[\s\u00a0\u202f']", "", value)
    if "," in value and "." in value:
        thousands = "." if value.rfind(",") > value.rfind(".") else ","
        value = value.replace(thousands, "")
    elif value.count(",") > 1:
        value = value.replace(",", "")
    elif value.count(".") > 1:
        value = value.replace(".", "")
    return value.replace(",", ".")


class LocalDecimalField(forms.DecimalField):
    """Django's localized decimal field, tolerant of the other language's separators."""

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def to_python(self, value):
        if isinstance(value, str):
            value = normalise_decimal(value)
        return super().to_python(value)


class StrategyCreateForm(forms.Form):
    cycle = forms.ModelChoiceField(queryset=StrategyCycle.objects.none(), label=_("Strategy cycle"))
    title = forms.CharField(
        label=_("Title"),
        max_length=250,
        required=False,
        help_text=_("Leave empty for the usual title, made from the municipality and the years."),
    )

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.user = user
        self.fields["cycle"].queryset = (
            StrategyCycle.objects.filter(municipality=municipality, strategy__isnull=True)
            .select_related("municipality")
            .order_by("-start_year", "-pk")
        )

    def clean_cycle(self):
        cycle = self.cleaned_data["cycle"]
        probe = Strategy(municipality=self.municipality, cycle=cycle)
        if not self.user.has_perm("strategy.change_strategy", probe):
            raise forms.ValidationError(editing.edit_stage_message(cycle))
        return cycle


class StrategyForm(forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["title"]


class RichTextarea(forms.Textarea):
    """A textarea that static/js/rich-text-editor.js turns into the chapter editor.

    The editor (django-prose-editor's Tiptap bundle) is loaded by URL from our own static files,
    so the page needs no import map or other inline script; without script the textarea stays.
    """

    EDITOR_MODULE = "django_prose_editor/editor.js"
    # The package names its buttons in English: these are what screen readers and tooltips say.
    BUTTONS = {
        "heading3": _("Heading"),
        "heading4": _("Subheading"),
        "paragraph": _("Paragraph"),
        "bulletList": _("Bulleted list"),
        "orderedList": _("Numbered list"),
        "blockquote": _("Quotation"),
        "bold": _("Bold"),
        "italic": _("Italic"),
        "underline": _("Underline"),
        "link": _("Link"),
        "unlink": _("Remove the link"),
        "table": _("Insert a table"),
        "table:addColumnAfter": _("Add a column"),
        "table:deleteColumn": _("Delete the column"),
        "table:addRowAfter": _("Add a row"),
        "table:deleteRow": _("Delete the row"),
        "table:mergeCells": _("Merge cells"),
        "table:splitCell": _("Split the cell"),
        "table:toggleHeaderCell": _("Header cell on or off"),
        "table:deleteTable": _("Delete the table"),
        "history:undo": _("Undo"),
        "history:redo": _("Redo"),
    }
    # The texts of its link and table dialogs, which it passes through window.gettext.
    DIALOGS = {
        "URL": _("Address (https://…)"),
        "Title": _("Title"),
        "Edit Link": _("Edit the link"),
        "Rows": _("Rows"),
        "Columns": _("Columns"),
        "Include header row": _("Include a header row"),
        "Table Properties": _("Table"),
        "Insert Table": _("Insert the table"),
        "Update": _("Save"),
        "Cancel": _("Cancel"),
    }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        labels = {
            "buttons": {key: str(text) for key, text in self.BUTTONS.items()},
            "dialogs": {key: str(text) for key, text in self.DIALOGS.items()},
        }
        context["widget"]["attrs"]["data-rich-text"] = static(self.EDITOR_MODULE)
        context["widget"]["attrs"]["data-rich-text-labels"] = json.dumps(labels)
        return context


RICH_TEXT_HELP = _(
    "Format with the toolbar or the keyboard: Ctrl+B bold, Ctrl+I italic, Ctrl+Alt+3 and "
    "Ctrl+Alt+4 headings, Ctrl+Shift+8 bulleted list, Ctrl+Shift+7 numbered list, Ctrl+K link. "
    "Text pasted from Word keeps its headings, lists and tables; other formatting is dropped."
)


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["kind", "title", "body"]
        widgets = {"body": RichTextarea(attrs={"rows": 16})}
        help_texts = {"body": RICH_TEXT_HELP}

    def clean_body(self):
        return sanitise(self.cleaned_data["body"])


class GuidelineForm(forms.ModelForm):
    class Meta:
        model = Guideline
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = StrategicObjective
        fields = ["title", "guideline", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.strategy = strategy
        guideline = self.fields["guideline"]
        guideline.queryset = Guideline.objects.filter(strategy=strategy).order_by("position", "pk")
        numbers = {g.pk: f"LD{i}" for i, g in enumerate(guideline.queryset, start=1)}
        guideline.label_from_instance = lambda g: f"{numbers.get(g.pk, '')} {g.title}".strip()


class SpecificObjectiveForm(forms.ModelForm):
    class Meta:
        model = SpecificObjective
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class IndicatorForm(forms.ModelForm):
    baseline = LocalDecimalField(
        label=_("Baseline"), max_digits=14, decimal_places=2, required=False
    )
    target = LocalDecimalField(label=_("Target"), max_digits=14, decimal_places=2)

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "baseline",
            "baseline_year",
            "target",
            "target_year",
            "source",
            "frequency",
            "measured_by",
        ]

    def clean(self):
        cleaned = super().clean()
        baseline, year = cleaned.get("baseline"), cleaned.get("baseline_year")
        if baseline is not None and year is None and "baseline_year" not in self.errors:
            self.add_error("baseline_year", _("Give the year of the baseline."))
        if year is not None and baseline is None and "baseline" not in self.errors:
            self.add_error("baseline", _("Give the baseline value for this year."))
        return cleaned

    def _post_clean(self):
        # The model repeats the baseline check without naming a field: the form named it already.
        if self._errors:
            return
        super()._post_clean()
