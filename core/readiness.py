"""Readiness checks the core can answer from its own data; later stages register their own."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.models import Membership, Role
from core.stages import CheckResult, readiness_check


@readiness_check("visions", _("The municipality's zones are defined"))
def zones_defined(cycle) -> CheckResult:
    count = cycle.municipality.zones.count()
    return CheckResult(count > 0, ngettext("%(n)d zone", "%(n)d zones", count) % {"n": count})


@readiness_check("visions", _("At least one facilitator is appointed"))
def facilitator_appointed(cycle) -> CheckResult:
    count = Membership.objects.filter(
        municipality=cycle.municipality_id, role=Role.FACILITATOR
    ).count()
    return CheckResult(
        count > 0, ngettext("%(n)d facilitator", "%(n)d facilitators", count) % {"n": count}
    )


@readiness_check("provider_consultation", _("Providers have accounts to answer with"))
def providers_have_members(cycle) -> CheckResult:
    organisations = cycle.municipality.organisations.count()
    with_members = (
        cycle.municipality.organisations.filter(memberships__role=Role.PROVIDER).distinct().count()
    )
    return CheckResult(
        with_members > 0,
        _("%(with)d of %(all)d organisations have a member account")
        % {"with": with_members, "all": organisations},
    )


@readiness_check("council_approval", _("A council secretary is appointed"))
def secretary_appointed(cycle) -> CheckResult:
    count = Membership.objects.filter(
        municipality=cycle.municipality_id, role=Role.SECRETARY
    ).count()
    return CheckResult(count > 0)
