"""Which files are articles: expand folders, skip metadata sidecars."""
import logging
from collections.abc import Iterable
from pathlib import Path

from ..printable import escaped

log = logging.getLogger("newskg")

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json")
SIDECAR_SUFFIXES = (".meta.json", ".gold.json")


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


def is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(ARTICLE_SUFFIXES) and not is_sidecar(path) and not name.startswith(".")


def iter_article_files(paths: Iterable[Path | str], warn: bool = True) -> list[Path]:
    """Article files under the given paths, sorted. A named file is kept whatever its type
    (or even if missing) so that reading it reports the problem; sidecars are never articles.
    A symbolic link in a folder that leads out of it is skipped, with a warning."""
    found: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = path.resolve()
            for p in path.rglob("*"):
                if not (p.is_file() and is_article_file(p)
                        and not any(part.startswith(".") for part in p.relative_to(path).parts)):
                    continue
                if not p.resolve().is_relative_to(inside):
                    if warn:
                        log.warning("warning %s: skipped: a symbolic link that leads out of %s",
                                    escaped(str(p)), escaped(str(path)))
                    continue
                found.add(p)
        elif not is_sidecar(path):
            found.add(path)
    return sorted(found, key=lambda p: p.as_posix())
