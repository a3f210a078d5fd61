"""Propositions: one key for the same thing said in different words, in any article."""
import pytest

from kg.nlp import pipeline
from kg.nlp.propositions import normalise

STAGES = ("newskg_actors", "newskg_roles", "newskg_quotes", "newskg_positions")


@pytest.fixture(scope="module")
def stance_nlp():
    return pipeline.build(stages=STAGES)


def keys(nlp, text):
    return {p.holder.name: p.proposition.key for p in nlp(text)._.positions}


def test_invitation_phrasings_share_one_key(stance_nlp):
    phrasings = [
        "Hungary opposes inviting Ukraine to NATO.",
        "NATO ministers met on Tuesday. Hungary opposes Ukraine's invitation to join the Alliance.",
        "Hungary opposes extending a NATO invitation to Ukraine.",
    ]
    found = {keys(stance_nlp, text).get("Hungary") for text in phrasings}
    assert len(found) == 1 and None not in found


def test_membership_phrasings_share_one_key(stance_nlp):
    phrasings = [
        "Poland supports Ukraine's NATO membership.",
        "Poland supports Ukraine joining NATO.",
        "Poland backs a fast-tracked NATO membership for Ukraine.",
    ]
    found = {keys(stance_nlp, text).get("Poland") for text in phrasings}
    assert len(found) == 1 and None not in found


def test_invitation_and_membership_are_different_propositions(stance_nlp):
    invite = keys(stance_nlp, "Hungary opposes inviting Ukraine to NATO.")["Hungary"]
    member = keys(stance_nlp, "Hungary opposes Ukraine joining NATO.")["Hungary"]
    assert invite != member


def test_label_and_involved_actors(stance_nlp):
    doc = stance_nlp("Hungary opposes inviting Ukraine to NATO.")
    [pos] = doc._.positions
    assert pos.proposition.label == "inviting Ukraine to NATO"
    assert {a.name for a in pos.proposition.involves} == {"Ukraine", "NATO"}


def test_other_frames_have_stable_keys(stance_nlp):
    a = keys(stance_nlp, "Austria vetoed the EU trade deal with Mercosur.")
    b = keys(stance_nlp, "France rejected the trade agreement between Mercosur and the EU.")
    assert a.get("Austria") and a.get("Austria") == b.get("France")


def test_unknown_frame_falls_back_to_a_slug(stance_nlp):
    doc = stance_nlp("Spain supports the new fishing quotas.")
    [pos] = doc._.positions
    assert "fishing" in pos.proposition.key and "quota" in pos.proposition.key


def test_vague_phrase_gives_no_proposition(stance_nlp):
    doc = stance_nlp.make_doc("the issue")
    for name, proc in stance_nlp.pipeline[:-4]:
        doc = proc(doc)
    assert normalise(list(doc), []) is None
