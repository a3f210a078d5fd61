"""The "newskg_events" component: dated happenings -> doc._.events.

For every date phrase in the text, the word that governs it in the dependency parse
(the verb or noun the date attaches to) says what happened: its lemma, looked up in
kg.nlp.event_types, gives the event type; the clause gives the place and the
participants (its subject's actor mentions). A date that only dates a news outlet's
report gives the reported statement instead; a date governing no event word gives
nothing. Events of the same type on the same date (and place) are merged.
"""
import re
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from . import dates, event_types as cues
from .columns import Sentences, joined, pos_ids
from .extensions import doc_text
from .event_merge import merge
from .model import Actor, Event, Evidence, Mention, Place
from ..ids import slug

try:  # the registry links known places to Wikidata; without it places stay unlinked
    from ..registry import find_place
except ImportError:  # pragma: no cover - registry not there yet
    find_place = None

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_LABEL_IDS = {get_string_id(label) for label in PLACE_LABELS}
DATE_LABEL_IDS = {get_string_id(label) for label in ("DATE", "TIME")}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "to"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
MEDIA_WORDS = {"media", "newspaper", "outlet", "agency", "broadcaster", "paper", "channel",
               "magazine", "tabloid", "daily", "reporter", "journalist"}
FUTURE_MARKERS = {"will", "shall", "'ll"}
NAME_WORDS = 12
DATELINE = re.compile(r"^\s*(?:published|updated|posted)\b[:\s]*(?:on\s+)?([^|\n]{6,40})",
                      re.I | re.M)
CORE_DEPS = {"det", "compound", "amod", "poss", "case", "nummod", "flat"}
PAIRING = {"and", "to", "through", "until", "-", "\u2013", "\u2014"}
HYPHENS = {"-", "\u2010", "\u2011"}
DAY_JOINERS = {"and", "to", "-", "\u2013", "\u2014"}
WORD = re.compile(r"[^\W\d_]{2,}")
# A date phrase naming its month or year reads the same inside a quotation as outside it.
ABSOLUTE = re.compile(r"\b(?:" + "|".join(dates.MONTHS) + r"|\d{4})\b", re.I)
LEADING_THE = re.compile(r"^the\s+", re.I)
VERBAL = {VERB, AUX}
NAME_STOPS = {",", ";", ":", "(", ")", "\"", "\u201c", "\u201d", "\u2014", "."}


@Language.component("newskg_events")
def events_component(doc: Doc) -> Doc:
    doc._.events = extract(doc)
    return doc


@dataclass
class _Article:
    """What the date phrases of one doc look at, read once (spaCy makes doc.text and doc.ents
    anew on every access)."""
    text: str
    ents: list[Span]
    pos: list[int]                         # each token's part of speech (Token.pos)
    sentences: Sentences
    places: dict[int, Place | None] = field(default_factory=dict)   # entity start -> registry place

    def has_verb(self, start: int, end: int) -> bool:
        pos = self.pos
        return any(pos[i] in VERBAL for i in range(start, end))

    def known_place(self, ent: Span) -> Place | None:
        if ent.start not in self.places:
            self.places[ent.start] = _known_place(self.text[ent.start_char:ent.end_char])
        return self.places[ent.start]


def extract(doc: Doc) -> list[Event]:
    published = reference_date(doc)
    mentions = doc._.mentions or []
    article = _Article(doc_text(doc), list(doc.ents), pos_ids(doc), Sentences(doc))
    found: list[Event] = []
    for span in date_phrases(doc, article.ents):
        event = event_for(span, published, mentions, article)
        if event is not None:
            found.append(event)
            found += _set_off(event, span, mentions, article)
    found += [ev for ev in lead_events(doc, published, mentions, article, _news_day(found, published, article))
              if not any(k.type == ev.type and k.start.startswith(ev.start) for k in found)]
    return merge(found)


# Types a lead sentence's verb may report without a date; what people say is left to the
# sentences that date it.
UNDATED_TYPES = {"Decision", "Agreement", "Vote", "Election", "Appointment", "MilitaryAction",
                 "Protest", "Summit", "Visit", "Other"}
UNDATED_TAGS = {"VBD", "VBN"}
MODALS = {"will", "would", "could", "may", "might", "should", "must", "can", "shall", "'ll"}


