"""Demo of the providers' stage (Baia Mare): the guide, rounds, working groups.

Each part is loaded once; a second run finds it and changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from beneficiaries.models import BeneficiaryCategory, SpiralDimension
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
from core.models import Membership, Role

# (organisation, code, name, licence, expiry, capacity, categories, zone, address, lat, lon,
#  funding); an expiry given as a number of days counts from the day the demo is loaded.
SERVICES = [
    (
        "Asociația Casa Speranței Maramureș",
        "8790 CR-D-I",
        "Centrul de îngrijire și asistență Casa Speranței",
        "LF 1021/2022",
        datetime.date(2027, 5, 31),
        24,
        ["dizabilitati"],
        "Centrul Vechi",
        "Str. Podul Viilor 12",
        47.6585,
        23.5810,
        ["state", "local", "contributions"],
    ),
    (
        "Asociația Casa Speranței Maramureș",
        "8891 CZ-D-I",
        "Centrul de zi pentru persoane cu dizabilități",
        "LF 877/2021",
        40,  # days from the day the demo is loaded: the licence is flagged as expiring
        30,
        ["dizabilitati"],
        "Centrul Vechi",
        "Str. Podul Viilor 12",
        47.6589,
        23.5822,
        ["local", "eu"],
    ),
    (
        "Fundația Sfântul Ioan – Centrul de zi pentru vârstnici",
        "8810 CZ-V-I",
        "Centrul de zi pentru vârstnici Sfântul Ioan",
        "LF 544/2023",
        datetime.date(2028, 3, 15),
        40,
        ["varstnici"],
        "Ferneziu",
        "Str. Ferneziu 3",
        47.6735,
        23.6032,
        ["local", "private"],
    ),
    (
        "Fundația Sfântul Ioan – Centrul de zi pentru vârstnici",
        "8810 ID-I",
        "Îngrijire la domiciliu pentru vârstnici",
        "LF 545/2023",
        datetime.date(2028, 3, 15),
        60,
        ["varstnici", "dizabilitati"],
        "Ferneziu",
        "",
        None,
        None,
        ["local", "contributions"],
    ),
    (
        "Asociația Romilor Uniți Baia Mare",
        "8899 CZ-C-I",
        "Centrul comunitar Craica – after-school",
        "LF 1210/2024",
        datetime.date(2029, 6, 30),
        35,
        ["romi", "copii_tineri_risc"],
        "Craica",
        "Str. Craica 1",
        47.6645,
        23.5480,
        ["eu", "local"],
    ),
    (
        "Centrul Social de Urgență (DAS)",
        "8790 CR-PFA-I",
        "Adăpost de noapte pentru persoane fără adăpost",
        "LF 300/2021",
        datetime.date(2027, 7, 31),
        40,
        ["fara_adapost"],
        "Gării",
        "Str. Gării 8",
        47.6540,
        23.5610,
        ["local"],
    ),
    (
        "Centrul Social de Urgență (DAS)",
        "8790 CR-VD-I",
        "Centrul de primire în regim de urgență pentru victimele violenței domestice",
        "LF 301/2021",
        datetime.date(2027, 7, 31),
        12,
        ["victime_violenta_domestica"],
        "Republicii",
        "adresă confidențială",
        None,
        None,
        ["local", "state"],
    ),
    (
        "Parohia Ortodoxă Sfânta Treime – Cantina socială",
        "8899 CPDV-I",
        "Cantina socială Sfânta Treime",
        "LF 702/2022",
        datetime.date(2027, 9, 30),
        150,
        ["fara_adapost", "varstnici", "someri"],
        "Săsar",
        "Str. Victoriei 20",
        47.6602,
        23.5880,
        ["local", "private"],
    ),
    (
        "Îngrijire Acasă SRL",
        "8810 ID-I",
        "Îngrijire Acasă – servicii la domiciliu",
        "LF 1450/2025",
        datetime.date(2030, 2, 28),
        80,
        ["varstnici", "boli_cronice"],
        "Vasile Alecsandri",
        "Bd. Independenței 5",
        47.6490,
        23.5715,
        ["contributions", "local"],
    ),
    (
        "Asociația Casa Speranței Maramureș",
        "8790 CR-D-VI",
        "Locuința protejată Casa din Valea Roșie",
        "LF 1622/2024",
        datetime.date(2029, 10, 31),
        8,
        ["dizabilitati"],
        "Valea Roșie",
        "Str. Valea Roșie 41",
        47.6561,
        23.5575,
        ["local", "state"],
    ),
    (
        "Asociația Tinerii din Centre – Maramureș",
        "8790 CR-C-III",
        "Apartamentele de tranziție „Primul pas” pentru tineri",
        "LF 1583/2025",
        datetime.date(2030, 4, 30),
        8,
        ["tineri_iesiti_din_protectie"],
        "Republicii",
        "Str. Mihai Eminescu 27",
        47.6468,
        23.5642,
        ["local", "eu", "private"],
    ),
    (
        "Asociația Tinerii din Centre – Maramureș",
        "8899 CZ-C-II",
        "Centrul de consiliere și orientare profesională pentru tineri",
        "LF 1584/2025",
        datetime.date(2030, 4, 30),
        40,
        ["tineri_iesiti_din_protectie", "copii_tineri_risc"],
        "Vasile Alecsandri",
        "Bd. Republicii 44",
        47.6497,
        23.5731,
        ["eu", "private"],
    ),
    (
        "Fundația Creștină Diakonia – filiala Baia Mare",
        "8810 ID-I",
        "Îngrijire la domiciliu Diakonia",
        "LF 612/2021",
        75,  # days from the day the demo is loaded: flagged as expiring
        45,
        ["varstnici", "boli_cronice"],
        "Ferneziu",
        "Str. Hortensiei 4",
        47.6702,
        23.5987,
        ["local", "contributions", "private"],
    ),
    (
        "Fundația Creștină Diakonia – filiala Baia Mare",
        "8891 CZ-C-I",
        "Centrul de zi pentru copii Diakonia – Valea Roșie",
        "LF 1377/2024",
        datetime.date(2029, 8, 31),
        40,
        ["copii_tineri_risc", "familii_monoparentale_numeroase"],
        "Valea Roșie",
        "Str. Valea Roșie 12",
        47.6553,
        23.5560,
        ["local", "private"],
    ),
    (
        "Asociația Alzheimer Maramureș",
        "8810 CZ-V-II",
        "Centrul de zi pentru persoane cu demență",
        "LF 1298/2023",
        datetime.date(2028, 12, 15),
        20,
        ["varstnici", "boli_cronice"],
        "Săsar",
        "Str. Progresului 18",
        47.6611,
        23.5866,
        ["local", "contributions", "private"],
    ),
    (
        "Crucea Roșie Română – Filiala Maramureș",
        "8899 CZ-PFA-I",
        "Echipa mobilă de intervenție stradală",
        "LF 905/2022",
        datetime.date(2027, 9, 30),
        60,
        ["fara_adapost", "adictii"],
        "Gării",
        "Str. Gheorghe Șincai 9",
        47.6548,
        23.5634,
        ["local", "private"],
    ),
    (
        "Crucea Roșie Română – Filiala Maramureș",
        "8810 ID-III",
        "Îngrijiri la domiciliu pentru persoane cu boli cronice",
        "LF 906/2022",
        datetime.date(2027, 9, 30),
        35,
        ["boli_cronice", "dizabilitati"],
        "Republicii",
        "",
        None,
        None,
        ["local", "county"],
    ),
    (
        "Direcția de Asistență Socială Baia Mare – Centrul de zi pentru copii",
        "8891 CZ-C-I",
        "Centrul de zi pentru copii „Curcubeul”",
        "LF 420/2021",
        datetime.date(2028, 12, 31),
        50,
        ["copii_tineri_risc", "romi"],
        "Pirita",
        "Str. Pirita 2",
        47.6489,
        23.6121,
        ["local"],
    ),
    (
        "Direcția de Asistență Socială Baia Mare – Centrul de zi pentru copii",
        "8899 CZ-F-I",
        "Centrul de consiliere pentru părinți",
        "LF 421/2021",
        datetime.date(2028, 12, 31),
        30,
        ["familii_monoparentale_numeroase", "victime_violenta_domestica"],
        "Pirita",
        "Str. Pirita 2",
        47.6492,
        23.6125,
        ["local", "state"],
    ),
]

# Telephone, e-mail and opening hours of the services above, by name (invented numbers).
WEEKDAYS = "luni–vineri 8:00–16:00"
ALWAYS = "non-stop, 24 de ore din 24"
CONTACTS = {
    "Centrul de îngrijire și asistență Casa Speranței": (
        "0262 211 401",
        "casa-sperantei@demo.spirala.ro",
        ALWAYS,
    ),
    "Centrul de zi pentru persoane cu dizabilități": (
        "0262 211 402",
        "casa-sperantei@demo.spirala.ro",
        WEEKDAYS,
    ),
    "Centrul de zi pentru vârstnici Sfântul Ioan": (
        "0262 215 330",
        "sfantul-ioan@demo.spirala.ro",
        "luni–vineri 8:00–18:00",
    ),
    "Îngrijire la domiciliu pentru vârstnici": (
        "0745 120 331",
        "sfantul-ioan@demo.spirala.ro",
        "luni–sâmbătă 7:00–20:00",
    ),
    "Centrul comunitar Craica – after-school": (
        "0751 224 118",
        "romi-uniti@demo.spirala.ro",
        "luni–vineri 12:00–18:00",
    ),
    "Adăpost de noapte pentru persoane fără adăpost": (
        "0262 250 611",
        "csu@demo.spirala.ro",
        "zilnic 19:00–8:00",
    ),
    "Centrul de primire în regim de urgență pentru victimele violenței domestice": (
        "0262 250 612",
        "",
        ALWAYS,
    ),
    "Cantina socială Sfânta Treime": (
        "0262 218 775",
        "cantina@demo.spirala.ro",
        "luni–sâmbătă 11:30–14:30",
    ),
    "Îngrijire Acasă – servicii la domiciliu": (
        "0722 410 905",
        "contact@demo.spirala.ro",
        "luni–duminică 7:00–21:00",
    ),
    "Locuința protejată Casa din Valea Roșie": (
        "0262 211 403",
        "casa-sperantei@demo.spirala.ro",
        ALWAYS,
    ),
    "Apartamentele de tranziție „Primul pas” pentru tineri": (
        "0766 301 212",
        "tinerii-din-centre@demo.spirala.ro",
        ALWAYS,
    ),
    "Centrul de consiliere și orientare profesională pentru tineri": (
        "0766 301 213",
        "tinerii-din-centre@demo.spirala.ro",
        "luni–vineri 10:00–18:00",
    ),
    "Îngrijire la domiciliu Diakonia": (
        "0262 226 040",
        "diakonia@demo.spirala.ro",
        "luni–vineri 8:00–20:00",
    ),
    "Centrul de zi pentru copii Diakonia – Valea Roșie": (
        "0262 226 041",
        "diakonia@demo.spirala.ro",
        "luni–vineri 8:00–17:00",
    ),
    "Centrul de zi pentru persoane cu demență": (
        "0734 118 520",
        "alzheimer@demo.spirala.ro",
        WEEKDAYS,
    ),
    "Echipa mobilă de intervenție stradală": (
        "0800 800 118",
        "crucea-rosie@demo.spirala.ro",
        "zilnic 18:00–24:00",
    ),
    "Îngrijiri la domiciliu pentru persoane cu boli cronice": (
        "0262 212 512",
        "crucea-rosie@demo.spirala.ro",
        WEEKDAYS,
    ),
    "Centrul de zi pentru copii „Curcubeul”": (
        "0262 213 980",
        "das@demo.spirala.ro",
        "luni–vineri 7:30–17:30",
    ),
    "Centrul de consiliere pentru părinți": (
        "0262 213 981",
        "das@demo.spirala.ro",
        "luni–joi 9:00–17:00; vineri 9:00–14:00",
    ),
}


def _expiry(value):
    if isinstance(value, int):
        return timezone.localdate() + datetime.timedelta(days=value)
    return value


def load_guide_demo(municipality, user) -> None:
    from beneficiaries.services import ensure_default_categories

    ensure_default_categories(municipality)
    organisations = {o.name: o for o in municipality.organisations.all()}
    categories = {c.key: c for c in BeneficiaryCategory.objects.filter(municipality=municipality)}
    zones = {z.name: z for z in municipality.zones.all()}
    existing = set(
        SocialService.objects.filter(municipality=municipality).values_list(
            "organisation__name", "name"
        )
    )
    for (
        org,
        code,
        name,
        licence,
        expiry,
        capacity,
        keys,
        zone,
        address,
        lat,
        lon,
        funding,
    ) in SERVICES:
        if org not in organisations or (org, name) in existing:
            continue
        phone, email, hours = CONTACTS.get(name, ("", "", ""))
        service = SocialService(
            municipality=municipality,
            organisation=organisations[org],
            name=name,
            code=code,
            licence_number=licence,
            licence_expiry=_expiry(expiry),
            capacity=capacity,
            zone=zones.get(zone),
            address=address,
            latitude=lat,
            longitude=lon,
            funding_sources=funding,
            phone=phone,
            email=email,
            opening_hours=hours,
            approved_at=timezone.now(),
            approved_by=user,
        )
        service._history_user = user
        service.save()
        service.categories.set([categories[k] for k in keys if k in categories])
    _load_pending_change(municipality, organisations, categories)


def _load_pending_change(municipality, organisations, categories) -> None:
    """Casa Speranței asks to record its renewed licence: one change waiting for staff."""
    organisation = organisations.get("Asociația Casa Speranței Maramureș")
    service = SocialService.objects.filter(
        organisation=organisation, name="Centrul de zi pentru persoane cu dizabilități"
    ).first()
    member = (
        Membership.objects.filter(organisation=organisation, role=Role.PROVIDER)
        .select_related("user")
        .order_by("-is_organisation_admin", "pk")
        .first()
    )
    if service is None or member is None or service.changes.exists():
        return
    change = ServiceChange(
        municipality=municipality,
        organisation=organisation,
        service=service,
        submitted_by=member.user,
        data={
            "code": service.code,
            "name": service.name,
            "licence_number": "LF 2210/2026",
            "licence_expiry": (timezone.localdate() + datetime.timedelta(days=5 * 365)).isoformat(),
            "capacity": 36,
            "categories": sorted(c.pk for c in service.categories.all()),
            "zone": service.zone_id,
            "address": service.address,
            "phone": service.phone,
            "email": service.email,
            "opening_hours": service.opening_hours,
            "latitude": str(service.latitude) if service.latitude is not None else None,
            "longitude": str(service.longitude) if service.longitude is not None else None,
            "funding_sources": service.funding_sources,
        },
    )
    change._history_user = member.user
    change.save()


# --- Consultation rounds ---------------------------------------------------------------------

THEMES = {
    "youth": "Viață independentă pentru tinerii care părăsesc sistemul de protecție",
    "elderly": "Îngrijirea vârstnicilor la domiciliu",
    "housing": "Locuire și persoane fără adăpost",
    "roma": "Incluziunea comunităților rome din zonele marginalizate",
    "access": "Accesibilitate și viață independentă pentru persoanele cu dizabilități",
    "staff": "Personalul și finanțarea serviciilor sociale",
}

ROUND_TITLE = "Consultarea furnizorilor privind nevoile neacoperite 2026"
ROUND_INTRODUCTION = (
    "Direcția de Asistență Socială Baia Mare pregătește Strategia de dezvoltare a serviciilor "
    "sociale 2026–2030. Vă rugăm să ne spuneți ce nevoi ale beneficiarilor nu sunt acoperite, ce "
    "liste de așteptare aveți și ce propuneri aveți pentru parteneriatul cu Primăria.\n\n"
    "Răspunsurile sunt citite de echipa DAS și sunt citate în strategie ca aport al furnizorilor."
)

SERVICE_PROBLEMS = [
    "Lipsa personalului de specialitate",
    "Finanțarea insuficientă sau întârziată",
    "Spațiul inadecvat",
    "Birocrația licențierii și acreditării",
    "Cererea mai mare decât capacitatea",
]
NEW_SERVICES_FOR = [
    "Vârstnici singuri",
    "Tineri care părăsesc sistemul de protecție",
    "Persoane cu dizabilități",
    "Persoane fără adăpost",
    "Familii rome din zonele marginalizate",
    "Victime ale violenței domestice",
    "Persoane cu adicții",
]

# (key, kind, text, help text, required, choices)
QUESTIONS = [
    (
        "needs",
        "text",
        "Ce nevoi ale beneficiarilor dumneavoastră nu sunt acoperite în prezent de serviciile "
        "sociale din Baia Mare?",
        "Gândiți-vă la persoanele pe care nu le puteți primi sau pe care le trimiteți mai departe.",
        True,
        [],
    ),
    (
        "problem",
        "single",
        "Care este principala dificultate în funcționarea serviciilor dumneavoastră?",
        "",
        True,
        SERVICE_PROBLEMS,
    ),
    (
        "groups",
        "multiple",
        "Pentru care categorii de beneficiari considerați că sunt necesare servicii noi?",
        "Puteți alege mai multe.",
        False,
        NEW_SERVICES_FOR,
    ),
    (
        "cooperation",
        "scale",
        "Cum apreciați colaborarea cu Direcția de Asistență Socială?",
        "1 = foarte slabă, 5 = foarte bună.",
        False,
        [],
    ),
    (
        "waiting",
        "matrix",
        "Pentru fiecare serviciu, câte persoane din fiecare categorie se află pe lista de "
        "așteptare?",
        "Completați 0 acolo unde nu aveți solicitări.",
        False,
        [],
    ),
    (
        "proposals",
        "text",
        "Ce propuneri aveți pentru parteneriatul cu Primăria în perioada 2026–2030 "
        "(contractare, subvenții prin Legea 34/1998, spații în folosință gratuită)?",
        "",
        False,
        [],
    ),
]

# Each text answer: (text, SPIRAL dimension codes, theme keys) - the tags staff gave it.
RESPONSES = {
    "Asociația Casa Speranței Maramureș": {
        "needs": (
            "Lista de așteptare a centrului de zi are peste 20 de persoane cu dizabilități. "
            "Lipsesc locuințele protejate pentru adulții care nu mai pot locui cu părinții în "
            "vârstă și transportul adaptat până la centru, mai ales din Valea Roșie și Firiza.",
            ["A03", "A10", "A09"],
            ["access"],
        ),
        "problem": "Cererea mai mare decât capacitatea",
        "groups": ["Persoane cu dizabilități", "Tineri care părăsesc sistemul de protecție"],
        "cooperation": 4,
        "waiting": {"dizabilitati": 22},
        "proposals": (
            "Propunem contractarea de către Primărie a transportului adaptat și extinderea "
            "centrului de zi în clădirea fostei grădinițe de pe Str. Progresului, printr-o "
            "subvenție acordată în baza Legii 34/1998.",
            ["A10", "C03"],
            ["access"],
        ),
    },
    "Fundația Sfântul Ioan – Centrul de zi pentru vârstnici": {
        "needs": (
            "Mulți vârstnici din Ferneziu și din satele Firiza și Blidari trăiesc singuri și nu "
            "mai pot ieși din casă. Îngrijirea la domiciliu acoperă doar 60 de persoane, iar "
            "lista de așteptare crește de la an la an. Lipsește un serviciu de teleasistență.",
            ["A09", "D00", "G02"],
            ["elderly"],
        ),
        "problem": "Lipsa personalului de specialitate",
        "groups": ["Vârstnici singuri", "Persoane cu dizabilități"],
        "cooperation": 3,
        "waiting": {"varstnici": 18, "dizabilitati": 4},
        "proposals": (
            "Un program municipal de îngrijire la domiciliu cofinanțat, cu un standard de cost "
            "actualizat, și un serviciu de teleasistență (buton de urgență) pentru vârstnicii care "
            "locuiesc singuri.",
            ["A09", "G02"],
            ["elderly"],
        ),
    },
    "Asociația Romilor Uniți Baia Mare": {
        "needs": (
            "În Craica și Pirita copiii abandonează școala pentru că familiile nu au acte pentru "
            "casă, curent sau apă. Lipsesc mediatorii sanitari și școlari, iar after-school-ul "
            "nostru are locuri doar pentru 35 de copii.",
            ["A05", "A03", "C01"],
            ["roma"],
        ),
        "problem": "Finanțarea insuficientă sau întârziată",
        "groups": ["Familii rome din zonele marginalizate", "Persoane fără adăpost"],
        "cooperation": 2,
        "waiting": {"romi": 30, "copii_tineri_risc": 14},
        "proposals": (
            "Angajarea de către Primărie a câte unui mediator sanitar și școlar pentru Craica și "
            "Pirita și finanțarea multianuală a centrului comunitar, nu doar prin proiecte de "
            "18 luni.",
            ["A02", "A05", "C02"],
            ["roma", "staff"],
        ),
    },
    "Centrul Social de Urgență (DAS)": {
        "needs": (
            "Adăpostul de noapte este plin din noiembrie până în martie; nu avem locuri pentru "
            "mame cu copii și nici un centru de zi unde persoanele fără adăpost să poată sta ziua. "
            "Victimele violenței domestice rămân în centrul de urgență peste termen pentru că nu "
            "există locuințe de tranziție.",
            ["A03", "G02"],
            ["housing"],
        ),
        "problem": "Spațiul inadecvat",
        "groups": [
            "Persoane fără adăpost",
            "Victime ale violenței domestice",
            "Persoane cu adicții",
        ],
        "cooperation": 5,
        "waiting": {"fara_adapost": 12, "victime_violenta_domestica": 5, "adictii": 6},
        "proposals": (
            "Două apartamente de tranziție din fondul locativ al Primăriei pentru victimele "
            "violenței domestice și un centru de zi pentru persoanele fără adăpost lângă "
            "adăpostul de noapte.",
            ["A03"],
            ["housing"],
        ),
    },
    "Îngrijire Acasă SRL": {
        "needs": (
            "Familiile plătesc integral îngrijirea la domiciliu; pentru pensionarii cu venituri "
            "mici serviciul este inaccesibil. Ne lipsesc infirmierii și îngrijitorii calificați.",
            ["A08", "A09"],
            ["elderly", "staff"],
        ),
        "problem": "Lipsa personalului de specialitate",
        "groups": ["Vârstnici singuri"],
        "cooperation": 3,
        "waiting": {"varstnici": 9},
        "proposals": (
            "Cumpărarea de servicii de îngrijire la domiciliu de la furnizorii privați acreditați, "
            "cu o contribuție a beneficiarului după venit, și cursuri de calificare pentru "
            "îngrijitori finanțate din fonduri europene.",
            ["A09", "A06"],
            ["elderly"],
        ),
    },
    "Asociația Tinerii din Centre – Maramureș": {
        "needs": (
            "Tinerii care termină școala ies din sistemul de protecție fără locuință, fără loc de "
            "muncă și fără un adult de încredere. Apartamentele noastre de tranziție au 8 locuri, "
            "iar 15 tineri așteaptă.",
            ["A03", "A06", "D00"],
            ["youth"],
        ),
        "problem": "Cererea mai mare decât capacitatea",
        "groups": ["Tineri care părăsesc sistemul de protecție"],
        "cooperation": 4,
        "waiting": {"tineri_iesiti_din_protectie": 15, "copii_tineri_risc": 6},
        "proposals": (
            "Locuințe sociale rezervate pentru tinerii care părăsesc sistemul de protecție, un "
            "program de mentorat cu voluntari și parteneriate cu angajatori locali pentru primul "
            "loc de muncă.",
            ["A03", "A06", "H03"],
            ["youth"],
        ),
    },
    "Fundația Creștină Diakonia – filiala Baia Mare": {
        "needs": (
            "Copiii din familiile monoparentale din Valea Roșie rămân singuri după-amiaza; "
            "centrul nostru de zi are 40 de locuri și 25 de copii pe lista de așteptare.",
            ["A05", "D02"],
            [],
        ),
        "problem": "Birocrația licențierii și acreditării",
        "groups": [
            "Vârstnici singuri",
            "Tineri care părăsesc sistemul de protecție",
            "Familii rome din zonele marginalizate",
        ],
        "cooperation": 4,
        "waiting": {"copii_tineri_risc": 25, "familii_monoparentale_numeroase": 11, "varstnici": 7},
        "proposals": (
            "Un spațiu în folosință gratuită pentru sediul serviciului de îngrijire la domiciliu "
            "și sprijin pentru o masă caldă zilnică în centrul de zi pentru copii.",
            [],
            [],
        ),
    },
    "Asociația Alzheimer Maramureș": {
        "needs": (
            "Persoanele cu demență nu au un alt centru de zi specializat în afară de al nostru, "
            "de 20 de locuri, iar îngrijitorii din familie sunt epuizați. Lipsesc serviciile de "
            "respiro și diagnosticul timpuriu.",
            ["A02", "A09", "F02"],
            ["elderly"],
        ),
        "problem": "Finanțarea insuficientă sau întârziată",
        "groups": ["Vârstnici singuri", "Persoane cu dizabilități"],
        "cooperation": 3,
        "waiting": {"varstnici": 16},
        "proposals": (
            "Un centru de respiro pentru persoanele cu demență și grupuri de sprijin pentru "
            "familii, finanțate printr-o subvenție pe trei ani.",
            [],
            [],
        ),
    },
}
# Saved but never submitted before the deadline.
DRAFTS = {
    "Crucea Roșie Română – Filiala Maramureș": {
        "needs": (
            "Echipa mobilă întâlnește în fiecare iarnă peste 60 de persoane care dorm pe stradă în "
            "zona Gării și în Pirita; multe nu au acte de identitate",
            [],
            [],
        ),
        "problem": "Spațiul inadecvat",
    },
}

NEXT_ROUND_TITLE = "Consultarea privind prioritățile planului anual de acțiune 2027"
NEXT_ROUND_QUESTIONS = [
    (
        "scale",
        "Cât de urgentă considerați extinderea serviciilor de îngrijire la domiciliu?",
        "1 = poate aștepta, 5 = foarte urgentă.",
        True,
        [],
    ),
    (
        "multiple",
        "Care dintre măsurile propuse de grupurile de lucru ar trebui finanțate în 2027?",
        "",
        True,
        [
            "Locuințe sociale rezervate pentru tinerii ieșiți din protecție",
            "Serviciul municipal de teleasistență",
            "Mediatori sanitari și școlari în Craica și Pirita",
            "Transport adaptat la cerere",
        ],
    ),
    ("text", "Ce alte măsuri propuneți pentru planul anual 2027?", "", False, []),
]


def _at(days: int, hour: int, minute: int = 0):
    """An aware moment `days` from today at the given Bucharest time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _themes(municipality, user) -> dict:
    themes = {}
    for key, name in THEMES.items():
        theme = Theme.objects.filter(municipality=municipality, name=name).first()
        if theme is None:
            theme = Theme(municipality=municipality, name=name)
            theme._history_user = user
            theme.save()
        themes[key] = theme
    return themes


