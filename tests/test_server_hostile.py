"""What a hostile stranger tries on the server: stored XSS through an article's URL,
framing and sniffing (security headers), malformed paths. Each is answered with a client
error or rendered harmless, never a traceback."""
from __future__ import annotations

import re

import pytest

from server.page_helpers import link_url
from server_helpers import BASE, make_app, news_store

EVIL_URL = "javascript://example.org/%0aalert('XSS')"
EVIL_ARTICLE = BASE + "id/article/evil"


@pytest.fixture(scope="module")
def client():
    store = news_store()
    store.update(f"""
        PREFIX schema: <https://schema.org/>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        INSERT DATA {{ GRAPH <{BASE}graph/article/evil> {{
            <{EVIL_ARTICLE}> a schema:NewsArticle ; schema:headline "A harmless-looking article" ;
                schema:url <{EVIL_URL}> .
            <{BASE}graph/article/evil> prov:wasDerivedFrom <{EVIL_URL}> .
        }} }}""")
    return make_app(store).test_client()


def hrefs(page: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', page)


def test_a_javascript_url_of_an_article_is_text_not_a_link(client):
    r = client.get("/id/article/evil", headers={"Accept": "text/html"})
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert not any("javascript" in h.lower() for h in hrefs(page))
    assert "javascript://example.org/%0aalert(&#39;XSS&#39;)" in page  # shown, as text
    assert "Read the article at its source" not in page


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "\x01javascript:alert(1)",
    "java\tscript:alert(1)", "jav\nascript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "file:///etc/passwd", "javascript%3Aalert(1)x:y", ""])
def test_only_web_and_relative_urls_become_links(url):
    assert link_url(url) is None


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://example.org/", "HTTPS://EXAMPLE.ORG/",
                                 "/id/actor/nato", "?page=2", "#top", "page/2", "//example.org/x"])
def test_web_and_relative_urls_stay_links(url):
    assert link_url(url) == url


SECURITY_HEADERS = {"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"}


@pytest.mark.parametrize("path, headers", [
    ("/", {"Accept": "text/html"}),
    ("/id/article/evil", {"Accept": "text/html"}),
    ("/id/article/evil", {"Accept": "text/turtle"}),
    ("/id/actor/nobody", {"Accept": "text/html"}),
    ("/sparql", {"Accept": "text/html"}),
    ("/sparql", {"Accept": "text/turtle"}),
    ("/sparql?query=ASK%7B%7D", {}),
    ("/sparql?query=ASK%7B%7D", {}),  # the second time from the cache, before Flask
    ("/sparql?query=ASK%7B", {}),
    ("/static/query.js", {}),
    ("/.well-known/void", {}),
    ("/no/such/page", {}),
])
def test_every_kind_of_response_carries_the_security_headers(client, path, headers):
    r = client.get(path, headers=headers)
    assert SECURITY_HEADERS <= set(r.headers.keys()), (path, r.status_code)
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp


def test_errors_and_writes_carry_the_security_headers_too(client):
    for r in (client.post("/sparql", data="INSERT DATA {}", content_type="application/sparql-update"),
              client.delete("/sparql"), client.put("/rdf-graph-store?default", data=b"x")):
        assert r.status_code >= 400 and SECURITY_HEADERS <= set(r.headers.keys())


def test_pages_have_no_inline_script(client):
    for path in ("/", "/sparql", "/id/article/evil", "/ontology", "/shapes", "/.well-known/void"):
        page = client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S):
            # a data block (JSON, JSON-LD) is never run; a script must come from a file
            assert "src=" in attributes or re.search(r'type="application/(ld\+)?json"', attributes), path
            assert "src=" not in attributes or not body.strip()
        assert not re.search(r"\son[a-z]+\s*=", page), path


@pytest.mark.parametrize("path", ["/id/actor/%00", "/id/actor/a%00b", "/id/article/%ff%fe", "/id/%ff/x",
                                  "/graph/article/%ff", "/graph/article/%00", "/graph-page/%ff%fe",
                                  "/id/actor/%", "/id/actor/%zz", "/%ff", "/static/%00"])
def test_malformed_paths_are_client_errors(client, path):
    for accept in ("text/html", "text/turtle"):
        r = client.get(path, headers={"Accept": accept})
        assert r.status_code in (400, 404), (path, accept, r.status_code)
        assert b"Traceback" not in r.data
