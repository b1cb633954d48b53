import time

import pytest

from core import services
from core.models import Role, StageTransition
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    StrategyCycleFactory,
    make_provider_consultation_ready,
)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_emails_staff_when_a_stage_advances(real_worker):
    cycle = StrategyCycleFactory(active_stage="provider_consultation")
    MembershipFactory(
        municipality=cycle.municipality,
        role=Role.PROVIDER,
        organisation=OrganisationFactory(municipality=cycle.municipality),
    )
    make_provider_consultation_ready(cycle)
    staff = MembershipFactory(municipality=cycle.municipality, role=Role.STAFF).user
    MembershipFactory(municipality=cycle.municipality, role=Role.ADMINISTRATOR)

    transition = services.advance_stage(
        cycle=cycle, user=staff, expected_stage="provider_consultation"
    )

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        transition = StageTransition.objects.get(pk=transition.pk)
        if transition.notified is not None:
            break
        time.sleep(0.25)
    assert transition.notified == 2  # the staff member and the administrator
