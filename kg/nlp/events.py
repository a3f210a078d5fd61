"""The "newskg_events" component: dated happenings -> doc._.events.

For every date phrase in the text, the word that governs it in the dependency parse
(the verb or noun the date attaches to) says what happened: its lemma, looked up in
kg.nlp.event_types, gives the event type; the clause gives the place and the
participants (its subject's actor mentions). A date that only dates a news outlet's
report gives the reported statement instead; a date governing no event word gives
nothing. Events of the same type on the same date (and place) are merged.
"""
import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import dates, event_types as cues, extensions  # noqa: F401  (extensions registers Doc._)
from .model import Actor, Event, Evidence, Mention, Place
from ..ids import slug

try:  # the registry links known places to Wikidata; without it places stay unlinked
    from ..registry import find_place
except ImportError:  # pragma: no cover - registry not there yet
    find_place = None

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "to"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
MEDIA_WORDS = {"media", "newspaper", "outlet", "agency", "broadcaster", "paper", "channel",
               "magazine", "tabloid", "daily", "reporter", "journalist"}
FUTURE_MARKERS = {"will", "shall", "'ll"}
NAME_WORDS = 12
PERSONAL = {"Statement", "Speech", "Visit", "Appointment"}
DATELINE = re.compile(r"^\s*(?:published|updated|posted)\b[:\s]*(?:on\s+)?([^|\n]{6,40})",
                      re.I | re.M)
CORE_DEPS = {"det", "compound", "amod", "poss", "case", "nummod", "flat"}
NAME_STOPS = {",", ";", ":", "(", ")", "\"", "\u201c", "\u201d", "\u2014", "."}


@Language.component("newskg_events")
def events_component(doc: Doc) -> Doc:
    doc._.events = extract(doc)
    return doc


def extract(doc: Doc) -> list[Event]:
    published = reference_date(doc)
    mentions = doc._.mentions or []
    text = doc.text                       # built anew on every access: read it once
    found: list[Event] = []
    for span in date_phrases(doc):
        event = event_for(span, published, mentions, text)
        if event is not None:
            found.append(event)
    return merge(found)


def reference_date(doc: Doc) -> str | None:
    """The publication date, or failing that the date on a 'Published: ...' line of the text."""
    article = doc._.article
    published = getattr(article, "date_published", None) if article is not None else None
    if published:
        return published
    m = DATELINE.search(doc[:600].text)
    found = dates.resolve(m.group(1)) if m else None
    return found.start if found and found.precision == dates.DATE else None


def date_phrases(doc: Doc) -> list[Span]:
    """DATE (and TIME) entities, widened to take in a range's first half ("between 3 and [5 May]")."""
    spans = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start = ent.start
        if start >= 2 and doc[start - 1].lower_ in ("and", "to", "-", "–") and doc[start - 2].like_num:
            start -= 2
        spans.append(doc[start:ent.end])
    return spans


def event_for(span: Span, published: str | None, mentions: list[Mention], text: str) -> Event | None:
    sent = span.sent
    if not any(t.pos_ in ("VERB", "AUX") for t in sent) or _is_dateline(sent, span, text):
        return None
    if _in_quotation(span, text):
        return None                       # "today" in a quote is the speaker's day, not ours
    governor, prep = _governor(span)
    if governor is None:
        return None
    future = _is_future(governor)
    when = dates.resolve(span.text, published, future=future)
    if when is None:
        return None
    if prep in cues.BOUNDING_PREPS or (prep == "from" and when.end is None):
        return None                       # "by 2050", "since 2019", "from 2029"
    found = _classify(governor, span, mentions)
    if found is None:
        return None
    kind, anchor, participants = found
    place = _place(anchor, span, mentions)
    return Event(type=kind, name=_name(kind, anchor, span, participants, place),
                 start=when.start, end=when.end, evidence=_evidence(sent, text),
                 place=place, participants=participants)


def _is_dateline(sent: Span, span: Span, text: str) -> bool:
    """A line holding little but the date: 'December 4, 2024', 'Updated: 3 May 2024'."""
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    rest = line.replace(span.text, " ")
    if len(re.findall(r"[^\W\d_]{2,}", rest)) <= 2:
        return True
    return sent[0].lower_ in ("published", "updated", "posted")


def _governor(span: Span) -> tuple[Token | None, str | None]:
    """The first word above the date phrase that is not a preposition or part of the date,
    with the preposition that links them ("on", "in", "by"...)."""
    token, prep = span.root, None
    for _ in range(6):
        head = token.head
        if head.i == token.i:
            return None, prep
        if head.pos_ == "ADP" or head.dep_ == "prep":
            prep = prep or head.lower_
            token = head
            continue
        if span.start <= head.i < span.end or head.lower_ in cues.PARTS_OF_DAY:
            token = head
            continue
        return head, prep
    return None, prep


