"""The reading stage: files -> Article, with page furniture removed and metadata merged."""
import importlib
import json
import re
import re._compiler
import re._parser
import shutil
import socket
from pathlib import Path
from re._constants import (ANY, ASSERT, ASSERT_NOT, AT, AT_BEGINNING, AT_BOUNDARY, BRANCH, IN, LITERAL,
                           MAX_REPEAT, MIN_REPEAT, NOT_LITERAL, SUBPATTERN)

import pytest

from conftest import SEED, SEED_GOLD
from kg.reading import ReadError, iter_article_files, read_article
from kg.reading.dates import date_in_lines, date_in_url, is_date_line, normalise_date
from kg.reading.furniture import is_furniture, related_header
from kg.reading.headline import find_headline

FIXTURES = Path(__file__).parent / "fixtures" / "reading"


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def assert_clean(text: str, *furniture: str) -> None:
    for piece in furniture:
        assert piece.lower() not in text.lower(), f"furniture left in text: {piece!r}"


@pytest.fixture
def no_network(monkeypatch):
    """Reading must never open a connection."""
    def refuse(*args, **kwargs):
        raise AssertionError("reading tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# --- the real seed page -----------------------------------------------------------------

@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip(f"shared corpus not found at {SEED}")
    return read_article(SEED)


@pytest.fixture(scope="module")
def seed_gold():
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


def test_seed_metadata(seed, seed_gold):
    assert seed.headline == "US, Germany “not ready” to invite Ukraine to NATO, alliance source says"
    assert seed.headline == seed_gold["article"]["headline"]
    assert seed.date_published == "2024-12-04"  # only the URL in the sidecar gives it
    assert seed.publisher == "Euromaidan Press"
    assert seed.url == seed_gold["article"]["url"]
    assert seed.language == "en"


def test_seed_has_no_boilerplate(seed, seed_gold):
    for piece in seed_gold["boilerplate"]:
        for value in (seed.text, seed.headline, seed.description or ""):
            assert piece.lower() not in value.lower(), piece


def test_seed_text_starts_with_first_body_paragraph(seed):
    assert seed.text.startswith("The United States and Germany are reportedly")


def test_seed_keeps_bullet_paragraphs_without_bullets(seed):
    raw_lines = SEED.read_text(encoding="utf-8").splitlines()
    bullets = [line.strip().lstrip("•").strip() for line in raw_lines if line.strip().startswith("•")]
    assert len(bullets) == 5
    kept = paragraphs(seed.text)
    for bullet in bullets:
        assert bullet in kept
    assert "•" not in seed.text


def test_seed_headline_not_in_body(seed):
    assert seed.headline not in seed.text
    assert seed.text.count("not ready” to invite Ukraine to NATO") == 0


def test_seed_drops_other_furniture(seed):
    assert_clean(seed.text, "Copyright", "supported by the International Renaissance", "Photo:",
                 "Privacy", "Related:", "Euromaidan Press\n", "suggest a correction", "_rdax_")
    assert not seed.text.rstrip().endswith("Euromaidan Press")
    assert all(len(p.split()) > 4 for p in paragraphs(seed.text))


# --- .txt pages of other publishers ---------------------------------------------------

def test_txt_without_sidecar_finds_everything_on_the_page():
    article = read_article(FIXTURES / "baltic-ledger-vote.txt")
    assert article.headline == "Latvian parliament backs new defence budget after marathon session"
    assert article.date_published == "2025-03-14"  # from the "Published ..." line
    assert article.publisher == "The Baltic Ledger"  # from the copyright line
    assert article.authors == ["Marta Kalnina"]
    assert article.url is None
    assert_clean(article.text, "Skip to content", "Home |", "Subscribe", "By Marta", "Published 14",
                 "_1200x630", ".jpg", "Getty Images", "Read more", "Advertisement", "Share this",
                 "All rights reserved", "newsletter", "cookies", "Independent journalism needs you",
                 "adblock", article.headline)
    kept = paragraphs(article.text)
    assert kept[0].startswith("Lawmakers in Riga approved a record defence budget")
    assert "Funding for two new air-defence batteries to be delivered next year." in kept
    assert "Higher pay for reservists who complete annual exercises." in kept
    assert kept[-1].startswith("Opposition deputies argued")


def test_txt_sidecar_wins_and_repeated_headline_is_found():
    article = read_article(FIXTURES / "harbour-times-ferry.txt")
    assert article.headline == "Ferry operator “suspends” winter route to the islands"  # sidecar's quotes
    assert article.date_published == "2025-01-06"  # from the URL
    assert article.publisher == "Harbour Times"
    assert article.language == "en-IE"
    assert article.authors == ["Niamh Cole", "Declan Ward"]
    assert_clean(article.text, "Supported by", "Privacy Notice", "suspends' winter route",
                 "ferry_terminal", "Photo:", "Related articles", "Island school faces closure",
                 "reproduced without permission", "report an error", "Harbour Times")
    kept = paragraphs(article.text)
    assert kept[0].startswith("The island ferry between Port Allard and Kestrel Island")
    assert any(p.startswith("“We were given two days’ notice.") for p in kept)


def test_hard_wrapped_page_is_joined_into_paragraphs():
    article = read_article(FIXTURES / "wrapped-bulletin.txt")
    assert article.headline == "Wind farm off the Skelly coast wins final approval"
    assert article.publisher == "Northern Gazette"
    kept = paragraphs(article.text)
    assert len(kept) == 3
    assert kept[0].startswith("Planning officials gave final approval on Wednesday to a 40-turbine wind farm")
    assert kept[0].endswith("over the position of the export cable.")
    assert_clean(article.text, "Sign in", "Copyright", "Northern Gazette")


def test_explicit_meta_file_wins(tmp_path):
    page = tmp_path / "page.txt"
    shutil.copy(FIXTURES / "baltic-ledger-vote.txt", page)
    meta = tmp_path / "other.json"
    meta.write_text(json.dumps({"headline": "Riga passes defence budget", "publisher": "Ledger Wire",
                                "datePublished": "2025-03-13", "author": "A. Writer",
                                "url": "https://ledger.example/2025/03/13/budget"}))
    article = read_article(page, meta)
    assert (article.headline, article.publisher, article.date_published, article.authors) == (
        "Riga passes defence budget", "Ledger Wire", "2025-03-13", ["A. Writer"])
    assert article.text.startswith("Lawmakers in Riga approved")
    assert "marathon session" not in article.text


def test_dateline_on_page_beats_url(tmp_path):
    page = tmp_path / "story.txt"
    page.write_text("Storm closes mountain pass for a week\n\n4 December 2024\n\n"
                    "Snow and high winds closed the pass on Monday, the road authority said.\n\n"
                    "Drivers were told to use the coastal road until further notice.\n")
    (tmp_path / "story.meta.json").write_text('{"url": "https://x.example/2024/11/30/storm"}')
    article = read_article(page)
    assert article.headline == "Storm closes mountain pass for a week"
    assert article.date_published == "2024-12-04"
    assert article.text.startswith("Snow and high winds")
    assert "4 December 2024" not in article.text


def test_teaser_and_tagline_are_not_the_headline_and_dateline_gives_the_date():
    article = read_article(FIXTURES / "delta-courier-dam.txt")  # no sidecar, no URL
    assert article.headline == "Donors pledge to rebuild Kessel dam after spring floods"
    assert article.date_published == "2026-02-03"  # "3 February 2026 | By ..." only
    assert article.authors == ["Ana Ribeiro", "Tomas Lind"]
    assert_clean(article.text, "river towns since", "LIVE:", "live blog", "3 February 2026", "By Ana",
                 "Rebuilding the Valley", "kessel_dam", "Photo:", "has been updated", "story tip",
                 "Signal", "Disclosure", "LinkedIn", "WhatsApp", "Gambling", "play responsibly", "18+",
                 "All rights reserved")
    kept = paragraphs(article.text)
    assert kept[0].startswith("International donors pledged 240 million euros on Monday")
    # news about donors, "our"/"we" inside a quote, "become a donor" in reported news: all kept
    assert any("Our donors have been generous, and we will spend every cent" in p for p in kept)
    assert any(p.startswith("Donor countries want an independent audit") for p in kept)
    assert kept[-1] == "Engineers expect construction to start in the autumn and to take two years."


def test_published_line_with_time_and_update_gives_the_date():
    article = read_article(FIXTURES / "north-sea-wire-quota.txt")  # sidecar without a date
    assert article.headline == "Fishing council backs quota swap with Norway"
    assert article.date_published == "2026-03-03"
    assert article.authors == ["Pieter Hals"]
    assert_clean(article.text, "Independent news for", "Trending now", "Published", "Updated",
                 "Esbjerg correspondent", "Share", "Print this page", "Listen to this article",
                 "are available on", "what changes in 2026")
    kept = paragraphs(article.text)
    assert kept[0].startswith("The regional fishing council voted on Tuesday")
    assert kept[-1] == "Norwegian officials said the swap would start on 1 April."


# --- HTML -------------------------------------------------------------------------------

def test_html_with_json_ld(no_network):
    article = read_article(FIXTURES / "jsonld-article.html")
    assert article.headline == "City council approves tram extension"
    assert article.date_published == "2025-05-20T08:30:00+01:00"
    assert article.publisher == "Northfield Courier"
    assert article.url == "https://courier.example/local/tram-extension-approved"
    assert article.language == "en-GB"
    assert article.authors == ["Priya Natarajan", "Tom Hale"]
    assert article.description == "Councillors voted to extend the tram line to the eastern suburbs."
    assert article.text.startswith("Northfield city council has approved a four-kilometre extension")
    assert "Council leader Rosa Delgado said" in article.text
    assert_clean(article.text, "Home", "cookies", "Photo:", "cup of coffee", "All rights reserved",
                 "Privacy Policy", article.headline)


def test_html_with_only_open_graph(no_network):
    article = read_article(FIXTURES / "opengraph-article.html")
    assert article.headline == "Glacier museum reopens after flood repairs"
    assert article.date_published == "2025-09-02T07:00:00+00:00"
    assert article.publisher == "Alpine Post"
    assert article.url == "https://alpinepost.example/culture/glacier-museum-reopens"
    assert article.description.startswith("The museum in Brenn was closed")
    assert article.text.startswith("The glacier museum in the mountain village of Brenn reopened")
    assert "Visitors can again walk through the ice tunnel" in article.text
    assert_clean(article.text, "Subscribe", "Copyright", "written permission", article.headline)


def test_html_with_plain_meta_tags(no_network):
    article = read_article(FIXTURES / "metatags-article.html")
    assert article.headline == "Harbour cranes to be replaced by electric models"
    assert article.date_published == "2025-04-11"
    assert article.url == "https://portnews.example/2025/04/11/electric-cranes"
    assert article.language == "fr"
    assert article.authors == ["Claire Dubois"]
    assert article.text.startswith("The port authority of Saint-Roch will replace")
    assert article.headline not in article.text


def test_html_date_from_page_then_url(tmp_path, no_network):
    body = ("<p>The old river bridge in Talvik reopened to traffic on Tuesday after two years of "
            "repairs, the city said in a statement.</p><p>Engineers replaced all of the steel cables "
            "and strengthened the foundations of the two central piers.</p>")
    dated = tmp_path / "dated.html"
    dated.write_text(f"<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge "
                     f"reopens</h1><p>Published 3 June 2025</p>{body}</article></body></html>")
    assert read_article(dated).date_published == "2025-06-03"
    undated = tmp_path / "undated.html"
    undated.write_text(f'<html><head><title>Bridge reopens</title><link rel="canonical" '
                       f'href="https://talvik.example/news/2025-06-02/bridge"></head><body><article>'
                       f"{body}</article></body></html>")
    assert read_article(undated).date_published == "2025-06-02"


def test_sidecar_wins_over_html_metadata(tmp_path):
    page = tmp_path / "tram.html"
    shutil.copy(FIXTURES / "jsonld-article.html", page)
    (tmp_path / "tram.meta.json").write_text(json.dumps(
        {"headline": "Tram line to reach eastern suburbs", "publisher": "Courier Syndication",
         "datePublished": "2025-05-21"}))
    article = read_article(page)
    assert article.headline == "Tram line to reach eastern suburbs"
    assert article.publisher == "Courier Syndication"
    assert article.date_published == "2025-05-21"
    assert article.url == "https://courier.example/local/tram-extension-approved"


def test_xhtml_with_xml_declaration(tmp_path, no_network):
    page = tmp_path / "x.html"
    html = (FIXTURES / "metatags-article.html").read_text(encoding="utf-8")
    page.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + html.replace("<!DOCTYPE html>", ""))
    assert read_article(page).headline == "Harbour cranes to be replaced by electric models"


