"""The command line: bad input is refused cleanly, re-ingesting replaces, exports parse."""
import json

import pytest
from rdflib import Dataset, Graph

from kg.namespaces import SCHEMA

from conftest import newskg

GOOD_ARTICLE = """Harbour city council approves new tram line

The city council of Portmere voted on Monday to approve a new tram line linking the harbour to the
university, after two years of debate. Mayor Elena Varga said the line would open in 2027.

Opposition councillor Tomas Reed said the cost was too high. "We cannot afford this now," Reed said.
"""


@pytest.fixture()
def store_with_article(tmp_path):
    article = tmp_path / "tram.txt"
    article.write_text(GOOD_ARTICLE, encoding="utf-8")
    (tmp_path / "tram.meta.json").write_text(json.dumps({
        "url": "https://news.example.org/2025/03/11/tram-line", "publisher": "Portmere Gazette",
        "inLanguage": "en"}), encoding="utf-8")
    store = tmp_path / "store"
    done = newskg("ingest", article, "--store", store)
    assert done.returncode == 0, done.stderr
    return store


def dump(store, tmp_path, name="dump.nq"):
    out = tmp_path / name
    done = newskg("export", "--store", store, "--out", out)
    assert done.returncode == 0, done.stderr
    return sorted(out.read_text(encoding="utf-8").splitlines())


def bad_inputs(folder):
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = folder / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    latin1 = folder / "latin1.txt"
    latin1.write_bytes("Le ministre a déclaré que la réforme était nécessaire. ".encode("latin-1") * 5)
    no_article = folder / "nav-only.html"
    no_article.write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
                          encoding="utf-8")
    broken_meta_article = folder / "brokenmeta.txt"
    broken_meta_article.write_text(GOOD_ARTICLE, encoding="utf-8")
    (folder / "brokenmeta.meta.json").write_text("{ url: nope", encoding="utf-8")
    return {"empty": empty, "binary": binary, "not utf-8": latin1, "no article": no_article,
            "meta not JSON": broken_meta_article, "missing": folder / "does-not-exist.txt"}


@pytest.mark.parametrize("case", ["empty", "binary", "not utf-8", "no article", "meta not JSON", "missing"])
def test_bad_input_is_refused_and_store_is_untouched(case, store_with_article, tmp_path):
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    path = bad_inputs(bad_dir)[case]
    before = dump(store_with_article, tmp_path, "before.nq")
    done = newskg("ingest", path, "--store", store_with_article)
    assert done.returncode != 0
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 1, done.stderr
    assert path.name in errors[0]
    assert "Traceback" not in done.stderr
    assert dump(store_with_article, tmp_path, "after.nq") == before


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    done = newskg("ingest", folder, "--store", tmp_path / "store")
    assert done.returncode != 0
    assert "good.txt" in done.stdout and done.stdout.startswith("ok")
    assert "empty.txt" in done.stderr


def test_meta_option_must_be_json(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(GOOD_ARTICLE, encoding="utf-8")
    meta = tmp_path / "other-meta.json"
    meta.write_text("not json", encoding="utf-8")
    done = newskg("ingest", article, "--meta", meta, "--store", tmp_path / "store")
    assert done.returncode != 0 and "other-meta.json" in done.stderr


def test_reingesting_replaces_the_article_graph(store_with_article, tmp_path):
    before = dump(store_with_article, tmp_path, "before.nq")
    done = newskg("ingest", tmp_path / "tram.txt", "--store", store_with_article)
    assert done.returncode == 0, done.stderr
    after = dump(store_with_article, tmp_path, "after.nq")
    assert len(after) == len(before)
    strip_time = lambda lines: [l for l in lines if "generatedAtTime" not in l and "endedAtTime" not in l]
    assert strip_time(after) == strip_time(before)


@pytest.mark.parametrize("fmt,rdflib_format", [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_export_formats_parse_to_the_same_quads(fmt, rdflib_format, store_with_article, tmp_path):
    reference = Dataset()
    reference.parse(data="\n".join(dump(store_with_article, tmp_path)), format="nquads")
    out = tmp_path / f"export.{fmt}"
    done = newskg("export", "--store", store_with_article, "--format", fmt, "--out", out)
    assert done.returncode == 0, done.stderr
    parsed = Dataset()
    parsed.parse(out, format=rdflib_format)
    assert len(parsed) == len(reference) > 0


def test_turtle_export_is_the_union_of_graphs(store_with_article, tmp_path):
    out = tmp_path / "export.ttl"
    assert newskg("export", "--store", store_with_article, "--format", "turtle", "--out", out).returncode == 0
    g = Graph().parse(out, format="turtle")
    headlines = list(g.objects(None, SCHEMA.headline))
    assert [str(h) for h in headlines] == ["Harbour city council approves new tram line"]
