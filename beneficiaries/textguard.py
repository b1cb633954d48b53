"""Guard free text against personal data: Romanian normalisation, CNP, phone, e-mail and names.

Statements are special-category data and must never carry an identity, so every typed or
imported statement is checked with :func:`find_personal_data` before it is stored.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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

PLACEHOLDERS = {"cnp": "[CNP]", "phone": "[telefon]", "email": "[e-mail]", "name": "[nume]"}
KIND_LABELS = {
    "cnp": gettext_lazy("a personal numeric code (CNP)"),
    "phone": gettext_lazy("a phone number"),
    "email": gettext_lazy("an e-mail address"),
    "name": gettext_lazy("a person's name"),
}


@dataclass(frozen=True)
class Finding:
    kind: str  # "cnp", "phone", "email" or "name"
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
    """Return the CNPs, Romanian phone numbers, e-mail addresses and names found in ``text``."""
    found = [
        Finding("cnp", m.group(), m.start(), m.end())
        for m in _CNP_RE.finditer(text)
        if is_valid_cnp(m.group())
    ]
    found += [Finding("email", m.group(), m.start(), m.end()) for m in _EMAIL_RE.finditer(text)]
    found += [Finding("phone", m.group(), m.start(), m.end()) for m in _PHONE_RE.finditer(text)]
    found += _find_names(text)
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


# --- Names ------------------------------------------------------------------------------------
# Flagged: a first name from data/first_names_ro.txt followed by capitalised words ("Ion Pop",
# "Ana Maria Popescu"); a capitalised word with a typical surname ending followed by a first name
# ("Popescu Maria"); an honorific followed by a capitalised word ("dl. Popescu", "doamna Ionescu",
# "d-na Rus", "Dr. Moldovan"). Left alone, to keep false alarms rare: a first name on its own
# ("Maria"); a name right after a place or institution word, which names a street, school,
# hospital or church, not a person ("Strada Vasile Lucaciu", "Colegiul Național Gheorghe Șincai",
# "Sfântul Ioan Botezătorul"); the historical figures streets, schools and neighbourhoods are
# named after ("Mihai Eminescu", "Vasile Alecsandri"); a first name that is also a common word
# ("Speranța", "Victoria") at the start of a sentence; a title after an honorific ("doamna
# Primar"); and names typed in lower case. Place names such as "Baia Mare" hold no first name.


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _phrases(phrases: str) -> tuple[str, ...]:
    return tuple(phrase.strip() for phrase in phrases.split(";"))


_NAMES_FILE = Path(__file__).resolve().parent / "data" / "first_names_ro.txt"
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")
_PART_RE = re.compile(r"[-'’]")
_SENTENCE_END = (".", "!", "?", "…", ":", ";", '"', "„", "«", "»", "(")

_HONORIFICS = _wordset(
    "domnul domnului dl d-l dlui d-lui doamna doamnei dna d-na dnei d-nei domnisoara "
    "domnisoarei dra d-ra dr doctorul doctora doctorita prof profesorul profesoara ing"
)
# Words after an honorific that are a title or God, not a surname ("domnul Primar").
_TITLES = _wordset(
    "primar primarul primarului viceprimar viceprimarul director directorul directoare "
    "directoarea presedinte presedintele presedinta profesor profesoara doctor doctora dr prof "
    "ing inginer avocat deputat senator consilier consiliera ministru prefect judecator "
    "asistent asistenta sef sefa preot parinte dumnezeu hristos iisus isus"
)
# Words that make what follows a place or an institution ("Strada Vasile Lucaciu").
_PLACE_WORDS = _wordset(
    "strada str bulevardul bulevard bd bdul b-dul calea aleea piata piateta soseaua splaiul "
    "intrarea cartierul cartier cart parcul parc scoala sc liceul liceu colegiul colegiu "
    "gradinita universitatea facultatea spitalul spital policlinica clinica dispensarul centrul "
    "caminul clubul teatrul cinematograful muzeul biblioteca stadionul sala biserica parohia "
    "manastirea catedrala sf sfantul sfanta sfantu sfintii fundatia asociatia institutul statuia "
    "podul gara autogara complexul cimitirul"
)
_PLACE_ABBREVIATIONS = _wordset("str bd bdul b-dul sf sc cart")
# Lower-case words that may sit inside an institution's name ("Spitalul Județean de Urgență").
_CONNECTORS = _wordset("de din al a ai si nr cu pentru")
# Historical figures streets, schools, hospitals and neighbourhoods are named after.
_NAMESAKES = _phrases(
    "mihai eminescu; vasile alecsandri; ion creanga; mihai viteazul; mihai viteazu; avram iancu;"
    " nicolae balcescu; gheorghe sincai; vasile lucaciu; petru rares; alexandru ioan cuza;"
    " ion luca caragiale; george cosbuc; lucian blaga; nicolae titulescu; mihail kogalniceanu;"
    " tudor vladimirescu; george enescu; octavian goga; liviu rebreanu; constantin brancusi;"
    " nicolae iorga; emil racovita; vasile goldis; iuliu maniu; traian vuia; aurel vlaicu;"
    " titu maiorescu; gheorghe lazar; ciprian porumbescu; dimitrie cantemir; andrei muresanu;"
    " simion barnutiu; carol davila; victor babes; iuliu hatieganu; gheorghe doja;"
    " nicolae grigorescu; ioan slavici; ion agarbiceanu; george baritiu; andrei saguna;"
    " iuliu hossu; stefan luchian; mircea eliade; tudor arghezi; george calinescu; marin preda;"
    " marin sorescu; nichita stanescu; ana aslan; ana ipatescu; elena cuza; ecaterina teodoroiu;"
    " constantin brancoveanu; constantin opris; gheorghe pop de basesti; george pop de basesti;"
    " ion ionescu de la brad"
)
# First names that are also common words: not a name when they open a sentence.
_COMMON_WORD_NAMES = _wordset(
    "speranta victoria doina floarea florica luminita aurora crina camelia violeta margareta "
    "sabina veronica constanta marin sara mara steluta lacramioara bujor sanziana angel"
)
_SURNAME_ENDINGS = ("escu", "eanu", "anu", "aru", "ovici", "evici", "iuc")
_LOOKBACK = 6


def _fold(word: str) -> str:
    """Lower case, without diacritics or a trailing dot: "Ștefan" and "stefan." both -> "stefan"."""
    decomposed = unicodedata.normalize("NFD", word.rstrip(".").translate(_CEDILLA_TO_COMMA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.cache
def first_names() -> frozenset[str]:
    """The shipped list of Romanian first names, folded (see :func:`_fold`)."""
    lines = _NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(line.strip()) for line in lines if line.strip()[:1] not in ("", "#"))


@dataclass(frozen=True)
class _Word:
    text: str  # without a trailing dot
    start: int
    end: int  # end of ``text``
    dotted: bool

    @functools.cached_property
    def folded(self) -> str:
        return _fold(self.text)

    @functools.cached_property
    def style(self) -> str:
        """One of "title" (Pop, Pop-Ionescu), "caps" (POP) or "" (anything else)."""
        if len(self.text) < 2:
            return ""
        if self.text.isupper():
            return "caps"
        parts = _PART_RE.split(self.text)
        if all(p[:1].isupper() and p[1:] == p[1:].lower() for p in parts):
            return "title"
        return ""


def _words(text: str) -> list[_Word]:
    words = []
    for m in _WORD_RE.finditer(text):
        raw = m.group()
        dotted = raw.endswith(".")
        words.append(_Word(raw.rstrip("."), m.start(), m.end() - dotted, dotted))
    return words


def _adjacent(text: str, words: list[_Word], i: int) -> bool:
    """Word ``i + 1`` follows word ``i`` across whitespace only (a dot or comma separates)."""
    if i + 1 >= len(words):
        return False
    gap = text[words[i].end + words[i].dotted : words[i + 1].start]
    return bool(gap) and gap.isspace()


def _chain(text: str, words: list[_Word], i: int, style: str, limit: int, names=None) -> int:
    """End index (exclusive) of the run of ``style`` words starting at ``i``.

    With ``names``, first names run on freely and at most ``limit`` other words follow them, so
    "ION POP NU ARE" stops after "POP".
    """
    j, others = i + 1, 0
    while (
        not words[j - 1].dotted
        and _adjacent(text, words, j - 1)
        and words[j].style == style
        and ((names is not None and words[j].folded in names) or others < limit)
    ):
        if names is None or words[j].folded not in names:
            others += 1
        j += 1
    return j


def _names_a_place(text: str, words: list[_Word], i: int) -> bool:
    """The words before ``i`` make it part of a street, school, church... name."""
    for k in range(i - 1, max(i - 1 - _LOOKBACK, -1), -1):
        if not _adjacent(text, words, k):
            return False
        word = words[k]
        folded = word.folded
        if folded in _PLACE_WORDS and (not word.dotted or folded in _PLACE_ABBREVIATIONS):
            return True
        if word.dotted and folded not in _CONNECTORS:
            return False
        if not word.style and folded not in _CONNECTORS:
            return False
    return False


def _is_namesake(text: str, start: int) -> bool:
    folded = " ".join(_fold(text[start : start + 60]).split())
    return any(
        folded.startswith(name) and not folded[len(name) : len(name) + 1].isalpha()
        for name in _NAMESAKES
    )


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before.endswith(_SENTENCE_END)


def _find_names(text: str) -> list[Finding]:
    # Every name has a capitalised word after a space; most statements have none, so skip them.
    if not any(word[:1].isupper() for word in text.split()[1:]):
        return []
    names = first_names()
    words = _words(text)
    found, i = [], 0
    while i < len(words):
        word, first, end = words[i], None, i + 1
        if word.folded in _HONORIFICS and _adjacent(text, words, i):
            follower = words[i + 1]
            if follower.style == "title" and follower.folded not in _TITLES:
                first, end = i + 1, _chain(text, words, i + 1, "title", limit=2)
        elif word.style and not word.dotted and _adjacent(text, words, i):
            nxt, style = words[i + 1], word.style
            starts_with_name = word.folded in names and nxt.style == style
            surname_first = (
                word.folded not in names
                and word.folded.endswith(_SURNAME_ENDINGS)
                and nxt.folded in names
                and nxt.style == style
            )
            if word.folded in _COMMON_WORD_NAMES and _opens_sentence(text, word.start):
                starts_with_name = False  # "Speranța ..." opening a sentence; try the next word
            if starts_with_name or surname_first:
                # First names, then one surname (two when not all in capitals: "Pop Mureșan").
                limit = 0 if surname_first else (1 if style == "caps" else 2)
                first, end = i, _chain(text, words, i, style, limit, names)
                if _is_namesake(text, word.start):
                    first = None
        if first is not None and _names_a_place(text, words, i):
            first = None
        if first is not None:
            start, stop = words[first].start, words[end - 1].end
            found.append(Finding("name", text[start:stop], start, stop))
        # A namesake or a place's name is skipped whole, so its tail is not read as a name.
        i = end
    return found
