"""newskg_actors: finds who an article names and sets doc._.mentions (list[Mention], text order).

Sources of candidates, strongest first:
  1. anonymous sources ("a source within the Alliance", "a senior EU diplomat") and actor groups
     ("Central and Eastern European countries"), from the parse;
  2. the registry (kg.registry): names, aliases, demonyms, capitals used for a government;
  3. the model's NER (PERSON, ORG) for actors the registry does not know, after junk filtering.
Overlaps are resolved in that order, longer spans first.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from kg import registry as registry_module
from kg.ids import slug
from kg.registry import KINDS, is_acronym

from .columns import CharIndex, Words, lower_ids, string_ids
from .extensions import doc_text
from .model import Actor, Mention
from .person_names import common_nouns, looks_like_person
from .role_titles import TITLE_HEADS, TITLE_MODIFIERS, country_for_demonym
from .actor_rules import (AGENT_VERBS, GROUP_HEADS, GROUP_NOUNS, MEDIA_KINDS, MEDIA_NOUNS,
                          NON_ACTOR_HEADS, NOT_GROUP_MODIFIERS, ORG_NOUNS, PERSON_NOUNS,
                          POSSESSIVES, SOURCE_NOUNS, STATE_NOUNS, TITLE_WORDS, VESSEL_NOUNS,
                          anonymous_source, clean_entity, is_junk_entity, media_like)

PRIORITY_RULE, PRIORITY_WRAPPER, PRIORITY_REGISTRY, PRIORITY_NER = 0, 1, 2, 3
PERSON_TITLES = {"president", "minister", "secretary", "chancellor", "senator", "governor", "mr",
                 "mrs", "ms", "dr", "judge", "ambassador", "spokesman", "spokeswoman",
                 "spokesperson", "envoy", "commissioner", "premier", "mayor"}
GOVERNMENT_PREPS = {"against", "with", "between", "by"}
FUNCTION_WORDS = {"the", "of", "and", "for", "de", "von", "der", "al", "bin", "da", "du", "la", "le"}
FUNCTION_WORD_IDS = string_ids(FUNCTION_WORDS)
NER_LABELS = {get_string_id(label): label for label in
              ("PERSON", "ORG", "GPE", "FAC", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT", "LOC")}
# Geographic features named after a state: "the Gulf of Finland" is not Finland.
FEATURE_NOUNS = {"gulf", "sea", "bay", "strait", "straits", "lake", "river", "cape", "coast",
                 "isthmus", "horn", "peninsula", "mount", "mountains", "basin", "delta"}
PERSON_ID = get_string_id("PERSON")


class _Lookups:
    """The registry's answers for one doc, which names the same actors again and again."""

    def __init__(self, registry):
        self.registry = registry
        self.actors: dict[tuple[str, tuple[str, ...]], Actor | None] = {}
        self.places: dict[str, object] = {}

    def find(self, surface: str, kinds: tuple[str, ...] = KINDS) -> Actor | None:
        if (surface, kinds) not in self.actors:
            self.actors[surface, kinds] = self.registry.find(surface, kinds)
        return self.actors[surface, kinds]

    def find_place(self, name: str):
        if name not in self.places:
            self.places[name] = self.registry.find_place(name)
        return self.places[name]


@dataclass
class Candidate:
    start: int              # token offsets
    end: int
    priority: int
    actor: Actor | None     # None: an unknown person/organisation to resolve later
    kind: str               # registry kind, or "anon", "group", "ner-person", "ner-org"
    name: str = ""          # for unknown actors: the cleaned name


@Language.factory("newskg_actors")
def make_actor_finder(nlp: Language, name: str) -> "ActorFinder":
    return ActorFinder(nlp, registry_module.default())


