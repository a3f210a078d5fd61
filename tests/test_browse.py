"""The browse pages over the real ingested articles: every entry links to its page, sorting,
paging and filters change what is listed, bad parameters never fail a page."""
from __future__ import annotations

import re

import pytest

from kg import index_pages

HTML = {"Accept": "text/html"}


def page(client, path: str) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def linked(html: str, kind: str) -> list[str]:
    return re.findall(rf'<td data-label="[^"]+"><a href="(/id/{kind}/[^"]+)">', html)


@pytest.mark.parametrize("name,kind", [("actors", "actor"), ("propositions", "proposition"),
                                       ("events", "event"), ("articles", "article")])
def test_each_index_links_its_entries(client, name, kind):
    html = page(client, f"/{name}")
    links = linked(html, kind)
    assert links, name
    for href in links[:3]:
        assert client.get(href, headers=HTML).status_code == 200


def test_home_counts_link_to_the_indexes(client):
    html = page(client, "/")
    for name in ("articles", "actors", "propositions", "events"):
        assert f'href="/{name}"' in html


def test_actors_sort_by_name_both_ways(client, store):
    names = [r["label"] for r in index_pages.actors(store)]
    up = re.findall(r'<a href="/id/actor/[^"]+">([^<]+)</a>', page(client, "/actors?sort=name&order=asc"))
    down = re.findall(r'<a href="/id/actor/[^"]+">([^<]+)</a>', page(client, "/actors?sort=name&order=desc"))
    assert up and up == sorted(up, key=str.casefold) and len(up) == min(len(names), index_pages.PAGE_SIZE)
    assert down[0] == max(names, key=str.casefold).replace("&", "&amp;")


def test_actors_by_mentions_most_first(client, store):
    rows = index_pages.listing(index_pages.actors(store), index_pages.ACTOR_SORTS, "mentions", None, 1, "mentions")
    counts = [r["mentions"] for r in rows.rows]
    assert counts == sorted(counts, reverse=True)


def test_paging_goes_through_every_actor(store):
    rows = index_pages.actors(store)
    seen = []
    for number in range(1, 100):
        listing = index_pages.listing(rows, index_pages.ACTOR_SORTS, "name", None, number, "mentions", size=7)
        seen += [r["iri"] for r in listing.rows]
        if listing.page == listing.pages:
            break
    assert sorted(seen) == sorted(r["iri"] for r in rows)


def test_the_actor_pager_links_the_next_page(client, store):
    html = page(client, "/actors")
    if len(index_pages.actors(store)) > index_pages.PAGE_SIZE:
        assert 'rel="next"' in html
        second = page(client, "/actors?page=2")
        assert 'rel="prev"' in second
        assert set(linked(html, "actor")).isdisjoint(linked(second, "actor"))


def test_filter_by_kind(client):
    html = page(client, "/actors?kind=Countries")
    kinds = re.findall(r'<td data-label="Kind">([^<]*)</td>', html)
    assert kinds and set(kinds) == {"Countries"}


def test_propositions_show_the_stance_split(client):
    html = page(client, "/propositions")
    assert re.search(r'class="badge stance-(supports|opposes|hesitant|conditional|neutral)">\d+ ', html)


def test_bad_parameters_give_the_first_page(client):
    for path in ("/events?page=abc&sort=nonsense&order=sideways", "/articles?page=-4", "/actors?page=999999",
                 "/actors?kind=%3Cscript%3E"):
        html = page(client, path)
        assert "<script>" not in html   # the page's own scripts are <script src=...> and JSON-LD blocks
