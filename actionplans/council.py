"""The services of the council stage: draft decisions, their opinions (avize), submission to the
council, and the council's vote (HCL) with what it adopts.

A draft decision adopts either the strategy (annex 1, a published version) with its first year's
plan (annex 2), or a later year's plan. Staff prepare it while the stage allows
``prepare_dossier``; submitting it freezes the plan and tells the council secretary; the
secretary records the vote. Adopted: the decision and its version are adopted, the plan is
approved. Not adopted: the decision and the plan return to drafting with the council's notes,
and a new dossier can be made; every vote stays on record.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actionplans import council_texts, voting
from actionplans.models import ActionPlan, CouncilVote, DecisionKind, DraftDecision, Opinion
from core.exceptions import DomainError
from core.stages import STAGES

EDITABLE_FIELDS = (
    "initiator",
    "referat_number",
    "referat_date",
    "raport_number",
    "raport_date",
    *council_texts.PARTS,
)
OPINION_FIELDS = ("body", "issuer", "number", "date", "verdict")


def _save(obj, user, **kwargs) -> None:
    obj._history_user = user
    obj.save(**kwargs)


def stages_preparing() -> str:
    """The stages in which staff may prepare a draft decision, for refusals."""
    return ", ".join(f"“{stage.label}”" for stage in STAGES if "prepare_dossier" in stage.allows)


def _require_prepare_stage(cycle) -> None:
    if "prepare_dossier" not in cycle.stage.allows:
        raise DomainError(
            _(
                "Draft council decisions are prepared in the stages %(stages)s; the cycle is now "
                "in the stage “%(stage)s”."
            )
            % {"stages": stages_preparing(), "stage": cycle.stage.label}
        )


def adopting_vote(decision: DraftDecision) -> CouncilVote | None:
    return decision.votes.filter(adopted=True).order_by("-decision_date", "-pk").first()


def plan_adopting_vote(plan: ActionPlan) -> CouncilVote | None:
    """The vote (HCL) that approved the plan, on whichever draft decision annexed it."""
    return (
        CouncilVote.objects.filter(decision__plan=plan, adopted=True)
        .order_by("-decision_date", "-pk")
        .first()
    )


def plan_votes(plan: ActionPlan):
    """Every vote on a draft decision that annexed the plan, newest first."""
    return CouncilVote.objects.filter(decision__plan=plan).order_by("-decision_date", "-pk")


def open_decision_of(plan: ActionPlan) -> DraftDecision | None:
    """The plan's draft decision being prepared, submitted or adopted (the newest)."""
    return plan.draft_decisions.order_by("-created", "-pk").first()


def adopted_strategy_decision(cycle) -> DraftDecision | None:
    return (
        DraftDecision.objects.adopted()
        .filter(cycle=cycle, kind=DecisionKind.STRATEGY)
        .select_related("strategy_version")
        .order_by("-pk")
        .first()
    )


# --- Preparing -----------------------------------------------------------------------------------


@transaction.atomic
def create_decision(
    *, cycle, kind: str, plan: ActionPlan, user, strategy_version=None, initiator: str = ""
) -> DraftDecision:
    """Start a draft decision from the municipality's templates."""
    _require_prepare_stage(cycle)
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.cycle_id != cycle.pk:
        raise DomainError({"plan": _("The plan belongs to another strategy cycle.")})
    if plan.status == ActionPlan.Status.APPROVED:
        raise DomainError({"plan": _("The council already approved this plan.")})
    if plan.draft_decisions.exclude(status=DraftDecision.Status.ADOPTED).exists():
        raise DomainError({"plan": _("This plan already has a draft decision: continue that one.")})
    if kind == DecisionKind.STRATEGY:
        existing = adopted_strategy_decision(cycle)
        if existing is not None:
            raise DomainError({"kind": _("The council already adopted this cycle's strategy.")})
        if strategy_version is None:
            raise DomainError(
                {
                    "strategy_version": _(
                        "Choose the published version of the strategy the council adopts."
                    )
                }
            )
    else:
        strategy_version = None
    decision = DraftDecision(
        municipality_id=cycle.municipality_id,
        cycle=cycle,
        kind=kind,
        plan=plan,
        strategy_version=strategy_version,
        initiator=initiator.strip() or _("Mayor"),
        created_by=user,
        **council_texts.initial_texts(cycle.municipality, kind),
    )
    try:
        decision.full_clean()
    except ValidationError as error:
        raise DomainError(error.message_dict) from error
    _save(decision, user)
    return decision


