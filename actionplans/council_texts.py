"""The texts of a draft decision: the municipality's templates, Spirala's defaults, and the
``{{ placeholders }}`` filled from the data.

A draft decision copies its municipality's templates when it is created (``initial_texts``);
staff edit the copies. The placeholders that remain are filled when the documents are shown or
rendered (``rendered``), so the figures in the raport are always those of the day the dossier is
made. Substitution is plain text: a template can name a value, never run code.

The texts are Romanian legal content (a council's documents are Romanian whatever the language
of the screen), so the defaults and the values of the placeholders are written in Romanian here;
the descriptions of the placeholders are interface text and go through gettext.

Placeholders that fill a line of the preamble or of the legal bases (``referat``,
``county_opinion``, ``strategy_hcl`` ...) carry their own closing punctuation and are empty when
there is nothing to cite, so that an empty line simply disappears from the document.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PARTS = ("title", "preamble", "legal_basis", "articles", "referat_text", "raport_text")
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")
MAX_TEMPLATE_LENGTH = 20_000
TOP_NEEDS = 3
MISSING = "……"

# --- Spirala's default templates ------------------------------------------------------------------

_LAW_292 = "Legea asistenței sociale nr. 292/2011, cu modificările și completările ulterioare"
_HG_797 = (
    "prevederile Hotărârii Guvernului nr. 797/2017 pentru aprobarea regulamentelor-cadru de "
    "organizare și funcționare ale serviciilor publice de asistență socială și a structurii "
    "orientative de personal, cu modificările și completările ulterioare;"
)
_ORDIN_1086 = (
    "prevederile Ordinului ministrului muncii și justiției sociale nr. 1.086/2018 privind "
    "aprobarea modelului-cadru al Planului anual de acțiune privind serviciile sociale "
    "administrate și finanțate din bugetul consiliului județean/consiliului local/Consiliului "
    "General al Municipiului București;"
)
_LAW_52 = (
    "prevederile art. 7 din Legea nr. 52/2003 privind transparența decizională în administrația "
    "publică, republicată, cu modificările și completările ulterioare;"
)
_OUG_57 = (
    "prevederile art. 129 alin. (2) lit. d) și alin. (7) lit. b) din Ordonanța de urgență a "
    "Guvernului nr. 57/2019 privind Codul administrativ, cu modificările și completările "
    "ulterioare;"
)
_PLAN_NAME = (
    "Planul anual de acțiune privind serviciile sociale administrate și finanțate din bugetul "
    "{{ council_of }} pentru anul {{ plan_year }}"
)
_STRATEGY_NAME = (
    "Strategia locală de dezvoltare a serviciilor sociale a {{ uat_of }} pentru perioada "
    "{{ strategy_period }}"
)
_EXECUTION = (
    "{{ executive }}, prin {{ department }}, asigură ducerea la îndeplinire a prevederilor "
    "prezentei hotărâri."
)
_COMMUNICATION = (
    "Prezenta hotărâre se comunică, prin grija secretarului general al {{ uat_of }}, Instituției "
    "Prefectului – Județul {{ county }}, în vederea exercitării controlului de legalitate, "
    "{{ executive_of }}, structurii de asistență socială care o duce la îndeplinire, Consiliului "
    "Județean {{ county }} și ministerului cu atribuții în domeniul asistenței sociale, potrivit "
    "art. 115 din Legea asistenței sociale nr. 292/2011."
)
_PUBLICATION = (
    "Prezenta hotărâre se aduce la cunoștință publică prin publicare în Monitorul Oficial Local "
    "și pe pagina de internet a {{ uat_of }}."
)
_CLOSING_REFERAT = (
    "Față de cele prezentate, supun spre dezbatere și aprobare {{ council_of }} proiectul de "
    "hotărâre în forma prezentată."
)
_LEGALITY = (
    "Legalitate. Proiectul de hotărâre are ca temei art. 112 alin. (3) și art. 118 din "
    f"{_LAW_292}, Legea nr. 52/2003 privind transparența decizională în administrația publică, "
    "republicată, și art. 129 alin. (2) lit. d) și alin. (7) lit. b) din Ordonanța de urgență a "
    "Guvernului nr. 57/2019 privind Codul administrativ; adoptarea lui este de competența "
    "{{ council_of }}."
)
_CONCLUSION = (
    "Față de cele de mai sus, apreciem că proiectul de hotărâre îndeplinește condițiile de "
    "legalitate și de oportunitate și propunem adoptarea lui în forma prezentată."
)


def _paragraphs(*blocks: str) -> str:
    return "\n\n".join(blocks)


def _lines(*items: str) -> str:
    return "\n".join(items)


DEFAULT_TEMPLATES: dict[str, dict[str, str]] = {
    "strategy": {
        "title": (
            "privind aprobarea Strategiei locale de dezvoltare a serviciilor sociale a "
            "{{ uat_of }} pentru perioada {{ strategy_period }} și a Planului anual de acțiune "
            "privind serviciile sociale pentru anul {{ plan_year }}"
        ),
        "preamble": _lines(
            "{{ referat }}",
            "{{ raport }}",
            "{{ committee_opinions }}",
            "{{ county_opinion }}",
            "{{ consultation }}",
        ),
        "legal_basis": _lines(
            f"prevederile art. 112 alin. (3) lit. a) și b) din {_LAW_292};",
            f"prevederile art. 118 din {_LAW_292};",
            _HG_797,
            _ORDIN_1086,
            _LAW_52,
            _OUG_57,
        ),
        "articles": _paragraphs(
            f"Art. 1. Se aprobă {_STRATEGY_NAME}, prevăzută în anexa nr. 1, care face parte "
            "integrantă din prezenta hotărâre.",
            f"Art. 2. Se aprobă {_PLAN_NAME}, prevăzut în anexa nr. 2, care face parte "
            "integrantă din prezenta hotărâre.",
            "Art. 3. Planurile anuale de acțiune pentru ceilalți ani ai perioadei "
            "{{ strategy_period }} se elaborează în conformitate cu strategia aprobată la art. 1 "
            "și se supun aprobării {{ council_of }}.",
            f"Art. 4. {_EXECUTION}",
            f"Art. 5. {_COMMUNICATION}",
            f"Art. 6. {_PUBLICATION}",
        ),
        "referat_text": _paragraphs(
            "În calitate de inițiator, propun {{ council_of }} aprobarea Strategiei locale de "
            "dezvoltare a serviciilor sociale a {{ uat_of }} pentru perioada "
            "{{ strategy_period }} și a Planului anual de acțiune privind serviciile sociale "
            "pentru anul {{ plan_year }}.",
            "Potrivit art. 112 alin. (3) lit. a) din Legea asistenței sociale nr. 292/2011, "
            "autoritățile administrației publice locale elaborează, în concordanță cu strategiile "
            "naționale și județene și cu nevoile locale identificate, strategia locală de "
            "dezvoltare a serviciilor sociale, pe termen mediu și lung, și răspund de aplicarea "
            "acesteia; potrivit lit. b) a aceluiași alineat, ele elaborează planurile anuale de "
            "acțiune, după consultarea furnizorilor publici și privați, a asociațiilor "
            "profesionale și a organizațiilor reprezentative ale beneficiarilor.",
            "Strategia a fost elaborată participativ, după metodologia SPIRAL a Consiliului "
            "Europei: beneficiarii serviciilor sociale au spus, în {{ sessions }} organizate cu "
            "{{ participants }}, ce înseamnă pentru ei bunăstarea și ce le lipsește; furnizorii "
            "de servicii sociale au fost consultați în scris și în grupuri de lucru tematice; "
            "proiectul strategiei a fost supus consultării publice potrivit Legii nr. 52/2003 "
            "privind transparența decizională în administrația publică. Obiectivele strategiei "
            "pornesc de la nevoile astfel identificate, iar raportul de specialitate prezintă în "
            "detaliu rezultatele fiecărei etape.",
            "O strategie aprobată de consiliul local oferă un cadru unitar pentru dezvoltarea "
            "serviciilor sociale în perioada {{ strategy_period }}: fundamentarea bugetelor "
            "anuale, contractarea și subvenționarea serviciilor furnizate de organizațiile "
            "private, în condițiile legii, și accesarea fondurilor europene și guvernamentale, "
            "pentru care existența strategiei este, de regulă, o condiție de eligibilitate. "
            "Planul anual de acțiune pentru anul {{ plan_year }}, anexa nr. 2, pune în aplicare "
            "primul an al strategiei.",
            _CLOSING_REFERAT,
        ),
        "raport_text": _paragraphs(
            "Prin prezentul raport de specialitate, {{ department }} analizează proiectul de "
            "hotărâre privind aprobarea Strategiei locale de dezvoltare a serviciilor sociale a "
            "{{ uat_of }} pentru perioada {{ strategy_period }} și a Planului anual de acțiune "
            "privind serviciile sociale pentru anul {{ plan_year }}.",
            "Consultarea beneficiarilor. {{ spiral_summary }}",
            "Consultarea furnizorilor de servicii sociale. {{ providers_summary }} "
            "{{ working_groups_summary }}",
            "Consultarea publică. {{ consultation_summary }}",
            "Conținutul documentelor. Strategia ({{ strategy_version }}) cuprinde "
            "{{ objectives }} și {{ specific_objectives }}, fiecare cu indicatorii săi. "
            "{{ plan_summary }}",
            _LEGALITY,
            "Oportunitate. Strategia și planul răspund nevoilor exprimate de beneficiari și de "
            "furnizori, stabilesc prioritățile de dezvoltare a serviciilor sociale pentru "
            "perioada {{ strategy_period }} și permit fundamentarea bugetului local și accesarea "
            "surselor de finanțare externe.",
            _CONCLUSION,
        ),
    },
    "plan": {
        "title": (
            "privind aprobarea Planului anual de acțiune privind serviciile sociale administrate "
            "și finanțate din bugetul {{ council_of }} pentru anul {{ plan_year }}"
        ),
        "preamble": _lines(
            "{{ referat }}",
            "{{ raport }}",
            "{{ committee_opinions }}",
            "{{ county_opinion }}",
        ),
        "legal_basis": _lines(
            f"prevederile art. 112 alin. (3) lit. b) din {_LAW_292};",
            f"prevederile art. 118 din {_LAW_292};",
            _HG_797,
            _ORDIN_1086,
            "{{ strategy_hcl }}",
            _LAW_52,
            _OUG_57,
        ),
        "articles": _paragraphs(
            f"Art. 1. Se aprobă {_PLAN_NAME}, prevăzut în anexa care face parte integrantă din "
            "prezenta hotărâre.",
            "Art. 2. Sumele necesare realizării măsurilor din plan se asigură în limita "
            "creditelor bugetare aprobate prin bugetul local pe anul {{ plan_year }} și din "
            "celelalte surse de finanțare prevăzute în plan.",
            f"Art. 3. {_EXECUTION}",
            f"Art. 4. {_COMMUNICATION}",
            f"Art. 5. {_PUBLICATION}",
        ),
        "referat_text": _paragraphs(
            "În calitate de inițiator, propun {{ council_of }} aprobarea Planului anual de "
            "acțiune privind serviciile sociale administrate și finanțate din bugetul local "
            "pentru anul {{ plan_year }}.",
            "Potrivit art. 112 alin. (3) lit. b) din Legea asistenței sociale nr. 292/2011, "
            "autoritățile administrației publice locale elaborează planurile anuale de acțiune "
            "în conformitate cu strategia locală de dezvoltare a serviciilor sociale, după "
            "consultarea furnizorilor publici și privați, a asociațiilor profesionale și a "
            "organizațiilor reprezentative ale beneficiarilor. Planul cuprinde date privind "
            "numărul și categoriile de beneficiari, serviciile sociale existente, serviciile "
            "sociale propuse pentru a fi înființate, programul de contractare a serviciilor din "
            "fonduri publice, bugetul estimat și sursele de finanțare.",
            "Planul pentru anul {{ plan_year }} pune în aplicare, pentru acest an, Strategia "
            "locală de dezvoltare a serviciilor sociale pentru perioada {{ strategy_period }}. "
            "El cuprinde {{ measures }}, cu un buget total estimat de {{ budget_total }}, și "
            "răspunde nevoilor exprimate de beneficiari și de furnizorii de servicii sociale.",
            "Aprobarea planului permite fundamentarea sumelor necesare serviciilor sociale în "
            "bugetul local pe anul {{ plan_year }}, contractarea serviciilor și acordarea "
            "subvențiilor către furnizorii privați, în condițiile legii, precum și accesarea "
            "fondurilor externe nerambursabile.",
            _CLOSING_REFERAT,
        ),
        "raport_text": _paragraphs(
            "Prin prezentul raport de specialitate, {{ department }} analizează proiectul de "
            "hotărâre privind aprobarea Planului anual de acțiune privind serviciile sociale "
            "administrate și finanțate din bugetul {{ council_of }} pentru anul {{ plan_year }}.",
            "Nevoile beneficiarilor. {{ spiral_summary }}",
            "Consultarea furnizorilor de servicii sociale. {{ providers_summary }} "
            "{{ working_groups_summary }}",
            "Conținutul planului. {{ plan_summary }} Planul respectă modelul-cadru aprobat prin "
            "Ordinul ministrului muncii și justiției sociale nr. 1.086/2018 și se încadrează în "
            "obiectivele Strategiei locale de dezvoltare a serviciilor sociale pentru perioada "
            "{{ strategy_period }}.",
            _LEGALITY,
            "Oportunitate. Planul asigură continuitatea serviciilor sociale existente, "
            "înființarea serviciilor necesare și fundamentarea sumelor din bugetul local pe anul "
            "{{ plan_year }}.",
            _CONCLUSION,
        ),
    },
}

# --- The placeholders ----------------------------------------------------------------------------

PLACEHOLDERS: dict[str, str] = {
    # The authority and the documents
    "uat": gettext_lazy("The administrative unit, as named: “Municipiul Arcadia”."),
    "uat_of": gettext_lazy("The administrative unit after “a”/“al”: “Municipiului Arcadia”."),
    "county": gettext_lazy("The county: “Cluj” (as in “Instituția Prefectului – Județul Cluj”)."),
    "council": gettext_lazy("The council: “Consiliul Local al Municipiului Arcadia”."),
    "council_of": gettext_lazy(
        "The council after “bugetul”, “aprobării”: “Consiliului Local al Municipiului Arcadia”."
    ),
    "executive": gettext_lazy("Who carries the decision out: “Primarul Municipiului Arcadia”."),
    "executive_of": gettext_lazy("The same, after “comunică”: “Primarului Municipiului Arcadia”."),
    "department": gettext_lazy(
        "The social-assistance department, from the municipality's settings: “Direcția de "
        "Asistență Socială a Municipiului Arcadia”."
    ),
    "initiator": gettext_lazy("The initiator of the draft decision: “Primar, Ion Popescu”."),
    "strategy_period": gettext_lazy("The strategy's years: “2026–2030”."),
    "plan_year": gettext_lazy("The year of the annual action plan: “2027”."),
    "strategy_version": gettext_lazy(
        "The version of the strategy put to the council: “versiunea nr. 3, publicată la "
        "12.05.2026” (empty for a decision on a plan)."
    ),
    "strategy_hcl": gettext_lazy(
        "A legal-basis line citing the council decision (HCL) that adopted the strategy; empty "
        "until the council adopted it."
    ),
    "referat_number": gettext_lazy("The registration number of the referat de aprobare."),
    "referat_date": gettext_lazy("The date of the referat de aprobare (dd.mm.yyyy)."),
    "raport_number": gettext_lazy("The registration number of the raport de specialitate."),
    "raport_date": gettext_lazy("The date of the raport de specialitate (dd.mm.yyyy)."),
    "referat": gettext_lazy(
        "A preamble line: the referat de aprobare with its number, date and initiator."
    ),
    "raport": gettext_lazy(
        "A preamble line: the raport de specialitate with its number, date and department."
    ),
    "committee_opinions": gettext_lazy(
        "Preamble lines, one per opinion of a council committee (verdict, number, date, "
        "committee); a generic line while none is recorded."
    ),
    "county_opinion": gettext_lazy(
        "A preamble line: the county council's aviz consultativ (Law 292/2011, art. 118); for a "
        "plan, a line to complete while it is not recorded."
    ),
    "opinions": gettext_lazy("Preamble lines: every opinion recorded, committees first."),
    # SPIRAL
    "sessions": gettext_lazy("The SPIRAL sessions of the cycle: “12 sesiuni”."),
    "sessions_period": gettext_lazy(
        "The dates of the first and last SPIRAL session: “12.03.2026 – 20.04.2026”."
    ),
    "groups": gettext_lazy("The homogeneous groups that met: “8 grupuri omogene”."),
    "categories": gettext_lazy(
        "The beneficiary categories consulted: “5 categorii de beneficiari”."
    ),
    "category_names": gettext_lazy("Their names: “vârstnici, persoane cu dizabilități și romi”."),
    "participants": gettext_lazy("The people who took part: “97 de participanți”."),
    "statements": gettext_lazy("The statements (criteria) recorded: “312 afirmații”."),
    "needs_map": gettext_lazy(
        "The published map of needs: “harta nevoilor, versiunea nr. 2, publicată la "
        "10.04.2026”; empty if none is published."
    ),
    "top_needs": gettext_lazy(
        "The SPIRAL families most cited as ill-being in the published map of needs, with their "
        "counts; a family with fewer than 5 statements is never named."
    ),
    "needs_by_group": gettext_lazy(
        "For each beneficiary group, the dimension it cited most as ill-being (5 statements or "
        "more), from the published map of needs."
    ),
    "spiral_summary": gettext_lazy(
        "A paragraph: the sessions, groups, participants, statements and the top needs."
    ),
    # Providers
    "rounds": gettext_lazy("The written consultation rounds of the providers: “2 runde”."),
    "providers_invited": gettext_lazy("The organisations invited to them: “14 furnizori”."),
    "responses": gettext_lazy("The responses submitted: “11 răspunsuri”."),
    "response_rate": gettext_lazy("The responses per invitation: “64,7%”."),
    "working_groups": gettext_lazy("The thematic working groups: “3 grupuri de lucru tematice”."),
    "meetings": gettext_lazy("The meetings of the working groups: “7 întâlniri”."),
    "proposals": gettext_lazy("The proposals made in the working groups: “11 propuneri”."),
    "proposals_adopted": gettext_lazy("How many of them the groups adopted: “8”."),
    "working_groups_list": gettext_lazy(
        "Each working group with its proposals: “„Locuire” (4 propuneri, dintre care 3 adoptate)”."
    ),
    "providers_summary": gettext_lazy(
        "A paragraph: the consultation rounds, the providers invited and the response rate."
    ),
    "working_groups_summary": gettext_lazy(
        "A paragraph: the working groups, their meetings and their proposals."
    ),
    # The public consultation (Law 52/2003)
    "consultation_announced": gettext_lazy(
        "The day the public consultation was announced (dd.mm.yyyy)."
    ),
    "consultation_until": gettext_lazy("The last day for recommendations (dd.mm.yyyy)."),
    "recommendations": gettext_lazy("The recommendations received: “12 recomandări”."),
    "recommendations_accepted": gettext_lazy("How many were accepted: “4”."),
    "recommendations_partly": gettext_lazy("How many were partly accepted: “3”."),
    "recommendations_rejected": gettext_lazy("How many were rejected: “5”."),
    "consultation_participants": gettext_lazy("The people who sent recommendations: “9 persoane”."),
    "debates": gettext_lazy(
        "The public debates held, with their dates: “1 dezbatere publică (15.04.2026)”."
    ),
    "consultation": gettext_lazy(
        "A preamble line: the Law 52/2003 announcement, the recommendations and the debates; "
        "empty without a public consultation."
    ),
    "consultation_summary": gettext_lazy(
        "A paragraph: the consultation's dates, the recommendations received, accepted, partly "
        "accepted and rejected, and the debates."
    ),
    # The strategy and the plan
    "objectives": gettext_lazy("The strategic objectives: “4 obiective strategice”."),
    "specific_objectives": gettext_lazy("The specific objectives: “11 obiective specifice”."),
    "measures": gettext_lazy("The measures of the plan: “14 măsuri”."),
    "new_services": gettext_lazy(
        "The plan's measures that set up a new service: “3 servicii sociale noi”."
    ),
    "plan_beneficiaries": gettext_lazy(
        "The beneficiaries the plan's measures aim to serve: “1.250 de beneficiari”."
    ),
    "budget_total": gettext_lazy("The plan's total budget: “1.250.000,00 lei”."),
    "budget_by_source": gettext_lazy(
        "The budget per funding source: “bugetul local – 1.000.000,00 lei; bugetul de stat – "
        "250.000,00 lei”."
    ),
    "plan_summary": gettext_lazy(
        "A paragraph: the plan's measures, beneficiaries, total budget and budget per source."
    ),
}

# --- Romanian writing of numbers, dates and lists ------------------------------------------------

_SOURCE_NAMES = {
    "local": "bugetul local",
    "county": "bugetul județean",
    "state": "bugetul de stat",
    "eu": "fonduri europene",
    "contributions": "contribuțiile beneficiarilor",
    "private": "fonduri private și sponsorizări",
    "other": "alte surse",
}
_VERDICTS = {"favourable": "favorabil", "unfavourable": "nefavorabil"}


def ro_number(value) -> str:
    """An integer with dots between thousands: 1.250."""
    return f"{int(value or 0):,}".replace(",", ".")


def ro_money(value) -> str:
    """An amount in lei, Romanian style: 1.250.000,00 lei."""
    amount = Decimal(value or 0).quantize(Decimal("0.01"))
    whole, _dot, cents = f"{amount:,.2f}".partition(".")
    return f"{whole.replace(',', '.')},{cents} lei"


def ro_percent(part: int, whole: int) -> str:
    """A share with one decimal and a comma: 64,7%."""
    if not whole:
        return ""
    share = (Decimal(min(part, whole)) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
    return f"{share}".replace(".", ",") + "%"


def ro_date(day) -> str:
    if not day:
        return ""
    if hasattr(day, "hour"):
        day = timezone.localdate(day) if timezone.is_aware(day) else day.date()
    return day.strftime("%d.%m.%Y")


def ro_count(n: int, one: str, many: str, none: str = "") -> str:
    """A count with its noun, with the “de” Romanian puts after 20 and more: 1 sesiune,
    12 sesiuni, 20 de sesiuni, 112 sesiuni."""
    n = int(n or 0)
    if n == 0 and none:
        return none
    if n == 1:
        return f"1 {one}"
    rest = n % 100
    joiner = " de " if rest == 0 or rest >= 20 else " "
    return f"{ro_number(n)}{joiner}{many}"


def ro_verb(n: int, singular: str, plural: str) -> str:
    """The verb agreeing with a count: “a fost organizată” 1 sesiune, “au fost organizate” 2."""
    return singular if int(n or 0) == 1 else plural


def ro_list(items) -> str:
    """“a, b și c”."""
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} și {items[-1]}"


def _lower_first(text: str) -> str:
    """“Vârstnici” → “vârstnici”, but an acronym (“ONG”) stays as written."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


