"""SPIRAL demo data for the demo municipality: sessions of several groups, realistic statements.

The statements are written as facilitators transcribe post-its: short, one idea each, no names.
"""

import datetime

from beneficiaries.models import BeneficiaryCategory, Question, SpiralSession, Statement
from beneficiaries.services import ensure_default_categories

W, ILL, D, T = Question.WELLBEING, Question.ILLBEING, Question.WHAT_I_DO, Question.TOGETHER

SESSIONS = [
    {
        "category": "varstnici",
        "group_name": "Vârstnici – Cartier Ferneziu",
        "zone": "Ferneziu",
        "date": datetime.date(2026, 2, 10),
        "place": "Clubul pensionarilor Ferneziu",
        "women": 6,
        "men": 3,
        "ages": (0, 0, 1, 8),
        "statements": {
            W: [
                "Să am pensia la timp și să-mi ajungă de medicamente",
                "Vecinii care mă întreabă dacă am nevoie de ceva",
                "Să pot merge singură la piață",
                "Clubul unde ne întâlnim marțea",
                "Să mă viziteze nepoții",
                "Liniștea din cartier seara",
                "Un medic de familie care are timp să mă asculte",
                "Căldura în apartament iarna",
            ],
            ILL: [
                "Singurătatea, mai ales duminica",
                "Frigul din casă când nu pot plăti întreținerea",
                "Scările blocului fără lift",
                "Cozile la policlinică",
                "Frica să nu cad și să nu mă găsească nimeni",
                "Prețul medicamentelor compensate",
                "Autobuzul care nu mai vine în cartier după ora 20",
                "Că nu știu cui să mă adresez la primărie",
            ],
            D: [
                "Îmi ajut vecina de la etajul doi cu cumpărăturile",
                "Merg la club și îi chem și pe alții",
                "Țin legătura la telefon cu prietenele",
                "Am grijă de florile din fața blocului",
            ],
            T: [
                "Un serviciu de îngrijire la domiciliu pentru cei singuri",
                "Un buton de alarmă pentru vârstnicii care locuiesc singuri",
                "Transport pentru vârstnici la policlinică",
                "Voluntari tineri care să ne învețe să folosim telefonul",
            ],
        },
    },
    {
        "category": "romi",
        "group_name": "Familii rome – Craica",
        "zone": "Craica",
        "date": datetime.date(2026, 2, 17),
        "place": "Școala Gimnazială din Craica",
        "women": 5,
        "men": 4,
        "ages": (0, 4, 5, 0),
        "statements": {
            W: [
                "Să avem acte pentru casă",
                "Copiii să meargă la școală în fiecare zi",
                "Un loc de muncă cu carte de muncă",
                "Apă curentă în casă",
                "Să fim tratați cu respect la ghișeu",
                "Familia unită",
            ],
            ILL: [
                "Casele fără curent și fără apă",
                "Noroiul de pe drum când plouă",
                "Discriminarea când căutăm de lucru",
                "Copiii care abandonează școala ca să muncească",
                "Frica de evacuare",
                "Gunoiul care nu e ridicat",
                "Bolile copiilor iarna",
                "Nu avem bani de rechizite",
            ],
            D: [
                "Îi duc pe copii la școală dimineața",
                "Lucrez cu ziua când găsesc",
                "Ajut vecinii să completeze cereri",
            ],
            T: [
                "Un mediator sanitar și unul școlar în comunitate",
                "Program de after-school cu masă caldă",
                "Ajutor pentru întocmirea actelor de proprietate",
                "Cursuri de calificare plătite pentru adulți",
                "Asfaltarea drumului și iluminat public",
            ],
        },
    },
    {
        "category": "dizabilitati",
        "group_name": "Persoane cu dizabilități – Centrul Vechi",
        "zone": "Centrul Vechi",
        "date": datetime.date(2026, 2, 24),
        "place": "Sediul Asociației Casa Speranței",
        "women": 4,
        "men": 5,
        "ages": (0, 3, 5, 1),
        "statements": {
            W: [
                "Să pot intra singur în clădiri",
                "Un asistent personal de încredere",
                "Să lucrez și să câștig banii mei",
                "Prietenii din centrul de zi",
                "Să fiu ascultat când decid pentru viața mea",
            ],
            ILL: [
                "Bordurile înalte și trotuarele ocupate de mașini",
                "Autobuzele fără rampă",
                "Evaluarea pentru certificat care durează luni de zile",
                "Angajatorii care nu vor să ne angajeze",
                "Dependența de alții pentru orice drum",
                "Izolarea în casă iarna",
            ],
            D: [
                "Merg la centrul de zi de trei ori pe săptămână",
                "Fac voluntariat la asociație",
                "Îi învăț pe alții să folosească scaunul rulant",
            ],
            T: [
                "Locuințe protejate pentru viață independentă",
                "Un atelier protejat sau o întreprindere socială",
                "Audit de accesibilitate pentru clădirile publice",
                "Transport adaptat la cerere",
            ],
        },
    },
    {
        "category": "tineri_iesiti_din_protectie",
        "group_name": "Tineri ieșiți din sistemul de protecție",
        "zone": "Republicii",
        "date": datetime.date(2026, 3, 3),
        "place": "Casa de tip familial Republicii",
        "women": 4,
        "men": 4,
        "ages": (2, 6, 0, 0),
        "statements": {
            W: [
                "Să am camera mea și cheia mea",
                "Un loc de muncă stabil",
                "Un adult la care să pot apela",
                "Să termin liceul",
                "Prietenii cu care am crescut",
            ],
            ILL: [
                "La 18 ani trebuie să pleci și nu ai unde",
                "Chiria care ia tot salariul",
                "Nu știu să gestionez banii",
                "Singurătatea după ce pleci din casă",
                "Angajatorii care se uită urât când afli că ai stat în centru",
            ],
            D: ["Lucrez part-time la un magazin", "Economisesc pentru garanția la chirie"],
            T: [
                "Apartamente de tranziție pentru tinerii care ies din sistem",
                "Un mentor pentru fiecare tânăr în primul an",
                "Cursuri de educație financiară și gătit",
                "Parteneriat cu firme locale pentru primul loc de muncă",
            ],
        },
    },
    {
        "category": "fara_adapost",
        "group_name": "Persoane fără adăpost – Centrul social de urgență",
        "zone": "Gării",
        "date": datetime.date(2026, 3, 5),
        "place": "Centrul Social de Urgență",
        "women": 2,
        "men": 7,
        "ages": (0, 1, 7, 1),
        "statements": {
            W: [
                "Un pat cald și un duș",
                "Să am buletin",
                "O masă caldă pe zi",
                "Să nu fiu alungat din gară",
            ],
            ILL: [
                "Nopțile de iarnă pe stradă",
                "Fără acte nu primești nimic",
                "Alcoolul care te ține pe loc",
                "Bolile netratate",
                "Oamenii care se uită prin tine",
            ],
            D: ["Adun fier vechi ca să am bani de mâncare", "Dorm la adăpost cât sunt locuri"],
            T: [
                "Mai multe locuri în adăpostul de noapte iarna",
                "Ajutor pentru refacerea actelor de identitate",
                "Echipă mobilă de stradă cu asistent social și medic",
                "Locuințe sociale cu sprijin",
            ],
        },
    },
    {
        "category": "familii_monoparentale_numeroase",
        "group_name": "Mame singure – Valea Roșie",
        "zone": "Valea Roșie",
        "date": datetime.date(2026, 3, 10),
        "place": "Grădinița nr. 14",
        "women": 9,
        "men": 0,
        "ages": (0, 5, 4, 0),
        "statements": {
            W: [
                "Locuri la creșă aproape de casă",
                "Copiii sănătoși",
                "Un program de lucru flexibil",
                "Ajutorul bunicilor",
            ],
            ILL: [
                "Nu găsesc loc la creșă",
                "Pensia de întreținere care nu vine",
                "Oboseala, nu am timp pentru mine",
                "Chiria mare pentru un salariu",
                "Birocrația pentru alocație",
            ],
            D: ["Mă înțeleg cu alte mame să ținem copiii pe rând", "Fac cursuri online seara"],
            T: [
                "Creșă cu program prelungit",
                "Grup de sprijin pentru părinți singuri",
                "Consiliere juridică gratuită pentru pensia de întreținere",
            ],
        },
    },
]


