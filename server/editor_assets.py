"""YASGUI's built files, served from node_modules (npm install, `make setup`) so the query page
works with no internet access. Only the named files are served: a request never picks a path."""
from __future__ import annotations

import functools
from pathlib import Path

from flask import Blueprint, abort, send_file

BUILD = Path(__file__).resolve().parents[1] / "node_modules" / "@zazuko" / "yasgui" / "build"
FILES = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css"}

ROW_CAP = 1000          # rows the editor draws; the whole answer is a download
SCHEMA_TERMS = ("NewsArticle", "headline", "datePublished", "publisher", "url", "inLanguage", "abstract",
                "mentions", "name", "Person", "Organization", "Country", "NewsMediaOrganization", "Event",
                "startDate", "endDate", "location", "Quotation", "text", "creator", "Place")

blueprint = Blueprint("editor_assets", __name__)


@functools.lru_cache(maxsize=1)
def completion_terms() -> list[str]:
    """The CURIEs the editor completes: every nkg: term of the ontology and the schema.org terms NewsKG uses."""
    from kg.terms import curie
    from kg.vocabulary import term_labels
    own = {curie(iri) for iri in term_labels() if iri.startswith("https://w3id.org/newskg/ns#")}
    return sorted(own) + [f"schema:{t}" for t in SCHEMA_TERMS]


def available() -> bool:
    return all((BUILD / name).is_file() for name in FILES)


@blueprint.route("/static/yasgui/<name>")
def asset(name: str):
    if name not in FILES or not (BUILD / name).is_file():
        abort(404)
    return send_file(BUILD / name, mimetype=FILES[name], max_age=86400, conditional=True)
