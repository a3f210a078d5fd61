"""The application factory. The app is thin: it asks the store for graphs and renders them."""
from __future__ import annotations

import importlib
import logging
import os

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from kg import config
from kg.store import OxigraphStore, Store

from .context import ServerContext, StoreLock
from .query_guard import ForkingRunner, InlineRunner, can_fork
from .result_cache import DEFAULT_MAX_BYTES, ResultCache

log = logging.getLogger(__name__)

DEFAULT_QUERY_TIMEOUT = 30.0
DEFAULT_MAX_BODY = 16 * 1024 * 1024          # request bodies (queries, updates, graph uploads)
DEFAULT_MAX_RESULT_BYTES = 64 * 1024 * 1024  # one serialised query result


def query_timeout_from_env() -> float:
    value = os.environ.get("NEWSKG_QUERY_TIMEOUT")
    try:
        return float(value) if value else DEFAULT_QUERY_TIMEOUT
    except ValueError:
        return DEFAULT_QUERY_TIMEOUT


def update_timeout_from_env() -> float:
    value = os.environ.get("NEWSKG_UPDATE_TIMEOUT")
    try:
        return float(value) if value and float(value) > 0 else DEFAULT_QUERY_TIMEOUT
    except ValueError:
        return DEFAULT_QUERY_TIMEOUT


def result_cache_bytes_from_env() -> int:
    """NEWSKG_RESULT_CACHE_MB: megabytes of query answers kept in memory (0: none)."""
    value = os.environ.get("NEWSKG_RESULT_CACHE_MB")
    try:
        return int(float(value) * 1024 * 1024) if value else DEFAULT_MAX_BYTES
    except ValueError:
        return DEFAULT_MAX_BYTES


def create_app(store: Store, *, base: str | None = None, update_token: str | None = None,
               query_timeout: float | None = None, max_body: int = DEFAULT_MAX_BODY,
               max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES, isolate_network: bool = True,
               result_cache_bytes: int | None = None, update_timeout: float | None = None) -> Flask:
    """The Flask app serving `store`.

    base: the public base of data IRIs (default NEWSKG_BASE); update_token: the bearer
    token that allows writes (default NEWSKG_UPDATE_TOKEN; None: no writes over HTTP);
    query_timeout: seconds after which a query is stopped (default NEWSKG_QUERY_TIMEOUT or
    30); update_timeout: seconds after which a SPARQL Update is stopped, changing nothing
    (default NEWSKG_UPDATE_TIMEOUT or 30); max_body: largest request body in bytes (413 beyond); max_result_bytes: largest
    serialised query result; result_cache_bytes: memory for cached query answers (default
    NEWSKG_RESULT_CACHE_MB or 64 MiB; 0 turns the cache off). Only a store this process
    owns is cached: every write to it goes through the store lock, which empties the
    cache; a remote store can be written behind our back, so its answers are not kept."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = max_body
    base = base or config.base()
    base = base if base.endswith("/") else base + "/"
    token = update_token if update_token is not None else config.update_token()
    timeout = query_timeout if query_timeout is not None else query_timeout_from_env()
    owned = isinstance(store, OxigraphStore)
    if result_cache_bytes is None:
        result_cache_bytes = result_cache_bytes_from_env()
    cache = ResultCache(result_cache_bytes if owned else 0)
    store_lock = StoreLock()
    if owned and can_fork():
        runner = ForkingRunner(timeout, max_result_bytes, store_lock, isolate_network=isolate_network)
    else:
        runner = InlineRunner(max_result_bytes)
    ctx = ServerContext(store=store, base=base, update_token=token or None, runner=runner,
                        store_lock=store_lock, query_timeout=timeout, cache=cache,
                        update_timeout=update_timeout if update_timeout is not None else update_timeout_from_env())
    app.extensions["newskg"] = ctx

    from .sparql_endpoint import blueprint as sparql_blueprint
    app.register_blueprint(sparql_blueprint)
    from .graph_store import blueprint as graph_store_blueprint
    app.register_blueprint(graph_store_blueprint)

    # ---- the pages blueprint (server/pages.py: /, /id/..., /ontology, /shapes, ------------
    # ---- /.well-known/void, the HTML query page) is registered here when it exists. -------
    # The module may define `register(app)` or a `blueprint`, and `query_page()`: the view
    # /sparql hands to browsers (Accept: text/html, no query); without it they get the
    # Service Description.
    register_pages(app)
    from .browse import blueprint as browse_blueprint
    from .search import blueprint as search_blueprint
    app.register_blueprint(search_blueprint)
    app.register_blueprint(browse_blueprint)
    from .editor_assets import blueprint as editor_assets_blueprint
    app.register_blueprint(editor_assets_blueprint)
    from .reconcile import blueprint as reconcile_blueprint
    app.register_blueprint(reconcile_blueprint)
    from .http_caching import install as install_http_caching
    install_http_caching(app)

    install_error_handlers(app)
    from .fast_path import CachedAnswerShortcut
    from .sparql_endpoint import content_type
    app.wsgi_app = CachedAnswerShortcut(app.wsgi_app, cache, content_type)
    from .request_guard import RequestGuard
    from .security_headers import SecurityHeaders
    app.wsgi_app = SecurityHeaders(RequestGuard(app.wsgi_app))  # outermost: on every response
    return app


def register_pages(app: Flask) -> None:
    try:
        pages = importlib.import_module(f"{__package__}.pages")
    except ModuleNotFoundError as e:
        if e.name != f"{__package__}.pages":
            raise
        return
    if hasattr(pages, "register"):
        pages.register(app)
    elif hasattr(pages, "blueprint"):
        app.register_blueprint(pages.blueprint)
    if hasattr(pages, "query_page"):
        app.extensions["newskg"].query_page = pages.query_page
    if hasattr(pages, "graph_page"):
        # browsers opening a graph's IRI (/graph/...) get its page; RDF clients the Graph Store
        app.extensions["newskg"].extra["graph_page"] = pages.graph_page


def install_error_handlers(app: Flask) -> None:
    """Every error is a short plain-text message: nothing from the request is echoed as HTML."""

    @app.errorhandler(HTTPException)
    def http_error(e: HTTPException):
        response = Response(f"{e.code} {e.name}: {e.description}\n", status=e.code,
                            content_type="text/plain; charset=utf-8")
        if e.code == 405 and hasattr(e, "valid_methods") and e.valid_methods:
            response.headers["Allow"] = ", ".join(e.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected_error(e: Exception):
        log.exception("unexpected error")
        return Response("500 Internal Server Error\n", status=500, content_type="text/plain; charset=utf-8")
