"""One article at a time: read, analyse, map, validate, store — whole and valid, or not at all."""
import multiprocessing
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import ids
from .mapping import MappedArticle, map_article
from .nlp import pipeline
from .reading import ReadError, iter_article_files, read_article
from .store import Store
from .validation import validate


class IngestError(Exception):
    """An article that cannot be stored; str() is one line naming the file and the problem."""

    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass
class Outcome:
    path: Path
    mapped: MappedArticle | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def line(self) -> str:
        if not self.ok:
            return f"error {self.error}"
        c = self.mapped.counts
        return (f"ok    {self.path} -> {self.mapped.article} ({len(self.mapped.graph)} triples; "
                f"{c['actors']} actors, {c['positions']} positions, {c['events']} events, "
                f"{c['quotes']} quotes, {c['roles']} roles)")


def prepare(path: Path, meta: Path | None = None, nlp=None, *, base: str | None = None,
            store_text: bool = False) -> MappedArticle:
    """Reads, analyses, maps and validates one article; raises ReadError or IngestError."""
    article = read_article(path, meta)
    doc = pipeline.analyse(article, nlp)
    mapped = map_article(article, doc, base=base, store_text=store_text)
    report = validate(mapped.union())
    if not report.conforms:
        first = report.results[0]
        more = f" (and {len(report.results) - 1} more)" if len(report.results) > 1 else ""
        raise IngestError(path, f"graph does not conform to the shapes: {first.focus}: {first.message}{more}")
    return mapped


def store_article(store: Store, mapped: MappedArticle, base: str | None = None) -> None:
    store.replace_graph(str(mapped.graph_name), mapped.graph, {str(ids.shared_graph(base)): mapped.shared})


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Outcome]]:
    """The article files under the paths, and an error outcome for each path that does not exist."""
    files, missing = [], []
    for path in paths:
        if not Path(path).exists():
            missing.append(Outcome(Path(path), error=f"{path}: no such file or folder"))
        else:
            files.extend(iter_article_files([Path(path)]))
    return files, missing


def analyse_file(path: Path, meta: Path | None = None, nlp=None, *, base: str | None = None,
                 store_text: bool = False) -> Outcome:
    """Prepares one article for storing; every failure becomes an outcome with one error line."""
    try:
        return Outcome(path, prepare(path, meta, nlp, base=base, store_text=store_text))
    except (ReadError, IngestError) as exc:
        return Outcome(path, error=str(exc))
    except Exception as exc:  # a fault of ours must not take the other articles down
        return Outcome(path, error=f"{path}: could not be processed ({type(exc).__name__}: {exc})")


def _analyse_in_worker(task) -> Outcome:
    path, meta, base, store_text = task
    return analyse_file(path, meta, pipeline.default(), base=base, store_text=store_text)


def _analysed(files, meta, base, store_text, jobs) -> Iterator[Outcome]:
    """Outcomes in file order; with jobs > 1, analysed by forked workers sharing the loaded model."""
    if not files:
        return
    nlp = pipeline.default()
    if jobs <= 1 or len(files) == 1:
        for path in files:
            yield analyse_file(path, meta, nlp, base=base, store_text=store_text)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(min(jobs, len(files))) as pool:
        yield from pool.imap(_analyse_in_worker, [(p, meta, base, store_text) for p in files])


def ingest(paths: Iterable[Path], store: Store, *, meta: Path | None = None, base: str | None = None,
           store_text: bool = False, jobs: int = 1,
           report: Callable[[Outcome], None] = lambda o: None) -> list[Outcome]:
    """Ingests every article under the paths; a failed article leaves the store untouched."""
    files, outcomes = expand(paths)
    for outcome in outcomes:
        report(outcome)
    for outcome in _analysed(files, meta, base, store_text, jobs):
        if outcome.ok:
            try:
                store_article(store, outcome.mapped, base)
            except Exception as exc:
                outcome = Outcome(outcome.path, error=f"{outcome.path}: could not be stored ({exc})")
        outcomes.append(outcome)
        report(outcome)
    return outcomes