class ActorFinder:
    def __init__(self, nlp: Language, registry):
        self.registry = registry
        self.nouns = common_nouns(nlp)
        self.by_case = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, tuple[str, str]] = {}
        self.exact_forms: set[str] = set()
        case_patterns: dict[str, list[str]] = {}
        lower_patterns: dict[str, list[str]] = {}
        for form in registry.forms:
            label = f"{form.kind}|{form.key}"
            self.labels[nlp.vocab.strings.add(label)] = (form.kind, form.key)
            self.exact_forms.add(form.text)
            target = case_patterns if is_acronym(form.text) else lower_patterns
            variants = {form.text, form.text.replace("'", "\u2019"),
                        registry_module.fold(form.text) if form.text.isascii() else
                        _ascii(form.text)}
            target.setdefault(label, []).extend(v for v in variants if v)
        for patterns, matcher in ((case_patterns, self.by_case), (lower_patterns, self.by_lower)):
            for label, texts in patterns.items():
                matcher.add(label, list(nlp.tokenizer.pipe(sorted(set(texts)))))

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        matches = self.by_case(doc) + self.by_lower(doc)
        words = Words(doc)
        ner = self._ner_candidates(doc, ents, matches, words)
        wrappers = [c for c in ner if c.priority == PRIORITY_WRAPPER]
        found = self._registry_candidates(doc, ents, wrappers, matches, words)
        strong = {c.actor.key for c in found if c.kind != "contextual"}
        candidates = [c for c in found if c.kind != "contextual" or c.actor.key in strong]
        candidates += self._rule_candidates(doc, strong)
        candidates += ner
        candidates += _untagged_people(doc, ents, words)
        chosen = _select(candidates)
        chosen = self._resolve(doc, chosen, words)
        doc._.mentions = self._mentions(chosen, words)
        return doc

    # -- registry -------------------------------------------------------------------------
    def _registry_candidates(self, doc: Doc, ents: list[Span], wrappers: list[Candidate],
                             matches: list[tuple[int, int, int]], words: Words) -> list[Candidate]:
        found = []
        persons = [(e.start, e.end) for e in ents if e.label == PERSON_ID]
        city_governments: dict[str, bool] = {}
        for match_id, start, end in matches:
            kind, key = self.labels[match_id]
            actor = self.registry.actors[key]
            if kind != "contextual" and not _cased_like_a_name(doc, start, end, words,
                                                               self.exact_forms):
                continue
            if kind == "contextual" and self.registry.lookup(
                    words.span_text(start, end), ("contextual",)) is None:
                continue                          # "the commission": not the Commission
            if kind == "capital":
                if not _governs(Span(doc, start, end)):
                    continue
                name = words.span_text(start, end)
                if name not in city_governments:
                    city_governments[name] = _city_government(doc, name, words)
                if city_governments[name]:
                    # "Lisbon freezes licences" in an article about its city council
                    place = self.registry.find_place(name)
                    if place is not None:
                        actor = Actor(slug(place.name), place.name, "Organization",
                                      wikidata=place.wikidata)
                        found.append(Candidate(start, end, PRIORITY_REGISTRY, actor, "city"))
                    continue
            if kind == "demonym" and not _modifies_state(Span(doc, start, end)):
                continue
            if actor.type != "Person" and any(w.start <= start and end <= w.end for w in wrappers):
                continue
            if actor.type == "Country" and _inside_person_name(doc, start, end, kind, persons):
                continue
            if actor.type == "Person" and _another_first_name(doc, start, end, actor, persons):
                continue
            found.append(Candidate(start, end, PRIORITY_REGISTRY, actor, kind))
        return found

    # -- anonymous sources and groups -----------------------------------------------------
    def _rule_candidates(self, doc: Doc, strong: set[str]) -> list[Candidate]:
        out = []
        for token in _tokens_with_lower(doc, RULE_NOUN_IDS):
            low = token.lower_
            if low in SOURCE_NOUNS and token.pos_ == "NOUN":
                found = anonymous_source(token, self.registry, strong)
                if found:
                    start, end, actor = found
                    out.append(Candidate(start, end, PRIORITY_RULE, actor, "anon"))
            elif low in GROUP_NOUNS and token.is_lower:
                group = _group(token)
                if group and not self._single_registry_name(doc, group):
                    start, end, name = group
                    actor = Actor(slug(name), name, "ActorGroup")
                    out.append(Candidate(start, end, PRIORITY_RULE, actor, "group"))
        return out

    def _single_registry_name(self, doc: Doc, group: tuple[int, int, str]) -> bool:
        """'NATO allies', 'EU member states': the article names NATO, the EU."""
        start, end, _ = group
        modifiers = doc[start:end - 1]
        if modifiers and modifiers[-1].lower_ == "member":
            modifiers = modifiers[:-1]
        return bool(modifiers) and self.registry.find(
            modifiers.text, kinds=("name", "alias", "short")) is not None

    # -- NER --------------------------------------------------------------------------------
    def _ner_candidates(self, doc: Doc, ents: list[Span], matches: list[tuple[int, int, int]],
                        words: Words) -> list[Candidate]:
        out = []
        lower_words = None
        registry = _Lookups(self.registry)
        not_actors = _non_actor_initials(ents, words)
        lowercase_names = _lowercase_names(doc, ents)
        for i, text in lowercase_names.values():
            out.append(Candidate(i, i + 1, PRIORITY_NER, None, "ner-org", text))
        for ent in ents:
            label = NER_LABELS.get(ent.label)        # ent.label_, for the labels looked at
            if label is None:
                continue
            if label == "ORG" and _titled_person(ent, words):
                ent, label = Span(doc, ent.start, ent.end, label="PERSON"), "PERSON"
            span = clean_entity(ent, registry, words)
            if span is None:
                continue
            if label == "ORG":
                span = _extend_org(span, words)
            elif label == "PERSON" and len(span) == 1:
                span = _with_first_name(span, registry)
            name = words.span_text(span.start, span.end)
            if len(span) == 1 and span[0].is_upper and span[0].lower_ in LABEL_TITLES:
                continue                          # "JANE DOE, HOST:": the speaker's title
            if label in ("PERSON", "ORG") and len(span) == 1 and name.lower() in lowercase_names:
                out.append(Candidate(span.start, span.end, PRIORITY_NER, None, "ner-org",
                                     lowercase_names[name.lower()][1]))
                continue
            if label in ("PERSON", "ORG") and (name in not_actors or _vessel(span)
                                               or label == "PERSON" and _listed_with_places(span, registry)):
                continue
            if label == "GPE":
                if not registry.find(name) and not registry.find_place(name) \
                        and _governs(span) and not is_junk_entity(span, set(), name):
                    out.append(Candidate(span.start, span.end, PRIORITY_NER, None, "ner-org",
                                         name))
                continue
            if label == "LOC" and span[0].lower_ not in FEATURE_NOUNS:
                continue
            if label not in ("PERSON", "ORG"):
                if self._wraps_registry_name(span, matches):
                    # "the Budapest Memorandum": no actor, but no Hungary either
                    out.append(Candidate(span.start, span.end, PRIORITY_WRAPPER, None, "none"))
                continue
            if lower_words is None:
                lower_words = _LowerWords(doc)
            if is_junk_entity(span, lower_words, name, acting=_acting(span)) or _attributive(span) \
                    or _portfolio(span) and not (label == "PERSON" and len(span) > 1):
                continue
            known = registry.find(name, kinds=("name", "alias", "short"))
            if known:
                out.append(Candidate(span.start, span.end, PRIORITY_NER, known, "ner-known"))
                continue
            if registry.find_place(name):
                continue
            kind = "ner-person" if label == "PERSON" else "ner-org"
            wraps = self._wraps_registry_name(span, matches)
            out.append(Candidate(span.start, span.end, PRIORITY_WRAPPER if wraps else PRIORITY_NER,
                                 None, kind, name))
        return out

    def _wraps_registry_name(self, span: Span, matches: list[tuple[int, int, int]]) -> bool:
        """'FIFA Council', 'Supreme Court of Canada': a name built on a registry name.
        matches: the registry matches in the whole doc (what the matchers find in the span)."""
        if len(span) < 2 or any(t.lower_ in PERSON_TITLES for t in span):
            return False
        covered: set[int] = set()
        persons = False
        for match_id, start, end in matches:
            if start < span.start or end > span.end:
                continue
            kind, key = self.labels[match_id]
            if end - start == len(span):
                return False
            covered.update(range(start, end))
            persons |= self.registry.actors[key].type == "Person"
        if not covered or persons:
            return False
        return any(i not in covered and t.is_alpha and t.text[:1].isupper()
                   and t.lower_ not in TITLE_WORDS for i, t in enumerate(span))

    # -- unknown actors: short forms, acronyms, types ------------------------------------
    def _resolve(self, doc: Doc, chosen: list[Candidate], words: Words) -> list[Candidate]:
        chosen = [c for c in chosen if c.kind != "none"]
        full_names: dict[str, str] = {}
        first_names: dict[str, str | None] = {}
        for c in chosen:
            if c.kind in ("ner-person", "ner-org") and len(c.name.split()) > 1:
                full_names.setdefault(c.name.split()[-1].lower(), c.name)
                full_names.setdefault(_ascii(c.name.split()[-1]).lower(), c.name)   # "Imamoglu"
                if c.kind == "ner-person":       # "Adrián has been punished": Adrián Solchaga
                    first = c.name.split()[0].lower()
                    if first_names.get(first, c.name) != c.name:
                        first_names[first] = None
                    else:
                        first_names[first] = c.name
        short_orgs: dict[str, str | None] = {}    # "Calyra" after "Calyra Biosciences"
        for c in chosen:
            words_of = c.name.split()
            if c.kind == "ner-org" and len(words_of) > 1 and _distinctive(words_of[0], self.registry):
                first = words_of[0].lower()
                short_orgs[first] = c.name if short_orgs.get(first, c.name) == c.name else None
        for first, full in first_names.items():
            if full is not None:
                full_names.setdefault(first, full)
        votes: dict[str, str] = {}
        for c in chosen:
            if c.kind in ("ner-person", "ner-org"):
                full = full_names.get(c.name.lower(), full_names.get(_ascii(c.name).lower(), c.name)) \
                    if " " not in c.name else c.name
                if c.kind == "ner-org" and " " not in c.name:
                    full = short_orgs.get(c.name.lower()) or full
                c.name = full
                if full in votes:                 # the first vote stands
                    continue
                vote = _type_by_context(Span(doc, c.start, c.end))
                if vote:
                    votes.setdefault(full, vote)
                elif c.kind == "ner-person":
                    votes.setdefault(full, "Person")
        lookups = _Lookups(self.registry)
        for c in chosen:                          # "Ebrahim Raisi" tagged as an organisation
            if c.kind == "ner-org" and c.name not in votes and looks_like_person(
                    c.name.split(), ORG_NOUNS | ORG_ENDINGS, lambda w: _place_word(w, lookups), self.nouns):
                votes[c.name] = "Person"
        acronyms = _acronyms(chosen, words)
        anons = [c for c in chosen if c.kind == "anon" and c.actor is not None]
        keys: dict[str, str] = {}                 # slug of each name, made once
        out = []
        for c in chosen:
            if c.kind == "anon" and c.actor is None:   # "the source": the last one named before
                before = [a for a in anons if a.start < c.start]
                if not before:
                    continue
                c.actor = before[-1].actor
            elif c.kind in ("ner-person", "ner-org"):
                if c.name in acronyms:
                    c.actor = acronyms[c.name]
                    out.append(c)
                    continue
                type_ = votes.get(c.name) or ("Person" if c.kind == "ner-person" else "Organization")
                if type_ == "Person" and " " not in c.name:
                    continue                      # a lone surname nobody introduced
                if type_ == "Organization" and media_like(c.name):
                    type_ = "NewsMediaOrganization"
                if type_ in ("Organization", "ActorGroup") and _coalition(Span(doc, c.start, c.end)):
                    type_ = "ActorGroup"
                if c.name not in keys:
                    keys[c.name] = slug(c.name)
                c.actor = Actor(keys[c.name], c.name, type_)
                for short, target in acronyms.items():
                    if target is None and _initials(c.name) == short:
                        acronyms[short] = c.actor
            out.append(c)
        return [c for c in out if c.actor is not None]

    def _mentions(self, chosen: list[Candidate], words: Words) -> list[Mention]:
        text = words.text
        offsets = [(words.starts[c.start], words.ends[c.end - 1]) for c in chosen]
        surfaces: dict[str, list[str]] = {}
        for c, (start, end) in zip(chosen, offsets):
            surfaces.setdefault(c.actor.key, []).append(text[start:end])
        actors = {}
        for c in chosen:
            a = c.actor
            if a.key not in actors:
                if a.wikidata is None and a.type in ("Person", "Organization",
                                                     "NewsMediaOrganization") and \
                        a.key not in self.registry.actors:
                    extra = tuple(dict.fromkeys(s for s in surfaces[a.key]
                                                if s != a.name and s[:1].isupper()))
                    a = Actor(a.key, a.name, a.type, aliases=extra)
                actors[a.key] = a
        mentions = [Mention(actors[c.actor.key], text[start:end], start, end)
                    for c, (start, end) in zip(chosen, offsets)]
        return sorted(mentions, key=lambda m: (m.start, m.end))


