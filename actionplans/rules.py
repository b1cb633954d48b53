"""Permissions of the annual action plans: `actionplans.<verb>_plan`.

* view: staff of the municipality always; the council secretary once the plan went to the
  council (submitted or approved). The public sees approved plans through the public page.
* add: staff, once the cycle reached the action-plan stage (the object is the cycle).
* change: staff, while the plan is a draft and the cycle is in a plan stage.
* submit / withdraw: staff; record_vote: the council secretary, on a submitted plan.
* download_plan_file: staff and the council secretary (the object is a GeneratedFile).
"""

import rules

from actionplans.predicates import (
    cycle_in_plan_stage,
    is_council_secretary,
    manages_plan_municipality,
    plan_is_draft,
    plan_is_submitted,
    plan_went_to_council,
)

# The object is the Municipality: who sees the list of plans (staff, the council secretary).
rules.add_perm("actionplans.list_plans", manages_plan_municipality | is_council_secretary)
rules.add_perm(
    "actionplans.view_plan",
    manages_plan_municipality | (is_council_secretary & plan_went_to_council),
)
rules.add_perm("actionplans.add_plan", manages_plan_municipality & cycle_in_plan_stage)
rules.add_perm(
    "actionplans.change_plan", manages_plan_municipality & plan_is_draft & cycle_in_plan_stage
)
rules.add_perm(
    "actionplans.submit_plan", manages_plan_municipality & plan_is_draft & cycle_in_plan_stage
)
rules.add_perm("actionplans.withdraw_plan", manages_plan_municipality & plan_is_submitted)
rules.add_perm("actionplans.record_vote", is_council_secretary & plan_is_submitted)
rules.add_perm("actionplans.download_plan_file", manages_plan_municipality | is_council_secretary)
