"""Read, analyse, map, validate, store — each article whole and valid, or not at all.

Articles are analysed and validated in batches: one pySHACL run over the union of several articles'
graphs costs about half as much per article as one run each, and every violation names the
node it concerns, so it is charged to exactly the articles whose graphs hold that node."""
import logging
import multiprocessing
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator


from . import config, contributions, ids, search_index
from .printable import escaped
from .repair import repaired
from .limits import DEFAULT, Limits
from .mapping import MappedArticle, graph_of, map_article
from .nlp import pipeline
from .reading import ReadError, iter_article_files, read_article
from .store import Replacement, Store
from .validation import Result, validate

VALIDATION_BATCH = 32
log = logging.getLogger("newskg")


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
                 store_text: bool = False, limits: Limits = DEFAULT) -> Outcome:
    """Reads, analyses and maps one article (not yet validated); a failure is an outcome with one error line."""
    return analyse_files([path], meta, nlp or pipeline.default(), base=base, store_text=store_text,
                         limits=limits)[0]


def analyse_files(paths: list[Path], meta: Path | None, nlp, *, base: str | None = None,
                  store_text: bool = False, limits: Limits = DEFAULT) -> list[Outcome]:
    """Outcomes for the files, in order; their texts go through the language pipeline as one batch."""
    outcomes: list[Outcome | None] = [None] * len(paths)
    articles = {}
    for i, path in enumerate(paths):
        try:
            articles[i] = article = read_article(path, meta, limits)
            if len(article.text) > nlp.max_length:
                del articles[i]
                outcomes[i] = Outcome(path, error=f"{path}: the article text is {len(article.text):,} characters, "
                                                  f"more than the language model reads ({nlp.max_length:,})")
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
            outcomes[i] = Outcome(path, map_article(article, doc, base=base, store_text=store_text,
                                                        limits=limits))
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
    checked = list(outcomes)
    for group in _distinct_graphs([i for i, o in enumerate(outcomes) if o.ok], outcomes):
        ready = [outcomes[i] for i in group]
        shared = contributions.resolved_shared([o.mapped for o in ready])
        report = validate(graph_of(shared, *(o.mapped.graph for o in ready)), fast=True)
        if report.conforms:
            continue
        for i in group:
            outcome = outcomes[i]
            subjects = outcome.mapped.graph.subjects() | outcome.mapped.shared.subjects()
            mine = [r for r in report.results if r.focus in subjects]
            if mine:
                checked[i] = _gated(outcome, mine)
    return checked


def _distinct_graphs(indices: list[int], outcomes: list[Outcome]) -> list[list[int]]:
    """The outcomes in groups that name each article graph once (two files of one article in a
    batch are validated apart; the later one is what is stored)."""
    groups: list[tuple[set, list[int]]] = []
    for i in indices:
        name = outcomes[i].mapped.graph_name
        group = next((g for g in groups if name not in g[0]), None)
        if group is None:
            group = (set(), [])
            groups.append(group)
        group[0].add(name)
        group[1].append(i)
    return [members for _, members in groups]


def _gated(outcome: Outcome, violations: list[Result]) -> Outcome:
    """Strict (tests): the article is refused, loudly. Production: its offending findings are
    dropped, each with a warning line, and the rest is stored."""
    if config.strict_shapes():
        return Outcome(outcome.path, error=_violation_line(outcome.path, violations) + " (a bug in NewsKG)")
    ok, dropped, left = repaired(outcome.mapped)
    for finding in dropped:
        log.warning("warning %s: dropped %s", escaped(str(outcome.path)), escaped(finding))
    if not ok:
        return Outcome(outcome.path, error=_violation_line(outcome.path, left))
    return outcome


def replacement(mapped: MappedArticle, base: str | None = None) -> Replacement:
    return Replacement(str(mapped.graph_name), mapped.graph, {str(ids.shared_graph(base)): mapped.shared})


def store_batch(store: Store, outcomes: list[Outcome], base: str | None = None) -> list[Outcome]:
    """Stores the valid articles in one transaction (a commit per article costs more than the
    writing), with the shared graph rebuilt for the nodes they touch (kg.contributions); if that
    fails, each alone, so one article's failure is its own."""
    ready = [o for o in outcomes if o.ok]
    try:
        if ready:
            store.replace_graphs(contributions.replacements(store, [o.mapped for o in ready], base))
        return outcomes
    except Exception:
        return [_stored_alone(store, o, base) if o.ok else o for o in outcomes]


def _stored_alone(store: Store, outcome: Outcome, base: str | None) -> Outcome:
    try:
        store.replace_graphs(contributions.replacements(store, [outcome.mapped], base))
        return outcome
    except Exception as exc:
        return Outcome(outcome.path, error=f"{outcome.path}: could not be stored ({exc})")


def expand(paths: Iterable[Path], warn: bool = True) -> tuple[list[Path], list[Outcome]]:
    """The article files under the paths, and an error outcome for each path that does not exist."""
    files, missing = [], []
    for path in paths:
        if not Path(path).exists():
            missing.append(Outcome(Path(path), error=f"{path}: no such file or folder"))
        else:
            files.extend(iter_article_files([Path(path)], warn))
    return files, missing


def _analyse_in_worker(task) -> list[Outcome]:
    paths, meta, base, store_text, limits = task
    return analyse_files(paths, meta, pipeline.default(), base=base, store_text=store_text, limits=limits)


def _analysed(files, meta, base, store_text, jobs, batch, limits) -> Iterator[list[Outcome]]:
    """Batches of outcomes in file order; with jobs > 1, batches are analysed by forked workers
    sharing the loaded model."""
    if not files:
        return
    nlp = pipeline.default()
    size = max(1, min(batch, -(-len(files) // max(jobs, 1))))   # every worker gets a chunk
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    if jobs <= 1 or len(chunks) == 1:
        for chunk in chunks:
            yield analyse_files(chunk, meta, nlp, base=base, store_text=store_text, limits=limits)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(min(jobs, len(chunks))) as pool:
        yield from pool.imap(_analyse_in_worker, [(c, meta, base, store_text, limits) for c in chunks])


def ingest(paths: Iterable[Path], store: Store, *, meta: Path | None = None, base: str | None = None,
           store_text: bool = False, jobs: int = 1, batch: int = VALIDATION_BATCH, limits: Limits = DEFAULT,
           report: Callable[[Outcome], None] = lambda o: None, scheduler=None) -> list[Outcome]:
    """Ingests every article under the paths; a failed article leaves the store untouched.
    scheduler: a Dask scheduler's address; its workers analyse and validate (kg.distributed)."""
    files, outcomes = expand(paths)
    for outcome in outcomes:
        report(outcome)
    if scheduler is not None:
        from .distributed import validated_on_cluster
        groups = validated_on_cluster(scheduler, files, meta=meta, base=base, store_text=store_text,
                                      shard=batch, limits=limits)
    else:
        groups = (validate_batch(group) for group in _analysed(files, meta, base, store_text, jobs, batch, limits))
    for group in groups:
        stored = store_batch(store, group, base)
        search_index.keep_current(store, [g for o in stored if o.ok for g in (o.mapped.graph, o.mapped.shared)])
        for outcome in stored:
            outcomes.append(outcome)
            report(outcome)
    return outcomes
