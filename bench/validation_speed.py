"""SHACL validation time per article, on the graphs the real pipeline makes.

Builds the graphs of bench/devset + examples/articles once (read -> spaCy -> mapping),
then times (CPU time of this process: the machine is shared) `kg.validation.validate` on each article's graph (article graph + its shared
additions) and on batches of up to 8 articles as ingest validates them; the median of
several rounds. Two versions alternate graph by graph: pySHACL alone ("pyshacl") and
`fast=True` as ingestion validates ("fast"); with --before, an older version too. Speed-ups
are against the first version listed.

    python -m bench.validation_speed [--rounds 5] [--before DIR] [--cache FILE]

--before DIR: a folder holding an older `validation.py` and `*.ttl` shapes (e.g. copies
taken from git before a change, kept in /tmp); both versions are timed interleaved in the
same run, round by round, and the ratio is printed. Their verdicts are checked to agree.
--cache FILE: keep the built graphs (N-Quads) in FILE and reuse them on the next run.
"""
import argparse
import importlib.util
import statistics
import sys
import time
from functools import partial
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

REPO = Path(__file__).resolve().parents[1]
BATCH = 8


def build_graphs() -> list[Graph]:
    from bench.ingest_throughput import corpus
    from kg.ingest import analyse_files
    from kg.mapping import graph_of
    from kg.nlp import pipeline
    nlp = pipeline.default()
    graphs = []
    for outcome in analyse_files(corpus(), None, nlp):
        if not outcome.ok:
            print("skipped:", outcome.error, file=sys.stderr)
            continue
        graphs.append(graph_of(outcome.mapped.graph, outcome.mapped.shared))
    return graphs


def load_graphs(cache: Path | None) -> list[Graph]:
    if cache and cache.exists():
        ds = Dataset()
        ds.parse(cache, format="nquads")
        names = sorted(str(c.identifier) for c in ds.graphs() if str(c.identifier).startswith("urn:bench:"))
        graphs = []
        for name in names:
            g = Graph()
            for triple in ds.graph(URIRef(name)):
                g.add(triple)
            graphs.append(g)
        return graphs
    graphs = build_graphs()
    if cache:
        ds = Dataset()
        for i, g in enumerate(graphs):
            named = ds.graph(URIRef(f"urn:bench:{i:04d}"))
            for triple in g:
                named.add(triple)
        ds.serialize(cache, format="nquads")
    return graphs


def load_before(folder: Path):
    """The validate() of an older validation.py, with the older shapes files."""
    spec = importlib.util.spec_from_file_location("validation_before", folder / "validation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shapes = Graph()
    for path in sorted(folder.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    module.shapes_graph = lambda: shapes
    return module.validate


def batches(graphs: list[Graph]) -> list[Graph]:
    out = []
    for i in range(0, len(graphs), BATCH):
        union = Graph()
        for g in graphs[i:i + BATCH]:
            union += g
        out.append(union)
    return out


def cpu_seconds(validate, graph) -> tuple[float, bool]:
    start = time.process_time()
    conforms = validate(graph).conforms
    return time.process_time() - start, conforms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--before", type=Path)
    ap.add_argument("--cache", type=Path)
    args = ap.parse_args()

    from kg.validation import validate
    graphs = load_graphs(args.cache)
    triples = sum(len(g) for g in graphs)
    print(f"{len(graphs)} article graphs, {triples} triples ({triples // max(len(graphs), 1)} per article)")
    versions = {"pyshacl": validate, "fast": partial(validate, fast=True)}
    if args.before:
        versions = {"before": load_before(args.before), **versions}
    kinds = {"one article per run": graphs, f"batches of {BATCH}": batches(graphs)}
    times = {(v, k): [0.0] * args.rounds for v in versions for k in kinds}
    verdicts = {(v, k): [] for v in versions for k in kinds}
    for version, fn in versions.items():          # warm up: load shapes, compile
        fn(graphs[0])
    for r in range(args.rounds):
        for kind, gs in kinds.items():
            for g in gs:
                for version, fn in versions.items():   # interleaved graph by graph
                    seconds, conforms = cpu_seconds(fn, g)
                    times[(version, kind)][r] += seconds / len(graphs)
                    if r == 0:
                        verdicts[(version, kind)].append(conforms)
    print(f"CPU time per article (process_time), median [min] of {args.rounds} rounds")
    first = next(iter(versions))
    for kind in kinds:
        print(kind)
        before = times[(first, kind)]
        for version in versions:
            series = times[(version, kind)]
            line = f"  {version:8s} {statistics.median(series) * 1000:6.1f} [{min(series) * 1000:5.1f}] ms"
            if version != first:
                paired = statistics.median(b / n for b, n in zip(before, series))
                line += (f"   speed-up {statistics.median(before) / statistics.median(series):4.1f}x "
                         f"(paired rounds {paired:4.1f}x)")
                if verdicts[(first, kind)] != verdicts[(version, kind)]:
                    line += "   VERDICTS DIFFER"
            print(line)
    bad = sum(not v for v in verdicts[("pyshacl", "one article per run")])
    print(f"{bad} of {len(graphs)} articles do not conform")


if __name__ == "__main__":
    main()