def _news_day(found: list[Event], published: str | None, article: _Article) -> str | None:
    """The day the lead's own dated happening took place ('Egypt secured the loans on
    Wednesday'), when it lies within a week before the publication."""
    day = dates.parse_iso(published)
    if day is None:
        return None
    lead_end = _lead_end(article)
    for ev in sorted(found, key=lambda e: e.evidence.start):
        when = dates.parse_iso(ev.start) if len(ev.start) == 10 else None
        if ev.evidence.start < lead_end and when is not None and 0 <= (day - when).days <= 7:
            return ev.start
    return None


def _lead_end(article: _Article) -> int:
    """Where the lead ends: after the first LEAD_SENTENCES sentences that have a verb."""
    counted, sentences = 0, article.sentences
    for k, start in enumerate(sentences.starts):
        if article.has_verb(start, sentences.ends[k]):
            counted += 1
            if counted == cues.LEAD_SENTENCES:
                return sentences.doc[sentences.ends[k] - 1].idx + 1
    return len(article.text)


def lead_events(doc: Doc, published: str | None, mentions: list[Mention], article: _Article,
                news_day: str | None = None) -> list[Event]:
    """'Finland has joined NATO', 'X was sentenced to three years': what the lead reports
    without a date happened around the publication. It gets the day of the lead's dated
    happening when there is one, else the publication's month (the text gives no day).
    Sentences that name a date are left to their date phrase."""
    when = news_day or (published[:7] if published and len(published) >= 7 else None)
    if when is None:
        return []
    found, text = [], article.text
    sentences, counted = article.sentences, 0
    for k, start in enumerate(sentences.starts):
        end = sentences.ends[k]
        if counted == cues.LEAD_SENTENCES:
            break
        if not article.has_verb(start, end):
            continue
        counted += 1
        if any(e.label in DATE_LABEL_IDS and start <= e.start < end
               and dates.resolve(text[e.start_char:e.end_char], published) for e in article.ents):
            continue
        sent = Span(doc, start, end)
        for verb in _reported_verbs(sent, first=counted == 1):
            if _in_quotation(doc[verb.i:verb.i + 1], text):
                continue
            typed = _verb_event(verb, mentions)
            if typed is None or typed[0] not in UNDATED_TYPES or not _tells_itself(verb, typed[0]):
                continue
            kind, anchor, participants = typed
            if _verb_type(verb) is None and verb_lemma(verb) not in cues.HAPPENINGS | cues.LIGHT_VERBS:
                anchor = next(c for c in verb.children if c.dep_ == "nsubj")   # "the bank's decision"
            place = _place(anchor, doc[anchor.i:anchor.i], mentions, article)
            found.append(Event(type=kind, name=_name(kind, anchor, doc[anchor.i:anchor.i], participants, place),
                               start=when, evidence=_evidence(sent, text), place=place,
                               participants=participants))
    return found


def _tells_itself(verb: Token, kind: str) -> bool:
    """The verb names the happening ('was arrested', 'held talks'), or its subject is someone's
    act ('the bank's decision to raise rates caught the market by surprise'); not a verb that
    merely has an event noun about it ('a proposal split the summit')."""
    lemma = verb_lemma(verb)
    if _verb_type(verb) is not None or lemma in cues.LIGHT_VERBS or lemma in cues.HAPPENINGS:
        return True
    return any(c.dep_ == "nsubj" and _noun_type(c) == kind and any(p.dep_ == "poss" for p in c.children)
               for c in verb.children)


def _reported_verbs(sent: Span, first: bool):
    """The main verb of a sentence and the verbs joined to it, when they tell something done:
    past tense, present perfect or passive, not negated, not hedged by a modal (a headline's
    present, 'Finland joins NATO', counts too)."""
    root = sent.root
    verbs = [root] + [c for c in root.children if c.dep_ in ("conj", "advcl") and c.pos_ == "VERB"]
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects += [a for c in subjects for a in c.children if a.dep_ == "appos"]
    verbs += [r for c in subjects for r in c.children      # "X, who has been sentenced"
              if r.dep_ == "relcl" and r.pos_ == "VERB"]
    for verb in verbs:
        if verb.pos_ != "VERB":
            continue
        tags = UNDATED_TAGS | ({"VBZ", "VBP"} if first else set())
        if verb.tag_ not in tags:
            continue
        children = list(verb.children)
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) for c in children):
            continue
        if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in children):
            continue                      # a bare participle; one with a subject is a past mis-tagged
        yield verb


def reference_date(doc: Doc) -> str | None:
    """The publication date, or failing that the date on a 'Published: ...' line of the text."""
    article = doc._.article
    published = getattr(article, "date_published", None) if article is not None else None
    if published:
        return published
    m = DATELINE.search(doc[:600].text)
    found = dates.resolve(m.group(1)) if m else None
    return found.start if found and found.precision == dates.DATE else None


