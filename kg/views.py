"""The data behind each page, as plain dicts and lists: the server only renders them.

A node the pages link to is a dict {"iri", "label"}; a literal shown as such is a str.
Dates stay ISO strings, so they sort as text."""
from __future__ import annotations

from collections import defaultdict

from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from . import ids, titles
from .namespaces import NKG, SCHEMA
from .store import Store
from .terms import humanise, local_name, plain, sparql_iri, value
from .vocabulary import term_label

PREFIXES = f"""PREFIX nkg: <{NKG}>
PREFIX schema: <{SCHEMA}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
PREFIX owl: <{OWL}>
PREFIX prov: <{PROV}>
"""
LABEL_PREDICATES = (str(SCHEMA.headline), str(RDFS.label), str(SCHEMA.name), str(SKOS.prefLabel))
ACTOR_TYPES = {  # the specific type of an actor -> the heading of its group, in display order
    str(SCHEMA.Person): "People",
    str(SCHEMA.Country): "Countries",
    str(SCHEMA.Organization): "Organisations",
    str(SCHEMA.NewsMediaOrganization): "News media",
    str(NKG.ActorGroup): "Groups of actors",
    str(NKG.AnonymousSource): "Unnamed sources",
}
STANCES = ("Supports", "Opposes", "Hesitant", "Conditional", "Neutral")
WIKIDATA = "http://www.wikidata.org/entity/"


# --- querying --------------------------------------------------------------------------

def select(store: Store, body: str) -> list[dict]:
    """Rows of a SELECT query (prefixes added) as dicts of pyoxigraph terms."""
    results = store.query(PREFIXES + body)
    names = [v.value for v in results.variables]
    return [{n: row[n] for n in names} for row in results]


def ask(store: Store, body: str) -> bool:
    return bool(store.query(PREFIXES + body))


def count(store: Store, body: str) -> int:
    rows = select(store, body)
    return int(rows[0]["n"].value) if rows and rows[0]["n"] is not None else 0


def describes(store: Store, iri: str) -> bool:
    """Whether the store says anything about this IRI as a subject."""
    return ask(store, f"ASK {{ {sparql_iri(iri)} ?p ?o }}")


def properties_of(store: Store, pattern: str) -> dict[str, dict[str, list]]:
    """subject IRI -> predicate IRI -> distinct object terms, for every ?s the pattern binds."""
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in select(store, f"SELECT DISTINCT ?s ?p ?o WHERE {{ {pattern} ?s ?p ?o }}"):
        if row["s"] is None:
            continue
        objects = out[row["s"].value][row["p"].value]
        if row["o"] not in objects:
            objects.append(row["o"])
    return out


def labels(store: Store, iris) -> dict[str, str]:
    """The best label of each IRI: headline, rdfs:label, schema:name or skos:prefLabel."""
    iris = sorted({i for i in iris if i})
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for start in range(0, len(iris), 200):
        chunk = " ".join(sparql_iri(i) for i in iris[start:start + 200])
        rows = select(store, f"""SELECT ?x ?p ?l WHERE {{ VALUES ?x {{ {chunk} }}
            VALUES ?p {{ schema:headline rdfs:label schema:name skos:prefLabel }} ?x ?p ?l }}""")
        for row in rows:
            found[row["x"].value].setdefault(row["p"].value, row["l"].value)
    out = {}
    for iri in iris:
        by_predicate = found.get(iri, {})
        label = next((by_predicate[p] for p in LABEL_PREDICATES if p in by_predicate), None)
        out[iri] = label or fallback_label(iri)
    return out


def fallback_label(iri: str) -> str:
    """A vocabulary term's label, or the IRI's last segment made readable."""
    if iri.startswith(str(NKG)):
        return term_label(iri)
    if "#char=" in iri:
        return "excerpt " + iri.rsplit("#char=", 1)[1]
    return local_name(iri)


def node(iri: str, names: dict[str, str]) -> dict:
    return {"iri": iri, "label": names.get(iri) or fallback_label(iri)}


