"""Turns query-result terms into plain Python values the pages can render, and gives
readable names to vocabulary IRIs ("schema:headline", "holder")."""
from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .namespaces import PREFIXES

PREFIX_BY_NAMESPACE = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()),
                             key=lambda pair: -len(pair[0]))
PREFIX_BY_NAMESPACE += [("http://purl.org/dc/terms/", "dcterms"), ("http://rdfs.org/ns/void#", "void"),
                        ("http://www.w3.org/ns/shacl#", "sh")]


def plain(term) -> dict | None:
    """A term as a dict: {"iri": ...} for IRIs, {"bnode": ...} for blank nodes,
    {"value": ..., "datatype": ..., "lang": ...} for literals; None stays None."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"iri": term.value}
    if isinstance(term, ox.BlankNode):
        return {"bnode": term.value}
    if isinstance(term, ox.Literal):
        return {"value": term.value, "datatype": term.datatype.value if term.datatype else None,
                "lang": term.language}
    return {"value": str(term)}


def value(term) -> str | None:
    """The lexical value of a term: the IRI, or the literal's text."""
    return None if term is None else term.value


def curie(iri: str) -> str:
    """`https://schema.org/headline` -> `schema:headline`; unknown namespaces stay whole."""
    for namespace, prefix in PREFIX_BY_NAMESPACE:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def local_name(iri: str) -> str:
    """The last segment of an IRI: after '#', else after the last '/'."""
    for sep in ("#", "/"):
        if sep in iri:
            tail = iri.rsplit(sep, 1)[1]
            if tail:
                return tail
    return iri


def humanise(name: str) -> str:
    """'NewsMediaOrganization' -> 'news media organization', 'datePublished' -> 'date published'."""
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and (not name[i - 1].isupper() or (i + 1 < len(name) and name[i + 1].islower())):
            out.append(" ")
        out.append(ch.lower() if ch.isupper() and not (i + 1 < len(name) and name[i + 1].isupper()) else ch)
    return "".join(out).replace("_", " ")


def sparql_iri(iri: str) -> str:
    """An IRI written into a query; refuses characters that would break out of <...>."""
    if any(c in iri for c in '<>"{}|^`\\ \n\r\t'):
        raise ValueError(f"not a usable IRI: {iri!r}")
    return f"<{iri}>"


def to_rdflib(term):
    """An Oxigraph term as the equal rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(term)
