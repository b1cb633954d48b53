"""Writes that matter: each owns its transaction, its audit trail and its notification."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import DomainError, StageConflict, StageNotReady
from core.models import Membership, Municipality, Role, StageTransition, StrategyCycle, User


def _checks_summary(cycle) -> list[dict]:
    return [
        {"label": str(check.label), "done": result.done, "detail": str(result.detail)}
        for check, result in cycle.stage.run_checks(cycle)
    ]


@transaction.atomic
def advance_stage(*, cycle: StrategyCycle, user: User, expected_stage: str) -> StageTransition:
    """Move the cycle to its next stage once every readiness check of the current one passes."""
    cycle = StrategyCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.active_stage != expected_stage:
        raise StageConflict(_("The stage was changed meanwhile by someone else; review it again."))
    nxt = cycle.next_stage
    if nxt is None:
        raise StageNotReady(_("This is the last stage of the cycle."))
    summary = _checks_summary(cycle)
    missing = [item["label"] for item in summary if not item["done"]]
    if missing:
        raise StageNotReady(
            _("The stage cannot advance until these checks pass: %(checks)s.")
            % {"checks": "; ".join(missing)}
        )
    transition = _move(cycle, user, nxt.key, StageTransition.Direction.ADVANCE, "", summary)
    from core.tasks import notify_stage_change

    transaction.on_commit(lambda: notify_stage_change.delay(transition.pk))
    return transition


@transaction.atomic
def rollback_stage(
    *, cycle: StrategyCycle, user: User, expected_stage: str, reason: str, confirmed: bool = False
) -> StageTransition:
    """Return the cycle to its previous stage; the reason is kept with the transition.

    Going back over a council decision or out of an open public consultation needs `confirmed`:
    the user saw what it affects (core.rollback). Nothing recorded is undone.
    """
    cycle = StrategyCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.active_stage != expected_stage:
        raise StageConflict(_("The stage was changed meanwhile by someone else; review it again."))
    previous = cycle.previous_stage
    if previous is None:
        raise DomainError(_("The first stage has no stage before it."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the cycle goes back a stage."))
    from core.rollback import rollback_impacts

    impacts = rollback_impacts(cycle)
    if impacts and not confirmed:
        raise DomainError(
            [
                _("Confirm that you know what going back affects before the cycle goes back."),
                *impacts,
            ]
        )
    transition = _move(
        cycle,
        user,
        previous.key,
        StageTransition.Direction.ROLLBACK,
        reason,
        _checks_summary(cycle),
    )
    from core.tasks import notify_stage_change

    transaction.on_commit(lambda: notify_stage_change.delay(transition.pk))
    return transition


def _move(cycle, user, to_key, direction, reason, summary) -> StageTransition:
    from_key = cycle.active_stage
    cycle.active_stage = to_key
    cycle._history_user = user
    cycle.save(update_fields=["active_stage"])
    return StageTransition.objects.create(
        cycle=cycle,
        from_stage=from_key,
        to_stage=to_key,
        direction=direction,
        reason=reason,
        checks_summary=summary,
        user=user,
    )


@transaction.atomic
def grant_role(
    *,
    municipality: Municipality,
    user: User,
    role: str,
    organisation=None,
    is_organisation_admin: bool = False,
    public_kind: str = "",
    by: User | None = None,
) -> Membership:
    """Give a user a role in a municipality (idempotent: an existing role is returned)."""
    membership = Membership(
        user=user,
        municipality=municipality,
        role=role,
        organisation=organisation if role == Role.PROVIDER else None,
        is_organisation_admin=is_organisation_admin if role == Role.PROVIDER else False,
        public_kind=public_kind if role == Role.PUBLIC else "",
    )
    membership.full_clean(validate_unique=False)
    existing = Membership.objects.filter(user=user, municipality=municipality, role=role).first()
    if existing:
        return existing
    if by is not None:
        membership._history_user = by
    membership.save()
    return membership


@transaction.atomic
def revoke_role(*, membership: Membership, by: User) -> None:
    """Remove one role; the last administrator of a municipality cannot be removed."""
    if (
        membership.role == Role.ADMINISTRATOR
        and not Membership.objects.filter(
            municipality=membership.municipality_id, role=Role.ADMINISTRATOR
        )
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise DomainError(_("The municipality must keep at least one administrator."))
    membership._history_user = by
    membership.delete()
