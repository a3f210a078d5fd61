"""Word vectors for the stance model: a compact table (kg/nlp/stance/model/vectors.*) made by
`make train` from the static vectors of spaCy's en_core_web_md, reduced to fewer dimensions.
Words the table does not hold get no vector (zeros)."""
from __future__ import annotations

from pathlib import Path

import numpy as np


class WordVectors:
    def __init__(self, folder: Path):
        self.table = np.load(folder / "vectors.npy").astype(np.float32)
        self.row: dict[str, int] = {}
        with open(folder / "vector-words.txt", encoding="utf-8") as lines:
            for line in lines:
                word, row = line.rstrip("\n").split(" ")
                self.row[word] = int(row)
        self.width = self.table.shape[1]
        self.zero = np.zeros(self.width, dtype=np.float32)

    def of(self, word: str) -> np.ndarray:
        row = self.row.get(word.lower())
        return self.zero if row is None else self.table[row]

    def mean(self, words: list[str]) -> np.ndarray:
        rows = [self.row[w] for w in (w.lower() for w in words) if w in self.row]
        return self.table[rows].mean(axis=0) if rows else self.zero
