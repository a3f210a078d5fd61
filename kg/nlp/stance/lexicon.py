"""The stance component's word lists (data/lexicon.json: what each list is for is written there)."""
import json
from pathlib import Path

LEXICON = json.loads((Path(__file__).parent / "data" / "lexicon.json").read_text(encoding="utf-8"))


def words(name: str) -> frozenset[str]:
    return frozenset(LEXICON[name].split())
