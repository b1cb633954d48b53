"""Demo of the annual action plans and the council's decisions (Baia Mare).

The council adopted the strategy (its published version, annex 1) with the 2026 plan (annex 2) by
HCL 38, with the referat, the raport and the committees' avize; the 2027 plan, copied from 2026,
is in a draft decision submitted to the council with the county's aviz consultativ, waiting for
its vote. Both draft decisions have their dossier (rendered once the demo commits). The dates
follow the demo strategy's, which are counted back from today. The demo cycle moves on, on
record, to the monitoring stage, where the secretary records the council's votes on the later
plans.

Every measure cites a specific objective of the demo strategy (``strategy.demo.OBJECTIVES``, by
position) and, for the services already running, a service of the demo guide
(``consultations.demo.SERVICES``, by name). Loaded once: when the demo cycle already has a plan,
nothing is written (a second run of ``load_demo`` changes nothing, not even the history).
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from actionplans import council, dossier
from actionplans.models import (
    ActionPlan,
    BudgetLine,
    CouncilVote,
    DecisionKind,
    DraftDecision,
    LegalSection,
    Measure,
    MeasureIndicator,
    ObjectiveSkipped,
    Opinion,
)
from beneficiaries.models import BeneficiaryCategory
from consultations.models import FundingSource, SocialService
from core.models import StageTransition
from core.stages import get_stage
from strategy.models import SpecificObjective, StrategyVersion

S = LegalSection
F = FundingSource
MeasureStatus = Measure.Status

# Departments of the DAS Baia Mare that answer for the measures.
CHILDREN = "Serviciul Protecția Copilului și Familiei, DAS Baia Mare"
ELDERLY = "Compartimentul Servicii pentru Vârstnici, DAS Baia Mare"
DISABILITY = "Serviciul pentru Persoane cu Dizabilități, DAS Baia Mare"
COMMUNITY = "Serviciul de Asistență Socială Comunitară, DAS Baia Mare"
EMERGENCY = "Centrul Social de Urgență, DAS Baia Mare"
PROGRAMMES = "Compartimentul Strategii și Programe, DAS Baia Mare"
CONTRACTING = "Compartimentul Contractare și Subvenții, DAS Baia Mare"
TRAINING = "Compartimentul Resurse Umane și Formare Profesională, DAS Baia Mare"
PUBLIC = "Compartimentul Relații cu Publicul și Comunicare, DAS Baia Mare"

# The demo organisations (core/management/commands/load_demo.py), by a short key.
ORGANISATIONS = {
    "casa_sperantei": "Asociația Casa Speranței Maramureș",
    "sf_ioan": "Fundația Sfântul Ioan – Centrul de zi pentru vârstnici",
    "romi_uniti": "Asociația Romilor Uniți Baia Mare",
    "urgenta": "Centrul Social de Urgență (DAS)",
    "sf_treime": "Parohia Ortodoxă Sfânta Treime – Cantina socială",
    "ingrijire_acasa": "Îngrijire Acasă SRL",
    "tinerii": "Asociația Tinerii din Centre – Maramureș",
    "diakonia": "Fundația Creștină Diakonia – filiala Baia Mare",
    "alzheimer": "Asociația Alzheimer Maramureș",
    "crucea_rosie": "Crucea Roșie Română – Filiala Maramureș",
    "habitat": "Asociația Habitat pentru Umanitate Baia Mare",
    "das_copii": "Direcția de Asistență Socială Baia Mare – Centrul de zi pentru copii",
}

PLAN_YEAR = 2026
NEXT_YEAR = 2027
INTRODUCTION = (
    "Planul anual de acțiune privind serviciile sociale pe anul {year} pune în aplicare "
    "Strategia de dezvoltare a serviciilor sociale a Municipiului Baia Mare 2026–2030 (Legea nr. "
    "292/2011, art. 112 alin. (3) lit. b) și art. 118), în structura modelului-cadru aprobat prin "
    "Ordinul MMJS nr. 1.086/2018.\n"
    "Obiectivul general: fiecare locuitor vulnerabil al municipiului primește, aproape de casă, "
    "serviciul social de care are nevoie. Grupurile țintă sunt cele din harta nevoilor: "
    "vârstnicii singuri, persoanele cu dizabilități, tinerii care părăsesc sistemul de protecție, "
    "comunitățile rome din Craica și Pirita, persoanele fără adăpost și victimele violenței "
    "domestice."
)
LOCAL_ALLOCATED = {PLAN_YEAR: Decimal("10800000.00"), NEXT_YEAR: Decimal("11900000.00")}
INITIATOR = "Primar, Doru Dăncuș"
SOCIAL_COMMITTEE = "Comisia pentru sănătate, asistență socială, cultură și culte"
BUDGET_COMMITTEE = "Comisia pentru buget-finanțe, administrarea domeniului public și privat"
COUNTY = "Consiliul Județean Maramureș"

# The council's decisions, in days before the demo is loaded (the demo strategy's version 2 is
# published 18 days before): the strategy with the 2026 plan, adopted; the 2027 plan, submitted.
STRATEGY_DECISION = {
    "numbers": {"referat_number": "48.112", "raport_number": "48.190"},
    "referat": -16,
    "raport": -15,
    "opinions": (
        (Opinion.Body.COMMITTEE, SOCIAL_COMMITTEE, "31", -13),
        (Opinion.Body.COMMITTEE, BUDGET_COMMITTEE, "44", -13),
    ),
    "submitted": (-12, 10, 30),
}
STRATEGY_VOTE = {
    "decision_number": "38",
    "days": -9,
    "session": CouncilVote.Session.ORDINARY,
    "majority": CouncilVote.Majority.SIMPLE,
    "in_office": 23,
    "present": 21,
    "votes_for": 19,
    "votes_against": 0,
    "abstentions": 2,
    "notes": (
        "Adoptată în ședința ordinară, la inițiativa primarului, cu avizele favorabile ale "
        "comisiilor de specialitate; doi consilieri s-au abținut."
    ),
}
PLAN_DECISION = {
    "numbers": {"referat_number": "51.407", "raport_number": "51.466"},
    "referat": -6,
    "raport": -5,
    "opinions": (
        (Opinion.Body.COUNTY, COUNTY, "1.284", -4),
        (Opinion.Body.COMMITTEE, SOCIAL_COMMITTEE, "36", -3),
    ),
    "submitted": (-2, 11, 15),
}

# The specific objective skipped in 2026 (strategic, specific position) and why.
SKIPPED = (
    (3, 0),
    "Serviciul de transport adaptat se contractează prin licitație publică în 2026, cu începere "
    "de la 1 ianuarie 2027; auditul de accesibilitate al clădirilor publice se plătește din "
    "bugetul de investiții al Direcției Tehnice, nu din bugetul serviciilor sociale.",
)


def measure(
    key,
    section,
    objective,
    title,
    *,
    department,
    months=(1, 12),
    service=None,
    code="",
    name="",
    description="",
    partners=(),
    categories=(),
    zone=None,
    capacity=None,
    beneficiaries=None,
    staff=None,
    indicators=(),
    budget=(),
    unfunded="",
    status=None,
):
    """One measure of the demo plan: ``objective`` is (strategic, specific) position; ``budget``
    holds (source, programme, amount in lei, note)."""
    return {
        "key": key,
        "section": section,
        "objective": objective,
        "title": title,
        "department": department,
        "months": months,
        "service": service,
        "code": code,
        "name": name,
        "description": description,
        "partners": partners,
        "categories": categories,
        "zone": zone,
        "capacity": capacity,
        "beneficiaries": beneficiaries,
        "staff": staff,
        "indicators": indicators,
        "budget": budget,
        "unfunded": unfunded,
        "status": status,
    }


# The objectives of the demo strategy, by position: OS1 young people leaving care (1.1 housing,
# 1.2 the first year), OS2 older people (2.1 home care, 2.2 telecare and clubs), OS3 Roma
# communities (3.1 school, 3.2 health mediation and papers), OS4 disability (4.1 transport and
# access, 4.2 protected housing and supported work), OS5 homelessness (5.1 street team and day
# services, 5.2 transitional housing).
MEASURES = [
    # 1. Existing social services, kept and funded.
    measure(
        "home_care_sf_ioan",
        S.EXISTING,
        (1, 0),
        "Îngrijire la domiciliu pentru vârstnici – contractul cu Fundația Sfântul Ioan",
        service="Îngrijire la domiciliu pentru vârstnici",
        department=ELDERLY,
        description="Îngrijire personală și sprijin în gospodărie, 4 ore pe zi în medie, pentru "
        "vârstnicii dependenți evaluați de DAS; contribuția beneficiarului depinde de venit.",
        partners=("sf_ioan",),
        categories=("varstnici", "dizabilitati"),
        zone="Ferneziu",
        capacity=60,
        beneficiaries=75,
        staff=14,
        indicators=(
            ("Vârstnici îngrijiți la domiciliu", "persoane", 75),
            ("Ore de îngrijire prestate", "ore", 21600),
        ),
        budget=(
            (F.LOCAL, "", "1150000.00", "Contract de servicii, standard de cost actualizat"),
            (F.CONTRIBUTIONS, "", "86400.00", "Contribuția lunară a beneficiarilor"),
        ),
    ),
    measure(
        "home_care_ingrijire_acasa",
        S.EXISTING,
        (1, 0),
        "Îngrijire la domiciliu în cartierele Vasile Alecsandri, Republicii și Săsar",
        service="Îngrijire Acasă – servicii la domiciliu",
        department=ELDERLY,
        partners=("ingrijire_acasa",),
        categories=("varstnici", "boli_cronice"),
        zone="Vasile Alecsandri",
        capacity=80,
        beneficiaries=92,
        staff=18,
        indicators=(("Persoane îngrijite la domiciliu", "persoane", 92),),
        budget=(
            (F.LOCAL, "", "964000.00", "Servicii cumpărate de la furnizor acreditat"),
            (F.CONTRIBUTIONS, "", "72000.00", ""),
        ),
    ),
    measure(
        "dementia_day_centre",
        S.EXISTING,
        (1, 0),
        "Centrul de zi pentru persoane cu demență",
        service="Centrul de zi pentru persoane cu demență",
        department=ELDERLY,
        description="Program zilnic de stimulare cognitivă; răgaz pentru familiile care îngrijesc.",
        partners=("alzheimer",),
        categories=("varstnici", "boli_cronice"),
        zone="Săsar",
        capacity=20,
        beneficiaries=28,
        staff=6,
        indicators=(("Persoane cu demență care frecventează centrul", "persoane", 28),),
        budget=(
            (F.LOCAL, "", "286000.00", ""),
            (F.CONTRIBUTIONS, "", "24000.00", ""),
            (F.PRIVATE, "", "30000.00", "Sponsorizare, campania „Nu uita să iubești”"),
        ),
    ),
    measure(
        "day_centre_elderly",
        S.EXISTING,
        (1, 1),
        "Centrul de zi pentru vârstnici Sfântul Ioan",
        service="Centrul de zi pentru vârstnici Sfântul Ioan",
        department=ELDERLY,
        description="Activități de socializare, masă de prânz și consiliere; loc de întâlnire "
        "pentru vârstnicii singuri din Ferneziu.",
        partners=("sf_ioan",),
        categories=("varstnici",),
        zone="Ferneziu",
        capacity=40,
        beneficiaries=65,
        staff=6,
        indicators=(
            ("Vârstnici care frecventează centrul cel puțin o dată pe săptămână", "persoane", 65),
        ),
        budget=(
            (F.LOCAL, "", "312000.00", ""),
            (F.PRIVATE, "", "45000.00", "Fonduri proprii ale fundației"),
        ),
    ),
    measure(
        "children_day_centre",
        S.EXISTING,
        (2, 0),
        "Centrul de zi pentru copii „Curcubeul”",
        service="Centrul de zi pentru copii „Curcubeul”",
        department=CHILDREN,
        description="After-school cu masă caldă, sprijin la teme și consiliere pentru copiii din "
        "Pirita cu risc de abandon școlar.",
        partners=("das_copii",),
        categories=("copii_tineri_risc", "romi"),
        zone="Pirita",
        capacity=50,
        beneficiaries=62,
        staff=9,
        indicators=(
            ("Copii în programul after-school cu masă caldă", "copii", 62),
            ("Copii din program care au promovat anul școlar", "%", 90),
        ),
        budget=((F.LOCAL, "", "864000.00", ""),),
    ),
    measure(
        "parents_counselling",
        S.EXISTING,
        (2, 0),
        "Centrul de consiliere pentru părinți",
        service="Centrul de consiliere pentru părinți",
        department=CHILDREN,
        description="Consiliere pentru părinții copiilor cu risc de abandon școlar și pentru "
        "familiile monoparentale.",
        partners=("das_copii",),
        categories=("familii_monoparentale_numeroase", "victime_violenta_domestica"),
        zone="Pirita",
        capacity=30,
        beneficiaries=85,
        staff=4,
        indicators=(("Familii consiliate", "familii", 85),),
        budget=(
            (F.LOCAL, "", "236000.00", ""),
            (F.STATE, "", "48000.00", "Transfer de la bugetul de stat pentru protecția copilului"),
        ),
    ),
    measure(
        "craica_after_school",
        S.EXISTING,
        (2, 0),
        "Centrul comunitar Craica – after-school",
        service="Centrul comunitar Craica – after-school",
        department=COMMUNITY,
        partners=("romi_uniti",),
        categories=("romi", "copii_tineri_risc"),
        zone="Craica",
        capacity=35,
        beneficiaries=40,
        staff=6,
        indicators=(("Copii din Craica în after-school", "copii", 40),),
        budget=(
            (F.EU, "PIDS", "415000.00", "Proiect „Școala e a noastră”, POIDS/PIDS 2021–2027"),
            (F.LOCAL, "", "85000.00", "Cofinanțare"),
        ),
    ),
    measure(
        "night_shelter",
        S.EXISTING,
        (4, 0),
        "Adăpostul de noapte pentru persoane fără adăpost",
        service="Adăpost de noapte pentru persoane fără adăpost",
        department=EMERGENCY,
        description="40 de locuri tot anul, cu 15 paturi suplimentare în perioada 1 noiembrie – "
        "31 martie.",
        partners=("urgenta",),
        categories=("fara_adapost",),
        zone="Gării",
        capacity=40,
        beneficiaries=160,
        staff=14,
        indicators=(
            ("Persoane găzduite în adăpost", "persoane/an", 160),
            ("Nopți de cazare", "nopți", 13500),
        ),
        budget=((F.LOCAL, "", "1480000.00", ""),),
    ),
    measure(
        "street_team",
        S.EXISTING,
        (4, 0),
        "Echipa mobilă de intervenție stradală",
        service="Echipa mobilă de intervenție stradală",
        department=EMERGENCY,
        partners=("crucea_rosie", "urgenta"),
        categories=("fara_adapost", "adictii"),
        zone="Gării",
        capacity=60,
        beneficiaries=150,
        staff=5,
        indicators=(
            ("Persoane fără adăpost incluse într-un plan de intervenție", "persoane/an", 150),
        ),
        budget=(
            (F.LOCAL, "", "392000.00", ""),
            (F.PRIVATE, "", "25000.00", "Sponsorizare pentru sacii de dormit și hrană caldă"),
        ),
    ),
    measure(
        "domestic_violence_centre",
        S.EXISTING,
        (4, 1),
        "Centrul de primire în regim de urgență pentru victimele violenței domestice",
        service="Centrul de primire în regim de urgență pentru victimele violenței domestice",
        department=EMERGENCY,
        partners=("urgenta",),
        categories=("victime_violenta_domestica",),
        zone="Republicii",
        capacity=12,
        beneficiaries=45,
        staff=11,
        indicators=(
            ("Victime ale violenței domestice găzduite", "persoane", 45),
            ("Victime care au plecat din centru într-o locuință sigură", "%", 70),
        ),
        budget=(
            (F.LOCAL, "", "724000.00", ""),
            (F.STATE, "", "150000.00", "Program de interes național, ANES"),
        ),
    ),
    measure(
        "protected_house",
        S.EXISTING,
        (3, 1),
        "Locuința protejată Casa din Valea Roșie",
        service="Locuința protejată Casa din Valea Roșie",
        department=DISABILITY,
        partners=("casa_sperantei",),
        categories=("dizabilitati",),
        zone="Valea Roșie",
        capacity=8,
        beneficiaries=8,
        staff=9,
        indicators=(
            ("Adulți cu dizabilități care locuiesc independent, cu sprijin", "persoane", 8),
        ),
        budget=(
            (F.LOCAL, "", "412000.00", ""),
            (F.STATE, "", "224000.00", "Finanțare la standardul de cost, Legea nr. 448/2006"),
            (F.CONTRIBUTIONS, "", "52800.00", "Contribuția beneficiarilor"),
        ),
    ),
    measure(
        "care_centre",
        S.EXISTING,
        (3, 1),
        "Centrul de îngrijire și asistență Casa Speranței",
        service="Centrul de îngrijire și asistență Casa Speranței",
        department=DISABILITY,
        description="Îngrijire rezidențială; patru rezidenți pregătiți în 2026 pentru mutarea "
        "într-o locuință protejată.",
        partners=("casa_sperantei",),
        categories=("dizabilitati",),
        zone="Centrul Vechi",
        capacity=24,
        beneficiaries=24,
        staff=22,
        indicators=(("Rezidenți cu plan de dezinstituționalizare", "persoane", 4),),
        budget=(
            (F.STATE, "", "782000.00", "Finanțare la standardul de cost, Legea nr. 448/2006"),
            (F.LOCAL, "", "326000.00", ""),
            (F.CONTRIBUTIONS, "", "158400.00", "Contribuția lunară de întreținere"),
        ),
    ),
    measure(
        "transition_flats",
        S.EXISTING,
        (0, 0),
        "Apartamentele de tranziție „Primul pas” pentru tineri",
        service="Apartamentele de tranziție „Primul pas” pentru tineri",
        department=CHILDREN,
        partners=("tinerii",),
        categories=("tineri_iesiti_din_protectie",),
        zone="Republicii",
        capacity=8,
        beneficiaries=11,
        staff=3,
        indicators=(("Tineri găzduiți în apartamentele de tranziție", "tineri", 11),),
        budget=(
            (F.LOCAL, "", "192000.00", ""),
            (F.EU, "PEO", "140000.00", "Proiect „Primul pas spre independență”"),
            (F.PRIVATE, "", "20000.00", "Donații"),
        ),
    ),
    measure(
        "youth_counselling",
        S.EXISTING,
        (0, 1),
        "Centrul de consiliere și orientare profesională pentru tineri",
        service="Centrul de consiliere și orientare profesională pentru tineri",
        department=CHILDREN,
        partners=("tinerii",),
        categories=("tineri_iesiti_din_protectie", "copii_tineri_risc"),
        zone="Vasile Alecsandri",
        capacity=40,
        beneficiaries=55,
        staff=4,
        indicators=(
            ("Tineri consiliați", "tineri", 55),
            ("Tineri angajați după consiliere", "tineri", 20),
        ),
        budget=(
            (F.EU, "PEO", "168000.00", ""),
            (F.LOCAL, "", "42000.00", "Cofinanțare"),
            (F.PRIVATE, "", "15000.00", ""),
        ),
    ),
    # 2. New social services to set up.
    measure(
        "home_care_villages",
        S.NEW,
        (1, 0),
        "Înființarea serviciului de îngrijire la domiciliu în satele Firiza și Blidari",
        code="8810 ID-I",
        name="Îngrijire la domiciliu Firiza – Blidari",
        department=ELDERLY,
        months=(4, 12),
        description="Serviciu public al DAS, cu îngrijitori angajați din sate; licențiere "
        "provizorie în martie.",
        partners=("sf_ioan",),
        categories=("varstnici",),
        zone="Firiza",
        capacity=20,
        beneficiaries=20,
        staff=5,
        indicators=(("Vârstnici din sate îngrijiți la domiciliu", "persoane", 20),),
        budget=(
            (F.LOCAL, "", "186000.00", ""),
            (F.CONTRIBUTIONS, "", "9000.00", ""),
        ),
    ),
    measure(
        "telecare",
        S.NEW,
        (1, 1),
        "Serviciul municipal de teleasistență pentru vârstnicii singuri",
        code="8810 ID-II",
        name="Teleasistență Baia Mare",
        department=ELDERLY,
        months=(3, 12),
        description="Buton de urgență legat de un dispecerat, cu intervenție la domiciliu în "
        "cel mult o oră.",
        partners=("crucea_rosie",),
        categories=("varstnici", "boli_cronice"),
        capacity=150,
        beneficiaries=150,
        staff=6,
        indicators=(("Vârstnici singuri conectați la teleasistență", "persoane", 150),),
        budget=(
            (F.EU, "PNRR C13", "420000.00", "Investiția pentru servicii de îngrijire la domiciliu"),
            (F.LOCAL, "", "96000.00", ""),
        ),
    ),
    measure(
        "pirita_day_centre",
        S.NEW,
        (2, 0),
        "Centrul de zi pentru copii Pirita – „Școala după școală”",
        code="8891 CZ-C-I",
        name="Centrul de zi pentru copii Pirita",
        department=CHILDREN,
        months=(9, 12),
        description="Al doilea centru de zi din Pirita, în clădirea renovată a fostei grădinițe; "
        "se deschide odată cu anul școlar.",
        partners=("romi_uniti", "das_copii"),
        categories=("copii_tineri_risc", "romi"),
        zone="Pirita",
        capacity=30,
        beneficiaries=30,
        staff=6,
        indicators=(("Locuri noi în after-school cu masă caldă", "locuri", 30),),
        budget=(
            (F.EU, "PR Nord-Vest", "640000.00", "Prioritatea 6, dotarea centrului"),
            (F.LOCAL, "", "72000.00", "Cofinanțare și cheltuieli de funcționare"),
        ),
    ),
    measure(
        "pirita_canteen",
        S.NEW,
        (2, 0),
        "Cantina socială Pirita – masă caldă pentru copii și vârstnici",
        code="8899 CPDV-I",
        name="Cantina socială Pirita",
        department=COMMUNITY,
        months=(9, 12),
        partners=("sf_treime",),
        categories=("copii_tineri_risc", "varstnici", "romi"),
        zone="Pirita",
        capacity=80,
        beneficiaries=80,
        staff=3,
        indicators=(("Porții de masă caldă servite", "porții", 6400),),
        budget=(
            (F.LOCAL, "", "118000.00", ""),
            (F.PRIVATE, "", "22000.00", "Banca de alimente Maramureș"),
        ),
    ),
    measure(
        "women_shelter",
        S.NEW,
        (4, 0),
        "Adăpost de noapte pentru femei și mame cu copii",
        code="8790 CR-PFA-I",
        name="Adăpostul de noapte pentru femei",
        department=EMERGENCY,
        months=(10, 12),
        partners=("crucea_rosie",),
        categories=("fara_adapost", "familii_monoparentale_numeroase"),
        zone="Gării",
        capacity=16,
        beneficiaries=30,
        staff=7,
        indicators=(("Locuri noi de adăpost pentru femei și copii", "locuri", 16),),
        budget=(
            (F.LOCAL, "", "214000.00", ""),
            (F.EU, "PIDS", "180000.00", "Dotare și personal în primul an"),
        ),
    ),
    measure(
        "second_transition_flat",
        S.NEW,
        (0, 0),
        "Apartamentele de tranziție „Primul pas II” (6 locuri noi)",
        code="8790 CR-C-III",
        name="Apartamente de tranziție pentru tineri – Primul pas II",
        department=CHILDREN,
        months=(6, 12),
        partners=("tinerii", "habitat"),
        categories=("tineri_iesiti_din_protectie",),
        zone="Valea Roșie",
        capacity=6,
        beneficiaries=6,
        staff=2,
        indicators=(("Locuri noi în apartamente de tranziție", "locuri", 6),),
        budget=(
            (F.LOCAL, "", "98000.00", ""),
            (F.PRIVATE, "", "35000.00", "Mobilier donat prin Habitat pentru Umanitate"),
        ),
    ),
    measure(
        "new_protected_house",
        S.NEW,
        (3, 1),
        "Locuință protejată nouă pentru 6 adulți cu dizabilități în Săsar",
        code="8790 CR-D-VI",
        name="Locuința protejată Săsar",
        department=DISABILITY,
        months=(7, 12),
        partners=("casa_sperantei",),
        categories=("dizabilitati",),
        zone="Săsar",
        capacity=6,
        beneficiaries=6,
        staff=6,
        indicators=(("Locuri noi în locuințe protejate", "locuri", 6),),
        unfunded="Cererea de finanțare prin PNRR C13 este în evaluare; fără decizia de finanțare "
        "serviciul nu poate fi înființat în 2026.",
        status=MeasureStatus.POSTPONED,
    ),
    # 3. Contracting and subsidies for private providers (Law 34/1998).
    measure(
        "subsidy_canteen",
        S.CONTRACTING,
        (4, 0),
        "Subvenție (Legea nr. 34/1998): Cantina socială Sfânta Treime",
        service="Cantina socială Sfânta Treime",
        department=CONTRACTING,
        partners=("sf_treime",),
        categories=("fara_adapost", "varstnici", "someri"),
        zone="Săsar",
        capacity=150,
        beneficiaries=210,
        staff=7,
        indicators=(("Beneficiari ai cantinei", "persoane", 210),),
        budget=(
            (F.LOCAL, "", "624000.00", "Subvenție lunară per beneficiar"),
            (F.PRIVATE, "", "80000.00", "Contribuția parohiei"),
        ),
    ),
    measure(
        "subsidy_diakonia_children",
        S.CONTRACTING,
        (2, 0),
        "Subvenție (Legea nr. 34/1998): Centrul de zi pentru copii Diakonia – Valea Roșie",
        service="Centrul de zi pentru copii Diakonia – Valea Roșie",
        department=CONTRACTING,
        partners=("diakonia",),
        categories=("copii_tineri_risc", "familii_monoparentale_numeroase"),
        zone="Valea Roșie",
        capacity=40,
        beneficiaries=44,
        staff=6,
        indicators=(("Copii sprijiniți în centrul de zi", "copii", 44),),
        budget=(
            (F.LOCAL, "", "384000.00", ""),
            (F.PRIVATE, "", "60000.00", "Fonduri proprii ale fundației"),
        ),
    ),
    measure(
        "subsidy_diakonia_home_care",
        S.CONTRACTING,
        (1, 0),
        "Subvenție (Legea nr. 34/1998): Îngrijire la domiciliu Diakonia",
        service="Îngrijire la domiciliu Diakonia",
        department=CONTRACTING,
        partners=("diakonia",),
        categories=("varstnici", "boli_cronice"),
        zone="Ferneziu",
        capacity=45,
        beneficiaries=50,
        staff=10,
        indicators=(("Vârstnici îngrijiți la domiciliu", "persoane", 50),),
        budget=(
            (F.LOCAL, "", "426000.00", ""),
            (F.CONTRIBUTIONS, "", "38000.00", ""),
            (F.PRIVATE, "", "25000.00", ""),
        ),
    ),
    measure(
        "contract_chronic_care",
        S.CONTRACTING,
        (1, 0),
        "Contractarea îngrijirilor la domiciliu pentru persoane cu boli cronice (Crucea Roșie)",
        service="Îngrijiri la domiciliu pentru persoane cu boli cronice",
        department=CONTRACTING,
        partners=("crucea_rosie",),
        categories=("boli_cronice", "dizabilitati"),
        zone="Republicii",
        capacity=35,
        beneficiaries=40,
        staff=8,
        indicators=(("Persoane cu boli cronice îngrijite la domiciliu", "persoane", 40),),
        budget=(
            (F.LOCAL, "", "264000.00", ""),
            (F.COUNTY, "", "40000.00", "Cofinanțare a Consiliului Județean Maramureș"),
        ),
    ),
    measure(
        "mentoring",
        S.CONTRACTING,
        (0, 1),
        "Subvenție (Legea nr. 34/1998): mentorat cu voluntari pentru tinerii ieșiți din protecție",
        department=CONTRACTING,
        description="Un mentor voluntar pentru fiecare tânăr, cel puțin 12 luni, și educație "
        "financiară în grup.",
        partners=("tinerii",),
        categories=("tineri_iesiti_din_protectie",),
        beneficiaries=30,
        staff=2,
        indicators=(("Tineri însoțiți de un mentor", "tineri", 30),),
        budget=(
            (F.LOCAL, "", "48000.00", ""),
            (F.PRIVATE, "", "15000.00", "Sponsorizare, fundația unei bănci locale"),
        ),
    ),
    measure(
        "health_mediators",
        S.CONTRACTING,
        (2, 1),
        "Mediatori sanitari și comunitari în Craica și Pirita, prin Asociația Romilor Uniți",
        department=COMMUNITY,
        partners=("romi_uniti",),
        categories=("romi",),
        zone="Craica",
        beneficiaries=900,
        staff=3,
        indicators=(
            ("Mediatori angajați permanent", "mediatori", 3),
            ("Copii vaccinați conform calendarului", "%", 80),
        ),
        budget=(
            (F.LOCAL, "", "186000.00", ""),
            (F.STATE, "", "96000.00", "Mediatori sanitari finanțați prin DSP Maramureș"),
        ),
    ),
    measure(
        "papers_and_cadastre",
        S.CONTRACTING,
        (2, 1),
        "Acte de identitate și cadastru gratuit pentru casele din Pirita și Craica",
        department=COMMUNITY,
        months=(3, 11),
        partners=("romi_uniti", "habitat"),
        categories=("romi", "fara_adapost"),
        zone="Pirita",
        beneficiaries=180,
        indicators=(
            ("Persoane sprijinite să obțină acte de identitate", "persoane", 120),
            ("Case intabulate", "case", 60),
        ),
        budget=(
            (F.EU, "PIDS", "210000.00", "Lucrări de cadastru contractate"),
            (F.LOCAL, "", "140000.00", ""),
        ),
    ),
    # 4. Public information activities.
    measure(
        "campaign_not_alone",
        S.INFORMATION,
        (1, 1),
        "Campania „Nu ești singur”: informarea vârstnicilor despre teleasistență și îngrijire",
        department=PUBLIC,
        months=(3, 5),
        partners=("sf_ioan", "crucea_rosie"),
        categories=("varstnici",),
        beneficiaries=3000,
        indicators=(("Pliante distribuite prin medicii de familie și farmacii", "pliante", 3000),),
        budget=(
            (F.LOCAL, "", "24500.00", ""),
            (F.PRIVATE, "", "6000.00", "Sponsorizare, o rețea locală de farmacii"),
        ),
    ),
    measure(
        "rights_caravan",
        S.INFORMATION,
        (2, 1),
        "Caravana drepturilor sociale în Craica și Pirita",
        department=COMMUNITY,
        months=(4, 10),
        description="Zile de informare lunare despre acte, alocații, venitul minim de incluziune "
        "și serviciile sociale, cu lucrători ai DAS și ai Serviciului de evidență a persoanelor.",
        partners=("romi_uniti", "crucea_rosie"),
        categories=("romi",),
        zone="Craica",
        beneficiaries=600,
        indicators=(("Zile de informare ținute", "zile", 7),),
        budget=(
            (F.EU, "PIDS", "18000.00", ""),
            (F.LOCAL, "", "12800.00", ""),
        ),
    ),
    measure(
        "guide_print",
        S.INFORMATION,
        (1, 0),
        "Ghidul serviciilor sociale: ediție tipărită și versiune ușor de citit",
        department=PUBLIC,
        months=(2, 4),
        categories=("varstnici", "dizabilitati"),
        beneficiaries=3000,
        indicators=(("Exemplare tipărite", "exemplare", 3000),),
        budget=((F.LOCAL, "", "16200.00", ""),),
    ),
    measure(
        "youth_information",
        S.INFORMATION,
        (0, 0),
        "Informarea tinerilor din centrele de plasament despre locuințele de tranziție",
        department=CHILDREN,
        months=(5, 6),
        description="Întâlniri în centrele DGASPC Maramureș cu tinerii de 17 și 18 ani.",
        partners=("tinerii",),
        categories=("tineri_iesiti_din_protectie",),
        beneficiaries=45,
        indicators=(("Tineri informați", "tineri", 45),),
        unfunded="Se desfășoară cu personalul DAS și al DGASPC Maramureș, în spațiile "
        "centrelor, fără cheltuieli separate.",
    ),
    measure(
        "domestic_violence_campaign",
        S.INFORMATION,
        (4, 1),
        "Campania „Nu ești vinovată”: linia de urgență și centrul de primire",
        department=PUBLIC,
        months=(11, 12),
        description="Afișe în policlinici, școli și pe mijloacele de transport în comun, în cele "
        "16 zile de activism împotriva violenței de gen.",
        partners=("urgenta",),
        categories=("victime_violenta_domestica",),
        indicators=(("Apeluri la linia de urgență după campanie", "apeluri", 120),),
        budget=(
            (F.LOCAL, "", "9800.00", ""),
            (F.PRIVATE, "", "4000.00", ""),
        ),
    ),
    measure(
        "employers_information",
        S.INFORMATION,
        (3, 1),
        "Întâlniri cu angajatorii despre angajarea asistată a persoanelor cu dizabilități",
        department=DISABILITY,
        months=(9, 10),
        partners=("casa_sperantei",),
        categories=("dizabilitati",),
        indicators=(("Angajatori participanți", "angajatori", 25),),
        budget=((F.LOCAL, "", "7500.00", ""),),
    ),
    # 5. Staff training.
    measure(
        "training_dementia",
        S.TRAINING,
        (1, 0),
        "Formarea îngrijitorilor la domiciliu: îngrijirea persoanelor cu demență",
        department=TRAINING,
        months=(2, 3),
        partners=("alzheimer",),
        staff=24,
        indicators=(("Îngrijitori formați", "persoane", 24),),
        budget=((F.LOCAL, "", "18500.00", "Curs acreditat ANC, 40 de ore"),),
    ),
    measure(
        "training_case_management",
        S.TRAINING,
        (4, 0),
        "Managementul de caz pentru persoanele fără adăpost",
        department=TRAINING,
        months=(4, 4),
        staff=12,
        indicators=(("Asistenți sociali formați", "persoane", 12),),
        budget=((F.LOCAL, "", "14200.00", ""),),
    ),
    measure(
        "training_mediators",
        S.TRAINING,
        (2, 1),
        "Curs de mediator școlar și sanitar pentru patru persoane din comunitățile rome",
        department=TRAINING,
        months=(2, 6),
        partners=("romi_uniti",),
        staff=4,
        indicators=(("Mediatori calificați", "persoane", 4),),
        budget=(
            (F.EU, "PIDS", "22000.00", ""),
            (F.LOCAL, "", "4000.00", ""),
        ),
    ),
    measure(
        "training_trauma",
        S.TRAINING,
        (0, 1),
        "Lucrul cu tinerii care părăsesc sistemul de protecție: abordarea bazată pe traumă",
        department=TRAINING,
        months=(10, 10),
        partners=("tinerii",),
        staff=16,
        indicators=(("Specialiști formați", "persoane", 16),),
        budget=(
            (F.LOCAL, "", "9600.00", ""),
            (F.PRIVATE, "", "3000.00", ""),
        ),
    ),
    measure(
        "training_risk_assessment",
        S.TRAINING,
        (4, 1),
        "Evaluarea riscului în cazurile de violență domestică",
        department=TRAINING,
        months=(11, 11),
        staff=10,
        indicators=(("Specialiști formați", "persoane", 10),),
        budget=(
            (F.STATE, "", "8400.00", "Program de formare ANES"),
            (F.LOCAL, "", "3600.00", ""),
        ),
    ),
]

# The 2027 draft: the 2026 plan copied, with the year's changes.
INDEXATION = Decimal("1.04")  # local-budget lines, by the inflation forecast
SET_UP_IN_2026 = (
    "home_care_villages",
    "telecare",
    "pirita_day_centre",
    "pirita_canteen",
    "women_shelter",
    "second_transition_flat",
)  # running from 2027: they move to the existing services, for the whole year
DROPPED_IN_2027 = ("training_mediators", "guide_print")
CHANGED_IN_2027 = {
    "home_care_sf_ioan": {"capacity": 70, "beneficiaries": 88, "staff": 16},
    "new_protected_house": {
        "months": (3, 12),
        "unfunded": "",
        "status": None,
        "budget": (
            (F.EU, "PNRR C13", "690000.00", "Contract de finanțare semnat în octombrie 2026"),
            (F.LOCAL, "", "84000.00", "Cofinanțare și cheltuieli de funcționare"),
        ),
    },
}
ADDED_IN_2027 = [
    measure(
        "club_valea_rosie",
        S.NEW,
        (1, 1),
        "Centrul de zi și clubul pensionarilor din Valea Roșie",
        code="8810 CZ-V-I",
        name="Centrul de zi pentru vârstnici Valea Roșie",
        department=ELDERLY,
        months=(5, 12),
        description="În parterul fostei centrale termice renovate; program zilnic, cu activități "
        "organizate împreună cu asociația pensionarilor din cartier.",
        partners=("diakonia",),
        categories=("varstnici",),
        zone="Valea Roșie",
        capacity=35,
        beneficiaries=50,
        staff=4,
        indicators=(("Cluburi ale pensionarilor deschise în cartiere", "cluburi", 2),),
        budget=(
            (F.LOCAL, "", "164000.00", ""),
            (F.EU, "PR Nord-Vest", "310000.00", "Renovarea și dotarea spațiului"),
        ),
    ),
    measure(
        "adapted_transport",
        S.CONTRACTING,
        (3, 0),
        "Contractarea serviciului de transport adaptat la cerere",
        department=CONTRACTING,
        description="Două microbuze cu rampă, programare telefonică cu o zi înainte, tarif social.",
        categories=("dizabilitati", "varstnici"),
        beneficiaries=320,
        staff=4,
        indicators=(("Curse de transport adaptat", "curse", 3000),),
        budget=((F.LOCAL, "", "486000.00", "Contract atribuit prin licitație în 2026"),),
    ),
]


def _save(obj, user):
    obj._history_user = user
    obj.save()
    return obj


def _specifics(cycle) -> dict:
    """(strategic position, specific position) → the demo strategy's specific objective."""
    return {
        (s.objective.position, s.position): s
        for s in SpecificObjective.objects.filter(objective__strategy__cycle=cycle).select_related(
            "objective"
        )
    }


