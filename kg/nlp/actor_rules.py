"""Word lists and parse rules behind newskg_actors: anonymous sources, entity cleaning, junk."""
from __future__ import annotations

import re

from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from kg.ids import slug
from .columns import Words, string_ids
from .extensions import doc_text
from .model import Actor

SOURCE_NOUNS = {"source": "source", "sources": "source", "official": "official",
                "officials": "official", "diplomat": "diplomat", "diplomats": "diplomat",
                "insider": "insider", "insiders": "insider"}
GROUP_NOUNS = {"countries", "states", "nations", "allies", "members", "leaders", "governments",
               "partners", "powers", "democracies"}
NOT_GROUP_MODIFIERS = {"Many", "Other", "Some", "Several", "Most", "Both", "All", "Such", "The",
                       "These", "Those", "Member", "Few", "No", "Which", "What", "Their", "Its",
                       "Our", "His", "Her", "Two", "Three", "Four", "Five"}
ANON_ADJECTIVES = {"unnamed", "anonymous", "senior", "high-ranking", "informed", "knowledgeable",
                   "familiar", "close", "diplomatic", "military", "intelligence", "security",
                   "government", "administration", "top", "western", "european", "arab"}
TIE_PREPS = {"within", "in", "at", "from", "inside", "to", "with", "of"}
SPEECH_VERBS = {"say", "tell", "confirm", "add", "claim", "report", "note", "reveal", "suggest",
                "warn", "state", "insist", "indicate", "speak", "describe", "explain", "believe",
                "estimate", "caution", "stress", "argue", "acknowledge", "deny", "admit"}
NUMBER_DETS = {"a", "an", "one", "two", "three", "four", "several", "some", "its", "their",
               "multiple", "other", "another", "many"}

TITLE_WORDS = {
    "president", "president-elect", "vice", "prime", "minister", "foreign", "defence", "defense",
    "interior", "finance", "secretary", "general", "secretary-general", "chancellor", "senator",
    "sen", "sen.", "rep", "rep.", "representative", "gov", "gov.", "governor", "mr", "mr.",
    "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "judge", "justice", "king", "queen", "prince",
    "princess", "pope", "chief", "commissioner", "ambassador", "envoy", "spokesman",
    "spokeswoman", "spokesperson", "deputy", "then", "former", "ex", "elect", "lt", "gen",
    "gen.", "col", "col.", "colonel", "admiral", "mayor", "speaker", "leader", "head",
    "director", "chairman", "chairwoman", "chair", "ceo", "founder", "premier", "emir",
    "crown", "lawmaker", "mp", "congressman", "congresswoman", "attorney", "correspondent",
    "reporter", "editor", "analyst", "commander", "officer", "adviser", "advisor", "aide",
    "coach", "captain", "sir", "lord", "lady", "dame", "marshal", "sergeant", "high",
    "representative", "state", "national", "security", "economy", "affairs", "trade", "health",
    "justice", "energy", "european", "eu", "nato", "un", "us", "-", "–", "—", "acting",
    "incoming", "outgoing", "late", "new", "newly", "appointed", "chief-of-staff",
}
JUNK_WORDS = {
    "cookie", "cookies", "policy", "policies", "privacy", "ctrl", "enter", "alt", "shift",
    "patron", "patreon", "subscribe", "subscription", "newsletter", "copyright", "advertisement",
    "advertising", "login", "signup", "photo", "photos", "video", "related", "click", "share",
    "menu", "terms", "donate", "comments", "reply", "tags", "skip", "homepage", "email",
    "javascript", "browser", "ad", "blocker", "getty", "shutterstock", "caption", "image",
}
# An ORG the model finds that is really a document, plan or meeting, not an actor.
NON_ACTOR_HEADS = {
    "memorandum", "agreement", "treaty", "accord", "accords", "act", "convention", "plan",
    "summit", "declaration", "deal", "initiative", "doctrine", "strategy", "law", "bill",
    "resolution", "charter", "protocol", "format", "programme", "program", "process", "talks",
    "conference", "forum", "war", "games", "cup", "championship", "award", "prize", "day",
    "week", "index", "report", "formula", "dialogue", "framework", "package", "cop",
    # laws and rules
    "regulation", "regulations", "directive", "decree", "statute", "constitution", "amendment",
    "ordinance", "code", "rules", "guidelines", "acts", "treaties",
    # sports and other events
    "championships", "olympics", "olympiad", "paralympics", "tournament", "marathon", "prix",
    "festival", "expo", "exhibition", "election", "elections", "referendum", "census",
}
# Verbs whose subject is an agent: "the Liberal Initiative voted against it" is a party, even
# though "initiative" mostly heads a plan's name.
AGENT_VERBS = {
    "vote", "say", "argue", "announce", "criticise", "criticize", "welcome", "oppose", "support",
    "back", "reject", "condemn", "warn", "urge", "call", "accuse", "demand", "propose", "sue",
    "endorse", "insist", "claim", "tell", "ask", "appeal", "abstain", "boycott", "threaten",
    "pledge", "promise", "protest", "campaign", "lobby", "decline", "refuse", "agree", "win",
}
# Nouns for ships: "another tanker, the Jaguar" names a vessel, not an actor.
VESSEL_NOUNS = {"tanker", "ship", "vessel", "freighter", "carrier", "frigate", "destroyer",
                "submarine", "boat", "yacht", "ferry", "trawler", "warship", "cruiser", "corvette",
                "barge", "icebreaker", "liner", "schooner", "tug", "dredger", "mv", "mt", "hms",
                "uss"}