def date_phrases(doc: Doc, ents: list[Span] | None = None) -> list[Span]:
    """DATE (and TIME) entities, widened to take in a range's first half ("between 3 and [5 May]").
    ents: the doc's entities, when the caller has them."""
    spans = []
    ents = [e for e in (doc.ents if ents is None else ents) if e.label in DATE_LABEL_IDS]
    for k, ent in enumerate(ents):
        start = ent.start
        if start >= 2 and doc[start - 1].lower_ in DAY_JOINERS and doc[start - 2].like_num:
            start -= 2
        elif start >= 1 and ent[0].lower_.rstrip(".") in dates.MONTHS and _day_number(doc[start - 1]):
            start -= 1                                  # "the [29] [May] vote" tagged apart
        if spans and spans[-1].end == start and all(t.like_num or t.lower_ in DAY_JOINERS
                                                    for t in spans[-1]):
            spans[-1] = doc[spans[-1].start:ent.end]    # "[22-23] [October]" tagged apart
            continue
        if spans and spans[-1].end == start - 1 and doc[start - 1].lower_ in PAIRING \
                and _weekday_pair(spans[-1], ent):
            spans[-1] = doc[spans[-1].start:ent.end]    # "on Wednesday and Thursday"
            continue
        spans.append(doc[start:ent.end])
    return spans


def _day_number(token: Token) -> bool:
    return token.is_digit and 1 <= int(token.text) <= 31 and token.ent_type_ in ("", "CARDINAL")


def _weekday_pair(first: Span, second: Span) -> bool:
    return all(len(s) == 1 and s[0].lower_ in dates.WEEKDAYS for s in (first, second))


def event_for(span: Span, published: str | None, mentions: list[Mention],
              article: _Article) -> Event | None:
    sent_start, sent_end = article.sentences.bounds(span.start)
    if not article.has_verb(sent_start, sent_end):
        return None
    sent, text = Span(span.doc, sent_start, sent_end), article.text
    if _is_dateline(sent, span, text):
        return None
    if _in_quotation(span, text) and not ABSOLUTE.search(text[span.start_char:span.end_char]):
        return None                       # "today" in a quote is the speaker's day, not ours
    governor, prep = _governor(span)
    if governor is not None and prep == "since" and _perfect(governor) and \
            (started := dates.resolve(text[span.start_char:span.end_char], published)) is not None \
            and started.precision == dates.DATE and started.end is None:
        prep = "since-state"              # "has been blocked since Saturday": it began that day
    if governor is None or prep in cues.BOUNDING_PREPS:
        return None                       # "by 2050", "since 2019"
    if prep == "for" and not {governor.lemma_.lower(), governor.lower_} & cues.SCHEDULED_FOR:
        return None                       # "paused increases for October": what it applies to
    future = _is_future(governor)
    when = dates.resolve(text[span.start_char:span.end_char], published, future=future)
    if when is None or (prep == "from" and when.end is None):
        return None                       # "from 2029"
    found = _classify(governor, span, mentions)
    if found is None:
        return None
    kind, anchor, participants = found
    if prep == "since-state" and any(c.dep_ == "auxpass" for c in governor.children):
        kind = "Other"                    # a state's beginning; the act that caused it is its own event
    place = _place(anchor, span, mentions, article)
    return Event(type=kind, name=_name(kind, anchor, span, participants, place),
                 start=when.start, end=when.end, evidence=_evidence(sent, text),
                 place=place, participants=participants)


def _set_off(event: Event, span: Span, mentions: list[Mention], article: _Article) -> list[Event]:
    """'The arrest in May had triggered protests': what a dated happening set off, named by
    the object of a verb of causing, took place then too."""
    anchor = span.root.head
    while anchor.dep_ in ("prep", "pobj") and anchor.head.i != anchor.i:
        anchor = anchor.head
    verb = anchor.head if anchor.dep_ in ("nsubj", "nsubjpass") else None
    if verb is None or verb_lemma(verb) not in cues.CAUSING_VERBS:
        return []
    out = []
    for obj in verb.children:
        kind = _noun_type(obj) if obj.dep_ == "dobj" else None
        if kind and kind != event.type:
            place = _place(obj, span, mentions, article)
            out.append(Event(type=kind, name=_name(kind, obj, span, [], place), start=event.start,
                             end=event.end, evidence=event.evidence, place=place,
                             participants=_modifier_actors(obj, mentions)))
    return out


