"""Permissions of the SPIRAL stage: `beneficiaries.<verb>_<model>`.

Sessions are planned and edited while the cycle's stage allows `manage_sessions`; staff and the
assigned facilitators still see them (and close them) in any stage.
"""

import rules

from beneficiaries.predicates import (
    is_assigned_facilitator,
    manages_session_municipality,
    session_is_open,
)
from core.predicates import has_role, is_staff_of_municipality, stage_allows
from core.stages import ADMIN, FACILITATOR, STAFF

works_on_sessions = has_role(ADMIN, STAFF, FACILITATOR, name="works_on_sessions")

rules.add_perm("beneficiaries.list_spiralsession", works_on_sessions)
# The object is the StrategyCycle the new session belongs to.
rules.add_perm(
    "beneficiaries.add_spiralsession", is_staff_of_municipality & stage_allows("manage_sessions")
)
rules.add_perm(
    "beneficiaries.view_spiralsession", manages_session_municipality | is_assigned_facilitator
)
rules.add_perm(
    "beneficiaries.change_spiralsession",
    manages_session_municipality & stage_allows("manage_sessions"),
)
rules.add_perm(
    "beneficiaries.enter_statements",
    (manages_session_municipality | is_assigned_facilitator)
    & session_is_open
    & stage_allows("enter_statements"),
)
rules.add_perm(
    "beneficiaries.close_spiralsession",
    (manages_session_municipality | is_assigned_facilitator) & session_is_open,
)
rules.add_perm("beneficiaries.manage_categories", is_staff_of_municipality)

rules.add_perm("beneficiaries.code_statements", is_staff_of_municipality)
rules.add_perm(
    "beneficiaries.code_statement", manages_session_municipality & stage_allows("code_statements")
)
rules.add_perm("beneficiaries.view_needs_map", is_staff_of_municipality)
rules.add_perm("beneficiaries.publish_needs_map", is_staff_of_municipality)
