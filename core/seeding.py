"""Volumes for benchmarks: each stage registers a seeder that adds its data to a municipality."""

from collections.abc import Callable

from django.contrib.auth.hashers import make_password

SCALES = {
    "small": {"zones": 5, "organisations": 10, "people": 30, "cycles": 1, "moves": 2},
    "county": {"zones": 300, "organisations": 500, "people": 3000, "cycles": 10, "moves": 200},
}

SEEDERS: list[Callable] = []


def register_seeder(func: Callable) -> Callable:
    """`func(municipality, scale_name, sizes)` adds one stage's data; called in order."""
    SEEDERS.append(func)
    return func


@register_seeder
def seed_core(municipality, scale, sizes):
    from core.models import (
        Membership,
        Organisation,
        Role,
        StageTransition,
        StrategyCycle,
        User,
        Zone,
    )
    from core.stages import STAGES

    Zone.objects.bulk_create(
        Zone(municipality=municipality, name=f"Zona {i:04d}", priority_rank=(i % 10) + 1)
        for i in range(sizes["zones"])
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            municipality=municipality,
            name=f"Asociația {i:04d}",
            kind=Organisation.Kind.values[i % len(Organisation.Kind.values)],
        )
        for i in range(sizes["organisations"])
    )
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=f"{municipality.slug}-{i:05d}",
            email=f"{municipality.slug}-{i:05d}@bench.spirala.ro",
            first_name="Persoana",
            last_name=f"{i:05d}",
            password=unusable,
        )
        for i in range(sizes["people"])
    )
    roles = [Role.PUBLIC, Role.PROVIDER, Role.FACILITATOR, Role.STAFF, Role.PUBLIC, Role.PROVIDER]
    memberships = []
    for i, user in enumerate(users):
        role = roles[i % len(roles)]
        memberships.append(
            Membership(
                user=user,
                municipality=municipality,
                role=role,
                organisation=organisations[i % len(organisations)]
                if role == Role.PROVIDER
                else None,
                public_kind=Membership.PublicKind.CITIZEN if role == Role.PUBLIC else "",
            )
        )
    Membership.objects.bulk_create(memberships)
    staff = next(u for u, m in zip(users, memberships, strict=True) if m.role == Role.STAFF)
    for c in range(sizes["cycles"]):
        cycle = StrategyCycle.objects.create(
            municipality=municipality,
            title=f"Strategia {2026 + 5 * c}–{2030 + 5 * c}",
            start_year=2026 + 5 * c,
            end_year=2030 + 5 * c,
        )
        StageTransition.objects.bulk_create(
            StageTransition(
                cycle=cycle,
                from_stage=STAGES[i % 2].key,
                to_stage=STAGES[(i + 1) % 2].key,
                direction="advance" if i % 2 == 0 else "rollback",
                reason="" if i % 2 == 0 else "Reluăm consultarea.",
                user=staff,
            )
            for i in range(sizes["moves"])
        )
