"""newskg_quotes: direct quotations with their speakers and the outlets that carried them
-> doc._.quotes."""
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.symbols import ADV, AUX, NOUN, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .columns import CharIndex, Sentences, head_indices, lower_ids, lowered_lemmas, pos_ids
from .extensions import doc_text as shared_text
from . import speech_verbs as sv
from .quote_groups import described_group
from .model import Actor, Evidence, Mention, Quote
from .role_titles import is_title_word

OPENING = {"\u201c": "\u201d", '"': '"'}
OPENING_MARK = re.compile('[\u201c"]')
SPACES = re.compile(r"\s+")
SPEECH_POS = {VERB, AUX, NOUN}
ACCORDING, TO = get_string_id("according"), get_string_id("to")
MEDIA = "NewsMediaOrganization"
MIN_WORDS_WITHOUT_SPEAKER = 4      # shorter fragments need a clear speaker
AFTER_WINDOW = 8                   # tokens after a quote that may attribute it ("Smith said")


@dataclass
class _Span:
    start: int                     # the quoted words, without the marks
    end: int
    closed: bool


def _paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _quote_spans(text: str) -> list[_Span]:
    """Quoted passages; one whose closing mark is missing runs to the end of its paragraph."""
    spans, i = [], 0
    while (mark := OPENING_MARK.search(text, i)) is not None:
        i = mark.start()
        char = text[i]
        if char == '"' and i > 0 and not (text[i - 1].isspace() or text[i - 1] in "([\u2014-:"):
            i += 1
            continue
        limit = _paragraph_end(text, i + 1)
        close = text.find(OPENING[char], i + 1, limit)
        reopen = text.find(char, i + 1, limit) if char != '"' else -1
        if close >= 0 and (reopen < 0 or close < reopen):
            spans.append(_Span(i + 1, close, True))
            i = close + 1
        else:
            end = reopen if reopen >= 0 else limit
            spans.append(_Span(i + 1, end, False))
            i = end
    return [s for s in spans if text[s.start:s.end].strip()]