# --- The authority's names -----------------------------------------------------------------------

_PREFIXES = (
    ("municipiul ", "Municipiul", "Municipiului"),
    ("orașul ", "Orașul", "Orașului"),
    ("oraşul ", "Orașul", "Orașului"),
    ("comuna ", "Comuna", "Comunei"),
    ("sectorul ", "Sectorul", "Sectorului"),
    ("județul ", "Județul", "Județului"),
    ("judeţul ", "Județul", "Județului"),
)
_KIND_NOUNS = {
    "municipiu": ("Municipiul", "Municipiului"),
    "oras": ("Orașul", "Orașului"),
    "comuna": ("Comuna", "Comunei"),
    "sector": ("Sectorul", "Sectorului"),
    "judet": ("Județul", "Județului"),
}


def authority_names(municipality) -> dict[str, str]:
    """The names a decision uses for the authority, from its name and kind."""
    name = (municipality.name or "").strip()
    lowered = name.lower()
    found = next((row for row in _PREFIXES if lowered.startswith(row[0])), None)
    if found is not None:
        prefix, nominative, genitive = found
        bare = name[len(prefix) :].strip()
    else:
        bare = name
        nominative, genitive = _KIND_NOUNS.get(municipality.kind, _KIND_NOUNS["municipiu"])
    uat, uat_of = f"{nominative} {bare}", f"{genitive} {bare}"
    if municipality.kind == "judet":
        council, council_of = f"Consiliul Județean {bare}", f"Consiliului Județean {bare}"
        executive = f"Președintele Consiliului Județean {bare}"
        executive_of = f"Președintelui Consiliului Județean {bare}"
        department = f"Direcția Generală de Asistență Socială și Protecția Copilului {bare}"
    else:
        council, council_of = f"Consiliul Local al {uat_of}", f"Consiliului Local al {uat_of}"
        executive, executive_of = f"Primarul {uat_of}", f"Primarului {uat_of}"
        if municipality.kind == "comuna":
            department = (
                "compartimentul de asistență socială din aparatul de specialitate al primarului"
            )
        elif municipality.kind == "sector":
            department = (
                f"Direcția Generală de Asistență Socială și Protecția Copilului Sector {bare}"
            )
        else:
            department = f"Direcția de Asistență Socială a {uat_of}"
    return {
        "uat": uat,
        "uat_of": uat_of,
        "county": (municipality.county or "").strip() or MISSING,
        "council": council,
        "council_of": council_of,
        "executive": executive,
        "executive_of": executive_of,
        "department": (municipality.department or "").strip() or department,
    }


