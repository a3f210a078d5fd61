"""Recognising page furniture line by line: notices, appeals, captions, link lists.

Patterns are generic vocabulary of web pages, not any one publisher's wording.
"""
import re


def _any_of(start: str, *patterns: str) -> re.Pattern:
    """One case-insensitive regex that matches wherever one of `patterns` would.

    `start`: a zero-width pattern that holds where any of their matches begins: ^, or a
    lookahead such as (?=\\b[ab]) for matches that begin a word with a or b. Python's re tries a
    pattern at every position of a line; `start` turns most positions down at once, which makes
    one scan several times cheaper than a search per pattern."""
    return re.compile(rf"{start}(?:{'|'.join(patterns)})", re.IGNORECASE)


# Furniture wherever it appears, however long the paragraph.
_ALWAYS = _any_of(
    r"(?=[©(]|\b[acemoprstw])",
    r"©|\(c\)\s*((19|20)\d{2}|(?-i:[A-Z]))|^copyright\b|\ball rights reserved\b",
    r"\b(written|prior|express) permission\b|\bwithout (the )?(express )?(written )?permission\b",
    r"\b(to|may not be|must not be|cannot be) (reprint|republish|redistribut)\w*|\bmay not be (reproduced|copied)\b",
    r"\bactive hyperlink\b|\bwhen (referencing|quoting|citing) our (materials?|articles?|content)\b",
    r"\bad[- ]?blocker\b|\badblock\b|\bwhitelist(ing)? (us|our site)\b",
    r"\bsuggest a correction\b|\breport an (error|typo)\b|\bspotted an? (error|mistake|typo)\b",
    r"\bctrl\s*\+\s*enter\b",
    r"\bwe use cookies\b|\b(accept|manage|reject) (all )?cookies\b",
    r"\bsign up (for|to) (our|the) \w*\s*newsletter\b|\bsubscribe to (our|the) \w*\s*newsletter\b",
    r"\b(our|this) (site|website) uses\b",
    r"\bsign up (for|to) (our|the)\b.{0,40}\b(newsletters?|digest|briefing|alerts|emails?|bulletin)\b",
    r"\bsave my name\b|\bemail address will not be published\b|\brequired fields are marked\b"
    r"|\bthe next time i comment\b|\breduce spam\b|\bcomment data is processed\b",
)

# Appeals to the reader (money, membership, following, tips): furniture however long, unless the
# paragraph reports what someone said ("the minister said ...").
_APPEALS = _any_of(
    r"(?=[.!?:]|\b[bcdfghijmnoprstuwy])",
    r"(^|[.!?:]\s+|\b(you can|you could|why not|please)\s+)become an? (supporting |paying |monthly )?"
    r"(patron|member|supporter|subscriber|donor|reader)\b|\bpatreon\b",
    r"\bcups? of coffee\b|\bbuy (us|me) a coffee\b|\bchip in\b",
    r"\bjoin our (community|newsletter|mailing list|readers)\b",
    r"\b(support|fund) (us|our (work|journalism|reporting|newsroom|mission))\b",
    r"\bdonate (now|today|here|to us)\b|\bmake a (donation|contribution)\b|\bone-off (donation|contribution)\b",
    r"\breaders like you\b|\breader[- ](funded|supported)\b|\bindependent journalism needs\b",
    r"\bupgrade (now|today)\b|\b(now|today) and save\b|\bstart (your|a) free trial\b",
    r"\bfollow\b.{0,50}\b(on|via) (linkedin|twitter|x|facebook|instagram|whatsapp|telegram|threads|bluesky"
    r"|tiktok|youtube|mastodon|google news)\b",
    r"\b(join|follow|subscribe to)\b.{0,40}\b(whatsapp|telegram|signal|youtube|viber) channel\b|\bclick here\b",
    r"^(got|have) an? (news |story )?tip\b|\bsend (us )?(your |a )?(news )?tips?\b"
    r"|\bsecurely (on|via|through) (signal|whatsapp|protonmail|email)\b",
)
_REPORTED_SPEECH = _any_of(
    r"(?=\b[acistw])",
    r"\b(said|says|told|tells|according to|added|wrote|argued|warned|stated|insisted|claimed)\b")

# Notes from the newsroom about the article itself: furniture at the start of a paragraph.
_EDITORIAL_NOTES = _any_of(
    r"^",
    r"^(disclosure|full disclosure|editor'?s note|note to (readers|editors)|correction|clarification)\s*:",
    r"^this (story|article|report|post|piece) (has been|was) (updated|corrected|amended|changed)\b",
    r"^this (story|article|report|post|piece) is (part|one) of\b",
    r"^(an earlier|a previous) version of this (story|article|report|post)\b",
)