class _Attributor:
    """Finds who spoke a quotation, from the verbs of saying around it."""

    def __init__(self, doc: Doc, mentions: list[Mention]):
        self.doc, self.mentions = doc, mentions
        self.lemmas, self.pos, self.lowers = lowered_lemmas(doc), pos_ids(doc), lower_ids(doc)
        self.inside = [False] * len(doc)
        self._owner_of = None
        self.chars = CharIndex(doc)
        self.sentences = Sentences(doc)
        self.heads = head_indices(doc)
        self.by_token: list[Mention | None] = [None] * len(doc)
        self.first_tokens: list[int | None] = []          # each mention's, None if it has none
        for mention in mentions:
            tokens = self.chars.expand(mention.start, mention.end)
            self.first_tokens.append(tokens[0] if tokens is not None else None)
            if tokens is not None:
                for i in range(*tokens):
                    self.by_token[i] = mention

    def span(self, start_char: int, end_char: int) -> Span | None:
        """doc.char_span(start_char, end_char, alignment_mode="expand")."""
        tokens = self.chars.expand(start_char, end_char)
        return Span(self.doc, *tokens) if tokens is not None else None

    def mark_inside(self, quotes: list[_Span]) -> None:
        for q in quotes:
            tokens = self.chars.expand(q.start, q.end)
            if tokens is not None:
                for i in range(*tokens):
                    self.inside[i] = True

    # -- actors for tokens
    def recent(self, before: int, types: set[str]) -> Actor | None:
        found = None
        for mention, first in zip(self.mentions, self.first_tokens):
            if mention.start >= before:
                break
            if mention.actor.type in types and first is not None and not self.inside[first]:
                found = mention.actor
        return found

    def actor_of(self, head: Token) -> Actor | None:
        """The actor a subject or object phrase names: 'its NATO source', 'he', 'the minister'."""
        if self.by_token[head.i] is not None:
            return self.by_token[head.i].actor
        lower = head.lower_
        if lower in sv.PERSON_PRONOUNS:
            return self.recent(head.idx, {"Person"})
        if lower in sv.GROUP_PRONOUNS:
            return self.recent(head.idx, {"Organization", MEDIA, "Country", "ActorGroup"})
        for child in head.children:       # "M23's spokesman, Olivier Kazungu, told ...": the person
            if child.dep_ == "appos" and self.by_token[child.i] is not None and \
                    self.by_token[child.i].actor.type == "Person":
                return self.by_token[child.i].actor
        if lower in sv.REPRESENTATIVE_NOUNS or lower in sv.BENCH_NOUNS and not head.is_title:
            represented = self._represented(head)
            if represented is not None:
                return represented
        if lower in sv.PERSON_NOUNS and head.pos_ == "NOUN" and \
                any(c.lower_ == "the" for c in head.children):
            return self._protagonist(head.idx)      # "The runner, 27, posted a statement"
        if lower == "one":                 # "one of the sources said"
            of = [g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            if of and of[0].lower_ in sv.SOURCE_NOUNS:
                return self.actor_of(of[0])
        found = [self.by_token[t.i] for t in head.subtree if self.by_token[t.i] is not None]
        if lower in sv.SOURCE_NOUNS:
            anonymous = [m for m in found if m.actor.type == "AnonymousSource"]
            if anonymous:
                return anonymous[0].actor
            if head.tag_ in ("NNS", "NNPS") and not found:
                group = described_group(self.doc, head, self.inside)
                if group is not None:
                    return group
            return self.recent(head.idx, {"AnonymousSource"})
        people = [m for m in found if m.actor.type == "Person"]
        if people:      # "Trump's envoy Keith Kellogg": the title's holder comes last
            return people[-1 if is_title_word(lower) else 0].actor
        if head.pos_ == "PROPN":
            named = self._surname(head)
            if named:
                return named
        holder = self._titled(head)
        if holder:
            return holder
        return found[0].actor if found else None

    def _represented(self, head: Token) -> Actor | None:
        """Who a spokesperson, delegation or bench speaks for: 'its spokesperson', 'the Saudi
        delegation', 'a spokesperson for the association', 'the judges' (the court named)."""
        from kg import registry

        for child in head.children:
            if child.dep_ == "poss" and child.lower_ in ("its", "their"):
                if self._owner_of is None:
                    from .roles import owner_reader
                    self._owner_of = owner_reader(self.doc)
                return self._owner_of(child.i)
            mention = self.by_token[child.i]
            if child.dep_ in ("poss", "compound", "amod") and mention is not None \
                    and mention.actor.type != "Person":
                return mention.actor
            if child.dep_ == "amod" and not child.is_lower:
                known = registry.find(child.text)
                if known is not None and known.type == "Country":
                    return known
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "from", "by"):
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    target = self.by_token[objects[0].i]
                    if target is not None and target.actor.type != "Person":
                        return target.actor
                    if objects[0].lower_ in sv.REPRESENTATIVE_NOUNS:   # "a statement from its leadership"
                        return self._represented(objects[0])
                    return self._latest_named(objects[0].idx, objects[0].lower_)
        if head.lower_ in sv.BENCH_NOUNS:
            return self._latest_named(head.idx, "court")
        return None

    def _protagonist(self, before: int) -> Actor | None:
        """The person named most often before a position (the latest of those tied)."""
        counts: dict[str, int] = {}
        actors: dict[str, Actor] = {}
        for mention in self.mentions:
            if mention.start >= before:
                break
            if mention.actor.type == "Person":
                counts[mention.actor.key] = counts.get(mention.actor.key, 0) + 1
                actors.pop(mention.actor.key, None)
                actors[mention.actor.key] = mention.actor      # insertion order = latest last
        if not counts:
            return None
        best = max(counts.values())
        return [a for k, a in actors.items() if counts[k] == best][-1]

    def _latest_named(self, before: int, noun: str) -> Actor | None:
        """'the association' -> the latest organisation whose name holds the word."""
        found = None
        for mention in self.mentions:
            if mention.start >= before:
                break
            if mention.actor.type in ("Organization", "ActorGroup") and \
                    noun in mention.actor.name.lower().split():
                found = mention.actor
        return found

    def _surname(self, head: Token) -> Actor | None:
        """'Doe said' after 'Jane Doe': the latest person whose name includes the word."""
        found = None
        for mention in self.mentions:
            if mention.start >= head.idx:
                break
            if mention.actor.type == "Person" and head.text in mention.actor.name.split():
                found = mention.actor
        return found

    def _titled(self, head: Token) -> Actor | None:
        """'the minister said' -> the latest person the article gave that title."""
        holder = None
        for role in self.doc._.roles or []:
            if role.evidence and role.evidence.start < head.idx and \
                    head.lower_ in role.name.lower().split():
                holder = role.holder
        return holder

    # -- verbs of saying
    def speaker_of_verb(self, verb: Token, inverted: bool = False) -> tuple[Actor | None, Actor | None]:
        """(speaker, carrier) of a verb of saying; climbs from 'saying' to the clause's subject."""
        token = verb
        for _ in range(4):
            subjects = [c for c in token.children if c.dep_ in sv.SUBJECT_DEPS and not self.inside[c.i]]
            head = token.head
            if token.lemma_.lower() == "say" and token.dep_ in ("pcomp", "advcl", "xcomp") and \
                    head.lower_ == "as" and head.head.lemma_.lower() in sv.CARRYING_VERBS:
                carrier_verb = head.head
                objects = [c for c in carrier_verb.children if c.dep_ in ("dobj", "obj")]
                subj = [c for c in carrier_verb.children if c.dep_ in sv.SUBJECT_DEPS]
                speaker = self.actor_of(objects[0]) if objects else None
                carrier = self.actor_of(subj[0]) if subj else None
                return speaker, carrier
            if subjects:
                return self.actor_of(subjects[0]), None
            if token.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN"):
                return self.actor_of(head), None     # misparsed: "A statement from X ... urged"
            if token.dep_ == "pobj" or head is token:
                break
            if token.dep_ in ("advcl", "xcomp", "conj", "pcomp", "ccomp") and head.pos_ in ("VERB", "AUX", "ADP"):
                token = head
                continue
            break
        if not inverted:
            return self._sentence_subject(verb), None
        # "“…,” said Smith": the subject stands right after a finite verb, unparsed
        if verb.tag_ not in ("VBD", "VBZ", "VBP"):
            return None, None
        for t in verb.doc[verb.i + 1:min(verb.i + 3, len(verb.doc))]:
            if self.by_token[t.i] is not None and not self.inside[t.i]:
                return self.by_token[t.i].actor, None
            if t.lower_ not in ("the", "a", "an"):
                break
        return None, None

    def _sentence_subject(self, verb: Token) -> Actor | None:
        """A verb of saying the parser left without a subject ('Jane Doe, who chaired the talks,
        said ...'): the first named actor before it that is a subject in its sentence."""
        for i in range(self.sentences.bounds(verb.i)[0], verb.i):
            mention = self.by_token[i]
            if mention is not None and not self.inside[i] and self.doc[i].dep_ in sv.SUBJECT_DEPS \
                    and mention.actor.type != MEDIA:
                return mention.actor
        # "a Thai official who asked not to be named told ...": the speaker before a relative
        # clause that ends right at the verb
        for i in range(verb.i - 1, self.sentences.bounds(verb.i)[0] - 1, -1):
            mention = self.by_token[i]
            if mention is None or self.inside[i] or mention.actor.type == MEDIA:
                continue
            clause = next((c for c in self.doc[i].children if c.dep_ == "relcl"), None)
            if clause is not None and clause.right_edge.i == verb.i - 1:
                return mention.actor
            break
        # "..., KNUT's secretary general, Wanjiru Kamau, said": the name just before the verb
        i = verb.i - 1
        while i >= 0 and (self.doc[i].text == "," or self.pos[i] == ADV):
            i -= 1
        mention = self.by_token[i] if i >= 0 else None
        if mention is not None and not self.inside[i] and mention.actor.type == "Person":
            return mention.actor
        return None

    def statement_by(self, tokens: Span) -> Actor | None:
        """'A statement read out by the Saudi delegation': the agent of a statement verb."""
        for t in tokens:
            if t.dep_ == "agent" and t.head.lemma_.lower() in sv.STATEMENT_VERBS | sv.SPEECH_VERBS \
                    and not self.inside[t.i]:
                objects = [c for c in t.children if c.dep_ == "pobj"]
                if objects:
                    return self.actor_of(objects[0])
        return None

    def according_to(self, tokens: Span) -> Actor | None:
        for i in range(tokens.start, tokens.end):
            if self.lowers[i] == ACCORDING and i + 2 < len(self.doc) and self.lowers[i + 1] == TO:
                return self.actor_of(self.doc[i + 2]) or self._mention_after(i + 2, tokens.end)
        return None

    def _mention_after(self, start: int, end: int) -> Actor | None:
        for i in range(start, min(end, start + 6)):
            if self.by_token[i] is not None:
                return self.by_token[i].actor
        return None

    def speech_verbs(self, tokens: Span, nearest_last: bool) -> list[Token]:
        verbs = [self.doc[i] for i in range(tokens.start, tokens.end)
                 if self.lemmas[i] in sv.SPEECH_VERBS and self.pos[i] in SPEECH_POS
                 and not self.inside[i] and not _anonymity_clause(self.doc[i])]
        return list(reversed(verbs)) if nearest_last else verbs


