"""The strategy cycle's ordered stages and what each allows: the one registry permissions read.

Each stage declares, per action, which roles may perform it while the stage is active, and carries
readiness checks that must all pass before the cycle can advance. Apps add their own checks with
`@readiness_check("stage_key", label)` in their `checks.py`, imported from `AppConfig.ready`.

Every declared action is read by a permission (`core.predicates.stage_allows`) or noted as read
(`core.predicates.reads_action`); tests/core/test_stages.py fails on an action nothing reads.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Role values (kept as strings here so that models can import this module).
ADMIN, STAFF, FACILITATOR, PROVIDER, SECRETARY, PUBLIC = (
    "admin",
    "staff",
    "facilitator",
    "provider",
    "secretary",
    "public",
)
MANAGERS = frozenset({ADMIN, STAFF})


@dataclass(frozen=True)
class CheckResult:
    done: bool
    detail: str = ""


@dataclass(frozen=True)
class ReadinessCheck:
    key: str
    label: Promise | str
    func: Callable[..., CheckResult]

    def run(self, cycle) -> CheckResult:
        result = self.func(cycle)
        if isinstance(result, bool):
            return CheckResult(done=result)
        return result


@dataclass
class Stage:
    key: str
    label: Promise | str
    description: Promise | str
    allows: Mapping[str, frozenset[str]]
    # One paragraph for a newcomer: what the stage needs and who does what.
    guidance: Promise | str = ""
    # The texts the stage rests on, as DOMAIN.md states them (no article not checked there).
    legal_basis: Promise | str = ""
    # Keys of core.glossary.TERMS that the stage's page links to.
    terms: tuple[str, ...] = ()
    checks: list[ReadinessCheck] = field(default_factory=list)
    index: int = 0

    def roles_for(self, action: str) -> frozenset[str]:
        return self.allows.get(action, frozenset())

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def next(self) -> "Stage | None":
        return STAGES[self.index + 1] if self.index + 1 < len(STAGES) else None

    @property
    def previous(self) -> "Stage | None":
        return STAGES[self.index - 1] if self.index > 0 else None

    def run_checks(self, cycle) -> list[tuple[ReadinessCheck, CheckResult]]:
        return [(check, check.run(cycle)) for check in self.checks]

    def __str__(self):
        return str(self.label)


STAGES: list[Stage] = [
    Stage(
        key="visions",
        label=_("Beneficiary visions (SPIRAL)"),
        description=_(
            "Homogeneous groups of beneficiaries say what well-being and ill-being mean to them; "
            "facilitators enter the statements, staff code them into the map of needs."
        ),
        guidance=_(
            "This stage needs homogeneous groups of beneficiaries in the same situation (8 to 10 "
            "people, split above 12), one or two facilitators each group accepts, and a plain "
            "notice that taking part is voluntary. Staff plan the sessions and the beneficiary "
            "categories; facilitators run them and enter each post-it as one statement, without "
            "names or addresses; staff code every statement into a SPIRAL family and component "
            "and publish the map of needs only as totals, hiding counts under 5."
        ),
        legal_basis=_(
            "The Council of Europe SPIRAL method (guide “Involving citizens and communities in "
            "securing societal progress for the well-being of all”, 2011); Law 292/2011, "
            "art. 112(3)(a): the local authority drafts the local strategy for the development of "
            "social services; GDPR art. 9 and Law 190/2018 for the data of the participants."
        ),
        terms=("spiral", "spiral-families", "das", "uat"),
        allows={
            "manage_sessions": MANAGERS,
            "enter_statements": MANAGERS | {FACILITATOR},
            "code_statements": MANAGERS,
        },
    ),
    Stage(
        key="provider_consultation",
        label=_("Provider consultation"),
        description=_(
            "Public and private providers update the guide of social services, answer the "
            "consultation rounds and work in thematic groups (Law 292/2011, art. 112)."
        ),
        guidance=_(
            "Before the strategy is drafted, the authority consults the public and private "
            "providers, the professional associations and the organisations representing the "
            "beneficiaries. Staff invite the organisations and set up written rounds with a "
            "deadline; each provider keeps its services in the guide up to date (nomenclature "
            "code, accreditation certificate, functioning licence) and gives one response per "
            "round; providers and staff work on themes together in working groups."
        ),
        legal_basis=_(
            "Law 292/2011, art. 112(3)(b): consulting the public and private providers, the "
            "professional associations and the organisations representing the beneficiaries; "
            "HG 867/2015, the nomenclature of social services; Law 197/2012 on quality assurance: "
            "accreditation of providers and functioning licences of services."
        ),
        terms=("furnizor", "nomenclator", "das"),
        allows={
            "manage_rounds": MANAGERS,
            "respond_to_round": frozenset({PROVIDER}),
            "join_working_group": frozenset({PROVIDER}) | MANAGERS,
        },
    ),
    Stage(
        key="objectives",
        label=_("Strategic objectives"),
        description=_(
            "Staff turn the map of needs and the providers' input into guidelines, strategic and "
            "specific objectives and indicators, each linked to its evidence."
        ),
        guidance=_(
            "This stage needs the coded map of needs and the providers' input. The DAS (in a "
            "commune, the social-assistance compartment) drafts the strategy: guidelines, "
            "strategic and specific objectives and indicators, each linked to the needs, "
            "statements and provider inputs behind it; the working groups' adopted proposals feed "
            "the objectives. The strategy follows the national and county strategies and covers "
            "the years of the cycle."
        ),
        legal_basis=_(
            "Law 292/2011, art. 112(3)(a): the local strategy for the development of social "
            "services, in line with the national and county strategies; HG 797/2017, the "
            "framework rules of the public social-assistance services (Annex 2 for municipalities "
            "and towns, Annex 3 for communes)."
        ),
        terms=("das", "spiral", "uat"),
        allows={
            "edit_strategy": MANAGERS,
            # The groups' adopted proposals feed the objectives, so the groups keep working.
            "join_working_group": frozenset({PROVIDER}) | MANAGERS,
        },
    ),
    Stage(
        key="public_consultation",
        label=_("Public consultation"),
        description=_(
            "The draft strategy is put to public consultation (Law 52/2003); every recommendation "
            "gets a reasoned answer."
        ),
        guidance=_(
            "The draft strategy is announced on the website, at the headquarters and to the "
            "media, with the referat, the full text and the deadline and channel for "
            "recommendations, at least 30 working days before it goes to be given opinions. "
            "Anyone may send recommendations (by default within 10 calendar days); when an "
            "association or another authority asks in writing, a public debate must be held and "
            "its minutes published. Staff answer every recommendation, with written reasons for "
            "those not taken, and publish the versions and the final text."
        ),
        legal_basis=_(
            "Law 52/2003 on decisional transparency in public administration (republished): "
            "art. 7(2) announcement at least 30 working days ahead, art. 7(4) recommendations, "
            "art. 7(9) public debate on request, art. 12(3) reasons for the recommendations not "
            "taken, art. 13 annual report."
        ),
        terms=("consultare", "recomandare", "dezbatere", "referat"),
        allows={
            "edit_strategy": MANAGERS,  # changes after the consultation make the next version
            "comment_on_draft": frozenset({PUBLIC, PROVIDER, FACILITATOR}),
            "request_public_debate": frozenset({PUBLIC, PROVIDER}),
            "answer_recommendations": MANAGERS,
        },
    ),
    Stage(
        key="action_plan",
        label=_("Annual action plan"),
        description=_(
            "Measures and services with owners, partners, schedule, budget per funding source and "
            "indicators, in the legal model's structure."
        ),
        guidance=_(
            "Each year, before the next year's draft budget, the DAS drafts the annual action "
            "plan in the three chapters of the legal model: the administration, setting up and "
            "financing of services (beneficiaries by number and category, existing and new "
            "services, contracting of private providers and the subsidy programme, budget and "
            "funding sources); informing the public about the services; training the staff. "
            "Every measure has an owner, partners, a schedule, budget lines per funding source "
            "and indicators. The county council gives an aviz consultativ on the plan."
        ),
        legal_basis=_(
            "Law 292/2011, art. 112(3) and art. 118: art. 118(2) contracting and the subsidy "
            "programme, art. 118(3) the county council's aviz consultativ; Ordin MMJS 1.086/2018, "
            "the model of the annual action plan; Law 34/1998 for the subsidy programme; "
            "HG 797/2017, Annex 2, art. 5."
        ),
        terms=("plan", "aviz", "das", "furnizor"),
        allows={
            "edit_action_plan": MANAGERS,
        },
    ),
    Stage(
        key="council_approval",
        label=_("Council approval"),
        description=_(
            "The vote dossier goes to the local council; the council secretary downloads it and "
            "records the vote (HCL)."
        ),
        guidance=_(
            "The mayor initiates the draft decision with a referat de aprobare; the DAS writes "
            "the raport de specialitate; the council's committees give their avize, and for a "
            "plan the county council's aviz consultativ and the Law 52/2003 consultation are "
            "cited in the preamble. Staff prepare the vote dossier; the council secretary "
            "downloads it and records the vote, the HCL number and its date. A strategy or a plan "
            "is adopted by simple majority unless the council's rules or the decision's other "
            "contents ask for more; the secretary general communicates the HCL, to the prefect as "
            "well for the legality check."
        ),
        legal_basis=_(
            "Administrative Code (OUG 57/2019): art. 136 the draft decision, its referat and "
            "raport, art. 139 the majorities, art. 196(1)(a) the form of the decision; "
            "Law 292/2011, art. 112(3) and art. 118; HG 797/2017, Annex 2, art. 5; "
            "Ordin MMJS 1.086/2018."
        ),
        terms=("proiect", "referat", "raport", "aviz", "hcl"),
        allows={
            "edit_action_plan": MANAGERS,  # later years' plans, and a plan sent back
            "prepare_dossier": MANAGERS,
            "download_dossier": MANAGERS | {SECRETARY},
            "record_vote": frozenset({SECRETARY}),
        },
    ),
    Stage(
        key="monitoring",
        label=_("Implementation monitoring"),
        description=_(
            "Implementation is monitored against the indicators and published; the next cycle is "
            "prepared from what was learned."
        ),
        guidance=_(
            "The DAS follows each measure's progress and budget execution against its indicators "
            "and publishes the results; the plans of the strategy's later years each go to the "
            "council through their own draft decision. Plans, strategies and service data go to "
            "the county and to the Ministry by 31 May, and the annual Law 52/2003 report lists "
            "the recommendations received and taken and the debates held. What was learned "
            "prepares the next cycle, as SPIRAL's evaluation and review phases do."
        ),
        legal_basis=_(
            "Law 292/2011, art. 115(2)–(3): reporting to the county and to the Ministry by "
            "31 May; HG 797/2017, art. 3(2)(g): service data on request; Law 52/2003, art. 13: "
            "the annual report. No primary text sets a yearly monitoring report: its cadence is "
            "a setting."
        ),
        terms=("plan", "hcl", "proiect", "consultare"),
        allows={
            # The plans of the strategy's next years, each through its own draft decision.
            "edit_action_plan": MANAGERS,
            # Progress of the approved plans: staff, and a partner provider on its measures.
            "report_progress": MANAGERS | {PROVIDER},
            "prepare_dossier": MANAGERS,
            "download_dossier": MANAGERS | {SECRETARY},
            "record_vote": frozenset({SECRETARY}),
        },
    ),
]
for _index, _stage in enumerate(STAGES):
    _stage.index = _index

STAGES_BY_KEY: dict[str, Stage] = {stage.key: stage for stage in STAGES}
ACTIONS: frozenset[str] = frozenset(action for stage in STAGES for action in stage.allows)


def get_stage(key: str) -> Stage:
    return STAGES_BY_KEY[key]


def check_action(action: str) -> str:
    """The action, if a stage declares it: a typo fails loudly instead of allowing nothing."""
    if action not in ACTIONS:
        raise ImproperlyConfigured(f"No stage in core.stages declares the action {action!r}.")
    return action


def stages_allowing(action: str, roles: Iterable[str] | None = None) -> list[Stage]:
    """The stages in which `action` is allowed: to one of `roles`, or to anyone when None."""
    check_action(action)
    wanted = None if roles is None else frozenset(roles)
    return [
        stage
        for stage in STAGES
        if stage.roles_for(action) and (wanted is None or stage.roles_for(action) & wanted)
    ]


def readiness_check(stage_key: str, label):
    """Register a readiness check for a stage; the function takes the cycle."""

    def decorator(func):
        stage = get_stage(stage_key)
        key = f"{func.__module__}.{func.__name__}"
        if all(check.key != key for check in stage.checks):
            stage.checks.append(ReadinessCheck(key=key, label=label, func=func))
        return func

    return decorator