def _first(props: dict, predicate) -> str | None:
    values = props.get(str(predicate), [])
    return values[0].value if values else None


def _all(props: dict, predicate) -> list[str]:
    return [t.value for t in props.get(str(predicate), [])]


def _iris_in(objects: dict[str, dict[str, list]]) -> set[str]:
    found = set(objects)
    for props in objects.values():
        for terms in props.values():
            found.update(t.value for t in terms if plain(t).get("iri"))
    return found


def stance_of(iri: str | None) -> dict:
    name = local_name(iri) if iri else "Unknown"
    return {"iri": iri, "key": name.lower(), "label": term_label(iri) if iri else "unknown"}


def wikidata_of(props: dict) -> dict | None:
    """The actor's Wikidata item: sameAs (confident) or closeMatch (candidate)."""
    for predicate, confident in ((OWL.sameAs, True), (SKOS.closeMatch, False)):
        for iri in _all(props, predicate):
            if iri.startswith(WIKIDATA):
                return {"iri": iri, "id": iri[len(WIKIDATA):], "confident": confident,
                        "href": f"https://www.wikidata.org/wiki/{iri[len(WIKIDATA):]}"}
    return None


def actor_group(types: list[str]) -> str:
    for iri in ACTOR_TYPES:
        if iri in types:
            return ACTOR_TYPES[iri]
    return "Other actors"


# --- the home page ----------------------------------------------------------------------

