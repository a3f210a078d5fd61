"""Cue lexicon: which lemma names which kind of event (types of kg.nlp.model.EVENT_TYPES).
The verbs and nouns of each type are kg/nlp/data/event_cues.json."""
import json
from pathlib import Path

_CUES = json.loads((Path(__file__).with_name("data") / "event_cues.json").read_text(encoding="utf-8"))
VERB_CUES: dict[str, list[str]] = _CUES["verbs"]
NOUN_CUES: dict[str, list[str]] = _CUES["nouns"]
# Verbs naming a happening that fits no type of the scheme.
HAPPENINGS = set(_CUES["happenings"])

# Verbs that only carry the event named by their object: "held talks", "attended the summit".
LIGHT_VERBS = {"hold", "have", "host", "stage", "launch", "begin", "start", "open", "conduct",
               "attend", "organise", "organize", "carry", "make", "give", "deliver", "convene",
               "chair", "join", "take", "reach", "strike", "seal", "sign", "issue", "mount",
               "call", "end", "conclude", "wrap", "hold", "win", "lose", "publish", "release"}


def _index(table: dict[str, list[str]]) -> dict[str, str]:
    return {lemma: kind for kind, words in table.items() for lemma in words}


VERBS = _index(VERB_CUES)
NOUNS = _index(NOUN_CUES)

# Verbs that only report what someone else said or did: a date on them dates the report.
REPORTING_VERBS = {"report", "say", "write", "cite", "quote", "tell"}
# Places where a speech is made: "presented his plan in parliament" is a Speech.
SPEECH_VENUES = {"parliament", "congress", "assembly", "senate", "rada", "chamber", "bundestag",
                 "conference", "forum", "un", "nations", "rally"}
SPEECH_VERBS = {"present", "speak", "deliver", "unveil", "outline"}
# "took office", "sworn in", "bid to join", "vote for president"
OFFICE_NOUNS = {"office", "post", "helm", "power"}
ELECTION_WORDS = {"president", "presidency", "presidential", "parliament", "parliamentary",
                  "mayor", "governor", "candidate", "prime"}
# Nouns that a date can modify without naming an event ("the 2022 budget").
NOT_EVENTS = {"budget", "census", "season", "edition", "copyright", "model", "level", "figure",
              "data", "rate", "price", "number", "population"}


def verb_type(lemma: str) -> str | None:
    return VERBS.get(lemma.lower())


def noun_type(lemma: str) -> str | None:
    return NOUNS.get(lemma.lower())


# Courts decide: "the court sided with", "the tribunal found" (a hearing is a happening of its own).
COURTS = {"court", "judge", "tribunal", "panel", "jury", "justice", "justices", "arbitrator"}
# Gatherings where something was said or decided: "announced at its Congress".
GATHERINGS = {"meeting", "summit", "congress", "assembly", "session", "sitting", "conference",
              "forum", "talks", "gathering"}
# Words after a weekday that keep the same day: "on Monday night".
PARTS_OF_DAY = {"morning", "afternoon", "evening", "night", "noon", "midday", "overnight"}
# A date after these prepositions bounds something rather than dating it: "by 2050", "since 2019".
BOUNDING_PREPS = {"by", "until", "till", "since", "before", "through", "throughout"}

# "declared a state of emergency": what a declaration decrees makes it a Decision.
DECREED = {"emergency", "war", "independence", "curfew", "lockdown", "martial", "law", "disaster"}
# Bodies whose approval of a text is a vote: "the assembly adopted", "parliament passed".
LEGISLATURES = {"parliament", "assembly", "senate", "congress", "house", "chamber", "plenary",
                "legislature", "lawmakers", "legislators", "mps", "deputies", "senators", "councillors"}
# Verbs by which a body approves or rejects a text.
ADOPTING_VERBS = {"adopt", "approve", "pass", "reject", "endorse", "ratify"}
# Verbs that only frame the happening named by their subject: "the trial, which ran from ...".
FRAME_VERBS = {"run", "last", "begin", "start", "end", "open", "close", "conclude", "continue",
               "resume", "happen", "occur", "unfold", "convene", "hold", "schedule", "stage"}
# Relative pronouns standing for the noun a clause describes.
RELATIVES = {"which", "that", "who", "whom"}

