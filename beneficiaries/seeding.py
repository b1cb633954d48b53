"""Benchmark volumes of the SPIRAL stage (seed_scale): sessions, statements and their codes."""

import datetime
import random

from beneficiaries.demo import SESSIONS
from beneficiaries.models import (
    BeneficiaryCategory,
    SpiralDimension,
    SpiralSession,
    Statement,
    StatementCode,
)
from beneficiaries.services import ensure_default_categories
from core.models import StrategyCycle
from core.seeding import SCALES, register_seeder

SCALES["small"].update(spiral_sessions=4, statements_per_session=25)
SCALES["county"].update(spiral_sessions=400, statements_per_session=50)

PHRASES = [
    (question, text)
    for spec in SESSIONS
    for question, texts in spec["statements"].items()
    for text in texts
]


@register_seeder
def seed_spiral(municipality, scale, sizes):
    rng = random.Random(2026)
    ensure_default_categories(municipality)
    categories = list(BeneficiaryCategory.objects.filter(municipality=municipality))
    zones = list(municipality.zones.all()[:40])
    cycle = StrategyCycle.objects.current_for(municipality)
    author = municipality.memberships.filter(role="facilitator").first().user
    dimensions = list(SpiralDimension.objects.all())
    sessions = SpiralSession.objects.bulk_create(
        SpiralSession(
            municipality=municipality,
            cycle=cycle,
            category=categories[i % len(categories)],
            group_name=f"Grupul {i:04d}",
            zone=zones[i % len(zones)] if zones else None,
            date=datetime.date(2026, 1, 5) + datetime.timedelta(days=i % 300),
            place="Centrul comunitar",
            women=5,
            men=4,
            consent_recorded=True,
        )
        for i in range(sizes["spiral_sessions"])
    )
    statements = Statement.objects.bulk_create(
        (
            Statement(
                municipality=municipality,
                session=session,
                question=question,
                text=f"{text} ({n})",
                created_by=author,
            )
            for session in sessions
            for n, (question, text) in enumerate(
                rng.choices(PHRASES, k=sizes["statements_per_session"])
            )
        ),
        batch_size=2000,
    )
    StatementCode.objects.bulk_create(
        (
            StatementCode(statement=statement, dimension=rng.choice(dimensions), coder=author)
            for statement in statements
        ),
        batch_size=2000,
    )
    from beneficiaries.services import publish_analysis

    publish_analysis(cycle=cycle, user=author)
