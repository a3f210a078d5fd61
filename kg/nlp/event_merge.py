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
    kept = _merge_refinements(_merge_twins(events))
    kept = _absorb_into_gatherings(kept)
    return _drop_speakerless_remarks(kept)


def _merge_twins(events: list[Event]) -> list[Event]:
    """One event per type and date (and place, when both know theirs)."""
    kept: list[Event] = []
    for ev in events:
        twin = next((k for k in kept if k.type == ev.type and k.start == ev.start and
                     _same_place(k, ev) and
                     (k.type not in PERSONAL or not k.participants or not ev.participants or
                      set(k.participants) & set(ev.participants))), None)
        if twin is None:
            kept.append(ev)
            continue
        _fold(twin, ev)
    return kept


def _merge_refinements(events: list[Event]) -> list[Event]:
    """'the summit due next month' and 'the summit in London in May': one event told at two
    precisions. An event whose date lies within another's coarser one, of the same type, with
    places that agree (the same, or a country and a city) or participants in common, is that
    event; the more precise date stands."""
    kept = list(events)
    for coarse in sorted(events, key=lambda e: len(e.start)):
        finer = [e for e in kept if e is not coarse and e.type == coarse.type
                 and len(e.start) > len(coarse.start) and e.start.startswith(coarse.start)
                 and coarse.end is None and _same_place(coarse, e) and _same_people(coarse, e)
                 and _told_alike(coarse, e)]
        if len(finer) == 1 and coarse in kept:
            kept.remove(coarse)
            _fold(finer[0], coarse)
    return kept


def _told_alike(a: Event, b: Event) -> bool:
    """Both name their place, or both their participants, and those agree: two meetings in
    one month are otherwise two meetings."""
    if a.place is not None and b.place is not None:
        return True
    return bool(set(a.participants) & set(b.participants))


def _same_place(a: Event, b: Event) -> bool:
    if a.place is None or b.place is None or a.place.key == b.place.key:
        return True
    return _is_country(a.place) != _is_country(b.place)   # a city within the country, likely


def _is_country(place) -> bool:
    from ..registry import find
    known = find(place.name)               # a capital finds its country: only the country's own name counts
    return known is not None and known.type == "Country" and known.key == place.key


def _same_people(a: Event, b: Event) -> bool:
    return a.type not in PERSONAL or not a.participants or not b.participants or \
        bool(set(a.participants) & set(b.participants))


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
    if into.place is None or (ev.place is not None and _is_country(into.place) and not _is_country(ev.place)):
        into.place = ev.place             # the city rather than its country
    into.participants += [a for a in ev.participants if a not in into.participants]