# A strike by workers is a protest, not a military action: words around "strike" that say so.
LABOUR_WORDS = {"worker", "workers", "union", "unions", "teacher", "teachers", "staff", "employee",
                "employees", "pay", "wage", "wages", "salary", "salaries", "doctor", "doctors",
                "nurse", "nurses", "driver", "drivers", "pilot", "pilots", "miner", "miners",
                "labour", "labor", "industrial", "general", "hunger", "picket", "walkout",
                "employer", "employers", "bargaining", "dockworkers", "dockers", "dockworker",
                "students", "farmers", "truckers", "journalists", "lawyers", "railway",
                "indefinite", "24-hour", "48-hour", "72-hour", "one-day", "two-day",
                "week-long", "warning"}
# Armed forces: what they board, detain or seize is a military action.
FORCES = {"force", "forces", "troops", "army", "navy", "military", "soldiers", "marines",
          "coastguard", "guard", "guards", "commandos", "militia", "fighters", "rebels", "police",
          # and their craft: "a fighter jet entered the airspace"
          "jet", "jets", "warship", "warships", "frigate", "destroyer", "submarine", "bomber",
          "bombers", "drone", "drones", "tank", "tanks", "aircraft", "helicopter", "helicopters"}
FORCE_VERBS = {"board", "detain", "intercept", "storm", "seize", "capture", "arrest", "raid",
               "enter", "violate", "cross", "breach", "intrude", "shoot", "fire"}
# Appearing before a body is a hearing of its own: "will appear before the committee on Monday".
HEARD_VERBS = {"appear", "testify"}
# Lists and registers: being added to or struck off one is a decision.
REGISTERS = {"list", "register", "registry", "blacklist", "whitelist", "roster"}
# What a court is asked to do: "asked the court to suspend the measure" is an application.
ASKING_VERBS = {"ask", "request", "petition", "urge", "call"}
# Verbs that issue a document: its noun's type is the event ("an award published on Tuesday").
ISSUING_VERBS = {"publish", "release", "issue", "deliver", "hand", "announce"}
# Modifiers that make a strike an armed one.
ARMED_STRIKE = {"air", "missile", "drone", "rocket", "military", "artillery", "nuclear",
                "retaliatory", "pre-emptive", "preemptive", "precision", "naval", "israeli",
                "russian", "ukrainian", "us", "american"}
# Adjectives scheduling a noun: "a report, due in September".
SCHEDULED = {"due", "expected", "scheduled", "planned"}
# Verbs by which a happening named by its subject begins or ends: "the exams begin on Monday".
HAPPENING_FRAMES = {"begin", "start", "open", "end", "close", "resume", "finish", "kick"}
# A draft is published, not decided: "the draft decision published on Monday" is a publication.
DRAFTED = {"draft", "proposed", "preliminary", "provisional"}
# Confirming a decision is a decision: "ratified the judge's order", "upheld the ruling".
CONFIRMING_VERBS = {"ratify", "uphold", "confirm"}
# Setting a rate is a decision: "hiked interest rates", "cut its key rate".
RATE_VERBS = {"raise", "hike", "cut", "lower", "increase", "reduce", "lift", "keep", "hold", "leave"}
RATES = {"rate", "rates", "tariff", "tariffs", "tax", "taxes", "duty", "duties"}
# The sentences at an article's head (the headline among them) whose undated happenings are
# the news itself: they took place around the publication.
LEAD_SENTENCES = 4
# Winning a term or seats is an election: "won a second term", "secured a majority".
WINNING_VERBS = {"win", "secure", "clinch", "retain", "lose"}
ELECTED_THINGS = {"term", "election", "mandate", "seat", "seats", "majority", "presidency",
                  "re-election", "reelection", "runoff", "run-off"}
# Verbs by which one happening sets off another: "the arrest triggered protests".
CAUSING_VERBS = {"trigger", "spark", "prompt", "provoke", "cause", "unleash", "ignite", "set"}
# Words after which "for" + date schedules a happening ("talks set for Tuesday"); after any
# other word, "for October" says what period something applies to.
SCHEDULED_FOR = {"set", "schedule", "plan", "slate", "due", "expect", "call", "fix", "book",
                 "meeting", "summit", "vote", "election", "hearing", "talks", "visit", "trip"}
