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