# --- Templates -----------------------------------------------------------------------------------


def template_for(municipality, kind: str, part: str) -> str:
    """The municipality's template of one part, or Spirala's default."""
    from actionplans.models import DecisionTemplate

    own = (
        DecisionTemplate.objects.filter(municipality=municipality, kind=kind, part=part)
        .values_list("body", flat=True)
        .first()
    )
    return own if own is not None else DEFAULT_TEMPLATES[kind][part]


def initial_texts(municipality, kind: str) -> dict[str, str]:
    """The texts a new draft decision starts from (one query)."""
    from actionplans.models import DecisionTemplate

    own = dict(
        DecisionTemplate.objects.filter(municipality=municipality, kind=kind).values_list(
            "part", "body"
        )
    )
    return {part: own.get(part, DEFAULT_TEMPLATES[kind][part]) for part in PARTS}


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def validate_template(text: str) -> None:
    unknown = unknown_placeholders(text)
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(names)s.")
            % {"names": ", ".join("{{ " + name + " }}" for name in unknown)}
        )


def _check_part(kind: str, part: str) -> None:
    if kind not in DEFAULT_TEMPLATES or part not in PARTS:
        raise ValidationError(_("Unknown text of a draft decision."))


def save_template(*, municipality, kind: str, part: str, body: str, user):
    """Store the municipality's own template of one part (its history names ``user``)."""
    from actionplans.models import DecisionTemplate

    _check_part(kind, part)
    body = (body or "").strip()
    if not body:
        raise ValidationError(
            _("A template cannot be empty; to use Spirala's text, reset it to the default.")
        )
    if len(body) > MAX_TEMPLATE_LENGTH:
        raise ValidationError(
            _("A template has at most %(limit)s characters.") % {"limit": MAX_TEMPLATE_LENGTH}
        )
    validate_template(body)
    with transaction.atomic():
        template = (
            DecisionTemplate.objects.select_for_update()
            .filter(municipality=municipality, kind=kind, part=part)
            .first()
        )
        if template is None:
            template = DecisionTemplate(municipality=municipality, kind=kind, part=part)
        elif template.body == body:
            return template
        template.body = body
        template._history_user = user
        try:
            with transaction.atomic():
                template.save()
        except IntegrityError:
            # Someone created it at the same moment: change theirs instead.
            template = DecisionTemplate.objects.select_for_update().get(
                municipality=municipality, kind=kind, part=part
            )
            template.body = body
            template._history_user = user
            template.save()
    return template


