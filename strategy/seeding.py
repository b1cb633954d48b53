"""Benchmark volumes of the strategy stage (seed_scale): a full draft, a published version and an
open public consultation with many comments (5,000 at county scale).

Runs after the SPIRAL and providers' seeders (INSTALLED_APPS order), so the cycle's coded
statements, round answers and working-group proposals exist to be cited. Written with bulk_create:
history is not needed for benchmark volumes.
"""

import datetime
import random
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from beneficiaries.models import CodingRound, Question, SpiralDimension, Statement
from consultations.models import Answer, GroupProposal, QuestionKind
from core.models import Membership, Role, StrategyCycle
from core.seeding import register_seeder
from strategy.demo import COMMENTS, GUIDELINES, OBJECTIVES, SECTIONS
from strategy.document import labels, snapshot
from strategy.law52 import statutory_dates
from strategy.models import (
    Comment,
    Guideline,
    Indicator,
    PublicConsultation,
    Section,
    SpecificObjective,
    StrategicObjective,
    Strategy,
    StrategyVersion,
)
from strategy.sanitise import sanitise

OBJECTIVE_COUNT = 6
SPECIFIC_PER_OBJECTIVE = 3
INDICATORS_PER_SPECIFIC = 2
STATEMENTS_PER_OBJECTIVE = 5
ANSWERS_PER_OBJECTIVE = 3
HIDDEN_EVERY = 397  # a few hidden comments (the 8th, then one in every 397)
BATCH = 2000

ANSWER_TEXTS = [(answer, reason) for *_a, answer, reason, _c, _h in COMMENTS]
COMMENT_TEXTS = [text for _author, _target, text, *_rest in COMMENTS if not _rest[-1]]
INDICATOR_MODELS = [
    values
    for spec in OBJECTIVES
    for _title, _description, indicators in spec["specific"]
    for values in indicators
]
SPECIFIC_MODELS = [
    (title, description) for spec in OBJECTIVES for title, description, _i in spec["specific"]
]


def _link(field, pairs) -> None:
    """Bulk rows of a many-to-many field's auto-created through model."""
    through = field.remote_field.through
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    through.objects.bulk_create(
        (through(**{source: a, target: b}) for a, b in pairs),
        batch_size=BATCH,
        ignore_conflicts=True,
    )


def _frequent_dimensions(cycle, count: int) -> list[int]:
    """The ids of the dimensions most often coded on the ill-being side in the cycle."""
    rows = (
        SpiralDimension.objects.filter(
            codes__round=CodingRound.PRIMARY,
            codes__statement__session__cycle=cycle,
            codes__statement__question=Question.ILLBEING,
        )
        .annotate(n=Count("codes"))
        .order_by("-n", "code")
        .values_list("pk", flat=True)[:count]
    )
    found = list(rows)
    if len(found) < count:  # a cycle without coded statements still gets evidence
        found += list(
            SpiralDimension.objects.exclude(pk__in=found)
            .order_by("code")
            .values_list("pk", flat=True)[: count - len(found)]
        )
    return found


_AREA_NEEDS = [
    ("Vârstnici singuri", "îngrijire la domiciliu", 120),
    ("Copii în risc de separare de familie", "servicii de zi", 85),
    ("Persoane cu dizabilități", "centre de zi și transport adaptat", 64),
    ("Persoane fără adăpost", "adăpost de urgență", 22),
    ("Familii monoparentale", "consiliere și sprijin material", 97),
    ("Persoane de etnie romă fără acte", "mediere și acte de identitate", 41),
]