def test_txt_holding_html_is_read_as_html(tmp_path):
    page = tmp_path / "saved.txt"
    page.write_text((FIXTURES / "opengraph-article.html").read_text(encoding="utf-8"))
    assert read_article(page).headline == "Glacier museum reopens after flood repairs"


# --- JSON articles ----------------------------------------------------------------------

def test_json_article():
    article = read_article(FIXTURES / "json-article.json")
    assert article.headline == "Library opens overnight reading room for students"
    assert article.date_published == "2025-11-03"
    assert article.publisher == "Campus Herald"
    assert article.url == "https://campusherald.example/news/overnight-reading-room"
    assert article.authors == ["Jonas Weber"]
    assert article.text.startswith("The university library will keep its main reading room open")
    assert "2,000 signatures" in article.text
    assert_clean(article.text, "Share this", "©", article.headline)


def test_json_article_with_plain_keys(tmp_path):
    path = tmp_path / "plain.json"
    path.write_text(json.dumps({
        "text": "Two new lifeboats were named in Skerrow harbour on Saturday in front of a large crowd.",
        "title": "Skerrow names two new lifeboats", "publisher": "Skerrow Echo", "date": "7 June 2025",
        "language": "en", "url": "https://echo.example/lifeboats"}))
    article = read_article(path)
    assert (article.headline, article.publisher, article.date_published) == (
        "Skerrow names two new lifeboats", "Skerrow Echo", "2025-06-07")


