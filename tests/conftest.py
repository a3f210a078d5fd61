import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSKG_SHARED", REPO.parent / "shared"))
SEED = SHARED / "corpus" / "seed-article.txt"
SEED_GOLD = SHARED / "corpus" / "seed-article.gold.json"
SCORE = SHARED / "eval" / "score.py"


@pytest.fixture(scope="session")
def nlp():
    """The full extraction pipeline, loaded once."""
    from kg.nlp import pipeline
    return pipeline.default()
