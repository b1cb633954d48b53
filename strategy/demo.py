"""Demo of the strategy stage (Baia Mare): a full draft drawn from the map of needs and the
providers' input, two published versions and a closed public consultation on the first one.

Loaded once: when the demo cycle already has a strategy, nothing is written (a second run of
``load_demo`` changes nothing, not even the history).
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from beneficiaries.models import CodingRound, SpiralDimension, SpiralSession, Statement
from consultations.demo import QUESTIONS, ROUND_TITLE
from consultations.models import Answer, GroupProposal, RoundResponse, WorkingGroup
from core.models import Membership, Role
from strategy.document import labels, snapshot
from strategy.law52 import statutory_dates
from strategy.models import (
    Comment,
    Debate,
    DebateRequest,
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

TITLE = "Strategia de dezvoltare a serviciilor sociale a Municipiului Baia Mare 2026–2030"
Y = Indicator.Frequency
PublicKind = Membership.PublicKind

CONTEXT = """
<p>Municipiul Baia Mare are aproximativ 120.000 de locuitori, dintre care peste 22.000 au 65 de ani
sau mai mult. În ultimii zece ani populația a îmbătrânit, iar o parte dintre tineri au plecat la
muncă în străinătate, lăsând în urmă vârstnici singuri și copii în grija bunicilor.</p>
<p>Direcția de Asistență Socială (DAS) administrează serviciile publice de asistență socială și
colaborează cu 12 furnizori acreditați: asociații, fundații, unități de cult și o firmă privată.
Împreună, aceștia oferă 19 servicii licențiate, de la îngrijire la domiciliu și centre de zi până
la adăpostul de noapte și locuințele protejate.</p>
<p>Strategia răspunde obligațiilor din:</p>
<ul>
<li>Legea asistenței sociale nr. 292/2011, care cere fiecărei autorități locale o strategie de
dezvoltare a serviciilor sociale pe termen mediu și planuri anuale de acțiune;</li>
<li>Legea nr. 52/2003 privind transparența decizională, potrivit căreia proiectul este supus
consultării publice înainte de a fi adoptat de Consiliul Local;</li>
<li>Strategia națională privind incluziunea socială și reducerea sărăciei și Strategia județeană
de dezvoltare a serviciilor sociale Maramureș.</li>
</ul>
"""

CONTEXT_V2_ADDITION = """
<p>Obiectivele privind persoanele cu dizabilități urmează Legea nr. 448/2006 privind protecția și
promovarea drepturilor persoanelor cu handicap și Convenția ONU privind drepturile persoanelor cu
dizabilități, ratificată prin Legea nr. 221/2010.</p>
"""

DIAGNOSIS = """
<p>Diagnoza pornește de la harta nevoilor construită în 2026 prin metoda SPIRAL, împreună cu
beneficiarii înșiși: {sessions} de grupuri de beneficiari, {participants} de participanți și
{statements} de criterii de bunăstare și de stare de rău, fiecare codificat pe dimensiunile
SPIRAL.</p>
<p>Cele mai frecvente dimensiuni ale stării de rău sunt:</p>
<ul>
<li><strong>Locuința</strong> – tinerii care ies din sistemul de protecție, familiile rome din
Craica și Pirita, persoanele fără adăpost și victimele violenței domestice nu au unde locui în
siguranță;</li>
<li><strong>Veniturile</strong> – chiria ia tot salariul, iar pensiile mici nu acoperă facturile și
medicamentele;</li>
<li><strong>Transportul și mobilitatea</strong> – autobuze fără rampă, cartiere și sate fără
transport seara, trotuare ocupate;</li>
<li><strong>Îngrijirile de sănătate</strong> și <strong>teama</strong> vârstnicilor singuri că nu
vor fi găsiți dacă pățesc ceva.</li>
</ul>
<p>Furnizorii au confirmat aceste nevoi în consultarea din 2026 ({responses} de răspunsuri
transmise): listele de așteptare depășesc 20 de persoane la centrul de zi pentru persoane cu
dizabilități, 40 de persoane la îngrijirea la domiciliu și 15 tineri la apartamentele de tranziție.
Cele {groups} grupuri de lucru au adoptat propuneri pentru tineri și pentru vârstnici, citate la
obiectivele respective.</p>
"""

VISION = """
<p><strong>Viziune:</strong> în 2030, orice locuitor al Municipiului Baia Mare care trece printr-o
situație de vulnerabilitate găsește aproape de casă un serviciu social care îl ascultă, îl sprijină
și îl ajută să trăiască independent.</p>
<p>Valorile care ne ghidează:</p>
<ul>
<li><strong>Demnitate și respect</strong> pentru fiecare beneficiar;</li>
<li><strong>Participare</strong> – beneficiarii și furnizorii decid împreună cu noi;</li>
<li><strong>Proximitate</strong> – serviciile merg acolo unde sunt oamenii;</li>
<li><strong>Parteneriat</strong> între Primărie, furnizori și comunitate;</li>
<li><strong>Transparență</strong> în folosirea banului public.</li>
</ul>
"""

IMPLEMENTATION = """
<p>Strategia se pune în aplicare prin planuri anuale de acțiune, aprobate de Consiliul Local odată
cu bugetul, care stabilesc pentru fiecare măsură responsabilul, partenerii, calendarul și sursele de
finanțare (buget local, buget de stat, fonduri europene, contribuții).</p>
<p>Monitorizarea este făcută de Compartimentul strategii și programe al DAS, pe baza indicatorilor
din fiecare obiectiv specific. Valorile se colectează cu frecvența stabilită pentru fiecare
indicator și se publică anual.</p>
<ul>
<li>raport anual de monitorizare, în primul trimestru al anului următor;</li>
<li>evaluare intermediară în 2028, cu revizuirea obiectivelor dacă este nevoie;</li>
<li>evaluare finală în 2030, care pregătește strategia următoare.</li>
</ul>
"""

IMPLEMENTATION_V2_ADDITION = """
<p>Raportul anual de monitorizare este prezentat în plenul Consiliului Local și discutat cu
furnizorii și cu reprezentanții beneficiarilor într-o întâlnire publică.</p>
"""

SECTIONS = [
    (Section.Kind.CONTEXT, "Context", CONTEXT),
    (Section.Kind.DIAGNOSIS, "Diagnoză", DIAGNOSIS),
    (Section.Kind.VISION, "Viziune și valori", VISION),
    (Section.Kind.IMPLEMENTATION, "Implementare și monitorizare", IMPLEMENTATION),
]

GUIDELINES = [
    (
        "Locuire sigură și viață independentă",
        "Nicio persoană vulnerabilă nu rămâne fără un acoperiș și fără sprijinul de care are "
        "nevoie ca să trăiască pe cont propriu.",
    ),
    (
        "Îngrijire și servicii de proximitate",
        "Serviciile ajung la domiciliu și în cartiere, aproape de vârstnici și de persoanele cu "
        "dizabilități.",
    ),
    (
        "Incluziune și acces egal la servicii",
        "Comunitățile marginalizate au acces la acte, școală și sănătate la fel ca ceilalți "
        "locuitori.",
    ),
]


def _ind(name, unit, baseline, target, source, frequency, measured_by):
    return {
        "name": name,
        "unit": unit,
        "baseline": None if baseline is None else Decimal(baseline),
        "baseline_year": None if baseline is None else 2025,
        "target": Decimal(target),
        "target_year": 2030,
        "source": source,
        "frequency": frequency,
        "measured_by": measured_by,
    }


DAS_STRATEGY = "DAS – Compartimentul strategii și programe"
DAS_REGISTER = "Registrul serviciilor sociale al DAS"

# Each objective: guideline index, title, description, SPIRAL codes, statements cited (texts from
# the demo sessions), round answers cited (organisation, question key), adopted proposals cited
# (titles), specific objectives with their indicators.
OBJECTIVES = [
    {
        "guideline": 0,
        "title": "Tinerii care părăsesc sistemul de protecție trăiesc independent, într-o locuință "
        "sigură",
        "description": (
            "La 18 ani (sau la 26, dacă își continuă studiile) tinerii ies din centrele de "
            "plasament și din casele de tip familial fără o locuință, fără un venit stabil și "
            "fără un adult de încredere. Locuința și venitul sunt cele mai frecvente stări de rău "
            "spuse de acest grup în sesiunea SPIRAL."
        ),
        "dimensions": ["A03", "A08", "A06", "D00"],
        "statements": [
            "La 18 ani trebuie să pleci și nu ai unde",
            "Chiria care ia tot salariul",
            "Singurătatea după ce pleci din casă",
            "Angajatorii care se uită urât când afli că ai stat în centru",
            "Apartamente de tranziție pentru tinerii care ies din sistem",
            "Un adult la care să pot apela",
        ],
        "answers": [
            ("Asociația Tinerii din Centre – Maramureș", "needs"),
            ("Asociația Tinerii din Centre – Maramureș", "proposals"),
        ],
        "proposals": [
            "Locuințe sociale rezervate pentru tinerii care părăsesc sistemul de protecție",
            "Program de mentorat cu voluntari pentru tinerii ieșiți din protecție",
        ],
        "specific": [
            (
                "Creșterea numărului de locuri în locuințe de tranziție și în locuințe sociale "
                "pentru tinerii care părăsesc sistemul de protecție",
                "Apartamente de tranziție noi și cel puțin cinci locuințe sociale rezervate anual, "
                "cu contract pe trei ani.",
                [
                    _ind(
                        "Locuri în apartamente de tranziție pentru tineri",
                        "locuri",
                        "8",
                        "20",
                        DAS_REGISTER,
                        Y.YEARLY,
                        DAS_STRATEGY,
                    ),
                    _ind(
                        "Locuințe sociale repartizate anual tinerilor ieșiți din protecție",
                        "locuințe/an",
                        "0",
                        "5",
                        "Hotărârile Consiliului Local privind repartizarea locuințelor sociale",
                        Y.YEARLY,
                        "Direcția Patrimoniu, împreună cu DAS",
                    ),
                ],
            ),
            (
                "Însoțirea fiecărui tânăr în primul an de viață independentă",
                "Mentorat cu voluntari, educație financiară și parteneriate cu angajatori locali "
                "pentru primul loc de muncă.",
                [
                    _ind(
                        "Tineri însoțiți de un mentor cel puțin 12 luni",
                        "tineri",
                        "0",
                        "60",
                        "Rapoartele de activitate ale furnizorilor",
                        Y.HALF_YEARLY,
                        "DAS – Serviciul de asistență socială comunitară",
                    ),
                    _ind(
                        "Tineri ieșiți din protecție care au un loc de muncă după 12 luni",
                        "%",
                        "35",
                        "60",
                        "Ancheta anuală DAS și DGASPC Maramureș",
                        Y.YEARLY,
                        "DGASPC Maramureș și DAS",
                    ),
                ],
            ),
        ],
    },
    {
        "guideline": 1,
        "title": "Vârstnicii îmbătrânesc în siguranță acasă, îngrijiți și nu singuri",
        "description": (
            "Vârstnicii care locuiesc singuri se tem că nu vor fi găsiți dacă pățesc ceva și "
            "suferă de singurătate. Îngrijirea la domiciliu acoperă aproximativ 140 de persoane, "
            "iar pe listele de așteptare sunt peste 40."
        ),
        "dimensions": ["A09", "G02", "D00", "A10"],
        "statements": [
            "Frica să nu cad și să nu mă găsească nimeni",
            "Singurătatea, mai ales duminica",
            "Zilele în care nu schimb o vorbă cu nimeni",
            "Autobuzul care nu mai vine în cartier după ora 20",
            "Un serviciu de îngrijire la domiciliu pentru cei singuri",
            "Un buton de alarmă pentru vârstnicii care locuiesc singuri",
        ],
        "answers": [
            ("Fundația Sfântul Ioan – Centrul de zi pentru vârstnici", "needs"),
            ("Fundația Sfântul Ioan – Centrul de zi pentru vârstnici", "proposals"),
            ("Îngrijire Acasă SRL", "needs"),
        ],
        "proposals": ["Serviciu municipal de teleasistență pentru vârstnicii singuri"],
        "specific": [
            (
                "Extinderea îngrijirii la domiciliu în toate cartierele",
                "Cumpărarea de servicii de la furnizorii acreditați, cu un standard de cost "
                "actualizat și o contribuție a beneficiarului după venit.",
                [
                    _ind(
                        "Persoane vârstnice care primesc îngrijire la domiciliu",
                        "persoane",
                        "140",
                        "220",
                        "Evidența serviciilor contractate de DAS",
                        Y.QUARTERLY,
                        "DAS – Compartimentul servicii pentru vârstnici",
                    ),
                    _ind(
                        "Timpul mediu de așteptare pentru îngrijire la domiciliu",
                        "zile",
                        "90",
                        "30",
                        "Registrul de cereri al DAS",
                        Y.HALF_YEARLY,
                        "DAS – Compartimentul servicii pentru vârstnici",
                    ),
                ],
            ),
            (
                "Un serviciu municipal de teleasistență și locuri de întâlnire în cartiere",
                "Buton de urgență legat de un dispecerat, cu intervenție la domiciliu în cel mult "
                "o oră, și cluburi ale pensionarilor în cartierele care nu au.",
                [
                    _ind(
                        "Vârstnici singuri conectați la serviciul de teleasistență",
                        "persoane",
                        "0",
                        "300",
                        "Raportul dispeceratului de teleasistență",
                        Y.QUARTERLY,
                        "Furnizorul serviciului de teleasistență",
                    ),
                    _ind(
                        "Cluburi ale pensionarilor deschise în cartiere",
                        "cluburi",
                        "1",
                        "4",
                        DAS_REGISTER,
                        Y.YEARLY,
                        DAS_STRATEGY,
                    ),
                ],
            ),
        ],
    },
    {
        "guideline": 2,
        "title": "Comunitățile rome din Craica și Pirita au locuințe sigure, acte și acces la "
        "școală și sănătate",
        "description": (
            "În Craica și Pirita casele nu au acte, curent sau apă, copiii abandonează școala, iar "
            "oamenii nu știu ce drepturi au. Locuința este dimensiunea cea mai des numită de acest "
            "grup."
        ),
        "dimensions": ["A03", "B02", "A05", "A02", "C01"],
        "statements": [
            "Casele fără curent și fără apă",
            "N-avem autorizație și oricând ne pot dărâma casa",
            "Fântâna e departe și apa nu e bună de băut",
            "Copiii care abandonează școala ca să muncească",
            "Bolile copiilor iarna",
            "Un mediator sanitar și unul școlar în comunitate",
        ],
        "answers": [
            ("Asociația Romilor Uniți Baia Mare", "needs"),
            ("Asociația Romilor Uniți Baia Mare", "proposals"),
        ],
        "proposals": [],
        "specific": [
            (
                "Reducerea abandonului școlar prin after-school și mediere școlară",
                "Locuri noi în programele after-school cu masă caldă și mediatori școlari "
                "angajați permanent.",
                [
                    _ind(
                        "Rata abandonului școlar în școlile din Craica și Pirita",
                        "%",
                        "18",
                        "8",
                        "Inspectoratul Școlar Județean Maramureș",
                        Y.YEARLY,
                        "DAS, împreună cu ISJ Maramureș",
                    ),
                    _ind(
                        "Copii în programe after-school cu masă caldă",
                        "copii",
                        "85",
                        "160",
                        "Rapoartele de activitate ale furnizorilor",
                        Y.HALF_YEARLY,
                        DAS_STRATEGY,
                    ),
                ],
            ),
            (
                "Mediere sanitară și sprijin pentru acte de identitate și de proprietate",
                "Mediatori sanitari în fiecare comunitate și cadastru gratuit pentru casele din "
                "Pirita și Craica.",
                [
                    _ind(
                        "Mediatori sanitari și comunitari angajați permanent",
                        "mediatori",
                        "1",
                        "4",
                        "Statul de funcții al DAS",
                        Y.YEARLY,
                        "DAS – Resurse umane",
                    ),
                    _ind(
                        "Persoane sprijinite să obțină acte de identitate sau de proprietate",
                        "persoane",
                        "0",
                        "400",
                        "Evidența DAS și a Serviciului de evidență a persoanelor",
                        Y.HALF_YEARLY,
                        "DAS – Serviciul de asistență socială comunitară",
                    ),
                ],
            ),
        ],
    },
    {
        "guideline": 1,
        "title": "Persoanele cu dizabilități trăiesc independent și se deplasează fără bariere",
        "description": (
            "Autobuzele fără rampă, trotuarele ocupate și lipsa transportului adaptat îi fac pe "
            "oameni dependenți de alții pentru orice drum. Lipsesc locuințele protejate pentru "
            "adulții care nu mai pot locui cu părinții în vârstă."
        ),
        "dimensions": ["A10", "A03", "A06", "C03"],
        "statements": [
            "Autobuzele fără rampă",
            "Bordurile înalte și trotuarele ocupate de mașini",
            "Dependența de alții pentru orice drum",
            "Angajatorii care nu vor să ne angajeze",
            "Evaluarea pentru certificat care durează luni de zile",
            "Locuințe protejate pentru viață independentă",
        ],
        "answers": [
            ("Asociația Casa Speranței Maramureș", "needs"),
            ("Asociația Casa Speranței Maramureș", "proposals"),
        ],
        "proposals": [],
        "specific": [
            (
                "Transport adaptat la cerere și accesibilizarea clădirilor publice",
                "Un serviciu de transport adaptat contractat de Primărie și un audit de "
                "accesibilitate al clădirilor publice.",
                [
                    _ind(
                        "Curse de transport adaptat efectuate într-un an",
                        "curse/an",
                        "0",
                        "6000",
                        "Raportul operatorului de transport adaptat",
                        Y.QUARTERLY,
                        "DAS și Direcția Tehnică",
                    ),
                    _ind(
                        "Clădiri publice auditate și accesibilizate",
                        "clădiri",
                        "3",
                        "25",
                        "Rapoartele de audit de accesibilitate",
                        Y.YEARLY,
                        "Direcția Tehnică a Primăriei",
                    ),
                ],
            ),
            (
                "Locuințe protejate și angajare asistată",
                "Locuințe protejate noi și un program de angajare asistată împreună cu "
                "întreprinderile sociale din județ.",
                [
                    _ind(
                        "Locuri în locuințe protejate pentru adulți cu dizabilități",
                        "locuri",
                        "8",
                        "16",
                        DAS_REGISTER,
                        Y.YEARLY,
                        DAS_STRATEGY,
                    ),
                    _ind(
                        "Persoane cu dizabilități angajate prin angajare asistată",
                        "persoane",
                        "12",
                        "40",
                        "AJOFM Maramureș și rapoartele furnizorilor",
                        Y.YEARLY,
                        "DAS, împreună cu AJOFM Maramureș",
                    ),
                ],
            ),
        ],
    },
    {
        "guideline": 0,
        "title": "Nicio persoană nu rămâne pe stradă: de la adăpostul de urgență la o locuință",
        "description": (
            "Adăpostul de noapte este plin din noiembrie până în martie; persoanele fără acte nu "
            "primesc niciun ajutor, iar victimele violenței domestice rămân în centrul de urgență "
            "peste termen pentru că nu au unde merge."
        ),
        "dimensions": ["A03", "C01", "A02"],
        "statements": [
            "Nopțile de iarnă pe stradă",
            "Fără acte nu primești nimic",
            "Bolile netratate",
            "Locuințe sociale cu sprijin",
            "Nu am unde să merg cu trei copii când se termină perioada la centru",
        ],
        "answers": [
            ("Centrul Social de Urgență (DAS)", "needs"),
            ("Centrul Social de Urgență (DAS)", "proposals"),
        ],
        "proposals": [],
        "specific": [
            (
                "Echipă mobilă de stradă și servicii de zi pentru persoanele fără adăpost",
                "O echipă cu asistent social și medic care lucrează pe stradă tot anul și un "
                "centru de zi lângă adăpostul de noapte.",
                [
                    _ind(
                        "Persoane fără adăpost incluse într-un plan de intervenție",
                        "persoane/an",
                        "60",
                        "150",
                        "Fișele echipei mobile",
                        Y.QUARTERLY,
                        "Centrul Social de Urgență (DAS)",
                    ),
                    _ind(
                        "Persoane fără adăpost sprijinite să-și refacă actele de identitate",
                        "persoane/an",
                        "15",
                        "50",
                        "Evidența Centrului Social de Urgență",
                        Y.YEARLY,
                        "Centrul Social de Urgență (DAS)",
                    ),
                ],
            ),
            (
                "Locuințe de tranziție pentru persoanele fără adăpost și pentru victimele "
                "violenței domestice",
                "Apartamente din fondul locativ al Primăriei, cu însoțire socială.",
                [
                    _ind(
                        "Apartamente de tranziție în fondul locativ al Primăriei",
                        "apartamente",
                        "0",
                        "6",
                        "Evidența fondului locativ",
                        Y.YEARLY,
                        "Direcția Patrimoniu, împreună cu DAS",
                    ),
                ],
            ),
        ],
    },
]

# The public (username, first, last, stakeholder type) who comment besides the demo's own users.
PUBLIC_USERS = [
    ("beneficiar", "Ioan", "Hossu", PublicKind.BENEFICIARY),
    ("asociatie", "Adela", "Rusu", PublicKind.ORGANISATION),
    ("consilier", "Dorel", "Marinca", PublicKind.COUNCILLOR),
    ("academic", "Lucia", "Boroș", PublicKind.ACADEMIC),
    ("cetatean2", "Vasile", "Sabău", PublicKind.CITIZEN),
]
CIVIC_ASSOCIATION = "Asociația Baia Mare Civică"

A, P, R = Comment.Answer.ACCEPTED, Comment.Answer.PARTLY, Comment.Answer.REJECTED

# (author, target, recommendation, answer, reasons, changed in version 2, hidden reason).
# Targets: ("document",), ("section", kind), ("objective", i), ("specific", i, j),
# ("indicator", i, j, k), with 0-based positions.
COMMENTS = [
    (
        "cetatean",
        ("objective", 1),
        "Vă rog să includeți explicit și satele Firiza și Blidari în îngrijirea la domiciliu. "
        "Acolo vârstnicii sunt cei mai izolați și după-amiaza nu mai ajunge niciun autobuz.",
        A,
        "Am precizat în OS2.1 că serviciul acoperă și satele aparținătoare Firiza și Blidari.",
        True,
        "",
    ),
    (
        "furnizor2",
        ("indicator", 1, 0, 0),
        "Ținta de 220 de persoane în îngrijire la domiciliu este prea mică față de listele de "
        "așteptare ale furnizorilor. Propunem 260 de persoane în 2030.",
        P,
        "Am ridicat ținta la 240 de persoane, cât permite bugetul estimat pentru 2030. Ținta va "
        "fi revăzută la evaluarea intermediară din 2028.",
        True,
        "",
    ),
    (
        "furnizor",
        ("specific", 3, 0),
        "Transportul adaptat ar trebui să funcționeze și sâmbăta, altfel persoanele cu "
        "dizabilități nu pot merge la activități culturale sau la biserică.",
        A,
        "Am completat OS4.1: transportul adaptat funcționează de luni până sâmbătă.",
        True,
        "",
    ),
    (
        "beneficiar",
        ("objective", 3),
        "Folosesc scaun rulant. Cer ca auditul de accesibilitate să fie făcut împreună cu "
        "persoane cu dizabilități, nu doar de firme de proiectare.",
        A,
        "Auditul de accesibilitate va fi făcut cu participarea persoanelor cu dizabilități; am "
        "precizat acest lucru în OS4.1.",
        True,
        "",
    ),
    (
        "consilier",
        ("section", Section.Kind.IMPLEMENTATION),
        "Propun ca raportul anual de monitorizare să fie prezentat în plenul Consiliului Local, "
        "nu doar publicat pe site.",
        A,
        "Am completat capitolul de implementare: raportul anual este prezentat în plenul "
        "Consiliului Local și discutat public.",
        True,
        "",
    ),
    (
        "academic",
        ("indicator", 2, 0, 0),
        "Valoarea de bază pentru abandonul școlar trebuie luată din SIIIR, nu din estimări, și "
        "urmărită separat pentru fiecare școală.",
        P,
        "Sursa indicatorului este acum SIIIR, prin ISJ Maramureș. Urmărirea pe fiecare școală "
        "se face în raportul anual, nu ca indicator separat.",
        True,
        "",
    ),
    (
        "academic",
        ("section", Section.Kind.DIAGNOSIS),
        "Diagnoza ar câștiga dacă ar compara datele din Baia Mare cu media județului Maramureș "
        "pentru fiecare categorie de beneficiari.",
        R,
        "Datele județene nu sunt publicate pe categoriile de beneficiari folosite în strategie. "
        "Comparația va fi făcută la evaluarea intermediară, cu datele DGASPC Maramureș.",
        False,
        "",
    ),
    (
        "asociatie",
        ("objective", 2),
        "Incluziunea romilor nu poate fi doar treaba DAS. Cerem un grup de lucru permanent, cu "
        "reprezentanți aleși ai comunităților din Craica și Pirita.",
        P,
        "Grupul de lucru pentru incluziunea comunităților rome va fi înființat în 2027 și va "
        "include reprezentanți ai comunităților. Este o măsură a planului anual, nu un obiectiv "
        "nou al strategiei.",
        False,
        "",
    ),
    (
        "cetatean2",
        ("objective", 4),
        "Adăpostul de noapte din zona Gării aduce probleme în cartier. Mutați-l în afara orașului.",
        R,
        "Mutarea adăpostului în afara orașului i-ar îndepărta pe beneficiari de serviciile "
        "medicale și de locurile de muncă. OS5.1 prevede în schimb echipa mobilă și colaborarea "
        "cu Poliția Locală în zona Gării.",
        False,
        "",
    ),
    (
        "cetatean2",
        ("document",),
        "Vecinul meu de pe strada Victoriei nr. 14, Gheorghe M., bea toată ziua și ia ajutor "
        "social. De ce îi dați bani unuia ca el?",
        R,
        "Comentariul nu conține o recomandare privind proiectul strategiei. A fost ascuns pentru "
        "că include date personale ale unei alte persoane.",
        False,
        "Conține date personale ale unei alte persoane (nume și adresă).",
    ),
    (
        "furnizor",
        ("indicator", 3, 1, 0),
        "Propunem 24 de locuri în locuințe protejate, nu 16: pe lista noastră de așteptare sunt "
        "22 de adulți cu dizabilități.",
        R,
        "Bugetul local estimat permite două locuințe protejate noi (8 locuri) până în 2030. Dacă "
        "se obține finanțare europeană, ținta va fi mărită la evaluarea intermediară.",
        False,
        "",
    ),
    (
        "beneficiar",
        ("specific", 0, 1),
        "Am ieșit din centru acum doi ani. Mentorul trebuie să fie ales de tânăr, nu impus, "
        "altfel nimeni nu va merge la întâlniri.",
        A,
        "Am precizat în OS1.2 că tânărul își alege mentorul dintre voluntarii formați.",
        True,
        "",
    ),
    (
        "consilier",
        ("specific", 4, 1),
        "Victimele violenței domestice au nevoie de apartamente separate de cele pentru "
        "persoanele fără adăpost, cu adrese care să nu fie publice.",
        A,
        "Am precizat în OS5.2 că apartamentele pentru victimele violenței domestice sunt "
        "separate și au adrese confidențiale.",
        True,
        "",
    ),
    (
        "furnizor3",
        ("section", Section.Kind.CONTEXT),
        "În capitolul de context lipsește Legea nr. 448/2006 și Convenția ONU privind drepturile "
        "persoanelor cu dizabilități.",
        A,
        "Am completat capitolul de context cu cele două acte normative.",
        True,
        "",
    ),
    (
        "cetatean",
        ("indicator", 1, 1, 0),
        "Butonul de urgență ar trebui să fie gratuit pentru vârstnicii cu pensii mici.",
        P,
        "Serviciul va fi gratuit pentru persoanele cu venituri sub pragul stabilit prin hotărâre "
        "a Consiliului Local; ceilalți plătesc o contribuție. Pragul se stabilește în planul "
        "anual de acțiune.",
        False,
        "",
    ),
    (
        "asociatie",
        ("document",),
        "Solicităm publicarea tuturor recomandărilor primite și a răspunsurilor, nu doar a "
        "raportului de sinteză.",
        A,
        "Toate recomandările, cu excepția celor ascunse pentru date personale, și răspunsurile "
        "sunt publicate pe pagina consultării.",
        False,
        "",
    ),
]

# What version 2 changes, after the answered recommendations: (target, field, new value); text
# values given with a leading "+" are appended.
V2_EDITS = [
    (
        ("specific", 1, 0),
        "description",
        "+ Serviciul acoperă toate cartierele și satele aparținătoare Firiza și Blidari.",
    ),
    (("indicator", 1, 0, 0), "target", Decimal("240")),
    (
        ("specific", 3, 0),
        "description",
        "+ Transportul adaptat funcționează de luni până sâmbătă, iar auditul se face cu "
        "participarea persoanelor cu dizabilități.",
    ),
    (("indicator", 2, 0, 0), "source", "SIIIR, prin Inspectoratul Școlar Județean Maramureș"),
    (
        ("specific", 0, 1),
        "description",
        "+ Tânărul își alege mentorul dintre voluntarii formați.",
    ),
    (
        ("specific", 4, 1),
        "description",
        "+ Apartamentele pentru victimele violenței domestice sunt separate și au adrese "
        "confidențiale.",
    ),
    (("section", Section.Kind.CONTEXT), "body", "+" + CONTEXT_V2_ADDITION),
    (("section", Section.Kind.IMPLEMENTATION), "body", "+" + IMPLEMENTATION_V2_ADDITION),
]

JUSTIFICATION = (
    "Legea asistenței sociale nr. 292/2011 obligă autoritățile administrației publice locale să "
    "elaboreze și să aprobe strategia de dezvoltare a serviciilor sociale. Strategia 2021–2025 a "
    "expirat, iar serviciile din Baia Mare nu mai acoperă nevoile arătate de harta nevoilor din "
    "2026: listele de așteptare cresc la îngrijirea la domiciliu, la centrele de zi și la "
    "locuințele pentru tineri și pentru persoanele fără adăpost.\n\n"
    "Proiectul a fost elaborat de Direcția de Asistență Socială împreună cu beneficiarii (prin "
    "metoda SPIRAL) și cu furnizorii de servicii sociale (prin consultare și grupuri de lucru). "
    "Recomandările se pot trimite în scris, pe această pagină, până la data indicată."
)

DEBATE_MINUTES = (
    "Minuta dezbaterii publice privind proiectul Strategiei de dezvoltare a serviciilor sociale "
    "2026–2030.\n"
    "Au participat 34 de persoane: reprezentanți ai 9 furnizori de servicii sociale, 3 consilieri "
    "locali, beneficiari și cetățeni. Dezbaterea a fost condusă de directorul DAS.\n"
    "S-au discutat: îngrijirea la domiciliu în satele Firiza și Blidari, transportul adaptat, "
    "adăpostul de noapte din zona Gării și incluziunea comunităților rome.\n"
    "Recomandările formulate oral au fost înregistrate ca recomandări scrise și au primit "
    "răspuns împreună cu celelalte.\n"
    "Dezbaterea s-a încheiat la ora 19:10."
)


# The consultation closed long enough ago that its earliest submission to the council (30 working
# days after the announcement, Law 52/2003) falls before the demo's draft decision was registered.
EARLIER = 35


def _at(days: int, hour: int, minute: int = 0):
    """An aware moment `days` from today at the given Bucharest time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _save(obj, user):
    obj._history_user = user
    obj.save()
    return obj