# --- bad input: one clear line, never a traceback -----------------------------------------

def _problem(path: Path, meta: Path | None = None) -> str:
    with pytest.raises(ReadError) as caught:
        read_article(path, meta)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path if meta is None else meta}: ") or message.startswith(f"{path}: ")
    return message


def test_empty_file(tmp_path):
    (tmp_path / "x.txt").write_text("")
    (tmp_path / "y.txt").write_text("  \n\n ")
    assert _problem(tmp_path / "x.txt") == f"{tmp_path / 'x.txt'}: file is empty"
    assert _problem(tmp_path / "y.txt").endswith("file is empty")


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert _problem(path).endswith(": binary file, not an article")


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Headline here\n\nCaf\xe9 owners protest new rules in the old town.")
    assert _problem(path).endswith(": not UTF-8 text (invalid byte 0xe9 at offset 18)")


def test_missing_file(tmp_path):
    assert _problem(tmp_path / "nowhere.txt").endswith(": no such file")


def test_folder_and_unknown_type(tmp_path):
    assert _problem(tmp_path).endswith(": is a folder, not a file")
    pdf = tmp_path / "paper.pdf"
    pdf.write_text("not really a pdf")
    assert "unsupported file type '.pdf'" in _problem(pdf)


def test_html_without_article(tmp_path, no_network):
    path = tmp_path / "menu.html"
    path.write_text('<html><head><title>Menu</title></head><body><nav><a href="/">Home</a> '
                    '<a href="/news">News</a></nav><footer>© 2025 Somebody</footer></body></html>')
    assert _problem(path).endswith(": no article text found in the HTML page")


