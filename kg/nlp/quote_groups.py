"""Unnamed groups that speak: 'one of the people said' after 'five people familiar with the
discussion cited by Reuters' -> an anonymous source named 'people familiar with the discussion'."""
from spacy.tokens import Doc, Token

from kg.ids import slug

from .model import Actor

# Words that end the description of a group: who carried its words, not who it is.
CARRIER_WORDS = {"cited", "quoted", "according", "told", "said", "who", "which", ","}
# Words that count or point at the group rather than describe it.
COUNTING_WORDS = {"the", "a", "an", "two", "three", "four", "five", "six", "seven", "eight",
                  "nine", "ten", "several", "some", "many", "few", "other", "those", "these"}
LOOK_BACK = 400                   # characters before the quote where the group was described


def described_group(doc: Doc, noun: Token, inside: list[bool]) -> Actor | None:
    """The group a bare 'the people' / 'one of the sources' stands for: the latest earlier noun
    phrase with the same head noun, described by more than the noun itself."""
    floor = max(0, noun.idx - LOOK_BACK)
    for token in reversed(doc[:noun.i]):
        if token.idx < floor:
            break
        if token.lower_ != noun.lower_ or inside[token.i]:
            continue
        words = [t for t in token.subtree if t.i >= token.left_edge.i]
        kept = []
        for t in words:
            if t.i > token.i and t.lower_ in CARRIER_WORDS:
                break
            kept.append(t)
        while kept and (kept[0].lower_ in COUNTING_WORDS or kept[0].like_num):
            kept.pop(0)
        if len(kept) < 2:
            continue
        name = doc[kept[0].i:kept[-1].i + 1].text
        full = doc[token.left_edge.i:token.right_edge.i + 1].text
        return Actor(key=slug(name), name=name, type="AnonymousSource",
                     aliases=(full,) if full != name else ())
    return None
