"""The Doc extensions that extraction components fill in, and what they read once per doc
and share (kept in Doc.user_data)."""
from typing import Callable

from spacy.tokens import Doc

EXTENSIONS = {
    "article": None,       # kg.article.Article: metadata, e.g. the publication date for relative dates
    "mentions": None,      # list[Mention], in text order
    "roles": None,         # list[Role]
    "quotes": None,        # list[Quote]
    "events": None,        # list[Event]
    "positions": None,     # list[Position]
}
SHARED_KEY = ("newskg", "shared")     # Doc.user_data key of what shared() keeps


def register() -> None:
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def shared(doc: Doc, name: str, compute: Callable[[Doc], object]):
    """compute(doc), made once per doc for all components and kept in doc.user_data as plain
    data. The token count check drops what was copied with user_data to another doc
    (Span.as_doc)."""
    store = doc.user_data.get(SHARED_KEY)
    if store is None or store["tokens"] != len(doc):
        store = doc.user_data[SHARED_KEY] = {"tokens": len(doc)}
    if name not in store:
        store[name] = compute(doc)
    return store[name]


def doc_text(doc: Doc) -> str:
    """doc.text, which spaCy joins from every token anew on each access."""
    return shared(doc, "text", lambda d: d.text)


def remember_text(doc: Doc, text: str) -> None:
    """The text the tokenizer made doc from, which is doc.text (spaCy keeps every character)."""
    shared(doc, "text", lambda d: text)


register()
