"""Read, analyse, map, validate, store — each article whole and valid, or not at all.

Articles are analysed and validated in batches: one pySHACL run over the union of several articles'
graphs costs about half as much per article as one run each, and every violation names the
node it concerns, so it is charged to exactly the articles whose graphs hold that node."""
import multiprocessing
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator


from . import ids
from .mapping import MappedArticle, graph_of, map_article
from .nlp import pipeline
from .reading import ReadError, iter_article_files, read_article
from .store import Replacement, Store
from .validation import Result, validate

VALIDATION_BATCH = 32


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


def analyse_file(path: Path, meta: Path | None = None, nlp=None, *, base: str | None = None,
                 store_text: bool = False) -> Outcome:
    """Reads, analyses and maps one article (not yet validated); a failure is an outcome with one error line."""
    return analyse_files([path], meta, nlp or pipeline.default(), base=base, store_text=store_text)[0]


def analyse_files(paths: list[Path], meta: Path | None, nlp, *, base: str | None = None,
                  store_text: bool = False) -> list[Outcome]:
    """Outcomes for the files, in order; their texts go through the language pipeline as one batch."""
    outcomes: list[Outcome | None] = [None] * len(paths)
    articles = {}
    for i, path in enumerate(paths):
        try:
            articles[i] = read_article(path, meta)
        except ReadError as exc:
            outcomes[i] = Outcome(path, error=str(exc))
        except Exception as exc:
            outcomes[i] = _fault(path, exc)
    try:
        docs = dict(zip(articles, nlp.pipe(pipeline.make_doc(nlp, a) for a in articles.values())))
    except Exception:  # one bad text must not fail the batch: analyse each alone
        docs = {}
    for i, article in articles.items():
        path = paths[i]
        try:
            doc = docs[i] if i in docs else pipeline.analyse(article, nlp)
            outcomes[i] = Outcome(path, map_article(article, doc, base=base, store_text=store_text))
        except Exception as exc:  # a fault of ours must not take the other articles down
            outcomes[i] = _fault(path, exc)
    return outcomes


def _fault(path: Path, exc: Exception) -> Outcome:
    return Outcome(path, error=f"{path}: could not be processed ({type(exc).__name__}: {exc})")


def _violation_line(path: Path, violations: list[Result]) -> str:
    first = violations[0]
    more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
    return f"{path}: graph does not conform to the shapes: {first.focus}: {first.message}{more}"


def validate_batch(outcomes: list[Outcome]) -> list[Outcome]:
    """The outcomes with every article whose graph a SHACL violation concerns turned into an error."""
    ready = [o for o in outcomes if o.ok]
    if not ready:
        return outcomes
    report = validate(graph_of(*(t for o in ready for t in (o.mapped.graph, o.mapped.shared))), fast=True)
    if report.conforms:
        return outcomes
    checked = []
    for outcome in outcomes:
        if outcome.ok:
            subjects = outcome.mapped.graph.subjects() | outcome.mapped.shared.subjects()
            mine = [r for r in report.results if r.focus in subjects]
            if mine:
                outcome = Outcome(outcome.path, error=_violation_line(outcome.path, mine))
        checked.append(outcome)
    return checked


def replacement(mapped: MappedArticle, base: str | None = None) -> Replacement:
    return Replacement(str(mapped.graph_name), mapped.graph, {str(ids.shared_graph(base)): mapped.shared})


def store_batch(store: Store, outcomes: list[Outcome], base: str | None = None) -> list[Outcome]:
    """Stores the valid articles in one transaction (a commit per article costs more than the
    writing); if that fails, each alone, so one article's failure is its own."""
    ready = [o for o in outcomes if o.ok]
    try:
        if ready:
            store.replace_graphs([replacement(o.mapped, base) for o in ready])
        return outcomes
    except Exception:
        return [_stored_alone(store, o, base) if o.ok else o for o in outcomes]


def _stored_alone(store: Store, outcome: Outcome, base: str | None) -> Outcome:
    try:
        store.replace_graphs([replacement(outcome.mapped, base)])
        return outcome
    except Exception as exc:
        return Outcome(outcome.path, error=f"{outcome.path}: could not be stored ({exc})")


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Outcome]]:
    """The article files under the paths, and an error outcome for each path that does not exist."""
    files, missing = [], []
    for path in paths:
        if not Path(path).exists():
            missing.append(Outcome(Path(path), error=f"{path}: no such file or folder"))
        else:
            files.extend(iter_article_files([Path(path)]))
    return files, missing


def _analyse_in_worker(task) -> list[Outcome]:
    paths, meta, base, store_text = task
    return analyse_files(paths, meta, pipeline.default(), base=base, store_text=store_text)


def _analysed(files, meta, base, store_text, jobs, batch) -> Iterator[list[Outcome]]:
    """Batches of outcomes in file order; with jobs > 1, batches are analysed by forked workers
    sharing the loaded model."""
    if not files:
        return
    nlp = pipeline.default()
    size = max(1, min(batch, -(-len(files) // max(jobs, 1))))   # every worker gets a chunk
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    if jobs <= 1 or len(chunks) == 1:
        for chunk in chunks:
            yield analyse_files(chunk, meta, nlp, base=base, store_text=store_text)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(min(jobs, len(chunks))) as pool:
        yield from pool.imap(_analyse_in_worker, [(c, meta, base, store_text) for c in chunks])


def ingest(paths: Iterable[Path], store: Store, *, meta: Path | None = None, base: str | None = None,
           store_text: bool = False, jobs: int = 1, batch: int = VALIDATION_BATCH,
           report: Callable[[Outcome], None] = lambda o: None, scheduler=None) -> list[Outcome]:
    """Ingests every article under the paths; a failed article leaves the store untouched.
    scheduler: a Dask scheduler's address; its workers analyse and validate (kg.distributed)."""
    files, outcomes = expand(paths)
    for outcome in outcomes:
        report(outcome)
    if scheduler is not None:
        from .distributed import validated_on_cluster
        groups = validated_on_cluster(scheduler, files, meta=meta, base=base, store_text=store_text, shard=batch)
    else:
        groups = (validate_batch(group) for group in _analysed(files, meta, base, store_text, jobs, batch))
    for group in groups:
        for outcome in store_batch(store, group, base):
            outcomes.append(outcome)
            report(outcome)
    return outcomes