def reset_template(*, municipality, kind: str, part: str, user) -> bool:
    """Go back to Spirala's default for one part; False if the default was already in use."""
    from actionplans.models import DecisionTemplate

    _check_part(kind, part)
    removed = False
    with transaction.atomic():
        for template in DecisionTemplate.objects.select_for_update().filter(
            municipality=municipality, kind=kind, part=part
        ):
            template._history_user = user
            template.delete()
            removed = True
    return removed


# --- Filling the placeholders --------------------------------------------------------------------


def render_text(text: str, context: dict[str, str]) -> str:
    """Fill ``{{ name }}`` from ``context``; an unknown name is left as written."""
    return PLACEHOLDER.sub(lambda match: context.get(match.group(1), match.group(0)), text)


def _opinion_lines(decision, names: dict) -> dict[str, str]:
    from actionplans.models import Opinion

    opinions = list(decision.opinions.order_by("date", "pk")) if decision.pk else []
    committees, county = [], []
    for opinion in opinions:
        verdict = _VERDICTS.get(opinion.verdict, opinion.verdict)
        if opinion.body == Opinion.Body.COUNTY:
            county.append(
                f"avizul consultativ {verdict} nr. {opinion.number} din {ro_date(opinion.date)} "
                f"dat de {opinion.issuer}, potrivit art. 118 alin. (3) din Legea asistenței "
                "sociale nr. 292/2011;"
            )
        else:
            committees.append(
                f"avizul {verdict} nr. {opinion.number} din {ro_date(opinion.date)} dat de "
                f"{opinion.issuer};"
            )
    committee_lines = "\n".join(committees) or (
        f"avizul comisiei de specialitate a {names['council_of']};"
    )
    if county:
        county_lines = "\n".join(county)
    elif decision.kind == "plan" and decision.municipality.kind != "judet":
        county_lines = (
            f"avizul consultativ nr. {MISSING} din {MISSING} al Consiliului Județean "
            f"{names['county']}, potrivit art. 118 alin. (3) din Legea asistenței sociale "
            "nr. 292/2011;"
        )
    else:
        county_lines = ""
    return {
        "committee_opinions": committee_lines,
        "county_opinion": county_lines,
        "opinions": "\n".join(committees + county),
    }


