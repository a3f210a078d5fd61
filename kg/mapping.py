"""Reads a finished Doc into RDF: the article's named graph plus what it adds to the shared graph."""
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from . import __version__, config, ids
from .article import Article
from . import namespaces
from .nlp.model import Actor, Evidence, Event, Place, Position, Proposition, Quote, Role
from .limits import DEFAULT, Limits, clean_literal
from .reconcile import MODEL, Reconciled, author_actor, publisher_actor, reconcile


class _Terms:
    """A namespace whose terms are made once: rdflib's Namespace builds a new URIRef on every
    attribute or item access, and mapping asks for the same few terms thousands of times."""

    def __init__(self, namespace):
        self._namespace = namespace
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)               # later lookups find the plain attribute
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._namespace[name]
        return term


NKG, SCHEMA, WD = _Terms(namespaces.NKG), _Terms(namespaces.SCHEMA), _Terms(namespaces.WD)

ABSTRACT_MAX = 500
ACTOR_CLASSES = {
    "Person": SCHEMA.Person,
    "Organization": SCHEMA.Organization,
    "Country": SCHEMA.Country,
    "NewsMediaOrganization": SCHEMA.NewsMediaOrganization,
    "AnonymousSource": NKG.AnonymousSource,
    "ActorGroup": NKG.ActorGroup,
}
DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


class Triples(dict):
    """RDF triples in the order they were first added, each once: a graph without an index.
    Graph.add is costly and findings name the same actors over and over, so the mapper
    collects triples here; ingestion builds one rdflib Graph per validation batch from them
    and loads them straight into the store."""

    def add(self, triple: tuple) -> None:
        self[triple] = None

    def subjects(self) -> set:
        return {s for s, _, _ in self}


def graph_of(*collections: Triples) -> Graph:
    """One rdflib Graph holding the triples of all the collections."""
    graph = Graph()
    graph.addN((s, p, o, graph) for triples in collections for s, p, o in triples)
    return graph


@dataclass
class MappedArticle:
    article: URIRef
    graph_name: URIRef
    graph: Triples                    # everything this article says, with its provenance
    shared: Triples                   # actors, places, propositions: added to the shared graph
    counts: dict = field(default_factory=dict)
    type_sources: dict = field(default_factory=dict)   # actor node -> where its type came from (kg.reconcile)


def date_literal(value: str) -> Literal:
    """An ISO date, year-month or year string as the matching XSD literal; longer values are dateTimes."""
    datatype = DATE_TYPES.get(len(value), XSD.dateTime)
    return Literal(value, datatype=datatype)


def abstract_of(article: Article) -> str:
    """The page's own description, else the opening sentences, cut at a sentence end within the limit."""
    text = " ".join((article.description or article.text).split())
    if len(text) <= ABSTRACT_MAX:
        return text
    cut = text[:ABSTRACT_MAX]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if end > ABSTRACT_MAX // 3:
        return cut[: end + 1]
    return cut[: ABSTRACT_MAX - 1].rsplit(" ", 1)[0] + "…"


