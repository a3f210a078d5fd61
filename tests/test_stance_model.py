"""The trained stance decider: propositions that mean something across articles, and a
committed model that is the one the committed data makes."""
import json
import subprocess
import sys

import numpy as np
import pytest

from kg.ingest import ingest
from kg.store import OxigraphStore
from tests.conftest import REPO

MODEL = REPO / "kg" / "nlp" / "stance" / "model"

DECISIONS = {
    "commission-blocks-rail-deal": (
        "The European Commission decided on Tuesday to block Nordvik's takeover of Alpenrail, "
        "saying the merger would raise fares on Alpine routes.\n\n"
        "Austria welcomed the decision, its transport ministry said.", "alpenrail"),
    "uefa-ownership-rules": (
        "UEFA's executive committee approved new rules on multi-club ownership on Monday, "
        "capping the stake one investor may hold in two clubs in the same competition.\n\n"
        "Manchester City criticised the decision in a statement.", "multi-club"),
    "medicines-agency-malaria": (
        "The African Medicines Agency decided on Thursday to fast-track the approval of a new "
        "malaria vaccine for children under five.\n\n"
        "Nigeria praised the decision, Health Minister Amaka Obi told reporters.", "malaria"),
}
SAME_CLAIM = {
    "budapest-nato-ukraine": "Hungary opposes Ukraine joining NATO, Foreign Minister Péter Szijjártó "
                             "said on Monday in Budapest.",
    "szijjarto-alliance": "Budapest is against Ukraine's accession to the alliance, the Hungarian "
                          "government said in a statement on Wednesday, as NATO ministers met.",
}
POSITIONS = """
PREFIX nkg: <https://w3id.org/newskg/ns#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?holder ?prop ?label ?url WHERE {
  ?p a nkg:Position ; nkg:holder/schema:name ?holder ; nkg:proposition ?prop ; nkg:reportedIn ?a .
  ?prop rdfs:label ?label . ?a schema:url ?url .
}"""


def ingested(tmp_path, articles: dict[str, str]) -> list[dict]:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        meta = {"url": f"https://news.example.org/{name}", "publisher": "Example News",
                "headline": name.replace("-", " "), "datePublished": "2025-03-04"}
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    store = OxigraphStore(tmp_path / "store")
    outcomes = ingest([folder], store)
    assert all(o.ok for o in outcomes), [o.line() for o in outcomes]
    return [{k: str(v.value) for k, v in zip(("holder", "prop", "label", "url"), row)}
            for row in store.query(POSITIONS)]


def test_the_decision_in_three_articles_is_three_propositions_named_for_what_was_decided(tmp_path):
    rows = ingested(tmp_path, {name: text for name, (text, _) in DECISIONS.items()})
    reactions = {r["url"].rsplit("/", 1)[-1]: r for r in rows
                 if r["holder"] in ("Austria", "Manchester City", "Nigeria")}
    assert set(reactions) == set(DECISIONS)
    assert len({r["prop"] for r in reactions.values()}) == 3
    for name, (_, subject) in DECISIONS.items():
        assert subject in reactions[name]["label"].lower(), reactions[name]


def test_one_claim_in_two_articles_is_one_proposition(tmp_path):
    rows = ingested(tmp_path, SAME_CLAIM)
    hungary = [r for r in rows if r["holder"] == "Hungary"]
    assert {r["url"].rsplit("/", 1)[-1] for r in hungary} == set(SAME_CLAIM)
    assert len({r["prop"] for r in hungary}) == 1, hungary


def test_the_committed_model_is_trained_on_the_committed_data():
    from training.positions import train
    meta = json.loads((MODEL / "stance-model.json").read_text(encoding="utf-8"))
    if not train.real_train_articles():
        pytest.skip("../shared/corpus/real is not here")
    assert meta["training_data_sha256"] == train.data_digest(train.examples(), train.article_sources())


@pytest.mark.slow
def test_training_again_makes_the_committed_model(tmp_path):
    pytest.importorskip("sklearn")
    from training.positions import train
    if not train.real_train_articles():
        pytest.skip("../shared/corpus/real is not here")
    out = tmp_path / "model"
    done = subprocess.run([sys.executable, "-m", "training.positions.train", "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    committed = json.loads((MODEL / "stance-model.json").read_text(encoding="utf-8"))
    made = json.loads((out / "stance-model.json").read_text(encoding="utf-8"))
    assert made["features"] == committed["features"] and made["labels"] == committed["labels"]
    old, new = np.load(MODEL / "stance-weights.npz"), np.load(out / "stance-weights.npz")
    for part in ("sparse", "dense", "bias"):
        assert np.allclose(old[part], new[part], atol=1e-4), part
