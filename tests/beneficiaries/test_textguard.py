import pytest
from django.utils import translation

from beneficiaries.textguard import (
    describe,
    find_personal_data,
    is_valid_cnp,
    normalise_romanian,
    redact,
)


def with_control_digit(first12: str) -> str:
    """Independent CNP control-digit computation (weights 279146358279, remainder 10 -> 1)."""
    weights = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]
    remainder = sum(int(d) * w for d, w in zip(first12, weights, strict=True)) % 11
    return first12 + str(1 if remainder == 10 else remainder)


VALID_CNP = with_control_digit("185031512345")  # man, born 15 March 1985, Cluj (12)
BAD_CNP = VALID_CNP[:12] + str((int(VALID_CNP[12]) + 1) % 10)


def kinds(text):
    return [f.kind for f in find_personal_data(text)]


def test_normalise_turns_cedilla_into_comma_below_and_collapses_spaces():
    text = "  \u015eti\u0163i c\u0103 \u0162ara   \u015ei\n\tmun\u0163ii  "
    assert normalise_romanian(text) == "\u0218ti\u021bi că \u021aara \u0218i mun\u021bii"


def test_normalise_composes_combining_marks():
    assert normalise_romanian("s\u0327i t\u0326ara a\u0306") == "\u0219i \u021bara ă"


def test_valid_cnp_is_recognised_and_checks_date_and_county():
    assert is_valid_cnp(VALID_CNP)
    assert not is_valid_cnp(BAD_CNP)
    assert not is_valid_cnp(with_control_digit("185131512345"))  # month 13
    assert not is_valid_cnp(with_control_digit("185023012345"))  # 30 February
    assert not is_valid_cnp(with_control_digit("185031599345"))  # county 99
    assert not is_valid_cnp(with_control_digit("085031512345"))  # first digit 0
    assert is_valid_cnp(with_control_digit("603123140001"))  # born 2003, Bucharest sector 1
    assert is_valid_cnp(with_control_digit("785031570001"))  # resident, county 70
    assert not is_valid_cnp("12345")


def test_valid_cnp_flagged_invalid_checksum_not_flagged():
    findings = find_personal_data(f"Am CNP {VALID_CNP}, vă rog.")
    assert [(f.kind, f.match) for f in findings] == [("cnp", VALID_CNP)]
    assert find_personal_data(f"Numărul dosarului este {BAD_CNP}.") == []


@pytest.mark.parametrize(
    "phone",
    [
        "0722123456",
        "0722 123 456",
        "0722.123.456",
        "0722-123-456",
        "+40 722 123 456",
        "+40722123456",
        "0040 722 123 456",
        "021 312 34 56",
        "0264-123456",
        "0364 123 456",
    ],
)
def test_phone_numbers_flagged(phone):
    findings = find_personal_data(f"Sunați-mă la {phone} după ora 5.")
    assert [(f.kind, f.match) for f in findings] == [("phone", phone)]


def test_email_flagged():
    findings = find_personal_data("Scrieți-mi la maria.pop+ajutor@exemplu.ro.")
    assert [(f.kind, f.match) for f in findings] == [("email", "maria.pop+ajutor@exemplu.ro")]


@pytest.mark.parametrize(
    "text",
    [
        "În 2026 am primit 1.234 lei de la primărie.",
        "Am 85 de ani și stau la nr. 12, ap. 3.",
        "Ajutorul de 1.250,50 lei vine pe 03.02.2026 12:30.",
        "Factura 1234567890 din 2026-03-02, între 10-12.",
    ],
)
def test_ordinary_numbers_not_flagged(text):
    assert find_personal_data(text) == []


def test_redact_replaces_each_finding():
    text = f"CNP {VALID_CNP}, tel. 0722 123 456, mail ion@exemplu.ro"
    assert kinds(text) == ["cnp", "phone", "email"]
    assert redact(text) == "CNP [CNP], tel. [telefon], mail [e-mail]"
    assert redact("nimic de ascuns") == "nimic de ascuns"


def test_describe_names_kinds_once():
    findings = find_personal_data("0722123456 sau 0733 123 456 sau ion@exemplu.ro")
    with translation.override("en"):
        message = describe(findings)
    assert message == "looks like it contains personal data: a phone number, an e-mail address"
    assert describe([]) == ""
