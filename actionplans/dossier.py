"""The council dossier of a draft decision: one PDF, made by Celery (the stored-file pattern).

The dossier holds, in this order: a cover; the table of contents (page numbers, and PDF bookmarks
from the headings); the draft decision; the referat de aprobare; the raport de specialitate;
Annex 1, the strategy version (for a decision on the strategy); the annual action plan in the
legal model's tables on landscape pages; the Law 52/2003 consultation report; the published map
of needs as vector charts; the list of avize, followed by their uploaded PDFs. It is PDF/A-3b and
embeds the plan's XLSX.

A request is idempotent: while a dossier of the same content is waiting, being made or made, a
second click returns it. The content is summed up in a *fingerprint* (the texts, the documents,
the plan's changes); a dossier whose fingerprint differs from the decision's is out of date.
"""

import hashlib
import io
import json

from django.db import transaction
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.models import (
    ActionPlan,
    BudgetLine,
    DecisionKind,
    DraftDecision,
    Measure,
    MeasureIndicator,
    ObjectiveSkipped,
)
from core.exceptions import DomainError
from core.generated import create_generated_file, is_expired, register_kind, set_progress
from core.models import GeneratedFile

KIND = "council_dossier"
PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

NO_DOSSIER = {
    "file": None,
    "state": None,
    "sha256": "",
    "download_url": None,
    "out_of_date": False,
    "made_at": None,
}


def _back_url(file) -> str | None:
    decision_id = file.params.get("decision")
    if not decision_id:
        return None
    return reverse("decision-detail", args=[file.municipality.slug, decision_id])


register_kind(
    KIND,
    label=gettext_lazy("Council dossier (PDF)"),
    perm="actionplans.download_dossier",
    back_url=_back_url,
    back_label=gettext_lazy("Back to the draft decision"),
    keep=True,
)


# --- What the dossier is made of ----------------------------------------------------------------


def _plan_markers(plan_ids) -> dict[int, list]:
    """Per plan, a marker of every change to its measures, budget lines, indicators and skipped
    objectives (from the audit history: a constant 4 queries for any number of plans). The plan's
    own fields are read from the row (submitting or approving it changes nothing in the dossier)."""
    plan_ids = list(plan_ids)
    markers: dict[int, list] = {plan_id: [] for plan_id in plan_ids}
    if not plan_ids:
        return markers
    sources = (
        (Measure.history.model, "plan_id"),
        (BudgetLine.history.model, "measure__plan_id"),
        (MeasureIndicator.history.model, "measure__plan_id"),
        (ObjectiveSkipped.history.model, "plan_id"),
    )
    for model, field in sources:
        rows = (
            model.objects.filter(**{f"{field}__in": plan_ids})
            .order_by()
            .values(field)
            .annotate(last=Max("history_id"), changes=Count("history_id"))
        )
        found = {row[field]: (row["last"], row["changes"]) for row in rows}
        for plan_id in plan_ids:
            markers[plan_id].append(found.get(plan_id, (0, 0)))
    return markers


def _opinion_rows(decision_ids) -> dict[int, list]:
    from actionplans.models import Opinion

    rows: dict[int, list] = {decision_id: [] for decision_id in decision_ids}
    for row in (
        Opinion.objects.filter(decision_id__in=list(decision_ids))
        .order_by("pk")
        .values_list("decision_id", "pk", "body", "issuer", "number", "date", "verdict", "sha256")
    ):
        rows[row[0]].append([str(value) for value in row[1:]])
    return rows


