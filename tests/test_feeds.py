"""`newskg feed`: RSS and Atom feeds from a local HTTP server on loopback (and a feed file):
a new entry is ingested once, a changed page replaces its article, an unchanged feed is
fetched with a conditional request and costs nothing more."""
from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import newskg
from tests.test_watch import headlines

BASE = "http://newskg.test/"


def env() -> dict:
    values = dict(os.environ, NEWSKG_BASE=BASE)
    values.pop("NEWSKG_UPDATE_TOKEN", None)
    return values


def page(headline: str, sentence: str) -> bytes:
    return (f"<!doctype html><html><head><title>{headline}</title></head><body><article>"
            f"<h1>{headline}</h1><p>{sentence} The mayor of Lyon said on Tuesday that the city would "
            f"decide in June, after a public consultation on the plan.</p></article></body></html>").encode()


def rss(base: str, links: list[tuple[str, str]]) -> bytes:
    items = "".join(f"<item><title>{title}</title><link>{base}{path}</link>"
                    f"<pubDate>Tue, 06 May 2025 09:00:00 GMT</pubDate></item>" for path, title in links)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Gazette</title>'
            f"<link>{base}</link><description>news</description>{items}</channel></rss>").encode()


class Site:
    """Pages and a feed on 127.0.0.1, with ETags; it records every request."""

    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.requests: list[tuple[str, str | None]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, self.headers.get("If-None-Match")))
                body = site.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                tag = f'"{hash(body) & 0xffffffff:x}"'
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", tag)
                self.send_header("Content-Type", "application/rss+xml" if self.path.endswith(".xml") else "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def test_new_once_changed_replaced_unchanged_feed_conditional(site, tmp_path):
    store = tmp_path / "store"
    site.files["/bridge"] = page("Lyon delays the bridge vote", "Lyon delayed its vote on the bridge.")
    site.files["/tram"] = page("Lyon extends the tram line", "Lyon will extend its tram line.")
    site.files["/feed.xml"] = rss(site.base, [("/bridge", "Lyon delays the bridge vote"),
                                              ("/tram", "Lyon extends the tram line")])
    feed = site.base + "/feed.xml"

    first = newskg("feed", feed, "--store", store, env=env())
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("ok ") == 2 and f"{site.base}/bridge" in first.stdout
    assert (tmp_path / "store.feeds.json").exists()

    site.requests.clear()
    second = newskg("feed", feed, "--store", store, env=env())          # unchanged: one 304, nothing else
    assert second.returncode == 0 and second.stdout == ""
    assert len(site.requests) == 1 and site.requests[0][0] == "/feed.xml" and site.requests[0][1]

    site.files["/bridge"] = page("Lyon approves the bridge", "Lyon approved the bridge.")
    site.files["/feed.xml"] = rss(site.base, [("/bridge", "Lyon approves the bridge"),
                                              ("/tram", "Lyon extends the tram line")])
    third = newskg("feed", feed, "--store", store, env=env())
    assert third.returncode == 0, third.stderr
    assert third.stdout.count("ok ") == 1 and f"{site.base}/bridge" in third.stdout
    assert headlines(store) == ["Lyon approves the bridge", "Lyon extends the tram line"]


def test_a_feed_file_and_a_second_feed_with_the_same_article(site, tmp_path):
    store = tmp_path / "store"
    site.files["/port"] = page("Marseille widens the port", "Marseille will widen its port.")
    atom = tmp_path / "feed.atom"
    atom.write_text(f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title>'
                    f'<id>urn:x</id><updated>2025-05-06T09:00:00Z</updated><entry><title>Marseille widens the port'
                    f'</title><link href="{site.base}/port"/><id>urn:port</id><updated>2025-05-06T09:00:00Z</updated>'
                    f'</entry></feed>')
    site.files["/feed.xml"] = rss(site.base, [("/port", "Marseille widens the port")])
    done = newskg("feed", atom, site.base + "/feed.xml", "--store", store, env=env())
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("ok ") == 1                      # one article, though two feeds carry it
    assert headlines(store) == ["Marseille widens the port"]


def test_an_unreachable_feed_is_one_error_line(tmp_path):
    from remote_servers import free_port
    done = newskg("feed", f"http://127.0.0.1:{free_port()}/feed.xml", "--store", tmp_path / "store", env=env())
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1 and "could not be read" in done.stderr