# Nouns a demonym must modify to stand for the state ("North Korean troops", not "Chinese rivals").
STATE_NOUNS = {
    "government", "military", "army", "navy", "troops", "forces", "soldiers", "personnel",
    "official", "authority", "minister", "ministry", "president", "premier", "chancellor",
    "leader", "leadership", "diplomat", "diplomacy", "delegation", "delegate", "negotiator",
    "presidency", "embassy", "ambassador", "envoy", "side", "state", "administration",
    "parliament", "lawmaker", "regime", "intelligence", "counterpart", "position", "stance",
    "proposal", "demand", "secretary", "spokesman", "spokeswoman", "spokesperson", "cabinet",
    "police", "representative", "aggression", "invasion", "occupation", "attack", "offensive",
    "consulate", "veto", "sanction", "strike", "missile", "drone", "prime", "foreign", "defence",
    "defense", "authorities", "officials", "troop", "force", "guard", "navy", "air", "opposition",
}
PERSON_NOUNS = {"president", "minister", "chief", "spokesman", "spokeswoman", "spokesperson",
                "head", "leader", "ceo", "director", "chairman", "chairwoman", "chair", "secretary",
                "negotiator", "lawyer", "judge", "justice", "governor", "candidate", "rival",
                "commissioner", "ambassador", "envoy", "founder", "executive", "economist",
                "analyst", "official", "mayor", "senator", "adviser", "advisor", "professor",
                "researcher", "coach", "captain", "player", "general", "spokesperson", "activist"}
ORG_NOUNS = {"party", "group", "company", "firm", "organisation", "organization", "association",
             "union", "movement", "coalition", "alliance", "bank", "agency", "ministry", "court",
             "council", "committee", "federation", "confederation", "club", "team", "body",
             "lobby", "regulator", "watchdog", "institute", "foundation", "charity", "ngo",
             "network", "bloc", "operator", "manufacturer", "maker", "investor", "fund",
             "authority", "commission", "office", "board", "tribunal", "university", "insurer"}
MEDIA_NOUNS = {"broadcaster", "newspaper", "daily", "outlet", "channel", "magazine", "tabloid",
               "weekly", "website", "station", "agency's", "wire", "broadsheet", "network's"}
# Names of coalitions of states rather than organisations with a secretariat.
GROUP_HEADS = {"group", "alliance", "coalition", "bloc", "caucus", "bloc"}
MEDIA_HEADS = {"news", "times", "post", "press", "journal", "gazette", "herald", "tribune",
               "telegraph", "radio", "tv", "television", "broadcasting", "broadcaster", "daily",
               "magazine", "newspaper", "channel", "pravda", "izvestia", "kommersant", "chronicle",
               "courier", "observer", "zeitung", "gazeta", "gazzetta", "dispatch", "inquirer",
               "examiner", "sentinel", "express", "mirror", "standard", "independent"}
# First words of newspapers' names: "Daily Nation", "Evening Standard".
MEDIA_FIRSTS = {"daily", "evening", "sunday", "weekly"}
# "the news agency X", "the wire service X"
MEDIA_KINDS = {("news", "agency"), ("press", "agency"), ("wire", "service"), ("news", "service"),
               ("news", "website"), ("news", "outlet"), ("news", "channel"), ("news", "site")}
POSSESSIVES = {"'s", "\u2019s", "'", "\u2019"}
_BAD_CHARS = re.compile(r"[@/\\+_=|#©<>\[\]{}]|https?|www\.|\.[a-z]{2,4}\b")


