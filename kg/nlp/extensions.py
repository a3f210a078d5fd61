"""The Doc extensions that extraction components fill in, and the doc's text they share."""
from spacy.tokens import Doc

EXTENSIONS = {
    "article": None,       # kg.article.Article: metadata, e.g. the publication date for relative dates
    "mentions": None,      # list[Mention], in text order
    "roles": None,         # list[Role]
    "quotes": None,        # list[Quote]
    "events": None,        # list[Event]
    "positions": None,     # list[Position]
}
TEXT_KEY = ("newskg", "text")     # Doc.user_data key of the text doc_text() joined


def register() -> None:
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def doc_text(doc: Doc) -> str:
    """doc.text, joined once for all components: spaCy joins every token's text anew on each
    access. The length check catches user_data copied to another doc (Span.as_doc)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None or len(text) != _text_length(doc):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _text_length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


register()
