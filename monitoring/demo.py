"""Demo of monitoring (Baia Mare): the first three quarters of the adopted 2026 plan.

Every measure has a report for Q1–Q3 with its status, the beneficiaries reached and the money
executed per funding source; Q1 and Q2 are closed, Q3 is open (a partner's report waits for
review there). One measure is delayed (cadastre, after an appeal), two are under-executed (the
EU money of the telecare and of the Craica after-school came late), some indicators are behind
their trajectory; one correction was recorded on Q1; Casa Speranței's report for Q2 was accepted.

Everything goes through ``monitoring.services`` (which validate). The demo cycle is already in
the monitoring stage (``actionplans.demo``). Loaded once: when the plan has progress reports,
nothing is written.
"""

import datetime
import math
from decimal import Decimal

from actionplans.demo import MEASURES
from actionplans.models import ActionPlan
from core.models import Membership
from monitoring import services
from monitoring.derived import line_of, trajectory_at
from monitoring.models import MeasureProgress
from monitoring.periods import ensure_periods
from strategy.models import Indicator

PLAN_YEAR = 2026
QUARTERS = (1, 2, 3)
CLOSED = (1, 2)
Status = MeasureProgress.Status

MONTHS = [
    "ianuarie",
    "februarie",
    "martie",
    "aprilie",
    "mai",
    "iunie",
    "iulie",
    "august",
    "septembrie",
    "octombrie",
    "noiembrie",
    "decembrie",
]

# Measures that finished before their planned end month: the month they were done in.
DONE_EARLY = {"rights_caravan": 9, "employers_information": 9}
DELAYED = "papers_and_cadastre"
DELAY_NOTE = (
    "Contractul pentru lucrările de cadastru a fost atribuit abia în august, după o contestație "
    "la CNSC; măsurătorile în Pirita au început în septembrie. Termenul se mută în martie 2027, "
    "cu acordul finanțatorului PIDS."
)
# (measure key, source) -> the share of the quarter's planned money executed, per quarter.
LATE_MONEY = {
    ("telecare", "eu"): {1: 0, 2: 0, 3: Decimal("0.35")},
    ("craica_after_school", "eu"): {1: 0, 2: 0, 3: Decimal("1.6")},
    ("papers_and_cadastre", "eu"): {1: Decimal("0.4"), 2: 0, 3: Decimal("0.2")},
}
SPECIFIC_NOTES = {
    ("telecare", 1): "Achiziția echipamentelor de teleasistență (PNRR C13) a fost reluată după "
    "ce prima procedură nu a avut ofertanți; primii vârstnici au fost conectați cu echipamente "
    "împrumutate de Crucea Roșie.",
    ("telecare", 2): "Contractul de furnizare nu este semnat; cererea de plată PNRR nu a putut fi "
    "depusă. Dispeceratul funcționează cu 12 abonați.",
    ("telecare", 3): "Contractul a fost semnat în august; 38 de vârstnici sunt conectați, restul "
    "montajelor sunt programate în octombrie–decembrie.",
    ("craica_after_school", 1): "Cererea de rambursare PIDS pentru trimestrul I este în "
    "verificare la AM; cheltuielile cu personalul au fost avansate din cofinanțare.",
    ("craica_after_school", 2): "Rambursarea PIDS întârzie; doi copii s-au mutat cu familiile "
    "în străinătate.",
    ("craica_after_school", 3): "S-a primit rambursarea pentru semestrul I. În vacanța de vară "
    "au venit mai puțini copii; înscrierile pentru noul an școlar continuă.",
    ("home_care_villages", 1): "Serviciul începe în aprilie; s-au recrutat două îngrijitoare "
    "din Firiza.",
    ("new_protected_house", 1): "Măsura este amânată: finanțarea pentru 2026 nu a fost aprobată; "
    "se caută o clădire pentru 2027.",
    ("guide_print", 2): "Ghidul a fost tipărit în 3.000 de exemplare și distribuit prin "
    "medicii de familie, primărie și furnizori.",
    ("campaign_not_alone", 2): "Campania s-a încheiat în mai; pliantele au ajuns în 42 de "
    "cabinete și 18 farmacii.",
    ("rights_caravan", 3): "Cele șapte zile de informare au avut loc până la sfârșitul lui "
    "septembrie, mai devreme decât era prevăzut.",
    ("employers_information", 3): "Cele două întâlniri cu angajatorii au avut loc în "
    "septembrie, la Camera de Comerț; au participat 27 de firme.",
}
GENERIC_NOTES = [
    "Serviciul a funcționat fără întreruperi; rapoartele lunare ale furnizorului au fost "
    "verificate de DAS.",
    "Activitățile s-au desfășurat conform calendarului; plățile s-au făcut la zi.",
    "Echipa a lucrat cu toți beneficiarii din evidență; nu au fost sesizări sau reclamații.",
    "Execuția bugetară este în grafic; s-au făcut vizitele de monitorizare planificate.",
]
# The partner reports: (measure key, quarter, accepted?).
PARTNER_REPORTS = (("care_centre", 2, True), ("protected_house", 3, False))
CORRECTION = (
    "home_care_sf_ioan",
    1,
    "Fundația Sfântul Ioan a transmis evidența finală pentru martie: 4 beneficiari intrați în "
    "ultima săptămână a trimestrului nu fuseseră numărați.",
)

