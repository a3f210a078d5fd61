"""Cached query answers served before Flask sees the request.

A GET (or HEAD) of /sparql with a query string is answered from the result cache at the
WSGI level when the very same request was answered before: same path, query string,
Accept header, host and scheme (what the endpoint's answer depends on: the query, the
dataset parameters, the chosen media type, and the endpoint URL relative IRIs resolve
against). The endpoint stores every answer it keeps under this request key too
(`request_key`), so a hit costs a dictionary lookup instead of routing, parameter
parsing and content negotiation. Anything else goes to Flask unchanged."""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable

from .result_cache import ResultCache

SPARQL_PATHS = frozenset({"/sparql", "/sparql/"})
READ_METHODS = frozenset({"GET", "HEAD"})


def request_key(environ: dict) -> tuple | None:
    """The key of a GET/HEAD query request, or None for any other request."""
    if environ.get("REQUEST_METHOD") not in READ_METHODS or environ.get("PATH_INFO") not in SPARQL_PATHS:
        return None
    query_string = environ.get("QUERY_STRING")
    if not query_string:
        return None
    return ("request", environ.get("SCRIPT_NAME", ""), environ["PATH_INFO"], query_string,
            environ.get("HTTP_ACCEPT"), environ.get("wsgi.url_scheme"), environ.get("HTTP_HOST"),
            environ.get("SERVER_NAME"), environ.get("SERVER_PORT"))


@lru_cache(maxsize=64)
def _headers(content_type: str, length: int) -> tuple[tuple[str, str], ...]:
    # the same headers the endpoint sends with a cached answer (tests compare them)
    return (("Content-Type", content_type), ("Content-Length", str(length)), ("Vary", "Accept"),
            ("X-Cache", "hit"), ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Expose-Headers", "Content-Type, Content-Length, X-Cache"))


class CachedAnswerShortcut:
    """WSGI middleware: answers repeated GET queries from the cache."""

    def __init__(self, app: Callable, cache: ResultCache, content_type: Callable[[str], str]):
        self.app, self.cache, self.content_type = app, cache, content_type

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        key = request_key(environ) if self.cache.enabled else None
        if key is not None:
            answer = self.cache.get(key, count_miss=False)
            if answer is not None:
                body = answer.body
                start_response("200 OK", list(_headers(self.content_type(answer.media_type), len(body))))
                return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]
        return self.app(environ, start_response)
