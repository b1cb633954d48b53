"""The annual action plans (``plans``) and the council's decisions on the plans and the strategy
(``council``)."""

from actionplans.models.council import (  # noqa: F401
    CouncilVote,
    DecisionKind,
    DecisionTemplate,
    DraftDecision,
    Opinion,
)
from actionplans.models.plans import (  # noqa: F401
    MAX_AMOUNT,
    MONTH_VALIDATORS,
    SECTION_ORDER,
    YEAR_VALIDATORS,
    ActionPlan,
    BudgetLine,
    LegalSection,
    Measure,
    MeasureIndicator,
    ObjectiveSkipped,
    PlanQuerySet,
)