ANONYMITY_WORDS = {"named", "identified", "anonymity", "authorised", "authorized", "publicly"}


def _anonymity_clause(verb: Token) -> bool:
    """'who asked not to be named', 'speaking on condition of anonymity': no saying of its own."""
    return verb.dep_ in ("relcl", "advcl", "acl") and any(
        t.lower_ in ANONYMITY_WORDS for t in verb.subtree)


def _cut_attribution(doc: Doc, attributor: _Attributor, span: _Span) -> _Span:
    """An unclosed quote ends where a reporting clause starts: '…alliance,Reuters reported'."""
    inner = attributor.span(span.start, span.end)
    if inner is None:
        return span
    for t in inner:
        if t.text != ",":
            continue
        window = doc[t.i + 1:min(t.i + 5, inner.end)]
        named = any(attributor.by_token[w.i] is not None or w.lower_ in sv.PERSON_PRONOUNS for w in window)
        if named and any(w.lemma_.lower() in sv.SPEECH_VERBS for w in window):
            return _Span(span.start, t.idx, False)
    return span


def _sentences(attributor: _Attributor, start: int, end: int, text: str) -> Span:
    """The sentences around a quote, kept within its paragraph (headlines have no full stop).
    text is doc.text, which spaCy builds anew on every access."""
    chars = attributor.chars
    first_start, _ = chars.expand(start, start + 1)
    last_start, last_end = chars.expand(max(end - 1, start), max(end, start + 1))
    para_start = text.rfind("\n", 0, start) + 1
    para_end = _paragraph_end(text, end)
    lo = attributor.sentences.bounds(first_start)[0]
    while lo < first_start and chars.starts[lo] < para_start:
        lo += 1
    hi = attributor.sentences.bounds(last_start)[1]
    while hi > last_end and chars.starts[hi - 1] >= para_end:
        hi -= 1
    return Span(attributor.doc, lo, hi)