def _fingerprint(decision: DraftDecision, opinions: list, plan_marker: list) -> str:
    from actionplans import council_texts

    content = {
        "kind": decision.kind,
        "version": decision.strategy_version_id,
        "plan": decision.plan_id,
        "fields": [
            str(getattr(decision, name) or "")
            for name in (
                "initiator",
                "referat_number",
                "referat_date",
                "raport_number",
                "raport_date",
                *council_texts.PARTS,
            )
        ],
        "opinions": opinions,
        "plan_changes": plan_marker,
        "plan_fields": [
            str(getattr(decision.plan, name))
            for name in ("year", "introduction", "local_budget_allocated")
        ],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def fingerprint(decision: DraftDecision) -> str:
    """What the decision's dossier is made of, summed up: texts, documents, the plan's changes."""
    return _fingerprint(
        decision,
        _opinion_rows([decision.pk])[decision.pk],
        _plan_markers([decision.plan_id])[decision.plan_id],
    )


def _files_of(decision_ids) -> dict[int, GeneratedFile]:
    """The newest dossier file of each decision (one query)."""
    newest: dict[int, GeneratedFile] = {}
    files = (
        GeneratedFile.objects.filter(kind=KIND, params__decision__in=list(decision_ids))
        .select_related("municipality")
        .order_by("-created_at")
    )
    for file in files:
        newest.setdefault(file.params.get("decision"), file)
    return newest


def _status(file: GeneratedFile | None, current: str) -> dict:
    if file is None:
        return dict(NO_DOSSIER)
    done = file.state == GeneratedFile.State.DONE and bool(file.file) and not is_expired(file)
    return {
        "file": file,
        "state": file.state,
        "sha256": file.sha256 if done else "",
        "download_url": (
            reverse("generated-file-download", args=[file.municipality.slug, file.pk])
            if done
            else None
        ),
        "out_of_date": file.params.get("fingerprint") != current,
        "made_at": file.finished_at,
    }


def dossiers_for(decisions) -> dict[int, dict]:
    """The dossier status of each decision, for lists (a constant 7 queries)."""
    decisions = list(decisions)
    if not decisions:
        return {}
    ids = [decision.pk for decision in decisions]
    files = _files_of(ids)
    opinions = _opinion_rows(ids)
    markers = _plan_markers({decision.plan_id for decision in decisions})
    return {
        decision.pk: _status(
            files.get(decision.pk),
            _fingerprint(decision, opinions[decision.pk], markers[decision.plan_id]),
        )
        for decision in decisions
    }


def dossier_for(decision: DraftDecision) -> GeneratedFile | None:
    return _files_of([decision.pk]).get(decision.pk)


def dossier_status(decision: DraftDecision) -> dict:
    """The newest dossier of the decision: its state, checksum, link, and whether it is current."""
    return dossiers_for([decision])[decision.pk]


@transaction.atomic
def request_dossier(*, decision: DraftDecision, user) -> GeneratedFile:
    """The dossier of the decision as it is now: the one already asked for or made with the same
    content, or a new one queued for the worker."""
    from actionplans.tasks import render_dossier

    locked = (
        DraftDecision.objects.select_for_update().select_related("municipality").get(pk=decision.pk)
    )
    if locked.status == DraftDecision.Status.ADOPTED:
        raise DomainError(_("The council adopted this decision; its dossier can no longer change."))
    current = fingerprint(locked)
    existing = dossier_for(locked)
    if (
        existing is not None
        and existing.params.get("fingerprint") == current
        and existing.state != GeneratedFile.State.FAILED
        and not is_expired(existing)
    ):
        return existing
    return create_generated_file(
        municipality=locked.municipality,
        kind=KIND,
        params={"decision": locked.pk, "fingerprint": current},
        user=user,
        task=render_dossier,
    )


# --- Rendering ----------------------------------------------------------------------------------


def _consultation_of(decision: DraftDecision):
    from strategy.models import PublicConsultation

    return (
        PublicConsultation.objects.filter(version__strategy__cycle=decision.cycle)
        .select_related("version")
        .order_by("-announced_on", "-pk")
        .first()
    )


def _charts(decision: DraftDecision) -> list[dict]:
    """The published map of needs (small cells hidden) as SVG charts, embedded as data: URLs."""
    import base64

    from beneficiaries import presentation
    from beneficiaries.analysis import BOTH
    from beneficiaries.models import NeedsAnalysis, Question

    published = NeedsAnalysis.objects.filter(cycle=decision.cycle).order_by("-number").first()
    if published is None:
        return []
    data = published.data

    def as_image(svg: str, caption: str) -> dict:
        encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        return {"src": f"data:image/svg+xml;base64,{encoded}", "caption": caption}

    charts = [
        as_image(
            presentation.family_bars(data),
            _("Statements per SPIRAL family: well-being and ill-being"),
        )
    ]
    if data.get("by_group", {}).get("columns"):
        # The matrix at the level the map was published: ill-being alone when detailed, both
        # sides together when the groups are too small for that (beneficiaries.analysis).
        if str(Question.ILLBEING) in data["by_group"]["counts"]:
            side, title = Question.ILLBEING, _("Ill-being per SPIRAL family and beneficiary group")
        else:
            side, title = BOTH, _("Statements per SPIRAL family and beneficiary group")
        charts.append(as_image(presentation.heatmap(data, "by_group", side, title), title))
    return [{**chart, "published": published} for chart in charts]


def dossier_context(decision: DraftDecision) -> dict:
    """Everything the dossier's template shows."""
    from actionplans import council_texts, voting
    from actionplans.budget import plan_data
    from actionplans.export import pdf_context

    plan = ActionPlan.objects.select_related("municipality", "cycle").get(pk=decision.plan_id)
    data = plan_data(plan)
    texts = council_texts.rendered(decision)
    opinions = list(decision.opinions.order_by("date", "pk"))
    context = {
        "decision": decision,
        "municipality": decision.municipality,
        "what": voting.what_it_adopts(decision),
        "texts": texts,
        "preamble": council_texts.lines(texts["preamble"]),
        "legal_basis": council_texts.lines(texts["legal_basis"]),
        "articles": council_texts.paragraphs(texts["articles"]),
        "referat": council_texts.paragraphs(texts["referat_text"]),
        "raport": council_texts.paragraphs(texts["raport_text"]),
        "opinions": opinions,
        "appended": [opinion for opinion in opinions if opinion.file],
        "plan_context": pdf_context(plan, data),
        "plan_data": data,
        "charts": _charts(decision),
        "generated_at": timezone.now(),
        "strategy_doc": None,
        "report": None,
    }
    if decision.kind == DecisionKind.STRATEGY and decision.strategy_version_id:
        from strategy.pdf import version_context

        context["strategy_doc"] = version_context(decision.strategy_version)
        consultation = _consultation_of(decision)
        if consultation is not None:
            from strategy.report import report_data

            context["report"] = _condensed(report_data(consultation))
    annexes = []
    if context["strategy_doc"]:
        annexes.append(("annex-strategy", _("Annex 1. The strategy")))
        annexes.append(("annex-plan", _("Annex 2. The annual action plan %(year)s")))
    else:
        annexes.append(("annex-plan", _("Annex. The annual action plan %(year)s")))
    context["annexes"] = [(anchor, label % {"year": plan.year}) for anchor, label in annexes]
    # The annexes render their own templates (the same as their standalone PDFs).
    context["plan_body"] = render_to_string("pdf/action_plan_body.html", context["plan_context"])
    context["strategy_body"] = (
        render_to_string("pdf/strategy_body.html", {"strategy_doc": context["strategy_doc"]})
        if context["strategy_doc"]
        else ""
    )
    context["report_body"] = (
        render_to_string("pdf/consultation_report_body.html", context["report"])
        if context["report"]
        else ""
    )
    context["xlsx_name"] = xlsx_name(plan)
    return context


# Up to this many recommendations the dossier prints each with its answer; beyond it (a county
# consultation can bring thousands) it prints the figures per part of the document and attaches
# the full list as XLSX: the standalone consultation report still prints every one.
LISTED_RECOMMENDATIONS = 200
REPORT_XLSX = "raport-consultare-publica.xlsx"


def _condensed(report: dict) -> dict:
    rows = report["recommendations"]
    if len(rows) <= LISTED_RECOMMENDATIONS:
        return report
    parts: dict[str, dict] = {}
    for row in rows:
        part = parts.setdefault(
            row["target"],
            {"target": row["target"], "total": 0, "accepted": 0, "partly": 0, "rejected": 0},
        )
        part["total"] += 1
        if row["answer"] in part:
            part[row["answer"]] += 1
    return {
        **report,
        "recommendations": [],
        "all_recommendations": rows,
        "listed_elsewhere": len(rows),
        "by_part": sorted(parts.values(), key=lambda part: -part["total"]),
        "attached_as": REPORT_XLSX,
    }


def xlsx_name(plan) -> str:
    return f"plan-anual-{plan.year}.xlsx"


def filename(decision: DraftDecision) -> str:
    name = slugify(decision.municipality.name) or "spirala"
    return f"dosar-hcl-{decision.kind}-{decision.plan.year}-{name}.pdf"


def _append_opinions(pdf: bytes, opinions) -> bytes:
    """The rendered dossier with each uploaded aviz's pages appended, each with a bookmark.

    The document catalogue of the rendered file (its PDF/A metadata, output intent and embedded
    XLSX) is kept as it is.
    """
    from pypdf import PdfReader, PdfWriter

    if not opinions:
        return pdf
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    parent = writer.add_outline_item(
        title=_("The avize (uploaded PDFs)"), page_number=len(writer.pages)
    )
    for opinion in opinions:
        with opinion.file.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
        start = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        writer.add_outline_item(
            title=_("Aviz no. %(number)s of %(date)s, %(issuer)s")
            % {
                "number": opinion.number,
                "date": opinion.date.strftime("%d.%m.%Y"),
                "issuer": opinion.issuer or opinion.get_body_display(),
            },
            page_number=start,
            parent=parent,
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render(decision: DraftDecision, progress=lambda value: None) -> bytes:
    """The dossier's PDF, made now (the task calls this; so does `make bench`)."""
    from actionplans.export import plan_xlsx
    from core.pdf import html_to_pdf

    context = dossier_context(decision)
    progress(25)
    html = render_to_string("pdf/dossier.html", context)
    progress(35)
    plan = context["plan_context"]["plan"]
    xlsx = plan_xlsx(plan, context["plan_data"])
    attachments = [
        (
            xlsx_name(plan),
            xlsx,
            _("The annual action plan %(year)s (XLSX)") % {"year": plan.year},
        )
    ]
    report = context["report"]
    if report and report.get("listed_elsewhere"):
        from strategy.report import render_xlsx

        full = {**report, "recommendations": report["all_recommendations"]}
        attachments.append(
            (REPORT_XLSX, render_xlsx(full), _("The recommendations and their answers (XLSX)"))
        )
    pdf = html_to_pdf(html, attachments=attachments)
    progress(85)
    return _append_opinions(pdf, context["appended"])


def build(file) -> tuple[bytes, str, str]:
    """Make the dossier a GeneratedFile asks for: (content, filename, content type)."""
    decision = DraftDecision.objects.select_related(
        "municipality", "cycle", "plan", "strategy_version__strategy"
    ).get(pk=file.params["decision"], municipality_id=file.municipality_id)
    set_progress(file, 10)
    content = render(decision, progress=lambda value: set_progress(file, value))
    return content, filename(decision), PDF_TYPE
