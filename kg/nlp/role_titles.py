"""Lexicons for office titles: the words a title is made of, qualifiers, demonyms."""
import json
import re
from pathlib import Path

# Nouns that can end (head) an office title: "Foreign Minister", "chief executive", "coach".
TITLE_HEADS = frozenset("""
president minister chancellor secretary secretary-general ambassador envoy emissary
spokesperson spokesman spokeswoman ceo cfo coo cto executive chair chairman chairwoman
chairperson governor mayor senator congressman congresswoman congressperson representative
lawmaker legislator mp mep judge justice magistrate prosecutor attorney commissioner director
director-general coach manager striker goalkeeper midfielder defender forward winger captain
king queen prince princess emperor monarch premier chief head leader boss founder co-founder
commander admiral general marshal colonel speaker adviser advisor counsellor counselor
diplomat negotiator rapporteur ombudsman registrar treasurer governor-general
vice-president deputy undersecretary under-secretary administrator superintendent
sheriff mufti patriarch pope archbishop bishop cardinal rabbi imam dean rector provost
chancellor principal editor editor-in-chief anchor correspondent economist strategist
analyst partner president-elect premier-elect officer
mayoress alderman alderwoman councillor councilor burgomaster
lawyer researcher professor scientist campaigner
counsel solicitor barrister auditor inspector controller comptroller clerk steward
""".split())

# Words that may precede a head inside a title: "Foreign", "Prime", "Deputy", "Secretary of State".
TITLE_MODIFIERS = frozenset("""
foreign defence defense finance interior home economy economic economics trade health
energy environment environmental climate justice education culture agriculture labour labor
transport transportation infrastructure digital science industry development security
intelligence national state internal external european veterans treasury public social
family youth sport sports tourism housing migration immigration water fisheries
prime deputy vice first second assistant associate senior chief executive general
supreme high grand lord attorney solicitor special managing operating financial technology
technical head head-coach prosecutor-general district federal circuit appeals constitutional
army military naval navy air force armed forces joint staff police fire central bank
board team club party opposition majority minority shadow foreign-affairs affairs
commanding presiding sporting football rugby cricket basketball hockey
oil petroleum mines mining commerce communications information planning regional
climate-change cabinet lead
legal compliance ministry marketing operations risk policy privacy medical
budget business enterprise employment work pensions welfare consumer competition cooperation
innovation research universities schools aviation maritime ports railways roads highways
forestry lands land resources works construction equality women children gender heritage
arts media broadcasting telecommunications telecom power electricity nuclear gas irrigation
biodiversity oceans food rural urban revenue tax customs investment statistics integration
asylum prisons aid reconstruction europe
""".split())

_WORDS = json.loads((Path(__file__).with_name("data") / "role_words.json").read_text(encoding="utf-8"))
TITLE_MODIFIERS = TITLE_MODIFIERS | frozenset(_WORDS["title_modifiers"])
# "who is Kenya's finance minister", "who became president", "who was named envoy"
TITLE_VERBS = frozenset(_WORDS["title_verbs"])
APPOINTED_VERBS = frozenset(_WORDS["appointed_verbs"])
# "the state's governor": a possessive place noun stands for the latest place named.
PLACE_OWNERS = frozenset(_WORDS["place_owners"])
# "Health and Human Services Secretary": a head whose title-case field names a department.
DEPARTMENT_HEADS = frozenset(_WORDS["department_heads"])
RANK_WORDS = frozenset(_WORDS["rank_words"])

# Heads of titles that speak or act for a body named after "for": "a spokesperson for X".
SPEAKING_HEADS = frozenset({"spokesperson", "spokesman", "spokeswoman", "lawyer", "attorney",
                            "counsel", "adviser", "advisor", "representative", "analyst",
                            "economist", "strategist", "researcher", "director", "manager",
                            "officer", "head", "chief", "consultant", "negotiator"})

# Verbs that say someone holds an office in a body: "who chairs the association" -> "chair".
OFFICE_VERBS = {"chair": "chair", "head": "head", "lead": "leader", "direct": "director",
                "manage": "manager", "run": "head", "coach": "coach", "captain": "captain",
                "govern": "governor", "edit": "editor", "preside": "president"}

