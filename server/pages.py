"""The linked-data site: the home page, a page (and RDF) for every /id/ IRI, the HTML
query page, the dataset description, the dump, the ontology and the shapes.

Every page asks kg.views / kg.describe / kg.void for plain data and renders it."""
from __future__ import annotations

import json
from urllib.parse import quote

from flask import Blueprint, Flask, Response, render_template, request, send_file

from kg import describe as kg_describe
from kg import ids, views

from . import rdf_responses as rdf
from .context import server_context
from .page_helpers import install_filters

bp = Blueprint("pages", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static")
blueprint = bp
KIND_VIEWS = {"article": "article.html", "actor": "actor.html", "proposition": "proposition.html",
              "event": "event.html"}


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    install_filters(app)


def query_page():
    """The HTML query page /sparql gives browsers that send no query."""
    from kg.example_queries import examples
    listed = examples()
    page = render_template("query.html", examples=listed, endpoint="/sparql", base=_base(),
                           examples_json=rdf.script_safe_json(json.dumps(listed)))
    return Response(page, content_type="text/html; charset=utf-8", headers={"Vary": "Accept"})


def _store():
    return server_context().store


def _base() -> str:
    return server_context().base


def html_response(template: str, status: int = 200, **context) -> Response:
    return Response(render_template(template, **context), status=status, content_type="text/html; charset=utf-8")


@bp.route("/")
def home():
    return html_response("home.html", **views.home(_store()))


def not_found(path: str, media: str | None, what: str) -> Response:
    if media in (None, rdf.HTML):
        response = html_response("not_found.html", 404, what=what, path=path)
    else:
        response = Response(f"404 Not Found: {what}\n", status=404, content_type="text/plain; charset=utf-8")
    return rdf.negotiated(response, path)


def not_acceptable(path: str, message: str) -> Response:
    types = ", ".join([rdf.HTML] + rdf.RDF_TYPES)
    return rdf.negotiated(Response(f"406 Not Acceptable: {message}; this resource is served as {types}\n",
                                   status=406, content_type="text/plain; charset=utf-8"), path)


@bp.route("/id/<kind>/<path:key>")
def resource(kind: str, key: str):
    path = request.path
    try:
        media = rdf.chosen_type()
    except rdf.NotAcceptable as e:
        return not_acceptable(path, str(e))
    if kind not in ids.KINDS:
        return not_found(path, media, f"there is no kind of resource called {kind!r}")
    store, base = _store(), _base()
    iri = f"{base}id/{kind}/{quote(key, safe='/-._~:@!$&()*+,;=')}"
    try:
        known = views.describes(store, iri)
    except ValueError:
        known = False
    if not known:
        return not_found(path, media, f"this dataset says nothing about {iri}")
    quads = kg_describe.describe(store, iri, base)
    if media != rdf.HTML:
        return rdf.rdf_response(quads, media, path)
    embedded = rdf.script_safe_json(rdf.jsonld_text(quads))
    if kind == "article":
        data = views.article(store, iri, base)
    elif kind == "actor":
        data = views.actor(store, iri)
    elif kind == "proposition":
        data = views.proposition(store, iri)
    elif kind == "event":
        data = views.event(store, iri)
    else:
        data = views.resource(store, iri)
    template = KIND_VIEWS.get(kind, "resource.html")
    return rdf.negotiated(html_response(template, kind=kind, data=data, jsonld=embedded, path=path), path)
