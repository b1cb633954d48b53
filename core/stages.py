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
        allows={
            # The plans of the strategy's next years, each through its own draft decision.
            "edit_action_plan": MANAGERS,
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
