"""Benchmark volumes of the providers' stage (seed_scale): the guide, a round, working groups.

Runs after the core and SPIRAL seeders (INSTALLED_APPS order), so the organisations, zones,
cycles, beneficiary categories and SPIRAL reference data already exist. Everything is written with
bulk_create, through tables included: history is not needed for benchmark volumes.
"""

import datetime
import random

from django.utils import timezone

from beneficiaries.models import BeneficiaryCategory, SpiralDimension
from beneficiaries.services import ensure_default_categories
from consultations.demo import GROUPS, QUESTIONS, RESPONSES, SERVICES, THEMES
from consultations.models import (
    Answer,
    ConsultationRound,
    GroupProposal,
    Meeting,
    QuestionKind,
    RoundQuestion,
    RoundResponse,
    ServiceChange,
    SocialService,
    Theme,
    WorkingGroup,
)
from core.models import Role, StrategyCycle
from core.seeding import SCALES, register_seeder

SCALES["small"].update(services_per_organisation=3, working_groups=2)
SCALES["county"].update(services_per_organisation=3, working_groups=10)

MEETINGS_PER_GROUP = 3
PROPOSALS_PER_GROUP = 3
GROUP_SIZE = 5
SUBMITTED_SHARE = 0.7
BATCH = 2000

# The demo gives realistic codes, names and funding; the volume repeats them with a number.
SERVICE_MODELS = [(code, name, funding) for _o, code, name, *_rest, funding in SERVICES]
# The demo's text answers, by the position of their question.
ANSWER_TEXTS = {
    position: [answers[key][0] for answers in RESPONSES.values() if key in answers]
    for position, (key, kind, *_rest) in enumerate(QUESTIONS)
    if kind == QuestionKind.TEXT
}


def _through(field):
    """The auto-created through model of a many-to-many field and its two column names."""
    through = field.remote_field.through
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    return through, source, target


def _link(field, pairs) -> None:
    through, source, target = _through(field)
    through.objects.bulk_create(
        (through(**{source: a, target: b}) for a, b in pairs), batch_size=BATCH
    )


def _proposed(service, categories) -> dict:
    """A provider's proposal in the shape services.propose_change stores: a larger capacity."""
    return {
        "code": service.code,
        "name": service.name,
        "licence_number": service.licence_number,
        "licence_expiry": service.licence_expiry.isoformat(),
        "capacity": service.capacity + 5,
        "categories": sorted(c.pk for c in categories),
        "zone": service.zone_id,
        "address": service.address,
        "latitude": None,
        "longitude": None,
        "funding_sources": service.funding_sources,
    }


