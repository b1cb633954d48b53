"""What needs attention on the staff dashboard, computed in a constant number of queries."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def monitoring_attention(context, municipality):
    """The attention items of the municipality's approved plans, or None for those who may not
    see the monitoring."""
    from actionplans.models import ActionPlan
    from monitoring.derived import attention_for

    request = context.get("request")
    if request is None or not request.user.has_perm("monitoring.list_monitoring", municipality):
        return None
    plans = (
        ActionPlan.objects.approved()
        .filter(municipality=municipality)
        .select_related("municipality", "cycle")
    )
    return attention_for(plans)