def test_txt_with_only_furniture(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_text("Copyright © 2025 Example News\nPrivacy Policy\nSubscribe to our newsletter\n")
    assert _problem(path).endswith(": no article text found")


def test_meta_not_json(tmp_path):
    page = tmp_path / "x.txt"
    shutil.copy(FIXTURES / "baltic-ledger-vote.txt", page)
    meta = tmp_path / "x.meta.json"
    meta.write_text('{\n  "url": "https://a.example/1"\n  "publisher": "A"\n}\n')
    with pytest.raises(ReadError) as caught:
        read_article(page)
    assert str(caught.value) == f"{meta}: not valid JSON (line 3: Expecting ',' delimiter) (metadata for x.txt)"


def test_meta_not_an_object(tmp_path):
    page = tmp_path / "x.txt"
    shutil.copy(FIXTURES / "baltic-ledger-vote.txt", page)
    meta = tmp_path / "list.json"
    meta.write_text('["https://a.example/1"]')
    with pytest.raises(ReadError) as caught:
        read_article(page, meta)
    assert str(caught.value) == f"{meta}: meta file must hold a JSON object (metadata for x.txt)"


def test_bad_json_articles(tmp_path):
    (tmp_path / "list.json").write_text("[1, 2]")
    (tmp_path / "notext.json").write_text('{"headline": "Nothing here"}')
    (tmp_path / "broken.json").write_text('{"text": ')
    assert _problem(tmp_path / "list.json").endswith(": JSON article must hold a JSON object")
    assert "JSON article has no text" in _problem(tmp_path / "notext.json")
    assert ": not valid JSON (line 1:" in _problem(tmp_path / "broken.json")


# --- finding article files ----------------------------------------------------------------

def test_iter_article_files(tmp_path):
    for name in ("b.html", "a.txt", "a.meta.json", "c.json", "seed.gold.json", "notes.md",
                 "sub/d.htm", "sub/e.TXT", ".hidden.txt", ".cache/f.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = iter_article_files([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.txt", "b.html", "c.json", "sub/d.htm", "sub/e.TXT"]
    assert iter_article_files([tmp_path / "sub", tmp_path / "a.txt", tmp_path / "a.meta.json",
                               tmp_path / "a.txt"]) == sorted(
        [tmp_path / "a.txt", tmp_path / "sub" / "d.htm", tmp_path / "sub" / "e.TXT"])
    # a named file that is missing is kept, so that reading it reports the problem
    assert iter_article_files([tmp_path / "gone.txt"]) == [tmp_path / "gone.txt"]


# --- the pieces -------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "© 2023 Daily Example Ltd",
    "All rights reserved.",
    "This story was made possible by readers like you.",
    "Republishing is allowed only with prior permission of the editors.",
    "Privacy Policy · Terms of Use",
    "Sign up for our weekly newsletter",
    "Please whitelist our site in your ad blocker",
    "Donate now",
    "Photo: AFP/Jane Roe",
    "Image credit: Wikimedia Commons",
    "protest_kyiv_2024_03_hero_1600x900",
    "The crowd outside parliament. Photo: Reuters",
    "Home | News | Sport | Weather",
    "Tags: Europe, elections",
    "Posted in: Courts, Energy, Government & Policy",
    "Got a tip? Contact our reporter securely on Signal.",
    "Disclosure: The publisher's parent company is a customer of the firm.",
    "Editor's note: This article was corrected to fix a name.",
    "This story has been updated to include a response from the ministry.",
    "This article is part of our Energy Transition series.",
    "Follow Example Daily on LinkedIn for daily briefings.",
    "Want us on your phone? Click here to follow our WhatsApp channel.",
    "18+ | Gambling can be addictive. Please play responsibly.",
    "Pro members get our weekly tracker. Upgrade now and save 20%.",
    "Example News lives on its readers. Become a supporting reader today.",
    "Join thousands of others: from €4 a month.",
    "Harbour at dawn. (c) Example News / J.D.",
    "Articles may be republished under a Creative Commons licence.",
    "The full judgment is available on the court's website.",
    ">> Listen to this article (AI voice, 3 min)",
    "🔗 Copy link   ✉ Email   💬 48 comments",
])
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "The bill is supported by 20 senators from both parties.",
    "Germany will donate two more air-defence systems, the minister said.",
    "The court ruled that the privacy of the defendants had been violated.",
    "“We need you to support us now,” the mayor told the crowd.",
    "A move supported by several countries in the region was blocked on Monday.",
    "China did not oppose the plan, observers said, although it rejected any suggestion that it should "
    "become a donor.",
    "Donor countries want an audit before the first payment, according to officials.",
    "The minister said the fund would support our members and readers of local papers who lose their "
    "subscriptions.",
    "“Become a member of this alliance and you will be safe,” the president told the crowd.",
    "Finland applied to become a member of NATO in May 2022.",
])
def test_body_sentences_are_not_furniture(line):
    assert not is_furniture(line)


