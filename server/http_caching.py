"""CORS and conditional requests for every readable resource outside /sparql.

- Every GET/HEAD answer may be read by any web page, with the headers a linked-data client
  needs exposed (Link, Content-Location, ETag, ...); an OPTIONS preflight on any of these
  routes answers what a cross-origin GET may send (Comunica's Accept, a JSON-LD profile,
  Authorization, the conditional headers). Writes never get CORS headers.
- Every 200 answer to GET/HEAD gets a strong ETag (a hash of its body, so each
  representation has its own) and, for the embedded store, a Last-Modified (see
  last_modified); If-None-Match / If-Modified-Since then give 304.

/sparql and the Graph Store Protocol keep their own CORS and preflight (server core); cached
/sparql answers never reach Flask."""
from __future__ import annotations

import threading
from datetime import datetime, timezone

from flask import Flask, Response, request

from kg import views
from kg.store import OxigraphStore

from .context import server_context

OWN_CORS = ("/sparql", "/rdf-graph-store", "/graph")   # the protocol routes answer CORS themselves
READS = frozenset({"GET", "HEAD"})
ALLOWED_HEADERS = ("Accept, Accept-Language, Accept-Profile, Authorization, Content-Type, If-Match, "
                   "If-Modified-Since, If-None-Match, Range")
EXPOSED_HEADERS = ("Content-Length, Content-Location, Content-Type, ETag, Last-Modified, Link, Vary, "
                   "Accept-Ranges, Content-Range, X-Cache")
_lock = threading.Lock()
STARTED = datetime.now(timezone.utc)


def own_cors(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in OWN_CORS)


def last_modified() -> datetime | None:
    """When the store last changed, as far as this server can tell: the newest generation
    time of its article graphs, but never earlier than this process's start (a store
    written by SPARQL Update in an earlier run keeps no date of that write), and after a
    write through this server the moment it first answered after it. None for a remote
    store, which can be written behind our back: its answers carry an ETag only."""
    ctx = server_context()
    if not isinstance(ctx.store, OxigraphStore):
        return None
    generation = ctx.store_lock.generation
    with _lock:
        known = ctx.extra.get("last_modified")
        if known is not None and known[0] == generation:
            return known[1]
    moment = STARTED if not generation else datetime.now(timezone.utc)
    rows = views.select(ctx.store, "SELECT (MAX(?t) AS ?m) WHERE { GRAPH ?g { ?g prov:generatedAtTime ?t } }")
    if rows and rows[0]["m"] is not None:
        try:
            generated = datetime.fromisoformat(rows[0]["m"].value.replace("Z", "+00:00"))
            moment = max(moment, generated if generated.tzinfo else generated.replace(tzinfo=timezone.utc))
        except ValueError:
            pass
    moment = moment.replace(microsecond=0)
    with _lock:
        ctx.extra["last_modified"] = (generation, moment)
    return moment


def add_cors(response: Response) -> Response:
    response.headers.setdefault("Access-Control-Allow-Origin", "*")
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def preflight(response: Response) -> Response:
    """The answer to OPTIONS on a readable route (Flask's automatic OPTIONS answer)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response.headers["Access-Control-Max-Age"] = "3600"
    return add_cors(response)


def conditional(response: Response) -> Response:
    """ETag and Last-Modified on a whole 200 answer; 304 when the client has it already."""
    if response.status_code != 200 or response.direct_passthrough or response.is_streamed:
        return response
    if "ETag" not in response.headers:
        response.add_etag()
    if response.last_modified is None:
        response.last_modified = last_modified()  # None leaves it unset
    return response.make_conditional(request)


def install(app: Flask) -> None:
    @app.after_request
    def caching_and_cors(response: Response) -> Response:
        if own_cors(request.path):
            return response
        if request.method == "OPTIONS":
            return preflight(response) if response.status_code < 400 else response
        if request.method not in READS:
            return response
        response = conditional(response)
        return add_cors(response)
