"""Create (or refresh) the demo municipality; running it twice neither fails nor duplicates."""

import datetime

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

# The providers of the demo. The fiscal codes are invented (they pass the control digit but belong
# to no real body); the accreditation certificates (Law 197/2012) are invented too.
ORGANISATIONS = [
    {
        "name": "Asociația Casa Speranței Maramureș",
        "kind": Organisation.Kind.ASSOCIATION,
        "cif": "18604379",
        "accreditation_number": "AF 000412",
        "accreditation_date": datetime.date(2015, 6, 18),
        "contact_person": "Elena Drăgoi",
        "email": "contact@casasperantei.ro",
        "phone": "+40 262 218 455",
        "address": "Str. Podul Viilor 12, Baia Mare",
        "zones": ["Centrul Vechi", "Săsar", "Valea Roșie"],
    },
    {
        "name": "Fundația Sfântul Ioan – Centrul de zi pentru vârstnici",
        "kind": Organisation.Kind.FOUNDATION,
        "cif": "21573981",
        "accreditation_number": "AF 001287",
        "accreditation_date": datetime.date(2017, 3, 9),
        "contact_person": "Radu Ilieș",
        "email": "office@sfioan.ro",
        "phone": "+40 262 224 310",
        "address": "Str. Ferneziu 3, Baia Mare",
        "zones": ["Ferneziu", "Firiza", "Blidari"],
    },
    {
        "name": "Asociația Romilor Uniți Baia Mare",
        "kind": Organisation.Kind.ASSOCIATION,
        "cif": "31965478",
        "accreditation_number": "AF 002951",
        "accreditation_date": datetime.date(2019, 10, 1),
        "contact_person": "Florin Lingurar",
        "email": "romiuniti.bm@gmail.com",
        "phone": "0745 318 902",
        "address": "Str. Craica 1, Baia Mare",
        "zones": ["Craica", "Pirita"],
    },
    {
        "name": "Centrul Social de Urgență (DAS)",
        "kind": Organisation.Kind.PUBLIC,
        "cif": "14920786",
        "accreditation_number": "AF 000088",
        "accreditation_date": datetime.date(2014, 5, 22),
        "contact_person": "Dana Pop",
        "email": "urgenta@dasbm.ro",
        "phone": "+40 362 401 220",
        "address": "Str. Gării 8, Baia Mare",
        "zones": ["Gării", "Republicii", "Centrul Vechi", "Craica"],
    },
    {
        "name": "Parohia Ortodoxă Sfânta Treime – Cantina socială",
        "kind": Organisation.Kind.RELIGIOUS,
        "cif": "28614531",
        "accreditation_number": "",
        "accreditation_date": None,
        "contact_person": "Pr. Ioan Berinde",
        "email": "cantina@sftreime.ro",
        "phone": "0262 215 640",
        "address": "Str. Victoriei 20, Baia Mare",
        "zones": ["Săsar", "Centrul Vechi"],
    },
    {
        "name": "Îngrijire Acasă SRL",
        "kind": Organisation.Kind.PRIVATE,
        "cif": "37056124",
        "accreditation_number": "AF 004530",
        "accreditation_date": datetime.date(2022, 11, 3),
        "contact_person": "Simona Vlad",
        "email": "programari@ingrijireacasa.ro",
        "phone": "0756 204 118",
        "address": "Bd. Independenței 5, Baia Mare",
        "zones": ["Vasile Alecsandri", "Republicii", "Săsar", "Ferneziu"],
    },
    {
        "name": "Asociația Tinerii din Centre – Maramureș",
        "kind": Organisation.Kind.ASSOCIATION,
        "cif": "26809154",
        "accreditation_number": "AF 004105",
        "accreditation_date": datetime.date(2021, 9, 27),
        "contact_person": "Cosmin Tătar",
        "email": "contact@tineriidincentre-mm.ro",
        "phone": "0752 610 447",
        "address": "Str. Mihai Eminescu 27, Baia Mare",
        "zones": ["Republicii", "Vasile Alecsandri", "Valea Roșie"],
    },
    {
        "name": "Fundația Creștină Diakonia – filiala Baia Mare",
        "kind": Organisation.Kind.FOUNDATION,
        "cif": "18732203",
        "accreditation_number": "AF 000937",
        "accreditation_date": datetime.date(2016, 2, 11),
        "contact_person": "Katalin Szabó",
        "email": "baiamare@diakonia.ro",
        "phone": "+40 262 250 731",
        "address": "Str. Hortensiei 4, Baia Mare",
        "zones": ["Valea Roșie", "Vasile Alecsandri", "Ferneziu"],
    },
    {
        "name": "Asociația Alzheimer Maramureș",
        "kind": Organisation.Kind.ASSOCIATION,
        "cif": "35297045",
        "accreditation_number": "AF 003877",
        "accreditation_date": datetime.date(2020, 6, 30),
        "contact_person": "dr. Adriana Coman",
        "email": "alzheimer.maramures@yahoo.com",
        "phone": "0744 902 336",
        "address": "Str. Progresului 18, Baia Mare",
        "zones": ["Săsar", "Centrul Vechi"],
    },
    {
        "name": "Crucea Roșie Română – Filiala Maramureș",
        "kind": Organisation.Kind.ASSOCIATION,
        "cif": "43182968",
        "accreditation_number": "AF 001654",
        "accreditation_date": datetime.date(2017, 11, 20),
        "contact_person": "Ovidiu Marchiș",
        "email": "maramures@crucearosie.ro",
        "phone": "+40 262 211 912",
        "address": "Str. Gheorghe Șincai 9, Baia Mare",
        "zones": ["Gării", "Pirita", "Craica", "Republicii"],
    },
    {
        "name": "Asociația Habitat pentru Umanitate Baia Mare",
        "kind": Organisation.Kind.ASSOCIATION,
        "cif": "41273857",
        "accreditation_number": "",
        "accreditation_date": None,
        "contact_person": "Mircea Pintea",
        "email": "baiamare@habitat.ro",
        "phone": "0758 441 209",
        "address": "Str. Transilvaniei 15, Baia Mare",
        "zones": ["Pirita", "Craica", "Firiza"],
    },
    {
        "name": "Direcția de Asistență Socială Baia Mare – Centrul de zi pentru copii",
        "kind": Organisation.Kind.PUBLIC,
        "cif": "16589434",
        "accreditation_number": "AF 000090",
        "accreditation_date": datetime.date(2014, 5, 22),
        "contact_person": "Lavinia Ardelean",
        "email": "centruldezi@dasbm.ro",
        "phone": "+40 362 401 235",
        "address": "Str. Pirita 2, Baia Mare",
        "zones": ["Pirita", "Craica", "Valea Roșie"],
    },
]

