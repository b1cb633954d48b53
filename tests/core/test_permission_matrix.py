"""Every core URL, for every persona, on its own object and on another municipality's object."""

import pytest
from django.urls import reverse

from core.stages import STAGES
from tests.matrix import ALL, LOGGED_IN, MANAGERS, Case, check, statuses


def url(name, world, **kwargs):
    return reverse(name, kwargs={"slug": world.municipality.slug, **kwargs})


def second_stage(world):
    world.cycle.active_stage = STAGES[1].key
    world.cycle.save()


CASES = [
    Case("home", lambda w: reverse("home"), statuses(ALL, 200)),
    Case("municipality public page", lambda w: url("municipality-detail", w), statuses(ALL, 200)),
    Case("account", lambda w: reverse("account"), statuses(LOGGED_IN, 200)),
    Case("public sign-up", lambda w: url("public-signup", w), statuses(ALL, 200)),
    Case("dashboard", lambda w: url("municipality-dashboard", w), statuses(MANAGERS, 200)),
    Case("cycle detail", lambda w: url("cycle-detail", w, pk=w.cycle.pk), statuses(MANAGERS, 200)),
    Case(
        "cycle of another municipality",
        lambda w: url("cycle-detail", w, pk=w.other_cycle.pk),
        statuses(MANAGERS, 404),
    ),
    Case("new cycle form", lambda w: url("cycle-create", w), statuses(MANAGERS, 200)),
    Case(
        "advance a stage",
        lambda w: url("cycle-advance", w, pk=w.cycle.pk),
        statuses(MANAGERS, 302),
        method="post",
        data={"expected_stage": STAGES[0].key},
    ),
    Case(
        "advance another municipality's cycle",
        lambda w: url("cycle-advance", w, pk=w.other_cycle.pk),
        statuses(MANAGERS, 404),
        method="post",
        data={"expected_stage": STAGES[0].key},
    ),
    Case(
        "roll back a stage",
        lambda w: url("cycle-rollback", w, pk=w.cycle.pk),
        {"administrator": 302},
        method="post",
        data={"expected_stage": STAGES[1].key, "reason": "Mai sunt grupuri de consultat."},
        setup=second_stage,
    ),
    Case("zones", lambda w: url("zone-list", w), statuses(MANAGERS, 200)),
    Case("new zone", lambda w: url("zone-create", w), statuses(MANAGERS, 200)),
    Case("own zone", lambda w: url("zone-update", w, pk=w.zone.pk), statuses(MANAGERS, 200)),
    Case(
        "another municipality's zone",
        lambda w: url("zone-update", w, pk=w.other_zone.pk),
        statuses(MANAGERS, 404),
    ),
    Case("organisations", lambda w: url("organisation-list", w), statuses(MANAGERS, 200)),
    Case(
        "own organisation",
        lambda w: url("organisation-update", w, pk=w.org_a.pk),
        statuses(MANAGERS, 200),
    ),
    Case(
        "another municipality's organisation",
        lambda w: url("organisation-update", w, pk=w.other_org.pk),
        statuses(MANAGERS, 404),
    ),
    Case("people and roles", lambda w: url("membership-list", w), {"administrator": 200}),
    Case(
        "remove a role",
        lambda w: url("membership-delete", w, pk=w.users["facilitator"].memberships.get().pk),
        {"administrator": 302},
        method="post",
    ),
    Case(
        "remove a role in another municipality",
        lambda w: url("membership-delete", w, pk=w.users["other_staff"].memberships.get().pk),
        {"administrator": 404},
        method="post",
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)
