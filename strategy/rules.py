"""Permissions of the strategy stage: `strategy.<verb>_<model>`.

Objects: a Strategy (its cycle gives the stage) or a PublicConsultation (``.cycle`` gives it).
"""

import rules

from core.predicates import stage_allows
from strategy.predicates import (
    consultation_accepts_comments,
    has_a_role_here,
    manages_strategy_municipality,
)

rules.add_perm("strategy.view_strategy", manages_strategy_municipality)
rules.add_perm(
    "strategy.change_strategy", manages_strategy_municipality & stage_allows("edit_strategy")
)
rules.add_perm("strategy.publish_version", manages_strategy_municipality)
rules.add_perm("strategy.open_consultation", manages_strategy_municipality)
rules.add_perm(
    "strategy.comment_on_draft",
    has_a_role_here & consultation_accepts_comments & stage_allows("comment_on_draft"),
)
rules.add_perm(
    "strategy.request_debate",
    has_a_role_here & consultation_accepts_comments & stage_allows("request_public_debate"),
)
rules.add_perm(
    "strategy.answer_comment",
    manages_strategy_municipality & stage_allows("answer_recommendations"),
)
rules.add_perm("strategy.moderate_comment", manages_strategy_municipality)
rules.add_perm("strategy.manage_debate", manages_strategy_municipality)
