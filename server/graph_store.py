"""The SPARQL 1.1 Graph Store HTTP Protocol.

Indirect identification at /rdf-graph-store (?graph=IRI or ?default) and direct
identification on this server's graph IRIs ({base}graph/...). Reads are open, writes need
the bearer token. "The default graph" here is the store's own default graph (what a PUT
to ?default writes), not the union of all graphs that SPARQL queries see.

Request bodies are parsed in the guarded child process (no network, deadline, output
cap) and come back as N-Quads, so no parser quirk (entity expansion, remote JSON-LD
contexts) can hurt the server process."""
from __future__ import annotations

import ctypes
import re
import uuid

import pyoxigraph as ox
from flask import Blueprint, Response, request

from kg.store import OxigraphStore

from . import serialization as ser
from . import sparql_update
from .context import ServerContext, cors, server_context
from .negotiation import accepts_html, best_match
from .protocol import ProtocolError, parse_params
from .query_guard import QueryError, QuerySyntaxError, QueryTimeout, ResultTooLarge
from .sparql_endpoint import text_response
from .sparql_text import check_iri

blueprint = Blueprint("graph_store", __name__)
METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"]
DEFAULT = None  # the target "default graph"


@blueprint.route("/rdf-graph-store", methods=METHODS + ["PATCH"])
def indirect():
    ctx = server_context()
    try:
        params = parse_params(request.query_string)
        graphs, default = params.getlist("graph"), "default" in params
        if len(graphs) > 1 or (graphs and default):
            raise ProtocolError(400, "name one graph: ?graph=IRI or ?default")
        if not graphs and not default:
            if request.method == "POST":
                return handle(ctx, f"{ctx.base}graph/uploaded/{uuid.uuid4()}", new_resource=True)
            raise ProtocolError(400, "name a graph: ?graph=IRI or ?default")
        target = graphs[0] if graphs else DEFAULT
        if target is not None and not check_iri(target):
            raise ProtocolError(400, f"not an IRI: {target!r}")
        return handle(ctx, target)
    except ProtocolError as e:
        return text_response(e.status, e.message, e.headers)


@blueprint.route("/graph/<path:rest>", methods=METHODS + ["PATCH"])
def direct(rest: str):
    ctx = server_context()
    iri = ctx.base + "graph/" + rest
    if not check_iri(iri):
        return text_response(400, "not a graph IRI")
    page = ctx.extra.get("graph_page")
    if request.method == "GET" and page is not None and accepts_html(request.headers.get("Accept")):
        return page(iri)
    try:
        return handle(ctx, iri)
    except ProtocolError as e:
        return text_response(e.status, e.message, e.headers)


def handle(ctx: ServerContext, graph: str | None, new_resource: bool = False) -> Response:
    method = request.method
    if method == "OPTIONS":
        response = Response(status=204, headers={"Allow": ", ".join(METHODS)})
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept"
        return cors(response)
    if method in ("GET", "HEAD"):
        return cors(read(ctx, graph))
    if method not in ("PUT", "POST", "DELETE"):
        raise ProtocolError(405, f"{method} is not supported here", {"Allow": ", ".join(METHODS)})
    if not ctx.update_token:
        return text_response(403, "writes are disabled on this server")
    if not ctx.may_write():
        return text_response(403, "a write needs Authorization: Bearer <update token>")
    if method == "DELETE":
        return delete(ctx, graph)
    return write(ctx, graph, replace=(method == "PUT"), new_resource=new_resource)


def graph_exists(ctx: ServerContext, graph: str | None) -> bool:
    if graph is None:
        return True
    store = ctx.store
    if isinstance(store, OxigraphStore):
        return store.oxigraph.contains_named_graph(ox.NamedNode(graph))
    return graph in store.graph_names()