@register_seeder
def seed_consultations(municipality, scale, sizes):
    rng = random.Random(2015)
    now = timezone.now()
    today = timezone.localdate()
    ensure_default_categories(municipality)
    categories = list(BeneficiaryCategory.objects.filter(municipality=municipality))
    selected = [c for c in categories if c.selected] or categories
    zones = list(municipality.zones.all()[:60])
    organisations = list(municipality.organisations.order_by("pk"))
    cycle = StrategyCycle.objects.current_for(municipality)
    staff = municipality.memberships.filter(role=Role.STAFF).order_by("pk").first().user
    members = {}
    for membership in municipality.memberships.filter(role=Role.PROVIDER).order_by("pk"):
        members.setdefault(membership.organisation_id, membership.user_id)
    any_provider = next(iter(members.values()), staff.pk)
    dimensions = list(SpiralDimension.objects.all())

    # The guide: n services per organisation, most approved, some licences about to expire.
    services = []
    for index, organisation in enumerate(organisations):
        for n in range(sizes["services_per_organisation"]):
            code, name, funding = SERVICE_MODELS[(index + n) % len(SERVICE_MODELS)]
            number = index * sizes["services_per_organisation"] + n
            approved = number % 10 != 9
            services.append(
                SocialService(
                    municipality=municipality,
                    organisation=organisation,
                    code=code,
                    name=f"{name} {number:04d}",
                    licence_number=f"LF {1000 + number}/2024",
                    licence_expiry=today
                    + datetime.timedelta(days=30 + number % 60 if number % 20 == 0 else 400),
                    capacity=10 + number % 90,
                    zone=zones[number % len(zones)] if zones else None,
                    address=f"Str. Principală {1 + number % 200}",
                    funding_sources=funding,
                    approved_at=now if approved else None,
                    approved_by=staff if approved else None,
                )
            )
    services = SocialService.objects.bulk_create(services, batch_size=BATCH)
    service_categories = {
        service.pk: rng.sample(categories, k=2) if len(categories) > 1 else categories
        for service in services
    }
    _link(
        SocialService._meta.get_field("categories"),
        ((pk, category.pk) for pk, chosen in service_categories.items() for category in chosen),
    )
    ServiceChange.objects.bulk_create(
        (
            ServiceChange(
                municipality=municipality,
                organisation_id=service.organisation_id,
                service=service,
                data=_proposed(service, service_categories[service.pk]),
                submitted_by_id=members.get(service.organisation_id, any_provider),
            )
            for service in services[::25]
        ),
        batch_size=BATCH,
    )

    themes = Theme.objects.bulk_create(
        Theme(municipality=municipality, name=name) for name in THEMES.values()
    )

    # One closed round with one question of each kind, answered by most organisations.
    consultation = ConsultationRound.objects.create(
        municipality=municipality,
        cycle=cycle,
        title="Consultarea furnizorilor privind nevoile neacoperite",
        introduction="Vă rugăm să răspundeți până la termen.",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=10),
        published=True,
        opening_notified_at=now - datetime.timedelta(days=40),
        reminder_sent_at=now - datetime.timedelta(days=13),
        created_by=staff,
    )
    _link(
        ConsultationRound._meta.get_field("invited"),
        ((consultation.pk, o.pk) for o in organisations),
    )
    questions = RoundQuestion.objects.bulk_create(
        RoundQuestion(
            round=consultation,
            position=position,
            kind=kind,
            text=text,
            help_text=help_text,
            required=required,
            choices=choices,
        )
        for position, (_key, kind, text, help_text, required, choices) in enumerate(QUESTIONS)
    )
    responding = [o for o in organisations if rng.random() < SUBMITTED_SHARE]
    responses = RoundResponse.objects.bulk_create(
        (
            RoundResponse(
                round=consultation,
                organisation=organisation,
                updated_by_id=members.get(organisation.pk, any_provider),
                submitted_at=now - datetime.timedelta(days=11 + i % 25),
                submitted_by_id=members.get(organisation.pk, any_provider),
            )
            for i, organisation in enumerate(responding)
        ),
        batch_size=BATCH,
    )
    approved_by_organisation = {}
    for service in services:
        if service.approved_at is not None:
            approved_by_organisation.setdefault(service.organisation_id, []).append(service)
    selected_pks = {c.pk for c in selected}

    def value(question, response):
        if question.kind == QuestionKind.SINGLE:
            return rng.choice(question.choices)
        if question.kind == QuestionKind.MULTIPLE:
            return rng.sample(question.choices, k=rng.randint(1, 3))
        if question.kind == QuestionKind.SCALE:
            return rng.randint(1, 5)
        if question.kind == QuestionKind.MATRIX:
            return {
                str(service.pk): {
                    str(c.pk): rng.randint(0, 25)
                    for c in service_categories[service.pk]
                    if c.pk in selected_pks
                }
                for service in approved_by_organisation.get(response.organisation_id, [])
            }
        return None

    answers = Answer.objects.bulk_create(
        (
            Answer(
                response=response,
                question=question,
                text=rng.choice(ANSWER_TEXTS[question.position])
                if question.kind == QuestionKind.TEXT
                else "",
                value=value(question, response),
            )
            for response in responses
            for question in questions
        ),
        batch_size=BATCH,
    )
    tagged = [a for a in answers if a.question.kind == QuestionKind.TEXT][::3]
    _link(Answer._meta.get_field("dimensions"), ((a.pk, rng.choice(dimensions).pk) for a in tagged))
    _link(Answer._meta.get_field("themes"), ((a.pk, rng.choice(themes).pk) for a in tagged))

    # Working groups, each with members, past meetings (minutes) and proposals.
    specs = GROUPS
    groups = WorkingGroup.objects.bulk_create(
        WorkingGroup(
            municipality=municipality,
            cycle=cycle,
            theme=themes[i % len(themes)],
            name=f"{specs[i % len(specs)]['name']} {i + 1:02d}",
            description=specs[i % len(specs)]["description"],
            coordinator=staff,
        )
        for i in range(sizes["working_groups"])
    )
    group_members = {
        group.pk: rng.sample(organisations, k=min(GROUP_SIZE, len(organisations)))
        for group in groups
    }
    _link(
        WorkingGroup._meta.get_field("members"),
        ((pk, o.pk) for pk, chosen in group_members.items() for o in chosen),
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            group=group,
            starts_at=now - datetime.timedelta(days=7 + 14 * n),
            place="Sala de consiliu a Primăriei",
            agenda=specs[i % len(specs)]["meetings"][n % 2]["agenda"],
            minutes=specs[i % len(specs)]["meetings"][0]["minutes"] if n else "",
        )
        for i, group in enumerate(groups)
        for n in range(MEETINGS_PER_GROUP)
    )
    _link(
        Meeting._meta.get_field("attendees"),
        ((m.pk, o.pk) for m in meetings for o in group_members[m.group_id][:-1]),
    )
    minuted = {}
    for meeting in meetings:
        if meeting.minutes:
            minuted.setdefault(meeting.group_id, meeting)
    proposal_specs = [p for spec in specs for p in spec["proposals"]]
    proposals = GroupProposal.objects.bulk_create(
        GroupProposal(
            group=group,
            meeting=minuted[group.pk] if n < 2 else None,
            title=proposal_specs[(i + n) % len(proposal_specs)]["title"],
            text=proposal_specs[(i + n) % len(proposal_specs)]["text"],
            status=GroupProposal.Status.ADOPTED if n < 2 else GroupProposal.Status.PROPOSED,
            proposed_by=group_members[group.pk][n % len(group_members[group.pk])],
            created_by=staff,
        )
        for i, group in enumerate(groups)
        for n in range(PROPOSALS_PER_GROUP)
    )
    _link(
        GroupProposal._meta.get_field("dimensions"),
        ((p.pk, rng.choice(dimensions).pk) for p in proposals),
    )
