"""Permissions of the core: `core.<verb>_<model>`, each a combination of named predicates."""

import rules

from core.predicates import (
    cycle_can_roll_back,
    has_any_role,
    is_administrator,
    is_staff_of_municipality,
)

rules.add_perm("core.view_dashboard", is_staff_of_municipality)
rules.add_perm("core.view_municipality_area", has_any_role)
rules.add_perm("core.manage_zone", is_staff_of_municipality)
rules.add_perm("core.manage_organisation", is_staff_of_municipality)
rules.add_perm("core.manage_membership", is_administrator)
rules.add_perm("core.add_strategycycle", is_staff_of_municipality)
rules.add_perm("core.view_strategycycle", is_staff_of_municipality)
rules.add_perm("core.change_strategycycle", is_staff_of_municipality)
rules.add_perm("core.advance_strategycycle", is_staff_of_municipality)
rules.add_perm("core.rollback_strategycycle", is_administrator & cycle_can_roll_back)
rules.add_perm("core.view_history", is_staff_of_municipality)
