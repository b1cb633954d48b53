"""Benchmark volumes of the annual action plans (seed_scale): an approved plan of the current
cycle with its measures spread over the sections and the strategy's specific objectives, five
budget lines each (400 measures and 2,000 lines at county scale).

Runs after the strategy's seeder (INSTALLED_APPS order), so the cycle's specific objectives and
the guide's services exist to be cited. Written with bulk_create, through tables included:
history is not needed for benchmark volumes. The plan is approved by its draft council decision
(kind plan, adopted, with its avize and the council's vote), so that both the staff page and the
public page can be measured and `make bench` can render the decision's dossier (~150 pages at
county scale, with ``actionplans.dossier.render``). Idempotent: a plan of the year already there
is kept, and a plan with a decision gets no second one.
"""

import datetime
from decimal import Decimal

from actionplans import council_texts
from actionplans.demo import MEASURES
from actionplans.models import (
    ActionPlan,
    BudgetLine,
    CouncilVote,
    DecisionKind,
    DraftDecision,
    LegalSection,
    Measure,
    MeasureIndicator,
    Opinion,
)
from beneficiaries.models import BeneficiaryCategory
from consultations.models import FundingSource, SocialService
from core.models import Membership, Role, StrategyCycle, User
from core.seeding import SCALES, register_seeder
from strategy.models import SpecificObjective, StrategicObjective, Strategy, StrategyVersion

SCALES["small"].update(plan_measures=40)
SCALES["county"].update(plan_measures=400)

# Five lines per measure, one per source; the EU line names its programme.
LINE_SOURCES = [
    FundingSource.LOCAL,
    FundingSource.STATE,
    FundingSource.EU,
    FundingSource.PRIVATE,
    FundingSource.CONTRIBUTIONS,
]
PROGRAMMES = ["PIDS", "PR Nord-Vest", "PNRR C13", "PEO"]
SECTIONS = LegalSection.values
BATCH = 2000

# The demo's measures give realistic titles, departments and indicators; the volume numbers them.
MODELS = [spec for spec in MEASURES if spec["budget"]]


def _link(field, pairs) -> None:
    """Bulk rows of a many-to-many field's auto-created through model."""
    through = field.remote_field.through
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    through.objects.bulk_create(
        (through(**{source: a, target: b}) for a, b in pairs), batch_size=BATCH
    )


def _specific_objectives(municipality, cycle) -> list[int]:
    """The ids of the cycle's specific objectives, made (a few) when its strategy has none."""
    found = list(
        SpecificObjective.objects.filter(objective__strategy__cycle=cycle)
        .order_by("objective__position", "position", "pk")
        .values_list("pk", flat=True)
    )
    if found:
        return found
    strategy = Strategy.objects.filter(cycle=cycle).first() or Strategy.objects.create(
        municipality=municipality,
        cycle=cycle,
        title=f"Strategia de dezvoltare a serviciilor sociale {cycle.start_year}–{cycle.end_year}",
    )
    objective = StrategicObjective.objects.create(
        strategy=strategy, title="Servicii sociale aproape de casă", position=0
    )
    specifics = SpecificObjective.objects.bulk_create(
        SpecificObjective(objective=objective, title=f"Obiectivul specific {n + 1}", position=n)
        for n in range(4)
    )
    return [s.pk for s in specifics]