def _modifies_state(span: Span) -> bool:
    """'Hungarian Foreign Minister', 'North Korean troops', not 'Chinese rivals'."""
    token = span[-1]
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ not in ("amod", "compound", "nmod", "npadvmod"):
        return token.dep_ in ("nsubj", "nsubjpass") or token.pos_ == "PROPN"
    head = token.head
    while head.dep_ in ("compound", "amod") and head.head.i > head.i:
        if head.lemma_.lower() in STATE_NOUNS:
            return True
        head = head.head
    return head.lemma_.lower() in STATE_NOUNS or head.lower_ in STATE_NOUNS


MUNICIPAL_WORDS = {"mayor", "mayoral", "municipal", "municipality", "council", "councillor",
                   "councillors", "councilor", "councilors", "hall"}


def _city_government(doc: Doc, name: str, words: Words) -> bool:
    """Whether the article speaks of the city's own government ("Lisbon City Council", "the
    mayor of Lisbon", "Lisbon's mayor"): then the capital stands for the city, not the state."""
    text = words.text
    chars = CharIndex(doc)
    at = text.find(name)
    while at >= 0:
        tokens = chars.strict(at, at + len(name))
        if tokens is not None:
            start, end = tokens
            near = [doc[i].lower_ for i in range(max(0, start - 2), min(len(doc), end + 3))
                    if not start <= i < end]
            if MUNICIPAL_WORDS.intersection(near):
                return True
        at = text.find(name, at + 1)
    return False