def _in_quotation(span: Span, text: str) -> bool:
    """Inside quotation marks, within its paragraph."""
    para_start = text.rfind("\n", 0, span.start_char) + 1
    before = text[para_start:span.start_char]
    para_end = text.find("\n", span.end_char)
    after = text[span.end_char:para_end if para_end >= 0 else len(text)]
    if before.count("\u201c") > before.count("\u201d"):
        return "\u201d" in after         # an unclosed quote ends before the date
    return before.count('"') % 2 == 1 and '"' in after


def _is_future(token: Token) -> bool:
    verb = token if token.pos_ in ("VERB", "AUX") else _clause_verb(token)
    if verb is None:
        return False
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_MARKERS for c in verb.children):
        return True
    # "is due to / set to / scheduled to meet"
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ in ("set", "due", "schedule", "plan", "expect") \
        and any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in head.children)


def _clause_verb(token: Token) -> Token | None:
    for t in token.ancestors:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


# --- what happened -------------------------------------------------------------------

def _classify(gov: Token, span: Span, mentions: list[Mention]):
    """(type, anchor token, participants) for the word governing a date, or None."""
    if gov.pos_ in ("NOUN", "PROPN"):
        return _noun_event(gov, span, mentions)
    if gov.pos_ in ("VERB", "AUX"):
        return _verb_event(gov, mentions)
    return None