def media_like(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and (words[-1] in MEDIA_HEADS or len(words) > 1 and words[0] in MEDIA_FIRSTS)


def clean_entity(ent: Span, registry=None, words: Words | None = None) -> Span | None:
    """Trim articles, titles ("Then-Secretary General") and possessives off an NER span.
    words: the doc's Words, when the caller has them."""
    doc = ent.doc
    words = words or Words(doc)
    lower = words.lower
    start, end = ent.start, ent.end
    person = ent.label_ == "PERSON"
    stops = ("(", "[", ",") if person else ("(", "[")
    for i in range(start, end):
        if words.text_of(i) in stops:
            end = i
            break
    for i in range(start, end - 1):       # "Austria’s Alpenrail Systems": the owner is apart
        if lower[i] in POSSESSIVE_IDS and i > start and not _plural_genitive(doc, i, registry, words):
            start = i + 1
    while end > start and (lower[end - 1] in POSSESSIVE_IDS or doc[end - 1].is_punct):
        end -= 1
    while start < end:
        if lower[start] == THE_ID or doc[start].is_punct:
            start += 1
        elif person and (
                lower[start] in TITLE_WORD_IDS or not words.text_of(start)[:1].isupper()
                or (registry is not None and end - start > 1 and registry.find(
                    words.text_of(start), kinds=("name", "alias", "demonym")) is not None)):
            start += 1
        else:
            break
    return Span(doc, start, end) if end > start else None


IRREGULAR_PLURALS = {"people", "women", "men", "children", "workers"}


def _plural_genitive(doc, i: int, registry, words: Words) -> bool:
    """"Tenants' Association", "Women's Union", "Workers' Party": a plural noun's genitive
    inside a name, not an owner in front of it ("Austria's Alpenrail Systems")."""
    owner = doc[i - 1]
    mark = words.text_of(i)
    low = owner.lower_
    if mark in ("'", "\u2019"):
        if not (low.endswith("s") and owner.ent_type_ not in ("GPE", "PERSON", "NORP")
                and owner.text[:1].isupper() and i - 1 > 0):
            return False
    elif low not in IRREGULAR_PLURALS and not (low.endswith("men") and owner.text[:1].isupper()):
        return False
    return registry is None or registry.find(words.text_of(i - 1)) is None


def is_junk_entity(span: Span, lower_words, text: str | None = None, acting: bool = False) -> bool:
    """lower_words: the ids of the article's lower-case words, queried with `in` (a word
    written in lower case elsewhere is no name); text: span.text when the caller has it;
    acting: the span is the subject of an agent's verb (a name, whatever its last word)."""
    text = span.text if text is None else text
    tokens = list(span)
    words = [t for t in tokens if not t.is_punct]
    if len(text) < 2 or not words or not any(map(str.isalpha, text)):
        return True
    if _BAD_CHARS.search(text) or any(t.like_num or t.is_digit for t in tokens):
        return True
    if not words[0].text[:1].isupper() or not words[-1].text[:1].isupper():
        return True
    lowered = [t.lower for t in words]
    if not JUNK_WORD_IDS.isdisjoint(lowered):
        return True
    person = span.label_ == "PERSON"
    if not person and lowered[-1] in NON_ACTOR_HEAD_IDS and not acting:
        return True
    if TITLE_WORD_IDS.issuperset(lowered):
        return True
    if len(words) == 1:
        t = words[0]
        if not t.is_upper and (t.pos_ not in ("PROPN",) or t.lower in lower_words):
            return True
    if person and (len(words) > 5 or any(
            not (t.text[:1].isupper() or t.lower in PARTICLE_IDS) for t in words)):
        return True
    return False


PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "al", "bin", "ibn",
             "el", "dos", "del", "ter", "-"}

# The word lists as string ids, compared with Token.lower / Token.orth (no string lookup).
PARTICLE_IDS = string_ids(PARTICLES)
POSSESSIVE_IDS = string_ids(POSSESSIVES)
TITLE_WORD_IDS = string_ids(TITLE_WORDS)
JUNK_WORD_IDS = string_ids(JUNK_WORDS)
NON_ACTOR_HEAD_IDS = string_ids(NON_ACTOR_HEADS)
THE_ID = get_string_id("the")


