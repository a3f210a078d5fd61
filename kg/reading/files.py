"""Which files are articles: expand folders, skip metadata sidecars."""
from collections.abc import Iterable
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json")
SIDECAR_SUFFIXES = (".meta.json", ".gold.json")


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


def is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(ARTICLE_SUFFIXES) and not is_sidecar(path) and not name.startswith(".")


def iter_article_files(paths: Iterable[Path | str]) -> list[Path]:
    """Article files under the given paths, sorted. A named file is kept whatever its type
    (or even if missing) so that reading it reports the problem; sidecars are never articles."""
    found: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.update(p for p in path.rglob("*")
                         if p.is_file() and is_article_file(p)
                         and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif not is_sidecar(path):
            found.add(path)
    return sorted(found, key=lambda p: p.as_posix())
