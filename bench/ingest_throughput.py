"""Ingestion throughput against the bare language pipeline, measured in the same run.

Baseline: spaCy's English model alone (`nlp.pipe`) on the articles' texts.
Ours: the whole ingestion — read the file, extract, map, validate with SHACL, store — on the
same articles, into a fresh embedded store. Both run in this process, one core, interleaved:
each round times the baseline and then ours. Two ratios are reported:

- best rounds: the fastest baseline round over the fastest round of ours. Other work on a
  shared machine only ever adds time, so the fastest round is the best estimate of what the
  code itself costs (the convention of Python's timeit).
- paired rounds: the median of the rounds' own ratios (the two halves of a round see much the
  same drift), with their spread. On a busy machine single rounds swing widely.

    python -m bench.ingest_throughput [--rounds 9] [--copies 2]
"""
import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import spacy

from kg.ingest import ingest
from kg.nlp import pipeline
from kg.reading import iter_article_files, read_article
from kg.store import OxigraphStore

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"


def corpus() -> list[Path]:
    folders = [REPO / "bench" / "devset", REPO / "examples" / "articles"]
    seed = REPO.parent / "shared" / "corpus" / "seed-article.txt"
    return iter_article_files(folders) + ([seed] if seed.exists() else [])


def time_baseline(nlp, texts) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - start


def time_ingestion(files) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        store = OxigraphStore(Path(tmp) / "store")
        start = time.perf_counter()
        outcomes = ingest(files, store)
        elapsed = time.perf_counter() - start
        store.close()
    failed = [o.error for o in outcomes if not o.ok]
    if failed:
        raise SystemExit("ingestion failed: " + "; ".join(failed))
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--copies", type=int, default=1, help="process the corpus this many times per round")
    args = ap.parse_args()
    files = corpus() * args.copies
    texts = [read_article(f).text for f in files]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(pipeline.MODEL)
    pipeline.default()                                  # load once, outside the timings
    time_baseline(bare, texts[:2]), time_ingestion(files[:2])   # warm up both
    base_times, ours_times = [], []
    for _ in range(args.rounds):
        base_times.append(time_baseline(bare, texts))
        ours_times.append(time_ingestion(files))
    base, ours = min(base_times), min(ours_times)
    ratios = sorted(b / o for b, o in zip(base_times, ours_times))
    result = {
        "articles": len(files), "words": words, "rounds": args.rounds,
        "baseline": {"seconds": round(base, 3), "articles_per_s": round(len(files) / base, 2),
                     "words_per_s": round(words / base)},
        "newskg_ingest": {"seconds": round(ours, 3), "articles_per_s": round(len(files) / ours, 2),
                          "words_per_s": round(words / ours)},
        "ratio_best_rounds": round(base / ours, 3),
        "ratio_paired_median": round(statistics.median(ratios), 3),
        "round_ratios": [round(r, 3) for r in ratios],
    }
    print(f"{len(files)} articles, {words} words, {args.rounds} rounds; fastest round of each")
    print(f"{'':28s}{'articles/s':>12s}{'words/s':>10s}")
    for name, key in (("bare spaCy model", "baseline"), ("newskg ingest (all stages)", "newskg_ingest")):
        print(f"{name:28s}{result[key]['articles_per_s']:>12.2f}{result[key]['words_per_s']:>10d}")
    print(f"throughput ratio (ours / bare), best rounds: {result['ratio_best_rounds']:.2f}")
    print(f"throughput ratio (ours / bare), paired rounds: {result['ratio_paired_median']:.2f} median "
          f"(rounds ranged {ratios[0]:.2f}-{ratios[-1]:.2f})")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ingest.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
