"""Deadlines of Law 52/2003 on decisional transparency, in Romanian working days (no DB).

A working day is Monday to Friday, except Romania's legal holidays (Codul muncii art. 139, from the
`holidays` package) and the extra days off the Government grants by decision (HG), listed in the
setting ``SPIRALA_EXTRA_DAYS_OFF`` as ISO dates.

Counting follows the Code of civil procedure (art. 181): the day the period starts (the
announcement) is not counted, the last day is. ``working_days_ro(start, end)`` therefore counts the
working days in ``(start, end]`` and ``add_working_days(start, n)`` is the n-th working day after
``start``.

Settings (read at call time, with the defaults of the law):
- ``SPIRALA_LAW52_COMMENT_DAYS`` (10): the period for written recommendations, art. 7(4);
- ``SPIRALA_LAW52_COMMENT_DAYS_WORKING`` (False): count that period in working days rather than
  calendar days (the law's wording is unconfirmed, so calendar days by default);
- ``SPIRALA_LAW52_MOVE_TO_WORKING_DAY`` (True): a period ending on a non-working day ends on the
  next working day instead;
- ``SPIRALA_LAW52_NOTICE_WORKING_DAYS`` (30): working days between the announcement and the
  submission of the draft to the council, art. 7(2);
- ``SPIRALA_LAW52_DEBATE_NOTICE_DAYS`` (10): a public debate is held at most this many days after
  its date and place are published.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext as _

ONE_DAY = datetime.timedelta(days=1)
# Far beyond any real period: a guard against an endless loop on absurd settings.
MAX_SEARCH_DAYS = 3660


@dataclass(frozen=True)
class DayOff:
    """A weekday on which public offices are closed, and why."""

    date: datetime.date
    name: str


def _int_setting(name: str, default: int) -> int:
    value = getattr(settings, name, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ImproperlyConfigured(f"{name} must be a whole number of days, 0 or more.")
    return value


def _bool_setting(name: str, default: bool) -> bool:
    value = getattr(settings, name, default)
    if not isinstance(value, bool):
        raise ImproperlyConfigured(f"{name} must be True or False.")
    return value


def _extra_days_off() -> dict[datetime.date, str]:
    """The HG extra days off from ``settings.SPIRALA_EXTRA_DAYS_OFF`` (ISO dates)."""
    found = {}
    for value in getattr(settings, "SPIRALA_EXTRA_DAYS_OFF", []) or []:
        try:
            day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ImproperlyConfigured(
                f"SPIRALA_EXTRA_DAYS_OFF must list ISO dates (YYYY-MM-DD); {value!r} is not one."
            ) from None
        found[day] = _("day off granted by government decision")
    return found


def _holiday_language() -> str:
    return "en_US" if (translation.get_language() or "").startswith("en") else "ro"


@lru_cache(maxsize=64)
def _legal_holidays(year: int, language: str) -> dict[datetime.date, str]:
    """Romania's legal holidays of one year (cached: they never change for a given year)."""
    return dict(holidays.country_holidays("RO", years=year, language=language).items())


def _day_off_name(day: datetime.date) -> str | None:
    """Why a day is not a working day (legal holiday or HG day off), ignoring weekends."""
    name = _legal_holidays(day.year, _holiday_language()).get(day)
    if name is None:
        name = _extra_days_off().get(day)
    return name


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, and neither a legal holiday nor an HG extra day off."""
    return day.weekday() < 5 and _day_off_name(day) is None


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day strictly after ``day``."""
    candidate = day + ONE_DAY
    for _step in range(MAX_SEARCH_DAYS):
        if is_working_day(candidate):
            return candidate
        candidate += ONE_DAY
    raise ImproperlyConfigured("No working day found: check SPIRALA_EXTRA_DAYS_OFF.")


def working_day_on_or_after(day: datetime.date) -> datetime.date:
    """``day`` itself when it is a working day, else the next working day."""
    return day if is_working_day(day) else next_working_day(day)


def working_days_ro(start: datetime.date, end: datetime.date) -> int:
    """How many working days fall in ``(start, end]`` (the start day is not counted)."""
    count = 0
    day = start + ONE_DAY
    while day <= end:
        if is_working_day(day):
            count += 1
        day += ONE_DAY
    return count


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after ``start`` (``start`` itself for n = 0)."""
    if n < 0:
        raise ValueError("n must be 0 or more")
    day = start
    for _step in range(n):
        day = next_working_day(day)
    return day


def days_off_between(start: datetime.date, end: datetime.date) -> list[DayOff]:
    """Legal holidays and HG days off falling on a weekday in ``(start, end]``: the days a count
    of working days skipped besides weekends."""
    found = []
    day = start + ONE_DAY
    while day <= end:
        if day.weekday() < 5:
            name = _day_off_name(day)
            if name is not None:
                found.append(DayOff(day, name))
        day += ONE_DAY
    return found


def minimum_comments_until(announced_on: datetime.date) -> datetime.date:
    """The last day (inclusive) of the statutory period for written recommendations."""
    return statutory_dates(announced_on)["comments_until"]


def statutory_dates(announced_on: datetime.date) -> dict:
    """The dates Law 52/2003 sets from the announcement of a draft, with what explains them.

    - ``comments_until``: the last day (inclusive) for written recommendations, art. 7(4):
      announced_on + N days (calendar by default, or working days), moved to the next working day
      when it would end on a non-working day (unless the setting says otherwise);
    - ``earliest_submission``: the earliest day the draft may be submitted to the council (for
      opinions), the 30th working day after the announcement, art. 7(2).
    The other keys (periods, whether it moved, the holidays skipped) let a page explain the rule.
    """
    comment_days = _int_setting("SPIRALA_LAW52_COMMENT_DAYS", 10)
    comment_days_working = _bool_setting("SPIRALA_LAW52_COMMENT_DAYS_WORKING", False)
    move = _bool_setting("SPIRALA_LAW52_MOVE_TO_WORKING_DAY", True)
    notice_days = _int_setting("SPIRALA_LAW52_NOTICE_WORKING_DAYS", 30)

    moved_from = None
    if comment_days_working:
        comments_until = add_working_days(announced_on, comment_days)
    else:
        comments_until = announced_on + datetime.timedelta(days=comment_days)
        if move and not is_working_day(comments_until):
            moved_from = comments_until
            comments_until = next_working_day(comments_until)
    earliest_submission = add_working_days(announced_on, notice_days)
    last = max(comments_until, earliest_submission)
    return {
        "announced_on": announced_on,
        "comments_until": comments_until,
        "comment_days": comment_days,
        "comment_days_working": comment_days_working,
        "comments_moved_from": moved_from,
        "move_to_working_day": move,
        "earliest_submission": earliest_submission,
        "notice_working_days": notice_days,
        "days_off": days_off_between(announced_on, last),
    }


def earliest_submission_for(announced_on: datetime.date, comments_until: datetime.date):
    """The earliest submission: the statutory one, but never before the recommendations period
    has ended (a period extended past it pushes it to the next working day)."""
    statutory = statutory_dates(announced_on)["earliest_submission"]
    if comments_until >= statutory:
        return next_working_day(comments_until)
    return statutory


def latest_debate_date(published_on: datetime.date) -> datetime.date:
    """The last day a public debate may be held: DOMAIN.md §3.4 says a debate is held *at most*
    10 days after its date and place are published (a maximum, not a minimum notice), so the
    setting ``SPIRALA_LAW52_DEBATE_NOTICE_DAYS`` gives calendar days after ``published_on``.
    The day is not moved to a working day: a debate may be held on any day."""
    days = _int_setting("SPIRALA_LAW52_DEBATE_NOTICE_DAYS", 10)
    return published_on + datetime.timedelta(days=days)
