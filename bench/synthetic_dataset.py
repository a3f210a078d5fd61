"""A benchmark dataset: the real ingested articles, multiplied.

Every article graph is copied K times under another graph name; the IRIs that belong to
one article (the article itself, its positions, quotes, roles, events, its graph and the
evidence fragments `{article}#char=...`) get a `-r{k}` suffix in each copy, while the
shared graph (actors, places, propositions) is kept once. The result looks like a large
news archive: many articles, each with its own positions, about the same actors."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

# IRIs owned by one article: {base}id/{kind}/{key}[#...] and {base}graph/article/{key}[#...]
_PER_ARTICLE = re.compile(r"^(?P<head>.*?/(?:id/(?:article|position|quote|role|event)|graph/article)/[^#]+)"
                          r"(?P<tail>#.*)?$")


def _renamed(value: str, suffix: str) -> str | None:
    m = _PER_ARTICLE.match(value)
    return None if m is None else m["head"] + suffix + (m["tail"] or "")


def _copy_term(term, suffix: str):
    if isinstance(term, ox.NamedNode):
        renamed = _renamed(term.value, suffix)
        return term if renamed is None else ox.NamedNode(renamed)
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(term.value + suffix.replace("-", "_"))
    return term


def is_article_graph(graph) -> bool:
    return isinstance(graph, ox.NamedNode) and "/graph/article/" in graph.value


def multiplied(quads: Iterable[ox.Quad], copies: int) -> Iterator[ox.Quad]:
    """The quads as they are, plus `copies` renamed copies of every article graph."""
    article_quads = []
    for quad in quads:
        yield quad
        if is_article_graph(quad.graph_name):
            article_quads.append(quad)
    for k in range(1, copies + 1):
        suffix = f"-r{k}"
        for q in article_quads:
            yield ox.Quad(_copy_term(q.subject, suffix), q.predicate, _copy_term(q.object, suffix),
                          _copy_term(q.graph_name, suffix))


def copies_for(quads: list[ox.Quad], target_quads: int) -> int:
    """How many copies of the article graphs bring the dataset to about `target_quads`."""
    per_copy = sum(1 for q in quads if is_article_graph(q.graph_name))
    if per_copy == 0:
        raise ValueError("the seed store holds no article graphs")
    return max(0, round((target_quads - len(quads)) / per_copy))


def write_multiplied_dump(seed_store: Path, out: Path, target_quads: int) -> int:
    """Writes the multiplied seed store as N-Quads to `out`; returns the number of copies."""
    store = ox.Store.read_only(str(seed_store))
    quads = list(store)
    del store
    copies = copies_for(quads, target_quads)
    with open(out, "wb") as f:
        ox.serialize(multiplied(quads, copies), f, ox.RdfFormat.N_QUADS)
    return copies
