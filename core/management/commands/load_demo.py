"""Create (or refresh) the demo municipality; running it twice neither fails nor duplicates."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from core.models import Membership, Municipality, Organisation, Role, StrategyCycle, Zone

DEMO_PASSWORD = "demo-Spirala-2026"

MUNICIPALITY = {
    "slug": "baia-mare",
    "name": "Municipiul Baia Mare",
    "county": "Maramureș",
    "siruta": "106318",
    "kind": Municipality.Kind.MUNICIPALITY,
    "department": "Direcția de Asistență Socială Baia Mare",
}
SECOND_MUNICIPALITY = {
    "slug": "seini",
    "name": "Orașul Seini",
    "county": "Maramureș",
    "siruta": "107095",
    "kind": Municipality.Kind.TOWN,
    "department": "Compartimentul de asistență socială Seini",
}


# A small square near the real place is enough to show outlines on a map later.
def _square(lon, lat, size=0.006):
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


ZONES = [
    ("Ferneziu", Zone.Kind.NEIGHBOURHOOD, 3, _square(23.600, 47.670)),
    ("Săsar", Zone.Kind.NEIGHBOURHOOD, None, _square(23.585, 47.660)),
    ("Valea Roșie", Zone.Kind.NEIGHBOURHOOD, 4, _square(23.555, 47.655)),
    ("Vasile Alecsandri", Zone.Kind.NEIGHBOURHOOD, None, _square(23.570, 47.650)),
    ("Republicii", Zone.Kind.NEIGHBOURHOOD, None, _square(23.560, 47.645)),
    ("Centrul Vechi", Zone.Kind.NEIGHBOURHOOD, None, _square(23.580, 47.657)),
    ("Gării", Zone.Kind.NEIGHBOURHOOD, None, _square(23.558, 47.651)),
    ("Craica", Zone.Kind.MARGINALISED, 1, _square(23.545, 47.662)),
    ("Pirita", Zone.Kind.MARGINALISED, 2, _square(23.610, 47.648)),
    ("Firiza", Zone.Kind.VILLAGE, 5, None),
    ("Blidari", Zone.Kind.VILLAGE, None, None),
]

ORGANISATIONS = [
    (
        "Asociația Casa Speranței Maramureș",
        Organisation.Kind.ASSOCIATION,
        "contact@casasperantei.ro",
    ),
    (
        "Fundația Sfântul Ioan – Centrul de zi pentru vârstnici",
        Organisation.Kind.FOUNDATION,
        "office@sfioan.ro",
    ),
    ("Asociația Romilor Uniți Baia Mare", Organisation.Kind.ASSOCIATION, "romiuniti.bm@gmail.com"),
    ("Centrul Social de Urgență (DAS)", Organisation.Kind.PUBLIC, "urgenta@dasbm.ro"),
    (
        "Parohia Ortodoxă Sfânta Treime – Cantina socială",
        Organisation.Kind.RELIGIOUS,
        "cantina@sftreime.ro",
    ),
    ("Îngrijire Acasă SRL", Organisation.Kind.PRIVATE, "programari@ingrijireacasa.ro"),
]

# (username, first, last, municipality slug, role, organisation index, org admin, public kind)
USERS = [
    ("admin", "Ioana", "Pop", "baia-mare", Role.ADMINISTRATOR, None, False, ""),
    ("personal", "Mihai", "Rus", "baia-mare", Role.STAFF, None, False, ""),
    ("facilitator", "Ana", "Mureșan", "baia-mare", Role.FACILITATOR, None, False, ""),
    ("furnizor", "Elena", "Drăgoi", "baia-mare", Role.PROVIDER, 0, True, ""),
    ("furnizor2", "Radu", "Ilieș", "baia-mare", Role.PROVIDER, 1, True, ""),
    ("secretar", "Gheorghe", "Bud", "baia-mare", Role.SECRETARY, None, False, ""),
    (
        "cetatean",
        "Maria",
        "Țurcaș",
        "baia-mare",
        Role.PUBLIC,
        None,
        False,
        Membership.PublicKind.CITIZEN,
    ),
    ("dgaspc", "Cristina", "Șandor", "baia-mare", Role.STAFF, None, False, ""),
    ("dgaspc", "Cristina", "Șandor", "seini", Role.STAFF, None, False, ""),
    ("admin-seini", "Vasile", "Ardelean", "seini", Role.ADMINISTRATOR, None, False, ""),
]

ROLE_NOTES = {
    "admin": "administrator (Baia Mare)",
    "personal": "personal DAS (Baia Mare)",
    "facilitator": "facilitator SPIRAL (Baia Mare)",
    "furnizor": "membru furnizor, Asociația Casa Speranței (Baia Mare)",
    "furnizor2": "membru furnizor, Fundația Sfântul Ioan (Baia Mare)",
    "secretar": "secretar al consiliului local (Baia Mare)",
    "cetatean": "public, cetățean (Baia Mare)",
    "dgaspc": "personal în două UAT-uri (Baia Mare și Seini)",
    "admin-seini": "administrator (Seini)",
}


class Command(BaseCommand):
    help = "Load the demo municipality (Baia Mare): zones, providers, a cycle, one user per role."

    @transaction.atomic
    def handle(self, *args, **options):
        places = {}
        for data in (MUNICIPALITY, SECOND_MUNICIPALITY):
            municipality, _ = Municipality.objects.update_or_create(
                slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
            )
            places[data["slug"]] = municipality
        baia_mare = places["baia-mare"]

        for name, kind, rank, outline in ZONES:
            Zone.objects.update_or_create(
                municipality=baia_mare,
                name=name,
                defaults={"kind": kind, "priority_rank": rank, "outline": outline},
            )
        Zone.objects.update_or_create(municipality=places["seini"], name="Seini – centru")
        Zone.objects.update_or_create(
            municipality=places["seini"], name="Săbișa", defaults={"kind": Zone.Kind.VILLAGE}
        )

        organisations = []
        for name, kind, email in ORGANISATIONS:
            organisation, _ = Organisation.objects.update_or_create(
                municipality=baia_mare, name=name, defaults={"kind": kind, "email": email}
            )
            organisations.append(organisation)

        User = get_user_model()
        for username, first, last, slug, role, org_index, org_admin, public_kind in USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@demo.spirala.ro",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            Membership.objects.update_or_create(
                user=user,
                municipality=places[slug],
                role=role,
                defaults={
                    "organisation": organisations[org_index] if org_index is not None else None,
                    "is_organisation_admin": org_admin,
                    "public_kind": public_kind,
                },
            )

        cycle, _ = StrategyCycle.objects.get_or_create(
            municipality=baia_mare,
            title=(
                "Strategia de dezvoltare a serviciilor sociale a Municipiului Baia Mare 2026–2030"
            ),
            defaults={"start_year": 2026, "end_year": 2030},
        )
        StrategyCycle.objects.get_or_create(
            municipality=places["seini"],
            title="Strategia locală de dezvoltare a serviciilor sociale Seini 2026–2030",
            defaults={"start_year": 2026, "end_year": 2030},
        )

        from beneficiaries.demo import code_and_publish_demo, load_spiral_demo

        staff = User.objects.get(username="personal")
        load_spiral_demo(baia_mare, cycle, [User.objects.get(username="facilitator"), staff])
        code_and_publish_demo(baia_mare, cycle, staff)

        from consultations.demo import load_guide_demo

        load_guide_demo(baia_mare, staff)

        self.stdout.write(
            self.style.SUCCESS("Demo municipality ready: Municipiul Baia Mare (and Orașul Seini).")
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for username, note in ROLE_NOTES.items():
            self.stdout.write(f"  {username:<12} {note}")
