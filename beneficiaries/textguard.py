"""Guard free text against personal data: Romanian normalisation, CNP, phone and e-mail checks.

Statements are special-category data and must never carry an identity, so every typed or
imported statement is checked with :func:`find_personal_data` before it is stored.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Cedilla letters (legacy encodings, old keyboards) -> the correct comma-below letters.
_CEDILLA_TO_COMMA = str.maketrans("\u015f\u015e\u0163\u0162", "\u0219\u0218\u021b\u021a")

_CNP_WEIGHTS = tuple(int(c) for c in "279146358279")
_CNP_CENTURY = {"1": (1900,), "2": (1900,), "3": (1800,), "4": (1800,), "5": (2000,), "6": (2000,)}
_CNP_COUNTIES = {f"{n:02d}" for n in range(1, 53)} | {"70", "80", "81", "82", "83"}

# A separator between phone digits: optional spaces around an optional dot, dash or slash.
_SEP = r"\s?[.\-/]?\s?"
_CNP_RE = re.compile(r"(?<!\d)\d{13}(?!\d)")
# National numbers keep the leading "0" plus area/network digits together ("0722", "021").
_PHONE_RE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)40{_SEP}(?:\(0\){_SEP})?|0)[237]\d(?:{_SEP}\d){{7}}(?!\d)"
)
_EMAIL_RE = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")

PLACEHOLDERS = {"cnp": "[CNP]", "phone": "[telefon]", "email": "[e-mail]"}
KIND_LABELS = {
    "cnp": gettext_lazy("a personal numeric code (CNP)"),
    "phone": gettext_lazy("a phone number"),
    "email": gettext_lazy("an e-mail address"),
}


@dataclass(frozen=True)
class Finding:
    kind: str  # "cnp", "phone" or "email"
    match: str
    start: int
    end: int


def normalise_romanian(text: str) -> str:
    """NFC-normalise, turn cedilla ş/ţ into comma-below ș/ț, collapse whitespace and strip."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_CEDILLA_TO_COMMA)
    return " ".join(text.split())


def _plausible_date(centuries: tuple[int, ...], yy: int, mm: int, dd: int) -> bool:
    for century in centuries:
        try:
            date(century + yy, mm, dd)
        except ValueError:
            continue
        return True
    return False


def is_valid_cnp(digits: str) -> bool:
    """True for a well-formed Romanian CNP (checksum, birth date and county code)."""
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit() or digits[0] == "0":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:12], _CNP_WEIGHTS, strict=True))
    control = total % 11
    if (1 if control == 10 else control) != int(digits[12]):
        return False
    # Residents and foreigners (7, 8, 9): either century, so only the month/day ranges count.
    centuries = _CNP_CENTURY.get(digits[0], (1900, 2000))
    yy, mm, dd = int(digits[1:3]), int(digits[3:5]), int(digits[5:7])
    return _plausible_date(centuries, yy, mm, dd) and digits[7:9] in _CNP_COUNTIES


def find_personal_data(text: str) -> list[Finding]:
    """Return the CNPs, Romanian phone numbers and e-mail addresses found in ``text``."""
    found = [
        Finding("cnp", m.group(), m.start(), m.end())
        for m in _CNP_RE.finditer(text)
        if is_valid_cnp(m.group())
    ]
    found += [Finding("email", m.group(), m.start(), m.end()) for m in _EMAIL_RE.finditer(text)]
    found += [Finding("phone", m.group(), m.start(), m.end()) for m in _PHONE_RE.finditer(text)]
    # Keep the earliest (then longest) finding when two overlap, e.g. digits inside an e-mail.
    found.sort(key=lambda f: (f.start, -f.end))
    result: list[Finding] = []
    for finding in found:
        if not result or finding.start >= result[-1].end:
            result.append(finding)
    return result


def redact(text: str, findings: list[Finding] | None = None) -> str:
    """Replace each finding with a Romanian placeholder such as "[CNP]" or "[telefon]"."""
    if findings is None:
        findings = find_personal_data(text)
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[: finding.start] + PLACEHOLDERS[finding.kind] + text[finding.end :]
    return text


def describe(findings: list[Finding]) -> str:
    """A translated sentence naming the kinds of personal data found ("" if none)."""
    kinds = list(dict.fromkeys(f.kind for f in findings))
    if not kinds:
        return ""
    labels = ", ".join(str(KIND_LABELS[kind]) for kind in kinds)
    return _("looks like it contains personal data: %(kinds)s") % {"kinds": labels}
