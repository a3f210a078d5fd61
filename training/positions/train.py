"""Trains the stance model (kg/nlp/stance/model/) from the hand-written examples in
training/positions/data/, deterministically: the same data gives the same weights.

    python -m training.positions.train [--check]

Each example is parsed by NewsKG's pipeline up to the cue-found positions; every candidate
(kg.nlp.stance.candidates) is labelled with the stance of the annotated position whose holder
it names and whose cue lies in its clause, or "none". A multinomial logistic regression
(scikit-learn) learns the labels from the candidates' features. --check trains on nine tenths
of the examples and reports how the rest is decided, without writing the model.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
REAL = REPO.parent / "shared" / "corpus" / "real"
MODEL = REPO / "kg" / "nlp" / "stance" / "model"
LABELS = ["none", "Supports", "Opposes", "Hesitant", "Conditional", "Neutral"]
MIN_COUNT = 2          # a named feature seen in fewer training candidates is left out
C = 1.0                # inverse regularisation strength
DENSE_SCALE = 1.0
WEIGHT_POWER = 0.5     # each class weighs (n / (classes * its count)) ** this: 1 = balanced


def class_weights(y: np.ndarray) -> dict[int, float]:
    counts = Counter(y.tolist())
    return {k: (len(y) / (len(counts) * n)) ** WEIGHT_POWER for k, n in counts.items()}


def examples() -> list[dict]:
    out = []
    for path in sorted(DATA.glob("*.jsonl")):
        out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return sorted(out, key=lambda e: e["id"])


def data_digest(items: list[dict], real: list[tuple[Path, dict]]) -> str:
    """What the model is made from: the examples, and the real pages and golds of the train split."""
    h = hashlib.sha256()
    for e in items:
        h.update(json.dumps(e, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for page, gold in real:
        h.update(page.read_bytes())
        h.update(json.dumps(gold, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def nearest(text: str, needle: str, near: int) -> tuple[int, int] | None:
    """The occurrence of needle in text nearest to the offset `near`."""
    starts, at = [], text.find(needle)
    while at >= 0:
        starts.append(at)
        at = text.find(needle, at + 1)
    if not starts:
        return None
    start = min(starts, key=lambda s: abs(s - near))
    return start, start + len(needle)


def gold_spans(example: dict) -> list[dict]:
    text, out = example["text"], []
    for p in example["positions"]:
        cue = nearest(text, p["cue"], 0)
        if cue is None:
            continue
        holder = nearest(text, p["holder_text"], cue[0])
        out.append({**p, "cue_span": cue, "holder_span": holder})
    return out


def overlaps(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


def label_candidates(candidates, golds, fold) -> tuple[list[str], set[int]]:
    """The label of each candidate, and which golds some candidate carries."""
    labels, carried = [], set()
    for c in candidates:
        label = "none"
        tokens = c.clause if c.anchor is not None else list(c.unit)
        clause_chars = [(t.idx, t.idx + len(t.text)) for t in tokens]
        holder_chars = None
        if c.subject is not None:
            ids = sorted(c.holder_ids) or [c.subject.i]
            doc = c.unit.doc
            holder_chars = (doc[ids[0]].idx, doc[ids[-1]].idx + len(doc[ids[-1]].text))
        names = {fold(h.name) for h in c.holders}
        for index, g in enumerate(golds):
            named = overlaps(holder_chars, g["holder_span"]) if g["holder_span"] else False
            named = named or fold(g["holder"]) in names or fold(g["holder_text"]) in names
            cue_in = any(overlaps(span, g["cue_span"]) for span in clause_chars)
            if named and cue_in and label in ("none", g["stance"]):
                label = g["stance"]
                carried.add(index)
        labels.append(label)
    return labels, carried


def build_candidates(items: list[dict]):
    """(candidates, labels, report) for the examples, parsed by the pipeline."""
    from kg import registry
    from kg.article import Article
    from kg.nlp import pipeline
    from kg.nlp.model import Actor
    from kg.nlp.stance.candidates import CandidateFinder
    from kg.ids import slug

    nlp = pipeline.build(tuple(name for name, _ in pipeline.STAGES if name != "newskg_stance"))
    all_candidates, all_labels, per_example = [], [], []
    golds_total = golds_carried = 0
    for example in items:
        article = Article(source=Path(example["id"]), text=example["text"],
                          headline=example["id"], date_published="2025-01-15")
        doc = nlp(pipeline.make_doc(nlp, article))
        golds = gold_spans(example)

        def extra_holder(tok, golds=golds):
            for g in golds:
                span = g["holder_span"]
                if span and span[0] <= tok.idx < span[1]:
                    known = registry.find(g["holder"])
                    return [known or Actor(slug(g["holder"]), g["holder"], "Organization")]
            return []

        candidates = CandidateFinder(doc, extra_holder).run(list(doc._.positions or []))
        labels, carried = label_candidates(candidates, golds, registry.fold)
        golds_total += len(golds)
        golds_carried += len(carried)
        all_candidates += candidates
        all_labels += labels
        per_example.append(len(candidates))
    report = {"examples": len(items), "candidates": len(all_candidates),
              "labels": dict(Counter(all_labels)), "golds": golds_total,
              "golds_with_a_candidate": golds_carried}
    return all_candidates, all_labels, per_example, report


def real_train_articles() -> list[tuple[Path, dict]]:
    """The train split of ../shared/corpus/real (SPLIT.md): (page, gold). Read at training time,
    never copied."""
    if not (REAL / "SPLIT.md").exists():
        return []
    from bench.score_devset import real_split
    dev = real_split("dev")
    out = []
    for gold in sorted(REAL.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        page = REAL / f"{stem}.txt"
        if stem not in dev and page.exists():
            out.append((page, json.loads(gold.read_text(encoding="utf-8"))))
    return out


def article_sources(with_real: bool = True) -> list[tuple[Path, dict]]:
    """The annotated articles the model also learns from, at a distance (real_candidates)."""
    return real_train_articles() if with_real else []


STANCE_OF_POLARITY = {"positive": "Supports", "negative": "Opposes", "neutral": "Conditional"}


def terms_met(terms: list[list[str]], words: list[str]) -> bool:
    """Every group of the gold's proposition_terms has a stem that begins a word (a stem of
    one or two characters: the whole word)."""
    def hit(stem: str) -> bool:
        parts = stem.split()
        if len(parts) > 1:
            n = len(parts)
            return any(words[i:i + n - 1] == parts[:-1] and words[i + n - 1].startswith(parts[-1])
                       for i in range(len(words) - n + 1))
        if len(stem) <= 2:
            return stem in words or stem + "s" in words
        return any(w.startswith(stem) for w in words)
    return bool(terms) and all(any(hit(stem) for stem in group) for group in terms)


def real_candidates(articles):
    """Candidates of real pages labelled from their golds, at a distance: a candidate whose
    holder has no position in the gold is no position; one whose sentence names what one of
    the holder's positions is about (its proposition_terms) has that stance; the rest are left
    out, being unknown."""
    import re
    from kg import registry
    from kg.nlp import pipeline
    from kg.nlp.stance.candidates import CandidateFinder
    from kg.reading import read_article

    nlp = pipeline.build(tuple(name for name, _ in pipeline.STAGES if name != "newskg_stance"))
    out_c, out_y = [], []
    for page, gold in articles:
        article = read_article(page)
        doc = nlp(pipeline.make_doc(nlp, article))
        names = {}
        for actor in gold["actors"]:
            for form in [actor["name"], *actor.get("aliases", [])]:
                names.setdefault(registry.fold(form), actor["name"])
        by_holder: dict[str, list[dict]] = {}
        for p in gold["positions"]:
            by_holder.setdefault(p["holder"], []).append(p)
        for c in CandidateFinder(doc).run(list(doc._.positions or [])):
            holders = {names.get(registry.fold(h.name)) for h in c.holders} - {None}
            if not holders:
                continue
            golds = [p for h in holders for p in by_holder.get(h, [])]
            if not golds:
                out_c.append(c)
                out_y.append("none")
                continue
            words = re.sub(r"[^a-z0-9]+", " ", c.unit.text.lower()).split()
            met = [p for p in golds if terms_met(p.get("proposition_terms") or [], words)]
            if met:
                p = met[0]
                out_c.append(c)
                out_y.append((p.get("stances") or [STANCE_OF_POLARITY[p["polarity"]]])[0])
    return out_c, out_y


def featurise(candidates, vectors):
    from kg.nlp.stance.features import dense_features, named_features
    named = [sorted(set(named_features(c))) for c in candidates]
    dense = np.stack([dense_features(c, vectors) for c in candidates]) if candidates else None
    return named, dense


def matrix(named, dense, index):
    from scipy.sparse import csr_matrix, hstack
    rows, cols = [], []
    for r, feats in enumerate(named):
        for f in feats:
            if f in index:
                rows.append(r)
                cols.append(index[f])
    sparse = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(named), len(index)))
    return hstack([sparse, csr_matrix(dense * DENSE_SCALE)]).tocsr()


def fit(named, dense, labels, c=C):
    from sklearn.linear_model import LogisticRegression
    counts = Counter(f for feats in named for f in feats)
    features = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(features)}
    X = matrix(named, dense, index)
    y = np.array([LABELS.index(label) for label in labels])
    model = LogisticRegression(C=c, max_iter=3000, class_weight=class_weights(y), random_state=0)
    model.fit(X, y)
    return model, features, index


def save(model, features, dense_width, report, digest, out: Path = MODEL):
    out.mkdir(parents=True, exist_ok=True)
    classes = [LABELS[i] for i in model.classes_]
    coef = model.coef_.T            # features+dense x classes
    n = len(features)
    np.savez_compressed(out / "stance-weights.npz", sparse=coef[:n].astype(np.float32),
                        dense=coef[n:].astype(np.float32), bias=model.intercept_.astype(np.float32))
    meta = {"labels": classes, "features": features, "dense_scale": DENSE_SCALE,
            "dense_width": dense_width, "C": C, "min_count": MIN_COUNT,
            "training_data_sha256": digest, "training": report}
    (out / "stance-model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0) + "\n",
                                             encoding="utf-8")


def check(items, cs=(C,)):
    """Nine tenths for training, one tenth (by id) held out; one report per C."""
    from kg.nlp.stance.vectors import WordVectors
    held = [e for e in items if int(hashlib.md5(e["id"].encode()).hexdigest(), 16) % 10 == 0]
    train = [e for e in items if e not in held]
    vectors = WordVectors(MODEL)
    c_train, y_train, _, r1 = build_candidates(train)
    c_held, y_held, _, r2 = build_candidates(held)
    n_train, d_train = featurise(c_train, vectors)
    n_held, d_held = featurise(c_held, vectors)
    print(json.dumps({"train": r1, "held": r2}))
    for c in cs:
        model, features, index = fit(n_train, d_train, y_train, c)
        predicted = [LABELS[model.classes_[i]] for i in model.predict(matrix(n_held, d_held, index)).tolist()]
        tp = sum(p == y and y != "none" for p, y in zip(predicted, y_held))
        pp = sum(p != "none" for p in predicted)
        gp = sum(y != "none" for y in y_held)
        f1 = 2 * tp / max(pp + gp, 1)
        print(f"C={c}: held-out candidates: precision {tp / max(pp, 1):.3f} recall {tp / max(gp, 1):.3f} "
              f"F1 {f1:.3f} (position and stance right)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--c", type=float, action="append", help="with --check: the C values to try")
    ap.add_argument("--out", type=Path, help="write the model here (default: kg/nlp/stance/model)")
    ap.add_argument("--no-real", action="store_true",
                    help="leave out the train split of ../shared/corpus/real")
    args = ap.parse_args(argv)
    from kg.nlp.stance.vectors import WordVectors
    items = examples()
    if not (MODEL / "vectors.npy").exists():
        from training.positions.vectors import build
        build(128)
    if args.check:
        check(items, args.c or (C,))
        return 0
    candidates, labels, _, report = build_candidates(items)
    real = article_sources(not args.no_real)
    if real:
        real_c, real_y = real_candidates(real)
        candidates, labels = candidates + real_c, labels + real_y
        report["real_train_candidates"] = dict(Counter(real_y))
    named, dense = featurise(candidates, WordVectors(MODEL))
    model, features, _ = fit(named, dense, labels)
    if args.out is not None and args.out != MODEL:
        args.out.mkdir(parents=True, exist_ok=True)
        for name in ("vectors.npy", "vector-words.txt"):
            (args.out / name).write_bytes((MODEL / name).read_bytes())
    save(model, features, dense.shape[1], report, data_digest(items, real), args.out or MODEL)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
