"""Checks the hand-written position examples (training/positions/data/*.jsonl) against the schema
in training/positions/README.md and prints one line per problem, then a summary.

    python training/positions/check_data.py [FILE...]

Exit status 1 when any line has a problem.
"""
import json
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
STANCES = {"Supports", "Opposes", "Hesitant", "Conditional", "Neutral"}
SHAPES = {"wire", "analysis", "liveblog", "interview", "explainer", "digest"}
SPAN_FIELDS = ("holder_text", "cue", "proposition_text", "source_text")


def problems(example: dict) -> list[str]:
    found = []
    text = example.get("text")
    if not isinstance(text, str) or not text.strip():
        return ["no text"]
    for key in ("id", "topic", "shape"):
        if not isinstance(example.get(key), str) or not example[key]:
            found.append(f"no {key}")
    if example.get("shape") not in SHAPES:
        found.append(f"shape {example.get('shape')!r} is not one of {sorted(SHAPES)}")
    positions = example.get("positions")
    if not isinstance(positions, list):
        return found + ["positions is not a list"]
    for index, position in enumerate(positions):
        where = f"position {index}"
        if position.get("stance") not in STANCES:
            found.append(f"{where}: stance {position.get('stance')!r}")
        for key in ("holder", "holder_text", "proposition", "cue"):
            if not isinstance(position.get(key), str) or not position[key].strip():
                found.append(f"{where}: no {key}")
        for key in SPAN_FIELDS:
            value = position.get(key)
            if value is not None and (not isinstance(value, str) or value not in text):
                found.append(f"{where}: {key} {value!r} is not in the text")
        if (position.get("source") is None) != (position.get("source_text") is None):
            found.append(f"{where}: source and source_text go together")
    return found


def main(argv: list[str]) -> int:
    files = [Path(name) for name in argv] or sorted(DATA.glob("*.jsonl"))
    seen, bad, examples, stances, shapes, topics = set(), 0, 0, Counter(), Counter(), Counter()
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                example = json.loads(line)
            except json.JSONDecodeError as error:
                print(f"{where}: not JSON ({error})")
                bad += 1
                continue
            issues = problems(example)
            if example.get("id") in seen:
                issues.append(f"id {example.get('id')!r} used twice")
            seen.add(example.get("id"))
            for issue in issues:
                print(f"{where}: {issue}")
            bad += bool(issues)
            examples += 1
            shapes[example.get("shape")] += 1
            topics[example.get("topic")] += 1
            for position in example.get("positions") or []:
                stances[position.get("stance")] += 1
            if not example.get("positions"):
                stances["(none)"] += 1
    print(f"{examples} examples, {bad} with problems; {len(topics)} topics")
    print("stances:", dict(stances.most_common()))
    print("shapes:", dict(shapes.most_common()))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
