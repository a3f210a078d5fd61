"""Only input that cannot be read as an English article is refused: one line, store unchanged.
The limits a user can raise by flag; links out of a folder; names printed escaped."""
import json

import pytest

from conftest import newskg

ENGLISH = """Harbour board approves a new ferry pier
Kestrel Bay, 4 March 2026 - The harbour board of Kestrel Bay approved a new ferry pier on Tuesday after two years of planning.
"The pier will carry twice as many passengers," said Ingrid Solberg, the board's chair. Local fishermen opposed the plan.
"""
GERMAN = """Hafenbehörde genehmigt neuen Fähranleger
Die Hafenbehörde der Stadt hat am Dienstag nach zweijähriger Planung einen neuen Fähranleger genehmigt.
„Der Anleger wird doppelt so viele Fahrgäste befördern“, sagte die Vorsitzende der Behörde. Die örtlichen Fischer lehnten den Plan ab.
"""
RUSSIAN = """Портовое управление одобрило новый паромный причал
Портовое управление города во вторник одобрило строительство нового паромного причала после двух лет планирования.
«Причал будет перевозить вдвое больше пассажиров», — заявила председатель управления. Местные рыбаки выступили против плана.
"""


def _dump(store):
    done = newskg("export", "--store", store, "--format", "nquads")
    return sorted(done.stdout.splitlines()) if done.returncode == 0 else []


@pytest.fixture
def store_with_one(tmp_path):
    page = tmp_path / "pier.txt"
    page.write_text(ENGLISH, encoding="utf-8")
    store = tmp_path / "store"
    assert newskg("ingest", page, "--store", store).returncode == 0
    return store


@pytest.mark.parametrize("text, language", [(GERMAN, "German"), (RUSSIAN, "Russian")])
def test_an_article_not_in_english_is_refused_naming_its_language(tmp_path, store_with_one, text, language):
    before = _dump(store_with_one)
    page = tmp_path / "other.txt"
    page.write_text(text, encoding="utf-8")
    done = newskg("ingest", page, "--store", store_with_one)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith(f"error {page}:") and language in line
    assert _dump(store_with_one) == before


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read_as_text(tmp_path, encoding):
    page = tmp_path / "pier.txt"
    data = ENGLISH.encode(encoding)
    page.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    store = tmp_path / "store"
    done = newskg("ingest", page, "--store", store)
    assert done.returncode == 0, done.stderr
    assert any('"Harbour board approves a new ferry pier"' in line for line in _dump(store))


def test_a_file_over_the_size_limit_is_refused_and_the_flag_raises_the_limit(tmp_path, store_with_one):
    before = _dump(store_with_one)
    page = tmp_path / "long.txt"
    page.write_text(ENGLISH + ("\n\nThe board met again and talked about the pier for a long time." * 300), encoding="utf-8")
    size = page.stat().st_size
    done = newskg("ingest", page, "--store", store_with_one, "--max-file-size", str(size / 2 / 1024 / 1024))
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert "more than the limit" in line and "--max-file-size" in line
    assert _dump(store_with_one) == before
    assert newskg("ingest", page, "--store", store_with_one,
                  "--max-file-size", str(2 * size / 1024 / 1024)).returncode == 0


def test_headline_and_literal_limits_and_control_characters(tmp_path):
    page = tmp_path / "pier.txt"
    page.write_text(ENGLISH.replace("ferry pier", "ferry\x1b[31m pier\u202e"), encoding="utf-8")
    store = tmp_path / "store"
    done = newskg("ingest", page, "--store", store, "--max-headline", "20", "--max-literal", "40")
    assert done.returncode == 0, done.stderr
    # every literal but the record of what the article adds to the shared graph (N-Triples of
    # literals that are each limited)
    literals = [line.split('"')[1] for line in _dump(store) if '"' in line and "prov#value" not in line]
    headline = next(line.split('"')[1] for line in _dump(store) if "schema.org/headline" in line)
    assert headline == "Harbour board appro…"
    assert all(len(value) <= 40 for value in literals if not value.startswith(("http", "NewsKG")))
    assert not any("\x1b" in value or "\u202e" in value or "\\u" in value for value in literals)


def test_a_symlink_leading_out_of_an_ingested_folder_is_skipped_with_a_warning(tmp_path):
    outside = tmp_path / "private" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text(ENGLISH.replace("Harbour board", "Secret board"), encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "pier.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "secret.txt").symlink_to(outside)
    (folder / "more").symlink_to(outside.parent, target_is_directory=True)
    store = tmp_path / "store"
    done = newskg("ingest", folder, "--store", store)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning")]
    assert any("secret.txt: skipped: a symbolic link that leads out of" in line for line in warnings)
    assert not any("Secret" in line for line in _dump(store))


def test_a_file_name_with_a_newline_is_printed_escaped(tmp_path):
    page = tmp_path / "pier\nerror forged.txt"
    page.write_text(ENGLISH, encoding="utf-8")
    empty = tmp_path / "empty\r.txt"
    empty.write_text("", encoding="utf-8")
    done = newskg("ingest", page, empty, "--store", tmp_path / "store")
    assert done.returncode == 1
    [ok] = done.stdout.splitlines()
    [error] = done.stderr.splitlines()
    assert ok.startswith("ok ") and "pier\\nerror forged.txt" in ok
    assert error.startswith("error ") and "empty\\r.txt" in error and "file is empty" in error


@pytest.mark.parametrize("content, problem", [
    (b"", "file is empty"), (b"\x00\x01\x02PNG\x00" * 50, "binary file"),
    (b"\xff\xfe" + b"\x00\xd8" * 40, "not UTF-16 text"), (b"caf\xe9 au lait " * 20, "not UTF-8 text"),
])
def test_unreadable_input_is_one_error_line_and_leaves_the_store_unchanged(tmp_path, store_with_one, content, problem):
    before = _dump(store_with_one)
    page = tmp_path / "bad.txt"
    page.write_bytes(content)
    done = newskg("ingest", page, "--store", store_with_one)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert problem in line and "Traceback" not in done.stderr
    assert _dump(store_with_one) == before


def test_a_url_with_characters_iris_may_not_hold_is_encoded_not_fatal(tmp_path):
    from kg.reading.metadata import safe_iri
    assert safe_iri("https://news.example/a <b>\"x\"") == "https://news.example/a%20%3Cb%3E%22x%22"
    assert safe_iri("https://news.example/ok/path?q=1#f") == "https://news.example/ok/path?q=1#f"
    assert safe_iri("no scheme here") is None
    page = tmp_path / "pier.txt"
    page.write_text(ENGLISH, encoding="utf-8")
    page.with_name("pier.meta.json").write_text(json.dumps({"url": "https://news.example/<b>pier"}), encoding="utf-8")
    done = newskg("ingest", page, "--store", tmp_path / "store")
    assert done.returncode == 0, done.stderr
    assert any("<https://news.example/%3Cb%3Epier>" in line for line in _dump(tmp_path / "store"))


def test_a_text_longer_than_the_model_reads_is_one_clean_error_line(tmp_path, nlp):
    from kg.ingest import analyse_file
    page = tmp_path / "long.txt"
    sentence = "The board met again on Tuesday and talked about the new pier for a long time."
    page.write_text(ENGLISH + "\n\n".join([sentence] * (nlp.max_length // len(sentence) + 10)), encoding="utf-8")
    outcome = analyse_file(page, nlp=nlp)
    assert not outcome.ok and "more than the language model reads" in outcome.error
    assert "\n" not in outcome.error and "could not be processed" not in outcome.error
