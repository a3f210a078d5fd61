"""The words and phrases by which news text says where an actor stands.

Cues are matched on lower-cased lemmas. A multi-word cue names its anchor: the token
whose subject is the holder and whose object/complement is the proposition.
Strength is how firmly the cue commits the holder (it becomes the confidence).
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    stance: str          # one of kg.nlp.model.STANCES
    strength: float      # 0..1
    phrase: tuple[str, ...]
    anchor: int = 0      # index in phrase of the syntactic anchor


def _cues(stance: str, strength: float, *phrases: str) -> list[Cue]:
    out = []
    for phrase in phrases:
        words = tuple(w.strip("*") for w in phrase.split())
        anchor = next((i for i, w in enumerate(phrase.split()) if w.startswith("*")), 0)
        out.append(Cue(stance, strength, words, anchor))
    return out


# "*" marks the anchor of a multi-word cue (default: the first word).
CUES: list[Cue] = [
    *_cues("Opposes", 0.9, "oppose", "reject", "veto", "block", "resist", "condemn",
           "denounce", "object", "refuse", "obstruct", "torpedo", "scupper", "boycott",
           "vote against", "speak against", "*rule out", "stand against", "fight against",
           "campaign against", "lobby against", "push back against", "*opposed to",
           "*against", "*line up against", "*lined up against", "*walk out of",
           "*walked out of", "*walk out on", "*walked out on", "deplore", "lambast",
           "rebuff", "repudiate", "*have no room to move", "*has no room to move",
           "*had no room to move", "*no room for manoeuvre", "*no room for maneuver",
           "dismiss", "*turn down", "*turned down", "*vow to fight", "*vowed to fight",
           "*vow to appeal", "*vowed to appeal", "*threaten to sue", "*threatened to sue",
           "*threaten to veto", "*threatened to veto", "*threaten to block",
           "*threatened to block", "*push back on", "*pushed back on", "*refuse to back",
           "*refused to back"),
    *_cues("Opposes", 0.7, "*accuse", "*accused"),
    *_cues("Opposes", 0.6, "*disappointed", "*dismayed", "regret"),
    *_cues("Opposes", 0.75, "criticise", "criticize", "disapprove", "protest", "slam",
           "decry", "warn against", "*warn that", "*cannot contribute", "*can not contribute",
           "opposition", "disagree", "dispute", "objection", "*react angrily",
           "*reacted angrily", "*react furiously", "*reacted furiously", "*react with anger",
           "*reacted with anger", "*react with fury", "*reacted with fury", "*react with dismay",
           "*reacted with dismay", "castigate", "excoriate", "censure", "criticism"),
    *_cues("Hesitant", 0.75, "not *ready", "too *early", "too *soon", "*premature",
           "*stop short of", "*stopped short of", "*reluctant", "*hesitant", "*hesitate",
           "delay", "postpone", "defer", "*sceptical", "*skeptical", "*cautious",
           "*wary", "*unwilling", "hold off", "*not yet ready", "*doubtful", "*unconvinced",
           "*drag its feet", "*drag their feet", "*balk at", "*balked at", "*baulk at",
           "*baulked at", "*balk", "*baulk", "not *persuaded", "not yet *persuaded",
           "*unpersuaded", "not *convinced", "not yet *convinced", "not *sold on",
           "*guarded", "*lukewarm", "*circumspect", "*noncommittal", "*have reservations",
           "*has reservations", "*had reservations", "*expressed reservations",
           "*voiced reservations", "*misgivings", "*wait to see", "*waited to see",
           "*wait and see", "*wait-and-see", "*in no hurry", "*in no rush"),
    *_cues("Conditional", 0.7, "*only if", "*provided that", "*on condition that",
           "*conditions are met", "*only once", "only *when", "as soon *as", "*unless",
           "as long *as", "so long *as", "providing *that", "on the condition *that",
           "if and only *if", "*only after", "*only provided"),
    *_cues("Supports", 0.85, "support", "back", "endorse", "favour", "favor",
           "champion", "advocate", "urge", "call for", "push for", "press for",
           "lobby for", "campaign for", "vote for", "fight for", "argue for",
           "demand", "welcome", "approve", "seek", "apply for", "insist on",
           "settle for nothing less than", "*committed to", "*in favour of",
           "*in favor of", "promote", "want", "defend", "congratulate", "commend",
           "applaud", "backing", "uphold", "agree", "vote", "*agree to", "*sign up to",
           "*signed up to", "*vote to", "*voted to", "*vote in favour", "*voted in favour",
           "*vote in favor", "*voted in favor", "fully *support", "fully *back", "*throw its weight behind",
           "*threw its weight behind", "*throw their weight behind",
           "*threw their weight behind", "*come out in favour of", "*came out in favour of",
           "*come out in favor of", "*came out in favor of", "cheer", "laud",
           "*call on", "*called on", "*call upon", "*called upon"),
    *_cues("Supports", 0.75, "*has long argued", "*have long argued", "*had long argued"),
    *_cues("Supports", 0.7, "priority", "cornerstone", "goal", "aim", "objective",
           "praise", "hail", "embrace", "welcome"),
    *_cues("Neutral", 0.6, "*neutral", "no *position", "*abstain", "*take no position",
           "*decline to take a position", "*declined to take a position", "*decline to take a stance",
           "*declined to take a stance", "*decline to side with", "*declined to side with",
           "*refuse to take sides", "*refused to take sides", "*decline to take a side",
           "*take no stance", "*take no side", "*decline to take sides",
           "*declined to take sides", "*decline to comment", "*declined to comment",
           "*refuse to comment", "*refused to comment", "*make no comment",
           "*make no further comment", "*kept its distance", "*keep its distance",
           "*kept their distance", "*keep their distance"),
    *_cues("Neutral", 0.5, "*respect", "*respected"),
]

# Advocacy cues: "did not call for X" says nothing against X (Neutral), while
# "does not support X" is opposition.
ADVOCACY = frozenset({"call", "push", "press", "lobby", "campaign", "urge", "demand", "seek",
                      "insist", "endorse", "welcome", "praise", "hail", "argue", "fight",
                      "apply", "champion", "advocate", "promote", "congratulate", "commend",
                      "applaud", "defend"})

# Words opening a hypothetical clause: a cue inside one is no stance ("only if the
# government dropped its demand for X": the demand is not the speaker's).
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})

# Nouns that carry a stance through an "anti-"/"pro-" modifier: "anti-Ukrainian stance".
STANCE_NOUNS = frozenset({"stance", "position", "policy", "line", "view", "attitude"})
PREFIX_STANCE = {"anti": "Opposes", "pro": "Supports"}

# Verbs/nouns that, inside a proposition, turn its sense around: "advocating *delaying* X"
# is a negative stance on X, not a positive one.
REVERSERS = {
    "delay": "Hesitant", "postpone": "Hesitant", "defer": "Hesitant", "slow": "Hesitant",
    "block": "Opposes", "halt": "Opposes", "stop": "Opposes", "veto": "Opposes",
    "reject": "Opposes", "scrap": "Opposes", "cancel": "Opposes", "suspend": "Hesitant",
    "prevent": "Opposes", "freeze": "Hesitant",
}

# Marks of a condition on the stance ("backs the deal only if ..."), as lemma sequences.
CONDITIONS = [("only", "if"), ("provide", "that"), ("provided", "that"), ("on", "condition"),
              ("in", "exchange", "for"), ("as", "long", "as"), ("subject", "to"),
              ("condition", "be", "meet"), ("unless",)]

# Words that make a report less certain; each lowers the confidence.
HEDGES = frozenset({"reportedly", "allegedly", "apparently", "may", "might", "could",
                    "seem", "appear", "possibly", "perhaps", "reported", "rumour",
                    "rumor", "speculate", "likely", "unlikely", "suggest"})

NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "hardly"})

# Reporting verbs: their subject (or "according to X") is who the claim comes from.
REPORTING = frozenset({"say", "report", "tell", "cite", "claim", "quote", "state",
                       "write", "announce", "confirm", "add", "note", "reveal",
                       "according", "accord", "disclose", "inform"})

# Noun heads that stand for their possessor: "his team", "Hungary's government".
PROXY_NOUNS = frozenset({"team", "government", "administration", "leadership", "camp",
                         "office", "ministry", "cabinet", "officials", "official",
                         "spokesperson", "spokesman", "spokeswoman", "side", "allies",
                         "delegation", "aides", "aide", "campaign", "party", "committee",
                         "representative", "representatives", "delegate", "delegates", "negotiator", "negotiators",
                         "diplomat", "diplomats", "lawmaker", "lawmakers", "envoy", "envoys",
                         "leadership", "leaders"})

# Nouns naming a document whose author holds what it advocates: "a paper advocating X".
DOCUMENT_NOUNS = frozenset({"paper", "report", "letter", "plan", "proposal", "op-ed",
                            "article", "statement", "memo", "study", "resolution",
                            "motion", "bill", "petition", "manifesto", "declaration"})

PRONOUNS = {"he": "Person", "him": "Person", "his": "Person", "she": "Person",
            "her": "Person", "it": "Thing", "its": "Thing", "they": "Any",
            "them": "Any", "their": "Any"}


def by_first_word() -> dict[str, list[Cue]]:
    """Cues indexed by the first word of their phrase, longest phrase first."""
    index: dict[str, list[Cue]] = {}
    for cue in CUES:
        index.setdefault(cue.phrase[0], []).append(cue)
    for cues in index.values():
        cues.sort(key=lambda c: -len(c.phrase))
    return index


# Cues of a decision taken: "voted to stop issuing licences" is for the measure, so the
# reversing verbs inside the decided phrase keep the stance as it is.
DECISIONS = frozenset({"vote", "agree", "uphold", "sign", "decide"})

# Cues only read as verbs ("respected the decision"; not "in respect of").
VERB_ONLY = frozenset({"respect", "respected"})

# First words of the cues of support ("stopped short of *endorsing* X": no endorsement).
SUPPORT_WORDS = frozenset(c.phrase[0] for c in CUES if c.stance == "Supports" and len(c.phrase) == 1)

# What a denial rejects: "rejected the accusation" answers a charge, it is no stance on a
# proposal.
DENIED = frozenset({"accusation", "allegation", "claim", "charge", "suggestion", "report",
                    "insinuation", "assertion", "characterisation", "characterization",
                    "rumour", "rumor", "speculation"})

# What "respect" is neutral about: a decision taken by someone else ("respected the
# court's decision"), not "respect the process" or "respect the will of the people".
RESPECTED = frozenset({"decision", "ruling", "verdict", "judgment", "judgement", "outcome",
                       "award", "independence", "result", "finding", "findings"})

# Participles of a state of mind whose passive subject holds it: "she was not convinced".
STATES_OF_MIND = frozenset({"convince", "persuade", "prepare", "satisfy", "commit", "dispose",
                            "incline", "oppose", "disappoint", "disappointed", "dismay",
                            "dismayed"})
