"""Running a SPARQL Update so that a never-ending or crashing one changes nothing and
stops nobody else.

As the one writer (context.StoreLock: other writes wait, queries go on), a one-shot
child forked from the server evaluates the update on a working copy of the
store in its own memory, with the query processes' walls (no network, memory cap) and a
deadline (`update_timeout`). It sends back what the update changed: the quads it removed
and added, the named graphs it created and dropped. The server then applies just that
change. A child killed at the deadline, or dead, sent nothing: the store is as it was.

Copying the store costs time in proportion to its size, so an update made only of
INSERT DATA / DELETE DATA, whose cost is that of its own text (and whose nesting the
operation check has bounded), is applied directly instead."""
from __future__ import annotations

import json

import pyoxigraph as ox

from kg.store import OxigraphStore

from . import write_validation
from .operation_check import oxigraph_reading
from .query_guard import QueryError
from .sparql_text import tokens

DATA_KEYWORDS = frozenset({"INSERT", "DELETE", "DATA", "PREFIX", "BASE"})
ALL_QUADS = (None, None, None, None)


def data_only(update: str) -> bool:
    """True when every operation is INSERT DATA or DELETE DATA (read as Oxigraph reads it)."""
    previous = None
    for token in tokens(oxigraph_reading(update)):
        if token.depth > 0:
            continue
        word = token.keyword
        if token.kind == "name" and word not in DATA_KEYWORDS and ":" not in token.text:
            return False
        if previous in ("INSERT", "DELETE") and word != "DATA":
            return False
        if word is not None:
            previous = word
    return previous not in ("INSERT", "DELETE")


def change_of(store: ox.Store, update: str, base: str | None = None) -> dict:
    """What `update` would change in `store`, computed on a copy (in the child). With a
    base, the article graphs it changes are validated: {"invalid": report} if they fail."""
    work = ox.Store()
    work.bulk_extend(store.quads_for_pattern(*ALL_QUADS))
    graphs_before = set(store.named_graphs())
    for graph in graphs_before:
        work.add_graph(graph)
    work.update(update)
    removed = [q for q in store.quads_for_pattern(*ALL_QUADS) if q not in work]
    added = [q for q in work.quads_for_pattern(*ALL_QUADS) if q not in store]
    graphs_after = set(work.named_graphs())
    if base is not None:
        report = write_validation.violations(work, write_validation.graphs_to_check(work, removed + added, base), base)
        if report:
            return {"invalid": report}
    return {"removed": _nquads(removed), "added": _nquads(added),
            "graphs_added": sorted(g.value for g in graphs_after - graphs_before),
            "graphs_removed": sorted(g.value for g in graphs_before - graphs_after)}


def _nquads(quads: list[ox.Quad]) -> str:
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8") if quads else ""


def apply_change(store: ox.Store, change: dict) -> None:
    """Applies a change computed by change_of (in the server, under the store lock)."""
    for quad in ox.parse(change["removed"].encode(), ox.RdfFormat.N_QUADS):
        store.remove(quad)
    for graph in change["graphs_removed"]:
        store.remove_graph(ox.NamedNode(graph))
    for graph in change["graphs_added"]:
        store.add_graph(ox.NamedNode(graph))
    added = list(ox.parse(change["added"].encode(), ox.RdfFormat.N_QUADS))
    if added:
        store.extend(added)


class InvalidWrite(Exception):
    """The write would leave article graphs that violate the shapes (the report)."""


def touched_graphs(update: str) -> set[str]:
    """The graphs an update of INSERT DATA / DELETE DATA operations names: the update, with
    every DELETE DATA read as INSERT DATA, run on an empty store (its cost is its text's)."""
    reading, parts, last = oxigraph_reading(update), [], 0
    for token in tokens(reading):
        if token.depth == 0 and token.keyword == "DELETE":
            parts += [update[last:token.start], "INSERT"]
            last = token.start + len(token.text)
    scratch = ox.Store()
    scratch.update("".join(parts) + update[last:])
    return {g.value for g in scratch.named_graphs()}


def run_update(store, runner, store_lock, update: str, timeout: float, base: str | None = None) -> None:
    """Runs `update` on `store` as the one writer (store_lock: context.StoreLock). Raises
    SyntaxError for a malformed update, InvalidWrite when article graphs would violate the
    shapes (with a base given), and query_guard's errors (QueryTimeout, ...) when the child
    failed; then nothing was changed."""
    isolated = isinstance(store, OxigraphStore) and hasattr(runner, "run_exclusive")
    if not isolated or (data_only(update) and not (base and needs_validation(touched_graphs(update), base))):
        with store_lock:
            store.update(update)
        return
    oxigraph = store.oxigraph

    def job(out) -> str:
        out.write(json.dumps(change_of(oxigraph, update, base)).encode("utf-8"))
        return "application/json"

    with store_lock.preparing_write():  # queries go on meanwhile; no other write comes in
        evaluation = runner.run_exclusive(job, timeout)
        try:
            change = json.loads(evaluation.body)
        except ValueError:
            raise QueryError("the update process sent no readable result") from None
        if "invalid" in change:
            raise InvalidWrite(change["invalid"])
        with store_lock:
            apply_change(oxigraph, change)


def needs_validation(graphs: set[str], base: str) -> bool:
    return any(g.startswith(write_validation.article_prefix(base)) or g == f"{base}graph/shared" for g in graphs)