# Indicator values that are behind their trajectory, per quarter (the others are on track).
STRATEGY_VALUES = {
    "Vârstnici singuri conectați la serviciul de teleasistență": {1: 4, 2: 12, 3: 38},
    "Timpul mediu de așteptare pentru îngrijire la domiciliu": {2: 96},
}
MEASURE_VALUES = {
    ("telecare", 0): {1: 4, 2: 12, 3: 38},
    ("craica_after_school", 0): {1: 32, 2: 30, 3: 26},
}
DELAYED_SHARE = Decimal("0.55")


def _quarter_months(number: int) -> range:
    return range(3 * number - 2, 3 * number + 1)


def _quarter_end(number: int) -> datetime.date:
    month = 3 * number
    return datetime.date(PLAN_YEAR, month, 30 if month in (6, 9) else 31)


def _active(spec, number: int) -> int:
    """Months of the quarter in which the measure ran."""
    start, end = spec["months"]
    end = DONE_EARLY.get(spec["key"], end)
    return sum(1 for month in _quarter_months(number) if start <= month <= end)


def _status(spec, number: int) -> str:
    start, end = spec["months"]
    end = DONE_EARLY.get(spec["key"], end)
    if spec["status"] == "postponed" or start > 3 * number:
        return Status.NOT_STARTED
    if end <= 3 * number:
        return Status.DONE
    if spec["key"] == DELAYED and number == 3:
        return Status.DELAYED
    return Status.IN_PROGRESS


def _note(spec, number: int, status: str, index: int) -> str:
    key = spec["key"]
    if key == DELAYED and status == Status.DELAYED:
        return DELAY_NOTE
    if (key, number) in SPECIFIC_NOTES:
        return SPECIFIC_NOTES[(key, number)]
    if key == "new_protected_house":
        return SPECIFIC_NOTES[(key, 1)]
    if status == Status.NOT_STARTED:
        month = MONTHS[spec["months"][0] - 1]
        return f"Măsura începe în {month} {PLAN_YEAR}, conform planului."
    if status == Status.DONE:
        if number > 1 and _status(spec, number - 1) == Status.DONE:
            return "Măsură încheiată; nu mai sunt cheltuieli."
        return "Măsura a fost realizată integral în acest trimestru."
    return GENERIC_NOTES[(index + number) % len(GENERIC_NOTES)]


def _reached(spec, number: int, status: str, index: int) -> int | None:
    if not spec["beneficiaries"] or not _active(spec, number):
        return None
    ramp = Decimal("0.85") + Decimal((index * 7 + number * 3) % 15) / 100
    if spec["section"] == "new":
        ramp = ramp * _active(spec, number) / 3
    return int(Decimal(spec["beneficiaries"]) * min(ramp, Decimal(1)))


def _executions(spec, number: int, index: int) -> dict:
    start, end = spec["months"]
    end = DONE_EARLY.get(spec["key"], end)
    active = _active(spec, number)
    if not active:
        return {}
    months = end - start + 1
    found = {}
    for k, (source, _programme, amount, _note) in enumerate(spec["budget"]):
        share = Decimal(active) / Decimal(months)
        factor = Decimal("0.9") + Decimal((index + k + number) % 10) / 100
        factor = LATE_MONEY.get((spec["key"], str(source)), {}).get(number, factor)
        found[str(source)] = (Decimal(amount) * share * Decimal(factor)).quantize(Decimal("1.00"))
    return found


def _on_track(indicator, number: int, index: int, *, cap=None) -> Decimal:
    line = line_of(indicator, PLAN_YEAR)
    if line is None:
        return Decimal(indicator.target)
    expected = trajectory_at(line[0], line[1], _quarter_end(number))
    factor = Decimal("1.03") + Decimal(index % 8) / 100
    if line[1][1] >= line[0][1]:
        value = Decimal(math.ceil(expected * factor))
        return min(value, Decimal(cap)) if cap is not None else value
    return Decimal(math.floor(expected / factor))


