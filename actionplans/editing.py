"""Writes of the annual action plan: create (or copy last year's), save a measure with its budget
lines and indicators, move and delete measures, state why an objective has no measure. A plan
goes to the council annexed to a draft decision (``actionplans.council``).

Every function is keyword-only, owns its transaction, locks the plan row so that a plan
submitted or approved in the meantime is never written, and records who made the change in the
history (django-simple-history).
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actionplans.models import (
    ActionPlan,
    BudgetLine,
    Measure,
    MeasureIndicator,
    ObjectiveSkipped,
)
from actionplans.predicates import PLAN_STAGES
from core.exceptions import DomainError

# What a copy of a measure keeps (its relations and indicators are copied separately).
MEASURE_COPY_FIELDS = [
    "section",
    "specific_objective_id",
    "title",
    "description",
    "service_id",
    "service_code",
    "service_name",
    "department",
    "zone_id",
    "capacity",
    "beneficiaries",
    "staff",
    "start_month",
    "end_month",
    "unfunded",
    "unfunded_reason",
    "position",
]


def _save(obj, user) -> None:
    obj._history_user = user
    obj.save()


def _delete(obj, user) -> None:
    obj._history_user = user
    obj.delete()


def approved_message(plan: ActionPlan) -> str:
    """Why an approved plan cannot be changed, naming the council's decision when recorded."""
    from actionplans.council import plan_adopting_vote

    vote = plan_adopting_vote(plan)
    if vote is None:
        return _("The plan was approved by the local council; it can no longer be changed.")
    return _(
        "The plan was approved by the local council (HCL no. %(number)s of %(date)s); it can no "
        "longer be changed."
    ) % {"number": vote.decision_number, "date": vote.decision_date.strftime("%d.%m.%Y")}


def refusal_message(plan: ActionPlan) -> str:
    """Why the plan cannot be edited now: approved, with the council, or the cycle's stage."""
    if plan.status == ActionPlan.Status.APPROVED:
        return approved_message(plan)
    if plan.status == ActionPlan.Status.SUBMITTED:
        return _(
            "The plan was submitted to the local council with its draft decision and cannot be "
            "changed; withdraw the draft decision first if it needs changes."
        )
    return _(
        "Action plans can be drafted only once the strategy cycle reaches the action-plan "
        "stage; the cycle “%(cycle)s” is now in the stage “%(stage)s”."
    ) % {"cycle": plan.cycle, "stage": plan.cycle.stage.label}


def _locked_editable(plan: ActionPlan) -> ActionPlan:
    """The plan row, locked; refused unless it is a draft of a cycle in a plan stage."""
    locked = ActionPlan.objects.select_for_update().select_related("cycle").get(pk=plan.pk)
    if locked.status != ActionPlan.Status.DRAFT or locked.cycle.active_stage not in PLAN_STAGES:
        raise DomainError(refusal_message(locked))
    return locked


def has_objectives(cycle) -> bool:
    from strategy.models import SpecificObjective

    return SpecificObjective.objects.filter(objective__strategy__cycle=cycle).exists()


# --- The plan ----------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    *, municipality, cycle, year: int, user, copy_from: ActionPlan | None = None
) -> ActionPlan:
    """A draft plan for a year of the cycle; with ``copy_from``, a copy of that plan's content
    (measures, budget lines, indicators without results, objectives skipped) to start from."""
    if cycle.municipality_id != municipality.pk:
        raise DomainError(_("The cycle belongs to another municipality."))
    if cycle.active_stage not in PLAN_STAGES:
        raise DomainError(
            _(
                "Action plans can be drafted only once the strategy cycle reaches the action-plan "
                "stage; the cycle “%(cycle)s” is now in the stage “%(stage)s”."
            )
            % {"cycle": cycle, "stage": cycle.stage.label}
        )
    if not has_objectives(cycle):
        raise DomainError(
            _(
                "The strategy of this cycle has no specific objectives yet: a plan's measures "
                "serve them."
            )
        )
    if not cycle.start_year <= year <= cycle.end_year:
        raise DomainError(
            _("The year must fall within the strategy, %(first)s–%(last)s.")
            % {"first": cycle.start_year, "last": cycle.end_year}
        )
    if copy_from is not None and copy_from.cycle_id != cycle.pk:
        raise DomainError(_("Copy a plan of the same strategy cycle."))
    if ActionPlan.objects.filter(cycle=cycle, year=year).exists():
        raise DomainError(_("This strategy already has a plan for that year."))
    plan = ActionPlan(
        municipality=municipality, cycle=cycle, year=year, created_by=user, copied_from=copy_from
    )
    if copy_from is not None:
        plan.introduction = copy_from.introduction
        plan.local_budget_allocated = copy_from.local_budget_allocated
    try:
        with transaction.atomic():
            _save(plan, user)
    except IntegrityError as error:  # created by someone else in the meantime
        raise DomainError(_("This strategy already has a plan for that year.")) from error
    if copy_from is not None:
        _copy_content(source=copy_from, target=plan, user=user)
    return plan