def home(store: Store) -> dict:
    """What the dataset holds: counts, and its articles newest first."""
    kinds = {"articles": "schema:NewsArticle", "actors": "nkg:Actor", "positions": "nkg:Position",
             "propositions": "nkg:Proposition", "events": "nkg:Event", "quotes": "schema:Quotation",
             "roles": "nkg:Role"}
    counts = {name: count(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")
              for name, cls in kinds.items()}
    counts["triples"] = count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {"counts": counts, "articles": articles(store)}


def articles(store: Store) -> list[dict]:
    rows = select(store, """SELECT ?a ?h ?d ?pub ?pubname ?url (COUNT(DISTINCT ?pos) AS ?positions) WHERE {
        ?a a schema:NewsArticle .
        OPTIONAL { ?a schema:headline ?h }
        OPTIONAL { ?a schema:datePublished ?d }
        OPTIONAL { ?a schema:url ?url }
        OPTIONAL { ?a schema:publisher ?pub . OPTIONAL { ?pub schema:name ?pubname } }
        OPTIONAL { ?pos nkg:reportedIn ?a ; a nkg:Position }
    } GROUP BY ?a ?h ?d ?pub ?pubname ?url""")
    seen, out = set(), []
    for row in rows:
        iri = row["a"].value
        if iri in seen:  # an article with two headlines or dates: show it once
            continue
        seen.add(iri)
        out.append({"iri": iri, "headline": value(row["h"]) or local_name(iri), "date": value(row["d"]),
                    "url": value(row["url"]),
                    "publisher": {"iri": row["pub"].value, "label": value(row["pubname"]) or local_name(row["pub"].value)}
                    if row["pub"] is not None else None,
                    "positions": int(row["positions"].value)})
    out.sort(key=lambda a: (a["date"] or "", a["headline"]), reverse=True)
    return out


# --- one article --------------------------------------------------------------------------

def article(store: Store, iri: str, base: str) -> dict:
    a = sparql_iri(iri)
    props = properties_of(store, f"VALUES ?s {{ {a} }}")[iri]
    found = properties_of(store, f"?s nkg:reportedIn {a} .")
    mentioned = properties_of(store, f"{a} schema:mentions ?s .")
    evidence_iris = {t.value for p in found.values() for t in p.get(str(NKG.evidence), [])}
    evidence = properties_of(store, "VALUES ?s { " + " ".join(sparql_iri(e) for e in evidence_iris) + " }") \
        if evidence_iris else {}
    names = labels(store, _iris_in(found) | _iris_in({iri: props}) | set(mentioned))

    def of_type(cls) -> dict:
        return {s: p for s, p in found.items() if str(cls) in _all(p, RDF.type)}

    key = iri.rsplit("/", 1)[1]
    graph = str(ids.article_graph(key, base))
    return {
        "iri": iri,
        "headline": _first(props, SCHEMA.headline) or key,
        "date": _first(props, SCHEMA.datePublished),
        "url": _first(props, SCHEMA.url),
        "language": _first(props, SCHEMA.inLanguage),
        "abstract": _first(props, SCHEMA.abstract),
        "image": _first(props, SCHEMA.image) or _first(props, SCHEMA.thumbnailUrl),
        "publisher": [node(i, names) for i in _all(props, SCHEMA.publisher)],
        "authors": [node(i, names) for i in _all(props, SCHEMA.author)],
        "actor_groups": _actor_groups(mentioned),
        "positions": sorted((_position(p, s, names, evidence) for s, p in of_type(NKG.Position).items()),
                            key=lambda x: (x["proposition"]["label"].lower(), x["holder"]["label"].lower())),
        "events": sorted((_event(p, s, names) for s, p in of_type(NKG.Event).items()),
                         key=lambda e: (e["start"] or "", e["name"])),
        "quotes": [_quote(p, s, names) for s, p in of_type(SCHEMA.Quotation).items()],
        "roles": sorted((_role(p, s, names) for s, p in of_type(NKG.Role).items()),
                        key=lambda r: r["holder"]["label"].lower()),
        "provenance": provenance(store, graph),
    }


def _actor_groups(mentioned: dict[str, dict]) -> list[dict]:
    groups: dict[str, list] = defaultdict(list)
    for iri, props in mentioned.items():
        groups[actor_group(_all(props, RDF.type))].append(
            {"iri": iri, "label": _first(props, SCHEMA.name) or _first(props, RDFS.label) or local_name(iri),
             "wikidata": wikidata_of(props)})
    order = list(ACTOR_TYPES.values()) + ["Other actors"]
    return [{"name": name, "actors": sorted(groups[name], key=lambda a: a["label"].lower())}
            for name in order if groups.get(name)]


QUOTATION_MARKS = set('"“”„«»')


def has_quotation_marks(text: str) -> bool:
    """A sentence that quotes someone: its page wraps it in single quotation marks, not double ones again."""
    return any(c in QUOTATION_MARKS for c in text)


def _evidence_text(iris: list[str], evidence: dict, names: dict) -> list[dict]:
    out = []
    for iri in iris:
        props = evidence.get(iri, {})
        text = _first(props, SCHEMA.text) or names.get(iri, "")
        out.append({"iri": iri, "text": text, "is_quote": str(SCHEMA.Quotation) in _all(props, RDF.type),
                    "quoted": has_quotation_marks(text)})
    return out


def _position(props: dict, iri: str, names: dict, evidence: dict | None = None) -> dict:
    holder = _first(props, NKG.holder)
    prop = _first(props, NKG.proposition)
    confidence = _first(props, NKG.confidence)
    return {"iri": iri,
            "holder": node(holder, names) if holder else {"iri": None, "label": "?"},
            "stance": stance_of(_first(props, NKG.stance)),
            "proposition": node(prop, names) if prop else {"iri": None, "label": "?"},
            "attributed_to": [node(i, names) for i in _all(props, NKG.attributedTo)],
            "articles": [node(i, names) for i in _all(props, NKG.reportedIn)],
            "evidence": _evidence_text(_all(props, NKG.evidence), evidence or {}, names),
            "confidence": float(confidence) if confidence else None}


def _event(props: dict, iri: str, names: dict) -> dict:
    kind = _first(props, NKG.eventType)
    return {"iri": iri, "name": _first(props, SCHEMA.name) or local_name(iri),
            "type": {"iri": kind, "label": term_label(kind)} if kind else None,
            "start": _first(props, SCHEMA.startDate), "end": _first(props, SCHEMA.endDate),
            "places": [node(i, names) for i in _all(props, SCHEMA.location)],
            "participants": sorted((node(i, names) for i in _all(props, NKG.participant)),
                                   key=lambda n: n["label"].lower()),
            "articles": [node(i, names) for i in _all(props, NKG.reportedIn)]}


def _quote(props: dict, iri: str, names: dict) -> dict:
    return {"iri": iri, "text": _first(props, SCHEMA.text) or "",
            "speakers": [node(i, names) for i in _all(props, SCHEMA.creator)],
            "attributed_to": [node(i, names) for i in _all(props, NKG.attributedTo)],
            "articles": [node(i, names) for i in _all(props, NKG.reportedIn)]}


def _role(props: dict, iri: str, names: dict) -> dict:
    holder = _first(props, NKG.holder)
    name, qualifier = _first(props, NKG.roleName) or "", _first(props, NKG.qualifier)
    return {"iri": iri, "holder": node(holder, names) if holder else {"iri": None, "label": "?"},
            "name": name, "title": role_title(name, qualifier),
            "qualifier": _first(props, NKG.qualifier),
            "of": [node(i, names) for i in _all(props, NKG.roleIn)],
            "articles": [node(i, names) for i in _all(props, NKG.reportedIn)]}


def role_title(name: str, qualifier: str | None) -> str:
    """'Foreign Minister' with 'former' -> 'former Foreign Minister'; 'then-' and '-elect' join the name."""
    if not qualifier or qualifier.strip("-").lower() in name.lower():
        return name
    if qualifier.endswith("-"):
        return qualifier + name
    if qualifier.startswith("-"):
        return name + qualifier
    return f"{qualifier} {name}"


def provenance(store: Store, graph: str) -> dict:
    g = sparql_iri(graph)
    rows = select(store, f"""SELECT ?source ?at ?activity ?label ?version WHERE {{
        GRAPH {g} {{ {g} prov:wasDerivedFrom ?source .
            OPTIONAL {{ {g} prov:generatedAtTime ?at }}
            OPTIONAL {{ {g} prov:wasGeneratedBy ?activity .
                OPTIONAL {{ ?activity rdfs:label ?label }}
                OPTIONAL {{ ?activity schema:softwareVersion ?version }} }} }}
    }} LIMIT 1""")
    size = count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
    row = rows[0] if rows else {}
    return {"graph": graph, "triples": size, "source": value(row.get("source")),
            "generated_at": value(row.get("at")), "activity": value(row.get("activity")),
            "software": value(row.get("label")), "version": value(row.get("version"))}


# --- one actor ----------------------------------------------------------------------------

def article_dates(store: Store, article_iris) -> dict[str, str]:
    iris = " ".join(sparql_iri(i) for i in set(article_iris) if i)
    if not iris:
        return {}
    rows = select(store, f"SELECT ?a ?d WHERE {{ VALUES ?a {{ {iris} }} ?a schema:datePublished ?d }}")
    return {r["a"].value: r["d"].value for r in rows}


def _dated(items: list[dict], dates: dict[str, str]) -> list[dict]:
    """Adds each item's earliest article date as "date" and sorts by it."""
    for item in items:
        known = sorted(dates[a["iri"]] for a in item["articles"] if a["iri"] in dates)
        item["date"] = known[0] if known else None
    return sorted(items, key=lambda i: (i["date"] or "9999", i.get("label", "")))


def actor(store: Store, iri: str) -> dict:
    x = sparql_iri(iri)
    props = properties_of(store, f"VALUES ?s {{ {x} }}")[iri]
    positions = properties_of(store, f"?s nkg:holder {x} ; a nkg:Position .")
    roles = properties_of(store, f"?s nkg:holder {x} ; a nkg:Role .")
    quotes = properties_of(store, f"?s schema:creator {x} .")
    events = properties_of(store, f"?s nkg:participant {x} .")
    sourced = properties_of(store, f"?s nkg:attributedTo {x} ; a nkg:Position .")
    evidence_iris = {t.value for p in positions.values() for t in p.get(str(NKG.evidence), [])}
    evidence = properties_of(store, "VALUES ?s { " + " ".join(sparql_iri(e) for e in evidence_iris) + " }") \
        if evidence_iris else {}
    mentioned_in = [r["a"].value for r in select(store, f"SELECT DISTINCT ?a WHERE {{ ?a schema:mentions {x} }}")]
    everything = [positions, roles, quotes, events, sourced]
    all_iris = set().union(*(_iris_in(d) for d in everything)) | _iris_in({iri: props}) | set(mentioned_in)
    names = labels(store, all_iris)
    dates = article_dates(store, [a for d in everything for p in d.values() for a in _all(p, NKG.reportedIn)]
                          + mentioned_in)
    types = _all(props, RDF.type)
    return {
        "iri": iri,
        "name": _first(props, SCHEMA.name) or _first(props, RDFS.label) or local_name(iri),
        "labels": sorted(set(_all(props, RDFS.label) + _all(props, SCHEMA.name))),
        "alt_labels": sorted(_all(props, SKOS.altLabel)),
        "types": [{"iri": t, "label": fallback_label(t) if t.startswith(str(NKG)) else humanise(local_name(t))}
                  for t in types],
        "group": actor_group(types),
        "wikidata": wikidata_of(props),
        "positions": _dated([_position(p, s, names, evidence) for s, p in positions.items()], dates),
        "sourced_positions": _dated([_position(p, s, names) for s, p in sourced.items()], dates),
        "roles": _dated([_role(p, s, names) for s, p in roles.items()], dates),
        "quotes": _dated([_quote(p, s, names) for s, p in quotes.items()], dates),
        "events": sorted((_event(p, s, names) for s, p in events.items()), key=lambda e: e["start"] or ""),
        "articles": sorted(({"iri": a, "label": names.get(a, local_name(a)), "date": dates.get(a)}
                            for a in mentioned_in), key=lambda a: a["date"] or "", reverse=True),
    }


# --- one proposition ------------------------------------------------------------------------

def proposition(store: Store, iri: str) -> dict:
    x = sparql_iri(iri)
    props = properties_of(store, f"VALUES ?s {{ {x} }}")[iri]
    positions = properties_of(store, f"?s nkg:proposition {x} .")
    evidence_iris = {t.value for p in positions.values() for t in p.get(str(NKG.evidence), [])}
    evidence = properties_of(store, "VALUES ?s { " + " ".join(sparql_iri(e) for e in evidence_iris) + " }") \
        if evidence_iris else {}
    names = labels(store, _iris_in(positions) | _iris_in({iri: props}))
    dates = article_dates(store, [a for p in positions.values() for a in _all(p, NKG.reportedIn)])
    items = _dated([_position(p, s, names, evidence) for s, p in positions.items()], dates)
    by_stance: dict[str, dict] = {}
    for item in items:
        group = by_stance.setdefault(item["stance"]["key"], {"stance": item["stance"], "holders": {}})
        group["holders"].setdefault(item["holder"]["iri"], item["holder"])
    order = {s.lower(): i for i, s in enumerate(STANCES)}
    return {
        "iri": iri,
        "label": _first(props, RDFS.label) or local_name(iri),
        "involves": sorted((node(i, names) for i in _all(props, NKG.involves)), key=lambda n: n["label"].lower()),
        "positions": items,
        "by_stance": [{"stance": g["stance"], "holders": sorted(g["holders"].values(), key=lambda n: n["label"].lower())}
                      for _, g in sorted(by_stance.items(), key=lambda kv: order.get(kv[0], 99))],
    }


# --- one event --------------------------------------------------------------------------------

def event(store: Store, iri: str) -> dict:
    x = sparql_iri(iri)
    props = properties_of(store, f"VALUES ?s {{ {x} }}")[iri]
    names = labels(store, _iris_in({iri: props}))
    view = _event(props, iri, names)
    dates = article_dates(store, [a["iri"] for a in view["articles"]])
    for a in view["articles"]:
        a["date"] = dates.get(a["iri"])
    evidence_iris = _all(props, NKG.evidence)
    evidence = properties_of(store, "VALUES ?s { " + " ".join(sparql_iri(e) for e in evidence_iris) + " }") \
        if evidence_iris else {}
    view["evidence"] = _evidence_text(evidence_iris, evidence, names)
    return view


# --- any other resource: a table of its properties ------------------------------------------

def resource(store: Store, iri: str) -> dict:
    """Every triple about the IRI (as subject, then as object), values labelled."""
    x = sparql_iri(iri)
    props = properties_of(store, f"VALUES ?s {{ {x} }}").get(iri, {})
    incoming = select(store, f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {x} }} ORDER BY ?p ?s LIMIT 500")
    names = labels(store, _iris_in({iri: props}) | {r["s"].value for r in incoming if plain(r["s"]).get("iri")})
    rows = []
    for predicate in sorted(props, key=lambda p: (p != str(RDF.type), term_label(p).lower())):
        rows.append({"predicate": {"iri": predicate, "label": term_label(predicate)},
                     "objects": [_value(t, names) for t in props[predicate]]})
    referenced = [{"predicate": {"iri": r["p"].value, "label": term_label(r["p"].value)},
                   "subject": _value(r["s"], names)} for r in incoming]
    types = [t.value for t in props.get(str(RDF.type), [])]
    label = titles.title(types, props, names) or (names.get(iri) if names.get(iri) != fallback_label(iri) else None)
    text = _first(props, SCHEMA.text)
    return {"iri": iri, "label": label or (text[:80] + "…" if text and len(text) > 80 else text) or local_name(iri),
            "types": [{"iri": t, "label": term_label(t)} for t in types], "rows": rows, "referenced_by": referenced}


