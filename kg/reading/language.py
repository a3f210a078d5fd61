"""Which language an article is written in: only English articles are read.

py3langid (its model ships inside the wheel: nothing is fetched) classifies a sample of the
text, the first few thousand characters, which is cheap and plenty for a news article."""
from functools import lru_cache

SAMPLE_CHARS = 3000
# Below this probability the classifier's answer is not trusted: the article is read as English
# (a short text, or one of names and numbers, says too little to refuse it).
CONFIDENT = 0.9
ENGLISH = "en"


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detected_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language when the classifier is confident, else None."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < 5:
        return None
    code, probability = _identifier().classify(sample)
    return code if probability >= CONFIDENT else None


def language_name(code: str) -> str:
    import pycountry
    found = pycountry.languages.get(alpha_2=code)
    return found.name if found is not None else code


def non_english(text: str) -> str | None:
    """The name of the language the text is written in, when that is confidently not English."""
    code = detected_language(text)
    return language_name(code) if code and code != ENGLISH else None
