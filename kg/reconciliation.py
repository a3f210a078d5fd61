"""Matching names against the actors of the graph, for the reconciliation service.

An `ActorIndex` holds every actor's names, aliases, types, Wikidata id, roles and the
countries those roles are in, read from the store in three queries. `candidates()` scores
the actors for one name (accent-, case- and punctuation-insensitive), keeps the ones of the
asked types and weighs the given properties (Wikidata id, country). A candidate is a
`match` only when certain: its name or a unique alias equals the query, no other
candidate comes close, and no given property contradicts it."""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import views
from .namespaces import NKG, SCHEMA

WIKIDATA = "http://www.wikidata.org/entity/"
TYPES = {  # reconciliation type id -> its name; an Organization also covers news media
    str(SCHEMA.Person): "Person",
    str(SCHEMA.Organization): "Organization",
    str(SCHEMA.Country): "Country",
    str(SCHEMA.NewsMediaOrganization): "News medium",
    str(NKG.Actor): "Actor",
}
COUNTRY, ACTOR = str(SCHEMA.Country), str(NKG.Actor)
SUBTYPES = {str(SCHEMA.Organization): {str(SCHEMA.NewsMediaOrganization)}}
PROPERTIES = {"wikidata": "Wikidata id", "country": "Country", "role": "Role", "mentions": "Articles mentioning it"}

EXACT, ALIAS, REORDERED, SURNAME = 100.0, 95.0, 88.0, 70.0
CERTAIN = 95.0          # the least score a match may have
MARGIN = 15.0           # ... and how far ahead of the next candidate it must be
KEPT = 50.0             # candidates scoring less are not returned
WRONG_ID, NO_ID = 60.0, 5.0
OTHER_COUNTRY, NO_COUNTRY, SAME_COUNTRY = 30.0, 5.0, 10.0