def _attributive(span: Span) -> bool:
    """'a WhatsApp message', 'the Vilnius summit': a name used as a modifier, or a venue
    ('in Belém', 'at Congress')."""
    root = span.root
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if root.dep_ == "compound" and root.head.is_lower and root.head.pos_ == "NOUN" \
            and not (nxt is not None and nxt.lower_ in POSSESSIVES):
        return True
    return len(span) == 1 and root.dep_ == "pobj" and root.head.lower_ in ("in", "at")


def _portfolio(span: Span) -> bool:
    """'Minister of Federal Energy', 'Planning and Budget Minister': part of an office title,
    not an organisation."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in TITLE_HEADS and all(
            t.lower_ in TITLE_MODIFIERS or t.lower_ in ("and", "&") for t in span if t.is_alpha):
        return True
    head = span.root.head
    if span.root.dep_ == "pobj" and head.lower_ in ("of", "for"):
        head = head.head
    if span.root.dep_ in ("pobj", "nmod", "compound") and head.lower_ in (
            "minister", "ministry", "secretary", "department", "commissioner", "minister's"):
        return True
    # "Minister of State at the Ministry of Foreign Affairs": the end of a formal title
    token = span.root
    for _ in range(2):
        if token.dep_ != "pobj" or token.head.dep_ != "prep":
            return False
        token = token.head.head
        if token.lower_ in ("minister", "secretary", "commissioner", "undersecretary") \
                and token.text[:1].isupper():
            return True
    return False


def _type_by_context(span: Span) -> str | None:
    """The type an apposition or a descriptor gives: 'Its president, Alejandro Domínguez',
    'His party, Alianza Patria Nueva', 'Swedish broadcaster SVT'."""
    root = span.root
    nouns = []
    if root.dep_ == "appos":
        nouns.append(root.head)
    nouns += [c for c in root.children if c.dep_ == "appos"]
    doc = span.doc
    if span.start > 1 and (doc[span.start - 2].lower_, doc[span.start - 1].lower_) in MEDIA_KINDS:
        return "NewsMediaOrganization"            # "the news agency Lusa"
    if span.end + 1 < len(doc) and (doc[span.end].lower_, doc[span.end + 1].lower_) in MEDIA_KINDS:
        return "NewsMediaOrganization"            # "Lusa news agency"
    if span.end < len(doc) and doc[span.end].lower_ in ("newspaper", "daily", "broadcaster",
                                                        "magazine", "tabloid"):
        return "NewsMediaOrganization"            # "the Daily Nation newspaper"
    if len(span) == 1 and any(t.ent_type_ == "ORG" for t in _conjuncts(root)):
        return "Organization"                     # "the Socialist Party and Livre"
    if span.start > 0:
        nouns.append(span.doc[span.start - 1])
    for noun in nouns:
        lemma = noun.lemma_.lower()
        if lemma in MEDIA_NOUNS:
            return "NewsMediaOrganization"
        if lemma in ("bloc", "coalition", "caucus"):
            return "ActorGroup"
        if lemma in ORG_NOUNS:
            return "Organization"
        if lemma in PERSON_NOUNS and noun.is_lower or noun.lower_ in ("mr", "mrs", "ms", "dr"):
            return "Person"
    last = span[-1].lower_
    if last in ORG_NOUNS or last in ("capital", "systems", "holdings", "partners", "inc", "ltd"):
        return "Organization"
    head = root.head
    if root.dep_ in ("compound", "nmod", "amod") and head.i >= span.end and head.i - span.end <= 2 \
            and head.lemma_.lower() in ORG_NOUNS:
        return "Organization"                     # "the Georgian Dream ruling party"
    if _speaker_label(span):
        return "Person"                           # "JANE DOE, HOST:" in a transcript
    return None


def _speaker_label(span: Span) -> bool:
    """A transcript's speaker label: a name in capitals opening its line, then ':' or ', TITLE:'."""
    doc = span.doc
    if not all(t.is_upper or not t.is_alpha for t in span) or len(span) < 2:
        return False
    if span.start > 0 and "\n" not in doc[span.start - 1].text_with_ws and not doc[span.start - 1].is_space:
        return False
    after = doc[span.end:span.end + 3]
    return len(after) > 0 and (after[0].text == ":" or (after[0].text == "," and len(after) == 3
                                                        and after[1].is_upper and after[2].text == ":"))


