"""Writes of the guide: providers propose, staff decide; each owns its transaction and audit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import ServiceChange, SocialService
from core.exceptions import DomainError
from core.models import Organisation

EDITABLE = [
    "code",
    "name",
    "licence_number",
    "licence_expiry",
    "capacity",
    "categories",
    "zone",
    "address",
    "phone",
    "email",
    "opening_hours",
    "latitude",
    "longitude",
    "funding_sources",
]


def _serialise(cleaned: dict) -> dict:
    data = {}
    for field in EDITABLE:
        value = cleaned.get(field)
        if field == "categories":
            data[field] = sorted(c.pk for c in value or [])
        elif field == "zone":
            data[field] = value.pk if value else None
        elif field == "licence_expiry":
            data[field] = value.isoformat() if value else None
        elif field in ("latitude", "longitude"):
            data[field] = str(value) if value is not None else None
        else:
            data[field] = value
    return data


@transaction.atomic
def propose_change(*, organisation, user, cleaned: dict, service=None) -> ServiceChange:
    """A provider's edit is stored as a proposal; the public guide changes only on approval."""
    if service is not None and service.organisation_id != organisation.pk:
        raise DomainError(_("This service belongs to another provider."))
    data = _serialise(cleaned)
    if service is None:
        # Lock the provider so that a double click cannot slip two copies past the check.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        pending = ServiceChange.objects.filter(
            organisation=organisation, service__isnull=True, status=ServiceChange.Status.PENDING
        ).values_list("data", flat=True)
        if any(proposed == data for proposed in pending):
            raise DomainError(
                _(
                    "You already sent this new service; it is waiting for staff approval. "
                    "Nothing was sent again."
                )
            )
    ServiceChange.objects.filter(
        service=service, organisation=organisation, status=ServiceChange.Status.PENDING
    ).exclude(service__isnull=True).update(
        status=ServiceChange.Status.REJECTED, reason=_("Replaced by a newer proposal.")
    )
    change = ServiceChange(
        municipality_id=organisation.municipality_id,
        organisation=organisation,
        service=service,
        data=data,
        submitted_by=user,
    )
    change._history_user = user
    change.save()
    return change


@transaction.atomic
def decide_change(*, change: ServiceChange, user, approve: bool, reason: str = "") -> ServiceChange:
    change = ServiceChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ServiceChange.Status.PENDING:
        raise DomainError(_("This proposal was already decided."))
    if not approve and not reason.strip():
        raise DomainError(_("Say why the proposal is rejected; the provider will read it."))
    if approve:
        service = change.service or SocialService(
            municipality_id=change.municipality_id, organisation=change.organisation
        )
        data = dict(change.data)
        categories = data.pop("categories", [])
        zone = data.pop("zone", None)
        for field, value in data.items():
            setattr(service, field, value)
        service.zone_id = zone
        service.approved_at = timezone.now()
        service.approved_by = user
        try:
            service.full_clean(exclude=["categories"])
        except ValidationError as error:
            raise DomainError(error.messages) from error
        service._history_user = user
        service.save()
        service.categories.set(categories)
        change.service = service
    change.status = ServiceChange.Status.APPROVED if approve else ServiceChange.Status.REJECTED
    change.decided_by = user
    change.decided_at = timezone.now()
    change.reason = reason.strip()
    change._history_user = user
    change.save()
    return change
