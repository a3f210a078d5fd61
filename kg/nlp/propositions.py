"""Normalising what a stance is about into one Proposition key across articles.

"inviting Ukraine to NATO", "Ukraine's invitation to join the Alliance", "extending a
NATO invitation to Ukraine" and "a formal NATO invitation" (said by or about Ukraine)
all become `invite-ukraine-to-nato`. Membership ("Ukraine's NATO membership", "Ukraine
joining NATO", "accelerated NATO membership") is a separate proposition,
`ukraine-nato-membership`: an invitation is the concrete decision governments are asked
about; membership is the end goal, and the two are reported apart.

A proposition is a predicate frame, found by lemma, plus the actors involved (the
mentions inside the proposition's words). Frames that have an applicant and a body
(invitation, membership, readmission) use roles in the key; every other frame uses
frame + sorted actor keys. Phrases of no known frame fall back to a slug of the
lemmatised head phrase.
"""
import re
from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.tokens import Token

from .columns import head_indices, lower_ids, lowered_lemmas
from ..ids import slug
from .model import Actor, Mention, Proposition
from .position_labels import content_words, phrase_label


@dataclass(frozen=True)
class Frame:
    name: str
    triggers: frozenset[str]
    label: str          # "{parties}", "{bodies}", "{all}", "{kind}" are filled in
    key: str
    applicant: bool = False   # an actor asks a body for something; missing one = the holder


def _frame(name, triggers, label, key, applicant=False):
    return Frame(name, frozenset(triggers.split()), label, key, applicant)


FRAMES = (
    _frame("invite", "invite invitation", "inviting {parties} to {bodies}",
           "invite-{parties}-to-{bodies}", True),
    _frame("membership", "membership join accession accede admission member",
           "{parties} membership of {bodies}", "{parties}-{bodies}-membership", True),
    _frame("readmission", "readmit readmission reinstate reinstatement readmittance",
           "readmitting {parties} to {bodies}", "readmit-{parties}-to-{bodies}", True),
    _frame("sanctions", "sanction", "{kind}sanctions on {all}", "{kind}sanctions-{all}"),
    _frame("tariffs", "tariff levy", "tariffs on {kind}{all}", "tariffs-{kind}{all}"),
    _frame("ceasefire", "ceasefire truce armistice", "a ceasefire between {all}",
           "ceasefire-{all}"),
    _frame("talks", "talk negotiation negotiate", "{kind}talks with {all}", "{kind}talks-{all}"),
    _frame("weapons", "weapon arm missile tank ammunition jet", "weapons for {all}",
           "weapons-for-{all}"),
    _frame("aid", "aid assistance funding loan bailout", "{kind}aid to {all}", "{kind}aid-{all}"),
    _frame("deal", "deal agreement treaty pact accord", "{kind}deal between {all}",
           "{kind}deal-{all}"),
    _frame("ban", "ban prohibition embargo prohibit", "a ban on {kind}{all}", "ban-{kind}{all}"),
    _frame("merger", "merger merge takeover acquisition acquire", "the merger of {all}",
           "merger-{all}"),
    _frame("candidacy", "candidate candidacy nominee nomination nominate",
           "the candidacy of {all}", "candidacy-{all}"),
    _frame("election", "election reelection re-election result", "the election result of {all}",
           "election-result-{all}"),
    _frame("bail", "bail", "bail for {all}", "bail-{all}"),
    _frame("extradition", "extradite extradition", "extraditing {all}", "extradition-{all}"),
    _frame("withdrawal", "withdraw withdrawal pullout", "the withdrawal of {all}",
           "withdrawal-{all}"),
    _frame("recognition", "recognise recognize recognition", "recognising {all}",
           "recognition-{all}"),
    _frame("independence", "independence secession", "independence of {all}",
           "independence-{all}"),
    _frame("investigation", "investigate investigation inquiry probe",
           "an investigation into {all}", "investigation-{all}"),
)
TRIGGERS = {t: f for f in FRAMES for t in f.triggers}
TRIGGER_IDS = {get_string_id(t): f for t, f in TRIGGERS.items()}