def _value(term, names: dict) -> dict:
    p = plain(term)
    if "iri" in p:
        return {"iri": p["iri"], "label": names.get(p["iri"]) or fallback_label(p["iri"])}
    if "bnode" in p:
        return {"text": "_:" + p["bnode"]}
    datatype = p.get("datatype")
    return {"text": p["value"], "lang": p.get("lang"),
            "datatype": local_name(datatype) if datatype and not datatype.endswith("#string")
            and not datatype.endswith("#langString") else None}


# --- one named graph ----------------------------------------------------------------------------

def graph(store: Store, iri: str, quads) -> dict:
    """The triples of a named graph grouped by subject, values labelled; what it is about."""
    iris = {q.subject.value for q in quads if plain(q.subject).get("iri")} | \
           {q.object.value for q in quads if plain(q.object).get("iri")}
    names = labels(store, iris)
    subjects: dict[str, dict] = {}
    for q in quads:
        s = subjects.setdefault(q.subject.value, {"subject": _value(q.subject, names), "rows": defaultdict(list)})
        s["rows"][q.predicate.value].append(_value(q.object, names))
    about = [q.object.value for q in quads if q.subject.value == iri and q.predicate.value == str(SCHEMA.about)]
    ordered = sorted(subjects.values(), key=lambda s: (s["subject"].get("iri") != iri,
                                                        s["subject"].get("iri") not in about,
                                                        s["subject"].get("label", "").lower()))
    return {"iri": iri, "triples": len(quads), "about": [node(a, names) for a in about],
            "subjects": [{"subject": s["subject"],
                          "rows": [{"predicate": {"iri": p, "label": term_label(p)}, "objects": objs}
                                   for p, objs in sorted(s["rows"].items(),
                                                         key=lambda kv: (kv[0] != str(RDF.type), term_label(kv[0])))]}
                         for s in ordered]}
