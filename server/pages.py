"""The linked-data site: the home page, a page (and RDF) for every /id/ IRI, the HTML
query page, the dataset description, the dump, the ontology and the shapes.

Every page asks kg.views / kg.describe / kg.void for plain data and renders it."""
from __future__ import annotations

import json
from urllib.parse import quote

from flask import Blueprint, Flask, Response, current_app, render_template, request, send_file

from kg import config
from kg import describe as kg_describe
from kg import ids, views, vocabulary
from kg import void as kg_void

from . import charts, editor_assets, http_caching, page_metadata
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
    app.extensions["newskg_dump"] = kg_void.DumpCache()  # one per app: each app has its own store

    @app.context_processor
    def head_defaults():  # every page: canonical link, description, licence (a page may override `head`)
        return {"head": page_metadata.default_head(), "license_iri": config.license_iri()}


def query_page():
    """The HTML query page /sparql gives browsers that send no query."""
    from kg.example_queries import examples
    listed = examples()
    terms = editor_assets.completion_terms()
    page = render_template("query.html", examples=listed, endpoint="/sparql", base=_base(),
                           examples_json=rdf.script_safe_json(json.dumps(listed)),
                           yasgui=editor_assets.available(), row_cap=editor_assets.ROW_CAP,
                           terms_json=rdf.script_safe_json(json.dumps(terms)))
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


def page_number() -> int:
    try:
        return min(max(int(request.args.get("page", "1")), 1), 100_000)
    except ValueError:
        return 1


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
    if media != rdf.HTML:
        page = page_number()
        quads, more = kg_describe.describe_page(store, iri, base, page=page, page_size=kg_describe.PAGE_SIZE)
        response = rdf.rdf_response(quads, media, path)
        if more:  # the statements pointing to it go on on the next page
            response.headers["Link"] += f', <{path}?page={page + 1}>; rel="next"'
        return response
    quads = kg_describe.describe(store, iri, base, incoming=False)
    extra = {}
    if kind == "article":
        data = views.article(store, iri, base)
    elif kind == "actor":
        data = views.actor(store, iri)
    elif kind == "proposition":
        data = views.proposition(store, iri)
        extra["chart"] = charts.stance_timeline(data["positions"])
    elif kind == "event":
        data = views.event(store, iri)
    else:
        data = views.resource(store, iri)
    template = KIND_VIEWS.get(kind, "resource.html")
    changed = http_caching.last_modified()
    modified = (data.get("provenance") or {}).get("generated_at") or (changed.isoformat() if changed else None)
    head = page_metadata.resource_head(kind, iri, data, modified)
    title = data.get("headline") or data.get("name") or data.get("label") or iri
    embedded = rdf.script_safe_json(rdf.jsonld_text(page_metadata.page_node(iri, title, head) + list(quads)))
    return rdf.negotiated(html_response(template, kind=kind, data=data, jsonld=embedded, path=path, head=head,
                                        **extra), path, media=rdf.HTML)


# --- named graphs: the contents of one article's graph -------------------------------------

# /graph/... itself is the Graph Store Protocol's (server core); browsers read a graph here.
GRAPH_PAGE = "/graph-page/"


@bp.route(GRAPH_PAGE + "<path:name>")
def named_graph(name: str):
    return graph_page(f"{_base()}graph/{quote(name, safe='/-._~:@!$&()*+,;=')}")


def graph_page(iri: str):
    """The contents of one named graph: an HTML page (or RDF by Accept / ?format)."""
    path = request.path
    try:
        media = rdf.chosen_type()
    except rdf.NotAcceptable as e:
        return not_acceptable(path, str(e))
    store = _store()
    try:
        quads = kg_describe.graph_contents(store, iri)
    except ValueError:
        quads = []
    if not quads:
        return not_found(path, media, f"there is no graph {iri}")
    if media != rdf.HTML:
        return rdf.rdf_response(quads, media, path)
    data = views.graph(store, iri, quads)
    return rdf.negotiated(html_response("graph.html", data=data, path=path), path)


# --- the dataset: VoID and the dump ------------------------------------------------------

def _generation():
    """A write counter, if the server core keeps one (ServerContext.extra["generation"])."""
    return server_context().extra.get("generation")


@bp.route("/.well-known/void")
@bp.route("/void")
def void():
    path = request.path
    try:
        media = rdf.chosen_type(default="text/turtle")
    except rdf.NotAcceptable as e:
        return not_acceptable(path, str(e))
    store, base = _store(), _base()
    stats = kg_void.statistics(store, base)
    graph = kg_void.void_graph(store, base, stats)
    if media == rdf.HTML:
        return rdf.negotiated(html_response("void.html", stats=stats, base=base, path=path), path)
    return rdf.graph_response(graph, media, path)


@bp.route("/dump.nq.gz")
def dump():
    dump_file, etag = current_app.extensions["newskg_dump"].get_with_etag(_store(), _generation())
    # the file itself is gzip (not a Content-Encoding): clients get the .nq.gz as it is;
    # If-None-Match, If-Modified-Since and Range are answered by send_file
    response = send_file(dump_file, mimetype="application/gzip", as_attachment=True,
                         download_name="newskg.nq.gz", max_age=0, conditional=True, etag=etag,
                         last_modified=http_caching.last_modified())
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Link"] = f'<{config.license_iri()}>; rel="license", </.well-known/void>; rel="describedby"'
    return response


# --- the vocabulary -----------------------------------------------------------------------

@bp.route("/ontology")
def ontology():
    return _vocabulary_page(vocabulary.ontology_triples, "ontology.html", vocabulary.ontology_doc)


@bp.route("/shapes")
def shapes():
    return _vocabulary_page(vocabulary.shapes_triples, "shapes.html", vocabulary.shapes_doc)


def _vocabulary_page(graph, template: str, doc):
    """RDF of the vocabulary by Accept, or its documentation page."""
    path = request.path
    try:
        media = rdf.chosen_type()
    except rdf.NotAcceptable as e:
        return not_acceptable(path, str(e))
    if media != rdf.HTML:
        return rdf.graph_response(graph(), media, path)
    return rdf.negotiated(html_response(template, doc=doc(), path=path), path)
