import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from core.models import Membership, Municipality

pytestmark = pytest.mark.django_db


def test_create_municipality_makes_its_first_administrator_and_emails_a_link():
    call_command(
        "create_municipality",
        name="Municipiul Sighetu Marmației",
        county="Maramureș",
        siruta="106577",
        admin_email="das@sighet.ro",
    )
    municipality = Municipality.objects.get(siruta="106577")
    assert municipality.slug == "sighetu-marmatiei"
    assert Membership.objects.get(municipality=municipality).role == "admin"
    assert "/cont/parola/resetare/" in mail.outbox[0].body


def test_create_municipality_with_a_bad_siruta_writes_nothing():
    with pytest.raises(CommandError, match="siruta"):
        call_command(
            "create_municipality", name="X", county="Y", siruta="12ab", admin_email="a@b.ro"
        )
    assert not Municipality.objects.exists()


def test_seed_scale_is_idempotent():
    call_command("seed_scale", scale="small")
    first = Membership.objects.count()
    call_command("seed_scale", scale="small")
    assert Membership.objects.count() == first > 0
