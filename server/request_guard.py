"""Requests refused before routing: a path that is not UTF-8 once percent-decoded, or that
holds a control character (NUL, newline, ...), names nothing here; it gets a one-line 400
instead of reaching code that would build an IRI, a query or a header from it."""
from __future__ import annotations

import re
from typing import Callable, Iterable

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def path_problem(environ: dict) -> str | None:
    """Why the request's path cannot be served, or None. PATH_INFO is the decoded path's
    bytes as latin-1 (PEP 3333)."""
    raw = environ.get("PATH_INFO", "")
    try:
        path = raw.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return "the path is not UTF-8 once percent-decoded"
    if "\ufffd" in path:  # some servers (and test clients) replace bytes that are not UTF-8
        return "the path is not UTF-8 once percent-decoded"
    if _CONTROL.search(path):
        return "the path holds a control character"
    return None


class RequestGuard:
    """WSGI middleware: a plain-text 400 for requests whose path cannot name anything."""

    def __init__(self, app: Callable):
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        problem = path_problem(environ)
        if problem is None:
            return self.app(environ, start_response)
        body = f"400 Bad Request: {problem}\n".encode()
        start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"),
                                           ("Content-Length", str(len(body)))])
        return [body]
