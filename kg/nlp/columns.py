"""Token attributes for a whole doc at once, read from Doc.to_array. A Token attribute costs
a Token object, and a string attribute a string-store lookup, per token and attribute; the
scans that look at every token compare string ids instead, and read strings once per
distinct value."""
from spacy.attrs import IS_SPACE, LEMMA
from spacy.strings import get_string_id
from spacy.tokens import Doc

LEMMAS_KEY = ("newskg", "lemmas")     # Doc.user_data key of lowered_lemmas()


def string_ids(words) -> frozenset[int]:
    """The ids of words, as Doc.to_array gives them (LOWER, ORTH, LEMMA)."""
    return frozenset(get_string_id(w) for w in words)


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
