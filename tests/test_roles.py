"""Roles: office titles the article gives people, with the organisation or country."""
import json

import pytest

from kg.ids import slug
from tests.conftest import SEED, SEED_GOLD


@pytest.fixture(scope="module")
def roles_nlp():
    from kg.nlp import pipeline
    return pipeline.build(stages=("newskg_actors", "newskg_roles"))


def roles_of(nlp, text):
    return {(r.holder.name, r.name.lower(), r.of.name if r.of else None, r.qualifier)
            for r in nlp(text)._.roles}


def has_role(roles, holder_part, name, of_name):
    return any(holder_part in h and n == name.lower() and (o or None) == of_name
               for h, n, o, _ in roles)


def test_demonym_and_possessive_give_the_country(roles_nlp):
    roles = roles_of(roles_nlp, "Germany's Environment Minister Steffi Lemke met Brazilian "
                                "Foreign Minister Mauro Vieira at the climate talks in Baku.")
    assert has_role(roles, "Lemke", "Environment Minister", "Germany")
    assert has_role(roles, "Vieira", "Foreign Minister", "Brazil")


def test_apposition_with_possessive_organisation(roles_nlp):
    doc = roles_nlp("The merger was approved on Monday. Satya Nadella, Microsoft's chief executive, "
                    "said the deal would close next year.")
    [role] = [r for r in doc._.roles if "Nadella" in r.holder.name]
    assert role.name.lower() == "chief executive"
    assert role.of is not None and role.of.name == "Microsoft"
    assert role.evidence.text in doc.text
    assert doc.text[role.evidence.start:role.evidence.end] == role.evidence.text


def test_judge_of_a_court_and_former_qualifier(roles_nlp):
    doc = roles_nlp("Former French President Nicolas Sarkozy lost his appeal. "
                    "Judge Maria Lopez of the Supreme Court read the ruling.")
    sarkozy = [r for r in doc._.roles if "Sarkozy" in r.holder.name]
    assert sarkozy and sarkozy[0].name == "President" and sarkozy[0].qualifier == "former"
    assert sarkozy[0].of.name == "France"
    lopez = [r for r in doc._.roles if "Lopez" in r.holder.name]
    assert lopez and lopez[0].name == "Judge"


def test_sports_titles_given_mentions(roles_nlp):
    """The component alone, on mentions set by hand: a club before the title, a field after it."""
    from kg.nlp.model import Actor, Mention
    from kg.nlp.roles import roles_component
    text = ("Arsenal manager Mikel Arteta praised his players. \u201cWe were brave,\u201d said "
            "Ines Vasconcelos, head of policy at Football Supporters Europe.")
    doc = roles_nlp.get_pipe("parser")(roles_nlp.get_pipe("tok2vec")(roles_nlp.make_doc(text)))
    def mention(name, kind):
        start = text.index(name)
        return Mention(Actor(slug(name), name, kind), name, start, start + len(name))
    doc._.mentions = [mention("Arsenal", "Organization"), mention("Mikel Arteta", "Person"),
                      mention("Ines Vasconcelos", "Person"),
                      mention("Football Supporters Europe", "Organization")]
    roles = {(r.holder.name, r.name.lower(), r.of.name if r.of else None, r.qualifier)
             for r in roles_component(doc)._.roles}
    assert has_role(roles, "Arteta", "Manager", "Arsenal")
    assert has_role(roles, "Vasconcelos", "Head of policy", "Football Supporters Europe")


def test_holder_is_always_a_person(roles_nlp):
    doc = roles_nlp("NATO foreign ministers met in Brussels. The Foreign Ministry said talks went well.")
    assert all(r.holder.type == "Person" for r in doc._.roles)


def test_seed_article_roles(roles_nlp):
    doc = roles_nlp(SEED.read_text(encoding="utf-8"))
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["roles"]
    found = {(slug(r.holder.name), slug(r.name), slug(r.of.name) if r.of else None) for r in doc._.roles}
    required = [g for g in gold if not g.get("optional")]
    hits = [g for g in required
            if any(h == slug(g["holder"]) and slug(g["role"]) in n and o == slug(g["of"])
                   for h, n, o in found)]
    assert len(hits) / len(required) >= 0.9, (required, found)
    stoltenberg = [r for r in doc._.roles if "Stoltenberg" in r.holder.name]
    assert stoltenberg and stoltenberg[0].qualifier == "then-"
