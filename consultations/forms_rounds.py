"""Forms of the consultation rounds: the round and its questions (staff), the response and its
attachments (providers). Validation only; the writes are in consultations.rounds."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.attachments import check_upload
from consultations.models import ConsultationRound, QuestionKind
from consultations.rounds import MAX_MATRIX_CELL, MAX_TEXT_ANSWER, SCALE_VALUES
from core.forms import MunicipalityScopedForm
from core.models import StrategyCycle

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_LOCAL)


class RoundForm(MunicipalityScopedForm):
    """A round of this municipality; the times are read in the municipality's time zone."""

    class Meta:
        model = ConsultationRound
        fields = ["cycle", "title", "introduction", "opens_at", "closes_at", "invited", "published"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "opens_at": DateTimeLocalInput(),
            "closes_at": DateTimeLocalInput(),
            "invited": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "opens_at": gettext_lazy("Romania's time (Europe/Bucharest)."),
            "closes_at": gettext_lazy(
                "Romania's time (Europe/Bucharest). After this moment no response can change."
            ),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, municipality=municipality, **kwargs)
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = [
                DATETIME_LOCAL,
                "%Y-%m-%d %H:%M",
                "%Y-%m-%d %H:%M:%S",
            ]
        self.fields["cycle"].queryset = StrategyCycle.objects.filter(municipality=municipality)
        self.fields["invited"].queryset = municipality.organisations.order_by("name")
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault(
                "invited", list(municipality.organisations.values_list("pk", flat=True))
            )
            current = StrategyCycle.objects.current_for(municipality)
            if current is not None:
                self.initial.setdefault("cycle", current.pk)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Type"), choices=QuestionKind.choices)
    text = forms.CharField(label=gettext_lazy("Question"), max_length=500)
    help_text = forms.CharField(
        label=gettext_lazy("Explanation"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Shown under the question, e.g. what to include."),
    )
    required = forms.BooleanField(label=gettext_lazy("Required"), required=False)
    options = forms.CharField(
        label=gettext_lazy("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "For single and multiple choice questions: one option per line, at least two."
        ),
    )

    def __init__(self, *args, question=None, **kwargs):
        if question is not None:
            kwargs.setdefault(
                "initial",
                {
                    "kind": question.kind,
                    "text": question.text,
                    "help_text": question.help_text,
                    "required": question.required,
                    "options": "\n".join(question.choices),
                },
            )
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        lines = [line.strip() for line in cleaned.get("options", "").splitlines()]
        choices = [line for line in lines if line]
        if cleaned.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            if len(choices) < 2:
                self.add_error("options", _("A choice question needs at least two options."))
            elif len(set(choices)) != len(choices):
                self.add_error("options", _("The options must differ from each other."))
            elif any(len(c) > 200 for c in choices):
                self.add_error("options", _("Keep each option under 200 characters."))
        else:
            choices = []
        cleaned["choices"] = choices
        return cleaned


def field_name(question) -> str:
    return f"q{question.pk}"


def cell_name(question, service, category) -> str:
    return f"q{question.pk}_{service.pk}_{category.pk}"


class ResponseForm(forms.Form):
    """The questions of a round as fields; nothing is required here, since a draft may be
    incomplete; on submission the service names the required questions left blank."""

    def __init__(self, *args, questions, services, categories, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.services, self.categories = list(services), list(categories)
        self.question_errors: dict[int, list[str]] = {}
        answers = answers or {}
        for question in self.questions:
            answer = answers.get(question.pk)
            if question.kind == QuestionKind.MATRIX:
                self._add_matrix(question, answer)
            else:
                self._add_field(question, answer)

    def _add_field(self, question, answer):
        name = field_name(question)
        number = self.questions.index(question) + 1
        label = f"{number}. {question.text}" + (" *" if question.required else "")
        common = {"label": label, "help_text": question.help_text, "required": False}
        kind = question.kind
        if kind == QuestionKind.TEXT:
            field = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 5}), max_length=MAX_TEXT_ANSWER, **common
            )
            initial = answer.text if answer else ""
        elif kind == QuestionKind.SINGLE:
            field = forms.ChoiceField(
                choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common
            )
            initial = answer.value if answer else None
        elif kind == QuestionKind.MULTIPLE:
            field = forms.MultipleChoiceField(
                choices=[(c, c) for c in question.choices],
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
            initial = answer.value if answer else []
        else:  # scale
            field = forms.TypedChoiceField(
                choices=[(n, str(n)) for n in SCALE_VALUES],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
                **common,
            )
            initial = answer.value if answer else None
        self.fields[name] = field
        self.initial[name] = initial

    def _add_matrix(self, question, answer):
        value = answer.value if answer and isinstance(answer.value, dict) else {}
        for service in self.services:
            row = value.get(str(service.pk), {})
            for category in self.categories:
                name = cell_name(question, service, category)
                self.fields[name] = forms.IntegerField(
                    label=f"{service.name} – {category.name}",
                    required=False,
                    min_value=0,
                    max_value=MAX_MATRIX_CELL,
                    widget=forms.NumberInput(
                        attrs={"min": 0, "class": "form-control form-control-sm", "step": 1}
                    ),
                )
                self.initial[name] = row.get(str(category.pk))

    def answers(self) -> dict:
        """The cleaned answers as the service takes them: question id → value."""
        data = self.cleaned_data
        result = {}
        for question in self.questions:
            if question.kind == QuestionKind.MATRIX:
                result[question.pk] = {
                    str(service.pk): {
                        str(category.pk): data.get(cell_name(question, service, category))
                        for category in self.categories
                        if data.get(cell_name(question, service, category)) is not None
                    }
                    for service in self.services
                }
                result[question.pk] = {k: v for k, v in result[question.pk].items() if v}
            else:
                result[question.pk] = data.get(field_name(question))
        return result

    def add_question_error(self, question, message: str) -> None:
        """Show ``message`` at the question (a matrix has no single field to carry it)."""
        self.question_errors.setdefault(question.pk, []).append(message)
        if question.kind != QuestionKind.MATRIX:
            self.add_error(field_name(question), message)

    def blocks(self) -> list[dict]:
        """What the template shows per question (fields, matrix rows and errors), in order."""
        blocks = []
        for number, question in enumerate(self.questions, start=1):
            block = {"number": number, "question": question, "is_matrix": False}
            if question.kind == QuestionKind.MATRIX:
                rows = [
                    {
                        "service": service,
                        "cells": [
                            self[cell_name(question, service, category)]
                            for category in self.categories
                        ],
                    }
                    for service in self.services
                ]
                cell_errors = [
                    error
                    for row in rows
                    for cell in row["cells"]
                    for error in cell.errors
                    if cell.errors
                ]
                block.update(
                    is_matrix=True,
                    rows=rows,
                    errors=self.question_errors.get(question.pk, []) + cell_errors[:1],
                )
            else:
                block["field"] = self[field_name(question)]
            blocks.append(block)
        return blocks


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Document"),
        allow_empty_file=True,  # our own check names the empty file
        help_text=gettext_lazy("PDF, DOCX, XLSX or ODT."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.checked = check_upload(uploaded)
        return uploaded