def _add_measure(plan, spec, position, refs, staff, *, year_status=None) -> Measure:
    service = refs["services"].get(spec["service"]) if spec["service"] else None
    start, end = spec["months"]
    item = _save(
        Measure(
            plan=plan,
            section=spec["section"],
            specific_objective=refs["specifics"][spec["objective"]],
            title=spec["title"],
            description=spec["description"],
            service=service,
            service_code=service.code if service else spec["code"],
            service_name=service.name if service else spec["name"],
            department=spec["department"],
            zone=refs["zones"].get(spec["zone"]),
            capacity=spec["capacity"],
            beneficiaries=spec["beneficiaries"],
            staff=spec["staff"],
            start_month=start,
            end_month=end,
            status=year_status(spec) if year_status else MeasureStatus.PLANNED,
            unfunded=bool(spec["unfunded"]),
            unfunded_reason=spec["unfunded"],
            position=position,
        ),
        staff,
    )
    if spec["partners"]:
        item.partners.set(refs["organisations"][key] for key in spec["partners"])
    if spec["categories"]:
        item.categories.set(
            refs["categories"][key] for key in spec["categories"] if key in refs["categories"]
        )
    for n, (name, unit, target) in enumerate(spec["indicators"]):
        _save(
            MeasureIndicator(
                measure=item, name=name, unit=unit, target=Decimal(target), position=n
            ),
            staff,
        )
    for source, programme, amount, note in spec["budget"]:
        _save(
            BudgetLine(
                measure=item, source=source, programme=programme, amount=Decimal(amount), note=note
            ),
            staff,
        )
    return item


