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