# Notices: furniture when the line is short, not inside a body paragraph.
_NOTICES = _any_of(
    r"(?=\b[1bcdfgjnoprstw])",
    r"\bprivacy (policy|policies|notice|statement|settings|cent(re|er))\b|\bprivacy and cookies?\b",
    r"\bcookies? (policy|policies|settings|preferences|notice|consent)\b",
    r"\bterms (of (use|service)|and conditions)\b",
    r"^(supported|sponsored|funded|powered|presented) by\b",
    r"\b(work|journalism|reporting|project|publication|content|site|website|coverage|newsroom)\b"
    r".{0,60}\b(is|are) (supported|funded|sponsored|made possible)\b",
    r"\b(from|just|only|for)\s+[€$£]\s?\d+(?:[.,]\d+)?\s*(a|per|/)\s*(month|week|year)\b",
    r"\bgambling can be addictive\b|\b(gamble|play|bet) (responsibly|aware)\b|\bbegambleaware\b|\bgamcare\b"
    r"|^18\+(\s*[|·•:-]|$)|\bwhen the fun stops\b",
    r"^(the )?(full )?(case )?(documents?|judgments?|rulings?|decisions?|texts?|filings?|reports?)\b[^.;]{0,40}?"
    r" (is|are) (available|published) (on|at|from|via|here|online)\b",
    r"\bcreative commons\b|\bCC[ -]BY\b",
)

# Labels and calls to action: furniture when short and not a news sentence
# (no sentence punctuation, or addressing the reader).
_LABELS = _any_of(
    r"(?=\b[\dabcefhjklmnprst])",
    r"\b(subscribe|newsletter|sign up|sign in|log in|register now)\b",
    r"^(share|follow us|like us|tweet|email|print)\b|\bshare (this|on)\b",
    r"\b(corrections?|suggestions?|feedback)\b.*\b(here|us|below)\b",
    r"^(advertisement|advertising|sponsored( content)?|ad|promoted)$",
    r"^(tags?|topics?|categories|filed under|posted in|keywords)\s*:",
    r"\blisten to (this|the) (article|story)\b|\b\d+\s*min(ute)?s? (read|listen)\b|\breading time\b",
    r"\bcopy (the )?link\b|\b\d+ comments\b",
    r"^(comments?|leave a (comment|reply)|\d+ comments?)\b",
    r"^(skip to|jump to|back to top|scroll to|menu|search|home)\b",
    r"^(loading|please wait)\b",
)

# Headers of a list of links to other articles ("Related:", "Read more:").
_RELATED_HEADER = re.compile(
    r"^(related( (articles?|stories|content|news|posts?|coverage|reading))?|read (more|also|next)"
    r"|see also|also read|also (in|on) [^:,]{1,40}|more (on this|from|in|stories|news)[^:]*|recommended( for you)?"
    r"|keep reading|don'?t miss|elsewhere on [^:,]{1,40}"
    r"|you (may|might) also (like|be interested in)|most (read|popular)|trending( now)?"
    r"|further reading)\s*[:\-–—]?\s*(.*)$",
    re.IGNORECASE,
)

# Photo credits and captions.
_CREDIT = _any_of(
    r"(?=\b[acefgiprsv])",
    r"\b(photo|image|picture|illustration|video|graphic|foto|screenshot|photograph)s?"
    r"( credit)?\s*(:|by\b|courtesy\b)"
    r"|\bcredit\s*:|\bgetty images\b|\bshutterstock\b|\b(afp|ap|reuters|epa|anadolu)/\w",
)
# File names and slugs: photo.jpg, 775x440s, some_name_775x440s, ukraine-flags-2_rdax
# A caption that ends with its photo credit, however long it is: "... | Pool photo by A. B via
# AFP/Getty Images", "... 2024. A. B—AFP via Getty Images", "... A. B / AP".
_AGENCIES = (r"(?i:getty images|afp|ap|reuters|epa|efe|shutterstock|associated press|anadolu|xinhua"
             r"|bloomberg|alamy)")
_TRAILING_CREDIT = re.compile(
    rf"(?:\b(?i:photo(?:graph)?s?\s+(?:by|courtesy of))\s+[^.|]{{0,80}}?"
    rf"|(?:\s\|\s*|[—–]\s*|\s/\s*)(?:[A-Z][\w.'’-]*\s+){{0,4}}?(?:via\s+)?)"
    rf"\b{_AGENCIES}(?:\s*/\s*{_AGENCIES})?\s*\)?$"
)
_FILE_NAME_OR_SIZE = _any_of(
    r"(?=\.|\b\d)", r"\.(jpe?g|png|gif|webp|svg|avif|bmp|tiff?|mp4|webm)\b|\b\d{2,4}x\d{2,4}\w*\b")
_UNDERSCORED_TOKEN = re.compile(r"\b\w*_\w*\d\w*\b")
_NAV_SEPARATORS = re.compile(r"\s[|›»/•·]\s")
_TERMINAL = re.compile(r"[.!?:;,…]$")
_CLOSERS = "\"'”’»)]"
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")
_PERSONAL = _any_of(r"(?=\b[ouwy])", r"\b(we|our|us|you|your)\b")
_APPEAL_WORDS = _any_of(
    r"(?=\b[acdfimprs])",
    r"\b(support|donat\w*|contribut\w*|subscri\w*|membership|patron\w*|readers?|"
    r"independent|advertis\w*|free information|paywall|funding|close this page)\b",
)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_NOT_LETTERS_OR_DIGITS = re.compile(r"[\W_]+")
SHORT_WORDS = 30
TITLE_MAX_WORDS = 25


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def ends_like_sentence(line: str) -> bool:
    return bool(_TERMINAL.search(line.rstrip().rstrip(_CLOSERS).rstrip()))


