"""The help block of a stage: its guidance, legal basis and the glossary terms it links to."""

from django import template

from core.glossary import TERMS_BY_KEY
from core.stages import Stage, get_stage

register = template.Library()


@register.simple_tag
def stage_help(stage) -> dict:
    """`stage` is a Stage or its key; an unknown key fails loudly rather than showing nothing."""
    if not isinstance(stage, Stage):
        stage = get_stage(stage)
    return {"stage": stage, "terms": [TERMS_BY_KEY[key] for key in stage.terms]}
