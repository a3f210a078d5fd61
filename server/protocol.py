"""Reading SPARQL Protocol requests: which operation, which text, which dataset.
Everything that is not a well-formed protocol request becomes a ProtocolError."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from flask import Request
from werkzeug.datastructures import MultiDict

from .sparql_text import check_iri

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"


class ProtocolError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


@dataclass
class Operation:
    kind: str  # "query" or "update"
    text: str
    graphs: list[str] = field(default_factory=list)        # default-graph-uri / using-graph-uri
    named_graphs: list[str] = field(default_factory=list)  # named-graph-uri / using-named-graph-uri
    params: MultiDict = field(default_factory=MultiDict)


def parse_params(raw: bytes) -> MultiDict:
    """URL-encoded parameters, strictly UTF-8 (a malformed byte is a 400, not a '?')."""
    try:
        text = raw.decode("utf-8")
        return MultiDict(parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict"))
    except UnicodeDecodeError:
        raise ProtocolError(400, "parameters must be UTF-8, percent-encoded") from None
    except ValueError as e:
        raise ProtocolError(400, f"malformed parameters: {e}") from None


def _utf8_body(req: Request) -> str:
    charset = req.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"the request body must be UTF-8, not {charset}")
    try:
        return req.get_data(cache=True).decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not valid UTF-8") from None


def read_operation(req: Request) -> Operation | None:
    """The query or update a request carries, or None when it carries neither."""
    url_params = parse_params(req.query_string)
    if req.method in ("GET", "HEAD"):
        params, body_text, body_kind = url_params, None, None
    elif req.method == "POST":
        mimetype = req.mimetype
        if mimetype == FORM_TYPE:
            _utf8_body(req)  # charset check
            params = parse_params(req.get_data(cache=True))
            params = MultiDict(list(url_params.items(multi=True)) + list(params.items(multi=True)))
            body_text, body_kind = None, None
        elif mimetype in (QUERY_TYPE, UPDATE_TYPE):
            params, body_text = url_params, _utf8_body(req)
            body_kind = "query" if mimetype == QUERY_TYPE else "update"
        elif not mimetype and not req.get_data(cache=True):
            params, body_text, body_kind = url_params, None, None
        elif not mimetype:
            raise ProtocolError(400, "a POST body needs a Content-Type: application/x-www-form-urlencoded, "
                                     "application/sparql-query or application/sparql-update")
        else:
            raise ProtocolError(415, f"unsupported Content-Type {mimetype}: use application/x-www-form-urlencoded, "
                                     "application/sparql-query or application/sparql-update")
    else:
        raise ProtocolError(405, "use GET or POST", {"Allow": "GET, POST, HEAD, OPTIONS"})

    queries, updates = params.getlist("query"), params.getlist("update")
    if body_kind == "query":
        queries = queries + [body_text]
    elif body_kind == "update":
        updates = updates + [body_text]
    if queries and updates:
        raise ProtocolError(400, "a request carries either a query or an update, not both")
    if len(queries) > 1:
        raise ProtocolError(400, "more than one query in the request")
    if len(updates) > 1:
        raise ProtocolError(400, "more than one update in the request")
    if updates and req.method != "POST":
        raise ProtocolError(405, "SPARQL Update must be sent with POST", {"Allow": "POST"})
    if not queries and not updates:
        return None
    if queries:
        op = Operation("query", queries[0], params.getlist("default-graph-uri"),
                       params.getlist("named-graph-uri"), params)
    else:
        op = Operation("update", updates[0], params.getlist("using-graph-uri"),
                       params.getlist("using-named-graph-uri"), params)
    for iri in op.graphs + op.named_graphs:
        if not check_iri(iri):
            raise ProtocolError(400, f"not an IRI: {iri!r}")
    return op
