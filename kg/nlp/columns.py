"""Token attributes for a whole doc at once, read from Doc.to_array and shared by the
components (kg.nlp.extensions.shared). A Token attribute costs a Token object, and a string
attribute a string-store lookup, per token and attribute: the scans that look at every token
compare string ids instead, and read strings once per distinct value."""
from bisect import bisect_right

import numpy
from spacy.attrs import HEAD, IDX, LEMMA, LOWER, POS, SENT_START, SPACY
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .extensions import doc_text, shared


def string_ids(words) -> frozenset[int]:
    """The ids of words, as Doc.to_array gives them (LOWER, ORTH, LEMMA)."""
    return frozenset(get_string_id(w) for w in words)


def indices_of(values: list, wanted) -> list[int]:
    """The indices of the values in `wanted` (a few values), in order: list.index scans for
    each of them cost less than a Python loop over every token."""
    found = []
    for value in wanted:
        at = -1
        while True:
            try:
                at = values.index(value, at + 1)
            except ValueError:
                break
            found.append(at)
    found.sort()
    return found


# The attributes the components read for every token, fetched from the doc in one call.
TABLE = (LOWER, POS, LEMMA, HEAD, SENT_START, IDX, SPACY)


def column(doc: Doc, attr: int) -> numpy.ndarray:
    """Every token's value of one of the TABLE attributes (a string id for string
    attributes). Shared: not to be changed."""
    table = shared(doc, "table", lambda d: d.to_array(list(TABLE)).reshape(-1, len(TABLE)))
    return table[:, TABLE.index(attr)]


def lower_ids(doc: Doc) -> list[int]:
    """Each token's tok.lower."""
    return shared(doc, "lower", lambda d: column(d, LOWER).tolist())


def pos_ids(doc: Doc) -> list[int]:
    """Each token's tok.pos."""
    return shared(doc, "pos", lambda d: column(d, POS).tolist())


def lowered_lemmas(doc: Doc) -> list[str]:
    """Each token's tok.lemma_.lower()."""
    return shared(doc, "lemmas", _lowered_lemmas)


def _lowered_lemmas(doc: Doc) -> list[str]:
    ids = column(doc, LEMMA).tolist()
    strings = doc.vocab.strings
    lowered = {h: strings[h].lower() for h in set(ids)}
    return [lowered[h] for h in ids]


def head_indices(doc: Doc) -> list[int]:
    """Each token's tok.head.i."""
    return shared(doc, "heads", _head_indices)


def _head_indices(doc: Doc) -> list[int]:
    relative = column(doc, HEAD).astype(numpy.int64)
    return (relative + numpy.arange(len(doc))).tolist()


def line_breaks(doc: Doc) -> list[int]:
    """The indices of the whitespace tokens that hold a line break, in order."""
    return shared(doc, "line_breaks", _line_breaks)


def _line_breaks(doc: Doc) -> list[int]:
    """Reads the text: a line break is only ever inside a whitespace token."""
    text, chars, found = doc_text(doc), CharIndex(doc), []
    at = text.find("\n")
    while at >= 0:
        i = chars.token_at(at)
        if (not found or found[-1] != i) and doc[i].is_space:
            found.append(i)
        at = text.find("\n", at + 1)
    return found


def joined(tokens: list[Token]) -> str:
    """"".join(t.text_with_ws for t in tokens), sliced from the doc's text."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    text = doc_text(doc)
    starts = shared(doc, "offsets", _token_offsets)[0] + [len(text)]
    return "".join([text[starts[t.i]:starts[t.i + 1]] for t in tokens])


class Words:
    """One doc's tokens as plain lists (shared by the components), for loops that would make
    a Token object, and look a string up, at every step."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.starts, self.ends = shared(doc, "offsets", _token_offsets)   # token.idx, + len(token)
        self.lower = lower_ids(doc)                                        # token.lower

    def text_of(self, i: int) -> str:
        """token.text"""
        return self.text[self.starts[i]:self.ends[i]]

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text"""
        return self.text[self.starts[start]:self.ends[end - 1]] if end > start else ""


def _token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """(token.idx, token.idx + len(token)) lists, from token attributes only (a token's length
    is in its lexeme, a lookup per token): a token ends its trailing space before the next."""
    starts, spaces = column(doc, IDX).astype(numpy.int64), column(doc, SPACY).astype(numpy.int64)
    limits = numpy.append(starts[1:], len(doc_text(doc)))
    return starts.tolist(), (limits - spaces).tolist()


class CharIndex:
    """Which tokens lie under character offsets, as Doc.char_span finds them, without making
    Token and Span objects on the way. Tokens tile the text: each one, with its trailing
    space, runs up to where the next one starts."""

    def __init__(self, doc: Doc):
        self.starts, self.ends = shared(doc, "offsets", _token_offsets)   # token.idx, + len(token)
        self.limits = self.starts[1:] + [len(doc_text(doc))]
        # "start:end" -> expand(start, end): the stages each map the doc's mentions to tokens.
        self.expanded: dict[str, tuple[int, int] | None] = shared(doc, "expanded", lambda d: {})

    def token_at(self, char: int) -> int:
        """The token whose text or trailing space holds the character, else -1."""
        i = bisect_right(self.starts, char) - 1
        return i if i >= 0 and char < self.limits[i] else -1

    def expand(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """(start, end) of doc.char_span(start_char, end_char, alignment_mode="expand")."""
        key = f"{start_char}:{end_char}"
        if key not in self.expanded:
            self.expanded[key] = self._expand(start_char, end_char)
        return self.expanded[key]

    def _expand(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        start, end = self.token_at(start_char), self.token_at(end_char - 1)
        if start < 0 or end < 0:
            return None
        if start_char == self.ends[start]:
            start += 1
        return start, end + 1

    def strict(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """(start, end) of doc.char_span(start_char, end_char) (alignment_mode="strict")."""
        start = self.token_at(start_char)
        if start < 0 or start_char != self.starts[start]:
            return None
        end = self.token_at(end_char - 1)
        if end < 0 or end_char != self.ends[end]:
            return None
        return start, end + 1


class Sentences:
    """The sentence bounds Token.sent and Span.sent find, looked up by token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = shared(doc, "sentence_starts", _sentence_starts)
        self.ends = self.starts[1:] + [len(doc)]

    def bounds(self, i: int) -> tuple[int, int]:
        """(start, end) of the sentence of token i (of a span starting at i)."""
        k = bisect_right(self.starts, i) - 1
        return self.starts[k], self.ends[k]

    def of(self, i: int) -> Span:
        return Span(self.doc, *self.bounds(i))


def _sentence_starts(doc: Doc) -> list[int]:
    return [0] + [i for i in numpy.flatnonzero(column(doc, SENT_START) == 1).tolist() if i > 0]
