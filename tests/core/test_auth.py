import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_wrong_password_gets_a_romanian_message_and_no_session():
    UserFactory(username="ana")
    client = Client()
    response = client.post(reverse("login"), {"username": "ana", "password": "greșită"})
    assert response.status_code == 200
    assert "Numele de utilizator sau parola nu sunt corecte" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_right_password_logs_in():
    UserFactory(username="ana")
    client = Client()
    response = client.post(reverse("login"), {"username": "ana", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_repeated_failures_lock_the_account_even_with_the_right_password():
    UserFactory(username="ana")
    client = Client(REMOTE_ADDR="10.1.2.3")
    for _ in range(5):
        client.post(reverse("login"), {"username": "ana", "password": "nu-e-bună"})
    response = client.post(reverse("login"), {"username": "ana", "password": PASSWORD})
    assert response.status_code == 429
    assert "Prea multe" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_single_use_link_and_an_expired_link_is_explained():
    user = UserFactory(username="ana")
    client = Client()
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/cont/parola/resetare/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    assert page.context["validlink"]
    set_url = page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "Noua-parola-2026!", "new_password2": "Noua-parola-2026!"}
    )
    assert done.status_code == 302
    again = client.get(link, follow=True)
    assert not again.context["validlink"]
    assert "nu mai este valabil" in again.content.decode()


def test_password_reset_does_not_reveal_whether_an_address_exists():
    client = Client()
    response = client.post(reverse("password_reset"), {"email": "nimeni@example.ro"})
    assert response.status_code == 302
    assert mail.outbox == []


@override_settings(PASSWORD_RESET_TIMEOUT=-1)
def test_an_expired_reset_link_changes_nothing():
    user = UserFactory(username="ana")
    client = Client()
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"https?://[^/]+(/cont/parola/resetare/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    assert not page.context["validlink"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_posts_without_a_csrf_token_are_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["staff"])
    response = client.post(
        reverse("cycle-advance", args=[world.municipality.slug, world.cycle.pk]),
        {"expected_stage": "visions"},
    )
    assert response.status_code == 403
    world.cycle.refresh_from_db()
    assert world.cycle.active_stage == "visions"
