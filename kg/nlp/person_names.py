"""Whether a name the model tagged as an organisation is a person's: its first word is a
given name (gender-guesser's list of about 40,000 given names of many countries) and nothing
in the name says organisation or place. 'Ebrahim Raisi', 'Camilo Reyes'; not 'Georgian Dream'
(a demonym first), 'Jordan Valley Authority' (an organisation word), 'Paris Saint-Germain'."""
import json
from functools import lru_cache
from pathlib import Path

GIVEN = {"male", "female", "mostly_male", "mostly_female", "andy"}
PLACE_FIRST_WORDS = frozenset(json.loads((Path(__file__).with_name("data") / "name_words.json")
                                         .read_text(encoding="utf-8"))["place_first_words"])


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gender
    return gender.Detector(case_sensitive=False)


def is_given_name(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and word.lower() not in PLACE_FIRST_WORDS \
        and _detector().get_gender(word) in GIVEN


def common_nouns(nlp) -> frozenset[str]:
    """The English nouns the model's lemmatizer knows (none when it has no such table)."""
    try:
        return frozenset(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"])
    except (KeyError, ValueError):
        return frozenset()


def looks_like_person(words: list[str], org_words: set[str], is_place, nouns: frozenset[str] = frozenset()) -> bool:
    """A name of two or three title-case words, the first a given name, none an organisation
    word, a place or a demonym (is_place(word) says), none after the first the plural of a
    common noun ('Meta Platforms', 'Ford Motors')."""
    if not 2 <= len(words) <= 3:
        return False
    if any(w.lower().endswith("s") and w.lower()[:-1] in nouns for w in words[1:]):
        return False
    if not all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() and not w.isupper()
               for w in words):
        return False
    if any(w.lower() in org_words or is_place(w) for w in words):
        return False
    return is_given_name(words[0])
