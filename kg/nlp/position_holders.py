"""Holders the actor stage did not tag: names it tagged elsewhere in the article, registry
forms ("Ottawa", "the bloc"), "we"/"I" inside a quotation, and a subject that names no
actor ("the province", "the council") inside what a named speaker said."""
from spacy.tokens import Token

from .. import registry
from .columns import string_ids
from .extensions import doc_text as shared_text
from .model import Actor, Mention, Quote
from .stance_cues import REPORTING

FIRST_PERSON = frozenset({"we", "i", "us", "our", "my"})
FIRST_PERSON_IDS = string_ids(FIRST_PERSON)
# Registry form kinds good enough for a holder: not demonyms ("Hungarian" is no actor).
HOLDER_FORMS = ("name", "alias", "short", "capital", "contextual")
NAME_DEPS = {"compound", "flat", "amod"}


def name_span(tok: Token) -> str:
    """The proper-name span a head token closes: "European Leagues", "the bloc"."""
    left = tok
    while True:
        prev = [c for c in left.lefts if c.dep_ in NAME_DEPS and c.i == left.i - 1]
        if not prev:
            break
        left = prev[0]
    words = [t.text for t in tok.doc[left.i:tok.i + 1]]
    det = tok.doc[left.i - 1] if left.i > 0 else None
    if det is not None and det.lower_ == "the" and det.head.i == tok.i:
        words.insert(0, "the")
    return " ".join(words)


class NameBook:
    """Surface forms of the actors tagged anywhere in the doc, for untagged repeats."""

    def __init__(self, mentions: list[Mention]):
        self.by_text: dict[str, Actor] = {}
        folded: dict[str, str] = {}         # an actor's name comes back with each of its mentions
        for m in mentions:
            for surface in (m.text, m.actor.name):
                if surface not in folded:
                    folded[surface] = registry.fold(surface)
                self.by_text.setdefault(folded[surface], m.actor)

    def find(self, tok: Token) -> Actor | None:
        if tok.pos_ not in ("PROPN", "NOUN") or tok.is_stop:
            return None
        text = name_span(tok)
        actor = self.by_text.get(registry.fold(text))
        if actor is not None:
            return actor
        if tok.pos_ == "NOUN" and not text.lower().startswith("the "):
            return None         # "a bloc", "countries": not a name
        return registry.default().find(text, HOLDER_FORMS)


def quote_speaker(tok: Token, quotes: list[Quote]) -> Actor | None:
    """The speaker of the quotation a first-person pronoun stands in."""
    if tok.lower not in FIRST_PERSON_IDS:
        return None
    for quote in quotes:
        ev, text = quote.evidence, quote.text
        if quote.speaker is None or ev is None or not (ev.start <= tok.idx < ev.end):
            continue
        at = shared_text(tok.doc).find(text[:40], max(0, ev.start - 2), ev.end + 2) if text else -1
        if at < 0 or at <= tok.idx < at + len(text) + 1:
            return quote.speaker
    return None


def reporting_subject(tok: Token) -> Token | None:
    """The subject of the reporting verb whose complement `tok` sits in:
    "Minister X said the province *was not ready*" -> X."""
    for anc in tok.ancestors:
        if anc.lemma_.lower() in REPORTING and anc.pos_ == "VERB":
            return next((c for c in anc.children if c.dep_ in ("nsubj",)), None)
        for aside in anc.children:          # "The government, she said, was prepared to"
            if aside.dep_ == "parataxis" and aside.lemma_.lower() in REPORTING \
                    and aside.pos_ == "VERB":
                return next((c for c in aside.children if c.dep_ == "nsubj"), None)
    return None


# Common nouns that stand for an institution the speaker speaks for.
INSTITUTION_NOUNS = frozenset(
    "government province state council presidency ministry administration party company "
    "board bank court committee commission union bloc group alliance federation association "
    "club league team country region city firm group coalition cabinet executive "
    "authority regulator agency organisation organization body delegation".split())


# Adjectives that say how the subject itself stands: "it (the ministry) was ready to ...".
DISPOSITIONS = {"ready", "willing", "prepared", "able", "unable", "unwilling", "reluctant", "keen",
                "eager", "determined", "happy", "open", "committed", "unready", "hesitant"}


def is_expletive(tok: Token) -> bool:
    """The dummy "it" of "it was too early to say", "it is premature to ...": it names nobody."""
    if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "expl") or tok.head.lemma_ != "be":
        return False
    verb = tok.head
    predicates = [c for c in verb.children if c.dep_ in ("acomp", "attr") and c.i > tok.i
                  and c.lemma_.lower() not in DISPOSITIONS]
    clauses = [c for node in (verb, *predicates) for c in node.children
               if c.dep_ in ("xcomp", "ccomp", "advcl") and c.i > tok.i]
    return bool(predicates) and bool(clauses)


def is_description(tok: Token) -> bool:
    """"the government", "the province": a definite institution noun, no name."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in INSTITUTION_NOUNS \
        and any(c.lower_ == "the" for c in tok.lefts) \
        and not any(c.pos_ == "PROPN" for c in tok.lefts)