def _noun_event(noun: Token, span: Span, mentions: list[Mention]):
    if noun.lemma_.lower() in cues.NOT_EVENTS or span.start <= noun.i < span.end:
        return None
    for cand in [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"]:
        kind = _noun_type(cand)
        if kind:
            people = _modifier_actors(cand, mentions)
            prep = cand.head
            if not people and kind in ("Summit", "Meeting", "Visit") and cand.dep_ == "pobj" \
                    and prep.lower_ in ("at", "during"):
                people = _host_actors(cand, mentions)   # "At the summit, NATO adopted ..."
            return kind, cand, people
    return None


def _host_actors(noun: Token, mentions: list[Mention]) -> list[Actor]:
    """The subject of the clause an 'at the summit' phrase belongs to (the parse may hang
    the phrase on a stray word, so the next verb with a subject stands in)."""
    verbs = [noun.head.head] + [t for t in noun.sent if t.i > noun.i and t.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        actors = _subject_actors(verb, mentions)
        if actors:
            return actors
    return []


def _noun_type(noun: Token) -> str | None:
    lemma = noun.lemma_.lower()
    kind = cues.noun_type(lemma) or cues.noun_type(noun.lower_)
    if kind is None:
        return None
    mods = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    if lemma == "conference" and mods & {"press", "news"}:
        return "Statement"
    for_whom = {t.lower_ for c in noun.children if c.dep_ == "prep" and c.lower_ == "for" for t in c.subtree}
    if kind == "Vote" and (mods | for_whom) & cues.ELECTION_WORDS:
        return "Election"
    if lemma == "bid" and not any(t.lemma_ in ("join", "membership", "accession") for t in noun.subtree):
        return None
    if lemma in ("report", "study") and not any(c.dep_ == "acl" for c in noun.children):
        return None   # "according to a report" dates nothing of its own
    return kind


def _verb_event(verb: Token, mentions: list[Mention]):
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "neg" for c in verb.children):
        return None                       # "has not commented"
    subjects = _subject_actors(verb, mentions)
    if lemma in cues.REPORTING_VERBS and _is_media_report(verb, mentions):
        return _reported_statement(verb, mentions)
    kind = _verb_type(verb)
    if kind in (None, "Statement"):
        gathering = _gathering(verb)      # "announced at its Congress": the gathering
        if gathering is not None:
            return _noun_type(gathering), gathering, subjects or _modifier_actors(gathering, mentions)
    if kind is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        kind = _noun_type(verb.head)      # "consultations held in Geneva on 3-4 February"
        if kind:
            return kind, verb.head, subjects or _modifier_actors(verb.head, mentions)
    if kind is None and _subject_lemmas(verb) & cues.COURTS:
        kind = "Other" if lemma == "hear" else "Decision"
    if kind is None:
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and child.pos_ in ("NOUN", "PROPN"):
                kind = _noun_type(child)
                if kind:
                    break
    if kind is None and lemma in cues.HAPPENINGS:
        kind = "Other"
    if kind is None:
        return None
    return kind, verb, subjects


def _gathering(verb: Token) -> Token | None:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("at", "during"):
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in cues.GATHERINGS and _noun_type(noun):
                    if _noun_type(noun) != "Statement":
                        return noun
    return None


def _subject_lemmas(verb: Token) -> set[str]:
    return {c.lemma_.lower() for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}


def _verb_type(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    if lemma in cues.SPEECH_VERBS and _has_venue(verb):
        return "Speech"
    if lemma == "take" and any(o.lemma_ in cues.OFFICE_NOUNS for o in objects):
        return "Appointment"
    if lemma == "go" and any(t.lemma_ in ("poll", "polls") for t in verb.subtree):
        return "Election"
    if lemma in cues.LIGHT_VERBS or lemma in ("announce", "unveil", "reach"):
        for obj in objects:
            kind = _noun_type(obj)
            if kind:
                return kind
    if lemma == "vote" and any(t.lower_ in cues.ELECTION_WORDS for c in verb.children
                               if c.dep_ in ("prep", "dobj") and c.lower_ != "to" for t in c.subtree):
        return "Election"
    if lemma == "swear" and not any(c.dep_ == "prt" and c.lower_ == "in" for c in verb.children):
        return None
    if lemma in cues.SPEECH_VERBS:
        return "Statement"
    return cues.verb_type(lemma)


def _has_venue(verb: Token) -> bool:
    """'presented his plan in parliament', 'spoke at the conference'."""
    for t in verb.subtree:
        if t.lower_ not in cues.SPEECH_VENUES:
            continue
        prep = next((a for a in t.ancestors if a.dep_ == "prep"), None)
        if prep is not None and prep.lower_ in ("in", "at", "to", "before") and _clause_verb(prep) == verb:
            return True
    return False


def _is_media_report(verb: Token, mentions: list[Mention]) -> bool:
    for child in verb.children:
        if child.dep_ in SUBJECTS or child.dep_ == "agent":
            tokens = list(child.subtree)
            if any(t.lemma_.lower() in MEDIA_WORDS for t in tokens):
                return True
            for m in _mentions_in(tokens, mentions):
                if m.actor.type == "NewsMediaOrganization":
                    return True
    return False


def _reported_statement(verb: Token, mentions: list[Mention]):
    """'X said ..., Reuters reported on 3 December': the statement X made, dated by the report."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis", "dobj") and child.pos_ in ("VERB", "AUX"):
            speakers = [a for a in _subject_actors(child, mentions)
                        if a.type != "NewsMediaOrganization"]
            if speakers:
                return "Statement", child, speakers
    return None


# --- who and where --------------------------------------------------------------------

def _mentions_in(tokens, mentions: list[Mention]) -> list[Mention]:
    if not tokens:
        return []
    lo = min(t.idx for t in tokens)
    hi = max(t.idx + len(t) for t in tokens)
    return [m for m in mentions if m.start >= lo and m.end <= hi]


def _covering(token: Token, mentions: list[Mention]) -> Mention | None:
    for m in mentions:
        if m.start <= token.idx < m.end:
            return m
    return None


def _name_tokens(token: Token) -> list[Token]:
    """A subject's head with its conjuncts and appositions: 'the US and Germany'."""
    out, todo = [], [token]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ in ("conj", "appos"))
    return out


def _subject_actors(verb: Token, mentions: list[Mention]) -> list[Actor]:
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    heads += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if not heads and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return _subject_actors(verb.head, mentions)
    actors = []
    for head in heads:
        names = _name_tokens(head)
        if not any(_covering(t, mentions) for t in names):
            # "negotiators from the EU and India", "leaders of France and Germany"
            names = [n for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                     for p in c.children if p.dep_ == "pobj" for n in _name_tokens(p)]
        for t in names:
            m = _covering(t, mentions)
            if m and m.actor not in actors:
                actors.append(m.actor)
    return actors


def _modifier_actors(noun: Token, mentions: list[Mention]) -> list[Actor]:
    """Actors named in a noun's modifiers: 'NATO summit', 'Sybiha's letter', 'talks between X and Y'."""
    tokens = []
    for c in noun.children:
        if c.dep_ in ("compound", "poss", "nmod", "amod"):
            tokens.extend(c.subtree)
        elif c.dep_ == "prep" and c.lower_ in ("between", "with", "by", "of", "among"):
            tokens.extend(c.subtree)
    actors = []
    for m in _mentions_in(tokens, mentions):
        if m.actor.type != "Country" and _known_place(m.text) is not None:
            continue                      # "Vilnius summit": the venue, not a participant
        if m.actor not in actors and m.actor.type != "NewsMediaOrganization":
            actors.append(m.actor)
    return actors


def _place(anchor: Token, date_span: Span, mentions: list[Mention]) -> Place | None:
    sent = anchor.sent
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else _clause_verb(anchor)
    owners = {anchor.i, *range(date_span.start, date_span.end)}
    if verb is not None and anchor.pos_ in ("NOUN", "PROPN"):
        owners.add(verb.i)
    if anchor.pos_ in ("VERB", "AUX"):    # "held talks in Geneva"
        owners.update(c.i for c in anchor.children
                      if c.dep_ in ("dobj", "nsubj", "nsubjpass") and _noun_type(c))
    best = None
    for ent in sent.ents:
        root = ent.root
        head = root.head
        if ent.label_ not in PLACE_LABELS and _known_place(ent.text) is None:
            # "the Vilnius summit": a name before a gathering that names no actor is its venue
            if not (root.dep_ == "compound" and head.i == anchor.i and root.pos_ == "PROPN"
                    and anchor.lemma_ in cues.GATHERINGS and not _mentions_in(list(ent), mentions)):
                continue
        if root.dep_ in ("compound", "nmod", "amod") and head.i == anchor.i:
            rank = 0                      # "Vilnius summit"
        elif head.dep_ == "prep" and head.lower_ in PLACE_PREPS and head.head.i in owners:
            rank = 1 if head.head.i != verb_i(verb) or anchor.i == verb_i(verb) else 2
            if head.lower_ == "to" and anchor.lemma_ not in ("travel", "visit", "trip", "go", "fly"):
                continue
        elif root.dep_ == "dobj" and head.i == anchor.i and anchor.lemma_ in ("visit", "tour"):
            rank = 0                      # "visited Kyiv"
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, ent)
    if best is None:
        return None
    return _make_place(best[1].text)


