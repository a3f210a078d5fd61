"""Text as it is printed on one line of output: control and format characters escaped."""


def escaped(text: str) -> str:
    """"a\\nb" -> "a\\\\nb": a file name or message with a newline, a carriage return or a bidi
    override cannot forge or hide a line of output."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
