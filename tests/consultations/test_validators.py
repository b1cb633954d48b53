"""Fiscal codes (CIF) and HG 867/2015 nomenclature codes: plain checks, no database."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from consultations.validators import (
    NOMENCLATURE_CODE_RE,
    SERVICE_TYPES,
    is_valid_cif,
    normalise_cif,
    normalise_nomenclature_code,
    service_type_of,
    validate_cif,
    validate_nomenclature_code,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def messages(excinfo) -> str:
    return " ".join(excinfo.value.messages)


# --- CIF ---------------------------------------------------------------------------------------


def reference_control_digit(body: str) -> int:
    """Independent spelling of the checksum: weights applied from the right, no padding."""
    weights = [2, 3, 5, 7, 1, 2, 3, 5, 7]  # the key 7,5,3,2,1,7,5,3,2 read backwards
    total = 0
    for position, digit in enumerate(reversed(body)):
        total += int(digit) * weights[position]
    remainder = (total * 10) % 11
    return remainder % 10  # 10 becomes 0


def make_cif(body: str) -> str:
    return body + str(reference_control_digit(body))


def generated_cifs() -> list[str]:
    rng = random.Random(867)
    bodies = [str(rng.randrange(1, 10**length)) for length in range(1, 10) for _ in range(4)]
    return [make_cif(body) for body in bodies]


def test_commonly_cited_example_is_valid_by_the_reference_helper():
    assert make_cif("1854729") == "18547290"
    assert is_valid_cif("18547290")


@pytest.mark.parametrize("cif", generated_cifs())
def test_generated_cifs_are_valid(cif):
    assert is_valid_cif(cif)
    validate_cif(cif)


@pytest.mark.parametrize("cif", generated_cifs())
def test_any_other_control_digit_is_rejected(cif):
    for digit in "0123456789":
        if digit != cif[-1]:
            assert not is_valid_cif(cif[:-1] + digit)


@pytest.mark.parametrize(
    "value",
    ["RO18547290", "ro18547290", "Ro 18547290", " RO 185 472 90 ", "18547290\t", 18547290],
)
def test_prefix_and_spaces_are_accepted(value):
    assert is_valid_cif(value)
    validate_cif(value)
    assert normalise_cif(value) == "18547290"


def test_normalise_cif_leaves_other_characters():
    assert normalise_cif("RO 1854-7290") == "1854-7290"
    assert normalise_cif(None) == ""


def test_wrong_checksum_message():
    with pytest.raises(ValidationError) as excinfo:
        validate_cif("RO18547291")
    assert excinfo.value.code == "invalid_cif"
    assert "“RO18547291” is not a valid fiscal code (CIF)" in messages(excinfo)
    assert "control digit" in messages(excinfo)


@pytest.mark.parametrize(
    "value",
    ["", "   ", "RO", "1", "RO1", "12345678901", "RO12345678901", "1854A290", "18547290RO",
     "RORO18547290", "18.547.290", "-18547290", "１８５４７２９０", None],
)  # fmt: skip
def test_malformed_cifs_are_rejected_with_the_format_message(value):
    assert not is_valid_cif(value)
    with pytest.raises(ValidationError) as excinfo:
        validate_cif(value)
    assert excinfo.value.code == "invalid_cif"
    assert "2 to 10 digits" in messages(excinfo)


def test_lengths_two_and_ten_are_the_bounds():
    assert is_valid_cif(make_cif("1"))
    assert is_valid_cif(make_cif("123456789"))
    assert len(make_cif("123456789")) == 10


# --- Nomenclature codes (HG 867/2015) ----------------------------------------------------------

EXAMPLES = [
    "8790 CR-D-I",
    "8790 CR-D-II",
    "8790 CR-D-IV",
    "8730 CR-V-I",
    "8790 CR-C-I",
    "8790 CR-PFA-I",
    "8790 CR-VD-I",
    "8810 ID-I",
    "8891 CZ-C-I",
    "8899 CPDV-I",
]


@pytest.mark.parametrize("code", EXAMPLES)
def test_examples_are_accepted_and_already_canonical(code):
    validate_nomenclature_code(code)
    assert normalise_nomenclature_code(code) == code
    assert NOMENCLATURE_CODE_RE.fullmatch(code)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("8790cr-d-i", "8790 CR-D-I"),
        ("8790CR-D-I", "8790 CR-D-I"),
        ("8790 CR–D–I", "8790 CR-D-I"),  # en dashes
        ("8790 CR—D—II", "8790 CR-D-II"),  # em dashes
        ("  8790   CR - D - IV  ", "8790 CR-D-IV"),
        ("8730\tcr-v-i", "8730 CR-V-I"),
        ("8810id-i", "8810 ID-I"),
        ("8899 cpdv – i", "8899 CPDV-I"),
        ("8790 CR-PFA-XX", "8790 CR-PFA-XX"),
        ("8790 CR-D-XIX", "8790 CR-D-XIX"),
    ],
)
def test_variations_are_accepted_and_normalised(raw, canonical):
    validate_nomenclature_code(raw)
    assert normalise_nomenclature_code(raw) == canonical


def test_every_numeral_from_one_to_twenty_is_accepted():
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    numerals += ["X" + n for n in numerals[:9]] + ["XX"]
    for numeral in numerals:
        validate_nomenclature_code(f"8790 CR-D-{numeral}")


def test_normalise_nomenclature_code_never_raises():
    assert normalise_nomenclature_code(None) == ""
    assert normalise_nomenclature_code("nonsense") == "NONSENSE"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        None,
        "879 CR-D-I",  # CAEN class too short
        "87900 CR-D-I",  # too long
        "8690 CR-D-I",  # not social work (86xx is health)
        "8910 CR-D-I",
        "8790 CR-D",  # no numeral
        "8730 CR-V",  # no numeral; V is the target group, not the number
        "8790 CR-I",  # residential without a target group
        "8891 CZ-I",  # day centre without a target group
        "8790 CR-D-IIII",
        "8790 CR-D-X1",
        "8790 CR-D-XXI",  # beyond XX
        "8790 CR-D-VX",
        "8790 CR-D-1",
        "8790 -D-I",
        "CR-D-I",
        "8790 CR-D-I-I",
        "8790 CR--I",
        "8790 CR-D-I.",
        "８７９０ CR-D-I",  # full-width digits
    ],
)
def test_rejects_mention_the_expected_shape(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_nomenclature_code(value)
    assert excinfo.value.code == "invalid_nomenclature_code"
    text = messages(excinfo)
    assert "is not a nomenclature code of HG 867/2015" in text
    assert "expected e.g. “8790 CR-D-I”" in text
    assert "CAEN class, service type, target group, number" in text


def test_message_quotes_the_value_as_typed():
    with pytest.raises(ValidationError) as excinfo:
        validate_nomenclature_code("879 cr-d-i")
    assert messages(excinfo).startswith("“879 cr-d-i” is not")


# --- Service types -----------------------------------------------------------------------------


def test_service_types_labels():
    assert set(SERVICE_TYPES) == {"CR", "CZ", "ID"}
    assert str(SERVICE_TYPES["CR"]) == "residential"
    assert str(SERVICE_TYPES["CZ"]) == "day centre"
    assert str(SERVICE_TYPES["ID"]) == "home care"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("8790 CR-D-I", "CR"),
        ("8730 CR-V-I", "CR"),
        ("8790cr-pfa-i", "CR"),
        ("8891 CZ-C-I", "CZ"),
        ("8810 ID-I", "ID"),
        ("8810 id–i", "ID"),
        ("8899 CPDV-I", "community"),
        ("8899 CRX-I", "community"),
        ("", "community"),
        (None, "community"),
    ],
)
def test_service_type_of(code, expected):
    assert service_type_of(code) == expected
