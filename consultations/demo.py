"""Demo services of the local guide (Baia Mare); loaded once, a second run changes nothing."""

import datetime

from django.utils import timezone

from beneficiaries.models import BeneficiaryCategory
from consultations.models import SocialService

# (organisation, code, name, licence, expiry, capacity, categories, zone, address, lat, lon,
#  funding)
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
        datetime.date(2026, 12, 20),
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
        datetime.date(2027, 1, 31),
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
        datetime.date(2027, 1, 31),
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
]


def load_guide_demo(municipality, user) -> None:
    from beneficiaries.services import ensure_default_categories

    ensure_default_categories(municipality)
    organisations = {o.name: o for o in municipality.organisations.all()}
    categories = {c.key: c for c in BeneficiaryCategory.objects.filter(municipality=municipality)}
    zones = {z.name: z for z in municipality.zones.all()}
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
        if org not in organisations:
            continue
        service, created = SocialService.objects.get_or_create(
            municipality=municipality,
            organisation=organisations[org],
            name=name,
            defaults={
                "code": code,
                "licence_number": licence,
                "licence_expiry": expiry,
                "capacity": capacity,
                "zone": zones.get(zone),
                "address": address,
                "latitude": lat,
                "longitude": lon,
                "funding_sources": funding,
                "approved_at": timezone.now(),
                "approved_by": user,
            },
        )
        if created:
            service.categories.set([categories[k] for k in keys if k in categories])