def _status_in_2026(spec) -> str:
    """Where each 2026 measure stands in late November 2026, as the monitoring would record."""
    if spec["status"]:
        return spec["status"]
    return MeasureStatus.DONE if spec["months"][1] < 11 else MeasureStatus.IN_PROGRESS


def _indexed(amount: str) -> str:
    """A local-budget amount raised by the indexation, rounded to 100 lei."""
    hundreds = (Decimal(amount) * INDEXATION / 100).quantize(Decimal("1"))
    return f"{hundreds * 100}.00"


def _spec_for_2027(spec) -> dict:
    """A 2026 measure as the 2027 draft takes it over: local lines indexed, then the changes."""
    spec = dict(spec, status=None)
    spec["budget"] = tuple(
        (source, programme, _indexed(amount) if source == F.LOCAL else amount, note)
        for source, programme, amount, note in spec["budget"]
    )
    if spec["key"] in SET_UP_IN_2026:
        spec["section"] = S.EXISTING
        spec["months"] = (1, 12)
    spec.update(CHANGED_IN_2027.get(spec["key"], {}))
    return spec


def _references(municipality, cycle) -> dict:
    return {
        "specifics": _specifics(cycle),
        "services": {s.name: s for s in SocialService.objects.filter(municipality=municipality)},
        "organisations": {
            key: municipality.organisations.get(name=name) for key, name in ORGANISATIONS.items()
        },
        "categories": {
            c.key: c for c in BeneficiaryCategory.objects.filter(municipality=municipality)
        },
        "zones": {z.name: z for z in municipality.zones.all()},
    }


