"""Dates, times and countries as pages show them, and dates as people in the UK type them."""

import datetime as dt

import pytest

from synergy.core.formatting import (
    counted,
    country_code,
    country_name,
    datetime_text,
    read_date,
    whole_number,
)


def test_stored_utc_reads_as_uk_summer_and_winter_time() -> None:
    summer = dt.datetime(2026, 7, 15, 13, 30, tzinfo=dt.UTC)
    winter = dt.datetime(2026, 1, 15, 13, 30, tzinfo=dt.UTC)
    assert datetime_text(summer) == "15 July 2026, 14:30"
    assert datetime_text(winter, short=True) == "15 Jan 2026, 13:30"
    # Just before midnight UTC in summer is the next day in the UK.
    late = dt.datetime(2026, 7, 15, 23, 30, tzinfo=dt.UTC)
    assert datetime_text(late) == "16 July 2026, 00:30"


@pytest.mark.parametrize(
    "typed",
    [
        "27/03/1990",
        "27-3-1990",
        "27.03.1990",
        "27 3 1990",
        "27 March 1990",
        "27 mar 1990",
        "1990-03-27",
    ],
)
def test_uk_ways_of_writing_a_date_read_to_the_same_day(typed: str) -> None:
    assert read_date(typed) == dt.date(1990, 3, 27)


@pytest.mark.parametrize(
    "typed", ["03/27/1990", "27/03/90", "31/02/1990", "27th March", "", "soon"]
)
def test_ambiguous_or_impossible_dates_are_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        read_date(typed)


def test_countries_read_by_code_or_name_and_show_by_name() -> None:
    assert country_name("RO") == "Romania" and country_name("GB") == "United Kingdom"
    assert country_code("Romania") == "RO" and country_code("ro") == "RO"
    assert country_code("ROU") == "RO" and country_code("Narnia") is None


def test_counts_agree_with_their_noun() -> None:
    assert counted(1, "request") == "1 request"
    assert [counted(n, "person", "people") for n in (0, 2)] == ["0 people", "2 people"]


def test_whole_numbers_are_ascii_digits_that_fit_an_integer_column() -> None:
    assert whole_number(" 42 ") == 42
    assert whole_number("2147483647") == 2**31 - 1
    for not_one in ("", "²", "١٢", "-1", "1.5", "2147483648", "9" * 40, "12a"):
        assert whole_number(not_one) is None, not_one
