"""What the request handlers share: the store, the settings, the query runner."""
from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass, field
from typing import Callable

from flask import current_app, request

from kg.store import Store

from .query_guard import ForkingRunner, InlineRunner


@dataclass
class ServerContext:
    store: Store
    base: str
    update_token: str | None
    runner: ForkingRunner | InlineRunner
    store_lock: threading.Lock
    query_timeout: float
    # an HTML page for browsers that open /sparql without a query (set by the pages code)
    query_page: Callable[[], object] | None = None
    extra: dict = field(default_factory=dict)

    def may_write(self) -> bool:
        """True when the request carries `Authorization: Bearer <the update token>`."""
        if not self.update_token:
            return False
        scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            credentials.strip().encode("utf-8", "surrogateescape"), self.update_token.encode())


def server_context() -> ServerContext:
    return current_app.extensions["newskg"]


def cors(response):
    """Reads may be made from any web page; writes never get CORS headers."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "Content-Type, Content-Length"
    return response