def _add_measures(plan, specs, refs, staff, *, year_status=None) -> None:
    order = {key: index for index, key in enumerate(S.values)}
    positions = {}
    for spec in sorted(specs, key=lambda s: order[s["section"]]):
        positions[spec["section"]] = positions.get(spec["section"], 0) + 1
        _add_measure(plan, spec, positions[spec["section"]], refs, staff, year_status=year_status)


STAGE_REASONS = {
    "provider_consultation": "Harta nevoilor a fost publicată; începe consultarea furnizorilor.",
    "objectives": "Runda de consultare s-a închis, iar grupurile de lucru și-au adoptat "
    "propunerile.",
    "public_consultation": "Proiectul strategiei este gata și se supune consultării publice.",
    "action_plan": "Consultarea publică s-a încheiat și fiecare recomandare a primit răspuns; "
    "se lucrează la planurile anuale.",
    "council_approval": "Planul anual 2026 este gata; proiectul de hotărâre privind strategia "
    "și planul se pregătește pentru Consiliul Local.",
    "monitoring": "Consiliul Local a adoptat strategia și planul anual 2026 (HCL nr. 38); "
    "începe monitorizarea implementării.",
}


def _move_to(cycle, staff, key: str) -> None:
    """Record the cycle's way from its current stage to the stage ``key`` (forward only)."""
    target = get_stage(key).index
    while cycle.stage.index < target:
        summary = [
            {"label": str(check.label), "done": result.done, "detail": str(result.detail)}
            for check, result in cycle.stage.run_checks(cycle)
        ]
        from_key, to_key = cycle.active_stage, cycle.stage.next.key
        cycle.active_stage = to_key
        cycle._history_user = staff
        cycle.save(update_fields=["active_stage"])
        StageTransition.objects.create(
            cycle=cycle,
            from_stage=from_key,
            to_stage=to_key,
            direction=StageTransition.Direction.ADVANCE,
            reason=STAGE_REASONS[to_key],
            checks_summary=summary,
            user=staff,
        )


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _moment(days: int, hour: int, minute: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(_day(days), datetime.time(hour, minute)))