def _area_diagnoses(rng, count: int) -> list[tuple[str, str, str]]:
    """A county's strategy describes each of its areas (UATs, microzones): a chapter each, with
    its population, the needs and the services there in a table, as county strategies do."""
    chapters = []
    for n in range(count):
        rows = "".join(
            f"<tr><td>{group}</td><td>{rng.randint(people // 2, people * 2)}</td>"
            f"<td>{service}</td><td>{rng.randint(0, 3)}</td></tr>"
            for group, service, people in _AREA_NEEDS
        )
        body = (
            f"<p>Zona {n + 1:02d} are aproximativ {rng.randint(2, 40) * 1000} de locuitori, dintre "
            "care o parte importantă sunt vârstnici care trăiesc singuri; tinerii pleacă la muncă "
            "în străinătate, iar gospodăriile rămase au venituri mici. Sesiunile SPIRAL ținute "
            "aici au arătat lipsa serviciilor de proximitate, distanța până la centrele de zi și "
            "costul transportului, dar și solidaritatea vecinilor și rolul parohiei.</p>"
            "<p>Furnizorii din zonă lucrează cu personal puțin și cu finanțare de la an la an; "
            "consultarea lor a arătat că un serviciu nou are nevoie de spațiu de la autoritatea "
            "locală și de un contract multianual pentru a putea angaja.</p>"
            "<h3>Nevoi și servicii</h3>"
            "<table><thead><tr><th>Grup</th><th>Persoane estimate</th><th>Serviciu necesar</th>"
            f"<th>Servicii existente</th></tr></thead><tbody>{rows}</tbody></table>"
            "<ul><li>prioritate: îngrijirea la domiciliu și teleasistența;</li>"
            "<li>parteneri: primăria, parohia, școala și cabinetul medical;</li>"
            "<li>risc: lipsa personalului calificat în mediul rural.</li></ul>"
        )
        chapters.append((Section.Kind.DIAGNOSIS, f"Diagnoza zonei {n + 1:02d}", body))
    return chapters


