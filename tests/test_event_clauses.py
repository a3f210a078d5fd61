"""Events whose date hangs on an unusual word, typed by the clause around it, and merged
with the gathering they happened at. Publication date: Wednesday 4 December 2024."""
import pytest

from kg.nlp.dates import resolve

from test_events import analyse, model, only  # noqa: F401  (model: the fixture)


def kinds(found):
    return sorted((e.start, e.type) for e in found)


# --- dates on relative clauses, participles and gerunds --------------------------------

def test_a_relative_clause_that_only_frames_dates_its_antecedent(model):
    ev = only(analyse(model, "Witnesses described the trial, which ran from 7 to 18 October, "
                             "as the longest in the country's history."))
    assert (ev.type, ev.start, ev.end) == ("Other", "2024-10-07", "2024-10-18")


def test_a_session_of_some_body_is_the_event_through_of(model):
    ev = only(analyse(model, "The session of the regional water boards, which ran from 4 to 8 November, "
                             "ended without a deal."))
    assert (ev.type, ev.start) == ("Meeting", "2024-11-04")


def test_a_gerund_the_tagger_took_for_a_verb(model):
    ev = only(analyse(model, "The judge set a sentencing hearing for 14-15 January."))
    assert ev.type == "Other" and ev.start.endswith("-01-14")


def test_a_noun_dated_through_the_participle_that_describes_it(model):
    ev = only(analyse(model, "Turnout was high, according to results published by the electoral "
                             "commission on Monday."))
    assert (ev.type, ev.start) == ("Publication", "2024-12-02")


def test_a_verb_the_lemmatiser_gets_wrong_is_still_known(model):
    ev = only(analyse(model, "The marathon was a success, staged in Boston from 14 to 16 April."))
    assert (ev.type, ev.start, ev.end) == ("Other", "2024-04-14", "2024-04-16")


# --- the type from the verb and its context -----------------------------------------------

def test_a_gathering_anywhere_in_the_clause_names_the_event(model):
    ev = only(analyse(model, "Leaders are expected to debate the budget at the EU summit in Brussels "
                             "on 26-27 June."))
    assert (ev.type, ev.place.name) == ("Summit", "Brussels")


def test_what_a_meeting_confirmed_is_the_meeting(model):
    ev = only(analyse(model, "A meeting of finance ministers in Lisbon on Monday confirmed the new rules."))
    assert (ev.type, ev.start) == ("Meeting", "2024-12-02")


@pytest.mark.parametrize("sentence, kind", [
    ("Chile requested arbitration on 2 May.", "Application"),
    ("The airline appealed against the fine on 3 October.", "Application"),
    ("The government declared a state of emergency on 18 November.", "Decision"),
    ("The new tariffs took effect on 1 March.", "Decision"),
    ("The national assembly adopted the resolution on Monday.", "Vote"),
    ("The treaty was adopted in May 2023.", "Agreement"),
    ("Soldiers carried out mass arrests in August 2021.", "Other"),
    ("The two firms discussed a merger on Tuesday.", "Meeting"),
])
def test_type_from_the_verb_and_its_object(model, sentence, kind):
    assert only(analyse(model, sentence)).type == kind


def test_appealing_for_calm_is_a_statement_not_an_application(model):
    assert only(analyse(model, "The mayor appealed for calm on Sunday.")).type == "Statement"


def test_something_left_to_be_done_is_in_the_future(model):
    found = analyse(model, "The talks ended on Tuesday, leaving the dispute to be settled "
                           "at the summit in February.")
    assert ("2025-02", "Summit") in kinds(found)


# --- merging --------------------------------------------------------------------------------

def test_what_a_short_meeting_decided_is_part_of_it(model):
    found = analyse(model, "The bank's board, meeting in Frankfurt on Monday and Tuesday, left "
                           "interest rates unchanged on Tuesday.")
    ev = only(found)
    assert (ev.type, ev.start, ev.end) == ("Meeting", "2024-12-02", "2024-12-03")


def test_an_agreement_reached_at_a_one_day_meeting_is_that_meeting(model):
    found = analyse(model, "At a video meeting on Sunday, the producers agreed to cut output.")
    assert kinds(found) == [("2024-12-01", "Meeting")]


def test_a_remark_without_a_known_speaker_on_a_busy_day_is_dropped(model):
    found = analyse(model, "Parliament voted on Tuesday to raise the pension age. "
                           "Union lawyers said on Tuesday that they would challenge the law.")
    assert kinds(found) == [("2024-12-03", "Vote")]


def test_a_long_gathering_keeps_what_happened_during_it(model):
    found = analyse(model, "The conference ran from 11 to 22 November in Baku. "
                           "The presidency published a draft text on 18 November.")
    assert ("2024-11-18", "Publication") in kinds(found)


# --- dates -----------------------------------------------------------------------------------

def test_two_weekdays_make_a_range():
    assert resolve("Monday and Tuesday", "2024-12-04") == ("2024-12-02", "2024-12-03", "date")


def test_next_weekday_is_in_next_week():
    assert resolve("next Thursday", "2024-12-04").start == "2024-12-12"
    assert resolve("next Tuesday", "2024-12-06").start == "2024-12-10"


def test_the_body_named_before_its_people_takes_part(model):
    ev = only(analyse(model, "OPEC oil ministers met in Vienna on 2 December."))
    assert [a.name for a in ev.participants] == ["OPEC"]
