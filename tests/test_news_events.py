"""Events as news reports them: possessive and weekday dates, the lead's undated news (given
the publication's month, or the day of the lead's dated happening), what a happening set off,
and verbs and nouns real news uses. Sentences of our own; publication dates fixed."""
import pytest

from test_events import analyse, model  # noqa: F401  (the module's model fixture)

MONDAY = "2025-03-10"


def kinds(found):
    return sorted((ev.type, ev.start) for ev in found)


def test_a_possessive_weekday_dates_its_noun(model):
    found = analyse(model, "Opposition leaders rejected the result of Saturday's referendum in Tarvia.",
                    published=MONDAY)
    assert ("Vote", "2025-03-08") in kinds(found)


def test_last_weekdays_order_is_a_decision(model):
    found = analyse(model, "The company appealed against last Friday's order by the regulator.",
                    published=MONDAY)
    assert ("Decision", "2025-03-07") in kinds(found)


def test_a_day_number_tagged_apart_from_its_month_is_kept(model):
    found = analyse(model, "The Union Party lost its majority in the 2 March vote.", published=MONDAY)
    assert kinds(found) == [("Election", "2025-03-02")]


def test_an_undated_lead_gets_the_publication_month(model):
    text = ("Norland officially joins the Baltic Compact\n\n"
            "Norland has formally joined the Baltic Compact, becoming its ninth member.")
    found = analyse(model, text, published="2025-06-05")
    assert kinds(found) == [("Other", "2025-06")]


def test_an_undated_lead_sentence_takes_the_leads_dated_day(model):
    text = ("Velmar secured a new loan from the fund on Wednesday. The central bank's decision "
            "to raise its key rate to 30 percent caught traders by surprise.")
    found = analyse(model, text, published="2025-03-13")
    assert kinds(found) == [("Agreement", "2025-03-12"), ("Decision", "2025-03-12")]


def test_a_relative_clause_on_the_lead_subject_reports_news(model):
    text = ("The former governor Arlo Brandt, who has been sentenced to four years in prison, "
            "is being held in the capital.")
    assert kinds(analyse(model, text, published="2025-08-06")) == [("Decision", "2025-08")]


@pytest.mark.parametrize("text", [
    "Ministers will sign the treaty, officials hope.",                 # still to come
    "Brandt has not resigned.",                                        # negated
    "A proposal split the climate summit in Porto.",                   # the verb names nothing
    "Officials said the talks were constructive.",                     # what people say
])
def test_undated_leads_that_report_no_happening_give_nothing(model, text):
    assert analyse(model, text, published=MONDAY) == []


def test_undated_sentences_after_the_lead_give_nothing(model):
    text = ("Officials met. They talked. They ate. They left. "
            "The army later seized the airport.")
    assert all(ev.type != "MilitaryAction" for ev in analyse(model, text, published=MONDAY))


def test_a_dated_event_of_the_same_type_stands_for_the_undated_one(model):
    text = ("The court has sentenced Arlo Brandt to four years. "
            "Judge Mira Kest sentenced him on Tuesday after a two-week trial.")
    assert kinds(analyse(model, text, published=MONDAY)) == [("Decision", "2025-03-04")]


def test_what_a_dated_arrest_set_off_took_place_then(model):
    text = "Her arrest in June 2024 had triggered large protests across the country."
    assert kinds(analyse(model, text, published=MONDAY)) == [("Other", "2024-06"), ("Protest", "2024-06")]


@pytest.mark.parametrize("text, kind", [
    ("The Supreme Court on Monday ratified the ruling by one of its judges.", "Decision"),
    ("The government paused approvals of new export terminals on Friday.", "Decision"),
    ("The central bank raised interest rates on Thursday.", "Decision"),
    ("Prosecutors arrested the opposition leader on Sunday.", "Other"),
    ("The incumbent won a second term on Sunday.", "Election"),
    ("The singer passed away on Saturday.", "Other"),
])
def test_verbs_of_real_news(model, text, kind):
    assert [ev.type for ev in analyse(model, text, published=MONDAY)] == [kind]


def test_a_date_after_for_says_what_a_measure_applies_to(model):
    found = analyse(model, "The producers agreed on Sunday to pause output increases for April.",
                    published=MONDAY)
    assert kinds(found) == [("Agreement", "2025-03-09")]


def test_a_hearing_set_for_a_date_is_dated_by_it(model):
    found = analyse(model, "The judge scheduled a hearing for 19-20 May.", published=MONDAY)
    assert [(ev.start, ev.end) for ev in found] == [("2025-05-19", "2025-05-20")]


def test_a_month_in_a_quotation_still_dates_what_it_tells(model):
    text = 'He said he knew the family, "long before the boy passed away in February."'
    assert kinds(analyse(model, text, published=MONDAY)) == [("Other", "2025-02")]


def test_a_state_since_a_day_began_that_day(model):
    found = analyse(model, "Access to the site has been blocked since Saturday.", published=MONDAY)
    assert kinds(found) == [("Other", "2025-03-08")]        # the blocking's start, not an order


def test_since_a_year_still_only_bounds(model):
    assert analyse(model, "The party has governed since 2019.", published=MONDAY) == []


def test_judges_voting_to_uphold_a_ruling_is_a_decision(model):
    found = analyse(model, "On Monday, four judges voted to uphold the ban.", published="2025-03-12")
    assert kinds(found) == [("Decision", "2025-03-10")]


def test_one_event_told_in_the_country_and_in_its_city_is_one(model):
    text = ("Both sides prepare for a summit in Britain next month. "
            "The London summit in April is meant to reset relations.")
    found = analyse(model, text, published=MONDAY)
    assert [(ev.type, ev.start, ev.place.name) for ev in found] == [("Summit", "2025-04", "London")]


def test_an_event_at_two_precisions_is_one_with_the_finer_date(model):
    text = ("A summit in Portugal is due next month. "
            "The summit on 14 April will open in Lisbon.")
    found = [ev for ev in analyse(model, text, published=MONDAY) if ev.type == "Summit"]
    assert [(ev.start, ev.place and ev.place.name) for ev in found] == [("2025-04-14", "Lisbon")]


def test_two_meetings_in_one_month_told_without_places_stay_two(model):
    text = ("Ministers will meet again next month. "
            "Their deputies will meet on 14 April.")
    found = [ev for ev in analyse(model, text, published=MONDAY) if ev.type == "Meeting"]
    assert sorted(ev.start for ev in found) == ["2025-04", "2025-04-14"]
