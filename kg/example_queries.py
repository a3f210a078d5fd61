"""The contract's eight competency questions as ready-to-run SPARQL, for the query page.
They pick their subject (an article, a person, an actor) from the data itself, so each
returns rows on any store that holds a few articles."""
from __future__ import annotations

PREFIXES = """PREFIX nkg: <https://w3id.org/newskg/ns#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

QUESTIONS = [
    ("Actors in an article",
     "Which actors does an article mention, of which types, linked to which Wikidata items?",
     """# the newest article; replace the subquery by <an article IRI> to ask about another
SELECT ?article ?actor ?name ?type ?wikidata WHERE {
  { SELECT ?article WHERE { ?article a schema:NewsArticle ; schema:datePublished ?d }
    ORDER BY DESC(?d) ?article LIMIT 1 }
  ?article schema:mentions ?actor .
  ?actor schema:name ?name ; a ?type .
  FILTER(?type != nkg:Actor)
  OPTIONAL { ?actor owl:sameAs ?wikidata }
}
ORDER BY ?type ?name"""),
    ("Stances on Ukraine and NATO",
     "Who holds which stance on a proposition involving Ukraine and NATO, in which article, attributed to which source?",
     """SELECT ?holderName ?stance ?proposition ?article ?sourceName WHERE {
  ?proposition nkg:involves ?u, ?n .
  ?u owl:sameAs <http://www.wikidata.org/entity/Q212> .     # Ukraine
  ?n owl:sameAs <http://www.wikidata.org/entity/Q7184> .    # NATO
  ?position nkg:proposition ?proposition ; nkg:holder ?holder ;
            nkg:stance ?stance ; nkg:reportedIn ?article .
  ?holder schema:name ?holderName .
  OPTIONAL { ?position nkg:attributedTo ?source . ?source schema:name ?sourceName }
}
ORDER BY ?stance ?holderName"""),
    ("Events between two dates",
     "Which events took place between two dates, where, with which participants?",
     """SELECT ?event ?name ?start ?type ?placeName
       (GROUP_CONCAT(DISTINCT ?participantName; separator=", ") AS ?participants) WHERE {
  ?event a nkg:Event ; schema:name ?name ; schema:startDate ?start ; nkg:eventType ?type .
  FILTER(STR(?start) >= "2020-01-01" && STR(?start) <= "2030-12-31")
  OPTIONAL { ?event schema:location/schema:name ?placeName }
  OPTIONAL { ?event nkg:participant/schema:name ?participantName }
}
GROUP BY ?event ?name ?start ?type ?placeName
ORDER BY ?start"""),
    ("What a person said",
     "What did a given person say, and where was it reported?",
     """# the person quoted most often; put a name in the FILTER to choose another
SELECT ?person ?text ?article ?date WHERE {
  { SELECT ?person (COUNT(?q) AS ?n) WHERE {
      ?q a schema:Quotation ; schema:creator ?person . ?person a schema:Person }
    GROUP BY ?person ORDER BY DESC(?n) ?person LIMIT 1 }
  ?quote schema:creator ?person ; schema:text ?text ; nkg:reportedIn ?article .
  OPTIONAL { ?article schema:datePublished ?date }
}
ORDER BY ?date"""),
    ("Roles an article gives",
     "Which roles does an article give a person?",
     """SELECT ?article ?person ?name ?roleName ?qualifier ?organisation WHERE {
  ?role a nkg:Role ; nkg:holder ?person ; nkg:roleName ?roleName ; nkg:reportedIn ?article .
  ?person schema:name ?name .
  OPTIONAL { ?role nkg:qualifier ?qualifier }
  OPTIONAL { ?role nkg:roleIn ?organisation }
}
ORDER BY ?article ?name
LIMIT 100"""),
    ("Countries opposing, since when",
     "Across all articles: which countries oppose a proposition, and since when?",
     """SELECT ?country ?name ?proposition ?label (MIN(?date) AS ?since) (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?position nkg:holder ?country ; nkg:stance nkg:Opposes ;
            nkg:proposition ?proposition ; nkg:reportedIn ?article .
  ?country a schema:Country ; schema:name ?name .
  ?proposition rdfs:label ?label .
  OPTIONAL { ?article schema:datePublished ?date }
}
GROUP BY ?country ?name ?proposition ?label
ORDER BY ?since ?name"""),
    ("Timeline of one actor",
     "The timeline of events involving one actor.",
     """# the actor taking part in most events; replace by <an actor IRI> to follow another
SELECT ?actor ?start ?event ?name ?type ?placeName WHERE {
  { SELECT ?actor (COUNT(?e) AS ?n) WHERE { ?e nkg:participant ?actor } GROUP BY ?actor ORDER BY DESC(?n) ?actor LIMIT 1 }
  ?event nkg:participant ?actor ; schema:name ?name ; schema:startDate ?start ; nkg:eventType ?type .
  OPTIONAL { ?event schema:location/schema:name ?placeName }
}
ORDER BY ?start"""),
    ("Everything from one article",
     "Everything derived from one article, with its provenance.",
     """# the named graph of the newest article: every triple, the provenance first
SELECT ?s ?p ?o WHERE {
  { SELECT ?graph WHERE { ?graph schema:about ?a . ?a schema:datePublished ?d } ORDER BY DESC(?d) ?graph LIMIT 1 }
  GRAPH ?graph { ?s ?p ?o }
  BIND(IF(?s = ?graph || STRENDS(STR(?s), "#ingestion"), 0, 1) AS ?order)
}
ORDER BY ?order ?s ?p"""),
]


def examples() -> list[dict]:
    """[{"number", "title", "question", "query"}] for the eight competency questions."""
    return [{"number": i, "title": title, "question": question, "query": PREFIXES + "\n" + body}
            for i, (title, question, body) in enumerate(QUESTIONS, start=1)]
