"""Law 52/2003 deadlines counted in Romanian working days (real legal holidays)."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from strategy import law52

D = datetime.date


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 11, 30),  # Monday, Sfântul Andrei
        D(2026, 12, 1),  # Tuesday, Ziua Națională
        D(2026, 12, 25),  # Friday, Crăciunul
        D(2027, 1, 1),  # Friday, Anul Nou
        D(2027, 1, 6),  # Wednesday, Boboteaza
        D(2027, 1, 7),  # Thursday, Sf. Ioan
        D(2027, 4, 30),  # Orthodox Good Friday
        D(2027, 5, 3),  # Orthodox Easter Monday (Easter is Sunday 2 May 2027)
        D(2027, 6, 21),  # Rusalii Monday
        D(2028, 1, 24),  # Monday, Ziua Unirii
    ],
)
def test_legal_holidays_on_weekdays_are_not_working_days(day):
    assert day.weekday() < 5
    assert not law52.is_working_day(day)


def test_weekends_are_not_working_days_and_ordinary_weekdays_are():
    assert not law52.is_working_day(D(2026, 11, 28))  # Saturday
    assert not law52.is_working_day(D(2027, 5, 2))  # Easter Sunday
    assert law52.is_working_day(D(2026, 11, 27))  # Friday
    assert law52.is_working_day(D(2027, 5, 4))  # Tuesday after Easter


def test_working_days_skip_the_1_december_holidays():
    # Fri 27 Nov → Fri 4 Dec 2026: Mon 30 Nov and Tue 1 Dec are holidays; 2, 3, 4 Dec count.
    assert law52.working_days_ro(D(2026, 11, 27), D(2026, 12, 4)) == 3
    assert law52.next_working_day(D(2026, 11, 27)) == D(2026, 12, 2)


def test_adding_working_days_across_orthodox_easter():
    # Thu 29 Apr 2027 + 1 working day: Good Friday, the weekend and Easter Monday are skipped.
    assert law52.add_working_days(D(2027, 4, 29), 1) == D(2027, 5, 4)
    assert law52.add_working_days(D(2027, 4, 29), 0) == D(2027, 4, 29)
    assert law52.working_days_ro(D(2027, 4, 29), D(2027, 5, 4)) == 1


def test_working_days_across_christmas_and_new_year():
    # Thu 24 Dec 2026 → Fri 8 Jan 2027: 25 Dec, 1 Jan, 6–7 Jan are holidays.
    expected = [D(2026, 12, 28), D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)]
    expected += [D(2027, 1, 4), D(2027, 1, 5), D(2027, 1, 8)]
    assert law52.working_days_ro(D(2026, 12, 24), D(2027, 1, 8)) == len(expected)


def test_recommendations_ending_on_a_holiday_move_to_the_next_working_day():
    dates = law52.statutory_dates(D(2026, 11, 20))
    # 20 Nov + 10 days = Mon 30 Nov (holiday), then Tue 1 Dec (holiday) → Wed 2 Dec.
    assert dates["comments_moved_from"] == D(2026, 11, 30)
    assert dates["comments_until"] == D(2026, 12, 2)


def test_recommendations_ending_on_a_weekend_move_to_monday():
    dates = law52.statutory_dates(D(2026, 3, 4))  # + 10 days = Saturday 14 March
    assert dates["comments_until"] == D(2026, 3, 16)


def test_recommendations_ending_on_easter_monday_move_to_tuesday():
    assert law52.statutory_dates(D(2027, 4, 23))["comments_until"] == D(2027, 5, 4)


def test_a_period_ending_on_a_working_day_does_not_move():
    dates = law52.statutory_dates(D(2026, 3, 2))  # + 10 = Thursday 12 March
    assert dates["comments_until"] == D(2026, 3, 12)
    assert dates["comments_moved_from"] is None


def test_earliest_submission_is_30_working_days_after_the_announcement():
    dates = law52.statutory_dates(D(2026, 11, 20))
    # Skips 30 Nov, 1 Dec, 25 Dec, 1 Jan, 6 and 7 Jan besides the weekends.
    assert dates["earliest_submission"] == D(2027, 1, 11)
    assert law52.working_days_ro(D(2026, 11, 20), D(2027, 1, 11)) == 30
    skipped = [day.date for day in dates["days_off"]]
    assert skipped == [
        D(2026, 11, 30),
        D(2026, 12, 1),
        D(2026, 12, 25),
        D(2027, 1, 1),
        D(2027, 1, 6),
        D(2027, 1, 7),
    ]
    assert all(day.name for day in dates["days_off"])


@override_settings(SPIRALA_LAW52_MOVE_TO_WORKING_DAY=False)
def test_the_move_to_a_working_day_can_be_switched_off():
    dates = law52.statutory_dates(D(2026, 3, 4))
    assert dates["comments_until"] == D(2026, 3, 14)
    assert dates["comments_moved_from"] is None


@override_settings(SPIRALA_LAW52_COMMENT_DAYS=15)
def test_the_recommendations_period_is_a_setting():
    assert law52.statutory_dates(D(2026, 3, 2))["comments_until"] == D(2026, 3, 17)


@override_settings(SPIRALA_LAW52_COMMENT_DAYS_WORKING=True)
def test_the_recommendations_period_can_count_working_days():
    # From Fri 20 Nov 2026: 23–27 Nov (5), 2–4 Dec (8), 7 Dec (9), 8 Dec (10).
    assert law52.statutory_dates(D(2026, 11, 20))["comments_until"] == D(2026, 12, 8)


@override_settings(SPIRALA_LAW52_NOTICE_WORKING_DAYS=5)
def test_the_notice_before_submission_is_a_setting():
    # From Fri 20 Nov 2026: 23, 24, 25, 26, 27 Nov.
    assert law52.statutory_dates(D(2026, 11, 20))["earliest_submission"] == D(2026, 11, 27)


@override_settings(SPIRALA_EXTRA_DAYS_OFF=["2026-12-24", "2026-12-31"])
def test_government_extra_days_off_are_not_working_days():
    assert not law52.is_working_day(D(2026, 12, 24))
    dates = law52.statutory_dates(D(2026, 11, 20))
    assert dates["earliest_submission"] == D(2027, 1, 13)
    assert D(2026, 12, 24) in [day.date for day in dates["days_off"]]


@pytest.mark.parametrize(
    "overrides",
    [
        {"SPIRALA_LAW52_COMMENT_DAYS": -1},
        {"SPIRALA_LAW52_COMMENT_DAYS": "10"},
        {"SPIRALA_LAW52_MOVE_TO_WORKING_DAY": "yes"},
        {"SPIRALA_EXTRA_DAYS_OFF": ["24.12.2026"]},
    ],
)
def test_a_bad_setting_fails_with_a_clear_message(overrides):
    with override_settings(**overrides), pytest.raises(ImproperlyConfigured):
        law52.statutory_dates(D(2026, 11, 20))


def test_the_latest_debate_date_is_ten_calendar_days_after_its_publication():
    assert law52.latest_debate_date(D(2026, 11, 20)) == D(2026, 11, 30)
    with override_settings(SPIRALA_LAW52_DEBATE_NOTICE_DAYS=7):
        assert law52.latest_debate_date(D(2026, 11, 20)) == D(2026, 11, 27)


def test_an_extended_period_pushes_the_earliest_submission():
    announced = D(2026, 11, 20)
    assert law52.earliest_submission_for(announced, D(2026, 12, 2)) == D(2027, 1, 11)
    assert law52.earliest_submission_for(announced, D(2027, 1, 15)) == D(2027, 1, 18)
