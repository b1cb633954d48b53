"""Traceability as data: the evidence behind each strategic objective, both ways.

"Why this objective": an objective cites SPIRAL dimensions (with live counts from the cycle's map
of needs), beneficiaries' statements, providers' round answers and working-group proposals.
"What became of my input": a provider sees every objective that cites its answers and proposals.
"Which needs are left": the frequent ill-being dimensions of each beneficiary group that no
objective takes up yet.

Evidence may only come from the strategy's own cycle and municipality; the services refuse
anything else, whatever the form let through. Every list here is read in a fixed number of
queries, whatever the amount of evidence.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from beneficiaries.analysis import SMALL_CELL
from beneficiaries.models import CodingRound, Question, Statement, StatementCode
from consultations.models import Answer, GroupProposal, WorkingGroup
from consultations.review import flatten, matrix_labels, show_answer
from core.exceptions import DomainError
from strategy.models import StrategicObjective, Strategy

NEED_MIN_STATEMENTS = 3  # fewer ill-being statements than this do not make a need
TOP_NEEDS = 5  # the needs of a group are its most frequent ill-being dimensions
PICKER_PAGE_SIZE = 20


# --- Numbers ------------------------------------------------------------------------------------


def objective_numbers(strategy_ids: Iterable[int]) -> dict[int, str]:
    """Objective pk → “OS1”, numbered as ``document.document_tree`` does (one query)."""
    numbers: dict[int, str] = {}
    counters: dict[int, int] = {}
    rows = (
        StrategicObjective.objects.filter(strategy_id__in=list(strategy_ids))
        .order_by("strategy_id", "position", "pk")
        .values_list("pk", "strategy_id")
    )
    for pk, strategy_id in rows:
        counters[strategy_id] = counters.get(strategy_id, 0) + 1
        numbers[pk] = f"OS{counters[strategy_id]}"
    return numbers


def _localised(row: dict) -> str:
    return row["name_en"] if (get_language() or "ro").startswith("en") else row["name_ro"]


# --- What may be cited ----------------------------------------------------------------------


def citable_statements(strategy: Strategy) -> QuerySet:
    """Statements of the strategy's cycle (and municipality)."""
    return Statement.objects.filter(
        municipality_id=strategy.municipality_id, session__cycle_id=strategy.cycle_id
    )


def citable_answers(strategy: Strategy) -> QuerySet:
    """Answers of submitted responses to the rounds of the strategy's cycle; drafts stay private."""
    return Answer.objects.filter(
        response__round__municipality_id=strategy.municipality_id,
        response__round__cycle_id=strategy.cycle_id,
        response__submitted_at__isnull=False,
    )


def citable_proposals(strategy: Strategy) -> QuerySet:
    """Proposals made in the working groups of the strategy's cycle."""
    return GroupProposal.objects.filter(
        group__municipality_id=strategy.municipality_id, group__cycle_id=strategy.cycle_id
    )


def _pks(items) -> set[int]:
    return {getattr(item, "pk", item) for item in items}


def _check_citable(strategy: Strategy, statements, answers, proposals) -> None:
    for pks, queryset, message in (
        (statements, citable_statements(strategy), _("A statement is not from this cycle.")),
        (answers, citable_answers(strategy), _("An answer is not from this cycle's rounds.")),
        (proposals, citable_proposals(strategy), _("A proposal is not from this cycle's groups.")),
    ):
        if pks and queryset.filter(pk__in=pks).count() != len(pks):
            raise DomainError(message)


# --- Services -------------------------------------------------------------------------------


def _save_with_history(objective: StrategicObjective, user, change) -> None:
    """Apply many-to-many changes, then record them as one history entry by `user`."""
    objective.skip_history_when_saving = True
    try:
        change()
    finally:
        del objective.skip_history_when_saving
    objective._history_user = user
    objective.save()


@transaction.atomic
def set_dimensions(*, objective: StrategicObjective, dimensions, user) -> StrategicObjective:
    """The SPIRAL dimensions an objective addresses (shared reference data)."""
    dimensions = list(dimensions)
    _save_with_history(objective, user, lambda: objective.dimensions.set(dimensions))
    return objective


@transaction.atomic
def cite(
    *,
    objective: StrategicObjective,
    statements=(),
    answers=(),
    proposals=(),
    user,
) -> StrategicObjective:
    """Add evidence to an objective; all of it must come from the strategy's cycle."""
    statements, answers, proposals = _pks(statements), _pks(answers), _pks(proposals)
    if not (statements or answers or proposals):
        raise DomainError(_("Choose at least one statement, answer or proposal to cite."))
    _check_citable(objective.strategy, statements, answers, proposals)

    def change():
        objective.statements.add(*statements)
        objective.answers.add(*answers)
        objective.proposals.add(*proposals)

    _save_with_history(objective, user, change)
    return objective