def is_title_like(line: str) -> bool:
    """A short line that is not a sentence: a headline, a heading, a link, a label."""
    stripped = line.rstrip().rstrip(_CLOSERS).rstrip()
    is_sentence = bool(_TERMINAL.search(stripped))
    if is_sentence and not stripped.endswith(("?", "!")):
        return False
    count = len(words(line))
    if not 1 <= count < TITLE_MAX_WORDS:
        return False
    return not is_sentence or count <= 15


def is_slug_line(line: str) -> bool:
    """Image file names, alt-text slugs: lowercase tokens with underscores, digits, extensions."""
    if ends_like_sentence(line):
        return False
    if _names_file(line):
        return True
    letters = [c for c in line if c.isalpha()]
    return len(words(line)) >= 3 and bool(letters) and not any(c.isupper() for c in letters)


def is_credit_or_caption(line: str) -> bool:
    return len(words(line)) <= SHORT_WORDS and _names_image(line)


def _names_image(line: str) -> bool:
    """A photo credit or an image's file name."""
    return bool(_CREDIT.search(line)) or _names_file(line)


def _names_file(line: str) -> bool:
    # most lines have no "_", so need no search for an underscored token
    return bool(_FILE_NAME_OR_SIZE.search(line)) or "_" in line and bool(_UNDERSCORED_TOKEN.search(line))


def is_nav_line(line: str) -> bool:
    return len(_NAV_SEPARATORS.findall(line)) >= 2


def related_header(line: str) -> tuple[bool, str]:
    """(is it a "Related:"-style header, the link title on the same line if any)."""
    match = _RELATED_HEADER.match(line.strip())
    if not match or len(words(line)) > 20:
        return False, ""
    # "Read more about the vote in our explainer." is a sentence, not a header.
    head = line.strip()[:match.end(1)]
    if _REPORTED_SPEECH.search(head):  # "Also on Tuesday the minister said:"
        return False, ""
    tail = match.group(len(match.groups())).strip()
    if tail.endswith(":") and len(words(line)) <= 8 and "," not in line \
            and not _REPORTED_SPEECH.search(line):  # "Related reading on Example News:"
        return True, ""
    if tail and not re.match(rf"{re.escape(head)}\s*[:\-–—]", line.strip()):
        return False, ""
    return True, tail


def is_appeal(line: str) -> bool:
    """A long paragraph addressing the reader about money or support, not reporting news."""
    unquoted = _QUOTED.sub(" ", line)
    return not _REPORTED_SPEECH.search(unquoted) and _asks_for_support(unquoted)


def _asks_for_support(unquoted: str) -> bool:
    """Says "we", "you"... often enough in a long paragraph, with words of support or money."""
    personal = len(_PERSONAL.findall(unquoted))
    if not personal:
        return False
    count = len(words(unquoted))
    if count < 15:
        return False
    return personal / count >= 0.05 and len(_APPEAL_WORDS.findall(unquoted)) >= 2


def is_furniture(line: str, publisher: str | None = None) -> bool:
    """True for a line that is page furniture, whatever the body around it."""
    text = line.strip()
    if not text:
        return True
    unquoted = _QUOTED.sub(" ", text)
    if _ALWAYS.search(unquoted) or _EDITORIAL_NOTES.search(text) or _TRAILING_CREDIT.search(text):
        return True
    reports_speech = bool(_REPORTED_SPEECH.search(unquoted))
    if not reports_speech and _APPEALS.search(unquoted):
        return True
    word_count = len(words(text))
    if word_count <= SHORT_WORDS and _is_short_furniture(text, unquoted):
        return True
    if publisher and _same_name(text, publisher, word_count):
        return True
    return is_slug_line(text) or is_nav_line(text) or not reports_speech and _asks_for_support(unquoted)


def _is_short_furniture(text: str, unquoted: str) -> bool:
    """Notices, labels and credits: furniture when the line is short."""
    if _NOTICES.search(unquoted):
        return True
    addresses_reader = not ends_like_sentence(text) or _PERSONAL.search(unquoted)
    return bool(addresses_reader and _LABELS.search(unquoted)) or _names_image(text)


def _same_name(line: str, name: str, word_count: int) -> bool:
    """The line is the name (or the domain name.com), whatever the case, spacing, punctuation."""
    name = _squash(name)
    # Every word of the line keeps at least one character when squashed.
    if word_count > len(name + "com"):
        return False
    line = _squash(line)
    return line == name or line == name + "com"


def _squash(text: str) -> str:
    return _NOT_LETTERS_OR_DIGITS.sub("", text).casefold()
