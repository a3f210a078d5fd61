"""Readable labels for propositions, from the words of the phrase itself.

"to give up its own approval process entirely", said of Nigeria, reads "Nigeria giving up
its own approval process"; "a permanent ban on seabed mining" stays as written. Hedges,
auxiliaries and a leading "to" go; an infinitive becomes a gerund, led by the holder when
the phrase has no subject of its own.
"""
from spacy.tokens import Token

from .columns import joined, string_ids
from .model import Actor

HEDGE_WORDS = frozenset({"reportedly", "allegedly", "apparently", "possibly", "perhaps",
                         "also", "even", "still", "just", "really", "fundamentally",
                         "strongly", "firmly", "first", "now", "then", "again", "entirely",
                         "fully", "quickly", "immediately", "soon"})
HEDGE_WORD_IDS = string_ids(HEDGE_WORDS)
PUNCT = frozenset({",", "—", "–", "-", ":", "“", "”", '"', "'", "(", ")", ".", ";"})
LEADING_JUNK = PUNCT | {"to", "that", "and", "but", "or", "with", "for", "of", "on", "about",
                        "over", "against", "into", "toward", "towards"}
TRAILING_JUNK = PUNCT | {"and", "but", "or", "to", "of", "with", "for"}
# Verbs that double their last consonant before -ing although they have two syllables.
DOUBLING = frozenset("commit submit admit permit omit emit transmit refer prefer confer "
                     "transfer defer deter occur recur incur regret control patrol compel "
                     "expel propel repel rebel equip forbid begin upset forget".split())
MAX_CHARS = 120
VOWELS = set("aeiou")


def gerund(verb: str) -> str:
    """give -> giving, stop -> stopping, see -> seeing, lie -> lying."""
    v = verb.lower()
    if v in DOUBLING:
        return v + v[-1] + "ing"
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) and len(v) > 2:
        return v[:-1] + "ing"
    if (len(v) >= 3 and v[-1] not in VOWELS | {"w", "x", "y"} and v[-2] in VOWELS
            and v[-3] not in VOWELS and sum(c in VOWELS for c in v) == 1):
        return v + v[-1] + "ing"
    return v + "ing"


def phrase_label(tokens: list[Token], holder: Actor | None = None) -> str:
    """The phrase as a proposition: trimmed, infinitive as gerund, capped in length."""
    words = [t for t in tokens if not t.is_space and t.lower not in HEDGE_WORD_IDS]
    while words and words[0].dep_ == "aux" and words[0].lower_ != "to":
        words.pop(0)                            # "would suspend ..." -> "suspending ..."
    while words and (words[-1].lower_ in TRAILING_JUNK or words[-1].is_punct):
        words.pop()
    while words and words[0].lower_ in LEADING_JUNK:
        first = words.pop(0)
        if first.lower_ == "to" and words and words[0].pos_ in ("VERB", "AUX"):
            verb = words.pop(0)
            rest = joined(words)
            lead = holder.name + " " if holder is not None else ""
            return _cap(f"{lead}{gerund(verb.lemma_ or verb.text)}{' ' if rest else ''}{rest}")
    if words and words[0].pos_ in ("VERB",) and words[0].tag_ == "VB":
        rest = joined(words[1:])
        return _cap(f"{gerund(words[0].lemma_)} {rest}".strip())
    return _cap(joined(words))


def _cap(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:")
    while text and text[-1] in ".,;:“”\"'(":
        text = text[:-1].rstrip()
    if len(text) <= MAX_CHARS:
        return text
    cut = text[:MAX_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:")


def content_words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
               and not t.is_stop)
