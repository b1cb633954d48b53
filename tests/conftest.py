"""Personas shared by every test: one user per role, in one municipality and in another."""

from dataclasses import dataclass

import pytest
from django.test import Client

from core.models import Membership, Role
from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    SpiralSessionFactory,
    StrategyCycleFactory,
    UserFactory,
    ZoneFactory,
)


@dataclass
class World:
    municipality: object
    other_municipality: object
    org_a: object
    org_b: object
    other_org: object
    cycle: object
    other_cycle: object
    zone: object
    other_zone: object
    users: dict
    session: object = None
    other_session: object = None


@pytest.fixture
def world(db) -> World:
    municipality = MunicipalityFactory(name="Municipiul Arcadia", slug="arcadia")
    other = MunicipalityFactory(name="Municipiul Beta", slug="beta")
    org_a = OrganisationFactory(municipality=municipality, name="Asociația Alfa")
    org_b = OrganisationFactory(municipality=municipality, name="Fundația Beta")
    other_org = OrganisationFactory(municipality=other, name="Asociația Străină")
    zone = ZoneFactory(municipality=municipality, name="Ferneziu")
    other_zone = ZoneFactory(municipality=other, name="Cartier străin")
    users = {"anonymous": None}

    def person(key, municipality_, role, **extra):
        user = UserFactory(username=key)
        MembershipFactory(user=user, municipality=municipality_, role=role, **extra)
        users[key] = user

    person("public", municipality, Role.PUBLIC, public_kind=Membership.PublicKind.CITIZEN)
    person(
        "provider_a", municipality, Role.PROVIDER, organisation=org_a, is_organisation_admin=True
    )
    person("provider_b", municipality, Role.PROVIDER, organisation=org_b)
    person("facilitator", municipality, Role.FACILITATOR)
    person("staff", municipality, Role.STAFF)
    person("other_staff", other, Role.STAFF)
    person("secretary", municipality, Role.SECRETARY)
    person("administrator", municipality, Role.ADMINISTRATOR)
    MembershipFactory(
        user=UserFactory(username="other_admin"), municipality=other, role=Role.ADMINISTRATOR
    )
    cycle = StrategyCycleFactory(municipality=municipality)
    other_cycle = StrategyCycleFactory(municipality=other)
    return World(
        municipality=municipality,
        other_municipality=other,
        org_a=org_a,
        org_b=org_b,
        other_org=other_org,
        cycle=cycle,
        other_cycle=other_cycle,
        session=SpiralSessionFactory(
            municipality=municipality, cycle=cycle, facilitators=[users["facilitator"]]
        ),
        other_session=SpiralSessionFactory(municipality=other, cycle=other_cycle),
        zone=zone,
        other_zone=other_zone,
        users=users,
    )


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_user(world):
    """Return a logged-in test client for a persona name."""

    def make(persona: str) -> Client:
        return client_for(world.users[persona])

    return make


@pytest.fixture
def real_worker(settings):
    """Send tasks to the real Celery worker that .ci/run starts (marker `worker`).

    Without CELERY_WORKER_RUNNING=1 the test is skipped; with it, a worker that does not answer
    is a failure, not a skip.
    """
    import os

    from config.celery import app

    if os.environ.get("CELERY_WORKER_RUNNING") != "1":
        pytest.skip("no Celery worker running (CI starts one: .ci/run)")
    assert settings.CELERY_BROKER_URL, "CELERY_WORKER_RUNNING=1 needs REDIS_URL"
    replies = app.control.ping(timeout=10)
    assert replies, "the Celery worker does not answer"
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = True
