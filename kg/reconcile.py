"""Findings made to agree before mapping, so that an article's graph meets the shapes'
counts by construction: one type per actor, one headline.

An actor's type comes, in this order of precedence, from the curated registry, then from the
article's own metadata (its publisher is a news medium, its authors are persons), then from
the model (the type most of the article's findings give it; the first seen on a tie)."""
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from . import ids, registry
from .article import Article
from .nlp.model import Actor

HEADLINE_FALLBACK_WORDS = 16
# The precedence of a type's source; a lower number wins.
REGISTRY, METADATA, MODEL = 0, 1, 2


@dataclass
class Reconciled:
    """What mapping needs to write one consistent graph."""
    actors: dict[str, Actor]                       # actor key -> the actor as the article gives it
    headline: str | None
    notes: list[str] = field(default_factory=list)  # for the provenance: what was decided and why
    sources: dict[str, int] = field(default_factory=dict)   # actor key -> REGISTRY, METADATA or MODEL

    def actor(self, actor: Actor) -> Actor:
        return self.actors.get(actor.key, actor)


def publisher_actor(name: str) -> Actor:
    """The publisher named in the metadata: the registry's entry when that is the outlet's own
    name there; a news medium of the name as given otherwise (an edition or a short form the
    registry knows as another name of an outlet is kept apart, its Wikidata item a candidate)."""
    found = registry.find(name)
    if found is not None and found.type in ("NewsMediaOrganization", "Organization"):
        if registry.fold(found.name) == registry.fold(name):
            return found
        return Actor(ids.slug(name), name, "NewsMediaOrganization",
                     close_match=found.wikidata or found.close_match)
    return Actor(ids.slug(name), name, "NewsMediaOrganization")


def author_actor(name: str) -> Actor:
    return Actor(ids.slug(name), name, "Person")


def actors_of(doc) -> Iterator[Actor]:
    """Every actor a finding names, in the order the findings hold them."""
    for mention in doc._.mentions or []:
        yield mention.actor
    for quote in doc._.quotes or []:
        if quote.speaker:
            yield quote.speaker
        yield from quote.attributed_to
    for role in doc._.roles or []:
        yield role.holder
        if role.of:
            yield role.of
    for event in doc._.events or []:
        yield from event.participants
    for position in doc._.positions or []:
        yield position.holder
        yield from position.attributed_to
        yield from position.proposition.involves


def reconcile(article: Article, doc) -> Reconciled:
    candidates: dict[str, list[tuple[int, Actor]]] = {}

    def offer(actors: Iterable[Actor], source: int) -> None:
        for actor in actors:
            candidates.setdefault(actor.key, []).append((source, actor))

    if article.publisher:
        offer([publisher_actor(article.publisher)], METADATA)
    offer((author_actor(name) for name in article.authors), METADATA)
    offer(actors_of(doc), MODEL)
    known = registry.default()
    for key in candidates:
        entry = known.actor(key)
        if entry is not None:
            candidates[key].insert(0, (REGISTRY, entry))
    notes: list[str] = []
    actors = {key: _chosen(key, offers, notes) for key, offers in candidates.items()}
    sources = {key: min(source for source, _ in offers) for key, offers in candidates.items()}
    headline = article.headline
    if not headline:
        headline, how = fallback_headline(article)
        if headline:
            notes.append(f"headline: none found on the page; taken from {how}")
    return Reconciled(actors, headline, notes, sources)


def _chosen(key: str, offers: list[tuple[int, Actor]], notes: list[str]) -> Actor:
    """The actor of the best source; among the model's, the most frequent type."""
    best = min(source for source, _ in offers)
    mine = [actor for source, actor in offers if source == best]
    if best == MODEL:
        counts = Counter(actor.type for actor in mine)
        top = max(counts.values())
        kind = next(actor.type for actor in mine if counts[actor.type] == top)
        chosen = next(actor for actor in mine if actor.type == kind)
    else:
        chosen = mine[0]
    types = {actor.type for _, actor in offers}
    if len(types) > 1:
        notes.append(f"actor {key}: typed {', '.join(sorted(types))} by different findings; "
                     f"{chosen.type} kept ({('registry', 'metadata', 'model')[best]})")
    aliases = {a for _, actor in offers for a in (actor.name, *actor.aliases)} - {chosen.name}
    if not aliases - set(chosen.aliases):
        return chosen
    return Actor(chosen.key, chosen.name, chosen.type, chosen.wikidata, chosen.close_match,
                 tuple(sorted(aliases | set(chosen.aliases))))


def fallback_headline(article: Article) -> tuple[str | None, str]:
    """A headline when the page gives none: the first line of the text, cut to a few words,
    else the URL's last path segment as words."""
    first = next((line.strip() for line in article.text.splitlines() if line.strip()), "")
    if first:
        words = first.split()
        cut = " ".join(words[:HEADLINE_FALLBACK_WORDS])
        return (cut if len(words) <= HEADLINE_FALLBACK_WORDS else cut + " …"), "the first line"
    if article.url:
        tail = unquote(urlsplit(article.url).path.rstrip("/").rsplit("/", 1)[-1])
        tail = re.sub(r"\.\w{2,5}$", "", tail)
        words = [w for w in re.split(r"[-_+\s]+", tail) if w and not w.isdigit()]
        if words:
            return " ".join(words).capitalize(), "the URL"
    return None, ""
