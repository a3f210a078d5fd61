"""The rows of the browse pages (/actors, /propositions, /events, /articles): every entry
with the columns its page sorts and filters by, as plain dicts."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import views
from .terms import local_name, value
from .vocabulary import term_label

PAGE_SIZE = 50


@dataclass
class Listing:
    rows: list[dict]
    sort: str
    descending: bool
    page: int
    pages: int
    total: int
    filters: dict[str, list[str]]      # column -> the values one may filter by


def listing(rows: list[dict], sorts: dict[str, tuple], sort: str, descending: bool | None, page: int,
            default_sort: str, filters: dict[str, str] | None = None, size: int = PAGE_SIZE) -> Listing:
    """One page of `rows`, filtered (column == value), sorted by one of `sorts` (name -> key and
    natural direction)."""
    choices = {col: sorted({r[col] for r in rows if r.get(col)}, key=str.casefold) for col in (filters or {})}
    for col, wanted in (filters or {}).items():
        if wanted:
            rows = [r for r in rows if r.get(col) == wanted]
    sort = sort if sort in sorts else default_sort
    key, natural_descending = sorts[sort]
    descending = natural_descending if descending is None else descending
    rows = sorted(rows, key=lambda r: (r.get("label") or "").casefold())
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]            # without a value: always last
    rows = sorted(present, key=key, reverse=descending) + missing
    pages = max(1, -(-len(rows) // size))
    page = min(max(page, 1), pages)
    return Listing(rows[(page - 1) * size: page * size], sort, descending, page, pages, len(rows), choices)


def _text(s: str | None) -> str | None:
    return s.casefold() if s else None


def actors(store) -> list[dict]:
    rows = views.select(store, """SELECT ?a (SAMPLE(?n) AS ?name) (GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?types)
                                  (COUNT(DISTINCT ?art) AS ?mentions) WHERE {
        ?a a nkg:Actor ; a ?t . OPTIONAL { ?a schema:name ?n } OPTIONAL { ?art schema:mentions ?a } } GROUP BY ?a""")
    countries = defaultdict(set)
    for row in views.select(store, """SELECT DISTINCT ?a ?cname WHERE {
            { ?a a schema:Country . BIND(?a AS ?c) } UNION { ?r a nkg:Role ; nkg:holder ?a ; nkg:roleIn ?c . ?c a schema:Country }
            ?c schema:name ?cname }"""):
        countries[row["a"].value].add(row["cname"].value)
    out = []
    for row in rows:
        iri = row["a"].value
        out.append({"iri": iri, "label": value(row["name"]) or local_name(iri),
                    "kind": views.actor_group(row["types"].value.split()),
                    "country": ", ".join(sorted(countries.get(iri, ()))) or None,
                    "mentions": int(row["mentions"].value)})
    return out


ACTOR_SORTS = {"mentions": (lambda r: r["mentions"], True), "name": (lambda r: r["label"].casefold(), False),
               "kind": (lambda r: r["kind"], False), "country": (lambda r: _text(r["country"]), False)}


def propositions(store) -> list[dict]:
    stances = defaultdict(lambda: defaultdict(set))
    articles = defaultdict(set)
    labels = {}
    for row in views.select(store, """SELECT ?x ?label ?holder ?stance ?art WHERE {
            ?x a nkg:Proposition . OPTIONAL { ?x rdfs:label ?label }
            OPTIONAL { ?p nkg:proposition ?x ; nkg:holder ?holder ; nkg:stance ?stance .
                       OPTIONAL { ?p nkg:reportedIn ?art } } }"""):
        iri = row["x"].value
        labels.setdefault(iri, value(row["label"]) or local_name(iri))
        if row["holder"] is not None:
            stances[iri][local_name(row["stance"].value)].add(row["holder"].value)
        if row["art"] is not None:
            articles[iri].add(row["art"].value)
    out = []
    for iri, label in labels.items():
        split = {stance: len(holders) for stance, holders in stances[iri].items()}
        holders = set().union(*stances[iri].values()) if stances[iri] else set()
        out.append({"iri": iri, "label": label, "holders": len(holders),
                    "stances": [(s, split[s]) for s in views.STANCES if split.get(s)],
                    "articles": len(articles[iri])})
    return out


PROPOSITION_SORTS = {"holders": (lambda r: r["holders"], True), "label": (lambda r: r["label"].casefold(), False),
                     "articles": (lambda r: r["articles"], True)}


def events(store) -> list[dict]:
    rows = views.select(store, """SELECT ?e (SAMPLE(?n) AS ?name) (MIN(STR(?d)) AS ?date) (SAMPLE(?t) AS ?type)
                                  (SAMPLE(?pn) AS ?place) (COUNT(DISTINCT ?art) AS ?articles) WHERE {
        ?e a nkg:Event . OPTIONAL { ?e schema:name ?n } OPTIONAL { ?e schema:startDate ?d }
        OPTIONAL { ?e nkg:eventType ?t } OPTIONAL { ?e schema:location/schema:name ?pn }
        OPTIONAL { ?e nkg:reportedIn ?art } } GROUP BY ?e""")
    return [{"iri": r["e"].value, "label": value(r["name"]) or local_name(r["e"].value), "date": value(r["date"]),
             "type": term_label(r["type"].value) if r["type"] is not None else None,
             "place": value(r["place"]), "articles": int(r["articles"].value)} for r in rows]


EVENT_SORTS = {"date": (lambda r: r["date"], True), "type": (lambda r: _text(r["type"]), False),
               "name": (lambda r: r["label"].casefold(), False), "articles": (lambda r: r["articles"], True)}


def articles(store) -> list[dict]:
    return [{"iri": a["iri"], "label": a["headline"], "date": a["date"],
             "publisher": a["publisher"]["label"] if a["publisher"] else None, "positions": a["positions"]}
            for a in views.articles(store)]


ARTICLE_SORTS = {"date": (lambda r: r["date"], True), "publisher": (lambda r: _text(r["publisher"]), False),
                 "headline": (lambda r: r["label"].casefold(), False), "positions": (lambda r: r["positions"], True)}

# page -> (rows, sorts, default sort, filterable columns, title)
INDEXES = {
    "actors": (actors, ACTOR_SORTS, "mentions", ("kind", "country"), "Actors"),
    "propositions": (propositions, PROPOSITION_SORTS, "holders", (), "Propositions"),
    "events": (events, EVENT_SORTS, "date", ("type",), "Events"),
    "articles": (articles, ARTICLE_SORTS, "date", ("publisher",), "Articles"),
}
