"""Token attributes for a whole doc at once, read from Doc.to_array. A Token attribute costs
a Token object, and a string attribute a string-store lookup, per token and attribute; the
scans that look at every token compare string ids instead, and read strings once per
distinct value."""
from bisect import bisect_right

import numpy
from spacy.attrs import IDX, IS_SPACE, LEMMA
from spacy.strings import get_string_id
from spacy.tokens import Doc

from .extensions import doc_text

LEMMAS_KEY = ("newskg", "lemmas")     # Doc.user_data key of lowered_lemmas()


def string_ids(words) -> frozenset[int]:
    """The ids of words, as Doc.to_array gives them (LOWER, ORTH, LEMMA)."""
    return frozenset(get_string_id(w) for w in words)


def id_array(words) -> numpy.ndarray:
    """string_ids(words) as a sorted array, for is_in."""
    return numpy.array(sorted(string_ids(words)), dtype=numpy.uint64)


def is_in(values: numpy.ndarray, ids: numpy.ndarray) -> numpy.ndarray:
    """numpy.isin(values, ids) for the sorted ids of id_array, without isin's overhead."""
    at = numpy.minimum(numpy.searchsorted(ids, values), len(ids) - 1)
    return ids[at] == values


def lowered_lemmas(doc: Doc) -> list[str]:
    """Each token's lemma in lower case (tok.lemma_.lower()), read once for all components.
    The length check catches user_data copied to another doc (Span.as_doc)."""
    lemmas = doc.user_data.get(LEMMAS_KEY)
    if lemmas is None or len(lemmas) != len(doc):
        ids = doc.to_array(LEMMA).tolist() if len(doc) else []
        strings = doc.vocab.strings
        lowered = {h: strings[h].lower() for h in set(ids)}
        lemmas = doc.user_data[LEMMAS_KEY] = [lowered[h] for h in ids]
    return lemmas


def id_columns(doc: Doc, attrs: list[int]) -> list[list[int]]:
    """For each attribute, every token's value (a string id for string attributes)."""
    if not len(doc):
        return [[] for _ in attrs]
    return doc.to_array(attrs).T.tolist()


def line_breaks(doc: Doc) -> list[int]:
    """The indices of the whitespace tokens that hold a line break, in order."""
    if not len(doc):
        return []
    return [i for i, space in enumerate(doc.to_array(IS_SPACE).tolist())
            if space and "\n" in doc[i].text]


class CharIndex:
    """Which tokens lie under character offsets, as Doc.char_span finds them, without making
    Token and Span objects on the way. Tokens tile the text: each one, with its trailing
    space, runs up to where the next one starts."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = doc.to_array(IDX).tolist() if len(doc) else []      # token.idx
        self.limits = self.starts[1:] + [len(doc_text(doc))]

    def token_at(self, char: int) -> int:
        """The token whose text or trailing space holds the character, else -1."""
        i = bisect_right(self.starts, char) - 1
        return i if i >= 0 and char < self.limits[i] else -1

    def token_end(self, i: int) -> int:
        token = self.doc[i]
        return token.idx + len(token)

    def expand(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """(start, end) of doc.char_span(start_char, end_char, alignment_mode="expand")."""
        start, end = self.token_at(start_char), self.token_at(end_char - 1)
        if start < 0 or end < 0:
            return None
        if start_char == self.token_end(start):
            start += 1
        return start, end + 1

    def strict(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """(start, end) of doc.char_span(start_char, end_char) (alignment_mode="strict")."""
        start = self.token_at(start_char)
        if start < 0 or start_char != self.starts[start]:
            return None
        end = self.token_at(end_char - 1)
        if end < 0 or end_char != self.token_end(end):
            return None
        return start, end + 1
