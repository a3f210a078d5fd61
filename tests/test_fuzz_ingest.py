"""Bounded, seeded fuzzing of ingestion: mutations of the project's own example articles are
either stored and valid, or refused with one clean error line; never a traceback, never part of
an article."""
import random
from pathlib import Path

from kg.ingest import ingest
from kg.store import OxigraphStore
from kg.store_validation import validate_store

REPO = Path(__file__).resolve().parents[1]
SOURCES = sorted(p for p in (REPO / "examples" / "articles").iterdir() if not p.name.endswith(".meta.json"))
MUTATIONS = 300
SEED = 9
MARKUP = ["<div class=\"ad\">", "</p><p>", "<script>alert(1)</script>", "<b>", "&amp;", "<!-- x -->", "<br/>",
          "]]>", "{\"a\": 1}", "<html><body>"]
QUOTES = ['"', "“", "”", "'", "‘", "’", "«", "»", '""', "“ ”"]
CONTROLS = ["\x00", "\x07", "\x1b[31m", "\u202e", "\u2066", "\r", "\x0b", "\ufeff", "\u200b", "\x85"]


def _mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(("truncate", "markup", "quotes", "controls", "duplicate"))
        at = rng.randrange(len(text) + 1) if text else 0
        if kind == "truncate":
            text = text[:at]
        elif kind == "markup":
            text = text[:at] + rng.choice(MARKUP) + text[at:]
        elif kind == "quotes":
            for _ in range(rng.randint(1, 6)):
                at = rng.randrange(len(text) + 1)
                text = text[:at] + rng.choice(QUOTES) + text[at:]
        elif kind == "controls":
            text = text[:at] + rng.choice(CONTROLS) + text[at:]
        else:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            lines[i:i + 1] = [lines[i]] * rng.randint(2, 4)
            text = "\n".join(lines)
    return text


def test_mutated_examples_are_stored_valid_or_refused_in_one_clean_line(tmp_path):
    rng = random.Random(SEED)
    folder = tmp_path / "mutants"
    folder.mkdir()
    for i in range(MUTATIONS):
        source = rng.choice(SOURCES)
        text = _mutate(source.read_text(encoding="utf-8"), rng)
        (folder / f"m{i:03d}{source.suffix}").write_bytes(text.encode("utf-8", "surrogatepass"))
    store = OxigraphStore(tmp_path / "store")
    outcomes = ingest([folder], store)
    assert len(outcomes) == MUTATIONS
    stored = set(store.graph_names())
    for outcome in outcomes:
        if outcome.ok:
            assert str(outcome.mapped.graph_name) in stored
            continue
        line = outcome.error
        assert "\n" not in line and "Traceback" not in line, line
        assert line.startswith(str(outcome.path)), line
        # refused as unreadable input, never because of a fault or a violation of ours
        assert "could not be processed" not in line and "bug in NewsKG" not in line, line
    refused = [o for o in outcomes if not o.ok]
    assert len(refused) < MUTATIONS / 2          # most mutants are still articles
    report = validate_store(store)
    assert report.conforms, report.text[-3000:]
    store.close()