BODY_TYPES = {"Organization"}
NOT_INVOLVED = {"NewsMediaOrganization", "AnonymousSource"}
# Head words too vague to be a proposition on their own ("the issue", "it").
VAGUE = frozenset({"issue", "matter", "idea", "it", "this", "that", "move", "step", "thing",
                   "stance", "position", "view", "policy", "line", "question", "topic",
                   "one", "nothing", "something", "what", "which", "plan", "proposal"})
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}


def _names(actors: list[Actor]) -> str:
    names = [a.name for a in actors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _keys(actors: list[Actor]) -> str:
    return "-".join(a.key for a in actors)


def _depth(i: int, root: int, heads: list[int]) -> int:
    """How many heads up from token i to token root (heads: head_indices)."""
    depth = 0
    while i != root and heads[i] != i and depth < 20:
        i, depth = heads[i], depth + 1
    return depth


def _root(tokens: list[Token]) -> Token:
    heads = head_indices(tokens[0].doc)
    ids = {t.i for t in tokens}
    tops = [t for t in tokens if heads[t.i] not in ids or heads[t.i] == t.i]
    infinitives = [t for t in tops if t.pos_ == "VERB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in t.children)]
    if infinitives and len(tops) > 1:   # "urged China / to release more water": the release
        return infinitives[0]
    return min(tops, key=lambda t: (t.is_punct or t.is_stop, t.i)) if tops else tokens[0]


def find_frame(tokens: list[Token]) -> tuple[Frame | None, Token | None]:
    """The frame whose trigger sits highest in the phrase's parse (earliest on ties)."""
    doc = tokens[0].doc
    heads, lemmas, lowers = head_indices(doc), lowered_lemmas(doc), lower_ids(doc)
    root = _root(tokens).i
    best = None
    for t in tokens:
        frame = TRIGGERS.get(lemmas[t.i]) or TRIGGER_IDS.get(lowers[t.i])
        if frame and (best is None or _depth(t.i, root, heads) < _depth(best[1].i, root, heads)):
            best = (frame, t)
    return best or (None, None)


def _kind(trigger: Token, involved_spans: list[tuple[int, int]]) -> str:
    """A qualifying noun for the frame: "trade" deal, "military" aid, "menthol" ban; for a
    ban or a tariff, what it falls on first ("a permanent ban on seabed mining")."""
    if trigger.lemma_.lower() in BANNED_OBJECT_FRAMES:
        target = _target(trigger, involved_spans)
        if target:
            return target
    for child in trigger.children:
        inside = any(s <= child.idx < e for s, e in involved_spans)
        if (child.dep_ in ("compound", "amod") and not inside and child.pos_ in ("NOUN", "ADJ")
                and not child.is_stop and child.lemma_.lower() not in TRIGGERS
                and child.lemma_.lower() not in {"formal", "full", "new", "possible", "swift",
                                                 "accelerated", "fast", "quick", "future"}):
            return child.lemma_.lower() + " "
    return ""


BANNED_OBJECT_FRAMES = frozenset({"ban", "tariff", "levy", "embargo", "prohibition"})


def _target(trigger: Token, involved_spans: list[tuple[int, int]]) -> str:
    """"on seabed mining" -> "seabed mining " (compounds kept, actors left to {all})."""
    for prep in trigger.children:
        if prep.lower_ not in ("on", "against"):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and not any(s <= obj.idx < e for s, e in involved_spans):
                words = [c.lemma_.lower() for c in obj.lefts if c.dep_ == "compound"
                         and not any(s <= c.idx < e for s, e in involved_spans)]
                return " ".join(words + [obj.lemma_.lower()]) + " "
    return ""


def involved(tokens: list[Token], mentions: list[Mention]) -> list[Actor]:
    if not tokens:
        return []
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    seen, out = set(), []
    for m in mentions:
        if start <= m.start and m.end <= end and m.actor.type not in NOT_INVOLVED \
                and m.actor.key not in seen:
            seen.add(m.actor.key)
            out.append(m.actor)
    return out


def _built_by(frame: Frame, key: str) -> bool:
    pattern = re.escape(frame.key).replace(r"\{parties\}", ".+").replace(r"\{bodies\}", ".+")
    return re.fullmatch(pattern, key) is not None


def normalise(tokens: list[Token], mentions: list[Mention],
              applicant: Actor | None = None,
              known: tuple[Proposition, ...] = (),
              holder: Actor | None = None) -> Proposition | None:
    """The Proposition that `tokens` (a phrase, in text order) state, or None when vague.

    `applicant` fills the empty applicant slot of frames like invitation ("called for a
    formal NATO invitation", said by Ukraine's foreign minister, is about Ukraine);
    A body holding a stance on its own frame ("FIFA is not ready to readmit Russia") is
    the frame's body. `known` (propositions found earlier in the article, oldest first) completes a frame
    still missing a role ("Ukraine's membership would proceed": membership of NATO).
    """
    tokens = [t for t in tokens if not t.is_space]
    if not tokens:
        return None
    actors = involved(tokens, mentions)
    frame, trigger = find_frame(tokens)
    if frame is None:
        return _fallback(tokens, actors, holder)
    spans = [(m.start, m.end) for m in mentions]
    kind = _kind(trigger, spans).replace("-", " ")
    bodies = sorted((a for a in actors if a.type in BODY_TYPES), key=lambda a: a.key)
    parties = sorted((a for a in actors if a.type not in BODY_TYPES), key=lambda a: a.key)
    if frame.applicant:
        if not parties and applicant is not None and applicant not in bodies:
            parties = [applicant]
        if not bodies and holder is not None and holder.type in BODY_TYPES \
                and holder not in parties:
            bodies = [holder]
        if not parties or not bodies:
            for earlier in reversed(known):
                if _built_by(frame, earlier.key) and set(actors) <= set(earlier.involves):
                    return earlier
            if not actors:                 # "refused to join the consensus": no membership frame
                return _fallback(tokens, actors, holder)
            everyone = sorted(set(parties) | set(bodies), key=lambda a: a.key)
            return Proposition(slug(f"{frame.name}-{_keys(everyone)}", 80),
                               f"{frame.name} of {_names(everyone)}", tuple(everyone))
        fill = {"parties": _names(parties), "bodies": _names(bodies)}
        keys = {"parties": _keys(parties), "bodies": _keys(bodies)}
        everyone = tuple(parties + bodies)
    else:
        everyone = tuple(sorted(actors, key=lambda a: a.key))
        fill = {"all": _names(list(everyone)) if everyone else "", "kind": kind}
        keys = {"all": _keys(list(everyone)), "kind": kind}
    label = frame.label.format(**{k: fill.get(k, "") for k in ("parties", "bodies", "all", "kind")})
    key = frame.key.format(**{k: keys.get(k, "") for k in ("parties", "bodies", "all", "kind")})
    label = " ".join(label.split())
    for dangling in (" between", " with", " to", " on", " of", " for", " into"):
        if label.endswith(dangling):
            label = label[: -len(dangling)]
    label = " ".join(w for w in label.split() if w)
    if not frame.applicant and (content_words(tokens) >= 2 or not everyone):
        label = phrase_label(tokens, holder) or label     # the phrase reads better than a template
    return Proposition(slug(key, 80), label, everyone)


def _fallback(tokens: list[Token], actors: list[Actor],
              holder: Actor | None = None) -> Proposition | None:
    """A slug of the lemmatised head phrase: the head word and its content dependents."""
    doc = tokens[0].doc
    heads, lowered = head_indices(doc), lowered_lemmas(doc)
    root = _root(tokens).i
    if lowered[root] in VAGUE and not actors:
        return None
    words = [t for t in tokens if t.pos_ in CONTENT_POS and not t.is_stop
             and (t.i == root or heads[t.i] == root or heads[heads[t.i]] == root)]
    if not words and not actors:
        return None
    if not words or all(t.ent_type for t in words):
        if len(actors) == 1:
            return Proposition(actors[0].key, actors[0].name, tuple(actors))
    lemmas = [lowered[t.i] for t in words if not t.ent_type][:5]
    if not lemmas and not actors:
        return None
    text = " ".join(lemmas + [a.name for a in actors])
    label = phrase_label(tokens, holder) or " ".join(lemmas)
    return Proposition(slug(text, 80), label, tuple(sorted(actors, key=lambda a: a.key)))
