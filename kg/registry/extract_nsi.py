"""Makes kg/registry/sources/nsi-organisations.tsv.gz from the npm package name-suggestion-index
(BSD-3-Clause; its Wikidata labels and descriptions are Wikidata's, CC0):

    npm pack name-suggestion-index@8.0.20260918
    python -m kg.registry.extract_nsi name-suggestion-index-8.0.20260918.tgz

One row per Wikidata item that the index names as a brand, operator or network: the item's id,
its English label and description (from the package's dist/wikidata/wikidata.json), the names the
index gives it (brand, operator, network tags), how many index items name it, and the index's
categories for it ("office/government", "amenity/bank").
"""
from __future__ import annotations

import argparse
import gzip
import json
import tarfile
from pathlib import Path

OUT = Path(__file__).parent / "sources" / "nsi-organisations.tsv.gz"
ROLES = ("brand", "operator", "network", "flag")
COLUMNS = ("qid", "label", "description", "names", "items", "categories")


def _clean(text: str) -> str:
    return " ".join(str(text).replace("\t", " ").split())


def extract(tarball: Path, out: Path = OUT) -> int:
    with tarfile.open(tarball) as tar:
        version = json.load(tar.extractfile("package/package.json"))["version"]
        nsi = json.load(tar.extractfile("package/dist/json/nsi.json"))["nsi"]
        wikidata = json.load(tar.extractfile("package/dist/wikidata/wikidata.json"))["wikidata"]
    names: dict[str, dict[str, None]] = {}
    items: dict[str, int] = {}
    categories: dict[str, dict[str, None]] = {}
    for path, group in nsi.items():
        category = "/".join(path.split("/")[1:])
        for item in group.get("items", []):
            tags = item.get("tags", {})
            for role in ROLES:
                qid = tags.get(f"{role}:wikidata")
                if not qid:
                    continue
                items[qid] = items.get(qid, 0) + 1
                categories.setdefault(qid, {})[category] = None
                for tag in (role, f"{role}:en"):
                    if tags.get(tag):
                        names.setdefault(qid, {})[_clean(tags[tag])] = None
    rows = []
    for qid in sorted(items, key=lambda q: int(q[1:])):
        info = wikidata.get(qid, {})
        label = _clean(info.get("label", ""))
        if not label:
            continue
        rows.append((qid, label, _clean(info.get("description", "")),
                     "|".join(n for n in names.get(qid, {}) if n != label), str(items[qid]),
                     "|".join(categories[qid])))
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(f"# name-suggestion-index {version} (npm), BSD-3-Clause; Wikidata labels CC0\n")
        f.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    return len(rows)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tarball", type=Path, help="the npm pack of name-suggestion-index")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    print(f"{extract(args.tarball, args.out)} items -> {args.out}")


if __name__ == "__main__":
    main()
