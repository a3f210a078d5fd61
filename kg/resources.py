"""Locates the ontology and shapes files, in a source checkout or an installed wheel."""
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    for candidate in (_PACKAGE / "_resources" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"NewsKG {name}/ folder not found next to {_PACKAGE}")


def ontology_files() -> list[Path]:
    return sorted(_folder("ontology").glob("*.ttl"))


def shapes_files() -> list[Path]:
    return sorted(_folder("shapes").glob("*.ttl"))