# Titles in a transcript's speaker labels: "JANE DOE, HOST:".
LABEL_TITLES = TITLE_HEADS | {"host", "presenter", "anchor", "moderator", "interviewer", "byline"}
# Last words of organisations' names beside ORG_NOUNS: never a person's surname.
ORG_ENDINGS = {"capital", "systems", "holdings", "partners", "inc", "ltd", "dream", "front",
               "movement", "alliance", "bank", "airways", "airlines", "motors", "energy", "media",
               "news", "times", "post", "club", "united", "city", "fc", "ag", "sa", "plc", "llc"}


def _place_word(word: str, lookups: "_Lookups") -> bool:
    """A place, a country or its demonym: 'Georgian', 'Jordan', 'Victoria'."""
    if country_for_demonym(word) or lookups.find_place(word):
        return True
    known = lookups.find(word)
    return known is not None and known.type != "Person"


def _conjuncts(token: Token) -> list[Token]:
    """The other members of the coordination a token stands in."""
    top = token
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    out, todo = [top], [top]
    while todo:                                   # "A, B and C": each conj hangs on the last
        found = [c for c in todo.pop().children if c.dep_ == "conj"]
        out += found
        todo += found
    return [t for t in out if t.i != token.i]


def _titled_person(ent: Span, words: Words) -> bool:
    """'Mayor Jane Doe' tagged as an organisation: a person's title, then a name."""
    if len(ent) < 3 or ent[0].lower_ not in PERSON_TITLES:
        return False
    return all(t.text[:1].isupper() and t.lower_ not in ORG_NOUNS for t in ent[1:])