def _copy_content(*, source: ActionPlan, target: ActionPlan, user) -> None:
    """Copy measures with their partners, categories, indicators and budget lines in bulk (a
    handful of queries per kind, whatever the size of the plan)."""
    originals = list(
        Measure.objects.filter(plan=source)
        .prefetch_related("partners", "categories", "indicators", "budget_lines")
        .order_by("section", "position", "pk")
    )
    copies = [
        Measure(
            plan=target,
            status=Measure.Status.PLANNED,
            **{name: getattr(measure, name) for name in MEASURE_COPY_FIELDS},
        )
        for measure in originals
    ]
    copies = bulk_create_with_history(copies, Measure, default_user=user)
    partners, categories, indicators, lines = [], [], [], []
    for original, copy in zip(originals, copies, strict=True):
        partners += [
            Measure.partners.through(measure_id=copy.pk, organisation_id=p.pk)
            for p in original.partners.all()
        ]
        categories += [
            Measure.categories.through(measure_id=copy.pk, beneficiarycategory_id=c.pk)
            for c in original.categories.all()
        ]
        indicators += [
            MeasureIndicator(
                measure_id=copy.pk,
                strategy_indicator_id=i.strategy_indicator_id,
                name=i.name,
                unit=i.unit,
                target=i.target,
                achieved=None,
                position=i.position,
            )
            for i in original.indicators.all()
        ]
        lines += [
            BudgetLine(
                measure_id=copy.pk,
                source=line.source,
                programme=line.programme,
                amount=line.amount,
                note=line.note,
            )
            for line in original.budget_lines.all()
        ]
    Measure.partners.through.objects.bulk_create(partners)
    Measure.categories.through.objects.bulk_create(categories)
    bulk_create_with_history(indicators, MeasureIndicator, default_user=user)
    bulk_create_with_history(lines, BudgetLine, default_user=user)
    bulk_create_with_history(
        [
            ObjectiveSkipped(
                plan=target, specific_objective_id=s.specific_objective_id, reason=s.reason
            )
            for s in source.skipped.all()
        ],
        ObjectiveSkipped,
        default_user=user,
    )


@transaction.atomic
def update_plan(*, plan: ActionPlan, user) -> ActionPlan:
    """Save the plan's introduction and the local budget set aside (the caller set them)."""
    _locked_editable(plan)
    _save(plan, user)
    return plan


# --- Measures ----------------------------------------------------------------------------------


def _next_position(plan_id: int, section: str) -> int:
    last = Measure.objects.filter(plan_id=plan_id, section=section).aggregate(last=Max("position"))
    return 0 if last["last"] is None else last["last"] + 1