def test_headers_of_link_lists():
    assert related_header("Also in Politics:") == (True, "")
    assert related_header("Related reading on Example News:") == (True, "")
    assert related_header("Also on Tuesday the minister said:") == (False, "")
    assert related_header("Also on Tuesday, the minister said:") == (False, "")


@pytest.mark.parametrize("line, found", [
    ("29 January 2026 | By A. Writer in Jakarta and B. Writer in Brussels", "2026-01-29"),
    ("Published: June 9, 2026 at 8:15 a.m. ET | Updated 11:02 a.m. ET", "2026-06-09"),
    ("18/03/2026 · Filed by A. Writer, Strasbourg correspondent", "2026-03-18"),
    ("12.06.2026 — 07:50 | Reading time: 4 minutes", "2026-06-12"),
    ("Friday 22 May 2026, 09:05 CEST", "2026-05-22"),
    ("4:12 PM PDT · September 11, 2026", "2026-09-11"),
])
def test_datelines(line, found):
    assert is_date_line(line)
    assert date_in_lines(["Some headline of the day", line]) == found


@pytest.mark.parametrize("line", [
    "The vote — held on 4 December 2024 — was close.",
    "Parliament approved the plan on 4 December 2024 after a long debate in the chamber.",
])
def test_sentences_with_dates_are_not_datelines(line):
    assert not is_date_line(line)


