"""/sparql: the SPARQL 1.1 Protocol (query, update, service description)."""
from __future__ import annotations

import logging
import re
from functools import lru_cache

import pyoxigraph as ox
from flask import Blueprint, Response, request

from kg.store import OxigraphStore

from . import serialization as ser
from . import sparql_update
from .context import ServerContext, cors, server_context
from .fast_path import request_key
from .negotiation import accepts_html, best_match
from .protocol import Operation, ProtocolError, read_operation
from .query_guard import (NotAcceptable, QueryError, QuerySyntaxError, QueryTimeout, ResultTooLarge)
from .result_cache import CachedAnswer
from .service_description import service_description_response
from .operation_check import refusal
from .sparql_text import add_using, check_iri, keywords, names_update_dataset

log = logging.getLogger(__name__)
blueprint = Blueprint("sparql", __name__)

STATUS = {QuerySyntaxError: 400, NotAcceptable: 406, ResultTooLarge: 422, QueryTimeout: 503, QueryError: 500}
# functions whose value changes from one evaluation to the next: such answers are not cached
VOLATILE = frozenset({"NOW", "RAND", "UUID", "STRUUID"})


def text_response(status: int, message: str, headers: dict | None = None) -> Response:
    return Response(message.rstrip("\n") + "\n", status=status, headers=headers or {},
                    content_type="text/plain; charset=utf-8")


@blueprint.route("/sparql", methods=["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"])
@blueprint.route("/sparql/", methods=["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"])
def sparql():
    ctx = server_context()
    if request.method == "OPTIONS":
        return preflight()
    try:
        op = read_operation(request)
        if op is None:
            if ctx.query_page is not None and accepts_html(request.headers.get("Accept")):
                return ctx.query_page()
            # the configured public base, never the request's Host header
            return cors(service_description_response(ctx, ctx.base + request.path.lstrip("/")))
        if op.kind == "query":
            return cors(run_query(ctx, op))
        return run_update(ctx, op)
    except ProtocolError as e:
        return cors(text_response(e.status, e.message, e.headers))


def preflight() -> Response:
    response = Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    response.headers["Access-Control-Max-Age"] = "3600"
    response.headers["Allow"] = "GET, POST, HEAD, OPTIONS"
    return cors(response)


def chosen_formats(op: Operation) -> tuple[str | None, str | None]:
    """(media type for SELECT/ASK results, media type for CONSTRUCT/DESCRIBE graphs)."""
    requested = op.params.get("format") or op.params.get("output")
    if requested:
        media = ser.FORMAT_NAMES.get(requested.strip().lower(), requested.strip().lower())
        results = media if media in ser.RESULTS_FORMATS else None
        graph = media if media in ser.GRAPH_FORMATS else ser.GRAPH_EQUIVALENT.get(media)
        if results is None and graph is None:
            raise ProtocolError(400, f"unknown format {requested!r}")
        return results, graph
    return formats_for_accept(request.headers.get("Accept"))


@lru_cache(maxsize=256)
def formats_for_accept(accept: str | None) -> tuple[str | None, str | None]:
    """The media types an Accept header chooses; clients repeat the same few headers, so
    each is parsed once."""
    return (best_match(accept, ser.SOLUTIONS_MEDIA_TYPES, "application/sparql-results+json"),
            best_match(accept, ser.GRAPH_MEDIA_TYPES, "text/turtle"))


@lru_cache(maxsize=64)
def content_type(media_type: str) -> str:
    return ser.content_type(media_type)


def with_base(text: str) -> str:
    """Relative IRIs in a request resolve against the endpoint's URL (on a line of its
    own before the request: error positions are moved back by `error_position`)."""
    base = request.base_url
    return f"BASE <{base}>\n{text}" if check_iri(base) else "\n" + text


def error_position(message: str) -> str:
    return re.sub(r"error at (\d+):(\d+)", lambda m: f"error at line {int(m[1]) - 1}, column {m[2]}", message, count=1)


