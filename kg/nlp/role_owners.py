"""Where a title's organisation or country comes from when it is not a tagged mention next
to the title: other spellings of actors the article names, acronyms, named entities the
actor stage left out, the article's home country and its dominant organisation."""
from collections import Counter

from spacy.tokens import Doc, Span

from kg.ids import slug

from .columns import CharIndex, Words
from .model import Actor, Mention

OWNER_TYPES = {"Country", "Organization", "NewsMediaOrganization", "ActorGroup"}

# Offices of a state's government: without an owner in the text they belong to the
# article's home country (when it has one).
STATE_TITLE_WORDS = frozenset({"minister", "prime", "premier", "chancellor", "president",
                               "president-elect", "vice-president", "king", "queen",
                               "cabinet", "ministry", "ministerial"})
# Offices an organisation has: without an owner they belong to the article's dominant
# organisation when it is named in the same sentence.
ORGANISATION_HEADS = frozenset({"president", "chair", "chairman", "chairwoman", "chairperson",
                                "governor", "chief", "ceo", "director", "secretary",
                                "spokesperson", "spokesman", "spokeswoman", "commissioner",
                                "vice-president", "executive"})
# Groups that act for a country or body: "the Congolese delegation", "the Irish team".
REPRESENTATIVE_BODIES = frozenset({"delegation", "delegations", "team", "side", "government",
                                   "negotiators", "mission", "embassy", "contingent"})
# A title that names the kind of body it belongs to: "Commissioner" -> a "... Commission".
BODY_FOR_HEAD = {"commissioner": "commission", "judge": "court", "justice": "court",
                 "senator": "senate", "governor": "bank"}


def extra_mentions(doc: Doc, mentions: list[Mention], chars: CharIndex) -> list[Mention]:
    """Spans the actor stage left untagged that spell an organisation or country it tagged
    elsewhere ("FIFPRO" a second time), or an acronym given in brackets after one
    ("National Office of Electoral Processes (ONPE)")."""
    surfaces: dict[str, Actor] = {}
    words = Words(doc)
    taken = [False] * len(doc)
    for m in mentions:
        tokens = chars.expand(m.start, m.end)
        if tokens is None:
            continue
        for i in range(*tokens):
            taken[i] = True
        if m.actor.type not in OWNER_TYPES:
            continue
        for form in (m.text, m.actor.name, *m.actor.aliases):
            if form and form[:1].isupper() and len(form) > 1:
                surfaces.setdefault(form, m.actor)
        after = tokens[1]
        if after + 2 < len(doc) and words.text_of(after) == "(" and words.text_of(after + 2) == ")" \
                and doc[after + 1].is_upper:
            surfaces.setdefault(words.text_of(after + 1), m.actor)
    found: list[Mention] = []
    text = words.text
    for form in sorted(surfaces, key=len, reverse=True):
        at = text.find(form)
        while at >= 0:
            tokens = chars.strict(at, at + len(form))
            if tokens is not None and _written_in(form, text[max(at - 1, 0):at + len(form) + 1]) \
                    and not any(taken[tokens[0]:tokens[1]]):
                found.append(Mention(surfaces[form], form, at, at + len(form)))
                for i in range(*tokens):
                    taken[i] = True
            at = text.find(form, at + len(form))
    return sorted(found, key=lambda m: m.start)


def entity_owner(span: Span) -> Actor | None:
    """A named organisation or place the actor stage did not tag ('California Attorney
    General'): an organisation, or the registry's country when it is one."""
    from kg import registry

    if span.label_ not in ("ORG", "GPE"):
        return None
    name = span.text.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    if not name[:1].isupper():
        return None
    known = registry.find(name)
    if known is not None:
        return known if known.type in OWNER_TYPES else None
    return Actor(key=slug(name), name=name, type="Organization")


def named_organisation(name: str, mentions: list[Mention], known_only: bool = False) -> Actor | None:
    """An organisation known by its name: one the article tags (also by the first words of its
    name, 'Corvane' for 'Corvane AI'), the registry's, or a new one (unless known_only)."""
    from kg import registry

    if name.lower().startswith("the "):
        name = name[4:]
    for m in mentions:
        if m.actor.name == name or name in m.actor.aliases:
            return m.actor
    longer = {m.actor.key: m.actor for m in mentions if m.actor.type in OWNER_TYPES
              and m.actor.name.startswith(name + " ")}
    if len(longer) == 1:                   # "Corvane" after "Corvane AI"
        return next(iter(longer.values()))
    if known_only:
        return None
    known = registry.find(name)
    if known is not None:
        return known if known.type in OWNER_TYPES else None
    return Actor(key=slug(name), name=name, type="Organization")


def home_country(mentions: list[Mention]) -> Actor | None:
    """The country an article is about: named at least twice and twice as often as any other."""
    counts = Counter(m.actor.key for m in mentions if m.actor.type == "Country")
    # bodies named after a country the article names count for it ("Kenya National Union of
    # Teachers", "Federation of Kenya Employers"), once each
    names = {m.actor.name: m.actor.key for m in mentions if m.actor.type == "Country"}
    bodies = {m.actor.key: m.actor.name for m in mentions if m.actor.type == "Organization"}
    for body in bodies.values():
        words = f" {body} "
        for name, key in names.items():
            if f" {name} " in words:
                counts[key] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return next(m.actor for m in mentions if m.actor.key == ranked[0][0])


def home_city(doc: Doc, mentions: list[Mention], chars: CharIndex) -> Actor | None:
    """The city an article is about, as the body a mayor belongs to: a place the actor stage
    took for an organisation, named (alone or in the names of its bodies: 'Lisbon Municipal
    Assembly') at least twice and twice as often as any other city."""
    cities: dict[str, Actor] = {}
    for m in mentions:
        if m.actor.type == "Organization" and m.actor.key not in cities:
            tokens = chars.expand(m.start, m.end)
            if tokens is not None and all(doc[i].ent_type_ == "GPE" for i in range(*tokens)):
                cities[m.actor.key] = m.actor
    if not cities:
        return None
    counts = Counter(m.actor.key for m in mentions if m.actor.key in cities)
    bodies = {m.actor.name for m in mentions if m.actor.type == "Organization"
              and m.actor.key not in cities}
    for key, city in cities.items():
        counts[key] += sum(1 for body in bodies if f" {city.name} " in f" {body} ")
    ranked = counts.most_common(2)
    if ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return cities[ranked[0][0]]


def dominant_organisation(doc: Doc, mentions: list[Mention]) -> Actor | None:
    """The organisation an article is about: the first one its headline names, else one named
    at least three times and twice as often as any other."""
    article = getattr(doc._, "article", None)
    headline = getattr(article, "headline", None) or ""
    orgs = [m.actor for m in mentions if m.actor.type == "Organization"]
    if headline:
        for actor in orgs:
            if any(_written_in(form, headline) for form in (actor.name, *actor.aliases)):
                return actor
    counts = Counter(a.key for a in orgs)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return next(a for a in orgs if a.key == ranked[0][0])


def _written_in(form: str, text: str) -> bool:
    if len(form) < 2:
        return False
    at = text.find(form)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(form)] if at + len(form) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        at = text.find(form, at + 1)
    return False


def body_named_for(head: str, mentions: list[Mention]) -> Actor | None:
    """'Commissioner' -> the one '... Commission' the article names (the most named of them)."""
    body = BODY_FOR_HEAD.get(head.lower())
    if body is None:
        return None
    counts = Counter(m.actor.key for m in mentions
                     if m.actor.type == "Organization" and body in m.actor.name.lower().split())
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return next(m.actor for m in mentions if m.actor.key == ranked[0][0])