def _member(organisation):
    """The organisation's provider member who writes its response; its contact person if none.

    The contact person gets an account without a password: it signs the response, nobody logs in.
    """
    User = get_user_model()
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.PROVIDER)
        .select_related("user")
        .order_by("-is_organisation_admin", "pk")
        .first()
    )
    if membership is not None:
        return membership.user
    username = f"furnizor-{organisation.cif or organisation.pk}"
    first, _sep, last = organisation.contact_person.rpartition(" ")
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first or last,
            "last_name": last if first else "",
            "email": f"{username}@demo.spirala.ro",
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(
        user=user,
        municipality=organisation.municipality,
        role=Role.PROVIDER,
        defaults={"organisation": organisation, "is_organisation_admin": True},
    )
    return user


def _matrix(organisation, selected, waiting: dict) -> dict:
    """{service id: {category id: people waiting}} over the approved services × selected columns."""
    value = {}
    services = SocialService.objects.approved().filter(organisation=organisation).order_by("pk")
    for position, service in enumerate(services.prefetch_related("categories")):
        served = {c.key for c in service.categories.all()}
        value[str(service.pk)] = {
            str(category.pk): max(0, waiting.get(category.key, 0) - 4 * position)
            if category.key in served
            else 0
            for category in selected
        }
    return value


