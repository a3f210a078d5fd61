"""Date phrases of weeks, weekends, seasons, parts of a period, days of the month and month
ranges, resolved against fixed publication dates at the precision the text gives: xsd has no
week or season, so such a phrase gets the smallest xsd value holding all of it."""
import pytest

from kg.nlp.dates import DATE, YEAR, YEAR_MONTH, resolve

WEDNESDAY = "2024-12-04"      # its week (Mon 2 - Sun 8 December) lies in one month
MID_APRIL = "2024-04-17"      # a Wednesday; the week before it is 8-14 April
MONDAY = "2025-03-10"


@pytest.mark.parametrize("phrase, published, start, precision", [
    ("last week", MID_APRIL, "2024-04", YEAR_MONTH),
    ("last week", WEDNESDAY, "2024", YEAR),              # 25 Nov - 1 Dec: two months
    ("this week", WEDNESDAY, "2024-12", YEAR_MONTH),
    ("next week", MID_APRIL, "2024-04", YEAR_MONTH),
    ("earlier this week", MONDAY, "2025-03", YEAR_MONTH),
    ("two weeks ago", WEDNESDAY, "2024-11", YEAR_MONTH),
    ("three weeks ago", MID_APRIL, "2024-03", YEAR_MONTH),
    ("earlier this month", WEDNESDAY, "2024-12", YEAR_MONTH),
    ("later this month", MONDAY, "2025-03", YEAR_MONTH),
    ("earlier this year", WEDNESDAY, "2024", YEAR),
    ("later in the year", MONDAY, "2025", YEAR),
])
def test_weeks_and_parts_of_the_current_period(phrase, published, start, precision):
    assert resolve(phrase, published) == (start, None, precision)


@pytest.mark.parametrize("phrase, published, start, end", [
    ("last weekend", WEDNESDAY, "2024-11-30", "2024-12-01"),
    ("last weekend", MONDAY, "2025-03-08", "2025-03-09"),
    ("this weekend", WEDNESDAY, "2024-12-07", "2024-12-08"),
    ("this weekend", "2024-12-08", "2024-12-07", "2024-12-08"),     # told on its Sunday
    ("next weekend", WEDNESDAY, "2024-12-14", "2024-12-15"),
])
def test_weekends_are_two_days(phrase, published, start, end):
    assert resolve(phrase, published) == (start, end, DATE)


@pytest.mark.parametrize("phrase, published, start", [
    ("last summer", "2024-10-02", "2024"),     # told in October: this year's summer
    ("last summer", "2025-03-10", "2024"),
    ("last spring", "2024-04-20", "2023"),     # spring is still going on: the one before
    ("this autumn", "2024-07-01", "2024"),
    ("next spring", WEDNESDAY, "2025"),
    ("in the autumn of 2023", WEDNESDAY, "2023"),
    ("summer 2022", None, "2022"),
    ("in the fall of last year", MONDAY, "2024"),
    ("early spring 2021", None, "2021"),
])
def test_seasons_give_their_year(phrase, published, start):
    assert resolve(phrase, published) == (start, None, YEAR)


@pytest.mark.parametrize("phrase, published, start, precision", [
    ("the first week of March", MONDAY, "2025-03", YEAR_MONTH),
    ("in the second week of November", WEDNESDAY, "2024-11", YEAR_MONTH),
    ("the last days of June 2023", None, "2023-06", YEAR_MONTH),
    ("the end of last year", MONDAY, "2024", YEAR),
    ("at the beginning of 2022", None, "2022", YEAR),
    ("the first half of 2023", None, "2023", YEAR),
    ("mid-2023", None, "2023", YEAR),
    ("in mid-March", MONDAY, "2025-03", YEAR_MONTH),
    ("late last year", MONDAY, "2024", YEAR),
    ("early 2023", None, "2023", YEAR),
])
def test_parts_of_a_month_or_year_keep_its_precision(phrase, published, start, precision):
    assert resolve(phrase, published) == (start, None, precision)


@pytest.mark.parametrize("phrase, published, start", [
    ("on the 2nd", WEDNESDAY, "2024-12-02"),
    ("the 28th", WEDNESDAY, "2024-11-28"),     # the latest 28th before publication
    ("on the 3rd", MONDAY, "2025-03-03"),
])
def test_a_day_of_the_month_alone_is_the_nearest_past_one(phrase, published, start):
    assert resolve(phrase, published) == (start, None, DATE)


@pytest.mark.parametrize("phrase, published, start, end", [
    ("between March and May 2024", None, "2024-03", "2024-05"),
    ("from October 2023 to January 2024", None, "2023-10", "2024-01"),
    ("November to February 2025", None, "2024-11", "2025-02"),
    ("from June to August", WEDNESDAY, "2024-06", "2024-08"),
])
def test_month_ranges(phrase, published, start, end):
    assert resolve(phrase, published) == (start, end, YEAR_MONTH)


@pytest.mark.parametrize("phrase, published, start, precision", [
    ("Saturday's", WEDNESDAY, "2024-11-30", DATE),           # "Saturday's election"
    ("last Friday's", MONDAY, "2025-03-07", DATE),           # "last Friday's order"
    ("last year's", MONDAY, "2024", YEAR),
    ("last month's", WEDNESDAY, "2024-11", YEAR_MONTH),
    ("15 months ago", MONDAY, "2023-12", YEAR_MONTH),
    ("in September of last year", MONDAY, "2024-09", YEAR_MONTH),
    ("September last year", MONDAY, "2024-09", YEAR_MONTH),
    ("eight days ago", MONDAY, "2025-03-02", DATE),
    ("on Tuesday", MONDAY, "2025-03-04", DATE),              # the latest Tuesday before Monday the 10th
])
def test_possessive_and_counted_back_phrases(phrase, published, start, precision):
    assert resolve(phrase, published) == (start, None, precision)


def test_phrases_counted_from_publication_need_one():
    for phrase in ("last week", "last weekend", "last summer", "on the 2nd", "earlier this month"):
        assert resolve(phrase, None) is None