def load_spiral_demo(municipality, cycle, facilitators) -> None:
    """Create the demo sessions and their statements once (a second run changes nothing)."""
    from beneficiaries.models import SpiralDimension, SpiralFamily
    from beneficiaries.reference_data import load_reference_data

    if not SpiralDimension.objects.exists():  # e.g. after a test database flush
        load_reference_data(SpiralFamily, SpiralDimension)
    ensure_default_categories(municipality)
    categories = {c.key: c for c in BeneficiaryCategory.objects.filter(municipality=municipality)}
    zones = {z.name: z for z in municipality.zones.all()}
    from beneficiaries.demo_more import MORE_SESSIONS

    for spec in [*SESSIONS, *MORE_SESSIONS]:
        under_18, a18, a35, a65 = spec["ages"]
        session, created = SpiralSession.objects.get_or_create(
            municipality=municipality,
            cycle=cycle,
            group_name=spec["group_name"],
            defaults={
                "category": categories[spec["category"]],
                "zone": zones.get(spec["zone"]),
                "date": spec["date"],
                "place": spec["place"],
                "women": spec["women"],
                "men": spec["men"],
                "age_under_18": under_18,
                "age_18_34": a18,
                "age_35_64": a35,
                "age_65_plus": a65,
                "consent_recorded": True,
            },
        )
        if not created:
            continue
        session.facilitators.set(facilitators)
        Statement.objects.bulk_create(
            Statement(
                municipality=municipality,
                session=session,
                question=question,
                text=text if isinstance(text, str) else text[0],
                created_by=facilitators[0],
            )
            for question, texts in spec["statements"].items()
            for text in texts
        )