def _perfect(verb: Token) -> bool:
    """A verb in the perfect ('has been blocked', 'have been held')."""
    return verb.pos_ == "VERB" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _is_dateline(sent: Span, span: Span, text: str) -> bool:
    """A line holding little but the date: 'December 4, 2024', 'Updated: 3 May 2024'."""
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    rest = line.replace(text[span.start_char:span.end_char], " ")
    if len(list(islice(WORD.finditer(rest), 3))) <= 2:
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
        if head.dep_ == "prep" or head.pos_ == "ADP":
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


# Verbs whose infinitive complement is still to happen: "plans to start offering".
INTENT_VERBS = {"plan", "intend", "aim", "hope", "prepare", "promise", "pledge", "vow", "threaten",
                "want", "seek", "propose", "agree", "decide"}


def _is_future(token: Token) -> bool:
    if token.pos_ == "ADJ" and token.lower_ in cues.SCHEDULED:
        return True                       # "a report due in September"
    verb = token if token.pos_ in ("VERB", "AUX") else _clause_verb(token)
    if verb is None:
        return False
    children = list(verb.children)
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_MARKERS for c in children):
        return True
    # "left the question to be settled at the summit in November": still to be done
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and \
            any(c.dep_ == "auxpass" for c in children):
        return True
    # "is due to / set to / scheduled to meet", "plans to start offering", "will start to"
    for _ in range(3):
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            return False
        verb = verb.head
        if verb.lemma_ in INTENT_VERBS or any(c.dep_ == "aux" and c.lower_ in FUTURE_MARKERS
                                              for c in verb.children):
            return True
        if verb.lemma_ in ("set", "due", "schedule", "expect") and any(
                c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in verb.children):
            return True
    return False


def _clause_verb(token: Token) -> Token | None:
    for t in token.ancestors:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


# --- what happened -------------------------------------------------------------------

def _classify(gov: Token, span: Span, mentions: list[Mention]):
    """(type, anchor token, participants) for the word governing a date, or None."""
    if gov.pos_ == "NOUN" and gov.dep_ == "dobj" and _acts_on_object(gov.head):
        gov = gov.head                    # "appealed that ruling in 2022": the date is the appeal's
    if gov.pos_ == "ADJ" and gov.lower_ in cues.SCHEDULED and gov.head.pos_ in ("NOUN", "PROPN"):
        gov = gov.head                    # "a study, due in September"
    if gov.pos_ in ("NOUN", "PROPN"):
        found = _noun_event(gov, span, mentions)
        if found is None and span.end <= gov.i and gov.pos_ == "PROPN" and \
                (gov.dep_ in ("nsubj", "nsubjpass") or span.root.dep_ == "compound"):
            verb = _clause_verb(gov)      # "on Wednesday [X asked]": parsed onto X
            if verb is not None:
                return _classify(verb, span, mentions)
        if found is None and gov.dep_ == "pobj" and gov.pos_ == "NOUN" and span.start > gov.i:
            return _clause_event(gov, span, mentions)
        return found
    if gov.pos_ in ("VERB", "AUX"):
        event_noun = _event_noun_before(span, gov)
        if event_noun is not None and _verb_type(gov) is None and not any(
                c.dep_ in ("dobj", "attr") and _noun_type(c) for c in gov.children):
            return _noun_event(event_noun, span, mentions)
        if gov.tag_ == "VBG" and gov.dep_ in ("acl", "pobj", "dobj", "nsubj", "compound") and \
                _verb_type(gov) is None and cues.noun_type(gov.lower_):
            return cues.noun_type(gov.lower_), gov, _modifier_actors(gov, mentions)
        found = _verb_event(gov, mentions)
        if found is None and _manner_of(gov) is not None:
            return _classify(_manner_of(gov), span, mentions)
        return found
    return None


def _manner_of(verb: Token) -> Token | None:
    """'damaged the cable by dragging its anchor': the verb a manner gerund tells how."""
    prep = verb.head
    if verb.dep_ == "pcomp" and prep.lower_ in ("by", "through") and prep.head.pos_ == "VERB":
        return prep.head
    return None


def _clause_event(noun: Token, span: Span, mentions: list[Mention]):
    """'damaged the cable by dragging its anchor along the seabed on 3 May': a date the parse
    hung on a place noun dates the clause's happening; a manner gerund ('by dragging')
    stands for the verb it tells how."""
    verb = _clause_verb(noun)
    for _ in range(2):
        if verb is None or verb.pos_ != "VERB":
            return None
        if _verb_type(verb) is not None or verb_lemma(verb) in cues.HAPPENINGS:
            return _verb_event(verb, mentions)
        verb = _manner_of(verb)
    return None


