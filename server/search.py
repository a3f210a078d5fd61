"""/search: the label search over actors, propositions, events and articles (kg.search_index).

JSON ({"results": [{"id", "label", "type", "mentions"}]}) for programs (Accept:
application/json or ?format=json), a results page for browsers. The index is the file ingest
keeps beside an embedded store, rebuilt from the store when a write went around it."""
from __future__ import annotations

import json
import threading

from flask import Blueprint, Response, render_template, request

from kg import search_index

from .context import server_context
from .negotiation import best_match

blueprint = Blueprint("search", __name__, template_folder="templates")
MAX_LIMIT, DEFAULT_LIMIT, PAGE_LIMIT = 100, 10, 50
MAX_QUERY = 200
KIND_NAMES = {"actor": "Actor", "proposition": "Proposition", "event": "Event", "article": "Article"}
_lock = threading.Lock()


def index() -> search_index.SearchIndex:
    ctx = server_context()
    generation = ctx.extra.get("generation")
    with _lock:
        ctx.extra["search_index"] = search_index.current_index(ctx.extra.get("search_index"), ctx.store, generation)
        return ctx.extra["search_index"]


def wants_json() -> bool:
    requested = request.args.get("format", "").strip().lower()
    if requested:
        return requested == "json"
    return best_match(request.headers.get("Accept"), ["text/html", "application/json"], "text/html") == "application/json"


def limit_asked(default: int) -> int:
    try:
        return min(max(int(request.args.get("limit", default)), 1), MAX_LIMIT)
    except ValueError:
        return default


@blueprint.route("/search")
def search():
    q = request.args.get("q", "")[:MAX_QUERY]
    kind = request.args.get("type", "").strip().lower() or None
    as_json = wants_json()
    if kind is not None and kind not in search_index.KINDS:
        message = f"type must be one of {', '.join(search_index.KINDS)}"
        if as_json:
            return Response(json.dumps({"error": message}), status=400, content_type="application/json")
        return Response(f"400 Bad Request: {message}\n", status=400, content_type="text/plain; charset=utf-8")
    hits = index().search(q, kind, limit_asked(DEFAULT_LIMIT if as_json else PAGE_LIMIT)) if q.strip() else []
    if as_json:
        response = Response(json.dumps({"results": [h.json() for h in hits]}, ensure_ascii=False),
                            content_type="application/json")
        response.headers["Access-Control-Allow-Origin"] = "*"
    else:
        counts: dict[str, int] = {}
        for h in hits:
            counts[h.kind] = counts.get(h.kind, 0) + 1
        response = Response(render_template("search.html", q=q, kind=kind, hits=hits, counts=counts,
                                            kinds=KIND_NAMES), content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response