@transaction.atomic
def uncite(
    *,
    objective: StrategicObjective,
    statements=(),
    answers=(),
    proposals=(),
    user,
) -> StrategicObjective:
    """Remove evidence from an objective; what was not cited is left as it is."""
    statements, answers, proposals = _pks(statements), _pks(answers), _pks(proposals)
    if not (statements or answers or proposals):
        raise DomainError(_("Choose at least one statement, answer or proposal to remove."))

    def change():
        objective.statements.remove(*statements)
        objective.answers.remove(*answers)
        objective.proposals.remove(*proposals)

    _save_with_history(objective, user, change)
    return objective


# --- "Why this objective" -------------------------------------------------------------------


def dimension_counts(cycle, dimensions) -> list[dict]:
    """Live figures of the map of needs for each dimension, in one aggregate query.

    Primary-coded statements of the cycle: in all, on the ill-being side, and per beneficiary
    group. A statement has one session and one question, so the sums are exact.
    """
    dimensions = sorted(dimensions, key=lambda d: d.code)
    found = {
        d.pk: {"dimension": d, "total": 0, "illbeing": 0, "wellbeing": 0, "groups": {}}
        for d in dimensions
    }
    if not found:
        return []
    rows = (
        StatementCode.objects.filter(
            round=CodingRound.PRIMARY,
            statement__session__cycle=cycle,
            dimension_id__in=list(found),
        )
        .values(
            "dimension_id",
            category_id=F("statement__session__category"),
            category=F("statement__session__category__name"),
            question=F("statement__question"),
        )
        .annotate(n=Count("statement", distinct=True))
        .order_by()
    )
    for row in rows:
        item = found[row["dimension_id"]]
        item["total"] += row["n"]
        group = item["groups"].setdefault(
            row["category_id"], {"name": row["category"], "total": 0, "illbeing": 0}
        )
        group["total"] += row["n"]
        if row["question"] == Question.ILLBEING:
            item["illbeing"] += row["n"]
            group["illbeing"] += row["n"]
        elif row["question"] == Question.WELLBEING:
            item["wellbeing"] += row["n"]
    result = []
    for item in found.values():
        item["groups"] = sorted(item["groups"].values(), key=lambda g: g["name"])
        item["small"] = item["total"] < SMALL_CELL
        result.append(item)
    return result


def _primary_codes():
    return Prefetch(
        "codes",
        queryset=StatementCode.objects.filter(round=CodingRound.PRIMARY)
        .select_related("dimension")
        .order_by("dimension__code"),
        to_attr="primary_codes",
    )


def cited_statements(objective: StrategicObjective) -> list[Statement]:
    """The cited statements with their group and codes; nothing about who said them."""
    return list(
        objective.statements.select_related("session__category")
        .prefetch_related(_primary_codes())
        .order_by("session__category__name", "question", "pk")
    )


def prepare_answers(municipality, answers: list[Answer]) -> list[Answer]:
    """Give each answer a one-line `summary` (choices, scale, matrix or text) without queries."""
    labels = matrix_labels(municipality, answers)
    for answer in answers:
        answer.summary = flatten(show_answer(answer, labels))
    return answers


def cited_answers(objective: StrategicObjective, municipality) -> list[Answer]:
    answers = list(
        objective.answers.select_related(
            "question", "response__organisation", "response__round"
        ).order_by(
            "response__round__opens_at", "response__organisation__name", "question__position"
        )
    )
    return prepare_answers(municipality, answers)


def cited_proposals(objective: StrategicObjective) -> list[GroupProposal]:
    return list(
        objective.proposals.select_related("group", "proposed_by").order_by("group__name", "pk")
    )


def statement_picker(strategy: Strategy, objective, *, dimension=None, text: str = "") -> QuerySet:
    """Statements of the cycle not cited yet, coded with `dimension` and/or containing `text`."""
    statements = (
        citable_statements(strategy)
        .exclude(objectives=objective)
        .select_related("session__category")
        .prefetch_related(_primary_codes())
        .order_by("-session__date", "session_id", "question", "pk")
    )
    if dimension is not None:
        statements = statements.filter(
            Exists(
                StatementCode.objects.filter(
                    statement=OuterRef("pk"), round=CodingRound.PRIMARY, dimension=dimension
                )
            )
        )
    if text:
        statements = statements.filter(text__icontains=text)
    return statements


def answer_picker(
    strategy: Strategy, objective, *, dimension=None, theme=None, text: str = ""
) -> QuerySet:
    """Submitted answers of the cycle's rounds not cited yet, by tag and/or text."""
    answers = (
        citable_answers(strategy)
        .exclude(objectives=objective)
        .select_related("question", "response__organisation", "response__round")
        .order_by(
            "-response__round__opens_at", "response__organisation__name", "question__position", "pk"
        )
    )
    if dimension is not None:
        answers = answers.filter(
            Exists(
                Answer.dimensions.through.objects.filter(
                    answer_id=OuterRef("pk"), spiraldimension=dimension
                )
            )
        )
    if theme is not None:
        answers = answers.filter(
            Exists(Answer.themes.through.objects.filter(answer_id=OuterRef("pk"), theme=theme))
        )
    if text:
        answers = answers.filter(
            Q(text__icontains=text) | Q(response__organisation__name__icontains=text)
        )
    return answers


