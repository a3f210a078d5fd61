"""Merging the events one article reports: the same happening found twice, what was done
at a short gathering, and speakerless remarks on a day that has a bigger event."""
from datetime import date

from .model import Event

# What one person does (a statement, a speech, a visit) is one event per person.
PERSONAL = {"Statement", "Speech", "Visit", "Appointment"}
GATHERINGS = {"Meeting", "Summit"}
# What a gathering does while it sits: its decisions, agreements, votes.
DONE_AT_GATHERINGS = {"Decision", "Agreement", "Vote", "Other"}
# A gathering this short (in days) is one sitting: what happens during it happens at it.
SHORT_GATHERING = 2


def merge(events: list[Event]) -> list[Event]:
    kept = _merge_twins(events)
    kept = _absorb_into_gatherings(kept)
    return _drop_speakerless_remarks(kept)


def _merge_twins(events: list[Event]) -> list[Event]:
    """One event per type and date (and place, when both know theirs)."""
    kept: list[Event] = []
    for ev in events:
        twin = next((k for k in kept if k.type == ev.type and k.start == ev.start and
                     (k.place is None or ev.place is None or k.place.key == ev.place.key) and
                     (k.type not in PERSONAL or not k.participants or not ev.participants or
                      set(k.participants) & set(ev.participants))), None)
        if twin is None:
            kept.append(ev)
            continue
        _fold(twin, ev)
    return kept


def _absorb_into_gatherings(events: list[Event]) -> list[Event]:
    """'At a meeting on Sunday, the eight countries agreed to ...': a decision, agreement or
    vote (or the same gathering again) dated within a gathering of a day or two, by its
    participants (or by nobody named), is what the gathering did, not a second event."""
    gatherings = [e for e in events if e.type in GATHERINGS and _days(e) is not None
                  and _days(e) <= SHORT_GATHERING]
    kept = []
    for ev in events:
        host = next((g for g in gatherings if g is not ev and _within(ev, g) and _compatible(ev, g)
                     and (ev.type in DONE_AT_GATHERINGS or ev.type == g.type)), None)
        if host is None:
            kept.append(ev)
        else:
            _fold(host, ev)
    return kept


def _drop_speakerless_remarks(events: list[Event]) -> list[Event]:
    """'Lawyers said on Wednesday that ...' with no known speaker, on a day that already has
    another event, is a reaction to that event, not a happening of its own."""
    busy = {}
    for ev in events:
        if not (ev.type == "Statement" and not ev.participants):
            busy.setdefault(ev.start, ev)
    return [ev for ev in events
            if not (ev.type == "Statement" and not ev.participants and ev.start in busy)]


def _days(ev: Event) -> int | None:
    start, end = _day(ev.start), _day(ev.end or ev.start)
    if start is None or end is None:
        return None
    return (end - start).days + 1


def _within(ev: Event, gathering: Event) -> bool:
    day, first, last = _day(ev.start), _day(gathering.start), _day(gathering.end or gathering.start)
    return None not in (day, first, last) and first <= day <= last and ev.end in (None, ev.start)


def _compatible(ev: Event, gathering: Event) -> bool:
    if ev.place and gathering.place and ev.place.key != gathering.place.key:
        return False
    return not ev.participants or not gathering.participants or \
        bool(set(ev.participants) & set(gathering.participants))


def _day(value: str | None) -> date | None:
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _fold(into: Event, ev: Event) -> None:
    into.end = into.end or ev.end
    into.place = into.place or ev.place
    into.participants += [a for a in ev.participants if a not in into.participants]
