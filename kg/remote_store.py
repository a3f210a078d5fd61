"""A remote SPARQL 1.1 store standing in for the embedded one, with the same answers.

Every query is a POST form with one `Accept` header (SPARQL JSON results, or N-Triples for
graphs) and no format parameters; NewsKG's default graph is the union of its graphs whatever
the store's own setting; a query that outlives the timeout is stopped on our side (a client
deadline) and, where the store can do it, on the store's; a batch of articles is written in
one update request, applied by the store as one transaction.

What differs between stores is an adapter, chosen from the store's `Server` header:
- Oxigraph server: its default graph is only the default graph, so queries ask for
  `union-default-graph`;
- Virtuoso 7: its default graph is already every graph, its own few system graphs included;
  those are excluded (`DEFINE input:default-graph-exclude`, `input:named-graph-exclude`)
  except in a query naming a graph (`GRAPH <iri>`), where Virtuoso 7.2 then finds no rows;
  graph_names() and dump() leave them out; it stops a query at its `timeout` parameter and then answers with incomplete results (`X-SQL-State: S1TAT`), which we treat
  as a timeout; INSERT DATA refuses blank nodes, so data goes in as `INSERT { } WHERE { }`;
- anything else (NewsKG's own server among them): the default graph is already the union.
"""
from __future__ import annotations

import base64
import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
from rdflib import BNode

from .store import FORMATS, Store, last_per_graph, replace_graphs_update

DEFAULT_QUERY_TIMEOUT = 30.0
DEFAULT_UPDATE_TIMEOUT = 600.0
RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"


class RemoteQueryTimeout(TimeoutError):
    """The query did not finish within the timeout and was stopped."""


class RemoteStoreError(RuntimeError):
    """The remote store refused a request or could not be reached."""


def query_timeout_from_env() -> float:
    try:
        return float(os.environ.get("NEWSKG_QUERY_TIMEOUT", "") or DEFAULT_QUERY_TIMEOUT)
    except ValueError:
        return DEFAULT_QUERY_TIMEOUT


class Adapter:
    """How one kind of store is asked for NewsKG's union default graph and given data."""
    name = "sparql"

    def __init__(self, store: "SparqlStore"):
        self.store = store

    def query_text(self, sparql: str, has_dataset: bool) -> str:
        return sparql

    def query_params(self, has_dataset: bool) -> list[tuple[str, str]]:
        return []

    def timeout_params(self, seconds: float) -> list[tuple[str, str]]:
        return []

    def timed_out(self, headers) -> bool:
        return False

    def update_text(self, replacements) -> str:
        return replace_graphs_update(replacements)

    def is_newskg_graph(self, iri: str) -> bool:
        return True


class OxigraphServerAdapter(Adapter):
    name = "oxigraph"

    def query_params(self, has_dataset):
        return [] if has_dataset else [("union-default-graph", "true")]


class VirtuosoAdapter(Adapter):
    name = "virtuoso"
    NAMES_A_GRAPH = re.compile(r"\bGRAPH\s*(<|\w*:)", re.I)

    def __init__(self, store):
        super().__init__(store)
        self._excluded: list[str] | None = None

    def is_newskg_graph(self, iri):
        from . import config
        return iri.startswith(_base(config.base()) + "graph/")

    def _system_graphs(self) -> list[str]:
        """The graphs in the store that are not NewsKG's (Virtuoso's own), looked up once."""
        if self._excluded is None:
            rows = self.store._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", [])
            self._excluded = sorted(g for g in (r["g"]["value"] for r in rows) if not self.is_newskg_graph(g))
        return self._excluded

    def query_text(self, sparql, has_dataset):
        if has_dataset or self.NAMES_A_GRAPH.search(sparql):
            return sparql
        return "".join(f"DEFINE input:default-graph-exclude <{g}>\nDEFINE input:named-graph-exclude <{g}>\n"
                       for g in self._system_graphs()) + sparql

    def timeout_params(self, seconds):
        return [("timeout", str(max(1, int(seconds * 1000))))]

    def timed_out(self, headers):
        return (headers.get("X-SQL-State") or "").strip() == "S1TAT"

    def update_text(self, replacements):
        text = replace_graphs_update(replacements)
        if not any(isinstance(term, BNode) for r in replacements
                   for triples in (r.graph, *r.additions.values()) for triple in triples for term in triple):
            return text
        # Virtuoso 7 refuses blank nodes in INSERT DATA; INSERT { } WHERE { } takes the same
        # triples (but compiles to SQL, which Virtuoso caps at 10,000 lines: small batches only)
        head, sep, body = text.rpartition("INSERT DATA {")
        return f"{head}INSERT {{{body} WHERE {{ }}" if sep else text


ADAPTERS = {"oxigraph": OxigraphServerAdapter, "virtuoso": VirtuosoAdapter, "sparql": Adapter}


def _base(base: str) -> str:
    return base if base.endswith("/") else base + "/"


def adapter_for_server_header(server: str) -> str:
    server = (server or "").lower()
    if server.startswith("virtuoso"):
        return "virtuoso"
    if server.startswith("oxigraph"):
        return "oxigraph"
    return "sparql"