# The demo staff's coding, written as rules over the demo statements (first match wins).
CODING_RULES = [
    (("pensi", "bani", "salariu", "economisesc", "fier vechi", "alocați"), "A08"),
    (("mâncare", "masă caldă", "cantin"), "A01"),
    (("medic", "medicament", "policlinic", "boli", "sănătoș", "mediator sanitar"), "A02"),
    (
        (
            "casă",
            "apartament",
            "chiri",
            "locuinț",
            "camera",
            "întreținer",
            "acte pentru casă",
            "pat cald",
            "adăpost",
            "evacuare",
            "curent",
            "apă curentă",
            "frig",
        ),
        "A03",
    ),
    (("școal", "liceul", "curs", "after-school", "rechizite", "învețe", "educație"), "A05"),
    (("muncă", "angaja", "lucrez", "lucru", "atelier", "întreprindere"), "A06"),
    (("stradă", "gară", "nu ai unde"), "A03"),
    (("accesibilitate", "intra singur"), "B06"),
    (("adult la care",), "D00"),
    (("scaunul rulant",), "H03"),
    (("club", "parc", "flori"), "A07"),
    (("îngrijire", "asistent personal", "centrul de zi", "ajutor pentru", "creș"), "A09"),
    (("autobuz", "transport", "drum", "trotuar", "bordur", "rampă", "scări", "lift"), "A10"),
    (("cui să mă adresez", "birocrați", "ghișeu", "evaluarea", "consiliere juridică"), "C03"),
    (("buletin", "acte de identitate", "fără acte"), "C01"),
    (("vecin", "vecinei"), "D04"),
    (("nepoți", "familia", "bunicilor", "copiii"), "D02"),
    (("prieten",), "D03"),
    (("buton de alarmă",), "G02"),
    (("singurătat", "izolare", "singur"), "D00"),
    (("frica", "frică", "teamă"), "G02"),
    (("discrimin", "respect", "se uită", "ascultat"), "H01"),
    (("voluntar", "ajut", "grijă", "țin legătura", "mentor", "grup de sprijin"), "H03"),
    (("liniște", "oboseala", "timp pentru mine"), "F05"),
    (("alcool",), "F01"),
    (("gunoi", "noroi", "iluminat"), "B02"),
]


def demo_code(text: str) -> str:
    from beneficiaries.demo_more import MORE_CODES

    if text in MORE_CODES:
        return MORE_CODES[text]
    lowered = text.lower()
    for needles, code in CODING_RULES:
        if any(needle in lowered for needle in needles):
            return code
    return "A00"


def code_and_publish_demo(municipality, cycle, coder) -> None:
    """Code every demo statement once and publish the map of needs if it never was."""
    from beneficiaries.models import (
        CodingRound,
        MapLevel,
        NeedsAnalysis,
        SpiralDimension,
        StatementCode,
    )
    from beneficiaries.services import publish_analysis

    dimensions = {d.code: d for d in SpiralDimension.objects.all()}
    uncoded = Statement.objects.filter(session__cycle=cycle).exclude(
        codes__round=CodingRound.PRIMARY
    )
    StatementCode.objects.bulk_create(
        StatementCode(statement=s, dimension=dimensions[demo_code(s.text)], coder=coder)
        for s in uncoded
    )
    used = set(SpiralSession.objects.filter(cycle=cycle).values_list("category__key", flat=True))
    BeneficiaryCategory.objects.filter(municipality=municipality).exclude(key__in=used).update(
        selected=False
    )
    if not NeedsAnalysis.objects.filter(cycle=cycle).exists():
        # About 25 statements per group: only well-being and ill-being together reach 5 per cell.
        publish_analysis(cycle=cycle, user=coder, level=MapLevel.COMBINED)
    from beneficiaries.models import CodingModelRecord
    from beneficiaries.tasks import train_coding_model

    if not CodingModelRecord.objects.filter(municipality=municipality).exists():
        train_coding_model(municipality.pk)