def verb_i(verb: Token | None) -> int:
    return verb.i if verb is not None else -1


def _known_place(name: str) -> Place | None:
    return find_place(name) if find_place is not None else None


def _make_place(name: str) -> Place:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    return _known_place(name) or Place(key=slug(name), name=name)


# --- naming, evidence, merging ----------------------------------------------------------

def _name(kind: str, anchor: Token, span: Span, participants: list[Actor], place: Place | None) -> str:
    if anchor.pos_ in ("NOUN", "PROPN"):
        words = [t for t in anchor.lefts if t.dep_ not in ("det", "predet", "punct")
                 for t in t.subtree if not (span.start <= t.i < span.end)]
        phrase = _text(words + [anchor])
        if participants and not any(a.name.lower() in phrase.lower() for a in participants):
            owner = participants[0].name
            phrase = f"{owner} {phrase}" if not phrase.lower().startswith(owner.lower()) else phrase
        if place and place.name.lower() not in phrase.lower():
            phrase += f" in {place.name}"
        return phrase[:1].upper() + phrase[1:]
    subject = " and ".join(a.name for a in participants) or _subject_text(anchor)
    words = [anchor] + [c for c in anchor.children if c.dep_ in ("prt", "neg")]
    for child in anchor.rights:
        if child.dep_ in ("dobj", "prep", "ccomp", "xcomp", "attr", "dative", "oprd", "acomp"):
            part = [t for t in child.subtree if not (span.start <= t.i < span.end)]
            if child.dep_ == "prep" and len(part) <= 1:
                continue
            words += part
            break
    words = sorted(set(words), key=lambda t: t.i)
    cut = []
    for t in words:
        if t.is_punct and t.i > anchor.i and t.text in NAME_STOPS:
            break
        cut.append(t)
    text = _text(cut[:NAME_WORDS])
    name = f"{subject} {text}".strip() if subject else text
    return name[:1].upper() + name[1:]


def _subject_text(verb: Token) -> str:
    """The subject's core noun phrase: 'The Supreme Court', not its clauses."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            core, todo = [], [c]
            while todo:
                t = todo.pop()
                core.append(t)
                todo.extend(k for k in t.children if k.dep_ in CORE_DEPS)
            return _text(sorted(core, key=lambda t: t.i))
    return ""


def _text(tokens) -> str:
    return "".join(t.text_with_ws for t in tokens).strip().strip(",;:")


def _evidence(sent: Span, text: str) -> Evidence:
    raw = text[sent.start_char:sent.end_char]
    lead = len(raw) - len(raw.lstrip(" \t\n•·-*\u2022"))
    trail = len(raw) - len(raw.rstrip())
    start, end = sent.start_char + lead, sent.end_char - trail
    return Evidence(text=text[start:end], start=start, end=end)


def merge(events: list[Event]) -> list[Event]:
    """One event per type and date (and place, when both know theirs); what one person
    does (a statement, a speech, a visit) is one event per person."""
    kept: list[Event] = []
    for ev in events:
        twin = next((k for k in kept if k.type == ev.type and k.start == ev.start and
                     (k.place is None or ev.place is None or k.place.key == ev.place.key) and
                     (k.type not in PERSONAL or not k.participants or not ev.participants or
                      set(k.participants) & set(ev.participants))), None)
        if twin is None:
            kept.append(ev)
            continue
        twin.end = twin.end or ev.end
        twin.place = twin.place or ev.place
        twin.participants += [a for a in ev.participants if a not in twin.participants]
    return kept
