"""The role × URL × object permission matrix; each app appends its cases to CASES."""

from collections.abc import Callable
from dataclasses import dataclass, field

ALL = (
    "anonymous",
    "public",
    "provider_a",
    "provider_b",
    "facilitator",
    "staff",
    "other_staff",
    "secretary",
    "administrator",
)
LOGGED_IN = tuple(p for p in ALL if p != "anonymous")
MANAGERS = ("staff", "administrator")


@dataclass
class Case:
    name: str
    url: Callable  # world -> url
    allowed: dict[str, int]  # persona -> expected status; every other persona gets `denied`
    method: str = "get"
    data: dict = field(default_factory=dict)
    denied: int = 403
    setup: Callable | None = None  # world -> None, run before the request

    def expected(self, persona: str) -> int:
        if persona in self.allowed:
            return self.allowed[persona]
        if persona == "anonymous":
            return 302  # sent to the login page
        return self.denied


def statuses(personas, status):
    return dict.fromkeys(personas, status)


def check(case: Case, persona: str, world) -> None:
    from django.urls import reverse

    from tests.conftest import client_for

    if case.setup:
        case.setup(world)
    client = client_for(world.users[persona])
    response = getattr(client, case.method)(case.url(world), case.data)
    expected = case.expected(persona)
    assert response.status_code == expected, (
        f"{persona} on {case.name}: {response.status_code}, expected {expected}"
    )
    if expected == 302 and persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))
