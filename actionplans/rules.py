"""Permissions of the annual action plans: `actionplans.<verb>_plan`.

* view: staff of the municipality always; the council secretary once the plan went to the
  council (submitted or approved). The public sees approved plans through the public page.
* add: staff, once the cycle reached the action-plan stage (the object is the cycle).
* change: staff, while the plan is a draft and the cycle is in a plan stage.
* A plan goes to the council annexed to a draft decision (``*_decision`` below).
* download_plan_file: staff and the council secretary (the object is a GeneratedFile).
"""

import rules

from actionplans.predicates import (
    decision_is_draft,
    decision_is_submitted,
    decision_stage_allows,
    decision_went_to_council,
    is_council_secretary,
    manages_plan_municipality,
    plan_is_draft,
    plan_went_to_council,
)
from core.predicates import stage_allows

# The object is the Municipality: who sees the list of plans (staff, the council secretary).
rules.add_perm("actionplans.list_plans", manages_plan_municipality | is_council_secretary)
rules.add_perm(
    "actionplans.view_plan",
    manages_plan_municipality | (is_council_secretary & plan_went_to_council),
)
rules.add_perm("actionplans.add_plan", manages_plan_municipality & stage_allows("edit_action_plan"))
rules.add_perm(
    "actionplans.change_plan",
    manages_plan_municipality & plan_is_draft & stage_allows("edit_action_plan"),
)
rules.add_perm("actionplans.download_plan_file", manages_plan_municipality | is_council_secretary)

# --- Draft council decisions: the object is a DraftDecision, an Opinion or the dossier's
# GeneratedFile (``params["decision"]``); the list's object is the Municipality. ---
rules.add_perm("actionplans.list_decisions", manages_plan_municipality | is_council_secretary)
# The object is the StrategyCycle.
rules.add_perm(
    "actionplans.add_decision", manages_plan_municipality & stage_allows("prepare_dossier")
)
rules.add_perm(
    "actionplans.view_decision",
    manages_plan_municipality | (is_council_secretary & decision_went_to_council),
)
rules.add_perm(
    "actionplans.change_decision",
    manages_plan_municipality & decision_is_draft & decision_stage_allows("prepare_dossier"),
)
rules.add_perm(
    "actionplans.submit_decision",
    manages_plan_municipality & decision_is_draft & decision_stage_allows("prepare_dossier"),
)
rules.add_perm("actionplans.withdraw_decision", manages_plan_municipality & decision_is_submitted)
rules.add_perm(
    "actionplans.record_decision_vote",
    is_council_secretary & decision_is_submitted & decision_stage_allows("record_vote"),
)
# The dossier and the uploaded opinions: staff always; the secretary once the draft went to
# the council and while the stage lets them download it.
rules.add_perm(
    "actionplans.download_dossier",
    manages_plan_municipality
    | (is_council_secretary & decision_went_to_council & decision_stage_allows("download_dossier")),
)
# The municipality's own templates of the decision texts (the object is the Municipality).
rules.add_perm("actionplans.manage_decision_templates", manages_plan_municipality)