def anonymous_source(token: Token, registry, strong: set[str]):
    """(start, end, Actor) for an unnamed source headed by `token` ("a NATO source",
    "an official familiar with the matter"); Actor None for a bare "the source" that refers
    back; None when `token` is not an anonymous source."""
    noun = SOURCE_NOUNS[token.lower_]
    if not token.is_lower and not token.is_sent_start:
        return None
    sent = token.sent
    if not any(map(str.isupper, doc_text(token.doc)[sent.start_char:sent.end_char])):
        return None                                         # a slug or caption line
    children = list(token.children)
    if any(c.dep_ == "appos" or c.ent_type_ == "PERSON" for c in children):
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in children) and noun == "source":
        return None
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.ent_type_ == "PERSON":     # "official Jane Doe"
        return None

    start, end = token.i, token.i + 1
    tie = None
    # modifiers to the left: "senior EU", "its NATO", "alliance", "White House"
    doc = token.doc
    left = token.i
    while left > 0 and doc[left - 1].dep_ in ("compound", "amod", "nmod", "npadvmod") \
            and left <= doc[left - 1].head.i <= token.i:
        left -= 1
    for i in range(left, token.i):
        tie = _registry_actor(token.doc[i:token.i], registry, strong)
        if tie:
            start = i
            break
    adjectives = [c for c in children if c.dep_ in ("amod", "compound") and c.i < token.i]
    anon_adj = [a for a in adjectives if a.lower_ in ANON_ADJECTIVES]
    if tie is None:
        for prep in (c for c in children if c.dep_ in ("prep", "amod", "acl")):
            target = _prep_object(prep)
            if target is None:
                continue
            tie = _registry_actor(target, registry, strong, capitals=True)
            if tie:
                end = target.end
                break
    familiar = any(c.lower_ in ("familiar", "close", "knowledgeable") for c in children) or any(
        c.dep_ == "relcl" and any(w.lower_ in ("anonymity", "named", "identified")
                                  for w in c.subtree) for c in children)
    relcl_speaks = any(c.dep_ == "relcl" and c.lemma_ in SPEECH_VERBS for c in children)
    det = next((c.lower_ for c in children if c.dep_ in ("det", "poss", "nummod")), None)
    speaking = _speaking(token) or relcl_speaks
    unnamed = familiar or any(a.lower_ in ("unnamed", "anonymous") for a in anon_adj)
    if noun in ("source", "insider"):
        if tie is None and not anon_adj and not familiar:
            if det == "the" and speaking:
                return start, end, None
            if not (det in NUMBER_DETS and speaking):
                return None
    elif not (speaking or unnamed):
        return None
    elif det == "the" and tie is None and not anon_adj:
        return start, end, None
    modifiers = [c.i for c in children if c.dep_ in ("amod", "compound", "nummod", "nmod")
                 and c.i < token.i]
    if modifiers:
        start = min(start, min(modifiers))
    phrase = _phrase(token)
    name = f"{tie.name} {noun}" if tie is not None else phrase
    aliases = tuple(a for a in dict.fromkeys((phrase, doc[start:end].text)) if a != name)
    return start, end, Actor(slug(name), name, "AnonymousSource", aliases=aliases)


def _phrase(token: Token) -> str:
    """The noun phrase that describes an unnamed source, without its determiner:
    'senior federal official cited by CBC News', 'official familiar with the matter'."""
    doc = token.doc
    left = token.i
    for c in token.lefts:
        if c.dep_ in ("amod", "compound", "nummod", "nmod", "npadvmod"):
            left = min(left, c.left_edge.i)
    right = token.i
    for c in token.rights:
        if c.dep_ in ("prep", "acl", "amod") and c.right_edge.i - token.i <= 7:
            right = max(right, c.right_edge.i)
        else:
            break
    while right > token.i and doc[right].is_punct:
        right -= 1
    return doc[left:right + 1].text


def _registry_actor(span, registry, strong, capitals=False):
    kinds = ("name", "alias", "short", "demonym", "contextual") + (("capital",) if capitals else ())
    text = span.text
    form = registry.lookup(text, kinds)
    if form is None:
        return None
    if form.kind == "contextual" and form.key not in strong:
        return None
    if form.kind != "contextual" and not any(c.isupper() for c in text):
        return None
    actor = registry.actors[form.key]
    return actor if actor.type in ("Organization", "Country", "NewsMediaOrganization") else None


def _prep_object(prep: Token) -> Span | None:
    """'within the Alliance' -> 'the Alliance'; 'close to the Kremlin' -> 'the Kremlin'."""
    if prep.dep_ == "prep" and prep.lower_ in TIE_PREPS:
        objs = [c for c in prep.children if c.dep_ == "pobj"]
    elif prep.lower_ == "close":
        objs = [g for c in prep.children if c.dep_ == "prep" for g in c.children
                if g.dep_ == "pobj"]
    else:
        return None
    if not objs:
        return None
    obj = objs[0]
    left = min(c.i for c in obj.subtree if c.i <= obj.i and c.dep_ in ("compound", "det", "amod")
               or c.i == obj.i)
    return obj.doc[left:obj.i + 1]


def _speaking(token: Token) -> bool:
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in SPEECH_VERBS:
        return True
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if token.dep_ in ("dobj", "pobj") and head.lemma_ in ("cite", "quote", "by"):
        return True
    if token.dep_ == "conj" and token.head.dep_ in ("nsubj", "nsubjpass"):
        return _speaking(token.head)
    return any(c.dep_ == "acl" and c.lemma_ in ("cite", "quote") for c in token.children)