def _answer(response, question, raw, *, organisation, selected, dimensions, themes, user):
    answer = Answer(response=response, question=question)
    tags = ([], [])
    if question.kind == QuestionKind.TEXT:
        answer.text, *tags = raw
    elif question.kind == QuestionKind.MATRIX:
        answer.value = _matrix(organisation, selected, raw)
    else:
        answer.value = raw
    answer._history_user = user
    answer.save()
    if response.is_submitted:  # staff tag only what was submitted
        codes, keys = tags
        answer.dimensions.set([dimensions[code] for code in codes])
        answer.themes.set([themes[key] for key in keys])
    return answer


def _load_round(municipality, cycle, staff, themes) -> None:
    if ConsultationRound.objects.filter(cycle=cycle, title=ROUND_TITLE).exists():
        return
    organisations = {o.name: o for o in municipality.organisations.all()}
    consultation = ConsultationRound(
        municipality=municipality,
        cycle=cycle,
        title=ROUND_TITLE,
        introduction=ROUND_INTRODUCTION,
        opens_at=_at(-21, 9),
        closes_at=_at(-4, 16),
        published=True,
        created_by=staff,
    )
    # Both e-mails belong to the past: the beat must not write to the demo addresses.
    consultation.opening_notified_at = consultation.opens_at
    consultation.reminder_sent_at = consultation.closes_at - datetime.timedelta(days=3)
    consultation._history_user = staff
    consultation.save()
    consultation.invited.set(organisations.values())
    questions = {}
    for position, (key, kind, text, help_text, required, choices) in enumerate(QUESTIONS):
        question = RoundQuestion(
            round=consultation,
            position=position,
            kind=kind,
            text=text,
            help_text=help_text,
            required=required,
            choices=choices,
        )
        question._history_user = staff
        question.save()
        questions[key] = question
    selected = list(
        BeneficiaryCategory.objects.filter(municipality=municipality, selected=True).order_by(
            "name"
        )
    )
    dimensions = {d.code: d for d in SpiralDimension.objects.all()}
    for answers, submitted in ((RESPONSES, True), (DRAFTS, False)):
        for offset, (name, raw_answers) in enumerate(answers.items()):
            organisation = organisations.get(name)
            if organisation is None:
                continue
            user = _member(organisation)
            response = RoundResponse(round=consultation, organisation=organisation, updated_by=user)
            if submitted:
                response.submitted_at = _at(-18 + 2 * offset, 11, 15 + 3 * offset)
                response.submitted_by = user
            response._history_user = user
            response.save()
            for key, raw in raw_answers.items():
                _answer(
                    response,
                    questions[key],
                    raw,
                    organisation=organisation,
                    selected=selected,
                    dimensions=dimensions,
                    themes=themes,
                    user=user,
                )