# First words shared by many organisations' names: never a short name on their own.
COMMON_FIRST_WORDS = {"national", "european", "international", "united", "world", "global",
                      "federal", "central", "general", "new", "first", "royal", "supreme", "state",
                      "american", "african", "asian", "arab", "democratic", "people", "peoples"}


def _distinctive(word: str, registry) -> bool:
    """A first word that can stand for its organisation ('Calyra' for Calyra Biosciences)."""
    return (len(word) >= 4 and word[:1].isupper() and word.isalpha()
            and word.lower() not in COMMON_FIRST_WORDS and registry.find(word) is None)


def _another_first_name(doc: Doc, start: int, end: int, actor: Actor, persons) -> bool:
    """"Aino Kallas" is not Kaja Kallas: the model's person name around a registry surname
    begins with a first name the registry's person does not have."""
    for p_start, p_end in persons:
        if p_start < start and end <= p_end:
            first = doc[p_start]
            known = {w.lower() for form in (actor.name, *actor.aliases) for w in form.split()}
            return (first.is_alpha and first.is_title and first.lower_ not in known
                    and first.lower_ not in TITLE_WORDS and first.lower_ not in TITLE_HEADS)
    return False


SPEAKING_VERBS = {"say", "tell", "add", "write", "insist", "warn", "argue", "explain"}


def _office_word(token: Token) -> bool:
    """'Prime Minister said', 'Foreign Ministry said': words of offices and bodies, no name."""
    lower = token.lower_
    return lower in TITLE_HEADS or lower in TITLE_MODIFIERS or lower in TITLE_WORDS \
        or lower in ORG_NOUNS or lower in ("ministry", "house", "office", "government")


def _untagged_people(doc: Doc, ents: list[Span], words: Words) -> list[Candidate]:
    """People the model did not tag, named beside an office ("Jon Ante Sarri, the sameby's
    chairman,", "the union's leader, Aino Kallas,") or speaking ("Ana Ruiz told reporters").
    Two or more capitalised words, none of them inside an entity of the model; a weak
    candidate, below every other."""
    tagged = {i for ent in ents for i in range(ent.start, ent.end)}
    out = []
    for word in doc:
        if word.lemma_ in SPEAKING_VERBS and word.pos_ == "VERB":
            name = next((c for c in word.children if c.dep_ == "nsubj"), None)   # "Ana Ruiz told"
        elif word.lower_ not in TITLE_HEADS or word.pos_ != "NOUN":
            continue
        elif word.dep_ == "appos":                       # an office: "X, the union's leader,"
            name = word.head
        else:
            name = next((c for c in word.children if c.dep_ == "appos"), None)
        if name is None or name.pos_ != "PROPN":
            continue
        start = name.i
        while start - 1 >= 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1
        run = doc[start:name.i + 1]
        if len(run) < 2 or any(t.i in tagged or not (t.is_alpha and t.is_title) or _office_word(t)
                               for t in run):
            continue
        out.append(Candidate(run.start, run.end, PRIORITY_NER + 1, None, "ner-person",
                             words.span_text(run.start, run.end)))
    return out


# Head nouns of organisation names: "the Swedish" + "Society for Nature Conservation".
ORG_NAME_HEADS = {"society", "association", "federation", "union", "council", "institute",
                  "foundation", "league", "movement", "network", "alliance", "coalition", "centre",
                  "center", "confederation", "chamber", "forum", "trust", "fund", "campaign",
                  "organisation", "organization", "party", "front", "congress", "academy"}