def _event_noun_before(span: Span, verb: Token) -> Token | None:
    """'leaves Spain without hope for the Championships in Birmingham in August': a date right
    after a prepositional phrase naming an event belongs to that event, not to a verb that
    names none (the parse hangs it on the verb)."""
    first = span.doc[span.start - 1] if span.start > 0 else None
    if first is None or first.dep_ != "prep" or first.head.i != verb.i or first.i < 1:
        return None
    t = span.doc[first.i - 1]
    for _ in range(4):
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and _noun_type(t) and \
                t.lemma_.lower() not in cues.NOT_EVENTS:
            return t
        if t.dep_ in ("pobj", "compound", "flat") and t.head.i < t.i:
            t = t.head
        elif t.dep_ == "prep" and t.head.pos_ in ("NOUN", "PROPN"):
            t = t.head
        else:
            return None
    return None


def _acts_on_object(verb: Token) -> bool:
    """A verb that names its own event (not a light verb carrying its object's): a date the
    parse hung on its object belongs to it."""
    lemma = verb_lemma(verb)
    return verb.pos_ == "VERB" and lemma not in cues.LIGHT_VERBS and cues.verb_type(lemma) is not None \
        and lemma not in cues.SPEECH_VERBS and lemma not in cues.REPORTING_VERBS


def _noun_event(noun: Token, span: Span, mentions: list[Mention]):
    if noun.lemma_.lower() in cues.NOT_EVENTS or span.start <= noun.i < span.end:
        return None
    for cand in [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"]:
        kind = _noun_type(cand)
        if kind:
            people = _modifier_actors(cand, mentions)
            prep = cand.head
            if not people and kind in ("Summit", "Meeting", "Visit", "Statement", "Speech") \
                    and cand.dep_ == "pobj" \
                    and prep.lower_ in ("at", "during"):
                people = _host_actors(cand, mentions)   # "At the summit, NATO adopted ..."
            return kind, cand, people
    for verb in noun.children:            # "a final count published by X on Monday"
        if verb.dep_ in ("acl", "relcl") and verb.pos_ == "VERB" and _verb_type(verb):
            return _verb_event(verb, mentions)
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
    if kind == "Vote" and _decides_seats(noun):
        return "Election"                 # "lost its majority in the 29 May vote"
    if lemma == "strike" and not (mods & cues.ARMED_STRIKE) and _labour(noun):
        return "Protest"                  # "the teachers' strike", "the strike that began"
    if lemma == "bid" and not any(t.lemma_ in ("join", "membership", "accession") for t in noun.subtree):
        return None
    if lemma in ("report", "study") and not any(c.dep_ == "acl" or c.lower_ in cues.SCHEDULED
                                                for c in noun.children):
        return None   # "according to a report" dates nothing of its own
    return kind


def _decides_seats(noun: Token) -> bool:
    verb = _clause_verb(noun)
    return verb is not None and verb_lemma(verb) in cues.WINNING_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in cues.ELECTED_THINGS for c in verb.children)


def _verb_event(verb: Token, mentions: list[Mention]):
    lemma = verb_lemma(verb)
    if any(c.dep_ == "neg" for c in verb.children):
        return None                       # "has not commented"
    subjects = _subject_actors(verb, mentions)
    if lemma in cues.REPORTING_VERBS and _is_media_report(verb, mentions):
        return _reported_statement(verb, mentions)
    kind = _verb_type(verb)
    gathered = _gathered_subject(verb)    # "ministers meeting in Luxembourg on Thursday agreed"
    if gathered is not None and kind != "Vote":
        return "Meeting", gathered, subjects
    if kind in (None, "Statement", "Application", "Meeting"):
        gathering = _gathering(verb)      # "announced at its Congress": the gathering
        if gathering is not None:
            return _noun_type(gathering), gathering, subjects or _modifier_actors(gathering, mentions)
    antecedent = _antecedent(verb)
    if kind is None and antecedent is not None:
        kind = _noun_type(antecedent)     # "consultations held in Geneva on 3-4 February"
        if kind:
            return kind, antecedent, subjects or _modifier_actors(antecedent, mentions)
    if kind is None and _takes_effect(verb):
        kind = _effect_type(verb, antecedent)
    if kind is None and _subject_lemmas(verb) & cues.COURTS:
        kind = "Other" if lemma == "hear" else "Decision"
    if kind is None:
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and child.pos_ in ("NOUN", "PROPN"):
                kind = _noun_type(child)
                if kind:
                    break
    if kind is None and _carries_out(verb):
        kind = "Other"                    # "carried out collective expulsions in August 2021"
    if kind is None and lemma in cues.HAPPENING_FRAMES and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" and _covering(c, mentions) is None
            for c in verb.children):
        kind = "Other"                    # "the exams would begin on 2 November"
    if kind is None and lemma in cues.HAPPENINGS:
        kind = "Other"
    if kind is None:
        return None
    return kind, verb, subjects