def _lead_in(attributor: _Attributor, start: int, text: str) -> Span | None:
    """'Suspilne cited its NATO source as saying:' — the paragraph before a quote that opens one
    (text is doc.text)."""
    para_start = text.rfind("\n", 0, start) + 1
    if text[para_start:start].strip():
        return None
    before = text[:para_start].rstrip()
    if not before.endswith(":"):
        return None
    prev_start = before.rfind("\n") + 1
    return attributor.span(prev_start, len(before))


def _clean(text: str) -> str:
    return SPACES.sub(" ", text).strip().rstrip(",").strip()


def find_quotes(doc: Doc) -> list[Quote]:
    mentions = doc._.mentions or []
    attributor = _Attributor(doc, mentions)
    doc_text = shared_text(doc)
    spans = [s if s.closed else _cut_attribution(doc, attributor, s) for s in _quote_spans(doc_text)]
    attributor.mark_inside(spans)
    quotes: list[Quote] = []
    previous: tuple[Quote, int] | None = None          # the last quote and its paragraph start
    for span in spans:
        text = _clean(doc_text[span.start:span.end])
        inner = attributor.span(span.start, span.end)
        if not text or inner is None:
            continue
        sents = _sentences(attributor, span.start - 1, span.end, doc_text)
        window_end = inner.end + AFTER_WINDOW
        for t in doc[inner.end:min(window_end, sents.end)]:   # past "who asked not to be named"
            if t.dep_ == "relcl" and _anonymity_clause(t):
                window_end = max(window_end, t.right_edge.i + 4)
        after = doc[inner.end:min(window_end, sents.end)]
        after = doc[after.start:next((t.i for t in after if t.text in (".", "\u201c") or
                                      (t.text == '"' and t.i > after.start + 1)), after.end)]
        before = doc[sents.start:inner.start]
        lead_in = _lead_in(attributor, span.start - 1, doc_text)
        speaker, carrier, clear = _attribute(doc, attributor, inner, sents, before, after, lead_in)
        para_start = doc_text.rfind("\n", 0, span.start) + 1
        if speaker is None and previous is not None:
            prev_quote, prev_para = previous
            between = doc_text[prev_quote.evidence.end:span.start]
            if (prev_para == para_start or between.count("\n") <= 2 and not between.strip(" \n\u201c\"")) \
                    and not _someone_else_between(attributor, prev_quote, span.start) \
                    and not _other_named_subject(attributor, before, prev_quote.speaker):
                speaker, clear = prev_quote.speaker, prev_quote.speaker is not None
        words = len(text.split())
        if words < MIN_WORDS_WITHOUT_SPEAKER and not clear:
            continue
        if speaker is None:
            subjects = [t for t in sents if t.dep_ in sv.SUBJECT_DEPS and not attributor.inside[t.i]]
            speaker = attributor.actor_of(subjects[0]) if subjects else None
        evidence_span = doc[min(sents.start, lead_in.start if lead_in is not None else sents.start):sents.end]
        outlets = _outlets(attributor, [before, after, lead_in], speaker, carrier)
        quote = Quote(text=text, speaker=speaker,
                      evidence=Evidence(doc_text[evidence_span.start_char:evidence_span.end_char],
                                        evidence_span.start_char, evidence_span.end_char),
                      attributed_to=outlets)
        if not any(q.text == quote.text and q.speaker == quote.speaker for q in quotes):
            quotes.append(quote)
        previous = (quote, para_start)
    return quotes


