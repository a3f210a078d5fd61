"""Component "newskg_stance": the trained decider of positions (doc._.positions).

It runs after "newskg_positions", whose cue-found positions it takes as candidates beside every
clause in which a named actor acts or speaks (kg.nlp.stance.candidates). For each candidate the
model (kg.nlp.stance.classifier, trained by `make train` on training/positions/) gives the
probability of each stance and of "no position"; a candidate becomes a position for each of its
holders when a stance is the likeliest answer. What it is about comes from
kg.nlp.stance.propositions; who reported it, from the sentence's sources.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Position
from .candidates import CandidateFinder
from .classifier import NONE, StanceClassifier
from .propositions import PropositionMaker, article_scope

MODEL_DIR = Path(__file__).parent / "model"


@Language.factory(
    "newskg_stance",
    requires=["doc._.mentions", "doc._.quotes", "doc._.positions"],
    assigns=["doc._.positions"],
    default_config={"model": str(MODEL_DIR), "min_probability": 0.0, "overrule_cues_above": 0.9},
)
def make_stance_decider(nlp: Language, name: str, model: str, min_probability: float,
                        overrule_cues_above: float):
    return StanceDecider(StanceClassifier(Path(model)), min_probability, overrule_cues_above)


class StanceDecider:
    """min_probability: the least probability of a stance that makes a position;
    overrule_cues_above: how sure the model must be of another answer (another stance, or none)
    to overrule the stance the cue rules found for a clause."""

    def __init__(self, classifier: StanceClassifier, min_probability: float = 0.0,
                 overrule_cues_above: float = 0.9):
        self.classifier = classifier
        self.min_probability = min_probability
        self.overrule = overrule_cues_above

    def __call__(self, doc: Doc) -> Doc:
        doc._.positions = self.decide(doc)
        return doc

    def decide(self, doc: Doc) -> list[Position]:
        finder = CandidateFinder(doc)
        candidates = finder.run(list(doc._.positions or []))
        probabilities = self.classifier.probabilities(candidates)
        labels = self.classifier.labels
        props = PropositionMaker(list(doc._.mentions or []), article_scope(doc))
        found: dict[tuple, Position] = {}
        for candidate, row in zip(candidates, probabilities):
            best = int(row.argmax())
            stance, probability = labels[best], float(row[best])
            rule = candidate.rule
            if rule is not None and stance != rule.stance and probability <= self.overrule:
                stance, probability = rule.stance, float(row[labels.index(rule.stance)])
            elif stance == NONE or probability < self.min_probability:
                continue
            for holder in candidate.holders:
                prop, held = props.for_candidate(candidate, holder, stance)
                made = finder.finder.positions(candidate.unit, [holder], held, prop, probability)
                for position in made:
                    key = (position.holder.key, position.stance, position.proposition.key)
                    if key not in found:
                        found[key] = position
        return list(found.values())
