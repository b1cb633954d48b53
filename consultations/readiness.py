"""Readiness checks of the provider consultation stage."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from consultations.models import ConsultationRound, Meeting, WorkingGroup
from core.stages import CheckResult, readiness_check


@readiness_check("provider_consultation", gettext_lazy("The consultation rounds are closed"))
def rounds_closed(cycle) -> CheckResult:
    now = timezone.now()
    rounds = ConsultationRound.objects.filter(cycle=cycle, published=True).aggregate(
        total=Count("pk"), open=Count("pk", filter=Q(closes_at__gt=now))
    )
    if not rounds["total"]:
        return CheckResult(False, _("no round was published"))
    if rounds["open"]:
        return CheckResult(
            False,
            ngettext("%(n)d round still open", "%(n)d rounds still open", rounds["open"])
            % {"n": rounds["open"]},
        )
    return CheckResult(
        True, ngettext("%(n)d round", "%(n)d rounds", rounds["total"]) % {"n": rounds["total"]}
    )


@readiness_check("provider_consultation", gettext_lazy("Providers responded"))
def response_rate(cycle) -> CheckResult:
    """Done when at least one invited organisation submitted; the rate is shown per round."""
    rounds = list(
        ConsultationRound.objects.filter(cycle=cycle, published=True)
        .annotate(
            invited_count=Count("invited", distinct=True),
            submitted_count=Count(
                "responses", filter=Q(responses__submitted_at__isnull=False), distinct=True
            ),
        )
        .order_by("opens_at")
        .values_list("title", "invited_count", "submitted_count")
    )
    if not rounds:
        return CheckResult(False, _("no round was published"))
    parts = [
        _("%(title)s: %(submitted)d of %(invited)d (%(rate)d%%)")
        % {
            "title": title,
            "submitted": submitted,
            "invited": invited,
            "rate": round(100 * submitted / invited) if invited else 0,
        }
        for title, invited, submitted in rounds
    ]
    return CheckResult(any(submitted for _t, _i, submitted in rounds), "; ".join(parts))


@readiness_check("provider_consultation", gettext_lazy("Each working group has minutes"))
def groups_have_minutes(cycle) -> CheckResult:
    groups = WorkingGroup.objects.filter(cycle=cycle).annotate(
        has_minutes=Exists(Meeting.objects.filter(group=OuterRef("pk")).exclude(minutes=""))
    )
    rows = list(groups.values_list("name", "has_minutes"))
    if not rows:
        return CheckResult(False, _("no working group yet"))
    missing = [name for name, has in rows if not has]
    if missing:
        return CheckResult(False, _("without minutes: %(names)s") % {"names": ", ".join(missing)})
    return CheckResult(True, ngettext("%(n)d group", "%(n)d groups", len(rows)) % {"n": len(rows)})
