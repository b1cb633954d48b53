"""The terms a newcomer meets in the strategy cycle, shown on /glosar/ and linked from stage help.

Definitions hold only what /work/shared/DOMAIN.md states as checked; lists the law leaves open
(deadlines, SPIRAL labels, nomenclature codes) are said to be editable.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    key: str
    short: str  # the word as it is written in Romanian documents, untranslated
    name: Promise | str
    definition: Promise | str

    @property
    def anchor(self) -> str:
        return f"term-{self.key}"


TERMS: list[Term] = [
    Term(
        key="uat",
        short="UAT",
        name=_("UAT – administrative-territorial unit"),
        definition=_(
            "A commune, town or municipality (or a county) with its own local public "
            "administration: the local council, which decides, and the mayor, who carries the "
            "decisions out. In Spirala each municipality is one UAT."
        ),
    ),
    Term(
        key="das",
        short="DAS",
        name=_("DAS, SPAS, DGASPC – the public social-assistance services"),
        definition=_(
            "The DAS (Direcția de Asistență Socială) is the social-assistance department of a "
            "municipality or town; in a commune the same work is done by the public "
            "social-assistance service or compartment (SPAS). The DGASPC (Direcția Generală de "
            "Asistență Socială și Protecția Copilului) is the county's. Their framework rules are "
            "in HG 797/2017: Annex 1 for the DGASPC, Annex 2 for the DAS of municipalities and "
            "towns, Annex 3 for communes. The DAS drafts the strategy and the annual plans and "
            "writes the raport de specialitate."
        ),
    ),
    Term(
        key="hcl",
        short="HCL",
        name=_("HCL – decision of the local council (hotărâre a consiliului local)"),
        definition=_(
            "The act by which the local council adopts the strategy or an annual action plan. It "
            "has a number and a year, a date, a title, a legal basis and articles, and records the "
            "votes. It is signed by the chair of the session and countersigned by the secretary "
            "general, who communicates it, to the prefect as well for the legality check. A county "
            "council's decision is an HCJ."
        ),
    ),
    Term(
        key="proiect",
        short="proiect de hotărâre",
        name=_("Draft decision (proiect de hotărâre)"),
        definition=_(
            "The text put to the council before it becomes an HCL. The mayor, councillors or "
            "citizens initiate it with a referat de aprobare; the competent department writes the "
            "raport de specialitate and the council's committees give their avize (Administrative "
            "Code, OUG 57/2019, art. 136)."
        ),
    ),
    Term(
        key="spiral",
        short="SPIRAL",
        name=_("SPIRAL – Societal Progress Indicators for the Responsibility of All"),
        definition=_(
            "A Council of Europe method by which citizens define well-being themselves. "
            "Homogeneous groups of 8 to 10 people in the same situation, with one or two "
            "facilitators they accept, answer three open questions: what well-being is for them, "
            "what ill-being is, and what they do or can do for their well-being and that of all. "
            "Each person writes one idea per post-it; the group then approves the criteria, which "
            "are coded into families and components and counted into the map of needs."
        ),
    ),
    Term(
        key="spiral-families",
        short="familii SPIRAL",
        name=_("SPIRAL families (dimensions) and components"),
        definition=_(
            "A family groups the criteria by what they are about: A Access to essential "
            "resources, B Living environment, C Relations with and between organisations, "
            "D Personal relations, E Social balances, F Personal balance, G Feelings of well-being "
            "and ill-being, H Attitudes and initiatives. Each family has components coded A00, "
            "A01 and so on, the x00 one being the general component. A criterion's code also "
            "gives the side (P for ill-being) and the beneficiary, for example A01/P15/k. The "
            "families and their labels are editable lists."
        ),
    ),
    Term(
        key="aviz",
        short="aviz",
        name=_("Aviz (opinion) and aviz consultativ"),
        definition=_(
            "An opinion given on a draft before the vote. The council's specialist committees give "
            "an aviz on each draft decision. For an annual action plan the county council gives an "
            "aviz consultativ, an advisory opinion that the decision cites (Law 292/2011, "
            "art. 118(3))."
        ),
    ),
    Term(
        key="referat",
        short="referat de aprobare",
        name=_("Referat de aprobare (the initiator's note)"),
        definition=_(
            "The note by which the initiator, usually the mayor, proposes a draft decision and "
            "says why it is needed. It opens the dossier, the decision's preamble cites it by "
            "number and date, and it is published with the draft in the Law 52/2003 consultation."
        ),
    ),
    Term(
        key="raport",
        short="raport de specialitate",
        name=_("Raport de specialitate (the department's report)"),
        definition=_(
            "The report of the competent department on a draft decision; for social services it "
            "is written by the DAS. The decision's preamble cites it next to the referat de "
            "aprobare and the committees' avize."
        ),
    ),
    Term(
        key="consultare",
        short="Legea 52/2003",
        name=_("Consultation under Law 52/2003 on decisional transparency"),
        definition=_(
            "Before a normative draft goes to be given opinions, the authority announces it on "
            "its website, at its headquarters and to the media at least 30 working days ahead "
            "(art. 7(2)). The announcement contains the referat, the full text and the deadline "
            "and channel for recommendations. The authority publishes the versions, the minutes "
            "and the final text, and each year a report on its decisional transparency (art. 13)."
        ),
    ),
    Term(
        key="recomandare",
        short="recomandare",
        name=_("Recommendation (recomandare)"),
        definition=_(
            "A proposal, suggestion or opinion sent in writing on a draft during the consultation "
            "(Law 52/2003, art. 7(4)). The authority keeps a register of them and gives written "
            "reasons for each recommendation it does not take (art. 12(3)). Spirala sets the "
            "period to 10 calendar days from the announcement by default; the setting is "
            "editable."
        ),
    ),
    Term(
        key="dezbatere",
        short="dezbatere publică",
        name=_("Public debate (dezbatere publică)"),
        definition=_(
            "A meeting on the draft, mandatory when an association or another authority asks for "
            "it in writing (Law 52/2003, art. 7(9)). Its minutes (minuta) are public."
        ),
    ),
    Term(
        key="nomenclator",
        short="nomenclator",
        name=_("Nomenclature of social services (HG 867/2015)"),
        definition=_(
            "The official list of social services, each with a code made of the CAEN class, the "
            "type (CR residential, CZ day, ID home care; services in the community are the fourth "
            "type), the letters of the target group and a Roman numeral, for example 8790 CR-D-I "
            "for care and assistance centres. The guide of services and the plans use these codes."
        ),
    ),
    Term(
        key="furnizor",
        short="furnizor acreditat",
        name=_("Accredited provider (furnizor acreditat)"),
        definition=_(
            "A public or private organisation that holds a certificat de acreditare to provide "
            "social services; each of its services also needs a licență de funcționare. Both are "
            "listed in the Registrul electronic unic al serviciilor sociale (Law 197/2012)."
        ),
    ),
    Term(
        key="plan",
        short="plan anual de acțiune",
        name=_("Annual action plan (plan anual de acțiune)"),
        definition=_(
            "The yearly plan that carries out the strategy, drafted by the DAS before the next "
            "year's draft budget on the model of Ordin MMJS 1.086/2018: beneficiaries by number "
            "and category, existing services and new ones, the contracting of private providers "
            "and the subsidy programme, the budget and its funding sources, then the information "
            "of the public and the training of staff. The county council gives an aviz "
            "consultativ and the local council adopts the plan by an HCL."
        ),
    ),
]

TERMS_BY_KEY: dict[str, Term] = {term.key: term for term in TERMS}
