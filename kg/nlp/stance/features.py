"""What the stance model sees of a candidate: named features (the clause's verb, its words and
word pairs, negation, modals, conditions, the verb it depends on, the cue rules' verdict, the
holder's kind) and word vectors (of the verb, of its complement verb, of the clause's words).
The holder's own words are left out, so that the model judges the clause, not the name."""
from __future__ import annotations

import numpy as np
from spacy.tokens import Token

from .candidates import Candidate
from .vectors import WordVectors

NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without", "nothing", "none"}
MARKERS = {"if", "unless", "provided", "providing", "only", "once", "until", "as long as",
           "condition", "conditions", "subject", "depend", "depends", "yet", "still", "first",
           "before", "after", "whether", "time", "more", "longer", "against", "for", "despite"}
MODALS = {"would", "could", "may", "might", "will", "must", "should", "can", "shall"}
REPORTING = {"say", "tell", "add", "state", "announce", "report", "claim", "write", "insist",
             "warn", "argue", "explain", "note", "stress", "confirm", "believe", "think"}
QUOTE_MARKS = "\"“”"
WINDOW = 3          # words this close to the verb are features of their own


def lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def inside_quotes(tok: Token) -> bool:
    """An odd number of double quotation marks before the token in its sentence."""
    sent = tok.sent
    return sum(t.text in QUOTE_MARKS for t in sent if t.i < tok.i) % 2 == 1


def reported_by(verb: Token) -> Token | None:
    """The reporting verb the clause is the complement of ("diplomats said X had agreed")."""
    node = verb
    for _ in range(4):
        if node.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or node.head.i == node.i:
            return None
        node = node.head
        if lemma(node) in REPORTING:
            return node
    return None


def named_features(c: Candidate) -> list[str]:
    words = [t for t in c.clause if t.i not in c.holder_ids and not t.is_punct]
    lemmas = [lemma(t) for t in words]
    out = [f"m:{x}" for x in lemmas if x in MARKERS or x in NEGATORS or x in MODALS]
    out += [f"cw:{x}" for x in lemmas]
    if c.anchor is not None:            # the words near the clause's verb, not its topic
        near = [lemma(t) for t in words if abs(t.i - c.anchor.i) <= WINDOW]
        out += [f"w:{x}" for x in near]
        out += [f"b:{x}_{y}" for x, y in zip(near, near[1:])]
    out.append(f"r:{c.rule.stance if c.rule else 'none'}")
    out.append(f"ht:{c.holders[0].type}")
    if c.passive_agent:
        out.append("passive")
    if c.unit.text.rstrip().endswith("?"):
        out.append("question")
    verb = c.anchor
    if verb is None:
        out.append("no-clause")
        return out
    v = lemma(verb)
    out += [f"a:{v}", f"ap:{verb.pos_}", f"ad:{verb.dep_}"]
    if verb.dep_ not in ("ROOT",):
        out.append(f"h:{lemma(verb.head)}/{verb.dep_}")
    negated = False
    for child in verb.children:
        cl = lemma(child)
        if child.dep_ == "neg" or cl in NEGATORS:
            negated = True
        if child.dep_ in ("aux", "auxpass") and cl in MODALS:
            out.append(f"modal:{cl}")
        if child.dep_ in ("xcomp", "ccomp", "dobj", "prep", "acomp", "attr", "oprd", "advcl",
                          "mark", "advmod", "prt"):
            out.append(f"c:{child.dep_}:{cl}")
            out.append(f"ac:{v}>{cl}")
            if child.dep_ in ("xcomp", "ccomp"):
                for grand in child.children:
                    if grand.dep_ == "neg":
                        out.append("neg-inside")
                    if grand.dep_ in ("dobj", "prep", "prt"):
                        out.append(f"cc:{cl}>{lemma(grand)}")
    if negated:
        out += ["neg", f"neg:{v}"]
    if any(lemma(t) in NEGATORS for t in words):
        out.append("neg-any")
    if inside_quotes(verb):
        out.append("in-quote")
    reporter = reported_by(verb)
    if reporter is not None:
        out.append(f"rep:{lemma(reporter)}")
    if v in REPORTING:
        out.append("is-reporting")
    return out


def complement_verb(verb: Token | None) -> Token | None:
    if verb is None:
        return None
    return next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"), None)


def dense_features(c: Candidate, vectors: WordVectors) -> np.ndarray:
    verb = c.anchor
    inner = complement_verb(verb)
    return np.concatenate([
        vectors.of(lemma(verb)) if verb is not None else vectors.zero,
        vectors.of(lemma(inner)) if inner is not None else vectors.zero,
    ])
