"""/reconcile: a W3C Entity Reconciliation Service (API v0.2, as OpenRefine speaks it) over
the actors: the manifest, reconciliation queries, suggest (entities, types, properties),
preview, and data extension. Matching is kg.reconciliation's; this module only reads
requests and writes JSON."""
from __future__ import annotations

import json
import threading

from flask import Blueprint, Response, request
from markupsafe import escape

from kg import reconciliation as rec
from kg.store import OxigraphStore
from kg.terms import curie, local_name

from .context import server_context

blueprint = Blueprint("reconcile", __name__)
ROOT = "/reconcile"
MAX_QUERIES = 200        # queries in one batch
MAX_LIMIT = 100          # candidates per query
MAX_TEXT = 500           # characters of one name
MAX_PROPERTIES = 20      # property constraints of one query
_index_lock = threading.Lock()


class BadRequest(Exception):
    pass


def json_response(data, status: int = 200) -> Response:
    response = Response(json.dumps(data, ensure_ascii=False), status=status,
                        content_type="application/json; charset=utf-8")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def actor_index() -> rec.ActorIndex:
    """The index of the store's actors, rebuilt after every write (a remote store, which
    can change behind our back, is read afresh for every request)."""
    ctx = server_context()
    if not isinstance(ctx.store, OxigraphStore):
        return rec.ActorIndex.from_store(ctx.store)
    generation = ctx.store_lock.generation
    with _index_lock:
        cached = ctx.extra.get("reconciliation_index")
        if cached is None or cached[0] != generation:
            cached = (generation, rec.ActorIndex.from_store(ctx.store))
            ctx.extra["reconciliation_index"] = cached
        return cached[1]


def actor_key(iri: str) -> str:
    return iri[len(actor_space()):]


def actor_space() -> str:
    return f"{server_context().base}id/actor/"


def service_url() -> str:
    return request.url_root.rstrip("/") + ROOT


def manifest() -> dict:
    service = service_url()
    return {
        "versions": ["0.2"],
        "name": "NewsKG actors",
        "identifierSpace": actor_space(),
        "schemaSpace": "https://schema.org/",
        "documentation": request.url_root.rstrip("/") + "/ontology",
        "view": {"url": actor_space() + "{{id}}"},
        "defaultTypes": [{"id": t, "name": n} for t, n in rec.TYPES.items()],
        "preview": {"url": service + "/preview?id={{id}}", "width": 420, "height": 110},
        "suggest": {kind: {"service_url": service, "service_path": f"/suggest/{kind}"}
                    for kind in ("entity", "type", "property")},
        "extend": {"propose_properties": {"service_url": service, "service_path": "/propose_properties"},
                   "property_settings": []},
        "batchSize": 50,
    }


def params() -> dict:
    """GET parameters and POST form fields alike (OpenRefine posts a form)."""
    merged = dict(request.args)
    if request.method == "POST":
        merged.update(request.form)
        if not request.form and request.is_json:
            body = request.get_json(silent=True)
            if isinstance(body, dict):
                merged.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()})
    return merged


def parsed_json(text: str, what: str):
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise BadRequest(f"{what} is not valid JSON") from None


@blueprint.route(ROOT, methods=["GET", "POST"])
def reconcile():
    try:
        fields = params()
        if "queries" in fields:
            return json_response(run_queries(parsed_json(fields["queries"], "queries")))
        if "extend" in fields:
            return json_response(extend(parsed_json(fields["extend"], "extend")))
        return json_response(manifest())
    except BadRequest as e:
        return json_response({"status": "error", "message": str(e)}, 400)


def query_text(value) -> str:
    if not isinstance(value, str):
        raise BadRequest("a query's 'query' must be a string")
    return value[:MAX_TEXT]


def run_queries(queries) -> dict:
    if not isinstance(queries, dict):
        raise BadRequest("queries must be an object of named queries")
    if len(queries) > MAX_QUERIES:
        raise BadRequest(f"at most {MAX_QUERIES} queries in one batch")
    index = actor_index()
    out = {}
    for name, query in queries.items():
        if not isinstance(query, dict):
            raise BadRequest(f"query {name!r} must be an object")
        types = query.get("type") or []
        types = [types] if isinstance(types, str) else types
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            raise BadRequest(f"query {name!r}: type must be a string or a list of strings")
        properties = []
        given = query.get("properties") or []
        if not isinstance(given, list) or len(given) > MAX_PROPERTIES:
            raise BadRequest(f"query {name!r}: properties must be a list of at most {MAX_PROPERTIES}")
        for prop in given:
            if not isinstance(prop, dict) or not isinstance(prop.get("pid"), str) or "v" not in prop:
                raise BadRequest(f"query {name!r}: each property needs 'pid' and 'v'")
            properties.append((prop["pid"], prop["v"]))
        limit = query.get("limit", 10)
        limit = min(limit, MAX_LIMIT) if isinstance(limit, int) and limit > 0 else 10
        found = index.candidates(query_text(query.get("query")), [expand_type(t) for t in types], properties, limit)
        out[name] = {"result": [candidate_json(index, c) for c in found]}
    return out