@register_seeder
def seed_strategy(municipality, scale, sizes):
    rng = random.Random(2003)
    now = timezone.now()
    today = timezone.localdate()
    cycle = StrategyCycle.objects.current_for(municipality)
    staff = municipality.memberships.filter(role=Role.STAFF).order_by("pk").first().user
    strategy = Strategy.objects.create(
        municipality=municipality,
        cycle=cycle,
        title=(
            f"Strategia de dezvoltare a serviciilor sociale {cycle.start_year}–{cycle.end_year}"
        ),
    )
    chapters = list(SECTIONS) + _area_diagnoses(
        rng, sizes.get("diagnosis_chapters", 48 if scale == "county" else 0)
    )
    sections = Section.objects.bulk_create(
        Section(strategy=strategy, kind=kind, title=title, body=sanitise(body), position=i)
        for i, (kind, title, body) in enumerate(chapters)
    )
    guidelines = Guideline.objects.bulk_create(
        Guideline(strategy=strategy, title=title, description=description, position=i)
        for i, (title, description) in enumerate(GUIDELINES)
    )
    objectives = StrategicObjective.objects.bulk_create(
        StrategicObjective(
            strategy=strategy,
            guideline=guidelines[i % len(guidelines)],
            title=OBJECTIVES[i % len(OBJECTIVES)]["title"],
            description=OBJECTIVES[i % len(OBJECTIVES)]["description"],
            position=i,
        )
        for i in range(OBJECTIVE_COUNT)
    )
    specifics = SpecificObjective.objects.bulk_create(
        SpecificObjective(
            objective=objective,
            title=SPECIFIC_MODELS[(i * SPECIFIC_PER_OBJECTIVE + j) % len(SPECIFIC_MODELS)][0],
            description=SPECIFIC_MODELS[(i * SPECIFIC_PER_OBJECTIVE + j) % len(SPECIFIC_MODELS)][1],
            position=j,
        )
        for i, objective in enumerate(objectives)
        for j in range(SPECIFIC_PER_OBJECTIVE)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            specific_objective=specific,
            position=k,
            **{
                **INDICATOR_MODELS[(i * INDICATORS_PER_SPECIFIC + k) % len(INDICATOR_MODELS)],
                "baseline_year": cycle.start_year - 1,
                "target_year": cycle.end_year,
                "baseline": Decimal(10 + (i + k) % 40),
                "target": Decimal(20 + (i + k) % 60),
            },
        )
        for i, specific in enumerate(specifics)
        for k in range(INDICATORS_PER_SPECIFIC)
    )

    # Evidence: each objective cites frequent ill-being dimensions and what was coded with them.
    dimension_ids = _frequent_dimensions(cycle, 2 * OBJECTIVE_COUNT)
    cited = {
        objective.pk: dimension_ids[2 * i : 2 * i + 2] for i, objective in enumerate(objectives)
    }
    _link(
        StrategicObjective._meta.get_field("dimensions"),
        ((pk, d) for pk, chosen in cited.items() for d in chosen),
    )
    statement_pairs = []
    for pk, chosen in cited.items():
        statement_ids = (
            Statement.objects.filter(
                session__cycle=cycle,
                codes__round=CodingRound.PRIMARY,
                codes__dimension__in=chosen,
            )
            .order_by("pk")
            .values_list("pk", flat=True)[:STATEMENTS_PER_OBJECTIVE]
        )
        statement_pairs += [(pk, s) for s in statement_ids]
    _link(StrategicObjective._meta.get_field("statements"), statement_pairs)
    answer_ids = list(
        Answer.objects.filter(
            response__round__cycle=cycle,
            response__submitted_at__isnull=False,
            question__kind=QuestionKind.TEXT,
        )
        .exclude(text="")
        .order_by("pk")
        .values_list("pk", flat=True)[: ANSWERS_PER_OBJECTIVE * OBJECTIVE_COUNT]
    )
    _link(
        StrategicObjective._meta.get_field("answers"),
        ((objectives[n % OBJECTIVE_COUNT].pk, a) for n, a in enumerate(answer_ids)),
    )
    proposal_ids = list(
        GroupProposal.objects.filter(
            group__cycle=cycle, status=GroupProposal.Status.ADOPTED
        ).values_list("pk", flat=True)[: 2 * OBJECTIVE_COUNT]
    )
    _link(
        StrategicObjective._meta.get_field("proposals"),
        ((objectives[n % OBJECTIVE_COUNT].pk, p) for n, p in enumerate(proposal_ids)),
    )

    # A published version, put to a consultation that accepts comments today.
    version = StrategyVersion.objects.create(
        strategy=strategy,
        number=1,
        snapshot=snapshot(strategy),
        note="Proiectul supus consultării publice.",
        published_at=now - datetime.timedelta(days=6),
        published_by=staff,
    )
    announced_on = today - datetime.timedelta(days=5)
    dates = statutory_dates(announced_on)  # recommendations until today + 5 days or later
    consultation = PublicConsultation.objects.create(
        municipality=municipality,
        version=version,
        justification="Strategia anterioară a expirat; proiectul răspunde hărții nevoilor.",
        announced_on=announced_on,
        comments_until=dates["comments_until"],
        earliest_submission=dates["earliest_submission"],
        opened_by=staff,
    )

    # Comments spread over every part of the draft, about half answered, a few hidden.
    label_of = labels(version.snapshot)
    targets = [(Comment.Target.DOCUMENT, None)]
    targets += [(Comment.Target.SECTION, s.pk) for s in sections]
    targets += [(Comment.Target.OBJECTIVE, o.pk) for o in objectives]
    targets += [(Comment.Target.SPECIFIC, s.pk) for s in specifics]
    targets += [(Comment.Target.INDICATOR, i.pk) for i in indicators]
    authors = list(
        Membership.objects.filter(municipality=municipality, role=Role.PUBLIC)
        .order_by("pk")
        .values_list("user_id", "public_kind")
    ) or [(staff.pk, Membership.PublicKind.CITIZEN)]
    count = sizes.get("comments", 5000 if scale == "county" else 50)
    start = timezone.make_aware(datetime.datetime.combine(announced_on, datetime.time(8)))
    span = max(int((now - start).total_seconds()), 1)
    comments = []
    for n in range(count):
        target, target_id = targets[n % len(targets)]
        author_id, kind = authors[n % len(authors)]
        created_at = start + datetime.timedelta(seconds=(n * span) // count)
        comment = Comment(
            consultation=consultation,
            author_id=author_id,
            stakeholder_kind=kind or Membership.PublicKind.CITIZEN,
            target=target,
            target_id=target_id,
            target_label=label_of.get((target, target_id), ""),
            text=f"{rng.choice(COMMENT_TEXTS)} ({n + 1})",
            created_at=created_at,
        )
        if n % 2 == 0:
            answer, reason = rng.choice(ANSWER_TEXTS)
            comment.answer = answer
            comment.answer_reason = reason
            comment.answered_at = min(created_at + datetime.timedelta(hours=2), now)
            comment.answered_by = staff
        if n % HIDDEN_EVERY == 7:
            comment.hidden_at = created_at + datetime.timedelta(hours=1)
            comment.hidden_by = staff
            comment.hidden_reason = "Conține date personale ale unei alte persoane."
        comments.append(comment)
    Comment.objects.bulk_create(comments, batch_size=BATCH)
