"""What a query or update must pass before any process evaluates it.

* Nesting: Oxigraph's parser recurses once per bracket or prefix operator, and a request
  nested some thousands deep overflows the stack of the process that parses it. Nesting
  beyond MAX_NESTING is refused; the count is made on the text as Oxigraph reads it.
* Size of structure: more than MAX_ELEMENTS group elements, alternatives and boolean
  operators in one operation are refused for the same reason.
* SERVICE and LOAD reach other hosts or files: refused by the structure of the parsed
  operation (rdflib's SPARQL grammar), never by the look of the text, so that no lexing
  trick (a number running into a keyword, an escaped quote that ends a string for one
  reader and not the other) hides one. An operation that does not mention either word
  anywhere, escapes decoded, cannot contain one and is not parsed (the hot path).

Oxigraph decodes \\uXXXX escapes inside strings and IRIs only (not in keywords, and an
escaped quote does not end a string); rdflib, following the letter of SPARQL 1.1, decodes
them everywhere first. Both readings are parsed: the operation is refused if either holds
SERVICE or LOAD, and also if Oxigraph's reading cannot be parsed (then it cannot be
checked: fail closed)."""
from __future__ import annotations

import re

from .sparql_text import tokens, unescaped

MAX_NESTING = 256
# groups, alternatives and filters in a row: Oxigraph builds them into a nested tree too,
# and some thousands of them (5,000 BINDs or MINUSes, 20,000 UNIONs) crash the evaluation
MAX_ELEMENTS = 1000
_ELEMENT_WORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "BIND", "FILTER", "GRAPH"})
_ELEMENT_MARKS = frozenset("{|/&")
_ESCAPE = re.compile(r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}")
_MENTIONS = re.compile(r"service|load", re.IGNORECASE)
_OPEN, _CLOSE, _PREFIX = frozenset("({["), frozenset(")}]"), frozenset("!^-+")
FORBIDDEN_NODES = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}


def oxigraph_reading(text: str) -> str:
    """The text with every escape replaced by a plain character: the same strings, IRIs
    and keywords as Oxigraph sees (what an escape stands for does not change structure)."""
    return _ESCAPE.sub("_", text)


def nesting(text: str) -> int:
    """How deep brackets and runs of prefix operators (!!!x, - - 1) nest."""
    depth = run = deepest = 0
    for token in tokens(text):
        value = token.text
        if token.kind == "other" and value in _PREFIX:
            run += 1
        else:
            run = 0
            if token.kind == "other" and value in _OPEN:
                depth += 1
            elif token.kind == "other" and value in _CLOSE:
                depth = max(depth - 1, 0)
        deepest = max(deepest, depth + run)
    return deepest


def elements(text: str) -> int:
    """How many group elements, alternatives and boolean operators the text holds."""
    return sum(1 for token in tokens(text)
               if token.keyword in _ELEMENT_WORDS or (token.kind == "other" and token.text in _ELEMENT_MARKS))


def refusal(text: str, kind: str) -> str | None:
    """Why the query (kind "query") or update ("update") is not run here, or None."""
    reading = oxigraph_reading(text)
    # each level needs a character of its own: few of them, and nothing can nest deep
    if sum(map(reading.count, "({[!^-+")) > MAX_NESTING and nesting(reading) > MAX_NESTING:
        return f"the {kind} is nested more than {MAX_NESTING} deep"
    # each element word is followed by a '{' or '(' of its own: few of these, few elements
    if sum(map(reading.count, "{(|/&")) > MAX_ELEMENTS and elements(reading) > MAX_ELEMENTS:
        return f"the {kind} has more than {MAX_ELEMENTS} groups, alternatives and filters; split it"
    if not (_MENTIONS.search(text) or _MENTIONS.search(unescaped(text))):
        return None
    parse = _parser(kind)
    try:
        tree = parse(reading)
    except RecursionError:
        return f"the {kind} mentions SERVICE or LOAD and is nested too deeply to be checked"
    except Exception as e:  # pyparsing's ParseException and whatever the grammar raises
        first_line = str(e).splitlines()[0] if str(e) else type(e).__name__
        return f"the {kind} mentions SERVICE or LOAD and could not be checked: {first_line}"
    found = forbidden_in(tree)
    if found is None and reading != text:
        try:
            found = forbidden_in(parse(text))  # the letter of the standard: escapes decoded first
        except (RecursionError, Exception):
            pass  # not a valid operation in that reading: nothing runs it that way
    return f"{found} is not allowed on this endpoint" if found else None


def _parser(kind: str):
    from rdflib.plugins.sparql import parser  # imported on first use: it takes a while
    return parser.parseQuery if kind == "query" else parser.parseUpdate


def forbidden_in(tree) -> str | None:
    """SERVICE or LOAD when the parse tree holds such a node, else None."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from pyparsing import ParseResults
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name in FORBIDDEN_NODES:
                return FORBIDDEN_NODES[node.name]
            stack.extend(node.values())
        elif isinstance(node, (ParseResults, list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return None
