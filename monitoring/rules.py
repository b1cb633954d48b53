"""Permissions of monitoring: ``monitoring.<verb>``.

* list_monitoring (the Municipality): staff; the menu's entry.
* view_plan_monitoring (an ActionPlan): staff, once the council approved the plan.
* report_progress (a Measure): staff, or a provider partner of the measure, on an approved plan
  while the cycle's stage allows ``report_progress``.
* manage_monitoring (a plan, period or report): staff close periods, accept or return partner
  reports, record indicator values, on an approved plan in a reporting stage.
* list_partner_measures (the Municipality): a provider with an organisation.
"""

import rules

from monitoring.predicates import (
    is_partner_of_measure,
    is_provider,
    manages_municipality,
    manages_plan,
    plan_is_approved,
    stage_allows_reporting,
)

rules.add_perm("monitoring.list_monitoring", manages_municipality)
rules.add_perm("monitoring.view_plan_monitoring", manages_plan & plan_is_approved)
rules.add_perm(
    "monitoring.report_progress",
    (manages_plan | is_partner_of_measure) & plan_is_approved & stage_allows_reporting,
)
rules.add_perm(
    "monitoring.manage_monitoring", manages_plan & plan_is_approved & stage_allows_reporting
)
rules.add_perm("monitoring.list_partner_measures", is_provider)