def _other_named_subject(attributor: _Attributor, before: Span, speaker: Actor | None) -> bool:
    """The quote's own sentence has a named subject of its own ('Noyb called the fine welcome but
    “…”'): the quote is not the previous speaker's, even when the name is no mention."""
    for t in before:
        if t.dep_ in sv.SUBJECT_DEPS and t.pos_ == "PROPN" and not attributor.inside[t.i]:
            mention = attributor.by_token[t.i]
            if mention is None or mention.actor != speaker:
                return True
    return False


def _someone_else_between(attributor: _Attributor, previous: Quote, start: int) -> bool:
    """A sentence between two quotes names another person: the second is not the first's."""
    doc = attributor.doc
    gap = doc.char_span(previous.evidence.end, start, alignment_mode="contract")
    if gap is None:
        return False
    return any(attributor.by_token[t.i] is not None and not attributor.inside[t.i]
               and attributor.by_token[t.i].actor.type == "Person"
               and attributor.by_token[t.i].actor != previous.speaker for t in gap)


def _attribute(doc: Doc, attributor: _Attributor, inner: Span, sents: Span, before: Span,
               after: Span, lead_in: Span | None) -> tuple[Actor | None, Actor | None, bool]:
    """(speaker, carrier, clear): "“…,” Smith said", "according to X", "X confirmed “…”",
    "X said: “…”". An outlet found first ("…, Reuters reported") yields to a speaker found
    elsewhere, and becomes the carrier."""
    verbs_after = attributor.speech_verbs(after, False)
    routes = [(v, True) for v in verbs_after if v.i <= after.start + 2]
    routes.append(("according", False))
    routes += [(v, False) for v in verbs_after]
    routes += [(h, False) for h in _heads_outside(inner, attributor)
               if attributor.lemmas[h.i] in sv.SPEECH_VERBS and sents.start <= h.i < sents.end]
    routes += [(v, False) for v in attributor.speech_verbs(before, True)]
    if lead_in is not None:
        routes += [(v, False) for v in attributor.speech_verbs(lead_in, True)]
        routes.append(("statement", False))
    outlet = outlet_verb = None
    for verb, inverted in routes:
        if verb == "according":
            speaker, carrier = attributor.according_to(sents), None
        elif verb == "statement":
            speaker, carrier = attributor.statement_by(lead_in), None
        else:
            speaker, carrier = attributor.speaker_of_verb(verb, inverted)
        if speaker is None:
            continue
        if speaker.type == MEDIA and outlet is None:
            outlet, outlet_verb = speaker, verb
            continue
        if speaker.type != MEDIA and (outlet is None or _connected(verb, outlet_verb)):
            return speaker, carrier or outlet, True
    return outlet, None, outlet is not None