def read(ctx: ServerContext, graph: str | None) -> Response:
    media_type = best_match(request.headers.get("Accept"), ser.GRAPH_MEDIA_TYPES, "text/turtle")
    if media_type is None:
        raise ProtocolError(406, "acceptable: " + ", ".join(ser.GRAPH_MEDIA_TYPES))
    if not graph_exists(ctx, graph):
        raise ProtocolError(404, f"no graph {graph}")
    store = ctx.store

    def job(out) -> str:
        if graph is None and isinstance(store, OxigraphStore):
            triples = (ox.Triple(q.subject, q.predicate, q.object)
                       for q in store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        elif graph is None:
            triples = []
        else:
            triples = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        ser.write_graph(triples, media_type, out)
        return media_type

    evaluation = run(ctx, job)
    response = Response(b"" if request.method == "HEAD" else evaluation.body,
                        content_type=ser.content_type(evaluation.media_type))
    response.headers["Vary"] = "Accept"
    return response


def run(ctx: ServerContext, job):
    try:
        return ctx.runner.run(job)
    except QuerySyntaxError as e:
        raise ProtocolError(400, f"the RDF in the request body is not valid: {e}") from None
    except ResultTooLarge as e:
        raise ProtocolError(413, str(e)) from None
    except QueryTimeout as e:
        raise ProtocolError(503, str(e)) from None
    except QueryError as e:
        raise ProtocolError(400 if request.method in ("PUT", "POST") else 500, str(e)) from None


_NESTED_ENTITY = re.compile(rb"<!ENTITY[^>]*&[^>]*>", re.IGNORECASE)


def parsed_body(ctx: ServerContext, graph: str | None) -> bytes:
    """The request body's triples as N-Quads in the target graph (parsed in a child)."""
    fmt = ser.PARSE_FORMATS.get(request.mimetype)
    if fmt is None:
        raise ProtocolError(415, "send one of: " + ", ".join(ser.PARSE_FORMATS))
    data = request.get_data(cache=True)
    if fmt == ox.RdfFormat.RDF_XML and _NESTED_ENTITY.search(data):
        raise ProtocolError(400, "XML entities defined by other entities are not accepted")
    base = graph or request.base_url

    def job(out) -> str:
        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()

        def placed(quads):
            for quad in quads:
                if not isinstance(quad.graph_name, ox.DefaultGraph):
                    raise QuerySyntaxError("the body names graphs of its own; send triples")
                yield ox.Quad(quad.subject, quad.predicate, quad.object, target)
        ox.serialize(placed(ox.parse(data, fmt, base_iri=base)), out, ox.RdfFormat.N_QUADS)
        return "application/n-quads"

    return run(ctx, job).body


def insert_data(graph: str | None, quads: list[ox.Quad]) -> str:
    triples = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    if graph is None:
        return f"INSERT DATA {{\n{triples}\n}}"
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{triples}\n}} }}"


def write(ctx: ServerContext, graph: str | None, replace: bool, new_resource: bool) -> Response:
    nquads = parsed_body(ctx, graph)
    validated = graph is not None and sparql_update.needs_validation({graph}, ctx.base)
    if isinstance(ctx.store, OxigraphStore) and not validated:
        # straight from the child's N-Quads into the store: no SPARQL text, no Python quads
        with ctx.store_lock:
            existed = graph_exists(ctx, graph)
            if replace:
                ctx.store.update("DROP SILENT DEFAULT" if graph is None else f"DROP SILENT GRAPH <{graph}>")
            if graph is not None:
                ctx.store.oxigraph.add_graph(ox.NamedNode(graph))
            if nquads:
                ctx.store.oxigraph.load(nquads, format=ox.RdfFormat.N_QUADS)
        _release_memory()
        return _written(graph, existed, new_resource)
    quads = list(ox.parse(nquads, ox.RdfFormat.N_QUADS))
    target = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
    operations = [f"DROP SILENT {target}"] if replace else []
    if graph is not None and not quads:
        operations.append(f"CREATE SILENT GRAPH <{graph}>")
    if quads:
        operations.append(insert_data(graph, quads))
    del quads
    if validated:
        # an article's graph (or the shared one) must stay valid: computed and checked in a child
        existed = graph_exists(ctx, graph)
        try:
            sparql_update.run_update(ctx.store, ctx.runner, ctx.store_lock, " ;\n".join(operations),
                                     ctx.update_timeout, ctx.base)
        except sparql_update.InvalidWrite as e:
            raise ProtocolError(422, f"the graph was refused: it violates the shapes\n{e}") from None
        except SyntaxError as e:
            raise ProtocolError(400, f"the data cannot be stored: {e}") from None
        except QueryTimeout as e:
            raise ProtocolError(503, f"the write {str(e).removeprefix('it ')}; nothing was changed") from None
        except QueryError as e:
            raise ProtocolError(500, f"the write failed and changed nothing: {e}") from None
    else:
        with ctx.store_lock:
            existed = graph_exists(ctx, graph)
            if operations:
                try:
                    ctx.store.update(" ;\n".join(operations))
                except SyntaxError as e:
                    raise ProtocolError(400, f"the data cannot be stored: {e}") from None
    _release_memory()
    return _written(graph, existed, new_resource)


def _written(graph: str | None, existed: bool, new_resource: bool) -> Response:
    if new_resource:
        return Response(status=201, headers={"Location": graph})
    return Response(status=204 if existed else 201)


def _release_memory() -> None:
    """Gives the heap freed by a large write back to the system (glibc keeps it otherwise)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def delete(ctx: ServerContext, graph: str | None) -> Response:
    with ctx.store_lock:
        if not graph_exists(ctx, graph):
            raise ProtocolError(404, f"no graph {graph}")
        ctx.store.update("DROP DEFAULT" if graph is None else f"DROP GRAPH <{graph}>")
    return Response(status=204)