# (username, first, last, municipality slug, role, organisation index, org admin, public kind)
USERS = [
    ("admin", "Ioana", "Pop", "baia-mare", Role.ADMINISTRATOR, None, False, ""),
    ("personal", "Mihai", "Rus", "baia-mare", Role.STAFF, None, False, ""),
    ("facilitator", "Ana", "Mureșan", "baia-mare", Role.FACILITATOR, None, False, ""),
    ("furnizor", "Elena", "Drăgoi", "baia-mare", Role.PROVIDER, 0, True, ""),
    ("furnizor2", "Radu", "Ilieș", "baia-mare", Role.PROVIDER, 1, True, ""),
    ("furnizor3", "Andreea", "Pașca", "baia-mare", Role.PROVIDER, 0, False, ""),
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
    "furnizor3": "membru furnizor fără drept de administrare, Casa Speranței (Baia Mare)",
    "secretar": "secretar al consiliului local (Baia Mare)",
    "cetatean": "public, cetățean (Baia Mare)",
    "dgaspc": "personal în două UAT-uri (Baia Mare și Seini)",
    "admin-seini": "administrator (Seini)",
}


def _upsert(model, lookup: dict, values: dict):
    """update_or_create that saves (and so writes history) only when a value differs.

    A second run of the demo then changes nothing, not even the history of its rows.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    for field in changed:
        setattr(obj, field, values[field])
    if changed:
        obj.save(update_fields=changed)
    return obj


def _update_organisation(municipality, data, zones) -> Organisation:
    values = {k: v for k, v in data.items() if k not in ("name", "zones")}
    organisation = _upsert(
        Organisation, {"municipality": municipality, "name": data["name"]}, values
    )
    served = {zones[name].pk for name in data["zones"]}
    if set(organisation.zones_served.values_list("pk", flat=True)) != served:
        organisation.zones_served.set(served)
    return organisation


class Command(BaseCommand):
    help = "Load the demo municipality (Baia Mare): zones, providers, a cycle, one user per role."

    @transaction.atomic
    def handle(self, *args, **options):
        places = {}
        for data in (MUNICIPALITY, SECOND_MUNICIPALITY):
            municipality = _upsert(
                Municipality,
                {"slug": data["slug"]},
                {k: v for k, v in data.items() if k != "slug"},
            )
            places[data["slug"]] = municipality
        baia_mare = places["baia-mare"]

        for name, kind, rank, outline in ZONES:
            _upsert(
                Zone,
                {"municipality": baia_mare, "name": name},
                {"kind": kind, "priority_rank": rank, "outline": outline},
            )
        _upsert(Zone, {"municipality": places["seini"], "name": "Seini – centru"}, {})
        _upsert(
            Zone, {"municipality": places["seini"], "name": "Săbișa"}, {"kind": Zone.Kind.VILLAGE}
        )

        zones = {zone.name: zone for zone in baia_mare.zones.all()}
        organisations = [_update_organisation(baia_mare, data, zones) for data in ORGANISATIONS]

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
            _upsert(
                Membership,
                {"user": user, "municipality": places[slug], "role": role},
                {
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

        from consultations.demo import load_consultation_demo, load_guide_demo

        load_guide_demo(baia_mare, staff)
        load_consultation_demo(baia_mare, cycle, staff)

        from strategy.demo import load_strategy_demo

        load_strategy_demo(baia_mare, cycle, staff)

        from actionplans.demo import load_action_plan_demo

        load_action_plan_demo(baia_mare, cycle, staff)

        from monitoring.demo import load_monitoring_demo

        load_monitoring_demo(baia_mare, cycle, staff)

        self.stdout.write(
            self.style.SUCCESS("Demo municipality ready: Municipiul Baia Mare (and Orașul Seini).")
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for username, note in ROLE_NOTES.items():
            self.stdout.write(f"  {username:<12} {note}")
