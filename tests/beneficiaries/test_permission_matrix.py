"""SPIRAL URLs for every persona: staff see all sessions, a facilitator only assigned ones."""

import pytest
from django.urls import reverse

from tests.matrix import ALL, MANAGERS, Case, check, statuses

WORKERS = (*MANAGERS, "facilitator")


def url(name, world, **kwargs):
    return reverse(name, kwargs={"slug": world.municipality.slug, **kwargs})


def first_statement(world):
    from beneficiaries.models import Statement

    return Statement.objects.create(
        municipality=world.municipality,
        session=world.session,
        question="wellbeing",
        text="Vecini buni",
        created_by=world.users["staff"],
    )


def other_statement(world):
    from beneficiaries.models import Statement

    return Statement.objects.create(
        municipality=world.other_municipality,
        session=world.other_session,
        question="illbeing",
        text="Frig",
        created_by=world.users["other_staff"],
    )


CASES = [
    Case("session list", lambda w: url("spiral-session-list", w), statuses(WORKERS, 200)),
    Case("plan a session", lambda w: url("spiral-session-create", w), statuses(MANAGERS, 200)),
    Case(
        "assigned session",
        lambda w: url("spiral-session-detail", w, pk=w.session.pk),
        statuses(WORKERS, 200),
    ),
    Case(
        "another municipality's session",
        lambda w: url("spiral-session-detail", w, pk=w.other_session.pk),
        statuses(WORKERS, 404),
    ),
    Case(
        "edit a session",
        lambda w: url("spiral-session-update", w, pk=w.session.pk),
        statuses(MANAGERS, 200),
    ),
    Case(
        "enter statements",
        lambda w: url("spiral-session-detail", w, pk=w.session.pk),
        statuses(WORKERS, 302),
        method="post",
        data={"question": "wellbeing", "lines": "Vecini buni"},
    ),
    Case(
        "edit a statement",
        lambda w: url(
            "spiral-statement-update", w, session_pk=w.session.pk, pk=first_statement(w).pk
        ),
        statuses(WORKERS, 200),
    ),
    Case(
        "import statements",
        lambda w: url("spiral-statement-import", w, pk=w.session.pk),
        statuses(WORKERS, 200),
    ),
    Case(
        "import into another municipality's session",
        lambda w: url("spiral-statement-import", w, pk=w.other_session.pk),
        statuses(WORKERS, 404),
    ),
    Case(
        "delete a statement",
        lambda w: url(
            "spiral-statement-delete", w, session_pk=w.session.pk, pk=first_statement(w).pk
        ),
        statuses(WORKERS, 302),
        method="post",
    ),
    Case("categories", lambda w: url("spiral-category-list", w), statuses(MANAGERS, 200)),
    Case(
        "another municipality's category",
        lambda w: url("spiral-category-update", w, pk=w.other_session.category_id),
        statuses(MANAGERS, 404),
    ),
    Case("coding queue", lambda w: url("spiral-coding", w), statuses(MANAGERS, 200)),
    Case(
        "code a statement",
        lambda w: url("spiral-coding-change", w, pk=first_statement(w).pk),
        statuses(MANAGERS, 302),
        method="post",
        data={"dimension": "A03"},
    ),
    Case(
        "code another municipality's statement",
        lambda w: url("spiral-coding-change", w, pk=other_statement(w).pk),
        statuses(MANAGERS, 404),
        method="post",
        data={"dimension": "A03"},
    ),
    Case(
        "learn suggestions",
        lambda w: url("spiral-coding-train", w),
        statuses(MANAGERS, 302),
        method="post",
    ),
    Case("map of needs (staff)", lambda w: url("spiral-needs-map", w), statuses(MANAGERS, 200)),
    Case(
        "map of needs export",
        lambda w: url("spiral-needs-map-export", w),
        statuses(MANAGERS, 200),
    ),
    Case(
        "publish the map of needs",
        lambda w: url("spiral-needs-map-publish", w),
        statuses(MANAGERS, 302),
        method="post",
    ),
    Case("public map of needs", lambda w: url("needs-map-public", w), statuses(ALL, 200)),
    Case(
        "close a session",
        lambda w: url("spiral-session-close", w, pk=w.session.pk),
        statuses(WORKERS, 302),
        method="post",
    ),
]


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world, case, persona):
    check(case, persona, world)
