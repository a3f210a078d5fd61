"""Date phrases resolved against a publication date."""
import pytest

from kg.nlp.dates import DATE, YEAR, YEAR_MONTH, resolve

PUBLISHED = "2024-12-04"   # a Wednesday


@pytest.mark.parametrize("phrase, start, end, precision", [
    ("30 September 2022", "2022-09-30", None, DATE),
    ("September 30, 2022", "2022-09-30", None, DATE),
    ("2022-09-30", "2022-09-30", None, DATE),
    ("the 30th of September 2022", "2022-09-30", None, DATE),
    ("Sept. 30, 2022", "2022-09-30", None, DATE),
    ("11-12 July 2023", "2023-07-11", "2023-07-12", DATE),
    ("May 3-5, 2023", "2023-05-03", "2023-05-05", DATE),
    ("30 December 2023 to 2 January 2024", "2023-12-30", "2024-01-02", DATE),
    ("in March 2023", "2023-03", None, YEAR_MONTH),
    ("in 2019", "2019", None, YEAR),
    ("2019-2021", "2019", "2021", YEAR),
])
def test_absolute_dates_need_no_publication_date(phrase, start, end, precision):
    assert resolve(phrase, None) == (start, end, precision)
    assert resolve(phrase, PUBLISHED) == (start, end, precision)


@pytest.mark.parametrize("phrase, start, end", [
    ("on 3 December", "2024-12-03", None),
    ("29 November", "2024-11-29", None),
    ("December 1", "2024-12-01", None),
    ("3-4 December", "2024-12-03", "2024-12-04"),
    ("July 11 to 12", "2024-07-11", "2024-07-12"),
    ("between 3 and 5 May", "2024-05-03", "2024-05-05"),
    ("December 30 to January 2", "2024-12-30", "2025-01-02"),
    ("8 December", "2024-12-08", None),        # a few days ahead: coming this month
])
def test_dates_without_a_year_take_the_nearest_year(phrase, start, end):
    assert resolve(phrase, PUBLISHED) == (start, end, DATE)


def test_year_boundary_is_crossed_both_ways():
    assert resolve("29 December", "2025-01-05").start == "2024-12-29"
    assert resolve("3 January", "2024-12-28").start == "2025-01-03"


def test_dates_without_a_year_need_a_publication_date():
    assert resolve("3 December", None) is None
    assert resolve("on Tuesday", None) is None


@pytest.mark.parametrize("phrase, start, precision", [
    ("on Tuesday", "2024-12-03", DATE),
    ("Wednesday", "2024-12-04", DATE),
    ("last Saturday", "2024-11-30", DATE),
    ("last Wednesday", "2024-11-27", DATE),
    ("yesterday", "2024-12-03", DATE),
    ("last month", "2024-11", YEAR_MONTH),
    ("last year", "2023", YEAR),
    ("30 years ago", "1994", YEAR),
    ("two years ago", "2022", YEAR),
    ("three months ago", "2024-09", YEAR_MONTH),
    ("next year", "2025", YEAR),
])
def test_relative_dates_count_from_publication(phrase, start, precision):
    assert resolve(phrase, PUBLISHED) == (start, None, precision)


def test_weekday_of_a_future_happening_is_the_next_one():
    assert resolve("on Friday", PUBLISHED, future=True).start == "2024-12-06"
    assert resolve("next Monday", PUBLISHED).start == "2024-12-09"


def test_publication_datetime_is_accepted():
    assert resolve("on Tuesday", "2024-12-04T09:30:00+02:00").start == "2024-12-03"


@pytest.mark.parametrize("phrase", ["recently", "the 1990s", "30 years", "every year", "decades",
                                    "in the summer", "last winter", "for weeks"])
def test_vague_phrases_give_nothing(phrase):
    assert resolve(phrase, PUBLISHED) is None


@pytest.mark.parametrize("phrase, published, start, end, precision", [
    # "last/next <month>": the latest such month before the publication month, or the next after
    ("last August", "2024-12-04", "2024-08", None, YEAR_MONTH),
    ("last August", "2025-03-10", "2024-08", None, YEAR_MONTH),
    ("Last December", "2024-12-04", "2023-12", None, YEAR_MONTH),
    ("next February", "2024-12-04", "2025-02", None, YEAR_MONTH),
    ("this October", "2024-12-04", "2024-10", None, YEAR_MONTH),
    # a date whose year is said in words
    ("on 9 October last year", "2025-02-01", "2024-10-09", None, DATE),
    ("March of last year", "2025-02-01", "2024-03", None, YEAR_MONTH),
    ("in May next year", "2024-12-04", "2025-05", None, YEAR_MONTH),
    # holidays
    ("on Christmas Day 2022", "2024-12-04", "2022-12-25", None, DATE),
    ("New Year's Eve", "2025-01-10", "2024-12-31", None, DATE),
    # day ranges with any dash
    ("on 6\u20137 March", "2024-03-20", "2024-03-06", "2024-03-07", DATE),
    ("14\u201415 June 2023", None, "2023-06-14", "2023-06-15", DATE),
])
def test_worded_years_holidays_and_ranges(phrase, published, start, end, precision):
    assert resolve(phrase, published) == (start, end, precision)
