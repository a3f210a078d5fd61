"""The trained stance decider at run time: a multinomial logistic regression over a
candidate's named features and word vectors (weights in kg/nlp/stance/model/, made by
`make train`). Only numpy is needed to apply it."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .candidates import Candidate
from .features import dense_features, named_features
from .vectors import WordVectors

NONE = "none"


class StanceClassifier:
    def __init__(self, folder: Path):
        meta = json.loads((folder / "stance-model.json").read_text(encoding="utf-8"))
        self.labels: list[str] = meta["labels"]
        self.index: dict[str, int] = {name: i for i, name in enumerate(meta["features"])}
        weights = np.load(folder / "stance-weights.npz")
        self.sparse_w = weights["sparse"].astype(np.float32)     # features x labels
        self.dense_w = weights["dense"].astype(np.float32)       # dense dims x labels
        self.bias = weights["bias"].astype(np.float32)
        self.dense_scale = float(meta["dense_scale"])
        self.vectors = WordVectors(folder)
        self.meta = meta

    def probabilities(self, candidates: list[Candidate]) -> np.ndarray:
        if not candidates:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        scores = np.tile(self.bias, (len(candidates), 1))
        for row, candidate in enumerate(candidates):
            ids = {self.index[f] for f in named_features(candidate) if f in self.index}
            if ids:
                scores[row] += self.sparse_w[list(ids)].sum(axis=0)
            scores[row] += self.dense_scale * dense_features(candidate, self.vectors) @ self.dense_w
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)
