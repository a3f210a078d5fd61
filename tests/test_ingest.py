"""Batched validation: a violation refuses exactly the article it concerns."""
from pathlib import Path

from rdflib import Literal

from kg.ingest import analyse_file, ingest, validate_batch
from kg.namespaces import SCHEMA
from kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (REPO / "examples" / "articles").iterdir() if not p.name.endswith(".meta.json"))


def test_a_violation_is_charged_only_to_its_article(nlp):
    outcomes = [analyse_file(path, nlp=nlp) for path in EXAMPLES]
    assert all(o.ok for o in outcomes) and len(outcomes) >= 3
    broken = outcomes[1].mapped
    broken.graph.add((broken.article, SCHEMA.headline, Literal("A second headline")))
    checked = validate_batch(outcomes)
    assert [o.ok for o in checked] == [True, False] + [True] * (len(outcomes) - 2)
    assert EXAMPLES[1].name in checked[1].error and "headline" in checked[1].error


def test_ingest_stores_every_valid_article_of_a_batch(tmp_path, nlp):
    store = OxigraphStore(tmp_path / "store")
    outcomes = ingest(EXAMPLES, store, batch=2)
    assert all(o.ok for o in outcomes)
    stored = {r["a"].value for r in store.query("SELECT ?a WHERE { ?a a <https://schema.org/NewsArticle> }")}
    assert stored == {str(o.mapped.article) for o in outcomes}


def _quads(store):
    return set(store.oxigraph)


def test_new_graphs_are_stored_as_a_sparql_update_would_store_them(nlp):
    from kg.ingest import replacement
    from kg.store import Store
    mapped = [analyse_file(path, nlp=nlp).mapped for path in EXAMPLES]
    direct, by_update = OxigraphStore(), OxigraphStore()
    direct.replace_graphs([replacement(m) for m in mapped])
    Store.replace_graphs(by_update, [replacement(m) for m in mapped])
    assert _quads(direct) == _quads(by_update) and len(_quads(direct)) > 100


def test_storing_an_article_again_replaces_its_graph(nlp):
    from kg.ingest import replacement
    mapped = analyse_file(EXAMPLES[0], nlp=nlp).mapped
    store = OxigraphStore()
    store.replace_graphs([replacement(mapped)])
    stale = (mapped.article, SCHEMA.headline, Literal("An earlier headline"))
    store.update(f"INSERT DATA {{ GRAPH <{mapped.graph_name}> {{ {' '.join(t.n3() for t in stale)} }} }}")
    store.replace_graphs([replacement(mapped)])
    headlines = store.query(f"SELECT ?h WHERE {{ GRAPH <{mapped.graph_name}> {{ <{mapped.article}> "
                            f"<https://schema.org/headline> ?h }} }}")
    assert [h["h"].value for h in headlines] == [str(o) for s, p, o in mapped.graph if p == SCHEMA.headline]


class _RefusesOneGraph(OxigraphStore):
    """A store whose write fails whenever it includes one particular article's graph."""

    def __init__(self, refused: str):
        super().__init__()
        self.refused = refused

    def replace_graphs(self, replacements):
        if any(r.graph_iri == self.refused for r in replacements):
            raise OSError("disk full")
        super().replace_graphs(replacements)


def test_a_failed_write_fails_only_the_article_that_cannot_be_written(nlp):
    outcomes = [analyse_file(path, nlp=nlp) for path in EXAMPLES]
    refused = outcomes[1].mapped
    store = _RefusesOneGraph(str(refused.graph_name))
    stored = ingest(EXAMPLES, store)
    assert [o.ok for o in stored] == [True, False] + [True] * (len(EXAMPLES) - 2)
    assert "could not be stored" in stored[1].error and "disk full" in stored[1].error
    assert str(refused.graph_name) not in store.graph_names()
    assert {str(o.mapped.graph_name) for o in outcomes if o.mapped is not refused} <= set(store.graph_names())
