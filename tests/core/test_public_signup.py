import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.models import Membership, Role

pytestmark = pytest.mark.django_db

GOOD = {
    "first_name": "Ion",
    "last_name": "Mărginean",
    "email": "ion@example.ro",
    "public_kind": Membership.PublicKind.CITIZEN,
    "password1": "Ferneziu-2026!",
    "password2": "Ferneziu-2026!",
    "accepts_notice": "on",
}


def test_a_citizen_registers_and_is_logged_in_as_public_of_that_municipality(world, client):
    response = client.post(reverse("public-signup", args=[world.municipality.slug]), GOOD)
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="ion@example.ro")
    assert membership.role == Role.PUBLIC and membership.municipality == world.municipality
    assert membership.public_kind == Membership.PublicKind.CITIZEN
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"password2": "Altceva-2026!"}, "password2"),
        ({"password1": "123", "password2": "123"}, "password1"),
        ({"email": "public@example.ro"}, "email"),  # the persona's address exists already
        ({"accepts_notice": ""}, "accepts_notice"),
    ],
)
def test_bad_registrations_name_the_field_and_create_nothing(world, client, change, field):
    users_before = get_user_model().objects.count()
    response = client.post(
        reverse("public-signup", args=[world.municipality.slug]), {**GOOD, **change}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert get_user_model().objects.count() == users_before


def test_a_provider_of_one_municipality_follows_another_as_public(world, as_user):
    client = as_user("provider_a")
    client.post(
        reverse("public-signup", args=[world.other_municipality.slug]),
        {"public_kind": "organizatie"},
    )
    roles = set(world.users["provider_a"].memberships.values_list("municipality__slug", "role"))
    assert roles == {("arcadia", "provider"), ("beta", "public")}
