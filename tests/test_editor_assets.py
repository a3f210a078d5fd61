"""YASGUI's files are served by NewsKG itself (no CDN), and only those files."""
from __future__ import annotations

import pytest

from server.editor_assets import FILES, available

HTML = {"Accept": "text/html"}


@pytest.mark.skipif(not available(), reason="YASGUI is not installed (npm install, run by make setup)")
def test_the_query_page_loads_yasgui_from_this_server(client):
    page = client.get("/sparql", headers=HTML).get_data(as_text=True)
    assert 'src="/static/yasgui/yasgui.min.js"' in page and 'href="/static/yasgui/yasgui.min.css"' in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()
    for name, media in FILES.items():
        response = client.get(f"/static/yasgui/{name}")
        assert response.status_code == 200 and response.mimetype == media and len(response.data) > 1000


@pytest.mark.parametrize("path", ["/static/yasgui/package.json", "/static/yasgui/..%2F..%2Fpackage.json",
                                  "/static/yasgui/yasgui.esm.js", "/static/yasgui/%2Fetc%2Fpasswd"])
def test_nothing_else_is_served_from_node_modules(client, path):
    assert client.get(path).status_code == 404
