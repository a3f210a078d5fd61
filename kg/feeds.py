"""`newskg feed URL|FILE...`: reads RSS and Atom feeds (feedparser) and ingests each new or
changed entry's page, one line per article.

A feed fetched before is asked for with its ETag and Last-Modified (`If-None-Match`,
`If-Modified-Since`): an unchanged feed answers 304 and costs nothing more. An entry whose
link, title, dates and summary are as last time is not fetched again; a fetched page whose
bytes are as last time is not ingested again; a changed one replaces its article (articles
are named after their URL, so one URL is one article whichever feeds carry it). All this is
kept in a state file beside the store (`STORE.feeds.json`), so a restart resumes."""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

from .watch import load_state, save_state

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT = 30
USER_AGENT = "NewsKG feed reader"


def default_state_path(store_location: str) -> Path:
    if str(store_location).startswith(("http://", "https://")):
        return Path("newskg-feeds.json")
    folder = Path(store_location)
    return folder.with_name(folder.name + ".feeds.json")


def _get(url: str, headers: dict | None = None):
    """(status, response headers, body); 304 gives an empty body."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.headers, response.read(MAX_BYTES)
    except urllib.error.HTTPError as e:
        if e.code == 304:
            return 304, e.headers, b""
        raise


def read_feed(source: str, known: dict) -> tuple[list, dict]:
    """The feed's entries (none when it has not changed), and what to remember of it."""
    import feedparser
    if not source.startswith(("http://", "https://")):
        return feedparser.parse(Path(source).read_bytes()).entries, known
    headers = {}
    if known.get("etag"):
        headers["If-None-Match"] = known["etag"]
    if known.get("modified"):
        headers["If-Modified-Since"] = known["modified"]
    status, answer, body = _get(source, headers)
    if status == 304:
        return [], known
    remembered = {k: v for k, v in (("etag", answer.get("ETag")), ("modified", answer.get("Last-Modified"))) if v}
    return feedparser.parse(body).entries, remembered


def entry_mark(entry) -> str:
    parts = [entry.get(k, "") for k in ("link", "title", "updated", "published", "summary")]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _file_name(url: str, i: int) -> str:
    return f"{i:04d}-" + (re.sub(r"[^A-Za-z0-9]+", "-", url.rsplit("/", 1)[-1]).strip("-")[:60] or "page")


def read_feeds(sources: list[str], store, state_path: Path, report: Callable, **options) -> list:
    """Ingests the new and changed entries of the feeds once; the outcomes."""
    from .ingest import Outcome, ingest
    state = load_state(state_path)
    feeds, entries_seen, pages = state.setdefault("feeds", {}), state.setdefault("entries", {}), state.setdefault("pages", {})
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="newskg-feed-") as folder:
        todo = {}                                         # url -> (file, entry mark, page hash)
        for source in sources:
            try:
                entries, feeds[source] = read_feed(source, feeds.get(source, {}))
            except (OSError, ValueError) as exc:
                outcome = Outcome(source, error=f"{source}: could not be read ({exc})")
                report(outcome)
                outcomes.append(outcome)
                continue
            for entry in entries:
                url, mark = entry.get("link"), entry_mark(entry)
                if not url or url in todo or entries_seen.get(url) == mark:
                    continue
                try:
                    _, _, page = _get(url)
                except (OSError, ValueError) as exc:
                    outcome = Outcome(url, error=f"{url}: could not be fetched ({exc})")
                    report(outcome)
                    outcomes.append(outcome)
                    continue
                digest = hashlib.sha256(page).hexdigest()
                if pages.get(url) == digest:
                    entries_seen[url] = mark              # a new entry for an unchanged page
                    continue
                path = Path(folder) / (_file_name(url, len(todo)) + ".html")
                path.write_bytes(page)
                meta = {"url": url, "headline": entry.get("title"), "datePublished": entry.get("published"),
                        "publisher": entry.get("source", {}).get("title") if entry.get("source") else None}
                path.with_name(path.stem + ".meta.json").write_text(
                    json.dumps({k: v for k, v in meta.items() if v}))
                todo[url] = (path, mark, digest)
        if todo:
            by_path = {str(path): url for url, (path, _, _) in todo.items()}
            for outcome in ingest([path for path, _, _ in todo.values()], store, **options):
                url = by_path.get(str(outcome.path), str(outcome.path))
                error = outcome.error.replace(str(outcome.path), url) if outcome.error else None
                named = Outcome(url, outcome.mapped, error)      # the URL names it (a Path would fold its //)
                if named.ok:
                    _, mark, digest = todo[url]
                    entries_seen[url], pages[url] = mark, digest
                report(named)
                outcomes.append(named)
    save_state(state_path, state)
    return outcomes
