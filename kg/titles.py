"""What a position, role or quote says, in words, for its page's title:
"Hungary opposes inviting Ukraine to NATO", "Péter Szijjártó, Foreign Minister of Hungary",
"Péter Szijjártó: “A country at war …”"."""
from __future__ import annotations

from .namespaces import NKG, SCHEMA
from .terms import local_name

STANCE_VERBS = {"Supports": "supports", "Opposes": "opposes", "Hesitant": "is hesitant about",
                "Conditional": "conditionally supports", "Neutral": "is neutral on"}
QUOTE_WORDS = 12


def _one(props: dict, predicate) -> str | None:
    values = props.get(str(predicate), [])
    return values[0].value if values else None


def _name(iri: str | None, names: dict[str, str]) -> str | None:
    return names.get(iri) if iri else None


def position_title(props: dict, names: dict[str, str]) -> str | None:
    holder = _name(_one(props, NKG.holder), names)
    proposition = _name(_one(props, NKG.proposition), names)
    stance = _one(props, NKG.stance)
    if not (holder and proposition and stance):
        return None
    return f"{holder} {STANCE_VERBS.get(local_name(stance), local_name(stance).lower())} {proposition}"


def role_title(props: dict, names: dict[str, str]) -> str | None:
    holder = _name(_one(props, NKG.holder), names)
    role = _one(props, NKG.roleName)
    if not (holder and role):
        return None
    from .views import role_title as with_qualifier   # views imports this module
    role = with_qualifier(role, _one(props, NKG.qualifier))
    where = _name(_one(props, NKG.roleIn), names)
    return f"{holder}, {role} of {where}" if where else f"{holder}, {role}"


def quote_title(props: dict, names: dict[str, str]) -> str | None:
    text = _one(props, SCHEMA.text)
    if not text:
        return None
    words = text.split()
    short = " ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else "")
    speaker = _name(_one(props, SCHEMA.creator), names)
    return f"{speaker}: “{short}”" if speaker else f"“{short}”"


BY_TYPE = {str(NKG.Position): position_title, str(NKG.Role): role_title, str(SCHEMA.Quotation): quote_title}


def title(types: list[str], props: dict, names: dict[str, str]) -> str | None:
    for t in types:
        if t in BY_TYPE:
            return BY_TYPE[t](props, names)
    return None