def _gathering(verb: Token) -> Token | None:
    """A gathering 'at' or 'during' which the verb happened, anywhere in its own clause
    (the parse often hangs 'at the summit' on the object: 'discuss the dispute at the summit')."""
    for noun in verb.subtree:
        if noun.dep_ != "pobj":
            continue
        prep = noun.head
        if prep.dep_ != "prep" or prep.lower_ not in ("at", "during"):
            continue
        clause = _clause_verb(noun)
        if clause is None or clause.i != verb.i:
            continue
        if noun.lemma_.lower() in cues.GATHERINGS and _noun_type(noun) not in (None, "Statement"):
            return noun
    return None


def _gathered_subject(verb: Token) -> Token | None:
    """'Ministers meeting in Luxembourg on Thursday confirmed ...': the subject's participle
    says they met; what they did there is part of the meeting."""
    for subj in verb.children:
        if subj.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if subj.lemma_.lower() in cues.GATHERINGS and subj.pos_ == "NOUN" and _noun_type(subj) == "Meeting":
            return subj                   # "the ministers' meeting confirmed ..."
        for c in subj.children:
            if c.dep_ == "acl" and c.tag_ == "VBG" and cues.verb_type(verb_lemma(c)) == "Meeting":
                return c
    return None


def _antecedent(verb: Token) -> Token | None:
    """The noun a relative or participle clause describes: 'consultations held in Geneva',
    'the trial, which ran from ...', 'an investigation opened on 22 July' (a participle the
    parse hung elsewhere). Through 'of': 'the session of the subsidiary bodies, which ran'."""
    noun = None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        noun = verb.head
    elif verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        relative = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in cues.RELATIVES
                       for c in verb.children)
        if relative and verb_lemma(verb) in cues.FRAME_VERBS | {"take", "enter", "come"}:
            noun = verb.head
    elif verb.tag_ in ("VBN", "VBD") and verb.i > 0 and verb.nbor(-1).pos_ == "NOUN" and \
            verb.dep_ in ("acl", "advcl", "relcl", "conj") and \
            not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        noun = verb.nbor(-1)              # a participle without a subject of its own
    if noun is not None and _noun_type(noun) is None and noun.dep_ == "pobj" \
            and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        return noun.head.head
    return noun


def _takes_effect(verb: Token) -> bool:
    """'took effect', 'entered into force', 'came into force'."""
    lemma = verb_lemma(verb)
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "effect" for c in verb.children)
    if lemma in ("enter", "come"):
        return any(c.lower_ == "into" and any(g.lower_ == "force" for g in c.children)
                   for c in verb.children)
    return False


def _effect_type(verb: Token, antecedent: Token | None) -> str:
    """What takes effect is an act: an agreement if its noun says so, else a decision."""
    things = [antecedent] if antecedent is not None else []
    things += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    kinds = {_noun_type(t) for t in things}
    return "Agreement" if "Agreement" in kinds else "Decision"


def _carries_out(verb: Token) -> bool:
    """'carried out raids', 'conducted expulsions': an action done to an object."""
    lemma = verb_lemma(verb)
    has_object = any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in verb.children)
    if lemma == "carry":
        return has_object and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    return has_object and lemma in ("conduct", "perform")


def _with_subject(verb: Token) -> Token:
    """The verb itself, or for 'boarded and detained' the first verb, which has the subject."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    return verb


def _subject_words(verb: Token) -> set[str]:
    """The subjects' lemmas and their compounds': "coast guard vessels" gives guard, vessel."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return {t.lemma_.lower() for s in subjects
            for t in (s, *(c for c in s.children if c.dep_ in ("compound", "amod")))}


def _subject_lemmas(verb: Token) -> set[str]:
    return {c.lemma_.lower() for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}