def _connected(verb, other) -> bool:
    """One verb governs the other: "X said, “…”, Reuters reported"."""
    if other == "according":                 # "…, according to Reuters": the whole sentence
        return True
    if not isinstance(verb, Token) or not isinstance(other, Token):
        return False
    return verb in other.ancestors or other in verb.ancestors


def _heads_outside(inner: Span, attributor: _Attributor) -> list[Token]:
    """Verbs above the quote in the parse: 'Landsbergis confirmed “no progress”'."""
    heads, seen = [], set()
    head_of, doc = attributor.heads, attributor.doc
    for i in range(inner.start, inner.end):
        head = head_of[i]
        while head not in seen and not (inner.start <= head < inner.end):
            seen.add(head)
            heads.append(doc[head])
            head = head_of[head]              # the root is its own head, and then seen
    return heads


def _outlets(attributor: _Attributor, contexts: list, speaker: Actor | None,
             carrier: Actor | None) -> list[Actor]:
    found: list[Actor] = []
    if carrier is not None and carrier.type == MEDIA:
        found.append(carrier)
    for context in contexts:
        if context is None:
            continue
        for i in range(context.start, context.end):
            mention = attributor.by_token[i]
            if mention and mention.actor.type == MEDIA and not attributor.inside[i] \
                    and mention.actor != speaker and mention.actor not in found:
                found.append(mention.actor)
    return found


@Language.component("newskg_quotes")
def quotes_component(doc: Doc) -> Doc:
    doc._.quotes = find_quotes(doc)
    return doc
