"""The municipality's section menu, derived from the permissions the linked views check."""

from collections.abc import Callable
from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()


def _strategy_of(municipality):
    from strategy.models import Strategy

    return Strategy(municipality=municipality)


@dataclass(frozen=True)
class MenuItem:
    url_name: str
    label: str
    # Every permission the view checks, asked of the object `target` builds from the municipality.
    perms: tuple[str, ...]
    target: Callable = lambda municipality: municipality
    active_on: tuple[str, ...] = ()
    count: str = ""


MUNICIPALITY_MENU = (
    MenuItem("municipality-dashboard", _("Dashboard"), ("core.view_dashboard",)),
    MenuItem("spiral-session-list", _("SPIRAL sessions"), ("beneficiaries.list_spiralsession",)),
    MenuItem("spiral-coding", _("Coding"), ("beneficiaries.code_statements",)),
    MenuItem("spiral-needs-map", _("Map of needs"), ("beneficiaries.view_needs_map",)),
    # The guide is public; the menu offers it to the staff who maintain it.
    MenuItem("guide", _("Guide of social services"), ("core.view_dashboard",)),
    MenuItem("round-list", _("Consultation rounds"), ("core.view_dashboard",)),
    MenuItem("group-list", _("Working groups"), ("core.view_dashboard",)),
    MenuItem(
        "strategy-home",
        _("Strategy"),
        ("strategy.view_strategy",),
        target=_strategy_of,
        active_on=("strategy-detail",),
    ),
    MenuItem(
        "plan-list", _("Action plans"), ("actionplans.list_plans",), active_on=("plan-detail",)
    ),
    MenuItem(
        "monitoring",
        _("Monitoring"),
        ("monitoring.list_monitoring",),
        active_on=("monitoring-plan", "monitoring-indicators", "progress-report"),
    ),
    MenuItem("partner-measures", _("Our measures"), ("monitoring.list_partner_measures",)),
    # The council secretary reaches the decisions through the council's workspace.
    MenuItem(
        "decision-list",
        _("Draft council decisions"),
        ("core.view_dashboard", "actionplans.list_decisions"),
        active_on=("decision-detail",),
    ),
    MenuItem("council-workspace", _("Council"), ("actionplans.list_decisions",)),
    MenuItem("zone-list", _("Zones"), ("core.view_dashboard",), count="zones"),
    MenuItem(
        "organisation-list", _("Organisations"), ("core.view_dashboard",), count="organisations"
    ),
    MenuItem(
        "membership-list", _("People and roles"), ("core.manage_membership",), count="members"
    ),
)


def menu_for(user, municipality, *, current: str = "", counts: dict | None = None) -> list[dict]:
    """The items of MUNICIPALITY_MENU the user may open, each with its URL and state."""
    items = []
    for item in MUNICIPALITY_MENU:
        target = item.target(municipality)
        if not all(user.has_perm(perm, target) for perm in item.perms):
            continue
        items.append(
            {
                "url": reverse(item.url_name, kwargs={"slug": municipality.slug}),
                "label": item.label,
                "active": current == item.url_name or current in item.active_on,
                "count": counts.get(item.count) if counts and item.count else None,
            }
        )
    return items


@register.simple_tag(takes_context=True)
def municipality_menu(context, municipality) -> list[dict]:
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    return menu_for(
        request.user,
        municipality,
        current=match.url_name if match else "",
        counts=context.get("nav_counts"),
    )