def verb_lemma(verb: Token) -> str:
    """The verb's lemma; when the tagger's lemma is unknown to the cue lexicon, a form with
    the '-d'/'-ed' ending taken off that is known ('staged' is sometimes lemmatised 'stag')."""
    lemma = verb.lemma_.lower()
    if cues.verb_type(lemma) or lemma in cues.LIGHT_VERBS or lemma in cues.HAPPENINGS:
        return lemma
    form = verb.lower_
    for cut in (1, 2):
        if form.endswith("ed") and len(form) - cut > 2:
            stem = form[:-cut]
            if cues.verb_type(stem) or stem in cues.LIGHT_VERBS or stem in cues.HAPPENINGS:
                return stem
    return lemma


def _verb_type(verb: Token) -> str | None:
    lemma = verb_lemma(verb)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    if lemma in cues.SPEECH_VERBS and _has_venue(verb):
        return "Speech"
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if lemma == "vote" and _subject_words(_with_subject(verb)) & cues.COURTS:
        return "Decision"                 # "five judges voted to uphold the ruling"
    if lemma in cues.WINNING_VERBS and any(o.lemma_.lower() in cues.ELECTED_THINGS for o in objects):
        return "Election"                 # "won a second term", "secured a majority"
    if lemma == "pass" and any(c.lower_ == "away" for c in verb.children):
        return "Other"                    # "she passed away in February"
    if lemma in cues.CONFIRMING_VERBS and any(_noun_type(o) == "Decision" for o in objects):
        return "Decision"                 # "the court upheld / ratified the ruling"
    if lemma in cues.RATE_VERBS and any(o.lemma_.lower() in cues.RATES for o in objects):
        return "Decision"                 # "the central bank raised interest rates"
    if lemma == "strike" and ("off" in particles or _to_register(verb)):
        return "Decision"                 # "struck off the registry"
    if lemma == "strike" and _labour(verb):
        return "Protest"                  # "teachers struck over pay"
    if lemma in ("add", "remove", "delete", "drop", "put", "place") and _to_register(verb):
        return "Decision"                 # "added to the sanctions list"
    if lemma in cues.FORCE_VERBS and _subject_words(_with_subject(verb)) & cues.FORCES:
        return "MilitaryAction"           # "forces boarded and detained the ship"
    if lemma in cues.ASKING_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() in cues.COURTS
                                          for c in verb.children):
        return "Application"              # "asked the court to suspend the measure"
    if lemma in cues.HEARD_VERBS and any(c.dep_ == "prep" and c.lower_ == "before"
                                         for c in verb.children):
        return "Other"                    # "appear before the committee next Monday"
    if lemma == "hear" and (any(c.dep_ == "nsubjpass" for c in verb.children)
                            or _subject_lemmas(verb) & cues.COURTS):
        return "Other"                    # "the case was heard on 21-22 April": a hearing
    if lemma in cues.ISSUING_VERBS:
        noun = _antecedent(verb)
        if noun is None:
            noun = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        kind = _noun_type(noun) if noun is not None else None
        drafted = noun is not None and any(c.lower_ in cues.DRAFTED for c in noun.children)
        if kind in ("Decision", "Agreement", "Statement") and not drafted:
            return kind                   # "an award published on Tuesday" is the decision
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
    if lemma == "declare" and any(t.lemma_.lower() in cues.DECREED for c in verb.children
                                  if c.dep_ == "dobj" for t in c.subtree):
        return "Decision"                 # "declared a state of emergency"
    if lemma == "appeal" and any(c.dep_ == "prep" and c.lower_ in ("for", "to") for c in verb.children):
        return "Statement"                # "appealed for calm" is a call, not an appeal
    if lemma in cues.ADOPTING_VERBS:
        kind = _adoption_type(verb)
        if kind:
            return kind
    if lemma in cues.SPEECH_VERBS:
        return "Statement"
    return cues.verb_type(lemma)


def _to_register(verb: Token) -> bool:
    """'added to the sanctions list', 'struck off its registry'."""
    return any(p.lemma_.lower() in cues.REGISTERS for c in verb.children
               if c.dep_ in ("prep", "prt") and c.lower_ in ("to", "on", "onto", "off", "from")
               for p in c.subtree)


def _labour(token: Token) -> bool:
    """A strike by workers: labour words in its own phrase or its sentence."""
    return any(t.lower_ in cues.LABOUR_WORDS for t in token.sent)


