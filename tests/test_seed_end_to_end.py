"""The seed article through ingest -> validate -> export, scored with the shared scorer."""
from conftest import SEED, newskg, score


def test_ingest_prints_one_line_per_article(seed_store, tmp_path):
    done = newskg("ingest", SEED, "--store", tmp_path / "store")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ok") and "seed-article.txt" in lines[0]


def test_store_validates(seed_store):
    done = newskg("validate", "--store", seed_store)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all conform" in done.stdout


def test_article_metadata_is_complete(seed_dump):
    report = score(seed_dump)
    assert report["article"]["checks"] == {"headline": True, "datePublished": True, "publisher": True}


def test_no_page_furniture_reaches_the_graph(seed_dump):
    report = score(seed_dump)
    assert report["boilerplate"]["clean"], report["boilerplate"]["leaks"]


def test_actors_and_wikidata_links(seed_dump):
    report = score(seed_dump)
    assert report["actors"]["f1"] >= 0.9, report["actors"]
    assert not report["actors"]["wrong_type"], report["actors"]
    assert report["links"]["accuracy"] >= 0.9, report["links"]
