"""Validators for Romanian identifiers used in the guide of social services.

* The fiscal code (CIF/CUI) of a provider, with its control digit.
* The nomenclature code of a social service (HG 867/2015), e.g. “8790 CR-D-I”.

The ``normalise_*`` functions only tidy the text (they never raise); the ``validate_*``
functions normalise first, so they accept the same input variations.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# --- Fiscal code (CIF / CUI) -------------------------------------------------------------------

CIF_KEY = (7, 5, 3, 2, 1, 7, 5, 3, 2)
CIF_RE = re.compile(r"[0-9]{2,10}")

_WHITESPACE_RE = re.compile(r"\s+")


def normalise_cif(value) -> str:
    """Return the CIF without spaces and without the optional “RO” (VAT) prefix."""
    if value is None:
        return ""
    text = _WHITESPACE_RE.sub("", str(value))
    if text[:2].upper() == "RO":
        text = text[2:]
    return text


def cif_control_digit(digits: str) -> int:
    """Control digit for the CIF body ``digits`` (the CIF without its last digit)."""
    padded = digits.rjust(len(CIF_KEY), "0")
    total = sum(int(digit) * weight for digit, weight in zip(padded, CIF_KEY, strict=True))
    control = total * 10 % 11
    return 0 if control == 10 else control


def is_valid_cif(value: str) -> bool:
    """Whether ``value`` is a well-formed CIF whose control digit matches."""
    cif = normalise_cif(value)
    if not CIF_RE.fullmatch(cif):
        return False
    return cif_control_digit(cif[:-1]) == int(cif[-1])


def validate_cif(value) -> None:
    cif = normalise_cif(value)
    if not CIF_RE.fullmatch(cif):
        raise ValidationError(
            _("A fiscal code (CIF) has 2 to 10 digits, optionally preceded by RO."),
            code="invalid_cif",
            params={"value": value},
        )
    if cif_control_digit(cif[:-1]) != int(cif[-1]):
        raise ValidationError(
            _("“%(value)s” is not a valid fiscal code (CIF): its control digit does not match."),
            code="invalid_cif",
            params={"value": value},
        )


# --- Nomenclature code of social services (HG 867/2015) ----------------------------------------

SERVICE_TYPES = {"CR": _("residential"), "CZ": _("day centre"), "ID": _("home care")}
COMMUNITY = "community"

# Residential and day-centre codes always name a target group (“8790 CR-D-I”, “8891 CZ-C-I”).
# Requiring it keeps “8730 CR-V” (numeral forgotten) from passing as type CR, number V.
TYPES_REQUIRING_TARGET = frozenset({"CR", "CZ"})

ROMAN_NUMERALS = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
)  # fmt: skip

NOMENCLATURE_CODE_RE = re.compile(
    r"(?P<caen>8[78][0-9]{2})"  # CAEN Rev.2 class, social work only (87xx, 88xx)
    r" (?P<type>[A-Z]{2,6})"  # CR, CZ, ID, or a community service (CPDV, ...)
    r"(?:-(?P<target>[A-Z]{1,6}))?"  # target group: D, V, C, PFA, VD, ...
    r"-(?P<number>" + "|".join(sorted(ROMAN_NUMERALS, key=len, reverse=True)) + r")"
)

_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")
_SPACED_HYPHEN_RE = re.compile(r"\s*-\s*")
_CAEN_PREFIX_RE = re.compile(r"^([0-9]+)\s*(?=[A-Z])")


def normalise_nomenclature_code(value) -> str:
    """Canonical spelling of a nomenclature code: “8790cr – d – i” becomes “8790 CR-D-I”.

    Upper-cases, turns any dash into a hyphen, drops spaces around hyphens, collapses other
    spaces and puts one space after the CAEN digits. It does not validate.
    """
    if value is None:
        return ""
    text = _DASHES_RE.sub("-", str(value).upper())
    text = _SPACED_HYPHEN_RE.sub("-", text)
    text = _WHITESPACE_RE.sub(" ", text).strip()
    return _CAEN_PREFIX_RE.sub(r"\1 ", text)


def _parse_nomenclature_code(value):
    match = NOMENCLATURE_CODE_RE.fullmatch(normalise_nomenclature_code(value))
    if match is None:
        return None
    if match["type"] in TYPES_REQUIRING_TARGET and match["target"] is None:
        return None
    return match


def validate_nomenclature_code(value) -> None:
    if _parse_nomenclature_code(value) is None:
        raise ValidationError(
            _(
                "“%(value)s” is not a nomenclature code of HG 867/2015: expected e.g. "
                "“8790 CR-D-I” (CAEN class, service type, target group, number)."
            ),
            code="invalid_nomenclature_code",
            params={"value": value},
        )


def service_type_of(code) -> str:
    """“CR”, “CZ” or “ID” for residential, day-centre and home-care codes, else “community”.

    Tolerant: it reads the letters after the CAEN class without validating the rest.
    """
    match = re.match(r"[0-9]{4} ([A-Z]+)", normalise_nomenclature_code(code))
    if match and match[1] in SERVICE_TYPES:
        return match[1]
    return COMMUNITY


# --- Romanian telephone numbers ----------------------------------------------------------------

# National significant numbers: landlines 02x/03x, mobiles 07x, non-geographic 08x (0800 free
# lines, 0801 shared cost); 09x premium numbers are no contact for a social service.
PHONE_RE = re.compile(r"0[2378][0-9]{8}")
_PHONE_SEPARATORS_RE = re.compile(r"[\s.\-/()]+")


def _phone_digits(value) -> str:
    """The national number, 0 and nine digits, from any usual spelling; "" when it is not one."""
    text = _PHONE_SEPARATORS_RE.sub("", str(value or ""))
    if text.startswith("+40"):
        text = "0" + text[3:]
    elif text.startswith("0040"):
        text = "0" + text[4:]
    return text if PHONE_RE.fullmatch(text) else ""


def normalise_ro_phone(value) -> str:
    """“+40 (262) 211-112” becomes “0262 211 112”, Bucharest “021 315 5555”; else unchanged."""
    digits = _phone_digits(value)
    if not digits:
        return str(value or "").strip()
    if digits[:3] in ("021", "031"):
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return f"{digits[:4]} {digits[4:7]} {digits[7:]}"


def phone_uri(value) -> str:
    """The tel: link of a Romanian number (“tel:+40262211112”), or "" when it is not one."""
    digits = _phone_digits(value)
    return f"tel:+40{digits[1:]}" if digits else ""


def validate_ro_phone(value) -> None:
    if value and not _phone_digits(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a Romanian telephone number: expected 10 digits starting "
                "with 02, 03, 07 or 08, e.g. “0262 211 112” or “+40 722 123 456”."
            ),
            code="invalid_phone",
            params={"value": value},
        )