def _adoption_type(verb: Token) -> str | None:
    """'the assembly adopted the text' is a Vote; 'the treaty was adopted' an Agreement."""
    agents = [c for c in verb.children if c.dep_ == "nsubj"]
    agents += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if any(a.lemma_.lower() in cues.LEGISLATURES or a.lower_ in cues.LEGISLATURES for a in agents):
        return "Vote"
    if any(c.dep_ == "nsubjpass" and _noun_type(c) == "Agreement" for c in verb.children):
        return "Agreement"
    return None


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
    if not heads and verb.dep_ == "xcomp" and verb.head.i != verb.i:
        controllers = [c for c in verb.head.children if c.dep_ == "dobj"]
        if controllers:                   # "summoned the ministers to appear": the ministers
            heads = controllers
    if not heads and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return _subject_actors(verb.head, mentions)
    actors = []
    for head in heads:
        names = _name_tokens(head)
        covered = [_covering(t, mentions) for t in names]
        if not any(covered):
            # "NATO defence ministers", "EU leaders": the body named before the people
            names = [m for t in names for c in t.children
                     if c.dep_ in ("compound", "amod", "poss", "nmod") for m in c.subtree]
            covered = [_covering(t, mentions) for t in names]
        if not any(covered):
            # "negotiators from the EU and India", "leaders of France and Germany"
            names = [n for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                     for p in c.children if p.dep_ == "pobj" for n in _name_tokens(p)]
            covered = [_covering(t, mentions) for t in names]
        for m in covered:
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


def _place(anchor: Token, date_span: Span, mentions: list[Mention], article: _Article) -> Place | None:
    pos = anchor.pos_
    verb = anchor if pos in ("VERB", "AUX") else _clause_verb(anchor)
    owners = {anchor.i, *range(date_span.start, date_span.end)}
    if verb is not None and pos in ("NOUN", "PROPN"):
        owners.add(verb.i)
    if pos in ("VERB", "AUX"):            # "held talks in Geneva"
        owners.update(c.i for c in anchor.children
                      if c.dep_ in ("dobj", "nsubj", "nsubjpass") and (
                          _noun_type(c) or c.dep_ == "nsubj" and c.lemma_.lower() in cues.COURTS))
    best = None
    for ent in _within(*article.sentences.bounds(anchor.i), article.ents):
        root = ent.root
        head = root.head
        if ent.label not in PLACE_LABEL_IDS and article.known_place(ent) is None:
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
    ent = best[1]
    return _make_place(article.text[ent.start_char:ent.end_char])


def _within(start: int, end: int, ents: list[Span]) -> list[Span]:
    """doc[start:end].ents, from the doc's entities read once (Span.ents makes every entity of
    the doc anew)."""
    found = []
    for ent in ents:
        if ent.start >= start:
            if ent.end > end:
                break
            found.append(ent)
    return found


def verb_i(verb: Token | None) -> int:
    return verb.i if verb is not None else -1


def _known_place(name: str) -> Place | None:
    return find_place(name) if find_place is not None else None


def _make_place(name: str) -> Place:
    name = LEADING_THE.sub("", name.strip())
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
    """The subject's core noun phrase: 'The Supreme Court', not its clauses. A relative
    pronoun stands for the noun it refers to ('X, who chaired the sessions'); a participle
    without a subject takes the noun it describes ('an award published') or, opening the
    sentence, the main clause's subject ('Speaking on Monday, the minister said')."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ in cues.RELATIVES and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return _core_text(verb.head)
            return _core_text(c)
    head = verb.head
    if head.i != verb.i and verb.tag_ in ("VBN", "VBG"):
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return _core_text(head)
        if verb.dep_ == "advcl" and verb.i < head.i and head.pos_ in ("VERB", "AUX"):
            return _subject_text(head)
    return ""


def _core_text(noun: Token) -> str:
    core, todo = [], [noun]
    while todo:
        t = todo.pop()
        core.append(t)
        todo.extend(k for k in t.children if k.dep_ in CORE_DEPS or
                    (k.dep_ == "punct" and k.text in HYPHENS))   # "al-Mansouri"
    return _text(sorted(core, key=lambda t: t.i))


def _text(tokens) -> str:
    return joined(tokens).strip().strip(",;:")


def _evidence(sent: Span, text: str) -> Evidence:
    raw = text[sent.start_char:sent.end_char]
    lead = len(raw) - len(raw.lstrip(" \t\n•·-*\u2022"))
    trail = len(raw) - len(raw.rstrip())
    start, end = sent.start_char + lead, sent.end_char - trail
    return Evidence(text=text[start:end], start=start, end=end)
