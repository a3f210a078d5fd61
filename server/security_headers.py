"""Headers every response carries, whatever produced it (Flask, the cached-answer shortcut,
an error handler): a strict Content-Security-Policy (scripts, styles and images only from
this server, no inline script, no framing), no MIME sniffing, no referrer to other sites."""
from __future__ import annotations

from typing import Callable, Iterable

CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)
_NAMES = frozenset(name.lower() for name, _ in HEADERS)


class SecurityHeaders:
    """WSGI middleware: adds HEADERS to every response (replacing any the app set)."""

    def __init__(self, app: Callable):
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        def start(status, headers, exc_info=None):
            headers = [(k, v) for k, v in headers if k.lower() not in _NAMES]
            headers.extend(HEADERS)
            return start_response(status, headers, exc_info)
        return self.app(environ, start)
