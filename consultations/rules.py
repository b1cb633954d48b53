"""Permissions of the provider consultation: `consultations.<verb>_<model>`.

Object of each permission: an Organisation, a ConsultationRound, a WorkingGroup, or the
StrategyCycle a new round or group would belong to. Staff read rounds, responses and groups in any
stage; setting rounds up, responding and working in groups follow what the cycle's stage allows.
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
from core.predicates import stage_allows

# Organisations and their members
rules.add_perm(
    "consultations.view_organisation", manages_municipality_of | is_member_of_organisation
)
rules.add_perm("consultations.manage_members", manages_municipality_of | is_admin_of_organisation)
rules.add_perm(
    "consultations.change_organisation", manages_municipality_of | is_admin_of_organisation
)

# Consultation rounds
rounds_stage = stage_allows("manage_rounds")
rules.add_perm("consultations.add_round", manages_municipality_of & rounds_stage)  # on a cycle
rules.add_perm("consultations.manage_round", manages_municipality_of & rounds_stage)
rules.add_perm("consultations.view_round", manages_municipality_of | is_invited_to_round)
rules.add_perm("consultations.review_round", manages_municipality_of)
rules.add_perm(
    "consultations.respond_to_round",
    is_invited_to_round & round_is_open & stage_allows("respond_to_round"),
)

# Working groups
groups_stage = stage_allows("join_working_group")
rules.add_perm("consultations.add_group", manages_municipality_of & groups_stage)  # on a cycle
rules.add_perm("consultations.manage_group", manages_municipality_of & groups_stage)
rules.add_perm("consultations.view_group", manages_municipality_of | is_in_working_group)
rules.add_perm(
    "consultations.propose_in_group",
    (manages_municipality_of | is_in_working_group) & groups_stage,
)