def _locked_draft(decision: DraftDecision) -> DraftDecision:
    locked = (
        DraftDecision.objects.select_for_update(of=("self",))
        .select_related("cycle", "municipality", "plan", "strategy_version")
        .get(pk=decision.pk)
    )
    if locked.status != DraftDecision.Status.DRAFT:
        raise DomainError(
            _(
                "The draft decision was submitted to the council and cannot be changed; withdraw "
                "it first."
            )
            if locked.status == DraftDecision.Status.SUBMITTED
            else _("The council adopted this decision; it can no longer be changed.")
        )
    return locked


def text_errors(data: dict) -> dict:
    """Unknown placeholders and empty texts, per field."""
    errors = {}
    for part in council_texts.PARTS:
        if part not in data:
            continue
        text = (data.get(part) or "").strip()
        if not text:
            errors[part] = _("This text cannot be empty.")
            continue
        try:
            council_texts.validate_template(text)
        except ValidationError as error:
            errors[part] = error.messages
    return errors


@transaction.atomic
def update_decision(*, decision: DraftDecision, data: dict, user) -> DraftDecision:
    """Change the draft's numbers, dates and texts (only while it is being prepared)."""
    locked = _locked_draft(decision)
    _require_prepare_stage(locked.cycle)
    errors = text_errors(data)
    for key in EDITABLE_FIELDS:
        if key in data:
            value = data[key]
            setattr(locked, key, value.strip() if isinstance(value, str) else value)
    if "strategy_version" in data and locked.kind == DecisionKind.STRATEGY:
        locked.strategy_version = data["strategy_version"]
    try:
        locked.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise DomainError(errors)
    _save(locked, user)
    return locked


def restore_texts(*, decision: DraftDecision, user) -> DraftDecision:
    """Start the texts again from the municipality's templates."""
    with transaction.atomic():
        locked = _locked_draft(decision)
        for part, text in council_texts.initial_texts(locked.municipality, locked.kind).items():
            setattr(locked, part, text)
        _save(locked, user)
    return locked


# --- Opinions (avize) ----------------------------------------------------------------------------


def check_opinion_pdf(uploaded) -> dict:
    """A real, readable PDF within the size limit; returns its name, size and checksum."""
    from consultations.attachments import check_upload

    checked = check_upload(uploaded)
    if checked.kind != "pdf":
        raise ValidationError(
            _("“%(name)s”: an opinion is uploaded as a PDF file.") % {"name": checked.name},
            code="extension",
        )
    content = uploaded.read()
    uploaded.seek(0)
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(BytesIO(content))
        if reader.is_encrypted:
            raise ValidationError(
                _("“%(name)s” is protected by a password; upload it without one.")
                % {"name": checked.name},
                code="encrypted",
            )
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ValidationError(
            _("“%(name)s” cannot be read as a PDF; save it again as PDF.") % {"name": checked.name},
            code="unreadable",
        ) from error
    if pages == 0:
        raise ValidationError(_("“%(name)s” has no pages.") % {"name": checked.name})
    return {
        "filename": checked.name,
        "size": checked.size,
        "sha256": hashlib.sha256(content).hexdigest(),
    }


def _opinion_errors(values: dict) -> dict:
    errors = {}
    day = values.get("date")
    if day and day > timezone.localdate():
        errors["date"] = _("The opinion cannot be dated in the future.")
    return errors


