"""The action plan tests read messages in English (the msgids) unless they say otherwise.

The application speaks Romanian by default; here each test runs with English active, and a
client made by `as_user` asks for the language active when it is made, so a test that wants
the Romanian pages writes `with translation.override("ro"): as_user("staff").get(...)`.
"""

import pytest
from django.utils import translation

from tests.conftest import client_for


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def as_user(world):
    def make(persona: str):
        client = client_for(world.users[persona])
        client.cookies["django_language"] = translation.get_language()
        return client

    return make
