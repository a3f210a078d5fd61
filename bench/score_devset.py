"""Scores extraction on an annotated set (the development set by default, and the seed when
../shared is there) with the shared scorer, and prints one row per article plus the macro average.

    python -m bench.score_devset [--set devset|heldout|heldout2|heldout3|real-dev|real-train|real]
                                 [--markdown] [--reports FILE]

bench/devset is what the rules were developed on; bench/heldout and bench/heldout2 were written
later on other topics and their failures used to find general causes; bench/heldout3 is kept
unseen for a final check. The real-* sets are the real pages of ../shared/corpus/real, split as
its SPLIT.md says; each of those is ingested into a store of its own, and an article that is
refused scores 0 on every part.
"""
import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REAL = SHARED / "corpus" / "real"
SETS = ("devset", "heldout", "heldout2", "heldout3", "real-dev", "real-train", "real")
SCORER = SHARED / "eval" / "score.py"
COLUMNS = ("actors", "links", "positions", "pos.full", "pos.attr", "vague", "events", "ev.type", "quotes",
           "q.speaker", "roles", "meta", "clean")


def figures(report: dict) -> dict:
    return {
        "actors": report["actors"]["f1"],
        "links": report["links"]["accuracy"],
        "positions": report["positions"]["f1"],
        "pos.full": report["positions"]["full_f1"],
        "pos.attr": report["positions"].get("attribution_accuracy") or 0.0,
        "vague": float(report["positions"].get("vague_labels") or 0),
        "events": report["events"]["f1"],
        "ev.type": report["events"]["type_accuracy"],
        "quotes": report["quotes"]["recall"],
        "q.speaker": report["quotes"]["speaker_accuracy"],
        "roles": report["roles"]["recall"],
        "meta": report["article"]["score"],
        "clean": 1.0 if report["boilerplate"]["clean"] else 0.0,
    }


def article_files(folder: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        for ext in (".txt", ".html", ".json"):
            if (folder / f"{stem}{ext}").exists():
                pairs.append((folder / f"{stem}{ext}", gold))
    return pairs


def real_split(name: str) -> set[str]:
    """The article stems that ../shared/corpus/real/SPLIT.md lists under its '## NAME' heading."""
    stems, current = set(), None
    for line in (REAL / "SPLIT.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].split()[0]
        elif current == name and line.strip() and not line.startswith(("#", "All ")):
            stems.add(line.strip())
    return stems


def set_files(name: str) -> list[tuple[Path, Path]]:
    if not name.startswith("real"):
        return article_files(REPO / "bench" / name)
    pairs = article_files(REAL)
    dev = real_split("dev")
    if name == "real":
        return pairs
    keep = (lambda stem: stem in dev) if name == "real-dev" else (lambda stem: stem not in dev)
    return [(article, gold) for article, gold in pairs if keep(gold.name[: -len(".gold.json")])]


def load_scorer():
    spec = importlib.util.spec_from_file_location("newskg_shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(pairs, reports: dict | None = None) -> dict[str, dict]:
    """Ingests the articles into one fresh store, exports it once and scores each article in it;
    the scorer's full reports go into `reports` when given."""
    newskg = Path(sys.executable).with_name("newskg")
    scorer = load_scorer()
    with tempfile.TemporaryDirectory() as tmp:
        store, dump = Path(tmp) / "store", Path(tmp) / "all.nq"
        subprocess.run([newskg, "ingest", *[str(p) for p, _ in pairs], "--store", store],
                       capture_output=True, text=True)
        subprocess.run([newskg, "export", "--store", store, "--out", dump], check=True)
        graph = scorer.Graph(data=str(dump))
        rows = {}
        for article, gold in pairs:
            report = scorer.score(graph, json.loads(gold.read_text(encoding="utf-8")))
            if reports is not None:
                reports[article.name] = report
            rows[article.name] = figures(report) if "error" not in report else None
    return rows


def run_each(pairs, reports: dict | None = None) -> dict[str, dict]:
    """One store per article, so that no article's shared findings reach another's score; a
    refused article scores 0."""
    rows = {}
    for pair in pairs:
        row = run([pair], reports)[pair[0].name]
        rows[pair[0].name] = row or dict.fromkeys(COLUMNS, 0.0)
    return rows


def macro_average(rows: dict[str, dict]) -> dict:
    scored = [r for r in rows.values() if r]
    return {c: round(sum(r[c] for r in scored) / len(scored), 3) for c in COLUMNS} if scored else {}


def table(rows: dict[str, dict], markdown: bool) -> str:
    lines = []
    if markdown:
        lines.append("| article | " + " | ".join(COLUMNS) + " |")
        lines.append("|---" * (len(COLUMNS) + 1) + "|")
    for name, r in rows.items():
        cells = [f"{r[c]:.2f}" for c in COLUMNS] if r else ["not stored"] * len(COLUMNS)
        lines.append(f"| {name} | " + " | ".join(cells) + " |" if markdown
                     else f"{name[:40]:40s} " + " ".join(f"{c:>9s}" for c in cells))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--set", default="devset", choices=SETS, help="which annotated set to score")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--reports", type=Path, help="write the scorer's full reports (JSON) here")
    args = ap.parse_args()
    if not SCORER.exists():
        sys.exit(f"{SCORER}: the shared scorer is needed")
    reports = {}
    pairs = set_files(args.set)
    rows = (run_each if args.set.startswith("real") else run)(pairs, reports)
    rows[f"macro average ({args.set})"] = macro_average(rows)
    if args.reports:
        args.reports.write_text(json.dumps(reports, indent=1, ensure_ascii=False), encoding="utf-8")
    seed = SHARED / "corpus" / "seed-article.txt"
    if seed.exists() and args.set == "devset":
        rows["seed (../shared/corpus)"] = run([(seed, SHARED / "corpus" / "seed-article.gold.json")])[seed.name]
    print(table(rows, args.markdown))


if __name__ == "__main__":
    main()
