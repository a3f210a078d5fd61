"""A small SPARQL lexer, enough to look at a request's keywords without evaluating it:
whether a query names its dataset (FROM) or calls volatile functions, whether an update
names its own dataset (USING / WITH), and to add protocol-given USING clauses to an update.
It is not what refuses SERVICE and LOAD: operation_check parses for that."""
from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<var>[?$][^\W][\w\u00B7\u0300-\u036F\u203F-\u2040]*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<name>[^\W\d][\w.\-\u00B7]*(?::[^\s{}()\[\];,<>"'^]*)?|:[^\s{}()\[\];,<>"'^]*)
  | (?P<number>\d[\w.]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    depth: int  # brace depth the token stands at

    @property
    def keyword(self) -> str | None:
        """The upper-cased word for a bare word (keywords, function names), else None."""
        if self.kind == "name" and ":" not in self.text:
            return self.text.upper()
        return None


def tokens(text: str) -> list[Token]:
    out, depth = [], 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ("space", "comment"):
            continue
        value = m.group()
        if value == "}":
            depth = max(depth - 1, 0)
        out.append(Token(kind, value, m.start(), depth))
        if value == "{":
            depth += 1
    return out


def unescaped(text: str) -> str:
    """SPARQL allows \\uXXXX escapes anywhere in a request; look through them."""
    def replace(m):
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group()
    return _ESCAPE.sub(replace, text)


def keywords(text: str) -> set[str]:
    return {t.keyword for t in tokens(unescaped(text)) if t.keyword}


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword of a query."""
    for t in tokens(unescaped(text)):
        if t.keyword in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return t.keyword
    return None


def names_query_dataset(query: str) -> bool:
    """True when a query has FROM / FROM NAMED clauses."""
    return "FROM" in keywords(query)


def names_update_dataset(update: str) -> bool:
    """True when an update says itself which graphs its WHERE reads (USING, WITH)."""
    return bool(keywords(update) & {"USING", "WITH"})


def add_using(update: str, using: list[str], using_named: list[str]) -> str:
    """The update with `USING <g>` / `USING NAMED <g>` clauses before the WHERE of every
    DELETE/INSERT ... WHERE operation (the protocol's using-graph-uri parameters)."""
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named])
    if not clause:
        return update
    parts, last, previous = [], 0, None
    for t in tokens(update):
        if t.depth == 0 and t.keyword == "WHERE" and (previous is None or previous.keyword != "DELETE"):
            parts.append(update[last:t.start])
            parts.append(f" {clause} ")
            last = t.start
        previous = t
    parts.append(update[last:])
    return "".join(parts)


def check_iri(value: str) -> bool:
    """True if a parameter value can be written as <value> in SPARQL without breaking out."""
    return bool(value) and re.fullmatch(r"[^<>\"{}|^`\\\x00-\x20]+", value) is not None
