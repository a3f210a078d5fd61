"""What a decided position is about: the clause's complement as a proposition, vague objects
("the decision", "it", "the plan") resolved to what the article says they are, and — when
nothing says — a label made from the sentence, with a key scoped to the article, so that
unrelated stances of different articles never meet in one "decision" node."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...ids import digest, slug
from ..model import Actor, Mention, Proposition
from ..position_labels import gerund
from ..propositions import normalise
from .candidates import Candidate, own_subject
from .lexicon import LEXICON, words

VAGUE_FUNCTION = words("vague_function_words")
VAGUE_NOUNS = words("vague_nouns")
VAGUE_NOUNS = VAGUE_NOUNS | {w + "s" for w in VAGUE_NOUNS} | {w + "es" for w in VAGUE_NOUNS}
VAGUE_ADJECTIVES = words("vague_adjectives")
VAGUE = VAGUE_FUNCTION | VAGUE_NOUNS | VAGUE_ADJECTIVES
STANCE_VERBS = words("stance_verbs")
MEMBERSHIP_VERBS = words("membership_verbs")
ATTITUDE_VERBS = words("attitude_verbs")
ACTS = {noun: frozenset(verbs.split()) for noun, verbs in LEXICON["acts"].items()}
POINTERS = {"it", "this", "that", "these", "those", "them"}
OBJECT_DEPS = {"dobj", "obj", "xcomp", "ccomp", "attr", "oprd", "acomp", "pcomp", "dative"}
TOPIC_PREPS = {"for", "against", "to", "of", "on", "over", "toward", "towards", "into", "about",
               "with", "behind", "from"}
MAX_LABEL = 120
WORD = re.compile(r"[A-Za-z0-9]+(?:'s)?")


def is_vague(label: str) -> bool:
    """A label that names nothing a reader could look up: only function words, generic nouns and
    adjectives, or -ed/-ing forms beside a pronoun or a generic noun ("it enforced")."""
    tokens = WORD.findall(label)
    words = [w.lower().removesuffix("'s") for w in tokens]
    content = [w for w in words if w not in VAGUE and not w.isdigit()]
    if not content:
        return True
    if not any(w in POINTERS or w in VAGUE_NOUNS for w in words):
        return False
    proper = {t.lower().removesuffix("'s") for i, t in enumerate(tokens)
              if t.endswith("'s") or (i and t[:1].isupper())}
    return all(len(w) >= 5 and w.endswith(("ed", "ing")) and w not in proper for w in content)


def lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


class PropositionMaker:
    def __init__(self, mentions: list[Mention], article_scope: str):
        self.mentions = mentions
        self.scope = article_scope
        self.known: list[Proposition] = []

    def for_candidate(self, c: Candidate, holder: Actor, stance: str) -> tuple[Proposition, str]:
        """The proposition and the stance on it. When the proposition is the holder's own act
        ("Biden paused LNG export permits": *pausing* them), the holder is for it, whatever
        the act does to its object."""
        if c.rule is not None and not is_vague(c.rule.proposition.label):
            return self.remember(c.rule.proposition), stance
        tokens = self.complement(c)
        act = tokens[0] if tokens and tokens[0].pos_ == "VERB" and tokens[0].dep_ != "xcomp" else None
        if act is not None and act.tag_ == "VB":
            act = None                          # "to sign the deal": the label reads it already
        phrase = tokens[1:] if act is not None else tokens
        mentions = [m for m in self.mentions if m.actor.key != holder.key]
        prop = normalise(phrase, mentions, holder=holder, known=tuple(self.known)) if phrase else None
        if prop is not None and act is not None:
            lead = f"{holder.name} " if lemma(act) in MEMBERSHIP_VERBS else ""
            prop = Proposition(slug(f"{lemma(act)}-{prop.key}", 80),
                               f"{lead}{gerund(lemma(act))} {prop.label}", prop.involves)
            if stance in ("Opposes", "Hesitant"):
                stance = "Supports"
        if prop is None or is_vague(prop.label):
            prop = self.resolved(tokens, c, holder) or self.from_sentence(c.unit, holder)
        return self.remember(prop), stance

    def remember(self, prop: Proposition) -> Proposition:
        prop = next((k for k in self.known if k.key == prop.key), prop)
        self.known.append(prop)
        return prop

    def complement(self, c: Candidate) -> list[Token]:
        """The words the stance is about: the object of a verb of stance ("backed *the
        reforms*"); the act itself for other verbs ("*paused new LNG export permits*"), through
        verbs of attitude ("refused *to sign the deal*")."""
        verb = c.anchor
        if verb is None:
            return []
        if verb.pos_ == "NOUN":             # "Poland's push for a permanent US division"
            return [t for t in verb.subtree if t.i not in c.holder_ids and not t.is_space]
        clause = {t.i for t in c.clause}
        for _ in range(3):
            inner = next((ch for ch in verb.children if ch.dep_ == "xcomp" and ch.pos_ == "VERB"), None)
            if inner is None or lemma(verb) not in ATTITUDE_VERBS | STANCE_VERBS:
                break
            verb = inner
        obj = self.object_of(verb)
        phrase = [t for t in self.object_phrase(verb, obj) if t.i not in c.holder_ids
                  and (t.i in clause or not clause)]
        if lemma(verb) in STANCE_VERBS or verb.pos_ in ("ADJ", "AUX"):
            return phrase
        words = [verb] + [ch for ch in verb.children if ch.dep_ == "prt"]
        return sorted(words + phrase, key=lambda t: t.i)

    @staticmethod
    def object_phrase(verb: Token, obj: Token | None) -> list[Token]:
        """The object's words and the topical phrases the parse hung on the verb right after it:
        "approved *new rules* *on multi-club ownership* on Monday"."""
        if obj is None:
            return []
        words = [t for t in obj.subtree if not t.is_space]
        end = max(t.i for t in words)
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.i != end + 1 or prep.lower_ not in TOPIC_PREPS:
                continue
            inner = [t for t in prep.subtree if not t.is_space]
            if any(t.ent_type_ in ("DATE", "TIME") for t in inner):
                break
            words += inner
            end = max(t.i for t in inner)
        return words

    @staticmethod
    def object_of(verb: Token) -> Token | None:
        """The verb's first object, else its clause or adjective complement, else a topical
        preposition ("voted *against the bill*")."""
        for deps in (("dobj", "obj", "dative"), ("xcomp", "ccomp", "attr", "oprd", "acomp")):
            found = next((ch for ch in verb.children if ch.dep_ in deps), None)
            if found is not None:
                return found
        return next((ch for ch in verb.children
                     if ch.dep_ == "prep" and ch.lower_ in TOPIC_PREPS), None)

    @staticmethod
    def subtree(tok: Token, c: Candidate, clause: set[int]) -> list[Token]:
        return [t for t in tok.subtree if t.i not in c.holder_ids and (t.i in clause or not clause)
                and not t.is_space]

    def resolved(self, tokens: list[Token], c: Candidate, holder: Actor) -> Proposition | None:
        """"the decision" -> the latest earlier phrase headed by "decision" that says what was
        decided, else the latest earlier act of deciding ("the Commission decided to block
        the takeover"); "it", "this" -> the proposition the article spoke of last."""
        heads = [t for t in tokens if t.pos_ == "NOUN" and lemma(t) in VAGUE_NOUNS]
        doc = c.unit.doc
        mentions = [m for m in self.mentions if m.actor.key != holder.key]
        for head in heads:
            for tok in reversed(doc[: c.unit.start]):
                if lemma(tok) == lemma(head) and tok.pos_ == "NOUN":
                    phrase = [t for t in tok.subtree if not t.is_space]
                    if len(phrase) > 1:
                        prop = normalise(phrase, mentions, holder=holder, known=tuple(self.known))
                        if prop is not None and not is_vague(prop.label):
                            return prop
                elif tok.pos_ == "VERB" and lemma(tok) in ACTS.get(lemma(head), ()):
                    prop = self.act(tok, mentions)
                    if prop is not None:
                        return prop
        pointing = not tokens or all(t.lower_ in POINTERS or t.is_punct or t.is_stop for t in tokens)
        if (heads or pointing) and self.known:
            return self.known[-1]
        return None

    def act(self, verb: Token, mentions: list[Mention]) -> Proposition | None:
        """An earlier act as a proposition: "the European Commission blocking Nordvik's takeover
        of Alpenrail"."""
        inner = next((ch for ch in verb.children if ch.dep_ == "xcomp" and ch.pos_ == "VERB"), None)
        if inner is not None:
            verb = inner                     # "decided to block ...": the blocking
        phrase = self.object_phrase(verb, self.object_of(verb))
        if not phrase:
            return None
        found = normalise(phrase, mentions, known=tuple(self.known))
        if found is None or is_vague(found.label):
            return None
        subject = own_subject(verb) or own_subject(verb.head)
        actor = None
        if subject is not None:       # "UEFA's executive committee approved ...": UEFA
            start = min(t.idx for t in subject.subtree)
            end = max(t.idx + len(t) for t in subject.subtree)
            actor = next((m.actor for m in self.mentions if start <= m.start and m.end <= end), None)
        lead = f"{actor.name} " if actor is not None else ""
        involves = tuple(sorted({*found.involves, *([actor] if actor else [])}, key=lambda a: a.key))
        return Proposition(slug(f"{lemma(verb)}-{found.key}", 80),
                           f"{lead}{gerund(lemma(verb))} {found.label}", involves)

    def from_sentence(self, unit: Span, holder: Actor) -> Proposition:
        text = " ".join(unit.text.split())
        if len(text) > MAX_LABEL:
            text = text[:MAX_LABEL].rsplit(" ", 1)[0] + "…"
        key = slug(f"{self.scope}-{digest(text, length=8)}", 80)
        return Proposition(key, f"what the article reports: {text}" if is_vague(text) else text)


def article_scope(doc) -> str:
    article = doc._.article
    return article.key if article is not None else digest(doc.text, length=8)