def _prepare_decision(cycle, plan, staff, spec, *, kind, version=None) -> DraftDecision:
    """A draft decision as staff prepare it with the services: texts from the templates, the
    referat and the raport registered, the avize recorded."""
    decision = council.create_decision(
        cycle=cycle,
        kind=kind,
        plan=plan,
        strategy_version=version,
        initiator=INITIATOR,
        user=staff,
    )
    decision = council.update_decision(
        decision=decision,
        data={
            **spec["numbers"],
            "referat_date": _day(spec["referat"]),
            "raport_date": _day(spec["raport"]),
        },
        user=staff,
    )
    for body, issuer, number, days in spec["opinions"]:
        council.add_opinion(
            decision=decision,
            data={"body": body, "issuer": issuer, "number": number, "date": _day(days)},
            user=staff,
        )
    return decision


def _submit(decision, plan, staff, spec) -> None:
    """What ``council.submit_decision`` writes, on the day the spec gives (the service stamps
    the moment it runs, and would want the dossier already made: here it is made at commit)."""
    submitted_at = _moment(*spec["submitted"])
    plan.status = ActionPlan.Status.SUBMITTED
    plan.submitted_at = submitted_at
    _save(plan, staff)
    decision.status = DraftDecision.Status.SUBMITTED
    decision.submitted_at = submitted_at
    decision.submitted_by = staff
    _save(decision, staff)