def _extend_org(span: Span, words: Words) -> Span:
    """Names the model cut short: 'Association of Local Accommodation' + 'in Portugal (ALEP)',
    'The Employment and' + 'Labour Relations Court', 'the Swedish' + 'Society for Nature
    Conservation'."""
    doc = span.doc
    start, end = span.start, span.end
    # to the right, over capitalised words with an organisation noun, and "for|of|on Words"
    j = end
    while j < len(doc) and doc[j].is_title and doc[j].is_alpha and not doc[j].ent_type_:
        j += 1
    if j > end and any(doc[k].lower_ in ORG_NAME_HEADS for k in range(end, j)):
        if j + 1 < len(doc) and doc[j].lower_ in ("for", "of", "on") and doc[j + 1].is_title \
                and not doc[j + 1].ent_type_:
            j += 1
            while j < len(doc) and doc[j].is_title and doc[j].is_alpha and not doc[j].ent_type_:
                j += 1
        end = j
    # or over "in|of|for|on Name" when an acronym in brackets follows
    elif end < len(doc) and doc[end].lower_ in ("in", "of", "for", "on"):
        i = end
        j = i + 1
        while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
            j += 1
        if j > i + 1 and j + 2 < len(doc) and words.text_of(j) == "(" \
                and words.text_of(j + 2) == ")" and doc[j + 1].is_upper and doc[j + 1].is_alpha:
            end = j
    # to the left, over "the Capitalised and" in front of the name
    if start >= 3 and doc[start - 1].lower_ in ("and", "&") and doc[start - 2].is_title \
            and doc[start - 2].is_alpha and not doc[start - 2].ent_type_ \
            and doc[start - 3].lower_ == "the":
        start -= 2
    return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label)


def _lowercase_names(doc: Doc, ents: list[Span]) -> dict[str, tuple[int, str]]:
    """Organisations that write their name in lower case: 'the privacy group noyb lodged a
    complaint', where the model tags the name only where a sentence starts with it ('Noyb
    said'). lower-case name -> (token, name as written)."""
    text = doc_text(doc)
    tagged = {e.text.lower() for e in ents if len(e) == 1 and e.label_ in ("PERSON", "ORG")}
    tagged = {t for t in tagged if t.isalpha() and f" {t} " in text}   # written in lower case too
    if not tagged:
        return {}
    out = {}
    for noun in _tokens_with_lower(doc, ORG_NOUN_IDS):
        if noun.dep_ != "compound" or noun.head.i != noun.i + 1:
            continue
        name = noun.head
        if name.is_lower and name.is_alpha and name.lower_ in tagged and name.lower_ not in out:
            out[name.lower_] = (name.i, name.text)
    return out


def _with_first_name(span: Span, registry) -> Span:
    """'Commissioner for Data Protection Aoife Brennan': the model took the surname alone; the
    capitalised word bound to it in front, no title, organisation word or known name, is the
    first name."""
    if span.start == 0:
        return span
    prev = span.doc[span.start - 1]
    if prev.tag_ == "NNP" and prev.is_title and prev.is_alpha and not prev.ent_type_ \
            and prev.dep_ == "compound" and prev.head.i == span.root.i \
            and prev.lower_ not in TITLE_WORDS and prev.lower_ not in ORG_NOUNS \
            and registry.find(prev.text) is None:
        return Span(span.doc, span.start - 1, span.end, label=span.label)
    return span


def _non_actor_initials(ents: list[Span], words: Words) -> set[str]:
    """The acronyms of laws and events the article names ('General Data Protection Regulation'
    gives 'GDPR'): such an acronym names no actor either."""
    out = set()
    for ent in ents:
        if len(ent) > 1 and ent[-1].lower_ in NON_ACTOR_HEADS:
            out.add("".join(t.text[0] for t in ent if t.text[:1].isupper()))
    return out


def _vessel(span: Span) -> bool:
    """'another tanker, the Jaguar', 'the tanker Eagle S': a ship's name."""
    doc = span.doc
    root = span.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in VESSEL_NOUNS:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in VESSEL_NOUNS


def _listed_with_places(span: Span, registry) -> bool:
    """'neighbourhoods such as Alfama, Mouraria and Bairro Alto': a place in a list of places."""
    for other in _conjuncts(span.root):
        if other.ent_type_ in ("LOC", "FAC") or other.ent_type_ == "GPE" and \
                registry.find(other.text) is None:
            return True
    return False


def _acting(span: Span) -> bool:
    """The subject of an agent's verb: 'Chega and the Liberal Initiative voted against it'."""
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in AGENT_VERBS


