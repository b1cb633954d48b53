import time

import pytest

from core import services
from core.models import Role, StageTransition
from tests.factories import MembershipFactory, StrategyCycleFactory, ZoneFactory


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_emails_staff_when_a_stage_advances(real_worker):
    cycle = StrategyCycleFactory()
    ZoneFactory(municipality=cycle.municipality)
    MembershipFactory(municipality=cycle.municipality, role=Role.FACILITATOR)
    staff = MembershipFactory(municipality=cycle.municipality, role=Role.STAFF).user
    MembershipFactory(municipality=cycle.municipality, role=Role.ADMINISTRATOR)

    transition = services.advance_stage(cycle=cycle, user=staff, expected_stage="visions")

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        transition = StageTransition.objects.get(pk=transition.pk)
        if transition.notified is not None:
            break
        time.sleep(0.25)
    assert transition.notified == 2  # the staff member and the administrator
