"""Cross-origin reads in a real browser: a page of another origin (Chromium, through
Selenium) fetches the linked data as Comunica and JSON-LD clients do, with headers that
need a CORS preflight, and reads the headers a linked-data client follows."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

from test_browser import browser, site  # noqa: F401  (fixtures; the module skips without chromium)

# the Accept header Comunica sends when it reads a document as a source
COMUNICA_ACCEPT = ("application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,"
                   "application/n-triples;q=0.8,text/turtle;q=0.6,application/rdf+xml;q=0.5,text/n3;q=0.35,"
                   "application/xml;q=0.3,image/svg+xml;q=0.3,text/xml;q=0.3,text/html;q=0.2,"
                   "application/xhtml+xml;q=0.18,application/json;q=0.135,text/shaclc;q=0.1,text/shaclc-ext;q=0.05")
JSONLD_PROFILE = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"'

FETCH = """
const [url, headers, done] = arguments;
fetch(url, {headers: headers, mode: "cors"})
  .then(r => r.arrayBuffer().then(body => done({status: r.status, type: r.headers.get("Content-Type"),
      link: r.headers.get("Link"), location: r.headers.get("Content-Location"), etag: r.headers.get("ETag"),
      length: body.byteLength})))
  .catch(e => done({error: String(e)}));
"""


def fetched(browser, url: str, **headers) -> dict:
    browser.set_script_timeout(20)
    return browser.execute_async_script(FETCH, url, headers)


@pytest.fixture(scope="module")
def other_site(tmp_path_factory):
    """Another origin: a plain static server on another loopback port."""
    folder = tmp_path_factory.mktemp("elsewhere")
    (folder / "index.html").write_text("<!doctype html><title>elsewhere</title><p>another site</p>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


@pytest.fixture
def elsewhere(browser, other_site):  # noqa: F811
    browser.get(other_site)
    return browser


def test_a_page_of_another_origin_reads_a_resource_as_comunica_does(site, elsewhere):  # noqa: F811
    actor = site + "/id/actor/hungary"
    answer = fetched(elsewhere, actor, Accept=COMUNICA_ACCEPT, Authorization="Bearer not-needed")
    assert "error" not in answer, answer
    assert answer["status"] == 200 and answer["type"].startswith("application/n-quads")
    assert 'rel="alternate"' in answer["link"] and answer["location"] == "/id/actor/hungary?format=nq"
    assert answer["etag"] and answer["length"] > 0
    compacted = fetched(elsewhere, actor, Accept=JSONLD_PROFILE)
    assert compacted["status"] == 200 and compacted["type"].startswith("application/ld+json")


@pytest.mark.parametrize("path,accept", [("/.well-known/void", "text/turtle"), ("/ontology", "application/trig"),
                                         ("/shapes", "application/n-triples"), ("/dump.nq.gz", "*/*"),
                                         ("/reconcile", "application/json")])
def test_a_page_of_another_origin_reads_the_dataset_documents(site, elsewhere, path, accept):  # noqa: F811
    answer = fetched(elsewhere, site + path, Accept=accept, **{"If-None-Match": '"nothing-cached"'})
    assert "error" not in answer, (path, answer)
    assert answer["status"] == 200 and answer["length"] > 0 and answer["etag"], (path, answer)
