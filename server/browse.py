"""The browse pages: /actors, /propositions, /events, /articles, paged (?page=N), sorted
(?sort=COLUMN&order=asc|desc, ?per_page=N) and filtered by a column (?kind=, ?country=, ?type=, ?publisher=)."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request

from kg import index_pages

from .context import server_context

blueprint = Blueprint("browse", __name__, template_folder="templates")


def _page() -> int:
    try:
        return min(max(int(request.args.get("page", "1")), 1), 100_000)
    except ValueError:
        return 1


def _per_page() -> int:
    try:
        return min(max(int(request.args.get("per_page", index_pages.PAGE_SIZE)), 5), 500)
    except ValueError:
        return index_pages.PAGE_SIZE


def _order() -> bool | None:
    order = request.args.get("order", "").lower()
    return {"asc": False, "desc": True}.get(order)


def index_page(name: str) -> Response:
    rows_of, sorts, default_sort, filterable, title = index_pages.INDEXES[name]
    filters = {col: request.args.get(col, "")[:300] for col in filterable}
    listing = index_pages.listing(rows_of(server_context().store), sorts, request.args.get("sort", ""), _order(),
                                  _page(), default_sort, filters, size=_per_page())

    def link(**changes) -> str:
        params = {"sort": listing.sort, "order": "desc" if listing.descending else "asc",
                  **{k: v for k, v in filters.items() if v}, "page": listing.page,
                  "per_page": request.args.get("per_page") and _per_page()}
        params.update(changes)
        return f"/{name}?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})

    def sort_link(column: str) -> str:
        natural = sorts[column][1]
        descending = (not listing.descending) if column == listing.sort else natural
        return link(sort=column, order="desc" if descending else "asc", page=1)

    page = render_template(f"index_{name}.html", title=title, name=name, listing=listing, filters=filters,
                           link=link, sort_link=sort_link, sorts=sorts)
    return Response(page, content_type="text/html; charset=utf-8")


for _name in index_pages.INDEXES:
    blueprint.add_url_rule(f"/{_name}", _name, lambda _name=_name: index_page(_name))