class SparqlStore(Store):
    """A remote SPARQL 1.1 store (query and update endpoints)."""

    def __init__(self, query_endpoint: str, update_endpoint: str | None = None, token: str | None = None,
                 *, user: str | None = None, password: str | None = None, timeout: float | None = None,
                 update_timeout: float = DEFAULT_UPDATE_TIMEOUT, kind: str | None = None):
        self.query_endpoint = query_endpoint
        self.update_endpoint = update_endpoint or query_endpoint
        self.token = token
        self.user, self.password = user, password
        self.timeout = timeout if timeout is not None else query_timeout_from_env()
        self.update_timeout = update_timeout
        self._kind = kind
        self._adapter: Adapter | None = None

    # ---- HTTP ---------------------------------------------------------------------------

    def _headers(self, accept: str | None = None) -> dict:
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                   "User-Agent": "NewsKG"}
        if accept:
            headers["Accept"] = accept
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        elif self.user:
            pair = f"{self.user}:{self.password or ''}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        return headers

    def _post(self, endpoint: str, params: list[tuple[str, str]], accept: str | None, deadline: float,
              timeout: float | None = None):
        """Headers and body of the answer; `deadline`: seconds we wait for it, `timeout`: the
        query timeout it stands for (in the error)."""
        late = RemoteQueryTimeout(f"the query did not finish within {timeout or deadline:g} s and was stopped")
        body = urllib.parse.urlencode(params).encode()
        request = urllib.request.Request(endpoint, data=body, headers=self._headers(accept), method="POST")
        try:
            response = urllib.request.urlopen(request, timeout=deadline)
            with response:
                return response.headers, response.read()
        except urllib.error.HTTPError as e:
            detail = e.read(2000).decode("utf-8", "replace").strip()
            raise RemoteStoreError(f"{endpoint} answered {e.code}: {detail}") from None
        except (socket.timeout, TimeoutError):
            raise late from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, (socket.timeout, TimeoutError)):
                raise late from None
            raise RemoteStoreError(f"{endpoint}: {e.reason}") from None

    @property
    def adapter(self) -> Adapter:
        if self._adapter is None:
            kind = self._kind
            if kind is None:
                headers, _ = self._post(self.query_endpoint, [("query", "ASK { }")], RESULTS_JSON, self.timeout)
                kind = adapter_for_server_header(headers.get("Server", ""))
            self._adapter = ADAPTERS[kind](self)
        return self._adapter

    def _request_query(self, sparql, accept, default_graph_uris=(), named_graph_uris=()):
        dataset = [("default-graph-uri", g) for g in default_graph_uris]
        dataset += [("named-graph-uri", g) for g in named_graph_uris]
        adapter = self.adapter
        params = [("query", adapter.query_text(sparql, bool(dataset)))] + dataset
        params += adapter.query_params(bool(dataset)) + adapter.timeout_params(self.timeout)
        # the store's own timeout stops its work; ours is the deadline for an answer
        headers, body = self._post(self.query_endpoint, params, accept, self.timeout + 1.0, self.timeout)
        if adapter.timed_out(headers):
            raise RemoteQueryTimeout(f"the query did not finish within {self.timeout:g} s and was stopped")
        return body

    def _select(self, sparql, params):
        headers, body = self._post(self.query_endpoint, [("query", sparql)] + params, RESULTS_JSON,
                                   self.timeout + 1.0, self.timeout)
        return json.loads(body)["results"]["bindings"]

    # ---- Store --------------------------------------------------------------------------

    def query(self, sparql, *, default_graph_uris=(), named_graph_uris=()):
        kind = query_kind(sparql)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            body = self._request_query(sparql, N_TRIPLES, default_graph_uris, named_graph_uris)
            return ox.parse(body, ox.RdfFormat.N_TRIPLES)
        body = self._request_query(sparql, RESULTS_JSON, default_graph_uris, named_graph_uris)
        return ox.parse_query_results(_portable_results(body), ox.QueryResultsFormat.JSON)

    def update(self, sparql):
        self._post(self.update_endpoint, [("update", sparql)], None, self.update_timeout)

    def replace_graphs(self, replacements):
        """One update request for the whole batch: the store applies it as one transaction."""
        self.update(self.adapter.update_text(last_per_graph(replacements)))

    def graph_names(self):
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(g for g in (r["g"].value for r in rows) if self.adapter.is_newskg_graph(g))

    def dump(self, out, fmt="nquads"):
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows
                 if self.adapter.is_newskg_graph(r["g"].value)]
        ox.serialize(quads, out, FORMATS[fmt] if fmt in ("nquads", "trig") else ox.RdfFormat.N_QUADS)


def query_kind(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, as SPARQLWrapper's parser reads the query."""
    from SPARQLWrapper import SPARQLWrapper
    sw = SPARQLWrapper("http://localhost/")
    sw.setQuery(sparql)
    return sw.queryType


def _portable_results(body: bytes) -> bytes:
    """Standard SPARQL JSON results from what Virtuoso 7 writes: an ASK answer as a row of
    `__ASK_RETVAL`, blank node labels as `nodeID://b1` (not a label pyoxigraph reads)."""
    if b'"bnode"' not in body and b"__ASK_RETVAL" not in body:
        return body
    data = json.loads(body)
    if data.get("head", {}).get("vars") == ["__ASK_RETVAL"]:
        rows = data.get("results", {}).get("bindings", [])
        answer = bool(rows) and rows[0].get("__ASK_RETVAL", {}).get("value", "0") not in ("0", "false")
        return json.dumps({"head": {}, "boolean": answer}).encode()
    for row in data.get("results", {}).get("bindings", []):
        for value in row.values():
            if value.get("type") == "bnode":
                value["value"] = "".join(c if c.isalnum() else "_" for c in value["value"])
    return json.dumps(data).encode()