def _spiral(cycle) -> dict[str, str]:
    """Sessions, groups, participants and statements (3 queries), and the top needs from the
    published map of needs (1 query): small cells were suppressed when it was published, and are
    skipped again here."""
    from beneficiaries.analysis import SMALL_CELL
    from beneficiaries.models import BeneficiaryCategory, NeedsAnalysis, SpiralSession, Statement

    sessions = SpiralSession.objects.filter(cycle=cycle)
    figures = sessions.aggregate(
        n=Count("pk"),
        groups=Count("group_name", distinct=True),
        women=Sum("women"),
        men=Sum("men"),
        first=Min("date"),
        last=Max("date"),
    )
    names = list(
        BeneficiaryCategory.objects.filter(pk__in=sessions.values("category"))
        .order_by("name")
        .values_list("name", flat=True)
    )
    statements = Statement.objects.filter(session__cycle=cycle).count()
    published = (
        NeedsAnalysis.objects.filter(cycle=cycle)
        .order_by("-number")
        .values("number", "published_at", "data")
        .first()
    )

    top_needs, by_group, needs_map = "", "", ""
    if published:
        published_as = (
            f"versiunea nr. {published['number']}, publicată la "
            f"{ro_date(published['published_at'])}"
        )
        needs_map = f"harta nevoilor, {published_as}"
        data = published["data"] or {}
        families = data.get("families") or []
        totals = (data.get("family_totals") or {}).get("illbeing") or []
        ranked = sorted(
            (
                (value, family["code"], family.get("name_ro") or family["code"])
                for family, value in zip(families, totals, strict=False)
                if value is not None and value >= SMALL_CELL
            ),
            key=lambda row: (-row[0], row[1]),
        )[:TOP_NEEDS]
        top_needs = ro_list(
            f"{name} ({ro_count(value, 'afirmație', 'afirmații')})" for value, _c, name in ranked
        )
        groups = []
        top = data.get("top") or {}
        for column in (data.get("by_group") or {}).get("columns") or []:
            items = [
                item
                for item in (top.get(str(column["id"])) or {}).get("illbeing") or []
                if (item.get("n") or 0) >= SMALL_CELL
            ]
            if items:
                item = max(items, key=lambda row: row["n"])
                groups.append(
                    f"{_lower_first(column['name'])} – {item.get('name_ro') or item['code']} "
                    f"({ro_count(item['n'], 'afirmație', 'afirmații')})"
                )
        by_group = "; ".join(groups)

    count = figures["n"] or 0
    participants = (figures["women"] or 0) + (figures["men"] or 0)
    values = {
        "sessions": ro_count(count, "sesiune", "sesiuni", "nicio sesiune"),
        "sessions_period": (
            f"{ro_date(figures['first'])} – {ro_date(figures['last'])}" if count else ""
        ),
        "groups": ro_count(figures["groups"], "grup omogen", "grupuri omogene"),
        "categories": ro_count(len(names), "categorie de beneficiari", "categorii de beneficiari"),
        "category_names": ro_list(_lower_first(name) for name in names),
        "participants": ro_count(participants, "participant", "participanți"),
        "statements": ro_count(statements, "afirmație", "afirmații"),
        "needs_map": needs_map,
        "top_needs": top_needs,
        "needs_by_group": by_group,
    }
    if not count:
        summary = "În acest ciclu nu au fost organizate sesiuni SPIRAL cu beneficiarii."
    else:
        summary = (
            f"În perioada {values['sessions_period']} "
            f"{ro_verb(count, 'a fost organizată', 'au fost organizate')} {values['sessions']} "
            f"SPIRAL, după metodologia Consiliului Europei, cu {values['groups']}, din "
            f"{values['categories']} ({values['category_names']}), la care "
            f"{ro_verb(participants, 'a luat', 'au luat')} parte {values['participants']}. "
            f"Participanții au formulat {values['statements']} despre ce înseamnă pentru ei "
            "starea de bine și starea de rău și despre ce pot face, individual și împreună, "
            "pentru bunăstarea tuturor."
        )
        if not published:
            summary += " Harta nevoilor nu a fost încă publicată."
        else:
            summary += f" Potrivit hărții nevoilor ({published_as}), "
            if top_needs:
                summary += f"nevoile cel mai des exprimate ca stare de rău privesc: {top_needs}."
            else:
                summary += (
                    "nicio familie de nevoi nu întrunește încă pragul de publicare "
                    f"({SMALL_CELL} afirmații)."
                )
            if by_group:
                summary += (
                    f" Pe grupuri de beneficiari, nevoile cele mai des exprimate sunt: {by_group}."
                )
            summary += (
                f" Pentru protecția participanților, cifrele mai mici de {SMALL_CELL} nu sunt "
                "publicate."
            )
    values["spiral_summary"] = summary
    return values