def _statutory_dates(announced_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(recommendations until, earliest submission to the council) as Law 52/2003 sets them."""
    dates = statutory_dates(announced_on)
    return dates["comments_until"], dates["earliest_submission"]


def _public_users(municipality) -> dict:
    """The demo's extra public users (login with the demo password), by username."""
    from core.management.commands.load_demo import DEMO_PASSWORD

    User = get_user_model()
    users = {}
    for username, first, last, kind in PUBLIC_USERS:
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
        Membership.objects.get_or_create(
            user=user,
            municipality=municipality,
            role=Role.PUBLIC,
            defaults={"public_kind": kind},
        )
        users[username] = user
    return users


def _commenters(municipality) -> dict:
    """username → (user, stakeholder type) for everyone who comments in the demo."""
    found = {}
    for membership in Membership.objects.filter(
        municipality=municipality, role__in=[Role.PUBLIC, Role.PROVIDER]
    ).select_related("user"):
        if membership.role == Role.PUBLIC:
            kind = membership.public_kind or PublicKind.CITIZEN
        else:
            kind = PublicKind.ORGANISATION
        found.setdefault(membership.user.username, (membership.user, kind))
    return found


def _evidence(cycle, spec, dimensions):
    codes = spec["dimensions"]
    statements = list(
        Statement.objects.filter(
            session__cycle=cycle,
            text__in=spec["statements"],
            codes__round=CodingRound.PRIMARY,
            codes__dimension__code__in=codes,
        ).distinct()
    )
    question_positions = {key: i for i, (key, *_rest) in enumerate(QUESTIONS)}
    answers = []
    for organisation, key in spec["answers"]:
        answer = Answer.objects.filter(
            response__round__cycle=cycle,
            response__round__title=ROUND_TITLE,
            response__organisation__name=organisation,
            response__in=RoundResponse.objects.submitted(),
            question__position=question_positions[key],
        ).first()
        if answer is not None:
            answers.append(answer)
    proposals = list(
        GroupProposal.objects.filter(
            group__cycle=cycle,
            title__in=spec["proposals"],
            status=GroupProposal.Status.ADOPTED,
        )
    )
    return [dimensions[code] for code in codes], statements, answers, proposals


def _diagnosis(cycle) -> str:
    sessions = list(SpiralSession.objects.filter(cycle=cycle))
    return DIAGNOSIS.format(
        sessions=len(sessions),
        participants=sum(s.participants for s in sessions),
        statements=Statement.objects.filter(session__cycle=cycle).count(),
        responses=RoundResponse.objects.submitted().filter(round__cycle=cycle).count(),
        groups=WorkingGroup.objects.filter(cycle=cycle).count(),
    )


def _build_document(strategy, cycle, staff) -> dict:
    """Sections, guidelines, objectives with evidence; returns the rows by target key."""
    rows = {}
    for position, (kind, title, body) in enumerate(SECTIONS):
        if kind == Section.Kind.DIAGNOSIS:
            body = _diagnosis(cycle)
        rows[("section", kind)] = _save(
            Section(
                strategy=strategy,
                kind=kind,
                title=title,
                body=sanitise(body),
                position=position,
            ),
            staff,
        )
    guidelines = [
        _save(
            Guideline(strategy=strategy, title=title, description=description, position=i),
            staff,
        )
        for i, (title, description) in enumerate(GUIDELINES)
    ]
    dimensions = {d.code: d for d in SpiralDimension.objects.all()}
    for i, spec in enumerate(OBJECTIVES):
        objective = _save(
            StrategicObjective(
                strategy=strategy,
                guideline=guidelines[spec["guideline"]],
                title=spec["title"],
                description=spec["description"],
                position=i,
            ),
            staff,
        )
        rows[("objective", i)] = objective
        cited_dimensions, statements, answers, proposals = _evidence(cycle, spec, dimensions)
        objective.dimensions.set(cited_dimensions)
        objective.statements.set(statements)
        objective.answers.set(answers)
        objective.proposals.set(proposals)
        for j, (title, description, indicators) in enumerate(spec["specific"]):
            specific = _save(
                SpecificObjective(
                    objective=objective, title=title, description=description, position=j
                ),
                staff,
            )
            rows[("specific", i, j)] = specific
            for k, values in enumerate(indicators):
                rows[("indicator", i, j, k)] = _save(
                    Indicator(specific_objective=specific, position=k, **values), staff
                )
    return rows


def _apply_v2_edits(rows, staff) -> None:
    for target, field, value in V2_EDITS:
        obj = rows[target]
        if isinstance(value, str) and value.startswith("+"):
            current = getattr(obj, field)
            separator = "\n" if field == "body" else " "
            value = current + separator + value[1:].strip()
        if field == "body":
            value = sanitise(value)
        setattr(obj, field, value)
        _save(obj, staff)


def _target(key, rows) -> tuple[str, int | None]:
    if key[0] == "document":
        return Comment.Target.DOCUMENT, None
    return key[0], rows[key].pk


def load_strategy_demo(municipality, cycle, staff) -> None:
    """The demo cycle's strategy, its two versions and the closed consultation on version 1."""
    if Strategy.objects.filter(cycle=cycle).exists():
        return
    today = timezone.localdate()
    strategy = _save(Strategy(municipality=municipality, cycle=cycle, title=TITLE), staff)
    rows = _build_document(strategy, cycle, staff)

    first = StrategyVersion.objects.create(
        strategy=strategy,
        number=1,
        snapshot=snapshot(strategy),
        note="Proiectul supus consultării publice.",
        published_at=_at(-42 - EARLIER, 10),
        published_by=staff,
    )
    announced_on = today - datetime.timedelta(days=40 + EARLIER)
    comments_until, earliest_submission = _statutory_dates(announced_on)
    consultation = _save(
        PublicConsultation(
            municipality=municipality,
            version=first,
            justification=JUSTIFICATION,
            announced_on=announced_on,
            comments_until=comments_until,
            earliest_submission=earliest_submission,
            opened_by=staff,
        ),
        staff,
    )

    _public_users(municipality)
    commenters = _commenters(municipality)
    label_of = labels(first.snapshot)
    period = max((comments_until - announced_on).days, 1)
    comments = []
    for n, (author, key, text, answer, reason, changed, hidden) in enumerate(COMMENTS):
        user, kind = commenters[author]
        target, target_id = _target(key, rows)
        sent = _at(-40 - EARLIER + (n * period) // len(COMMENTS), 9 + n % 9, (7 * n) % 60)
        comment = Comment(
            consultation=consultation,
            author=user,
            stakeholder_kind=kind,
            target=target,
            target_id=target_id,
            target_label=label_of.get((target, target_id), ""),
            text=text,
            created_at=sent,
        )
        if hidden:
            comment.hidden_at = sent + datetime.timedelta(hours=3)
            comment.hidden_by = staff
            comment.hidden_reason = hidden
        _save(comment, user)
        comments.append((comment, answer, reason, changed))

    request = DebateRequest(
        consultation=consultation,
        requested_by=commenters["asociatie"][0],
        organisation_name=CIVIC_ASSOCIATION,
        reason=(
            "Proiectul privește mii de locuitori vulnerabili; cerem o dezbatere publică în care "
            "beneficiarii și furnizorii să poată pune întrebări direct echipei DAS."
        ),
        created_at=_at(-38 - EARLIER, 12, 30),
    )
    _save(request, request.requested_by)
    _save(
        Debate(
            consultation=consultation,
            announced_on=today - datetime.timedelta(days=37 + EARLIER),
            starts_at=_at(-32 - EARLIER, 17),
            place="Sala de consiliu a Primăriei Municipiului Baia Mare, Str. Gheorghe Șincai 37",
            minutes=DEBATE_MINUTES,
        ),
        staff,
    )

    _apply_v2_edits(rows, staff)
    second = StrategyVersion.objects.create(
        strategy=strategy,
        number=2,
        snapshot=snapshot(strategy),
        note=(
            "Versiunea după consultarea publică: completări la OS1.2, OS2.1, OS4.1 și OS5.2, "
            "ținta I2.1.1 mărită la 240 de persoane, sursa I3.1.1 schimbată și două paragrafe "
            "noi la context și la implementare."
        ),
        published_at=_at(-18 - EARLIER, 12),
        published_by=staff,
    )
    for n, (comment, answer, reason, changed) in enumerate(comments):
        comment.answer = answer
        comment.answer_reason = reason
        comment.answered_at = _at(-27 - EARLIER + n // 4, 10 + n % 6)
        comment.answered_by = staff
        comment.resulting_version = second if changed else None
        _save(comment, staff)
