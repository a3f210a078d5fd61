"""What extraction finds, as plain data. Components put these on Doc extensions
(see kg.nlp.extensions); mapping reads them into RDF."""
from dataclasses import dataclass, field

ACTOR_TYPES = ("Person", "Organization", "Country", "NewsMediaOrganization",
               "AnonymousSource", "ActorGroup")
STANCES = ("Supports", "Opposes", "Hesitant", "Conditional", "Neutral")
EVENT_TYPES = ("Meeting", "Summit", "Visit", "Statement", "Speech", "Application",
               "Appointment", "Election", "Vote", "Agreement", "Publication", "Decision",
               "MilitaryAction", "Protest", "Other")


@dataclass(frozen=True)
class Actor:
    key: str                          # IRI key: {base}id/actor/{key}
    name: str
    type: str                         # one of ACTOR_TYPES
    wikidata: str | None = None       # confident link, "Q30"
    close_match: str | None = None    # weaker Wikidata candidate
    aliases: tuple[str, ...] = ()     # other surface forms (skos:altLabel)


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    wikidata: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The sentence a finding came from, with its character offsets in the article text."""
    text: str
    start: int
    end: int


@dataclass
class Mention:
    actor: Actor
    text: str                         # the surface form as written
    start: int                        # character offsets in Doc.text
    end: int


@dataclass
class Role:
    holder: Actor
    name: str                         # "Foreign Minister"
    of: Actor | None = None           # the organisation or country
    qualifier: str | None = None      # "former", "then-", "-elect"
    evidence: Evidence | None = None


@dataclass
class Quote:
    text: str
    speaker: Actor | None
    evidence: Evidence
    attributed_to: list[Actor] = field(default_factory=list)   # who carried it first


@dataclass
class Event:
    type: str                         # one of EVENT_TYPES
    name: str
    start: str                        # "2024-12-03", "2023-07", "1994"
    evidence: Evidence
    end: str | None = None
    place: Place | None = None
    participants: list[Actor] = field(default_factory=list)


@dataclass(frozen=True)
class Proposition:
    key: str                          # normalised: one node across all articles
    label: str
    involves: tuple[Actor, ...] = ()


@dataclass
class Position:
    holder: Actor
    stance: str                       # one of STANCES
    proposition: Proposition
    evidence: Evidence
    attributed_to: list[Actor] = field(default_factory=list)
    quote: Quote | None = None
    confidence: float | None = None
