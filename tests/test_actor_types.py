"""Actors the model mistypes, settled by the rest of the name and the sentence: a given name
before a surname the model tags as an organisation, a surname written without its accents, a
transcript's speaker label, a name before 'party'. Sentences of our own."""
import pytest

from test_actors import actors_nlp  # noqa: F401  (the module's pipeline fixture)


def types(doc):
    return {m.actor.name: m.actor.type for m in doc._.mentions}


@pytest.mark.parametrize("text, name", [
    ("Farid Moradi said the plan would fail.", "Farid Moradi"),
    ("The vote was called after Kemal Arslan died in a crash.", "Kemal Arslan"),
])
def test_a_given_name_makes_an_organisation_tag_a_person(actors_nlp, text, name):
    assert types(actors_nlp(text)).get(name) == "Person"


@pytest.mark.parametrize("text, name", [
    ("Meta Platforms said it would appeal.", "Meta Platforms"),          # a plural noun after it
    ("Georgia Power said it would raise prices.", "Georgia Power"),      # a place first
])
def test_organisations_named_like_people_stay_organisations(actors_nlp, text, name):
    assert types(actors_nlp(text)).get(name) in ("Organization", None)


def test_a_surname_without_accents_is_the_same_person(actors_nlp):
    doc = actors_nlp("Mayor Ekin Yıldırımoğlu was detained. Supporters of Yildirimoglu gathered outside.")
    keys = {m.actor.key for m in doc._.mentions if "ld" in m.text}
    assert len(keys) == 1 and types(doc).get("Ekin Yıldırımoğlu") == "Person"


def test_a_transcripts_speaker_label_is_a_person_and_its_title_no_actor(actors_nlp):
    doc = actors_nlp("NORA PELLING, HOST:\n\nGood morning and welcome back to the programme.")
    found = types(doc)
    assert found.get("NORA PELLING") == "Person"
    assert "HOST" not in found


def test_a_place_named_with_an_article_is_no_person(actors_nlp):
    doc = actors_nlp("Flights to El Tambor resumed on Monday, and San Lucero reopened its port.")
    assert "Person" not in {types(doc).get("El Tambor"), types(doc).get("San Lucero")}