@transaction.atomic
def add_opinion(*, decision: DraftDecision, data: dict, user, uploaded=None) -> Opinion:
    """Record an aviz (number, date, verdict) and, optionally, its PDF."""
    locked = DraftDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.status == DraftDecision.Status.ADOPTED:
        raise DomainError(_("The council adopted this decision; it can no longer be changed."))
    values = {key: data[key] for key in OPINION_FIELDS if key in data}
    values["issuer"] = (values.get("issuer") or "").strip()
    values["number"] = (values.get("number") or "").strip()
    errors = _opinion_errors(values)
    file_values = {}
    if uploaded is not None:
        try:
            file_values = check_opinion_pdf(uploaded)
        except ValidationError as error:
            errors["file"] = error.messages
    opinion = Opinion(decision=locked, added_by=user, **values, **file_values)
    try:
        opinion.full_clean(exclude=["file"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise DomainError(errors)
    if uploaded is not None:
        opinion.file.save("aviz.pdf", uploaded, save=False)
    _save(opinion, user)
    return opinion


@transaction.atomic
def delete_opinion(*, opinion: Opinion, user) -> None:
    locked = DraftDecision.objects.select_for_update().get(pk=opinion.decision_id)
    if locked.status == DraftDecision.Status.ADOPTED:
        raise DomainError(_("The council adopted this decision; it can no longer be changed."))
    stored = opinion.file.name if opinion.file else ""
    opinion._history_user = user
    opinion.delete()
    if stored:
        storage = opinion.file.storage
        transaction.on_commit(lambda: storage.delete(stored))


# --- To the council ------------------------------------------------------------------------------


def _consultation_check(decision: DraftDecision) -> tuple[str, bool, str]:
    """A strategy goes to the council only after its public consultation, and not before the
    earliest submission date computed when it was opened (Law 52/2003, art. 7)."""
    from strategy.models import PublicConsultation

    consultation = (
        PublicConsultation.objects.filter(
            version__strategy_id=decision.strategy_version.strategy_id
        )
        .order_by("-announced_on", "-pk")
        .first()
    )
    if consultation is None:
        detail = _("The strategy was not put to public consultation.")
    elif consultation.earliest_submission > timezone.localdate():
        detail = _("Not before %(date)s, the earliest submission the consultation allows.") % {
            "date": consultation.earliest_submission.strftime("%d.%m.%Y")
        }
    else:
        detail = ""
    label = _("The public consultation allows the submission (Law 52/2003, art. 7)")
    return (label, not detail, detail)


def submission_checks(
    decision: DraftDecision, dossier_status: dict | None = None
) -> list[tuple[str, bool, str]]:
    """What must hold before the draft goes to the council: (label, done, detail).

    ``dossier_status`` is the decision's ``dossier.dossier_status`` when the caller already has
    it (its fingerprint reads the texts and the plan: not worth computing twice)."""
    from actionplans import dossier
    from actionplans.editing import readiness

    checks = [
        (
            _("The referat de aprobare is registered (number and date)"),
            bool(decision.referat_number and decision.referat_date),
            "",
        ),
        (
            _("The raport de specialitate is registered (number and date)"),
            bool(decision.raport_number and decision.raport_date),
            "",
        ),
        (_("The initiator is named"), bool(decision.initiator.strip()), ""),
    ]
    if decision.kind == DecisionKind.PLAN:
        has_county = decision.opinions.filter(body=Opinion.Body.COUNTY).exists()
        checks.append(
            (
                _("The county council's aviz consultativ is recorded (Law 292/2011, art. 118)"),
                has_county,
                "",
            )
        )
    if decision.kind == DecisionKind.STRATEGY and decision.strategy_version_id:
        checks.append(_consultation_check(decision))
    plan_checks = readiness(decision.plan)
    missing = [label for label, done, _detail in plan_checks if not done]
    checks.append(
        (
            _("The action plan %(year)s passes its checks") % {"year": decision.plan.year},
            not missing,
            "; ".join(str(label) for label in missing),
        )
    )
    status = dossier_status if dossier_status is not None else dossier.dossier_status(decision)
    if status["file"] is None or status["state"] != "done":
        detail = _("Make the dossier first.")
    elif status["out_of_date"]:
        detail = _("The texts or the data changed after the dossier was made: make it again.")
    else:
        detail = ""
    checks.append((_("The dossier is made and up to date"), not detail, detail))
    return checks


@transaction.atomic
def submit_decision(*, decision: DraftDecision, user) -> DraftDecision:
    """Send the draft decision and its dossier to the council; the plan is frozen."""
    locked = _locked_draft(decision)
    _require_prepare_stage(locked.cycle)
    missing = [
        f"{label}{': ' + detail if detail else ''}"
        for label, done, detail in submission_checks(locked)
        if not done
    ]
    if missing:
        raise DomainError([_("The draft decision is not ready for the council:"), *missing])
    plan = ActionPlan.objects.select_for_update().get(pk=locked.plan_id)
    if plan.status != ActionPlan.Status.DRAFT:
        raise DomainError(_("The plan is no longer a draft."))
    now = timezone.now()
    plan.status = ActionPlan.Status.SUBMITTED
    plan.submitted_at = now
    _save(plan, user, update_fields=["status", "submitted_at"])
    locked.status = DraftDecision.Status.SUBMITTED
    locked.submitted_at = now
    locked.submitted_by = user
    _save(locked, user)

    from actionplans.notifications import notify_decision_submitted

    decision_id = locked.pk
    transaction.on_commit(lambda: notify_decision_submitted.delay(decision_id))
    return locked


@transaction.atomic
def withdraw_decision(*, decision: DraftDecision, user) -> DraftDecision:
    """Take a submitted draft back from the council (before its vote), to change it."""
    locked = DraftDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.status != DraftDecision.Status.SUBMITTED:
        raise DomainError(
            _("Only a draft decision submitted to the council and not voted can be withdrawn.")
        )
    _back_to_drafting(locked, user)
    return locked


def _back_to_drafting(decision: DraftDecision, user) -> None:
    decision.status = DraftDecision.Status.DRAFT
    decision.submitted_at = None
    decision.submitted_by = None
    _save(decision, user)
    plan = ActionPlan.objects.select_for_update().get(pk=decision.plan_id)
    if plan.status == ActionPlan.Status.SUBMITTED:
        plan.status = ActionPlan.Status.DRAFT
        plan.submitted_at = None
        _save(plan, user, update_fields=["status", "submitted_at"])


# --- The vote ------------------------------------------------------------------------------------


@transaction.atomic
def record_vote(*, decision: DraftDecision, data: dict, user) -> CouncilVote:
    """Record the council's vote; adopt the decision (its version, its plan) or send it back."""
    decision = (
        DraftDecision.objects.select_for_update(of=("self",))
        .select_related("municipality", "plan", "strategy_version")
        .get(pk=decision.pk)
    )
    if decision.status != DraftDecision.Status.SUBMITTED:
        raise DomainError(_("Only a draft decision submitted to the council can be voted on."))
    values = {key: data[key] for key in voting.VOTE_FIELDS if key in data}
    values["decision_number"] = (values.get("decision_number") or "").strip()
    vote = CouncilVote(decision=decision, recorded_by=user, **values)
    vote.adopted = vote.compute_adopted()
    errors = voting.vote_errors(decision, values)
    if errors:
        raise DomainError(errors)
    try:
        vote.full_clean()
    except ValidationError as error:
        raise DomainError(error.message_dict) from error
    _save(vote, user)

    if vote.adopted:
        decision.status = DraftDecision.Status.ADOPTED
        _save(decision, user)
        plan = ActionPlan.objects.select_for_update().get(pk=decision.plan_id)
        plan.status = ActionPlan.Status.APPROVED
        _save(plan, user, update_fields=["status"])
    else:
        _back_to_drafting(decision, user)
    vote_id = vote.pk
    transaction.on_commit(lambda: voting.notify_vote.delay(vote_id))
    if vote.adopted:
        transaction.on_commit(lambda: publish_adopted_files(decision.pk))
    return vote


def publish_adopted_files(decision_id: int) -> None:
    """Have the public PDFs of what the council adopted made (the strategy version, the plan)."""
    from actionplans.publication import publish_adopted

    publish_adopted(decision_id)


def hcl_label(vote: CouncilVote | None) -> str:
    if vote is None:
        return ""
    return _("HCL no. %(number)s of %(date)s") % {
        "number": vote.decision_number,
        "date": date_format(vote.decision_date),
    }
