import datetime as dt

from synergy.acro.working_days import add_working_days, is_working_day, working_days_between


def test_weekends_and_bank_holidays_are_not_working_days():
    assert not is_working_day(dt.date(2026, 11, 28))  # Saturday
    assert not is_working_day(dt.date(2026, 12, 28))  # Boxing Day (substitute), Monday
    assert not is_working_day(dt.date(2027, 3, 29))  # Easter Monday
    assert is_working_day(dt.date(2026, 11, 26))


def test_ten_working_days_over_christmas_skip_the_bank_holidays():
    # Mon 21 Dec 2026 + 10: 22,23,24, (25 Fri, 28 Mon substitute), 29,30,31, (1 Jan) 4,5,6,7
    assert add_working_days(dt.date(2026, 12, 21), 10) == dt.date(2027, 1, 7)


def test_ten_working_days_from_a_friday_is_two_weeks_later():
    assert add_working_days(dt.date(2026, 11, 6), 10) == dt.date(2026, 11, 20)


def test_working_days_between_counts_after_the_start():
    assert working_days_between(dt.date(2026, 11, 6), dt.date(2026, 11, 20)) == 10
    assert working_days_between(dt.date(2026, 11, 20), dt.date(2026, 11, 6)) == 0