def _load_next_round(municipality, cycle, staff) -> None:
    """The next round, still a draft: staff see it, providers do not until it is published."""
    if ConsultationRound.objects.filter(cycle=cycle, title=NEXT_ROUND_TITLE).exists():
        return
    consultation = ConsultationRound(
        municipality=municipality,
        cycle=cycle,
        title=NEXT_ROUND_TITLE,
        introduction=(
            "Pe baza propunerilor din prima rundă și din grupurile de lucru, vă rugăm să ne "
            "ajutați să stabilim ce măsuri intră în planul anual de acțiune pentru 2027."
        ),
        opens_at=_at(7, 9),
        closes_at=_at(28, 16),
        published=False,
        created_by=staff,
    )
    consultation._history_user = staff
    consultation.save()
    consultation.invited.set(municipality.organisations.all())
    for position, (kind, text, help_text, required, choices) in enumerate(NEXT_ROUND_QUESTIONS):
        question = RoundQuestion(
            round=consultation,
            position=position,
            kind=kind,
            text=text,
            help_text=help_text,
            required=required,
            choices=choices,
        )
        question._history_user = staff
        question.save()


# --- Working groups --------------------------------------------------------------------------

GROUPS = [
    {
        "name": "Grupul de lucru pentru tinerii care părăsesc sistemul de protecție",
        "theme": "youth",
        "description": (
            "Analizează drumul tinerilor care ies din centrele de plasament și din casele de tip "
            "familial din Baia Mare și propune servicii de locuire, de angajare și de însoțire "
            "pentru Strategia 2026–2030."
        ),
        "members": [
            "Asociația Tinerii din Centre – Maramureș",
            "Centrul Social de Urgență (DAS)",
            "Fundația Creștină Diakonia – filiala Baia Mare",
            "Asociația Habitat pentru Umanitate Baia Mare",
            "Asociația Romilor Uniți Baia Mare",
        ],
        "meetings": [
            {
                "days": -35,
                "hour": 10,
                "place": "Sala mică a Primăriei Municipiului Baia Mare",
                "link": "",
                "agenda": (
                    "1. Rezultatele sesiunii SPIRAL cu tinerii ieșiți din sistemul de protecție\n"
                    "2. Locurile existente în apartamentele de tranziție\n"
                    "3. Calendarul grupului de lucru"
                ),
                "absent": ["Asociația Romilor Uniți Baia Mare"],
                "minutes": (
                    "Au participat reprezentanții a patru organizații membre și doi specialiști "
                    "DAS.\n"
                    "S-au prezentat rezultatele sesiunii SPIRAL: tinerii pun pe primul loc o "
                    "locuință a lor și primul loc de muncă.\n"
                    "Asociația Tinerii din Centre a arătat că 15 tineri așteaptă un loc în "
                    "apartamentele de tranziție.\n"
                    "Habitat pentru Umanitate verifică până la următoarea întâlnire ce locuințe "
                    "din fondul locativ al Primăriei pot fi renovate."
                ),
            },
            {
                "days": -14,
                "hour": 14,
                "place": "",
                "link": "https://meet.jit.si/spirala-baia-mare-tineri",
                "agenda": (
                    "1. Propunerile organizațiilor membre\n"
                    "2. Adoptarea propunerilor pentru strategie"
                ),
                "absent": [],
                "minutes": (
                    "Întâlnire online, au participat toate cele cinci organizații membre.\n"
                    "S-au adoptat propunerile privind locuințele sociale rezervate tinerilor și "
                    "programul de mentorat cu voluntari.\n"
                    "Propunerea unei burse de instalare rămâne în discuție până când DAS "
                    "estimează costul pentru bugetul local."
                ),
            },
        ],
        "proposals": [
            {
                "title": "Locuințe sociale rezervate pentru tinerii care părăsesc sistemul de "
                "protecție",
                "text": (
                    "Primăria rezervă anual cel puțin cinci locuințe sociale pentru tinerii care "
                    "ies din sistemul de protecție, cu un contract de închiriere pe trei ani și "
                    "însoțire socială în primul an."
                ),
                "by": "Asociația Tinerii din Centre – Maramureș",
                "adopted_at": 1,
                "dimensions": ["A03", "F03"],
            },
            {
                "title": "Program de mentorat cu voluntari pentru tinerii ieșiți din protecție",
                "text": (
                    "Fiecare tânăr care părăsește sistemul de protecție are, la cerere, un mentor "
                    "voluntar format de Fundația Diakonia, care îl însoțește cel puțin un an."
                ),
                "by": "Fundația Creștină Diakonia – filiala Baia Mare",
                "adopted_at": 1,
                "dimensions": ["H03", "D00"],
            },
            {
                "title": "Bursă de instalare pentru primele trei luni de chirie",
                "text": (
                    "Un ajutor de urgență din bugetul local care acoperă chiria și garanția în "
                    "primele trei luni după ieșirea din sistemul de protecție."
                ),
                "by": "Asociația Habitat pentru Umanitate Baia Mare",
                "adopted_at": None,
                "dimensions": ["A08", "A03"],
            },
        ],
    },
    {
        "name": "Grupul de lucru pentru îngrijirea vârstnicilor la domiciliu",
        "theme": "elderly",
        "description": (
            "Reunește furnizorii de îngrijire la domiciliu și de centre de zi pentru vârstnici ca "
            "să propună cum poate fi acoperită cererea din cartiere și din satele aparținătoare."
        ),
        "members": [
            "Fundația Sfântul Ioan – Centrul de zi pentru vârstnici",
            "Îngrijire Acasă SRL",
            "Asociația Alzheimer Maramureș",
            "Crucea Roșie Română – Filiala Maramureș",
        ],
        "meetings": [
            {
                "days": -28,
                "hour": 10,
                "place": "Centrul de zi pentru vârstnici Sfântul Ioan, Str. Ferneziu 3",
                "link": "",
                "agenda": (
                    "1. Harta nevoilor: ce au spus vârstnicii din Ferneziu\n"
                    "2. Capacitatea actuală a serviciilor de îngrijire la domiciliu\n"
                    "3. Propuneri"
                ),
                "absent": ["Crucea Roșie Română – Filiala Maramureș"],
                "minutes": (
                    "Au participat trei dintre cele patru organizații membre și coordonatoarea "
                    "DAS.\n"
                    "Furnizorii îngrijesc la domiciliu în total aproximativ 140 de persoane; pe "
                    "listele de așteptare sunt peste 40.\n"
                    "Din sesiunea SPIRAL reiese frica vârstnicilor singuri că nu vor fi găsiți "
                    "dacă pățesc ceva.\n"
                    "S-a adoptat propunerea unui serviciu municipal de teleasistență."
                ),
            },
            {
                "days": -7,
                "hour": 15,
                "place": "Sediul Crucii Roșii Maramureș, Str. Gheorghe Șincai 9",
                "link": "",
                "agenda": (
                    "1. Centrul de respiro pentru persoanele cu demență\n"
                    "2. Standardul de cost pentru îngrijirea la domiciliu"
                ),
                "absent": [],
                "minutes": "",
            },
        ],
        "proposals": [
            {
                "title": "Serviciu municipal de teleasistență pentru vârstnicii singuri",
                "text": (
                    "Vârstnicii care locuiesc singuri primesc un buton de urgență legat de un "
                    "dispecerat, iar un îngrijitor ajunge la domiciliu în cel mult o oră."
                ),
                "by": "Fundația Sfântul Ioan – Centrul de zi pentru vârstnici",
                "adopted_at": 0,
                "dimensions": ["G02", "A09"],
            },
            {
                "title": "Centru de respiro pentru persoanele cu demență",
                "text": (
                    "Un centru care primește persoanele cu demență pentru câteva zile, ca "
                    "îngrijitorii din familie să se poată odihni."
                ),
                "by": "Asociația Alzheimer Maramureș",
                "adopted_at": None,
                "dimensions": ["A09", "F02"],
            },
        ],
    },
]