def _strategy_quarters(indicator) -> tuple[int, ...]:
    if indicator.frequency in (Indicator.Frequency.QUARTERLY, Indicator.Frequency.MONTHLY):
        return QUARTERS
    return (2,)  # half-yearly, yearly: the situation at 30 June


def _record_indicators(plan, specs, staff, number: int) -> None:
    indicators = Indicator.objects.filter(
        specific_objective__objective__strategy__cycle_id=plan.cycle_id
    ).order_by("specific_objective__objective__position", "specific_objective__position", "pk")
    for index, indicator in enumerate(indicators):
        if number not in _strategy_quarters(indicator):
            continue
        fixed = STRATEGY_VALUES.get(indicator.name, {})
        value = fixed.get(number)
        if value is None:
            value = _on_track(indicator, number, index)
        services.record_indicator_value(
            plan=plan,
            indicator=indicator,
            value=value,
            measured_on=_quarter_end(number),
            source=indicator.source,
            user=staff,
        )
    for index, measure in enumerate(plan.measures.prefetch_related("indicators", "partners")):
        spec = specs[measure.title]
        status = _status(spec, number)
        if status == Status.NOT_STARTED:
            continue
        partners = [p.name for p in measure.partners.all()]
        source = (
            f"Raportul de activitate trimestrial – {partners[0]}"
            if partners
            else f"Evidența {measure.department}"
        )
        for position, item in enumerate(measure.indicators.all()):
            value = MEASURE_VALUES.get((spec["key"], position), {}).get(number)
            if value is None and status == Status.DONE:
                value = item.target
            if value is None and spec["key"] == DELAYED and number == 3:
                line = line_of(item, PLAN_YEAR)
                expected = trajectory_at(line[0], line[1], _quarter_end(number))
                value = Decimal(math.floor(expected * DELAYED_SHARE))
            if value is None:
                value = _on_track(item, number, index + position, cap=item.target)
            services.record_indicator_value(
                plan=plan,
                measure_indicator=item,
                value=value,
                measured_on=_quarter_end(number),
                source=source[:250],
                user=staff,
            )


def _partner_user(municipality, measure):
    membership = (
        Membership.objects.filter(
            municipality=municipality,
            role="provider",
            organisation__in=measure.partners.all(),
        )
        .select_related("user", "organisation")
        .order_by("pk")
        .first()
    )
    return membership


def load_monitoring_demo(municipality, cycle, staff) -> None:
    plan = ActionPlan.objects.filter(
        cycle=cycle, year=PLAN_YEAR, status=ActionPlan.Status.APPROVED
    ).first()
    if plan is None or MeasureProgress.objects.filter(period__plan=plan).exists():
        return
    specs = {spec["title"]: spec for spec in MEASURES}
    measures = [m for m in plan.measures.order_by("section", "position", "pk") if m.title in specs]
    periods = {p.number: p for p in ensure_periods(plan)}
    partner_reports = {(key, number): accepted for key, number, accepted in PARTNER_REPORTS}

    for number in QUARTERS:
        period = periods[number]
        for index, measure in enumerate(measures):
            spec = specs[measure.title]
            status = _status(spec, number)
            arguments = {
                "period": period,
                "measure": measure,
                "status": status,
                "note": _note(spec, number, status, index),
                "beneficiaries_reached": _reached(spec, number, status, index),
                "executions": _executions(spec, number, index),
            }
            accepted = partner_reports.get((spec["key"], number))
            membership = _partner_user(municipality, measure) if accepted is not None else None
            if membership is None:
                services.record_progress(user=staff, **arguments)
                continue
            progress = services.record_progress(
                user=membership.user, organisation=membership.organisation, **arguments
            )
            if accepted:
                services.accept_progress(progress=progress, user=staff)
        _record_indicators(plan, specs, staff, number)
        if number in CLOSED:
            services.close_period(period=period, user=staff)

    key, number, reason = CORRECTION
    measure = next(m for m in measures if specs[m.title]["key"] == key)
    progress = MeasureProgress.objects.get(period=periods[number], measure=measure)
    services.record_progress(
        period=periods[number],
        measure=measure,
        status=progress.status,
        note=progress.note,
        beneficiaries_reached=(progress.beneficiaries_reached or 0) + 4,
        executions={e.source: e.amount for e in progress.executions.all()},
        user=staff,
        correction_reason=reason,
    )
