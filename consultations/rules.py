"""Permissions of the provider consultation: `consultations.<verb>_<model>`.

Object of each permission: an Organisation, a ConsultationRound or a WorkingGroup.
"""

import rules

from consultations.predicates import (
    is_admin_of_organisation,
    is_in_working_group,
    is_invited_to_round,
    is_member_of_organisation,
    manages_municipality_of,
    round_is_open,
)

# Organisations and their members
rules.add_perm(
    "consultations.view_organisation", manages_municipality_of | is_member_of_organisation
)
rules.add_perm("consultations.manage_members", manages_municipality_of | is_admin_of_organisation)
rules.add_perm(
    "consultations.change_organisation", manages_municipality_of | is_admin_of_organisation
)

# Consultation rounds
rules.add_perm("consultations.manage_round", manages_municipality_of)
rules.add_perm("consultations.view_round", manages_municipality_of | is_invited_to_round)
rules.add_perm("consultations.respond_to_round", is_invited_to_round & round_is_open)

# Working groups
rules.add_perm("consultations.manage_group", manages_municipality_of)
rules.add_perm("consultations.view_group", manages_municipality_of | is_in_working_group)
rules.add_perm("consultations.propose_in_group", manages_municipality_of | is_in_working_group)
