"""The Doc extensions that extraction components fill in."""
from spacy.tokens import Doc

EXTENSIONS = {
    "article": None,       # kg.article.Article: metadata, e.g. the publication date for relative dates
    "mentions": None,      # list[Mention], in text order
    "roles": None,         # list[Role]
    "quotes": None,        # list[Quote]
    "events": None,        # list[Event]
    "positions": None,     # list[Position]
}


def register() -> None:
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register()
