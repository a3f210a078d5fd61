"""Lexicons for attributing quotations: verbs of saying, the nouns that stand for speakers."""

# Lemmas of verbs that introduce or attribute what someone said or wrote.
SPEECH_VERBS = frozenset("""
say tell add state declare announce note argue claim insist stress emphasize emphasise
explain warn confirm deny admit acknowledge reiterate write report quote cite ask reply
respond answer comment remark suggest predict promise vow pledge urge describe conclude
recall complain tweet post assert maintain observe contend concede caution joke shout
testify rule reveal indicate signal accuse dismiss criticise criticize praise hail welcome
label brand dub call told announce mention highlight underline underscore point repeat
lament boast threaten demand propose recommend agree disagree counter retort object
""".split())

# "X cited / quoted Y as saying": Y is the speaker, X carried the words.
CARRYING_VERBS = frozenset({"cite", "quote"})

# Subject pronouns that stand for a person, and for an organisation or country.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it", "they"})

# Nouns for an unnamed source: "the source said".
SOURCE_NOUNS = frozenset({"source", "sources", "official", "officials", "diplomat",
                          "diplomats", "insider", "person", "people", "aide", "aides"})

# Subject relations and the relations by which a clause hangs from its verb of saying.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

# Nouns for someone who speaks for an organisation or country: "its spokesperson", "the Saudi
# delegation", "a spokesperson for the association" -> the organisation or country.
REPRESENTATIVE_NOUNS = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople",
                                  "delegation", "delegations", "representative",
                                  "representatives", "statement", "leadership", "leaders",
                                  "ministry", "government", "embassy", "presidency", "cabinet",
                                  "office", "administration", "management", "board"})
# "the judges wrote" -> the court the article names.
BENCH_NOUNS = frozenset({"judges", "court", "bench", "chamber", "panel", "tribunal",
                         "arbitrators"})

# Common nouns for a person an article is about: "the runner, 27, posted a statement" -> the
# person the article names most.
PERSON_NOUNS = frozenset("""
athlete runner sprinter swimmer cyclist rider driver boxer wrestler skier golfer footballer
cricketer tennis player star champion defendant accused suspect claimant plaintiff victim
singer actor actress author writer artist musician rapper candidate nominee activist
billionaire businessman businesswoman entrepreneur tycoon pilot climber sailor
""".split())
# Verbs of a statement put out by someone: "a statement read out by the delegation".
STATEMENT_VERBS = frozenset({"read", "issue", "release", "publish", "deliver", "sign"})