def proposal_picker(
    strategy: Strategy, objective, *, adopted_only=True, text: str = ""
) -> QuerySet:
    proposals = (
        citable_proposals(strategy)
        .exclude(objectives=objective)
        .select_related("group", "proposed_by")
        .order_by("group__name", "-created_at", "pk")
    )
    if adopted_only:
        proposals = proposals.filter(status=GroupProposal.Status.ADOPTED)
    if text:
        proposals = proposals.filter(Q(title__icontains=text) | Q(text__icontains=text))
    return proposals


# --- "What became of my input" --------------------------------------------------------------


def _citing_objectives(municipality):
    return Prefetch(
        "objectives",
        queryset=StrategicObjective.objects.filter(strategy__municipality=municipality)
        .select_related("strategy")
        .order_by("strategy_id", "position", "pk"),
        to_attr="citing",
    )


def provider_contributions(municipality, organisation) -> dict:
    """The organisation's submitted answers and its proposals, each with the objectives citing it.

    Proposals: those the organisation made, and those adopted by a group it is a member of.
    """
    answers = list(
        Answer.objects.filter(
            response__organisation=organisation,
            response__round__municipality=municipality,
            response__submitted_at__isnull=False,
        )
        .select_related("question", "response__round")
        .prefetch_related(_citing_objectives(municipality))
        .order_by("-response__round__opens_at", "response__round_id", "question__position", "pk")
    )
    prepare_answers(municipality, answers)
    member = WorkingGroup.members.through.objects.filter(
        workinggroup_id=OuterRef("group_id"), organisation_id=organisation.pk
    )
    proposals = list(
        GroupProposal.objects.filter(group__municipality=municipality)
        .filter(
            Q(proposed_by=organisation) | Q(Exists(member), status=GroupProposal.Status.ADOPTED)
        )
        .select_related("group", "proposed_by")
        .prefetch_related(_citing_objectives(municipality))
        .order_by("group__name", "-created_at", "pk")
    )
    strategy_ids = {o.strategy_id for item in [*answers, *proposals] for o in item.citing}
    numbers = objective_numbers(strategy_ids) if strategy_ids else {}
    for item in [*answers, *proposals]:
        for objective in item.citing:
            objective.number = numbers.get(objective.pk, "")
    return {
        "answers": answers,
        "proposals": proposals,
        "cited": sum(1 for item in [*answers, *proposals] if item.citing),
    }


# --- Needs no objective addresses -----------------------------------------------------------


def frequent_needs(strategy: Strategy) -> list[dict]:
    """Per beneficiary group, its most frequent ill-being dimensions (at most TOP_NEEDS, each
    with at least NEED_MIN_STATEMENTS primary-coded statements of the cycle), with the ids of
    the strategy's objectives that address each. Two queries."""
    rows = (
        StatementCode.objects.filter(
            round=CodingRound.PRIMARY,
            statement__session__cycle_id=strategy.cycle_id,
            statement__municipality_id=strategy.municipality_id,
            statement__question=Question.ILLBEING,
        )
        .values(
            "dimension_id",
            category_id=F("statement__session__category"),
            category=F("statement__session__category__name"),
            code=F("dimension__code"),
            name_ro=F("dimension__name_ro"),
            name_en=F("dimension__name_en"),
        )
        .annotate(statements=Count("statement", distinct=True))
        .filter(statements__gte=NEED_MIN_STATEMENTS)
        .order_by("category", "category_id", "-statements", "code")
    )
    addressed: dict[int, list[int]] = {}
    for objective_id, dimension_id in (
        StrategicObjective.dimensions.through.objects.filter(strategicobjective__strategy=strategy)
        .order_by("strategicobjective__position", "strategicobjective_id")
        .values_list("strategicobjective_id", "spiraldimension_id")
    ):
        addressed.setdefault(dimension_id, []).append(objective_id)
    needs, per_group = [], {}
    for row in rows:
        per_group[row["category_id"]] = per_group.get(row["category_id"], 0) + 1
        if per_group[row["category_id"]] > TOP_NEEDS:
            continue
        needs.append(
            {
                **row,
                "name": _localised(row),
                "objective_ids": addressed.get(row["dimension_id"], []),
            }
        )
    return needs


def unaddressed_needs(strategy: Strategy) -> list[dict]:
    """The frequent needs (see `frequent_needs`) that no strategic objective addresses yet.

    Each: category_id, category, dimension_id, code, name, statements (ill-being count).
    """
    return [need for need in frequent_needs(strategy) if not need["objective_ids"]]
