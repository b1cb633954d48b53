"""The municipality's own templates of the texts of a draft decision: the six parts per kind of
decision, editing one (checked for unknown placeholders) and going back to Spirala's default.

A new draft decision copies these templates (``council_texts.initial_texts``); a draft already
started keeps its own texts. The object of the permission is the Municipality; a user with no
role in the municipality of the URL gets 404, as for another municipality's objects.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans import council_texts
from actionplans.forms_templates import DecisionTemplateForm
from actionplans.models import DecisionKind, DecisionTemplate
from core.access import get_municipality, login_or_403
from core.predicates import roles_in

PERM = "actionplans.manage_decision_templates"
HISTORY_SHOWN = 10


def _municipality_for(request, slug):
    """(municipality, None) for who may manage its templates, else (None, the response)."""
    municipality = get_municipality(slug)
    user = request.user
    if user.is_authenticated and not user.is_superuser and not roles_in(user, municipality.pk):
        raise Http404
    return municipality, login_or_403(request, PERM, municipality)


def _part(kind: str, part: str) -> tuple[str, str]:
    """The labels of a kind and a part named in the URL; 404 for anything else."""
    if kind not in DecisionKind.values or part not in council_texts.PARTS:
        raise Http404
    return str(DecisionKind(kind).label), str(DecisionTemplate.Part(part).label)


def _edit_url(slug, kind, part) -> str:
    return reverse("decision-template-edit", args=[slug, kind, part])


def decision_template_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The six texts of each kind of decision: the municipality's own or Spirala's default, and
    who changed them last (two queries)."""
    municipality, refusal = _municipality_for(request, slug)
    if refusal:
        return refusal
    own = {
        (row.kind, row.part): row
        for row in DecisionTemplate.objects.filter(municipality=municipality)
    }
    last_change = {}
    for record in (
        DecisionTemplate.history.filter(municipality_id=municipality.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    ):
        last_change.setdefault((record.kind, record.part), record)
    kinds = []
    for kind, kind_label in DecisionKind.choices:
        rows = []
        for part in council_texts.PARTS:
            template = own.get((kind, part))
            body = template.body if template else council_texts.DEFAULT_TEMPLATES[kind][part]
            rows.append(
                {
                    "part": part,
                    "label": DecisionTemplate.Part(part).label,
                    "own": template is not None,
                    "preview": body,
                    "last_change": last_change.get((kind, part)),
                    "edit_url": _edit_url(slug, kind, part),
                    "reset_url": reverse("decision-template-reset", args=[slug, kind, part]),
                }
            )
        kinds.append({"kind": kind, "label": kind_label, "rows": rows})
    return render(
        request,
        "actionplans/decision_templates/template_list.html",
        {"municipality": municipality, "kinds": kinds},
    )


def decision_template_edit(request: HttpRequest, slug: str, kind: str, part: str) -> HttpResponse:
    """GET the template of one part beside the table of placeholders; POST save it."""
    municipality, refusal = _municipality_for(request, slug)
    if refusal:
        return refusal
    kind_label, part_label = _part(kind, part)
    own = DecisionTemplate.objects.filter(municipality=municipality, kind=kind, part=part).first()
    default = council_texts.DEFAULT_TEMPLATES[kind][part]
    form = DecisionTemplateForm(
        request.POST if request.method == "POST" else None,
        initial={"body": own.body if own else default},
    )
    if request.method == "POST" and form.is_valid():
        try:
            council_texts.save_template(
                municipality=municipality,
                kind=kind,
                part=part,
                body=form.cleaned_data["body"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(
                request,
                _(
                    "The template was saved. New draft decisions start from it; drafts already "
                    "started keep their texts."
                ),
            )
            return redirect(reverse("decision-template-list", args=[slug]))
    history = list(
        DecisionTemplate.history.filter(municipality_id=municipality.pk, kind=kind, part=part)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:HISTORY_SHOWN]
    )
    return render(
        request,
        "actionplans/decision_templates/template_form.html",
        {
            "municipality": municipality,
            "kind": kind,
            "part": part,
            "kind_label": kind_label,
            "part_label": part_label,
            "form": form,
            "own": own is not None,
            "default": default,
            "placeholders": [
                {"name": name, "description": description}
                for name, description in council_texts.PLACEHOLDERS.items()
            ],
            "history": history,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
def decision_template_reset(request: HttpRequest, slug: str, kind: str, part: str) -> HttpResponse:
    """Drop the municipality's own template of one part: Spirala's default applies again."""
    municipality, refusal = _municipality_for(request, slug)
    if refusal:
        return refusal
    _kind_label, part_label = _part(kind, part)
    removed = council_texts.reset_template(
        municipality=municipality, kind=kind, part=part, user=request.user
    )
    if removed:
        messages.success(
            request,
            _("“%(part)s” is Spirala's default text again for new draft decisions.")
            % {"part": part_label},
        )
    else:
        messages.info(
            request, _("“%(part)s” already was Spirala's default text.") % {"part": part_label}
        )
    return redirect(reverse("decision-template-list", args=[slug]))
