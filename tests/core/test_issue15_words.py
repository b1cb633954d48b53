"""Issue 15, shared words: file sizes as people write them, the password-reset form's label as
the rest of the application says it, and weekday names in lower case in Romanian dates."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from core.text import file_size

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("size", "ro", "en"),
    [
        (10 * 1024 * 1024, "10 MB", "10 MB"),
        (1536 * 1024, "1,5 MB", "1.5 MB"),
        (300 * 1024, "300 KB", "300 KB"),
        (2 * 1024**3, "2 GB", "2 GB"),
        (1, "1 octet", "1 byte"),
        (500, "500 de octeți", "500 bytes"),
    ],
)
def test_file_sizes_drop_a_decimal_zero_and_use_the_usual_units(size, ro, en):
    for language, expected in (("ro", ro), ("en", en)):
        with translation.override(language):
            assert file_size(size).replace("\xa0", " ") == expected


def test_the_template_filter_writes_the_same_size():
    with translation.override("ro"):
        html = Template("{% load spirala %}{{ size|file_size }}").render(
            Context({"size": 10 * 1024 * 1024})
        )
    assert html.replace("\xa0", " ") == "10 MB"


def test_the_password_reset_form_asks_for_the_e_mail_address_as_elsewhere(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "ro"
    html = client.get(reverse("password_reset")).content.decode()
    assert "Adresă de e-mail" in html
    assert ">Email<" not in html and ">Email*<" not in html and "Email\n" not in html


def test_romanian_weekday_names_are_lower_case_in_dates():
    day = datetime.date(2026, 5, 31)
    with translation.override("ro"):
        text = Template('{{ day|date:"l, j F Y" }}').render(Context({"day": day}))
    assert text == "duminică, 31 mai 2026"
    with translation.override("en"):
        text = Template('{{ day|date:"l, j F Y" }}').render(Context({"day": day}))
    assert text == "Sunday, 31 May 2026"


def test_a_file_too_large_to_import_says_its_size_in_megabytes_the_romanian_way():
    from django.utils import translation

    from beneficiaries.tabular import MAX_BYTES, TableError, _read_grids

    data = b"x" * (MAX_BYTES + 1024 * 1024 + 512 * 1024)  # 21,5 MB
    with translation.override("ro"), pytest.raises(TableError) as error:
        _read_grids("afirmatii.csv", data)
    message = str(error.value)
    assert "21,5\u00a0MB" in message and "20\u00a0MB" in message, message