def save_measure(
    *,
    measure: Measure,
    user,
    partners=(),
    categories=(),
    lines: list[BudgetLine] = (),
    deleted_lines: list[BudgetLine] = (),
    indicators: list[MeasureIndicator] = (),
    deleted_indicators: list[MeasureIndicator] = (),
) -> Measure:
    """Create or update a measure with its budget lines and indicators, all or nothing.

    ``lines`` and ``indicators`` are the new or changed rows to keep; the ``deleted_*`` ones go.
    A measure moved to another section goes to the end of it.
    """
    try:
        with transaction.atomic():
            _locked_editable(measure.plan)
            if measure._state.adding:
                measure.position = _next_position(measure.plan_id, measure.section)
            else:
                before = Measure.objects.select_for_update().get(pk=measure.pk, plan=measure.plan)
                if before.section != measure.section:
                    measure.position = _next_position(measure.plan_id, measure.section)
            measure.full_clean()
            _save(measure, user)
            measure.partners.set(partners)
            measure.categories.set(categories)
            for line in deleted_lines:
                if line.pk:
                    _delete(line, user)
            for indicator in deleted_indicators:
                if indicator.pk:
                    _delete(indicator, user)
            for line in lines:
                line.measure = measure
                line.full_clean(exclude=["measure"], validate_unique=False)
                _save(line, user)
            last = measure.indicators.aggregate(last=Max("position"))["last"]
            next_position = 0 if last is None else last + 1
            for indicator in indicators:
                indicator.measure = measure
                if indicator._state.adding:  # new ones go after the existing ones
                    indicator.position, next_position = next_position, next_position + 1
                indicator.full_clean(exclude=["measure"])
                _save(indicator, user)
    except IntegrityError as error:
        raise DomainError(
            _("The measure already has a line for this source and programme.")
        ) from error
    return measure


@transaction.atomic
def delete_measure(*, measure: Measure, user) -> None:
    """Delete a measure with its lines and indicators, each leaving its history."""
    _locked_editable(measure.plan)
    for line in measure.budget_lines.all():
        _delete(line, user)
    for indicator in measure.indicators.all():
        _delete(indicator, user)
    plan_id, section = measure.plan_id, measure.section
    _delete(measure, user)
    _renumber(list(_siblings(plan_id, section)), user)


def _siblings(plan_id: int, section: str):
    return (
        Measure.objects.select_for_update()
        .filter(plan_id=plan_id, section=section)
        .order_by("position", "pk")
    )


def _renumber(ordered: list[Measure], user) -> None:
    changed = []
    for position, measure in enumerate(ordered):
        if measure.position != position:
            measure.position = position
            changed.append(measure)
    if changed:
        bulk_update_with_history(changed, Measure, ["position"], default_user=user)


@transaction.atomic
def move_measure(*, measure: Measure, direction: str, user) -> bool:
    """One step up or down inside its section; False at either end."""
    if direction not in ("up", "down"):
        raise DomainError(_("Move a measure up or down."))
    _locked_editable(measure.plan)
    ordered = list(_siblings(measure.plan_id, measure.section))
    index = next(i for i, item in enumerate(ordered) if item.pk == measure.pk)
    target = index - 1 if direction == "up" else index + 1
    moved = 0 <= target < len(ordered)
    if moved:
        ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(ordered, user)
    return moved


# --- Objectives without a measure ----------------------------------------------------------------


@transaction.atomic
def skip_objective(*, plan: ActionPlan, specific_objective, reason: str, user) -> ObjectiveSkipped:
    """Record why a specific objective of the strategy has no measure this year."""
    _locked_editable(plan)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError({"reason": _("Say why the objective has no measure this year.")})
    if specific_objective.objective.strategy.cycle_id != plan.cycle_id:
        raise DomainError(
            {"specific_objective": _("The specific objective belongs to another strategy.")}
        )
    if ObjectiveSkipped.objects.filter(plan=plan, specific_objective=specific_objective).exists():
        raise DomainError(
            {"specific_objective": _("This objective already has a reason for this plan.")}
        )
    skipped = ObjectiveSkipped(plan=plan, specific_objective=specific_objective, reason=reason)
    _save(skipped, user)
    return skipped


@transaction.atomic
def unskip_objective(*, skipped: ObjectiveSkipped, user) -> None:
    _locked_editable(skipped.plan)
    _delete(skipped, user)


# --- To the council and back ---------------------------------------------------------------------


def readiness(plan: ActionPlan, data: dict | None = None) -> list[tuple[str, bool, str]]:
    """The readiness checks of the plan (label, done, detail), or none if they are unavailable."""
    try:
        from actionplans.readiness import plan_checks
    except ImportError:
        return []
    try:
        return list(plan_checks(plan, data) if data is not None else plan_checks(plan))
    except (AttributeError, TypeError):
        return []
