"""Candidates for the stance model: every clause in which a named actor acts or speaks.

A candidate is a verb (or a predicate adjective) with a subject that names an actor — through
the mention stage, pronouns, "we" inside a quotation, "the union" for the organisation named
before, coordination ("Hungary and Slovakia") — together with the words of its own clause:
the verb's subtree without the clauses that have subjects of their own ("X said *Y would
back it*" gives X's "said" and Y's "back"). Positions that the hand-written cues find
(kg.nlp.positions) are candidates too; where one falls on a clause already found, it is a
feature of that clause. The stance model decides which candidates are positions.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import Actor, Position
from ..position_holders import FIRST_PERSON
from ..positions import PositionFinder, units
from ..stance_cues import REPORTING
from .lexicon import words

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
# Children whose subtree is a clause of its own when it has a subject of its own.
CLAUSAL_DEPS = {"advcl", "conj", "ccomp", "parataxis", "relcl", "acl", "xcomp", "pcomp"}
PREDICATES = {"VERB", "AUX", "ADJ"}
NOT_HOLDER_TYPES = {"NewsMediaOrganization"}
GROUP_TYPES = {"Country", "Organization"}
STANCE_NOUNS = words("stance_nouns")
MEMBER_NOUNS = words("member_nouns")
CO_AGENTS = words("co_agents")
SIGN_OFF_DASHES = {"—", "–", "-"}


@dataclass
class Candidate:
    unit: Span                              # the sentence
    holders: list[Actor]
    anchor: Token | None                    # the clause's verb; None for a cue-found position only
    subject: Token | None                   # the token that names the holder
    clause: list[Token]                     # the clause's words, in text order
    holder_ids: set[int] = field(default_factory=set)   # the holder phrase's token indices
    rule: Position | None = None            # the cue-found position at this clause, if any
    passive_agent: bool = False             # "was rejected by X"


def own_subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)


def clause_of(verb: Token, unit: Span, names_actor) -> list[Token]:
    """The verb's subtree within the unit, less the clauses under it whose subjects name actors
    of their own (they are candidates in their own right, as are coordinated verbs): "X said
    *Y would back it*" is X's saying and Y's backing, but "X said *the ban would hurt farmers*"
    is all X's."""
    skip: set[int] = set()
    for child in verb.children:
        if child.dep_ not in CLAUSAL_DEPS or child.pos_ not in PREDICATES:
            continue
        subject = own_subject(child)
        if child.dep_ == "conj" or (subject is not None and names_actor(subject)):
            skip.update(t.i for t in child.subtree)
    return [t for t in verb.subtree
            if unit.start <= t.i < unit.end and t.i not in skip and not t.is_space]


def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