@register_seeder
def seed_action_plans(municipality, scale, sizes):
    cycle = StrategyCycle.objects.current_for(municipality)
    staff = municipality.memberships.filter(role=Role.STAFF).order_by("pk").first().user
    specifics = _specific_objectives(municipality, cycle)
    organisations = list(municipality.organisations.order_by("pk").values_list("pk", flat=True))
    categories = list(
        BeneficiaryCategory.objects.filter(municipality=municipality)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    zones = list(municipality.zones.order_by("pk").values_list("pk", flat=True)[:60])
    services = list(
        SocialService.objects.filter(municipality=municipality)
        .order_by("pk")
        .values_list("pk", "code", "name")[:200]
    )

    existing = ActionPlan.objects.filter(cycle=cycle, year=cycle.start_year).first()
    if existing is not None:
        _decision(existing, staff)
        _strategy_decision(existing, staff)
        return
    plan = ActionPlan.objects.create(
        municipality=municipality,
        cycle=cycle,
        year=cycle.start_year,
        status=ActionPlan.Status.APPROVED,
        introduction="Planul anual de acțiune privind serviciile sociale.",
        submitted_at=datetime.datetime(cycle.start_year, 2, 10, 9, tzinfo=datetime.UTC),
        created_by=staff,
    )
    _decision(plan, staff)
    _strategy_decision(plan, staff)

    measures = []
    for n in range(sizes["plan_measures"]):
        model = MODELS[n % len(MODELS)]
        section = SECTIONS[n % len(SECTIONS)]
        service = services[n % len(services)] if services and section == "existing" else None
        start = 1 + n % 6
        measures.append(
            Measure(
                plan=plan,
                section=section,
                specific_objective_id=specifics[n % len(specifics)],
                title=f"{model['title']} ({n + 1:03d})",
                description=model["description"],
                service_id=service[0] if service else None,
                service_code=service[1] if service else (model["code"] or "8810 ID-I"),
                service_name=service[2] if service else model["name"],
                department=model["department"],
                zone_id=zones[n % len(zones)] if zones and n % 3 == 0 else None,
                capacity=model["capacity"],
                beneficiaries=model["beneficiaries"],
                staff=model["staff"],
                start_month=start,
                end_month=start + 6,
                position=n // len(SECTIONS) + 1,
            )
        )
    measures = Measure.objects.bulk_create(measures, batch_size=BATCH)
    BudgetLine.objects.bulk_create(
        (
            BudgetLine(
                measure=measure,
                source=source,
                programme=PROGRAMMES[n % len(PROGRAMMES)] if source == FundingSource.EU else "",
                amount=Decimal(10_000 + (n * 7919 + k * 104_729) % 900_000) + Decimal("0.50"),
            )
            for n, measure in enumerate(measures)
            for k, source in enumerate(LINE_SOURCES)
        ),
        batch_size=BATCH,
    )
    MeasureIndicator.objects.bulk_create(
        (
            MeasureIndicator(
                measure=measure,
                name=MODELS[n % len(MODELS)]["indicators"][0][0],
                unit=MODELS[n % len(MODELS)]["indicators"][0][1],
                target=Decimal(MODELS[n % len(MODELS)]["indicators"][0][2]),
            )
            for n, measure in enumerate(measures)
        ),
        batch_size=BATCH,
    )
    if organisations:
        _link(
            Measure._meta.get_field("partners"),
            (
                (m.pk, organisations[(n + k) % len(organisations)])
                for n, m in enumerate(measures)
                if n % 2 == 0
                for k in range(min(2, len(organisations)))
            ),
        )
    if categories:
        _link(
            Measure._meta.get_field("categories"),
            (
                (m.pk, categories[(n + k) % len(categories)])
                for n, m in enumerate(measures)
                if n % 3 != 2
                for k in range(min(2, len(categories)))
            ),
        )


def _decision(plan, staff) -> DraftDecision:
    """The plan's adopted draft decision (kind plan) with its avize and the council's vote."""
    found = plan.draft_decisions.order_by("pk").first()
    if found is not None:
        return found
    year = plan.year
    decision = DraftDecision.objects.create(
        municipality_id=plan.municipality_id,
        cycle_id=plan.cycle_id,
        kind=DecisionKind.PLAN,
        plan=plan,
        status=DraftDecision.Status.ADOPTED,
        initiator="Președintele Consiliului Județean",
        referat_number="1.101",
        referat_date=datetime.date(year, 1, 20),
        raport_number="1.102",
        raport_date=datetime.date(year, 1, 21),
        submitted_at=plan.submitted_at,
        submitted_by=staff,
        created_by=staff,
        **council_texts.initial_texts(plan.municipality, DecisionKind.PLAN),
    )
    Opinion.objects.bulk_create(
        Opinion(
            decision=decision,
            body=Opinion.Body.COMMITTEE,
            issuer=issuer,
            number=str(number),
            date=datetime.date(year, 2, 5),
            added_by=staff,
        )
        for number, issuer in (
            (21, "Comisia pentru sănătate, asistență socială, cultură și culte"),
            (22, "Comisia pentru buget-finanțe"),
        )
    )
    CouncilVote.objects.create(
        decision=decision,
        decision_number="12",
        decision_date=datetime.date(year, 2, 26),
        in_office=31,
        present=27,
        votes_for=25,
        votes_against=1,
        abstentions=1,
        adopted=True,
        recorded_by=staff,
    )
    return decision


def _strategy_decision(plan, staff) -> DraftDecision | None:
    """The strategy's adopted draft decision (on its published version, annexing the plan) and
    the council secretary who recorded the vote: the secretary's workspace and the public page of
    the adopted strategy are measured by `make bench`."""
    municipality = plan.municipality
    secretary, _ = User.objects.get_or_create(
        username=f"{municipality.slug}-secretary",
        defaults={"email": f"{municipality.slug}-secretary@bench.spirala.ro"},
    )
    Membership.objects.get_or_create(user=secretary, municipality=municipality, role=Role.SECRETARY)
    found = plan.draft_decisions.filter(kind=DecisionKind.STRATEGY).order_by("pk").first()
    version = (
        StrategyVersion.objects.filter(strategy__cycle_id=plan.cycle_id).order_by("number").first()
    )
    if found is not None or version is None:
        return found
    year = plan.year
    decision = DraftDecision.objects.create(
        municipality_id=plan.municipality_id,
        cycle_id=plan.cycle_id,
        kind=DecisionKind.STRATEGY,
        strategy_version=version,
        plan=plan,
        status=DraftDecision.Status.ADOPTED,
        initiator="Președintele Consiliului Județean",
        referat_number="1.091",
        referat_date=datetime.date(year - 1, 11, 20),
        raport_number="1.092",
        raport_date=datetime.date(year - 1, 11, 21),
        submitted_at=datetime.datetime(year - 1, 11, 25, 9, tzinfo=datetime.UTC),
        submitted_by=staff,
        created_by=staff,
        **council_texts.initial_texts(municipality, DecisionKind.STRATEGY),
    )
    CouncilVote.objects.create(
        decision=decision,
        decision_number="118",
        decision_date=datetime.date(year - 1, 12, 18),
        in_office=31,
        present=29,
        votes_for=27,
        votes_against=1,
        abstentions=1,
        adopted=True,
        recorded_by=secretary,
    )
    return decision