class _Mapper:
    def __init__(self, article: Article, base: str, store_text: bool, reconciled: Reconciled,
                 limits: Limits = DEFAULT):
        self.article = article
        self.limits = limits
        self.reconciled = reconciled
        self.base = base
        self.store_text = store_text
        self.key = article.key
        self.article_iri = ids.iri("article", self.key, base)
        self.g = Triples()
        self.shared = Triples()
        self._actors: dict[tuple[Actor, str | None], URIRef] = {}   # actors already mapped
        self._excerpts: dict[Evidence, URIRef] = {}                  # evidence already mapped
        self.type_sources: dict[URIRef, int] = {}
        self._given: set[tuple] = set()      # (node, property) of the properties a node has once

    def once(self, node: URIRef, prop: URIRef, value) -> None:
        """A value of a property the shapes allow once: two findings that share a node (the same
        quotation with two speakers, the same position found twice) give it their first value."""
        if (node, prop) not in self._given:
            self._given.add((node, prop))
            self.g.add((node, prop, value))

    def text(self, value: str, limit: int | None = None) -> Literal:
        """A text literal: no control or bidi-override characters, at most the limit long."""
        return Literal(clean_literal(value, limit or self.limits.max_literal_chars))

    # --- nodes shared by many articles -------------------------------------------------
    def actor(self, actor: Actor, surface: str | None = None) -> URIRef:
        node = self._actors.get((actor, surface))
        if node is None:
            node = self._actors[(actor, surface)] = self._new_actor(self.reconciled.actor(actor), surface)
        return node

    def _new_actor(self, actor: Actor, surface: str | None) -> URIRef:
        key = actor.key
        if actor.type == "AnonymousSource":
            # an unnamed source is only known within the article that cites it
            key = f"{actor.key}-{ids.digest(self.key, length=6)}"
        node = ids.iri("actor", key, self.base)
        self.type_sources[node] = self.reconciled.sources.get(actor.key, MODEL)
        s = self.shared
        s.add((node, RDF.type, NKG.Actor))
        s.add((node, RDF.type, ACTOR_CLASSES[actor.type]))
        s.add((node, SCHEMA.name, self.text(actor.name)))
        s.add((node, RDFS.label, self.text(actor.name)))
        for alias in {*actor.aliases, *([surface] if surface else [])}:
            alias = _clean_surface(alias)
            if alias and alias != actor.name:
                s.add((node, SKOS.altLabel, self.text(alias)))
        if actor.wikidata:
            s.add((node, OWL.sameAs, WD[actor.wikidata]))
        elif actor.close_match:
            s.add((node, SKOS.closeMatch, WD[actor.close_match]))
        return node

    def place(self, place: Place) -> URIRef:
        node = ids.iri("place", place.key, self.base)
        self.shared.add((node, RDF.type, SCHEMA.Place))
        self.shared.add((node, SCHEMA.name, self.text(place.name)))
        self.shared.add((node, RDFS.label, self.text(place.name)))
        if place.wikidata:
            self.shared.add((node, OWL.sameAs, WD[place.wikidata]))
        return node

    def proposition(self, prop: Proposition) -> URIRef:
        node = ids.iri("proposition", prop.key, self.base)
        self.shared.add((node, RDF.type, NKG.Proposition))
        self.shared.add((node, RDFS.label, self.text(prop.label)))
        for actor in prop.involves:
            self.shared.add((node, NKG.involves, self.actor(actor)))
        return node

    # --- what the article says ------------------------------------------------------------
    def evidence(self, ev: Evidence | None) -> URIRef | None:
        if ev is None:
            return None
        node = self._excerpts.get(ev)
        if node is None:
            node = self._excerpts[ev] = self._new_excerpt(ev)
        return node

    def _new_excerpt(self, ev: Evidence) -> URIRef:
        node = URIRef(f"{self.article_iri}#char={ev.start},{ev.end}")
        g = self.g
        g.add((node, RDF.type, NKG.Excerpt))
        g.add((node, SCHEMA.text, self.text(ev.text)))
        g.add((node, NKG.startOffset, Literal(ev.start, datatype=XSD.integer)))
        g.add((node, NKG.endOffset, Literal(ev.end, datatype=XSD.integer)))
        g.add((node, SCHEMA.isPartOf, self.article_iri))
        return node

    def reported(self, node: URIRef, ev: Evidence | None) -> None:
        self.g.add((node, NKG.reportedIn, self.article_iri))
        excerpt = self.evidence(ev)
        if excerpt is not None:
            self.g.add((node, NKG.evidence, excerpt))

    def article_node(self, mentions) -> None:
        a, g, art = self.article_iri, self.g, self.article
        g.add((a, RDF.type, SCHEMA.NewsArticle))
        if self.reconciled.headline:
            g.add((a, SCHEMA.headline, self.text(self.reconciled.headline, self.limits.max_headline_chars)))
        if art.date_published:
            g.add((a, SCHEMA.datePublished, date_literal(art.date_published)))
        if art.url:
            g.add((a, SCHEMA.url, URIRef(art.url)))
        g.add((a, SCHEMA.inLanguage, Literal(art.language or "en")))
        g.add((a, SCHEMA.abstract, self.text(abstract_of(art))))
        if self.store_text:
            g.add((a, SCHEMA.articleBody, Literal(clean_literal(art.text))))
        if art.publisher:
            g.add((a, SCHEMA.publisher, self.actor(publisher_actor(art.publisher))))
        for name in art.authors:
            g.add((a, SCHEMA.author, self.actor(author_actor(name))))
        for m in mentions:
            g.add((a, SCHEMA.mentions, self.actor(m.actor, m.text)))

    def quote(self, q: Quote) -> URIRef:
        node = ids.iri("quote", ids.digest(self.key, q.text), self.base)
        g = self.g
        g.add((node, RDF.type, SCHEMA.Quotation))
        g.add((node, SCHEMA.text, self.text(q.text)))
        if q.speaker:
            self.once(node, SCHEMA.creator, self.mentioned(q.speaker))
        for source in q.attributed_to:
            g.add((node, NKG.attributedTo, self.mentioned(source)))
        self.reported(node, q.evidence)
        return node

    def role(self, r: Role) -> URIRef:
        of_key = r.of.key if r.of else ""
        node = ids.iri("role", ids.digest(r.holder.key, r.name.lower(), of_key, r.qualifier or ""), self.base)
        g = self.g
        g.add((node, RDF.type, NKG.Role))
        g.add((node, NKG.holder, self.mentioned(r.holder)))
        self.once(node, NKG.roleName, self.text(r.name))
        if r.of:
            g.add((node, NKG.roleIn, self.mentioned(r.of)))
        if r.qualifier:
            g.add((node, NKG.qualifier, self.text(r.qualifier)))
        self.reported(node, r.evidence)
        return node

    def event(self, e: Event) -> URIRef:
        anchor = e.place.name if e.place else (e.participants[0].name if e.participants else e.name)
        node = ids.iri("event", f"{e.start}-{e.type.lower()}-{ids.slug(anchor, 40)}", self.base)
        g = self.g
        g.add((node, RDF.type, NKG.Event))
        g.add((node, RDF.type, SCHEMA.Event))
        g.add((node, NKG.eventType, NKG[e.type]))
        g.add((node, SCHEMA.name, self.text(e.name)))
        g.add((node, SCHEMA.startDate, date_literal(e.start)))
        if e.end:
            self.once(node, SCHEMA.endDate, date_literal(e.end))
        if e.place:
            g.add((node, SCHEMA.location, self.place(e.place)))
        for actor in e.participants:
            g.add((node, NKG.participant, self.mentioned(actor)))
        self.reported(node, e.evidence)
        return node

    def position(self, p: Position, quote_nodes: dict) -> URIRef:
        prop = self.proposition(p.proposition)
        node = ids.iri("position", ids.digest(self.key, p.holder.key, p.proposition.key, p.stance), self.base)
        g = self.g
        g.add((node, RDF.type, NKG.Position))
        g.add((node, NKG.holder, self.mentioned(p.holder)))
        g.add((node, NKG.stance, NKG[p.stance]))
        g.add((node, NKG.proposition, prop))
        for source in p.attributed_to:
            g.add((node, NKG.attributedTo, self.mentioned(source)))
        if p.quote is not None and id(p.quote) in quote_nodes:
            g.add((node, NKG.evidence, quote_nodes[id(p.quote)]))
        if p.confidence is not None:
            self.once(node, NKG.confidence, Literal(Decimal(f"{p.confidence:.2f}"), datatype=XSD.decimal))
        self.reported(node, p.evidence)
        return node

    def mentioned(self, actor: Actor) -> URIRef:
        """An actor that a finding names is also one the article mentions."""
        node = self.actor(actor)
        self.g.add((self.article_iri, SCHEMA.mentions, node))
        return node

    def provenance(self) -> URIRef:
        graph_name = ids.article_graph(self.key, self.base)
        activity = URIRef(f"{graph_name}#ingestion")
        source = URIRef(self.article.url) if self.article.url else self.article_iri
        now = Literal(datetime.now(timezone.utc).replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
        g = self.g
        g.add((graph_name, RDF.type, PROV.Entity))
        g.add((graph_name, PROV.wasDerivedFrom, source))
        g.add((graph_name, PROV.generatedAtTime, now))
        g.add((graph_name, PROV.wasGeneratedBy, activity))
        g.add((graph_name, SCHEMA.about, self.article_iri))
        g.add((activity, RDF.type, PROV.Activity))
        g.add((activity, RDFS.label, Literal(f"NewsKG {__version__} ingestion")))
        g.add((activity, SCHEMA.softwareVersion, Literal(__version__)))
        g.add((activity, PROV.used, source))
        g.add((activity, PROV.endedAtTime, now))
        for note in self.reconciled.notes:
            g.add((activity, RDFS.comment, self.text(note)))
        return graph_name


def _clean_surface(text: str) -> str:
    text = " ".join(text.split())
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


def map_article(article: Article, doc, *, base: str | None = None, store_text: bool = False,
                limits: Limits = DEFAULT) -> MappedArticle:
    """The RDF for one analysed article."""
    m = _Mapper(article, base or config.base(), store_text, reconcile(article, doc), limits)
    mentions = doc._.mentions or []
    m.article_node(mentions)
    quote_nodes = {id(q): m.quote(q) for q in doc._.quotes or []}
    for role in doc._.roles or []:
        m.role(role)
    events = {m.event(e) for e in doc._.events or []}
    positions = {m.position(p, quote_nodes) for p in doc._.positions or []}
    graph_name = m.provenance()
    counts = {"actors": len({x.actor.key for x in mentions}), "positions": len(positions),
              "events": len(events), "quotes": len(set(quote_nodes.values())), "roles": len(doc._.roles or [])}
    return MappedArticle(m.article_iri, graph_name, m.g, m.shared, counts, m.type_sources)