def expand_type(type_id: str) -> str:
    """'Person', 'schema:Person', 'nkg:Actor' or the type's name stand for its IRI."""
    for iri, name in rec.TYPES.items():
        if type_id in (iri, curie(iri), local_name(iri), name):
            return iri
    return type_id


def candidate_json(index: rec.ActorIndex, c: rec.Candidate) -> dict:
    return {"id": actor_key(c.actor.iri), "name": c.actor.name, "description": index.description(c.actor),
            "score": c.score, "match": c.match,
            "type": [{"id": t, "name": rec.TYPES[t]} for t in c.actor.type_ids],
            "features": [{"id": k, "value": v} for k, v in c.features.items()]}


def extend(request_data) -> dict:
    if not isinstance(request_data, dict) or not isinstance(request_data.get("ids"), list):
        raise BadRequest("extend needs 'ids' (a list) and 'properties'")
    ids, props = request_data["ids"], request_data.get("properties") or []
    if len(ids) > MAX_QUERIES:
        raise BadRequest(f"extend: at most {MAX_QUERIES} ids at once")
    if not isinstance(props, list) or not all(isinstance(p, dict) and isinstance(p.get("id"), str) for p in props):
        raise BadRequest("extend: 'properties' must be a list of {\"id\": ...}")
    index = actor_index()
    wanted = [p["id"] for p in props]
    meta = []
    for pid in wanted:
        entry = {"id": pid, "name": rec.PROPERTIES.get(pid, pid)}
        if pid == "country":
            entry["type"] = {"id": rec.COUNTRY, "name": rec.TYPES[rec.COUNTRY]}
        meta.append(entry)
    rows = {}
    for key in ids:
        if not isinstance(key, str):
            raise BadRequest("extend: ids must be strings")
        actor = index.get(actor_space() + key)
        rows[key] = {pid: index.property_values(actor, pid) if actor else [] for pid in wanted}
    return {"meta": meta, "rows": rows}


@blueprint.route(ROOT + "/propose_properties", methods=["GET"])
def propose_properties():
    type_id = request.args.get("type", rec.ACTOR)
    properties = [{"id": pid, "name": name} for pid, name in rec.PROPERTIES.items()]
    try:
        limit = max(1, min(int(request.args.get("limit", len(properties))), len(properties)))
    except ValueError:
        limit = len(properties)
    return json_response({"type": type_id, "properties": properties[:limit]})


def prefix_arg() -> str:
    return (request.args.get("prefix") or "")[:MAX_TEXT]


@blueprint.route(ROOT + "/suggest/entity", methods=["GET"])
def suggest_entity():
    index = actor_index()
    found = index.suggest(prefix_arg())
    return json_response({"result": [{"id": actor_key(a.iri), "name": a.name, "description": index.description(a)}
                                     for a in found]})


@blueprint.route(ROOT + "/suggest/type", methods=["GET"])
def suggest_type():
    p = rec.normalised(prefix_arg())
    return json_response({"result": [{"id": t, "name": n} for t, n in rec.TYPES.items()
                                     if any(w.startswith(p) for w in rec.normalised(n).split())]})


@blueprint.route(ROOT + "/suggest/property", methods=["GET"])
def suggest_property():
    p = rec.normalised(prefix_arg())
    return json_response({"result": [{"id": pid, "name": n} for pid, n in rec.PROPERTIES.items()
                                     if pid.startswith(p) or any(w.startswith(p) for w in rec.normalised(n).split())]})


@blueprint.route(ROOT + "/preview", methods=["GET"])
def preview():
    key = request.args.get("id", "")
    actor = actor_index().get(actor_space() + key) if key else None
    if actor is None:
        return Response("<p>Unknown actor.</p>", status=404, content_type="text/html; charset=utf-8")
    roles = "".join(f"<li>{escape(r)}</li>" for r in actor.roles[:5])
    wikidata = (f' · <a href="{rec.WIKIDATA}{escape(actor.wikidata)}" target="_blank">{escape(actor.wikidata)}</a>'
                if actor.wikidata else "")
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(actor.name)}</title></head>'
            f'<body style="font:14px sans-serif;margin:6px">'
            f'<p><a href="{escape(actor.iri)}" target="_blank"><b>{escape(actor.name)}</b></a>{wikidata}</p>'
            f'<p>{escape(actor_index().description(actor))}</p>'
            f'{"<ul>" + roles + "</ul>" if roles else ""}</body></html>')
    return Response(page, content_type="text/html; charset=utf-8")
