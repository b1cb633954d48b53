import pytest
from django.core.management import call_command

from core.models import Membership, Municipality, Organisation, Role, StrategyCycle, Zone

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count() for m in (Municipality, Zone, Organisation, Membership, StrategyCycle)
    ]


def test_demo_loads_one_user_per_role_and_a_second_run_duplicates_nothing(capsys):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    baia_mare = Municipality.objects.get(slug="baia-mare")
    roles = set(baia_mare.memberships.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert baia_mare.zones.filter(outline__isnull=False).exists()
    # The demo moves its cycle, on record, to the monitoring stage once the council adopted the
    # strategy and the 2026 plan (actionplans.demo).
    assert baia_mare.cycles.get().active_stage == "monitoring"
    assert baia_mare.cycles.get().transitions.count() == 6
    assert Membership.objects.filter(user__username="dgaspc").count() == 2
    output = capsys.readouterr().out
    assert "demo-Spirala-2026" in output and "facilitator" in output


def test_the_demo_cycle_can_advance_out_of_its_first_stage():
    from core.stages import get_stage

    call_command("load_demo")
    cycle = StrategyCycle.objects.get(municipality__slug="baia-mare")
    assert all(result.done for _check, result in get_stage("visions").run_checks(cycle))