def _providers(cycle) -> dict[str, str]:
    """Rounds, invitations and responses (2 queries); working groups (4 queries)."""
    from consultations.models import (
        ConsultationRound,
        GroupProposal,
        Meeting,
        RoundResponse,
        WorkingGroup,
    )

    rounds = ConsultationRound.objects.filter(cycle=cycle, published=True)
    invited = rounds.aggregate(
        n=Count("pk", distinct=True),
        invitations=Count("invited"),
        organisations=Count("invited", distinct=True),
    )
    answered = RoundResponse.objects.filter(round__in=rounds, submitted_at__isnull=False).aggregate(
        n=Count("pk"), organisations=Count("organisation", distinct=True)
    )
    values = {
        "rounds": ro_count(invited["n"], "rundă", "runde", "nicio rundă"),
        "providers_invited": ro_count(invited["organisations"], "furnizor", "furnizori"),
        "responses": ro_count(answered["n"], "răspuns", "răspunsuri"),
        "response_rate": ro_percent(answered["n"], invited["invitations"]),
    }
    if not invited["n"]:
        values["providers_summary"] = (
            "Nu a fost organizată nicio rundă de consultare scrisă a furnizorilor de servicii "
            "sociale."
        )
    else:
        summary = (
            "Potrivit art. 112 alin. (3) lit. b) din Legea nr. 292/2011, furnizorii publici și "
            "privați de servicii sociale, asociațiile profesionale și organizațiile "
            "reprezentative ale beneficiarilor au fost consultați în scris, în "
            f"{ro_count(invited['n'], 'rundă de consultare', 'runde de consultare')}: "
            f"{ro_verb(invited['organisations'], 'a fost invitat', 'au fost invitați')} "
            f"{values['providers_invited']}, care "
            f"{ro_verb(invited['organisations'], 'a transmis', 'au transmis')} "
            f"{values['responses']}"
        )
        if values["response_rate"]:
            summary += f" (o rată de răspuns de {values['response_rate']})"
        values["providers_summary"] = summary + "."

    groups = list(WorkingGroup.objects.filter(cycle=cycle).order_by("name").values("pk", "name"))
    meetings = dict(
        Meeting.objects.filter(group__cycle=cycle)
        .values("group_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("group_id", "n")
    )
    proposals = {
        row["group_id"]: row
        for row in GroupProposal.objects.filter(group__cycle=cycle)
        .values("group_id")
        .annotate(n=Count("pk"), adopted=Count("pk", filter=Q(status="adopted")))
        .order_by()
    }
    members = (
        WorkingGroup.members.through.objects.filter(workinggroup__cycle=cycle)
        .values("organisation_id")
        .distinct()
        .count()
    )
    total_meetings = sum(meetings.values())
    total = sum(row["n"] for row in proposals.values())
    adopted = sum(row["adopted"] for row in proposals.values())
    listed = []
    for group in groups:
        row = proposals.get(group["pk"], {"n": 0, "adopted": 0})
        detail = ro_count(row["n"], "propunere", "propuneri", "nicio propunere")
        if row["n"]:
            detail += f", dintre care {_adopted(row['adopted'])}"
        listed.append(f"„{group['name']}” ({detail})")
    values.update(
        {
            "working_groups": ro_count(
                len(groups), "grup de lucru tematic", "grupuri de lucru tematice"
            ),
            "meetings": ro_count(total_meetings, "întâlnire", "întâlniri"),
            "proposals": ro_count(total, "propunere", "propuneri"),
            "proposals_adopted": ro_number(adopted),
            "working_groups_list": "; ".join(listed),
        }
    )
    if not groups:
        values["working_groups_summary"] = ""
    else:
        one = len(groups) == 1
        summary = (
            f"A funcționat grupul de lucru tematic „{groups[0]['name']}”"
            if one
            else f"Au funcționat {values['working_groups']}"
        )
        summary += (
            f", cu participarea a {ro_count(members, 'organizație', 'organizații')}, care "
            f"{'s-a reunit' if one else 's-au reunit'} în {values['meetings']} și "
            f"{'a formulat' if one else 'au formulat'} {values['proposals']}"
        )
        if total:
            summary += f", dintre care {_adopted(adopted)}"
        if not one:
            summary += f": {values['working_groups_list']}"
        values["working_groups_summary"] = summary + "."
    return values


def _adopted(n: int) -> str:
    if not n:
        return "niciuna adoptată"
    return f"{ro_number(n)} {'adoptată' if n == 1 else 'adoptate'}"


def _consultation(cycle) -> dict[str, str]:
    """The strategy's latest public consultation (Law 52/2003): 5 queries."""
    from strategy.answering import answer_counts
    from strategy.models import PublicConsultation

    consultation = (
        PublicConsultation.objects.filter(version__strategy__cycle=cycle)
        .select_related("version")
        .order_by("-announced_on", "-pk")
        .first()
    )
    empty = {
        "consultation_announced": "",
        "consultation_until": "",
        "recommendations": ro_count(0, "recomandare", "recomandări", "nicio recomandare"),
        "recommendations_accepted": "0",
        "recommendations_partly": "0",
        "recommendations_rejected": "0",
        "consultation_participants": ro_count(0, "persoană", "persoane"),
        "debates": "nicio dezbatere publică",
        "consultation": "",
        "consultation_summary": (
            "Proiectul strategiei nu a fost încă supus consultării publice potrivit Legii "
            "nr. 52/2003 privind transparența decizională în administrația publică."
        ),
    }
    if consultation is None:
        return empty
    comments = consultation.comments.all()
    counts = answer_counts(comments)
    people = comments.order_by().values("author").distinct().count()
    now = timezone.now()
    held = [
        debate for debate in consultation.debates.order_by("starts_at") if debate.starts_at <= now
    ]
    requested = consultation.debate_requests.count()
    announced = ro_date(consultation.announced_on)
    until = ro_date(consultation.comments_until)
    dates = ro_list(ro_date(debate.starts_at) for debate in held)
    values = {
        "consultation_announced": announced,
        "consultation_until": until,
        "recommendations": ro_count(
            counts["total"], "recomandare", "recomandări", "nicio recomandare"
        ),
        "recommendations_accepted": ro_number(counts["accepted"]),
        "recommendations_partly": ro_number(counts["partly"]),
        "recommendations_rejected": ro_number(counts["rejected"]),
        "consultation_participants": ro_count(people, "persoană", "persoane"),
        "debates": (
            f"{ro_count(len(held), 'dezbatere publică', 'dezbateri publice')} ({dates})"
            if held
            else "nicio dezbatere publică"
        ),
    }
    accepted = values["recommendations_accepted"]
    partly = values["recommendations_partly"]
    rejected = values["recommendations_rejected"]
    received = (
        f"{values['recommendations']}: acceptate – {accepted}, acceptate parțial – {partly}, "
        f"respinse – {rejected}"
        if counts["total"]
        else "nu au fost primite recomandări"
    )
    line = (
        f"anunțul din {announced} privind proiectul strategiei, publicat potrivit art. 7 din "
        "Legea nr. 52/2003 privind transparența decizională în administrația publică, "
        f"republicată, și recomandările primite până la {until} ({received})"
    )
    if held:
        line += (
            f", precum și minuta dezbaterii publice din {dates}"
            if len(held) == 1
            else f", precum și minutele dezbaterilor publice din {dates}"
        )
    values["consultation"] = line + ";"
    summary = (
        f"Proiectul strategiei (versiunea nr. {consultation.version.number}) a fost supus "
        "consultării publice potrivit Legii nr. 52/2003 privind transparența decizională în "
        f"administrația publică: anunțul a fost publicat la {announced}, iar recomandările au "
        f"putut fi transmise până la {until}."
    )
    if counts["total"]:
        summary += (
            f" {ro_verb(counts['total'], 'A fost primită', 'Au fost primite')} "
            f"{values['recommendations']} de la {values['consultation_participants']}; dintre "
            f"acestea au fost acceptate integral {accepted}, acceptate parțial {partly} și "
            f"respinse {rejected}"
        )
        if counts["unanswered"]:
            summary += (
                f", iar {ro_number(counts['unanswered'])} "
                f"{ro_verb(counts['unanswered'], 'nu a primit', 'nu au primit')} încă răspuns"
            )
        summary += (
            ". Recomandările neacceptate au primit un răspuns motivat, cuprins în raportul "
            "consultării publice."
        )
    else:
        summary += " Nu au fost primite recomandări."
    if held:
        summary += (
            f" A fost organizată {values['debates']}, a cărei minută este publică."
            if len(held) == 1
            else f" Au fost organizate {values['debates']}, ale căror minute sunt publice."
        )
    elif requested:
        summary += (
            f" Au fost primite {ro_count(requested, 'solicitare', 'solicitări')} de organizare "
            "a unei dezbateri publice; dezbaterea nu a avut loc până la data prezentului raport."
        )
    else:
        summary += " Nu a fost solicitată organizarea unei dezbateri publice."
    values["consultation_summary"] = summary
    return values


def _plan(plan) -> dict[str, str]:
    """Measures and the budget per source (2 aggregate queries; not the whole plan_data)."""
    from actionplans.models import BudgetLine, Measure

    figures = Measure.objects.filter(plan=plan).aggregate(
        n=Count("pk"), new=Count("pk", filter=Q(section="new")), beneficiaries=Sum("beneficiaries")
    )
    by_source = dict(
        BudgetLine.objects.filter(measure__plan=plan)
        .values("source")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("source", "total")
    )
    total = sum((amount or Decimal(0) for amount in by_source.values()), Decimal(0))
    sources = "; ".join(
        f"{name} – {ro_money(by_source[key])}"
        for key, name in _SOURCE_NAMES.items()
        if by_source.get(key)
    )
    values = {
        "plan_year": str(plan.year),
        "measures": ro_count(figures["n"], "măsură", "măsuri", "nicio măsură"),
        "new_services": ro_count(
            figures["new"], "serviciu social nou", "servicii sociale noi", "niciun serviciu nou"
        ),
        "plan_beneficiaries": ro_count(figures["beneficiaries"], "beneficiar", "beneficiari"),
        "budget_total": ro_money(total),
        "budget_by_source": sources,
    }
    summary = f"Planul anual de acțiune pentru anul {plan.year} cuprinde {values['measures']}"
    if figures["new"]:
        summary += f", dintre care {ro_number(figures['new'])} privind servicii sociale noi"
    if figures["beneficiaries"]:
        summary += f", pentru {values['plan_beneficiaries']}"
    if total:
        summary += f", cu un buget total estimat de {values['budget_total']}, din care: {sources}."
    else:
        summary += "; măsurilor nu le-a fost încă alocat buget."
    values["plan_summary"] = summary
    return values


def _strategy(decision, cycle, names: dict) -> dict[str, str]:
    """Objectives (1 query) and the HCL that adopted the strategy (1 query)."""
    from actionplans.models import CouncilVote
    from strategy.models import StrategicObjective

    objectives = StrategicObjective.objects.filter(strategy__cycle=cycle).aggregate(
        n=Count("pk", distinct=True), specific=Count("specific_objectives", distinct=True)
    )
    vote = (
        CouncilVote.objects.filter(decision__cycle=cycle, decision__kind="strategy", adopted=True)
        .order_by("-decision_date", "-pk")
        .values("decision_number", "decision_date")
        .first()
    )
    period = f"{cycle.start_year}–{cycle.end_year}"
    version = decision.strategy_version if decision.strategy_version_id else None
    return {
        "strategy_period": period,
        "strategy_version": (
            f"versiunea nr. {version.number}, publicată la {ro_date(version.published_at)}"
            if version
            else ""
        ),
        "strategy_hcl": (
            f"Hotărârea {names['council_of']} nr. {vote['decision_number']} din "
            f"{ro_date(vote['decision_date'])} privind aprobarea Strategiei locale de dezvoltare "
            f"a serviciilor sociale a {names['uat_of']} pentru perioada {period};"
            if vote
            else ""
        ),
        "objectives": ro_count(objectives["n"], "obiectiv strategic", "obiective strategice"),
        "specific_objectives": ro_count(
            objectives["specific"], "obiectiv specific", "obiective specifice"
        ),
    }


def text_context(decision) -> dict[str, str]:
    """The values of every placeholder for one draft decision, as Romanian text.

    A constant number of queries (about twenty), whatever the number of sessions, statements,
    responses, comments, measures or budget lines.
    """
    municipality = decision.municipality
    cycle = decision.cycle
    names = authority_names(municipality)
    context = {**names, "initiator": decision.initiator or MISSING}
    referat_number = decision.referat_number or MISSING
    referat_date = ro_date(decision.referat_date) or MISSING
    raport_number = decision.raport_number or MISSING
    raport_date = ro_date(decision.raport_date) or MISSING
    context.update(
        {
            "referat_number": referat_number,
            "referat_date": referat_date,
            "raport_number": raport_number,
            "raport_date": raport_date,
            "referat": (
                f"referatul de aprobare al inițiatorului, {context['initiator']}, înregistrat cu "
                f"nr. {referat_number} din {referat_date};"
            ),
            "raport": (
                f"raportul de specialitate întocmit de {names['department']}, înregistrat cu "
                f"nr. {raport_number} din {raport_date};"
            ),
        }
    )
    context.update(_opinion_lines(decision, names))
    context.update(_spiral(cycle))
    context.update(_providers(cycle))
    context.update(_consultation(cycle))
    context.update(_plan(decision.plan))
    context.update(_strategy(decision, cycle, names))
    return {name: context[name] for name in PLACEHOLDERS}


def rendered(decision) -> dict[str, str]:
    """Every part of the decision with its placeholders filled."""
    context = text_context(decision)
    return {part: render_text(getattr(decision, part), context) for part in PARTS}


def list_title(decision) -> str:
    """The title for lists of decisions: the placeholders that need no query (the authority's
    names, the years, the initiator) filled, any other shown as “…”. The decision's
    municipality, cycle and plan are expected loaded (select_related)."""
    cycle = decision.cycle
    context = {
        **authority_names(decision.municipality),
        "plan_year": str(decision.plan.year),
        "strategy_period": f"{cycle.start_year}–{cycle.end_year}",
        "initiator": decision.initiator or MISSING,
    }
    return PLACEHOLDER.sub("…", render_text(decision.title, context))


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs (separated by empty lines), e.g. the articles of the decision."""
    return [block.strip() for block in re.split(r"\n\s*\n", text or "") if block.strip()]


def lines(text: str) -> list[str]:
    """A text's non-empty lines, e.g. the documents of the preamble."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