def test_common_dates_do_not_need_dateparser(monkeypatch):
    """dateparser is slow (a second to load its languages): usual spellings go by pattern."""
    import dateparser
    monkeypatch.setattr(dateparser, "parse", lambda *a, **k: pytest.fail("dateparser called"))
    assert normalise_date("12.06.2026") == "2026-06-12"
    assert normalise_date("Friday 22 May 2026") == "2026-05-22"
    assert normalise_date("Sept. 4, 2024") == "2024-09-04"
    assert normalise_date("4th December 2024") == "2024-12-04"
    assert normalise_date("31.02.2026") is None


def test_headline_is_nearest_title_above_the_dateline():
    lines = ["EXAMPLE TIMES", "Law, money and the people in between", "Home / Courts",
             "LIVE: Election night - follow every result in our live blog",
             "Court halts port expansion over wetland permits",
             "Jana Novak, Chief Legal Correspondent", "Thu 8 Oct 2026 10.34 BST",
             "A regional court on Wednesday suspended the expansion of the container port, finding "
             "that the permits had ignored the wetland's protected status."]
    assert find_headline(lines) == "Court halts port expansion over wetland permits"
    assert find_headline([lines[0], lines[1], lines[4], lines[7]]) == lines[4]  # no dateline


def test_dates():
    assert normalise_date("2024-12-04T10:30:00+02:00") == "2024-12-04T10:30:00+02:00"
    assert normalise_date("2024-12-04T10:30:00") == "2024-12-04"
    assert normalise_date("December 4, 2024") == "2024-12-04"
    assert normalise_date("not a date") is None
    assert date_in_url("https://a.example/2024/12/04/story") == "2024-12-04"
    assert date_in_url("https://a.example/news/2024-12-04/story") == "2024-12-04"
    assert date_in_url("https://a.example/2024/13/40/story") is None
    assert date_in_url("https://a.example/story-2024") is None


def test_a_single_wrapped_line_joins_its_paragraph_and_is_not_the_headline(tmp_path):
    page = tmp_path / "wrapped.txt"
    page.write_text("Port authority approves night ferries\n\n"
                    "The port authority of Calverton approved night ferries to the islands on Monday, after a\n"
                    "year of complaints from residents. The first crossing is planned for the spring.\n",
                    encoding="utf-8")
    article = read_article(page)
    assert article.headline == "Port authority approves night ferries"
    assert article.text.startswith("The port authority of Calverton approved night ferries to the islands "
                                   "on Monday, after a year of complaints")


def test_an_html_page_reads_the_same_every_time_in_one_process():
    page = Path(__file__).parent.parent / "examples" / "articles" / "norway-seabed-mining-delay.html"
    texts = {read_article(page).text for _ in range(6)}
    assert len(texts) == 1 and len(texts.pop()) > 500



# --- the lookaheads in front of furniture's (and the date's) regexes -------------------------
# `_any_of` puts a lookahead of where matches can begin in front of a list of patterns: it only
# makes the scan faster. A pattern added with a first letter the lookahead lacks would silently
# never match, so every way each pattern can begin a match is checked against it here.

_SAMPLE_CHARACTERS = [chr(c) for c in (*range(0x250), *range(0x370, 0x400), *range(0x2100, 0x2150))]


def _first_items(items, flags, anchor):
    """Each way the parsed regex `items` can begin a match, as (a one-character item, its flags,
    the anchor just before it: AT_BOUNDARY, AT_BEGINNING or None); and the anchors under which
    `items` can match nothing at all."""
    firsts, anchors = [], {anchor}
    for op, av in items:
        before, anchors = anchors, set()
        for current in before:
            if op is AT:
                anchors.add(av if av in (AT_BOUNDARY, AT_BEGINNING) else current)
            elif op in (ASSERT, ASSERT_NOT):
                anchors.add(current)
            elif op in (SUBPATTERN, BRANCH, MAX_REPEAT, MIN_REPEAT):
                if op is SUBPATTERN:
                    _, add, remove, sub = av
                    parts, part_flags = [sub], re._compiler._combine_flags(flags, add, remove)
                else:
                    parts, part_flags = (av[1] if op is BRANCH else [av[2]]), flags
                for part in parts:
                    part_firsts, part_anchors = _first_items(part.data, part_flags, current)
                    firsts += part_firsts
                    anchors |= part_anchors
                if op in (MAX_REPEAT, MIN_REPEAT) and av[0] == 0:
                    anchors.add(current)
            else:
                assert op in (LITERAL, NOT_LITERAL, IN, ANY), op
                firsts.append(((op, av), flags, current))
    return firsts, anchors


@pytest.mark.parametrize("name", ["furniture._ALWAYS", "furniture._APPEALS", "furniture._REPORTED_SPEECH",
                                  "furniture._NOTICES", "furniture._LABELS", "furniture._CREDIT",
                                  "furniture._PERSONAL", "furniture._APPEAL_WORDS",
                                  "furniture._FILE_NAME_OR_SIZE", "dates._DATE_IN_TEXT"])
def test_lookaheads_admit_every_start_of_a_match(name):
    module, attribute = name.split(".")
    regex = getattr(importlib.import_module(f"kg.reading.{module}"), attribute)
    lookahead, patterns = re.fullmatch(r"(\(\?=[^)]*\))(.*)", regex.pattern, re.DOTALL).groups()
    starts_here = re.compile(lookahead, regex.flags)
    parsed = re._parser.parse(patterns, regex.flags)
    firsts, can_be_empty = _first_items(parsed.data, parsed.state.flags, None)
    assert firsts and not can_be_empty
    for item, flags, anchor in firsts:
        one_character = re._compiler.compile(re._parser.SubPattern(parsed.state, [item]), flags)
        for c in filter(one_character.fullmatch, _SAMPLE_CHARACTERS):
            places = [(c, 0)] if anchor is AT_BEGINNING else [(c, 0), (" " + c, 1), ("x" + c, 1)]
            for text, at in places:
                if anchor is AT_BOUNDARY and not re.compile(r"\b").match(text, at):
                    continue
                assert starts_here.match(text, at), f"{name}: a match can begin with {c!r} at {text!r}"


def test_author_name_beside_reading_time_is_not_the_headline():
    lines = ["THE HARBOUR GAZETTE", "", "Coastal towns, in plain English", "", "WALES / TRANSPORT", "",
             "Ferry operators cut winter timetable as fuel costs climb", "", "Owen Price Jones",
             "4 min read", "", "Share this article: Facebook · Email", "",
             "Two ferry companies serving the island routes said on Friday that they would run "
             "fewer crossings from November, blaming the rising cost of marine fuel."]
    assert find_headline(lines) == "Ferry operators cut winter timetable as fuel costs climb"