class CandidateFinder:
    """Candidates of one doc; `extra_holder(token)` may name holders the mention stage missed
    (training marks the annotated holder that way)."""

    def __init__(self, doc: Doc, extra_holder=None):
        self.doc = doc
        self.finder = PositionFinder(doc)
        self.extra_holder = extra_holder
        self.holders_at: dict[int, list[Actor]] = {}

    def holders_of(self, tok: Token) -> list[Actor]:
        if tok.i in self.holders_at:
            return self.holders_at[tok.i]
        found = [a for a in self.finder.actors_for(tok) if a.type not in NOT_HOLDER_TYPES]
        if not found and self.extra_holder is not None:
            found = self.extra_holder(tok)
        if not found and tok.lower_ in FIRST_PERSON:
            found = self.first_person(tok)
        if not found and tok.pos_ == "NOUN":
            found = self.of_group(tok)
        found = [self.finder.represented(a) for a in found]
        self.holders_at[tok.i] = found
        return found

    def of_group(self, noun: Token) -> list[Actor]:
        """"defence ministers from Estonia, Latvia and Lithuania", "the province of Alberta",
        "513 of 720 lawmakers who cast votes in Germany's Bundestag": the body that people act for."""
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "at"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    found = [a for a in self.finder.actors_for(obj) if a.type in GROUP_TYPES]
                    if found:
                        return found
                    if obj.pos_ in ("NOUN", "NUM") and obj.lemma_.lower() in MEMBER_NOUNS | {"of"}:
                        return self.of_group(obj)
        if noun.lemma_.lower() in MEMBER_NOUNS or noun.lower_ in MEMBER_NOUNS:
            start, end = noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge)
            bodies = [m.actor for m in self.finder.mentions
                      if start <= m.start and m.end <= end and m.actor.type == "Organization"]
            return bodies[-1:]
        return []

    def co_agents(self, verb: Token) -> list[Actor]:
        """"supported the package along with lawmakers from the SPD and the Greens"."""
        out = []
        for prep in (c for c in verb.children if c.dep_ in ("prep", "advmod")):
            if prep.lower_ not in CO_AGENTS:
                continue
            objs = [c for c in prep.subtree if c.dep_ == "pobj"][:1]
            for obj in objs:
                for member in (obj, *obj.conjuncts):
                    out += [a for a in self.holders_of(member) if a not in out]
        return out

    def first_person(self, tok: Token) -> list[Actor]:
        """"I"/"we" in words whose speaker the quote stage did not tie: the subject of a verb of
        saying in the same sentence or the next, else the person signing the passage off
        ("... — Ana Ruiz, union leader")."""
        doc = self.doc
        unit = tok.sent
        spans = [unit] + ([doc[unit.end].sent] if unit.end < len(doc) else [])
        for span in spans:
            for verb in span:
                if verb.lemma_.lower() in REPORTING and verb.pos_ == "VERB":
                    subject = own_subject(verb)
                    if subject is not None and subject.lower_ not in FIRST_PERSON:
                        found = [a for a in self.finder.actors_for(subject)
                                 if a.type not in NOT_HOLDER_TYPES]
                        if found:
                            return found
        for i in range(tok.i, len(doc) - 1):
            if doc[i].text in SIGN_OFF_DASHES and doc[i].whitespace_ and \
                    (i == 0 or doc[i - 1].is_punct or doc[i - 1].is_space or doc[i - 1].whitespace_):
                after = [m for m in self.finder.mentions if m.start >= doc[i].idx]
                if after and after[0].actor.type == "Person" and after[0].start - doc[i].idx < 4:
                    return [after[0].actor]
        return []

    def names_actor(self, tok: Token) -> bool:
        return bool(self.holders_of(tok))

    def run(self, rule_positions: list[Position]) -> list[Candidate]:
        out: list[Candidate] = []
        by_unit: dict[tuple[int, int], list[Position]] = {}
        for p in rule_positions:
            by_unit.setdefault((p.evidence.start, p.evidence.end), []).append(p)
        for unit in units(self.doc):
            found = self.in_unit(unit)
            rules = by_unit.pop((unit.start_char, unit.end_char), [])
            for p in rules:
                match = next((c for c in found if p.holder in c.holders and c.rule is None), None)
                if match is None:
                    found.append(Candidate(unit, [p.holder], None, None,
                                           [t for t in unit if not t.is_space], rule=p))
                else:
                    match.rule = p
            out.extend(found)
        for rules in by_unit.values():       # positions whose evidence is no unit of ours
            for p in rules:
                span = self.doc.char_span(p.evidence.start, p.evidence.end, alignment_mode="expand")
                if span is not None:
                    out.append(Candidate(span, [p.holder], None, None,
                                         [t for t in span if not t.is_space], rule=p))
        return out

    def in_unit(self, unit: Span) -> list[Candidate]:
        out = []
        for verb in unit:
            if verb.pos_ not in PREDICATES:
                continue
            subject = own_subject(verb)
            passive = False
            if subject is None and verb.dep_ == "conj" and verb.head.pos_ in PREDICATES:
                subject = own_subject(verb.head)          # "X welcomed the deal and urged ..."
            agent = agent_of(verb)
            if agent is not None:
                subject, passive = agent, True
            if subject is None:
                continue
            if verb.pos_ == "ADJ" and verb.dep_ not in ("acomp", "ROOT", "ccomp", "conj"):
                continue
            holders = self.holders_of(subject)
            if not holders:
                continue
            holders = holders + [a for a in self.co_agents(verb) if a not in holders]
            subject_ids = {t.i for c in (subject, *subject.conjuncts) for t in c.subtree}
            out.append(Candidate(unit, holders, verb, subject, clause_of(verb, unit, self.names_actor),
                                 subject_ids, passive_agent=passive))
        out.extend(self.possessed(unit, {c.subject.i for c in out}))
        return out

    def possessed(self, unit: Span, taken: set[int]) -> list[Candidate]:
        """Nouns an actor owns: "Poland's push for a permanent division", "Rome's enthusiasm has
        cooled" (with the verb's clause when the noun is its subject)."""
        out = []
        for noun in unit:
            if noun.pos_ != "NOUN" or noun.i in taken or noun.lemma_.lower() not in STANCE_NOUNS:
                continue
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is None:
                continue
            holders = self.holders_of(owner)
            if not holders:
                continue
            owner_ids = {t.i for t in owner.subtree}
            if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in PREDICATES:
                clause = clause_of(noun.head, unit, self.names_actor)
            else:
                clause = [t for t in noun.subtree if not t.is_space]
            out.append(Candidate(unit, holders, noun, owner, clause, owner_ids))
        return out
