"""The HTTP layer: waitress, which reads every request whole (header and body) in one
event loop before a request thread sees it, so slow or idle clients hold a socket, never a
thread. On top of waitress's own limits (header and body sizes, idle keep-alive timeout,
total connections) it adds two that the loop alone lacks:

* a request must arrive whole within `request_timeout` seconds of its first byte (a client
  that trickles a byte at a time is never idle, so the idle timeout alone would not end it);
* at most `per_client` open connections from one address; the next gets a 503 and is closed.

Chosen by measurement (bench/slow_clients.py, 100 half-sent requests while 50 queries are
made): gunicorn's gthread worker answered none of the queries, as its docs warn (it gives a
thread to each connection that has sent anything); waitress answered all of them."""
from __future__ import annotations

import resource
import time
from dataclasses import dataclass

from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

TOO_MANY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Connection: close\r\nContent-Length: 43\r\n\r\n"
            b"too many connections from your address\r\n\r\n\r\n")


@dataclass(frozen=True)
class Limits:
    threads: int = 8
    request_timeout: float = 20.0    # seconds for a whole request (header and body) to arrive
    idle_timeout: float = 30.0       # seconds a connection may sit idle between requests
    per_client: int = 200            # open connections from one address
    connections: int = 2000          # open connections in all (lowered to what the fd limit allows)
    max_header: int = 64 * 1024      # bytes of request line and headers
    max_body: int = 17 * 1024 * 1024  # bytes of body (the app refuses beyond its own, smaller cap)


class GuardedChannel(HTTPChannel):
    """A connection that must deliver each request in time, and that is refused when its
    client already holds too many."""

    request_started: float | None = None

    def __init__(self, server, sock, addr, adj, map=None):
        super().__init__(server, sock, addr, adj, map)
        self.client = addr[0] if isinstance(addr, tuple) else addr
        held = sum(1 for channel in server.active_channels.values() if getattr(channel, "client", None) == self.client)
        if held > server.limits.per_client:
            try:
                sock.send(TOO_MANY)
            except OSError:
                pass
            self.handle_close()

    def received(self, data):
        if data and self.request is None and self.request_started is None:
            self.request_started = time.monotonic()
        result = super().received(data)
        if self.request is None:  # nothing half-received left
            self.request_started = None
        return result


class GuardedServer(TcpWSGIServer):
    channel_class = GuardedChannel

    def __init__(self, application, limits: Limits, **settings):
        self.limits = limits
        super().__init__(application, **settings)

    def maintenance(self, now):
        super().maintenance(now)  # idle connections
        cutoff = time.monotonic() - self.limits.request_timeout
        for channel in list(self.active_channels.values()):
            started = getattr(channel, "request_started", None)
            if started is not None and started < cutoff and not channel.requests:
                channel.will_close = True


def connection_cap(wanted: int) -> int:
    """`wanted`, or fewer when the open-files limit would not allow them (with room for the
    store's own files and the query processes' pipes)."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(16, min(wanted, soft - 256))


def make_server(app, host: str, port: int, limits: Limits = Limits()) -> GuardedServer:
    return GuardedServer(
        app, limits, host=host, port=port, threads=limits.threads, ident="NewsKG",
        connection_limit=connection_cap(limits.connections), channel_timeout=limits.idle_timeout,
        cleanup_interval=1, max_request_header_size=limits.max_header, max_request_body_size=limits.max_body,
        asyncore_use_poll=True,  # select() cannot watch descriptors above 1023
        expose_tracebacks=False, clear_untrusted_proxy_headers=True)