def _adopt(decision, secretary) -> CouncilVote:
    """What ``council.record_vote`` writes for an adopting vote, on the session's day; the
    plan is approved before the dossier is asked for, so that the dossier stays current."""
    values = dict(STRATEGY_VOTE)
    values["decision_date"] = _day(values.pop("days"))
    vote = CouncilVote(decision=decision, recorded_by=secretary, **values)
    vote.adopted = vote.compute_adopted()
    vote.full_clean()
    _save(vote, secretary)
    decision.status = DraftDecision.Status.ADOPTED
    _save(decision, secretary)
    transaction.on_commit(lambda: council.publish_adopted_files(decision.pk))
    return vote


def _approve(plan, secretary) -> None:
    plan.status = ActionPlan.Status.APPROVED
    _save(plan, secretary)


def load_action_plan_demo(municipality, cycle, staff) -> None:
    """The 2026 plan adopted with the strategy, the 2027 plan before the council; the cycle in
    the monitoring stage."""
    if ActionPlan.objects.filter(cycle=cycle).exists():
        return
    refs = _references(municipality, cycle)
    cited = {spec["objective"] for spec in MEASURES + ADDED_IN_2027} | {SKIPPED[0]}
    if not cited <= refs["specifics"].keys():
        return  # the demo strategy is missing: nothing to cite
    version = (
        StrategyVersion.objects.filter(strategy__cycle=cycle).order_by("-number", "-pk").first()
    )
    if version is None:
        return
    secretary = (
        get_user_model()
        .objects.filter(memberships__municipality=municipality, memberships__role="secretary")
        .order_by("pk")
        .first()
    ) or staff

    plan = _save(
        ActionPlan(
            municipality=municipality,
            cycle=cycle,
            year=PLAN_YEAR,
            introduction=INTRODUCTION.format(year=PLAN_YEAR),
            local_budget_allocated=LOCAL_ALLOCATED[PLAN_YEAR],
            created_by=staff,
        ),
        staff,
    )
    _add_measures(plan, MEASURES, refs, staff, year_status=_status_in_2026)
    skipped_objective, reason = SKIPPED
    _save(
        ObjectiveSkipped(
            plan=plan, specific_objective=refs["specifics"][skipped_objective], reason=reason
        ),
        staff,
    )

    # The strategy (annex 1) and the 2026 plan (annex 2) before the council, adopted.
    _move_to(cycle, staff, "council_approval")
    adopted = _prepare_decision(
        cycle, plan, staff, STRATEGY_DECISION, kind=DecisionKind.STRATEGY, version=version
    )
    _submit(adopted, plan, staff, STRATEGY_DECISION)
    _approve(plan, secretary)
    dossier.request_dossier(decision=adopted, user=staff)
    _adopt(adopted, secretary)
    _move_to(cycle, staff, "monitoring")

    # The 2027 plan, copied from 2026, before the council with the county's aviz consultativ.
    draft = _save(
        ActionPlan(
            municipality=municipality,
            cycle=cycle,
            year=NEXT_YEAR,
            introduction=INTRODUCTION.format(year=NEXT_YEAR),
            local_budget_allocated=LOCAL_ALLOCATED[NEXT_YEAR],
            copied_from=plan,
            created_by=staff,
        ),
        staff,
    )
    specs = [_spec_for_2027(s) for s in MEASURES if s["key"] not in DROPPED_IN_2027]
    _add_measures(draft, specs + ADDED_IN_2027, refs, staff)
    waiting = _prepare_decision(cycle, draft, staff, PLAN_DECISION, kind=DecisionKind.PLAN)
    _submit(waiting, draft, staff, PLAN_DECISION)
    dossier.request_dossier(decision=waiting, user=staff)
