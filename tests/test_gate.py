"""The SHACL gate in production drops the offending finding, not the article; a failing
extraction stage drops its own findings, not the article."""
import logging
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import RDFS

from kg.ingest import analyse_file, validate_batch
from kg.mapping import graph_of
from kg.namespaces import NKG, SCHEMA
from kg.nlp import pipeline
from kg.reading import read_article
from kg.validation import validate

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = sorted((REPO / "examples" / "articles").glob("*.txt"))[0]


def test_in_production_a_violation_drops_the_finding_and_counts_it(nlp, monkeypatch, caplog):
    monkeypatch.setenv("NEWSKG_STRICT_SHAPES", "0")
    outcome = analyse_file(EXAMPLE, nlp=nlp)
    mapped = outcome.mapped
    position = next(s for s, p, o in mapped.graph if o == NKG.Position)
    mapped.graph.add((position, NKG.stance, NKG.Neutral))       # a second stance: maxCount 1
    mapped.graph.add((mapped.article, SCHEMA.headline, Literal("A second headline")))
    with caplog.at_level(logging.WARNING, logger="newskg"):
        [checked] = validate_batch([outcome])
    assert checked.ok
    assert validate(graph_of(checked.mapped.graph, checked.mapped.shared)).conforms
    assert not any(s == position for s, p, o in checked.mapped.graph)
    assert len([o for s, p, o in checked.mapped.graph if s == mapped.article and p == SCHEMA.headline]) == 1
    notes = [str(o) for s, p, o in checked.mapped.graph if p == RDFS.comment]
    assert "2 findings dropped at validation: they violated the shapes" in notes
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and all(EXAMPLE.name in line and "shape:" in line for line in lines)
    assert any(str(position) in line for line in lines)


def test_strict_mode_refuses_the_article_and_says_it_is_a_bug(nlp, monkeypatch):
    monkeypatch.setenv("NEWSKG_STRICT_SHAPES", "1")
    outcome = analyse_file(EXAMPLE, nlp=nlp)
    outcome.mapped.graph.add((outcome.mapped.article, SCHEMA.headline, Literal("A second headline")))
    [checked] = validate_batch([outcome])
    assert not checked.ok and "bug in NewsKG" in checked.error


def test_an_exception_inside_a_stage_drops_only_that_stages_findings(nlp, monkeypatch, caplog):
    isolated = nlp.get_pipe("newskg_roles")

    def broken(doc):
        raise IndexError("[E040] Attempt to access token at 99, max length 98.")
    monkeypatch.setattr(isolated, "component", broken)
    article = read_article(EXAMPLE)
    with caplog.at_level(logging.WARNING, logger="newskg"):
        doc = pipeline.analyse(article, nlp)
    assert doc._.roles == [] and doc._.mentions and doc._.quotes is not None
    [line] = [r.getMessage() for r in caplog.records]
    assert "newskg_roles failed (IndexError" in line and EXAMPLE.name in line
    outcome = analyse_file(EXAMPLE, nlp=nlp)
    assert outcome.ok and outcome.mapped.counts["roles"] == 0 and outcome.mapped.counts["actors"] > 0