def normalised(text: str) -> str:
    """'Péter  Szijjártó' -> 'peter szijjarto'; 'Agence France-Presse' -> 'agence france presse'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def wikidata_id(value: str) -> str | None:
    """'Q28', 'wd:Q28' or the entity IRI -> 'Q28'."""
    found = re.search(r"(?:^|[/:])(Q\d+)$", str(value).strip(), re.I)
    return found.group(1).upper() if found else None


@dataclass
class Actor:
    iri: str
    names: set[str] = field(default_factory=set)       # schema:name, rdfs:label
    aliases: set[str] = field(default_factory=set)     # skos:altLabel
    types: set[str] = field(default_factory=set)
    wikidata: str | None = None                        # a confident link only (owl:sameAs)
    roles: list[str] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)   # IRIs of the countries it is or holds roles in
    mentions: int = 0

    @property
    def name(self) -> str:
        return min(self.names, key=lambda n: (len(n), n)) if self.names else self.iri.rsplit("/", 1)[-1]

    @property
    def type_ids(self) -> list[str]:
        return [t for t in TYPES if t in self.types and t != str(NKG.Actor)]

    def has_type(self, wanted: str) -> bool:
        return wanted in self.types or bool(SUBTYPES.get(wanted, set()) & self.types)


@dataclass
class Candidate:
    actor: Actor
    score: float
    how: str                                  # name, alias, reordered, surname, similar
    features: dict[str, float | bool] = field(default_factory=dict)
    contradicted: bool = False
    match: bool = False


def trigrams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class ActorIndex:
    def __init__(self, actors: dict[str, Actor]):
        self.actors = actors
        self._alias_owners: dict[str, set[str]] = {}
        self._forms: dict[str, tuple[set[str], set[str]]] = {}   # iri -> (names, aliases), normalised
        self._trigrams: dict[str, set[str]] = defaultdict(set)   # trigram -> iris whose forms have it
        for actor in actors.values():
            names, aliases = {normalised(n) for n in actor.names}, {normalised(a) for a in actor.aliases}
            self._forms[actor.iri] = (names, aliases)
            for form in names | aliases:
                self._alias_owners.setdefault(form, set()).add(actor.iri)
                for gram in trigrams(form):
                    self._trigrams[gram].add(actor.iri)

    def _pool(self, q: str) -> list[Actor]:
        """The actors sharing enough trigrams with the query to be worth scoring."""
        grams = trigrams(q)
        shared = Counter(iri for gram in grams for iri in self._trigrams.get(gram, ()))
        least = max(1, int(0.3 * len(grams)))
        return [self.actors[iri] for iri, n in shared.items() if n >= least]

    @classmethod
    def from_store(cls, store) -> "ActorIndex":
        actors: dict[str, Actor] = {}
        for row in views.select(store, """SELECT ?a ?p ?o WHERE {
                ?a a nkg:Actor . VALUES ?p { rdf:type schema:name rdfs:label skos:altLabel owl:sameAs }
                ?a ?p ?o }"""):
            actor = actors.setdefault(row["a"].value, Actor(row["a"].value))
            p, o = row["p"].value, row["o"].value
            if p.endswith("#type"):
                actor.types.add(o)
            elif p.endswith("altLabel"):
                actor.aliases.add(o)
            elif p.endswith("sameAs"):
                if o.startswith(WIKIDATA) and actor.wikidata is None:
                    actor.wikidata = wikidata_id(o)
            else:
                actor.names.add(o)
        for actor in actors.values():
            if str(SCHEMA.Country) in actor.types:
                actor.countries.add(actor.iri)
        for row in views.select(store, """SELECT DISTINCT ?a ?name ?in ?q WHERE {
                ?r a nkg:Role ; nkg:holder ?a ; nkg:roleName ?name .
                OPTIONAL { ?r nkg:roleIn ?in } OPTIONAL { ?r nkg:qualifier ?q } }"""):
            actor = actors.get(row["a"].value)
            if actor is None:
                continue
            where = actors.get(row["in"].value) if row["in"] is not None else None
            title = " ".join(x for x in ((row["q"].value if row["q"] is not None else None), row["name"].value) if x)
            role = f"{title} ({where.name})" if where else title
            if role not in actor.roles:
                actor.roles.append(role)
            if where is not None and str(SCHEMA.Country) in where.types:
                actor.countries.add(where.iri)
        for row in views.select(store, "SELECT ?a (COUNT(DISTINCT ?art) AS ?n) WHERE "
                                       "{ ?art schema:mentions ?a } GROUP BY ?a"):
            if row["a"].value in actors:
                actors[row["a"].value].mentions = int(row["n"].value)
        for actor in actors.values():
            actor.roles.sort()
        return cls(actors)

    def get(self, iri: str) -> Actor | None:
        return self.actors.get(iri)

    # --- scoring ------------------------------------------------------------------------

    def name_score(self, query: str, actor: Actor) -> tuple[float, str]:
        q = normalised(query)
        if not q:
            return 0.0, "none"
        names, aliases = self._forms[actor.iri]
        if q in names:
            return EXACT, "name"
        if q in aliases:
            return ALIAS, "alias"
        tokens = sorted(q.split())
        if len(tokens) > 1 and any(sorted(n.split()) == tokens for n in names):
            return REORDERED, "reordered"
        if str(SCHEMA.Person) in actor.types and any(len(n.split()) > 1 and n.split()[-1] == q for n in names):
            return SURNAME, "surname"
        forms = names | aliases
        similarity = max((difflib.SequenceMatcher(None, q, f).ratio() for f in forms if f), default=0.0)
        return round(90.0 * similarity, 1), "similar"

    def candidates(self, query: str, types: list[str] = (), properties: list[tuple[str, object]] = (),
                   limit: int = 10) -> list[Candidate]:
        """The actors that may be meant by `query`, best first, at most `limit`."""
        out = []
        for actor in self._pool(normalised(query)):
            if types and not any(actor.has_type(t) for t in types):
                continue
            score, how = self.name_score(query, actor)
            if score < KEPT:
                continue
            candidate = Candidate(actor, score, how, {"name": score / 100})
            for pid, value in properties:
                self._weigh(candidate, pid, value)
            if how == "alias" and len(self._alias_owners.get(normalised(query), ())) > 1:
                candidate.score -= 10  # an alias that names several actors
            candidate.score = max(0.0, min(100.0, round(candidate.score, 1)))
            out.append(candidate)
        out.sort(key=lambda c: (-c.score, -c.actor.mentions, c.actor.iri))
        out = out[:max(1, limit)]
        if out:
            best = out[0]
            runner_up = out[1].score if len(out) > 1 else 0.0
            identified = best.how in ("name", "alias") or best.features.get("wikidata") is True
            best.match = (identified and not best.contradicted
                          and best.score >= CERTAIN and best.score - runner_up >= MARGIN)
        return out

    def _weigh(self, candidate: Candidate, pid: str, value) -> None:
        actor = candidate.actor
        values = value if isinstance(value, list) else [value]
        texts = [v.get("id") or v.get("name") if isinstance(v, dict) else v for v in values]
        texts = [str(t) for t in texts if t not in (None, "")]
        if not texts:
            return
        if pid == "wikidata":
            wanted = {wikidata_id(t) for t in texts} - {None}
            if actor.wikidata and actor.wikidata in wanted:
                candidate.features["wikidata"] = True
                candidate.score = max(candidate.score, EXACT if candidate.how != "similar" else candidate.score)
            elif actor.wikidata:
                candidate.features["wikidata"] = False
                candidate.score -= WRONG_ID
                candidate.contradicted = True
            else:
                candidate.score -= NO_ID
        elif pid == "country":
            if not actor.countries:
                candidate.score -= NO_COUNTRY
                return
            known = set()
            for iri in actor.countries:
                country = self.actors.get(iri)
                known |= {iri, iri.rsplit("/", 1)[-1]}
                if country is not None:
                    known |= {normalised(n) for n in country.names | country.aliases}
                    if country.wikidata:
                        known.add(country.wikidata)
            asked = {normalised(t) for t in texts} | set(texts) | {wikidata_id(t) for t in texts} - {None}
            if known & asked:
                candidate.features["country"] = True
                candidate.score += SAME_COUNTRY
            else:
                candidate.features["country"] = False
                candidate.score -= OTHER_COUNTRY
                candidate.contradicted = True

    def suggest(self, prefix: str, limit: int = 10) -> list[Actor]:
        """Actors one of whose names or aliases (or a word of them) starts with `prefix`."""
        p = normalised(prefix)
        if not p:
            return []
        found = []
        for actor in self.actors.values():
            forms = self._forms[actor.iri][0] | self._forms[actor.iri][1]
            if any(f.startswith(p) or any(w.startswith(p) for w in f.split()) for f in forms):
                found.append(actor)
        found.sort(key=lambda a: (-a.mentions, a.name))
        return found[:limit]

    def property_values(self, actor: Actor, pid: str) -> list[dict]:
        """The data-extension cells of one property (v0.2 forms: str, int, or an entity)."""
        if pid == "wikidata":
            return [{"str": actor.wikidata}] if actor.wikidata else []
        if pid == "role":
            return [{"str": r} for r in actor.roles]
        if pid == "country":
            out = []
            for iri in sorted(actor.countries):
                country = self.actors.get(iri)
                out.append({"id": iri.rsplit("/", 1)[-1], "name": country.name if country else iri})
            return out
        if pid == "mentions":
            return [{"int": actor.mentions}]
        return []

    def description(self, actor: Actor) -> str:
        kinds = ", ".join(TYPES[t] for t in actor.type_ids) or "Actor"
        parts = [kinds] + actor.roles[:2]
        if actor.mentions:
            parts.append(f"{actor.mentions} article{'s' if actor.mentions != 1 else ''}")
        return " · ".join(parts)
