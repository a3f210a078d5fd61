"""/reconcile, the W3C Reconciliation Service (API 0.2): a real client from PyPI
(py-reconciliation-service-api, over HTTP to the running server) reconciles a table of names,
and every kind of answer is checked against the specification's JSON schemas."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pyoxigraph as ox
import pytest
import requests
from py_reconciliation_service_api import build_reconciliation_service
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from server_helpers import BASE, RunningServer, make_app

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMAS = FIXTURES / "reconciliation-0.2-schemas"
ACTORS = FIXTURES / "reconciliation" / "actors.trig"
PERSON, COUNTRY = "https://schema.org/Person", "https://schema.org/Country"
NEWS = "https://schema.org/NewsMediaOrganization"

# name, types, properties, the expected first candidate (None: no candidate), whether it is a certain match
TABLE = [
    ("Péter Szijjártó", [], [], "peter-szijjarto", True),
    ("Peter Szijjarto", [], [], "peter-szijjarto", True),               # without accents
    ("PÉTER SZIJJÁRTÓ", [PERSON], [], "peter-szijjarto", True),
    ("Szijjártó Péter", [], [], "peter-szijjarto", False),              # family name first: likely, not certain
    ("Szijjarto", [], [], "peter-szijjarto", False),                    # a surname alone is never certain
    ("Peter Szijarto", [], [], "peter-szijjarto", False),               # misspelt: found, not certain
    ("Hungary", [COUNTRY], [], "hungary", True),
    ("Hungarian", [], [], "hungary", True),                             # an alias
    ("Hungary", [], [("wikidata", "Q999")], "hungary", False),          # the given Wikidata id contradicts it
    ("Ukraine", [], [("wikidata", "http://www.wikidata.org/entity/Q212")], "ukraine", True),
    ("Ukraine", [PERSON], [], None, False),                             # no person of that name
    ("North Atlantic Treaty Organization", [], [], "nato", True),
    ("AFP", [NEWS], [], "agence-france-presse", True),
    ("Agence France Presse", [], [], "agence-france-presse", True),     # punctuation does not count
    ("World Health Organisation", [], [], "world-health-organization", True),
    ("WHO", [PERSON], [], None, False),
    ("Lindqvist", [], [], "erik-lindqvist|marta-lindqvist", False),    # two people share the surname
    ("Lindqvist", [PERSON], [("country", "Sweden")], "marta-lindqvist", False),
    ("Lindqvist", [], [("wikidata", "Q34")], "erik-lindqvist|marta-lindqvist", False),
    ("Marta Lindqvist", [], [], "marta-lindqvist", True),
    ("Lucia Garrido", [], [], "lucia-garrido", True),
    ("jose manuel alvarez", [], [], "jose-manuel-alvarez", True),
    ("HG", [], [], "harbour-gazette|hg-logistics", False),             # an alias two actors share
    ("Nordvik Rail", ["Organization"], [], "nordvik-rail", True),      # a short type id
    ("Jane Doe", [], [], None, False),
]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reconcile") / "store"
    store = ox.Store(str(folder))
    store.load(ACTORS.read_bytes(), ox.RdfFormat.TRIG)
    store.flush()
    del store
    return folder


@pytest.fixture(scope="module")
def server(store_dir):
    running = RunningServer(store_dir, token=None)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def validator():
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7)))
    registry = Registry().with_resources(resources)

    def check(name: str, data) -> None:
        schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
        jsonschema.Draft7Validator(schema, registry=registry).validate(data)
    return check


def test_a_client_from_pypi_reconciles_a_table_of_names(server):
    service = build_reconciliation_service(server.url + "/reconcile")
    queries = [{"query": name, "type": types or None, "limit": 5,
                "properties": [{"pid": pid, "v": v} for pid, v in props] or None}
               for name, types, props, _, _ in TABLE]
    results = service.reconcile_batch([{k: v for k, v in q.items() if v is not None} for q in queries])
    wrong = []
    for (name, types, props, expected, certain), result in zip(TABLE, results):
        candidates = result.result
        matches = [c for c in candidates if c.match]
        if expected is None:
            if candidates and any(c.match for c in candidates) or (candidates and types):
                wrong.append((name, types, [c.id for c in candidates]))
            continue
        if not candidates or candidates[0].id not in expected.split("|"):
            wrong.append((name, types, props, [c.id for c in candidates]))
            continue
        if certain != bool(matches) or (matches and matches[0].id != candidates[0].id) or len(matches) > 1:
            wrong.append((name, props, "match", [(c.id, c.score, c.match) for c in candidates]))
        if "|" in expected:  # ambiguous: every one of them is offered
            assert set(expected.split("|")) <= {c.id for c in candidates}, name
    assert not wrong, wrong


def test_the_manifest_and_every_answer_follow_the_specification(server, validator):
    url = server.url + "/reconcile"
    manifest = requests.get(url, timeout=10)
    assert manifest.headers["Content-Type"].startswith("application/json")
    validator("manifest", manifest.json())
    assert manifest.json()["identifierSpace"] == BASE + "id/actor/"

    queries = {f"q{i}": {"query": name, **({"type": types[0]} if types else {}),
                         **({"properties": [{"pid": p, "v": v} for p, v in props]} if props else {})}
               for i, (name, types, props, _, _) in enumerate(TABLE)}
    validator("reconciliation-query-batch", queries)
    answer = requests.post(url, data={"queries": json.dumps(queries)}, timeout=10)
    assert answer.status_code == 200
    validator("reconciliation-result-batch", answer.json())
    assert set(answer.json()) == set(queries)

    for kind, schema in (("entity", "suggest-entities-response"), ("type", "suggest-types-response"),
                         ("property", "suggest-properties-response")):
        suggested = requests.get(f"{url}/suggest/{kind}", params={"prefix": "c" if kind != "entity" else "lind"},
                                 timeout=10).json()
        validator(schema, suggested)
        assert suggested["result"], kind
    assert {r["id"] for r in requests.get(f"{url}/suggest/entity", params={"prefix": "lind"}, timeout=10).json()
            ["result"]} == {"marta-lindqvist", "erik-lindqvist"}
    assert requests.get(f"{url}/suggest/entity", params={"prefix": "José"}, timeout=10).json()["result"][0]["id"] \
        == "jose-manuel-alvarez"

    proposed = requests.get(f"{url}/propose_properties", params={"type": PERSON}, timeout=10).json()
    validator("data-extension-property-proposal", proposed)

    extension = {"ids": ["peter-szijjarto", "marta-lindqvist", "hungary", "nobody"],
                 "properties": [{"id": "wikidata"}, {"id": "role"}, {"id": "country"}]}
    validator("data-extension-query", extension)
    extended = requests.post(url, data={"extend": json.dumps(extension)}, timeout=10).json()
    validator("data-extension-response", extended)
    rows = extended["rows"]
    assert rows["hungary"]["wikidata"] == [{"str": "Q28"}]
    assert rows["peter-szijjarto"]["role"] == [{"str": "Foreign Minister (Hungary)"}]
    assert rows["peter-szijjarto"]["country"] == [{"id": "hungary", "name": "Hungary"}]
    assert rows["marta-lindqvist"]["country"] == [{"id": "sweden", "name": "Sweden"}]
    assert rows["nobody"] == {"wikidata": [], "role": [], "country": []}


def test_the_preview_escapes_and_links_the_actor(server):
    manifest = requests.get(server.url + "/reconcile", timeout=10).json()
    page = requests.get(manifest["preview"]["url"].replace("{{id}}", "lucia-garrido"), timeout=10)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "Lucía Garrido" in page.text and "Director (World Health Organization)" in page.text
    assert f'href="{BASE}id/actor/lucia-garrido"' in page.text
    assert requests.get(server.url + "/reconcile/preview", params={"id": "<script>"}, timeout=10).status_code == 404


@pytest.mark.parametrize("form", [
    {"queries": "{not json"}, {"queries": "[1, 2]"}, {"queries": json.dumps({"q0": {"query": 3}})},
    {"queries": json.dumps({"q0": {"query": "x", "properties": [{"v": 1}]}})},
    {"queries": json.dumps({"q0": {"query": "x", "type": [1]}})},
    {"extend": "{}"}, {"extend": json.dumps({"ids": [1], "properties": []})},
    {"queries": json.dumps({f"q{i}": {"query": "x"} for i in range(1000)})},
    {"queries": json.dumps({"q0": {"query": "x", "properties": {"pid": "country"}}})},
    {"extend": json.dumps({"ids": ["x"] * 1000, "properties": [{"id": "role"}]})},
    {"queries": "[" * 100000},
])
def test_bad_requests_get_a_400_not_a_crash(form):
    client = make_app().test_client()
    response = client.post("/reconcile", data=form)
    assert response.status_code == 400
    assert response.json["status"] == "error"


def test_the_index_follows_writes(tmp_path):
    from server_helpers import AUTH
    client = make_app().test_client()
    first = client.post("/reconcile", data={"queries": json.dumps({"q": {"query": "Ukraine"}})}).json
    assert first["q"]["result"][0]["id"] == "ukraine"
    # a graph of its own: the fixture's hand-made article graphs do not pass the shapes, and
    # writes that touch what an article uses are validated
    update = f"""INSERT DATA {{ GRAPH <{BASE}graph/curated-labels> {{ <{BASE}id/actor/ukraine>
                 <http://www.w3.org/2004/02/skos/core#altLabel> "Ukrajina" }} }}"""
    assert client.post("/sparql", data={"update": update}, headers=AUTH).status_code == 204
    after = client.post("/reconcile", data={"queries": json.dumps({"q": {"query": "Ukrajina"}})}).json
    assert after["q"]["result"][0] == {**after["q"]["result"][0], "id": "ukraine", "match": True}


def test_names_in_ingested_articles_reconcile_to_iris_that_dereference(client, store):
    """Over the store the page tests ingest from real text: the match's view URL is its page."""
    manifest = client.get("/reconcile").json
    answer = client.post("/reconcile", data={"queries": json.dumps({
        "a": {"query": "Peter Szijjarto", "type": PERSON}, "b": {"query": "hungary", "type": COUNTRY}})}).json
    for name in ("a", "b"):
        best = answer[name]["result"][0]
        assert best["match"] is True, answer[name]
        view = manifest["view"]["url"].replace("{{id}}", best["id"])
        assert view.startswith(BASE)
        assert client.get("/" + view[len(BASE):], headers={"Accept": "text/turtle"}).status_code == 200