def _coalition(span: Span) -> bool:
    """'Arab Group', 'Alliance of Small Island States': blocs of states."""
    words = [t.lower_ for t in span]
    if words[0] in GROUP_HEADS and words[-1] in ("states", "countries", "nations"):
        return True
    return words[-1] in GROUP_HEADS and span[0].ent_type_ == "NORP" or (
        len(span) > 1 and span[-1].lower_ in GROUP_HEADS and span[0].lower_ in ("arab", "african"))


def _acronyms(chosen: list[Candidate], words: Words) -> dict[str, Actor | None]:
    """'National Jury of Elections (JNE)': JNE stands for that body later in the article."""
    found: dict[str, Actor | None] = {}
    doc = words.doc
    for c in chosen:
        i = c.end
        if i + 2 < len(doc) and words.text_of(i) == "(" and words.text_of(i + 2) == ")" \
                and doc[i + 1].is_upper:
            found[words.text_of(i + 1)] = c.actor if c.actor is not None and c.kind != "anon" else None
    return found


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _ascii(text: str) -> str:
    import unicodedata
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, by priority and then length."""
    taken: set[int] = set()
    chosen = []
    for c in sorted(candidates, key=lambda c: (c.priority, -(c.end - c.start), c.start)):
        if not taken.isdisjoint(range(c.start, c.end)):
            continue
        taken.update(range(c.start, c.end))
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _cased_like_a_name(doc: Doc, start: int, end: int, words: Words, exact_forms: set[str]) -> bool:
    """'white house' in a lowercase caption line is not the White House."""
    if words.span_text(start, end) in exact_forms:
        return True
    first = next((i for i in range(start, end)
                  if words.lower[i] not in FUNCTION_WORD_IDS and doc[i].is_alpha), None)
    return first is not None and words.text_of(first)[:1].isupper()


def _governs(span: Span) -> bool:
    """A capital standing for its government: "Budapest's stance", "Moscow said"."""
    token = span[-1]
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("'s", "\u2019s", "'", "\u2019") and nxt.tag_ == "POS":
        return True
    if token.dep_ == "poss":
        return True
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        return True
    if token.dep_ == "conj" and token.head.dep_ in ("nsubj", "nsubjpass"):
        return True
    return token.dep_ == "pobj" and token.head.lower_ in GOVERNMENT_PREPS


def _inside_person_name(doc: Doc, start: int, end: int, kind: str,
                        persons: list[tuple[int, int]]) -> bool:
    """A country that is only part of a person's name: "Israel Katz", "Jordan Bardella".
    persons: (start, end) of the doc's PERSON entities."""
    for ent_start, ent_end in persons:
        if ent_start <= start and end < ent_end and kind != "demonym":
            nxt = doc[end]
            return nxt.pos_ == "PROPN" and nxt.lower_ not in TITLE_WORDS
    return False


def _group(noun: Token) -> tuple[int, int, str] | None:
    """'Central and Eastern European countries', 'Baltic states', 'EU member states'."""
    doc = noun.doc
    i = noun.i - 1
    if noun.lower_ == "states" and i >= 0 and doc[i].lower_ == "member":
        i -= 1
    start = None
    while i >= 0:
        t = doc[i]
        if t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN") \
                and t.text not in NOT_GROUP_MODIFIERS:
            start = i
        elif t.lower_ in ("and", ",", "-") and start is not None and i > 0 \
                and doc[i - 1].text[:1].isupper():
            pass
        else:
            break
        i -= 1
    if start is None:
        return None
    while doc[start].lower_ in ("and", ",", "-"):
        start += 1
    span = doc[start:noun.i + 1]
    return span.start, span.end, span.text


ORG_NOUN_IDS = string_ids(ORG_NOUNS)
# The nouns _rule_candidates looks at, as the ids of their lower-case forms.
RULE_NOUN_IDS = string_ids((*SOURCE_NOUNS, *GROUP_NOUNS))


def _tokens_with_lower(doc: Doc, ids: frozenset[int]) -> list[Token]:
    """The tokens whose lower-case form is one of the ids, in order. Reads the ids from an
    array: making a Token object for every token of the article costs far more."""
    return [doc[i] for i, lower in enumerate(lower_ids(doc)) if lower in ids]


class _LowerWords:
    """The article's lower-case words ({t.text for t in doc if t.is_lower}), asked for by
    string id: a token's `lower` is in it when its lower-case form is written so."""

    def __init__(self, doc: Doc):
        self.doc, self.text, self.chars = doc, doc_text(doc), CharIndex(doc)

    def __contains__(self, word_id: int) -> bool:
        word = self.doc.vocab.strings[word_id]
        at = self.text.find(word) if word else -1
        while at >= 0:
            tokens = self.chars.strict(at, at + len(word))
            if tokens is not None and tokens[1] - tokens[0] == 1 and self.doc[tokens[0]].is_lower:
                return True
            at = self.text.find(word, at + 1)
        return False