def _load_groups(municipality, cycle, staff, themes) -> None:
    organisations = {o.name: o for o in municipality.organisations.all()}
    dimensions = {d.code: d for d in SpiralDimension.objects.all()}
    for spec in GROUPS:
        if WorkingGroup.objects.filter(cycle=cycle, name=spec["name"]).exists():
            continue
        group = WorkingGroup(
            municipality=municipality,
            cycle=cycle,
            theme=themes[spec["theme"]],
            name=spec["name"],
            description=spec["description"],
            coordinator=staff,
        )
        group._history_user = staff
        group.save()
        members = [organisations[name] for name in spec["members"] if name in organisations]
        group.members.set(members)
        meetings = []
        for data in spec["meetings"]:
            meeting = Meeting(
                group=group,
                starts_at=_at(data["days"], data["hour"]),
                place=data["place"],
                link=data["link"],
                agenda=data["agenda"],
                minutes=data["minutes"],
            )
            meeting._history_user = staff
            meeting.save()
            meeting.attendees.set([o for o in members if o.name not in data["absent"]])
            meetings.append(meeting)
        for data in spec["proposals"]:
            adopted = data["adopted_at"] is not None
            proposal = GroupProposal(
                group=group,
                meeting=meetings[data["adopted_at"]] if adopted else None,
                title=data["title"],
                text=data["text"],
                status=GroupProposal.Status.ADOPTED if adopted else GroupProposal.Status.PROPOSED,
                proposed_by=organisations.get(data["by"]),
                created_by=staff,
            )
            proposal._history_user = staff
            proposal.save()
            proposal.dimensions.set([dimensions[code] for code in data["dimensions"]])


def load_consultation_demo(municipality, cycle, staff) -> None:
    """A closed round with responses, the next round in draft and two working groups."""
    themes = _themes(municipality, staff)
    _load_round(municipality, cycle, staff, themes)
    _load_next_round(municipality, cycle, staff)
    _load_groups(municipality, cycle, staff, themes)