def run_query(ctx: ServerContext, op: Operation) -> Response:
    results_type, graph_type = chosen_formats(op)
    text = with_base(op.text)
    cache = ctx.cache
    key = (text, tuple(op.graphs), tuple(op.named_graphs), results_type, graph_type)
    if cache.enabled:
        cached = cache.get(key)
        if cached is not None:  # the same request passed every check below when it was computed
            remember_request(cache, cached)
            return answer(cached.media_type, cached.body, "hit")
    refused = refusal(op.text, "query")
    if refused:
        raise ProtocolError(400, refused)
    words = keywords(op.text)
    store = ctx.store
    # The store answers with the union of all graphs as default graph, which would also
    # override a query's own FROM: such a query goes to Oxigraph as it is.
    own_dataset = (isinstance(store, OxigraphStore) and not (op.graphs or op.named_graphs)
                   and "FROM" in words)

    def job(out) -> str:
        if own_dataset:
            result = store.oxigraph.query(text)
        else:
            result = store.query(text, default_graph_uris=op.graphs, named_graph_uris=op.named_graphs)
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            if results_type is None:
                raise NotAcceptable("none of the accepted media types can carry SPARQL results; "
                                    "use application/sparql-results+json, +xml, text/csv or text/tab-separated-values")
            ser.write_results(result, results_type, out)
            return results_type
        if graph_type is None:
            raise NotAcceptable("none of the accepted media types can carry an RDF graph; use text/turtle, "
                                "application/n-triples, application/rdf+xml, application/ld+json, ...")
        ser.write_graph(result, graph_type, out)
        return graph_type

    generation = cache.generation  # read before the evaluation starts: a write meanwhile voids the answer
    try:
        evaluation = ctx.runner.run(job)
    except QueryError as e:
        status = STATUS.get(type(e), 500)
        headers = {"Retry-After": "60"} if status == 503 else {}
        if status == 500:
            log.warning("query failed: %s", e)
        message = error_position(str(e)) if status == 400 else str(e)
        return text_response(status, f"query failed: {message}" if status == 500 else message, headers)
    if not cache.enabled:
        return answer(evaluation.media_type, evaluation.body, None)
    computed = CachedAnswer(evaluation.media_type, evaluation.body, generation)
    kept = not (words & VOLATILE) and cache.put(key, computed)
    if kept:
        remember_request(cache, computed)
    return answer(evaluation.media_type, evaluation.body, "miss" if kept else "bypass")


def remember_request(cache, cached: CachedAnswer) -> None:
    """Files the answer under this very request too, for fast_path to find before Flask."""
    shortcut = request_key(request.environ)
    if shortcut is not None:
        cache.put(shortcut, cached)


def answer(media_type: str, body: bytes, cache_status: str | None) -> Response:
    """A query answer; `X-Cache` says whether it came from the cache (hit), was computed
    and kept (miss), or computed and not kept (bypass: too large, volatile, or the store
    changed meanwhile)."""
    response = Response(b"" if request.method == "HEAD" else body, content_type=content_type(media_type))
    response.headers["Vary"] = "Accept"
    if cache_status:
        response.headers["X-Cache"] = cache_status
    return response


def run_update(ctx: ServerContext, op: Operation) -> Response:
    if not ctx.update_token:
        return text_response(403, "updates are disabled on this server")
    if not ctx.may_write():
        return text_response(403, "an update needs Authorization: Bearer <update token>")
    refused = refusal(op.text, "update")
    if refused:
        return text_response(400, refused)
    text = op.text
    if op.graphs or op.named_graphs:
        if names_update_dataset(text):
            return text_response(400, "the update names its own dataset (USING/WITH) and the request gives "
                                      "using-graph-uri/using-named-graph-uri: use one or the other")
        text = add_using(text, op.graphs, op.named_graphs)
    try:
        sparql_update.run_update(ctx.store, ctx.runner, ctx.store_lock, with_base(text), ctx.update_timeout,
                                 ctx.base)
    except sparql_update.InvalidWrite as e:
        return text_response(422, f"the update was refused: it would leave graphs that violate the shapes\n{e}")
    except (SyntaxError, QuerySyntaxError) as e:
        return text_response(400, error_position(str(e)))
    except QueryTimeout as e:
        return text_response(503, f"the update {str(e).removeprefix('it ')}; nothing was changed",
                             {"Retry-After": "60"})
    except ResultTooLarge as e:
        return text_response(413, f"the update changes too much to be applied over HTTP: {e}")
    except QueryError as e:
        log.warning("update failed: %s", e)
        return text_response(500, f"the update failed and changed nothing: {e}")
    except Exception as e:  # the store refused it; never crash the server
        log.warning("update failed: %s", e)
        return text_response(500, f"the update failed: {type(e).__name__}: {e}")
    return Response(status=204)
