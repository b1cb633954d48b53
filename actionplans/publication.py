"""The public files of what the local council adopted: the strategy version, the annual action
plan and the report on the public consultation, as the council adopted them.

``publish_adopted(decision_id)`` is called by ``actionplans.council`` once the adopting vote is
committed. It makes one GeneratedFile row per public file (kept, never expiring) and has the
worker render each; calling it again makes no second file (a failed one is queued again). The
public download pages (``strategy.views_strategy_public``) serve a file only while its decision
is adopted, to anyone, anonymous included.
"""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from actionplans.models import CouncilVote, DecisionKind, DraftDecision
from core.generated import create_generated_file, register_kind, run_file_task, set_progress
from core.models import GeneratedFile

STRATEGY_PDF = "public_strategy_pdf"
PLAN_PDF = "public_plan_pdf"
CONSULTATION_REPORT = "public_consultation_report"
KINDS = (STRATEGY_PDF, PLAN_PDF, CONSULTATION_REPORT)
PDF_TYPE = "application/pdf"


def _back_url(file) -> str | None:
    from django.urls import reverse

    decision_id = file.params.get("decision")
    if not decision_id:
        return None
    return reverse("decision-detail", args=[file.municipality.slug, decision_id])


for _kind, _label in (
    (STRATEGY_PDF, gettext_lazy("Adopted strategy, public (PDF)")),
    (PLAN_PDF, gettext_lazy("Approved annual action plan, public (PDF)")),
    (CONSULTATION_REPORT, gettext_lazy("Consultation report, public (PDF)")),
):
    register_kind(
        _kind,
        label=_label,
        back_url=_back_url,
        back_label=gettext_lazy("Back to the draft decision"),
        keep=True,
    )


# --- What is public -----------------------------------------------------------------------------


def consultation_of(decision: DraftDecision):
    """The public consultation of the cycle's strategy (the newest, as in the dossier)."""
    from strategy.models import PublicConsultation

    return (
        PublicConsultation.objects.filter(version__strategy__cycle_id=decision.cycle_id)
        .order_by("-announced_on", "-pk")
        .first()
    )


def adopting_vote(decision: DraftDecision) -> CouncilVote | None:
    return (
        decision.votes.filter(adopted=True)
        .select_related("recorded_by")
        .order_by("-decision_date", "-pk")
        .first()
    )


def wanted_kinds(decision: DraftDecision, consultation=None) -> list[str]:
    """The public files of an adopted decision: the plan; for the strategy, also the strategy
    version and, when there was one, the consultation report."""
    if decision.kind != DecisionKind.STRATEGY:
        return [PLAN_PDF]
    kinds = [STRATEGY_PDF, PLAN_PDF]
    if consultation is not None:
        kinds.append(CONSULTATION_REPORT)
    return kinds


def public_files(decision_ids) -> dict[tuple[int, str], GeneratedFile]:
    """(decision id, kind) → the public file made for it (one query)."""
    decision_ids = list(decision_ids)
    if not decision_ids:
        return {}
    found: dict[tuple[int, str], GeneratedFile] = {}
    files = GeneratedFile.objects.filter(
        kind__in=KINDS, params__decision__in=decision_ids
    ).order_by("-created_at")
    for file in files:
        found.setdefault((file.params.get("decision"), file.kind), file)
    return found


def is_ready(file: GeneratedFile | None) -> bool:
    return file is not None and file.state == GeneratedFile.State.DONE and bool(file.file)


# --- Making them --------------------------------------------------------------------------------


@transaction.atomic
def publish_adopted(decision_id: int) -> list[GeneratedFile]:
    """Queue the public files of an adopted decision; idempotent. Returns its public files.

    A decision that is not adopted gets none. A file already asked for or made is left as it is;
    one that failed is queued again on the same row.
    """
    decision = (
        DraftDecision.objects.select_for_update()
        .select_related("municipality")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None or decision.status != DraftDecision.Status.ADOPTED:
        return []
    vote = adopting_vote(decision)
    if vote is None:
        return []
    consultation = consultation_of(decision) if decision.kind == DecisionKind.STRATEGY else None
    existing = public_files([decision.pk])
    files = []
    for kind in wanted_kinds(decision, consultation):
        file = existing.get((decision.pk, kind))
        if file is None:
            params = {"decision": decision.pk}
            if kind == CONSULTATION_REPORT:
                params["consultation"] = consultation.pk
            file = create_generated_file(
                municipality=decision.municipality,
                kind=kind,
                params=params,
                user=vote.recorded_by,
                task=render_public_file,
                language=settings.LANGUAGE_CODE,
            )
        elif file.state == GeneratedFile.State.FAILED:
            GeneratedFile.objects.filter(pk=file.pk).update(
                state=GeneratedFile.State.QUEUED, progress=0, error="", expires_at=None
            )
            file.state = GeneratedFile.State.QUEUED
            file_id = str(file.pk)
            transaction.on_commit(lambda file_id=file_id: render_public_file.delay(file_id))
        files.append(file)
    return files


def _adopted_decision(file) -> tuple[DraftDecision, CouncilVote]:
    decision = DraftDecision.objects.select_related(
        "municipality", "cycle", "plan__municipality", "strategy_version__strategy__municipality"
    ).get(
        pk=file.params["decision"],
        municipality_id=file.municipality_id,
        status=DraftDecision.Status.ADOPTED,
    )
    vote = adopting_vote(decision)
    if vote is None:
        raise DraftDecision.DoesNotExist("the decision has no adopting vote")
    return decision, vote


def _hcl_suffix(vote: CouncilVote) -> str:
    return slugify(f"hcl-{vote.decision_number}-{vote.decision_date:%Y}")


def build(file) -> tuple[bytes, str, str]:
    """Make the public file a GeneratedFile asks for: (content, filename, content type)."""
    decision, vote = _adopted_decision(file)
    set_progress(file, 20)
    if file.kind == STRATEGY_PDF:
        from strategy.pdf import strategy_pdf

        version = decision.strategy_version
        content = strategy_pdf(version, vote=vote)
        name = f"strategia-{slugify(decision.municipality.slug)}-{_hcl_suffix(vote)}.pdf"
    elif file.kind == PLAN_PDF:
        from actionplans.export import plan_pdf

        content = plan_pdf(decision.plan)
        name = (
            f"plan-anual-{decision.plan.year}-{slugify(decision.municipality.slug)}-"
            f"{_hcl_suffix(vote)}.pdf"
        )
    elif file.kind == CONSULTATION_REPORT:
        from strategy.models import PublicConsultation
        from strategy.report import render_pdf, report_data

        consultation = PublicConsultation.objects.select_related("version__strategy").get(
            pk=file.params["consultation"], municipality_id=file.municipality_id
        )
        content = render_pdf(report_data(consultation))
        name = f"raport-consultare-{slugify(decision.municipality.slug)}-{consultation.pk}.pdf"
    else:
        raise ValueError(f"not a public file kind: {file.kind}")
    set_progress(file, 90)
    return content, name, PDF_TYPE


@shared_task(acks_late=True, reject_on_worker_lost=True)
def render_public_file(file_id: str) -> str | None:
    """Make one public file of an adopted decision; idempotent (a redelivery fills the same row)."""
    return run_file_task(file_id, build)