# Qualifiers written before a title ("former", "then-") or after it ("-elect").
QUALIFIERS_BEFORE = {"former": "former", "ex": "former", "ex-": "former", "then": "then-",
                     "acting": "acting", "interim": "interim", "outgoing": "outgoing",
                     "incoming": "incoming", "late": "late", "newly": None, "current": None,
                     "sitting": None, "incumbent": None, "caretaker": "acting"}
QUALIFIERS_AFTER = {"elect": "-elect", "designate": "-designate"}

# Titles tied to an organisation rather than a country: without an explicit "of",
# the organisation is inferred from another holder of the same title in the article.
ORGANISATION_TITLES = frozenset({
    "secretary general", "director general", "ceo", "chief executive", "chief executive officer",
    "chair", "chairman", "chairwoman", "chairperson", "coach", "head coach",
    "manager", "captain", "founder", "spokesperson", "spokesman", "spokeswoman", "chief"})

# Titles that make a person the head of a country: "Trump's envoy" -> the envoy of Trump's country.
HEAD_OF_STATE_WORDS = frozenset({"president", "president-elect", "prime", "chancellor",
                                 "king", "queen", "premier", "emperor", "leader"})

# Vague titles: dropped when the same holder has a more specific title in the same organisation.
VAGUE_TITLES = frozenset({"chief", "head", "leader", "boss"})

# Longer ways of writing a title -> the usual short form.
SYNONYMS = (
    (re.compile(r"\bminister (?:of|for) foreign affairs\b", re.I), "Foreign Minister"),
    (re.compile(r"\bforeign affairs minister\b", re.I), "Foreign Minister"),
    (re.compile(r"\bminister (?:of|for) (defen[cs]e|finance|justice|health|energy|the interior|"
                r"economy|trade|education|agriculture|culture)\b", re.I), None),
    (re.compile(r"\bsecretary[- ]general\b", re.I), "Secretary General"),
    (re.compile(r"\bdirector[- ]general\b", re.I), "Director General"),
)

SPACES = re.compile(r"\s+")

# Short words that stay lower case inside a title.
LOWER_WORDS = frozenset({"of", "for", "to", "and", "the", "on", "in", "at"})


def is_title_word(lower: str) -> bool:
    return lower in TITLE_HEADS or lower in TITLE_MODIFIERS


# Heads of titles of a city's government: the city (as a body) owns them, not its country.
CITY_HEADS = frozenset({"mayor", "mayoress", "alderman", "alderwoman", "councillor", "councilor",
                        "burgomaster", "lord-mayor"})


def is_city_title(words) -> bool:
    return any(w.lower() in CITY_HEADS for w in words)


def country_for_demonym(word: str) -> str | None:
    """The country a word before a title names: 'Hungarian', 'US', 'New Zealand' (the registry's
    demonyms and the country's own names, which stand as adjectives in titles)."""
    from kg import registry
    actor = registry.default().find(word, kinds=("demonym", "short", "alias", "name"))
    return actor.name if actor is not None and actor.type == "Country" else None


def place_form(word: str):
    """The actor a word names as a place (a capital, a country's name or alias), if any."""
    from kg import registry
    return registry.default().find(word, kinds=("capital", "name", "alias", "short"))


def normalise(name: str) -> str:
    """'minister of foreign affairs' -> 'Foreign Minister'; title words capitalised."""
    name = SPACES.sub(" ", name).strip(" ,-")
    for pattern, short in SYNONYMS:
        if short:
            name = pattern.sub(short, name)
    words = []
    for word in name.split(" "):
        lower = word.lower()
        if lower in LOWER_WORDS:
            words.append(lower)
        elif word.isupper() and len(word) > 1:
            words.append(word)                          # CEO, MP
        elif is_title_word(lower):
            words.append("-".join(p if p in QUALIFIERS_AFTER else p[:1].upper() + p[1:]
                                  for p in word.split("-")))
        else:
            words.append(word)
    return " ".join(words)
