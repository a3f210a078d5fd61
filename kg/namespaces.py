"""The RDF namespaces of the contract."""
from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

NKG = Namespace("https://w3id.org/newskg/ns#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {"nkg": NKG, "schema": SCHEMA, "owl": OWL, "rdf": RDF, "rdfs": RDFS,
            "skos": SKOS, "prov": PROV, "xsd": XSD, "wd": WD}


def bind_prefixes(graph):
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph
