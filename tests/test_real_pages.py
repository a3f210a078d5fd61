"""Reading pages as a scraper leaves them: the headline where it shares a line or sits among
other lines, the date wherever it is, the body without furniture, also when it is one paragraph.
The pages here are our own; the real ones are read from ../shared (never copied)."""
import json
from pathlib import Path

import pytest

from conftest import SHARED, newskg
from kg.reading import read_article
from kg.reading.furniture import is_furniture
from kg.reading.headline import tidy_headline
from kg.reading.url_slug import slug_words

REAL = SHARED / "corpus" / "real"


def _page(tmp_path, text, meta=None, name="page.txt"):
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    if meta is not None:
        page.with_name(name.rsplit(".", 1)[0] + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return read_article(page)


BODY = ("The harbour board of Kestrel Bay approved a new ferry pier on Tuesday after two years of planning, "
        "its chair said at a meeting in the town hall.\n\n"
        "Fishermen who use the old quay said they would appeal against the decision before the regional court.\n")


def test_a_date_on_the_headline_line_is_the_date_and_not_part_of_the_headline(tmp_path):
    article = _page(tmp_path, "Kestrel Courier\ndate 2024-01-31 Board will build the pier despite court order\n\n" + BODY)
    assert article.headline == "Board will build the pier despite court order"
    assert article.date_published == "2024-01-31"
    assert article.text.startswith("The harbour board")


def test_the_line_the_url_slug_names_is_the_headline_not_another_articles_above_it(tmp_path):
    text = ("Most read: City council delays the tram line once again\n"
            "Board approves new ferry pier for Kestrel Bay\n"
            "Photo of the quay at dawn, seen from the water on a winter morning before the ferries start\n\n" + BODY)
    article = _page(tmp_path, text, {"url": "https://courier.example/news/board-approves-new-ferry-pier-kestrel-bay-1234"})
    assert article.headline == "Board approves new ferry pier for Kestrel Bay"


def test_section_labels_breadcrumbs_footnotes_and_quotes_are_not_part_of_the_headline():
    slug = slug_words("https://courier.example/world/board-approves-new-ferry-pier")
    assert slug == ["board", "approves", "new", "ferry", "pier"]
    assert tidy_headline("News World Board approves new ferry pier", slug)[0] == "Board approves new ferry pier"
    assert tidy_headline("World/ Board approves new ferry pier")[0] == "Board approves new ferry pier"
    assert tidy_headline('"Board Approves New Ferry Pier" [1]')[0] == "Board Approves New Ferry Pier"
    # the first words of the headline's own sentence stay
    slug = slug_words("https://courier.example/striking-deal-board-approves-pier")
    assert tidy_headline("After striking deal, board approves pier", slug)[0] == "After striking deal, board approves pier"
    assert tidy_headline('"Not now," says the board')[0] == '"Not now," says the board'


@pytest.mark.parametrize("caption", [
    "The new pier seen from the water on Tuesday morning, as the board met in the town hall nearby. | Pool photo by Ana Lind via AFP/Getty Images",
    "Fishermen on the old quay listen to the chair of the harbour board on March 3, 2026. ANA LIND—AFP via Getty Images",
    "Kestrel Bay Ana Lind / AP",
])
def test_a_caption_that_ends_with_its_photo_credit_is_furniture(caption):
    assert is_furniture(caption)


@pytest.mark.parametrize("sentence", [
    "Talks resumed on Friday — officials told AFP", "The deal was first reported by Reuters.",
    "The board said it had spoken to AP",
])
def test_news_sentences_naming_an_agency_are_not_credits(sentence):
    assert not is_furniture(sentence)


def test_a_digest_of_one_long_paragraph_between_a_logo_and_a_comment_form_is_read(tmp_path):
    paragraph = ("The harbour board approved a new ferry pier on Tuesday after two years of planning, and its chair "
                 "said the pier would carry twice as many passengers; the city council meanwhile voted to close the "
                 "old harbour bridge for repairs from May, a move that shopkeepers on the quay opposed; and the "
                 "regional government presented a budget that raises spending on schools by four percent, which the "
                 "opposition called too little, too late. Sign up for our morning digest to get it every day.")
    text = ("Kestrel Courier logo\nMorning digest: ferries, bridges and the budget\n" + paragraph +
            "\nLeave a Reply\nYour email address will not be published. Required fields are marked *\nComment\n"
            "Save my name, email, and website in this browser for the next time I comment.\n")
    article = _page(tmp_path, text)
    assert article.headline == "Morning digest: ferries, bridges and the budget"
    assert article.text.startswith("The harbour board approved") and article.text.endswith("too little, too late.")
    for furniture in ("Sign up", "Save my name", "Required fields", "Leave a Reply", "logo"):
        assert furniture.lower() not in article.text.lower()


def test_every_real_page_ingests_into_one_store_that_validates(tmp_path):
    pages = sorted(REAL.glob("*.txt"))
    assert len(pages) == 30
    store = tmp_path / "store"
    done = newskg("ingest", *pages, "--store", store)
    assert done.returncode == 0, done.stderr
    assert len([line for line in done.stdout.splitlines() if line.startswith("ok ")]) == 30
    checked = newskg("validate", "--store", store)
    assert checked.returncode == 0, checked.stdout[-2000:]
    assert "30 article graphs, all conform" in checked.stdout
