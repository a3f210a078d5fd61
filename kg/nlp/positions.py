"""Component "newskg_positions": who stands where on what (doc._.positions).

For each stance cue (kg.nlp.stance_cues) in a sentence: the holder is the subject of
the cue's verb or adjective (through xcomp, conjunction, "a paper advocating", "his
team", pronouns), expanded over coordination ("Hungary and Slovakia"); the proposition
is the cue's object or complement clause, normalised by kg.nlp.propositions. Negation,
"delaying"/"blocking" inside the proposition and conditions ("in exchange for") change
the stance; hedges ("reportedly") lower the confidence. Who the claim comes from
("the source said", "according to", "Reuters reported") goes to attributed_to.
"""
from bisect import bisect_left

from spacy.symbols import PROPN
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .columns import (CharIndex, Sentences, head_indices, indices_of, line_breaks, lower_ids,
                      lowered_lemmas, pos_ids, string_ids)
from .extensions import doc_text
from .model import Actor, Evidence, Mention, Position, Proposition, Quote
from .position_holders import (INSTITUTION_NOUNS, NameBook, is_description, is_expletive, quote_speaker,
                               reporting_subject)
from ..ids import digest, slug
from .position_labels import phrase_label
from .role_titles import country_for_demonym
from .propositions import VAGUE, normalise
from .stance_cues import (ADVOCACY, CONDITIONS, CUES, DECISIONS, DENIED, HYPOTHETICAL_MARKS, RESPECTED, STATES_OF_MIND, SUPPORT_WORDS, VERB_ONLY, DOCUMENT_NOUNS, HEDGES, NEGATIONS, PREFIX_STANCE,
                          PRONOUNS, PROXY_NOUNS, REPORTING, REVERSERS, STANCE_NOUNS, Cue,
                          by_first_word)

CUE_INDEX = by_first_word()
# "Germany supports the plan" with "supports" tagged as a noun: the verb forms of one-word cues.
VERB_FORMS = {c.phrase[0] + ("es" if c.phrase[0].endswith(("s", "sh", "ch")) else "s")
              for c in CUES if len(c.phrase) == 1 and c.stance != "Conditional"} | \
             {c.phrase[0][:-1] + "ies" for c in CUES if c.phrase[0].endswith("y")}
SUBJECTS = {"nsubj", "csubj", "expl"}
CLIMB = {"xcomp", "acomp", "conj", "aux", "auxpass", "oprd", "amod", "relcl", "attr"}
COMPLEMENTS = {"dobj", "obj", "xcomp", "ccomp", "pobj", "pcomp", "attr", "oprd", "acomp",
               "dative", "acl", "prep"}
TOPIC_PREPS = {"for", "against", "to", "of", "on", "over", "toward", "towards", "into",
               "about", "than", "with", "between", "among"}
# Verbs that pass a judgement (the verdict word decides the stance): "called X unacceptable".
VERDICT_VERBS = {"call", "describe", "label", "brand", "deem", "dismiss"}
VERDICTS = {**dict.fromkeys(
    "disproportionate irresponsible unacceptable unlawful illegal reckless unjustified "
    "unjustifiable misguided flawed dangerous excessive unfair mistake insult outrageous absurd "
    "discriminatory arbitrary counterproductive unworkable disastrous catastrophic shameful "
    "scandalous betrayal setback provocation unnecessary unconstitutional damaging harmful "
    "unrealistic inadequate insufficient disappointing regrettable".split(), "Opposes"),
    **dict.fromkeys("welcome historic positive breakthrough victory milestone vital essential "
                    "necessary fair reasonable encouraging landmark".split(), "Supports")}
NO_STANCE_POS = {"ADV", "DET", "PRON", "NUM", "PUNCT", "PART", "SCONJ", "CCONJ", "SPACE"}
NEGATED = {"Opposes": "Neutral", "Supports": "Opposes", "Hesitant": "Supports",
           "Conditional": "Conditional"}     # "would not be selected unless ...": a condition
NOT_HOLDERS = {"NewsMediaOrganization"}
CUE_IDS = string_ids(CUE_INDEX)
WORD_IDS = {w: get_string_id(w) for cue in CUES for w in cue.phrase}
PRONOUN_IDS = string_ids(PRONOUNS)
HYPOTHETICAL_MARK_IDS = string_ids(HYPOTHETICAL_MARKS)
HEDGE_IDS = string_ids(HEDGES)
EVALUATING = {"call", "describe", "deem", "consider", "brand", "label", "term"}
QUOTE_MARKS = {"“", "”", '"', "‘", "’", "'"}
BOUNDARY = {",", ".", ";", ":", "“", "”", '"', "(", ")", "—", "–"}


@Language.component("newskg_positions")
def find_positions(doc: Doc) -> Doc:
    doc._.positions = PositionFinder(doc).run()
    return doc


def units(doc: Doc, breaks: list[int] | None = None):
    """Sentences, split again at paragraph breaks the parser ran over (breaks: the
    line-break tokens, kg.nlp.columns.line_breaks)."""
    if breaks is None:
        breaks = line_breaks(doc)
    sentences = Sentences(doc)
    for sent_start, sent_end in zip(sentences.starts, sentences.ends):
        start = sent_start
        for i in breaks[bisect_left(breaks, sent_start):bisect_left(breaks, sent_end)]:
            if i > start:
                yield Span(doc, start, i)
            start = i + 1
        if start < sent_end:
            yield Span(doc, start, sent_end)


class PositionFinder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.mentions: list[Mention] = list(doc._.mentions or [])
        self.quotes: list[Quote] = list(doc._.quotes or [])
        self.home = {r.holder.key: r.of for r in (doc._.roles or [])
                     if r.of is not None and r.of.type == "Country"}
        self.at: dict[int, Mention] = {}
        self.span_of: dict[int, tuple[int, int]] = {}     # id(mention) -> its token range
        self.kinds: dict[int, set[str]] = {}               # id(mention) -> kind_words
        chars = CharIndex(doc)
        for m in self.mentions:
            tokens = chars.expand(m.start, m.end)
            if tokens is not None:
                self.span_of[id(m)] = tokens
                for i in range(*tokens):
                    self.at.setdefault(i, m)
        self.known: list[Proposition] = []
        self.names = NameBook(self.mentions)
        # Each token's lower-case form (as an id) and lower-cased lemma: the scans look at
        # every token.
        self.lower_ids, self.pos = lower_ids(doc), pos_ids(doc)
        self.lemmas = lowered_lemmas(doc)
        self.heads = head_indices(doc)
        self.hypothetical_heads: set[int] | None = None      # made when a cue is found
        self.stance_nouns: list[int] | None = None            # tokens lemmatised "stance", ...
        # Tokens where a cue may start: its first word as written or as lemma.
        self.cue_starts = [i for i, (lower, lemma) in enumerate(zip(self.lower_ids, self.lemmas))
                           if lower in CUE_IDS or lemma in CUE_INDEX]
        self.sources_in: dict[tuple[int, int], list[Actor]] = {}

    # ---- driving -------------------------------------------------------------------
    def run(self) -> list[Position]:
        found: dict[tuple, Position] = {}
        for unit in units(self.doc):
            if not self.may_hold(unit):
                continue
            for position in self.in_unit(unit):
                key = (position.holder.key, position.stance, position.proposition.key)
                if key not in found:
                    found[key] = position
        return list(found.values())

    def may_hold(self, unit: Span) -> bool:
        """The unit has a word that may name a holder: a mention, a pronoun, a proper noun."""
        lowers, pos, at = self.lower_ids, self.pos, self.at
        lemmas = self.lemmas
        return any(i in at or lowers[i] in PRONOUN_IDS or pos[i] == PROPN
                   or lemmas[i] in INSTITUTION_NOUNS           # "the union wants ..."
                   for i in range(unit.start, unit.end))

    def in_unit(self, unit: Span) -> list[Position]:
        out, used = [], set()
        for cue, tokens in self.cues(unit):
            anchor = tokens[cue.anchor]
            if anchor.i in used:
                continue
            used.add(anchor.i)
            out.extend(self.from_cue(unit, cue, tokens, used))
        out.extend(self.from_stance_nouns(unit))
        out.extend(self.from_verdicts(unit, used))
        return out

    def cues(self, unit: Span):
        free = unit.start              # the first token no cue found so far covers
        starts = self.cue_starts
        for i in starts[bisect_left(starts, unit.start):bisect_left(starts, unit.end)]:
            if i < free:
                continue
            match = self.longest_cue(i, unit.end)
            if match:
                cue, n = match
                tokens = [self.doc[k] for k in range(i, i + n)]
                if self.plausible(cue, tokens) and not self.hypothetical(cue, tokens, unit):
                    yield cue, tokens
                    free = i + n

    def longest_cue(self, i: int, end: int) -> tuple[Cue, int] | None:
        """The longest cue (and its length) written from token i on, before end."""
        match = None
        for word in {self.doc[i].lower_, self.lemmas[i]}:
            for cue in CUE_INDEX.get(word, ()):
                n = len(cue.phrase)
                if (match is None or n > len(match[0].phrase)) and self.spells(cue, i, end):
                    match = (cue, n)
        return match

    def spells(self, cue: Cue, start: int, end: int) -> bool:
        """The cue's words (each as written or as lemma) from token start on, before end."""
        if start + len(cue.phrase) > end:
            return False
        lowers, lemmas = self.lower_ids, self.lemmas
        for k, word in enumerate(cue.phrase, start):
            if WORD_IDS[word] != lowers[k] and word != lemmas[k]:
                return False
        return True

    def plausible(self, cue: Cue, tokens: list[Token]) -> bool:
        anchor = tokens[cue.anchor]
        if cue.stance == "Conditional":      # "unless" (SCONJ): the clause it opens decides
            return True
        if len(cue.phrase) > 1:
            return True
        if anchor.lower_ == "against":
            return anchor.head.lemma_ == "be"
        if cue.phrase[0] in VERB_ONLY:      # "respected the court's decision"
            return anchor.pos_ == "VERB" and any(
                c.dep_ in ("dobj", "obj") and self.lemmas[c.i] in RESPECTED for c in anchor.children)
        if cue.phrase == ("vote",):         # "voted (on Tuesday) to stop issuing permits"
            return anchor.pos_ == "VERB" and any(c.dep_ == "xcomp" for c in anchor.children)
        if cue.phrase == ("agree",):        # "agreed (on Friday) to extend X", "agreed on X"
            return anchor.pos_ == "VERB" and any(
                c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in ("to", "on")
                                      and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children))
                for c in anchor.children)
        if self.misread_verb(anchor):
            return True
        verb_like = any(c.dep_ in ("nsubj", "dobj") for c in anchor.children)
        if anchor.lower_ == "back" and anchor.pos_ in ("ADV", "ADP"):
            return verb_like                   # "X and Y back/ADV the request"
        return not (anchor.pos_ in NO_STANCE_POS or anchor.dep_ == "compound")

    def misread_verb(self, anchor: Token) -> bool:
        """A cue verb the tagger read as a noun ("Spain supports/NOUN the plan")."""
        plural_back = anchor.lower_ == "back" and anchor.pos_ in ("ADV", "ADP")
        if not plural_back and (anchor.pos_ not in ("NOUN", "PROPN")
                                or anchor.lower_ not in VERB_FORMS):
            return False
        before = anchor.doc[anchor.i - 1] if anchor.i > 0 else None
        after = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else None
        return before is not None and after is not None \
            and (before.i in self.at or before.pos_ == "PROPN") \
            and after.pos_ in ("DET", "PROPN", "ADJ", "NOUN", "VERB", "PRON", "NUM")

    def hypothetical(self, cue: Cue, tokens: list[Token], unit: Span) -> bool:
        """A cue inside an "if"/"unless"/"whether" clause states no one's stance."""
        if cue.stance == "Conditional":
            return False
        if self.hypothetical_heads is None:
            self.hypothetical_heads = self.find_hypothetical_heads()
        i = tokens[cue.anchor].i
        for _ in range(8):
            if i in self.hypothetical_heads:
                return True
            head = self.heads[i]
            if head == i or not (unit.start <= head < unit.end):
                return False
            i = head
        return False

    def find_hypothetical_heads(self) -> set[int]:
        """The words with an "if"/"unless"/"whether" marker among their children."""
        return {self.heads[i] for i in indices_of(self.lower_ids, HYPOTHETICAL_MARK_IDS)
                if self.doc[i].dep_ == "mark"}

    # ---- one cue -------------------------------------------------------------------
    def from_cue(self, unit: Span, cue: Cue, tokens: list[Token], used: set) -> list[Position]:
        anchor = tokens[cue.anchor]
        phrase_ids = {t.i for t in tokens}
        misread = len(tokens) == 1 and self.misread_verb(anchor)
        is_noun = anchor.pos_ in ("NOUN", "PROPN") and len(tokens) == 1 and not misread
        if cue.stance == "Conditional":
            anchor = self.conditioned_verb(anchor)
            if anchor is None or anchor.i in used:
                return []
            used.add(anchor.i)
        holder_tok = self.noun_holder(anchor) if is_noun else self.subject(anchor)
        if holder_tok is not None and holder_tok.i < unit.start:
            holder_tok = self.opening_actor(unit)    # the parse ran over a paragraph break
        if misread:
            holder_tok = anchor.doc[anchor.i - 1]
        holders = []
        if holder_tok is not None and is_expletive(holder_tok):
            speaker = reporting_subject(holder_tok)   # "X said it was too early to say"
            holders = self.actors_for(speaker) if speaker is not None else []
            holder_tok = holder_tok if holders else None
        elif holder_tok is not None and is_description(holder_tok):
            speaker = reporting_subject(holder_tok)   # "X said the province was not ready"
            holders = self.actors_for(speaker) if speaker is not None else []
        if not holders and holder_tok is not None:
            holders = self.actors_for(holder_tok)
        guessed = False
        if holder_tok is None and not is_noun and cue.stance != "Conditional":
            holders, guessed = self.nearest_before(unit, tokens[0]), True
        if cue.stance == "Conditional":
            holders = holders or self.clause_speaker(anchor)
            used.add(anchor.i)
        holders = [self.represented(h) for h in holders if h.type not in NOT_HOLDERS]
        if not holders:
            return []
        comp = (sorted(self.doc[i] for i in self.window_after(unit, anchor)) if misread
                else self.proposition_tokens(unit, cue, tokens, phrase_ids, anchor))
        if anchor.dep_ == "relcl" and (
                any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("which", "that")
                    for c in anchor.children)       # "a condition X has rejected"
                or (anchor.pos_ == "VERB" and not any(c.dep_ in ("dobj", "obj", "xcomp", "ccomp")
                                                      for c in anchor.children))):
            inner = {t.i for t in anchor.subtree}   # "the merger, which X blocked": the merger
            comp = [t for t in anchor.head.subtree if t.i not in inner]
        if not comp and cue.phrase[0] == "warn" and "that" in cue.phrase:
            return []
        used.update(t.i for t in comp)      # "not ready to *back* a cut": one stance, not two
        stance, confidence = cue.stance, cue.strength
        if stance == "Opposes" and self.denial(comp):
            return []                         # "rejects the accusation": a denial, no policy
        if self.neither_nor(anchor):          # "neither condemned nor endorsed the strike"
            used.update(t.i for t in anchor.conjuncts)
            used.add(anchor.head.i)
            stance = "Neutral"
            comp = [t for t in comp if t.i not in {c.i for c in anchor.conjuncts}
                    and t.lower_ not in ("nor", "neither")]
            return self.finish(unit, cue, anchor, holders, stance, confidence, comp, guessed)
        if cue.stance == "Hesitant" and "short" in cue.phrase and self.supportive_top(comp):
            stance = "Neutral"                # "stopped short of endorsing X": no endorsement
            top = min(comp, key=lambda t: (t.head.i in {c.i for c in comp} and t.head.i != t.i, t.i))
            comp = [t for t in comp if t.i != top.i]
            return self.finish(unit, cue, anchor, holders, stance, confidence, comp, guessed)
        decided = cue.stance == "Supports" and cue.phrase[0] in DECISIONS
        reverser = None if decided else self.reverser(comp)
        if reverser is not None:
            used.add(reverser.i)
            inner = REVERSERS[reverser.lemma_.lower()]
            if stance != "Conditional":       # "only if ... suspend X": the label keeps it
                stance = {"Supports": inner, "Opposes": "Supports",
                          "Hesitant": "Supports"}.get(stance)
                comp = [t for t in comp if t.i != reverser.i]
        if self.negated(anchor, phrase_ids):
            stance, confidence = NEGATED.get(stance), confidence * 0.7
            if cue.phrase[0] in ADVOCACY and stance == "Opposes":
                stance = "Neutral"            # "did not call for X"
        elif stance == "Supports" and (self.negated_inside(comp) or self.against_inside(comp)):
            stance = "Opposes"                # "urged X not to make concessions", "a motion against X"
        if stance is None:
            return []
        if stance == "Supports" and self.conditioned(anchor, comp):
            stance = "Conditional"
        return self.finish(unit, cue, anchor, holders, stance, confidence, comp, guessed)

    def finish(self, unit, cue, anchor, holders, stance, confidence, comp, guessed) -> list[Position]:
        confidence *= self.hedging(anchor)
        if guessed:
            confidence *= 0.85
        applicant = holders[0] if holders[0].type == "Country" else self.home.get(holders[0].key)
        keys = {h.key for h in holders}
        mentions = [m for m in self.mentions if m.actor.key not in keys or m.actor == applicant]
        prop = normalise(comp, mentions, applicant, tuple(self.known), holders[0])
        if prop is None:
            prop = self.topic() or self.unresolved(comp)
            confidence *= 0.8
            if prop is None:
                return []
        prop = next((k for k in self.known if k.key == prop.key), prop)
        self.known.append(prop)
        return self.positions(unit, holders, stance, prop, confidence)

    def positions(self, unit, holders, stance, prop, confidence) -> list[Position]:
        evidence = self.evidence(unit)
        quote = self.quote_in(unit)
        unit_sources = self.sources(unit)
        out = []
        together = {h.key for h in holders}         # "X and Y said": neither is the other's source
        for holder in holders:
            sources = [a for a in unit_sources if a.key not in together]
            if quote is not None:
                sources += [a for a in quote.attributed_to if a.key not in together]
            unique = list({a.key: a for a in sources}.values())
            out.append(Position(holder, stance, prop, evidence, unique,
                                quote,
                                round(max(0.05, min(1.0, confidence)), 2)))
        return out

    def from_stance_nouns(self, unit: Span) -> list[Position]:
        """"reiterated Budapest's long-standing anti-Ukrainian stance"."""
        out = []
        if self.stance_nouns is None:
            self.stance_nouns = indices_of(self.lemmas, STANCE_NOUNS)
        nouns = self.stance_nouns
        for i in nouns[bisect_left(nouns, unit.start):bisect_left(nouns, unit.end)]:
            tok = self.doc[i]
            if tok.pos_ != "NOUN":
                continue
            stance = None
            for left in tok.doc[max(unit.start, tok.i - 5):tok.i]:
                head = left.lower_.split("-")[0]
                if head in PREFIX_STANCE and left.head.i in (tok.i,) + tuple(c.i for c in tok.lefts):
                    stance = PREFIX_STANCE[head]
                elif head in PREFIX_STANCE and left.nbor(1).text == "-":
                    stance = PREFIX_STANCE[head]
            if stance is None:
                continue
            holder_toks = [self.noun_holder(tok)]
            if tok.dep_ in ("dobj", "obj"):                  # "X reiterated Y's stance"
                holder_toks.append(self.subject(tok.head))
            holders = [h for t in holder_toks if t is not None for h in self.actors_for(t)
                       if h.type not in NOT_HOLDERS]
            holders = list({h.key: h for h in holders}.values())
            prop = self.topic()
            if holders and prop is not None:
                out.extend(self.positions(unit, holders, stance, prop, 0.65 * self.hedging(tok)))
        return out

    def from_verdicts(self, unit: Span, used: set) -> list[Position]:
        """"called the move disproportionate", "described the deal as a breakthrough": a
        judgement on what the verb names."""
        out = []
        for verb in unit:
            if verb.pos_ != "VERB" or self.lemmas[verb.i] not in VERDICT_VERBS or verb.i in used:
                continue
            target = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
            verdicts = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "attr")]
            verdicts += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                         for p in c.children if p.dep_ == "pobj"]
            stance = next((VERDICTS[self.lemmas[v.i]] for v in verdicts
                           if self.lemmas[v.i] in VERDICTS), None)
            if target is None or stance is None or self.negated(verb, {verb.i}):
                continue
            holder = self.subject(verb)
            holders = [h for h in (self.actors_for(holder) if holder is not None else [])
                       if h.type not in NOT_HOLDERS]
            if not holders:
                continue
            used.add(verb.i)
            comp = sorted(target.subtree, key=lambda t: t.i)
            cue = Cue(stance, 0.8, (self.lemmas[verb.i],))
            out.extend(self.finish(unit, cue, verb, holders, stance, 0.8, comp, False))
        return out

    def denial(self, comp: list[Token]) -> bool:
        ids = {t.i for t in comp}
        tops = [t for t in comp if t.head.i not in ids or t.head.i == t.i]
        return bool(tops) and self.lemmas[tops[0].i] in DENIED

    @staticmethod
    def neither_nor(anchor: Token) -> bool:
        """"neither condemned nor endorsed": the first of two cues under "neither"."""
        return any(c.lower_ == "neither" and c.dep_ in ("preconj", "cc", "det", "advmod")
                   for c in anchor.children) and any(
            any(c.lower_ == "nor" for c in conj.children) or conj.i > anchor.i
            for conj in anchor.conjuncts)

    def supportive_top(self, comp: list[Token]) -> bool:
        """The phrase opens with a verb of support ("endorsing the penalty")."""
        ids = {t.i for t in comp}
        tops = [t for t in comp if t.head.i not in ids or t.head.i == t.i]
        return bool(tops) and tops[0].pos_ in ("VERB", "NOUN") \
            and self.lemmas[tops[0].i] in SUPPORT_WORDS

    # ---- holders -------------------------------------------------------------------
    def subject(self, tok: Token, depth: int = 0) -> Token | None:
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
        if len(subjects) > 1:                   # "her rival/nsubj Villacorta/nsubj refused"
            subjects.sort(key=lambda c: c.i not in self.at)
        if subjects:
            return subjects[0]
        if self.lemmas[tok.i] in STATES_OF_MIND:       # "she was not convinced that ...",
            patient = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if patient is not None:                    # "it was disappointed by the ruling"
                return patient
        for child in tok.children:
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if depth > 4 or tok.head.i == tok.i:
            return None
        if tok.dep_ in CLIMB or (tok.dep_ == "dobj" and tok.pos_ == "VERB"):
            return self.subject(tok.head, depth + 1)
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in DOCUMENT_NOUNS:
            return self.noun_holder(tok.head, depth + 1)
        if tok.dep_ == "pcomp" and tok.head.lower_ == "of":       # "stopped short of X-ing"
            return self.subject(tok.head.head, depth + 1)
        return None

    def noun_holder(self, tok: Token, depth: int = 0) -> Token | None:
        """The holder of a noun cue: "Germany's support", "his priority is ...",
        "presented ..., with X as a cornerstone", "a paper (he wrote) advocating"."""
        for child in tok.children:
            if child.dep_ == "poss":
                return child
        by = self.by_whom(tok)
        if by is not None:
            return by
        if any(c.lower_ == "no" for c in tok.children) and tok.dep_ == "attr":
            return None
        node = tok
        for _ in range(6):
            if node.head.i == node.i:
                return None
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                return self.subject(node, depth + 1)
        return None

    def by_whom(self, noun: Token) -> Token | None:
        """"with the backing of X", "a statement from X": the actor the noun comes from."""
        lemma = self.lemmas[noun.i]
        if lemma in DOCUMENT_NOUNS:
            preps = ("from", "by")
        elif noun.dep_ == "pobj" and noun.head.lower_ in ("with", "without"):
            preps = ("of", "from")
        else:
            return None
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and (obj.i in self.at or self.lemmas[obj.i] in PROXY_NOUNS
                                        or obj.lower_ in PRONOUNS):
                    return obj
        return None

    def actors_for(self, tok: Token) -> list[Actor]:
        out: dict[str, Actor] = {}
        for t in [tok, *tok.conjuncts]:
            for actor in self.actor_of(t):
                out.setdefault(actor.key, actor)
        return list(out.values())

    def actor_of(self, tok: Token) -> list[Actor]:
        if tok.i in self.at:
            return [self.at[tok.i].actor]
        speaker = quote_speaker(tok, self.quotes)
        if speaker is not None:
            return [speaker]
        if tok.lower_ in PRONOUNS:
            together = self.coordinated_antecedent(tok)
            if together:
                return together
            actor = self.resolve(tok)
            return [actor] if actor else []
        described = self.described(tok)
        if described is not None:
            return [described]
        if self.lemmas[tok.i] in DOCUMENT_NOUNS:       # "a statement from its leadership"
            author = self.by_whom(tok)
            if author is not None:
                return self.actor_of(author)
        named = self.names.find(tok)
        if named is not None:
            return [named]
        for appos in (c for c in tok.children if c.dep_ == "appos"):   # "his party, X,"
            if appos.i in self.at or self.names.find(appos) is not None:
                return self.actor_of(appos)
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        named = [self.at[t.i].actor for t in tok.subtree    # "Trump's envoy ... Keith Kellogg"
                 if t.i in self.at and t.i < tok.head.i and self.at[t.i].actor.type == "Person"
                 and (poss is None or t.i not in {p.i for p in poss.subtree})]
        if named:
            return named[-1:]
        if tok.lemma_.lower() in PROXY_NOUNS and poss is not None:
            return self.actor_of(poss)
        if tok.lemma_.lower() in PROXY_NOUNS:         # "the Irish government"
            for mod in tok.lefts:
                if mod.dep_ in ("amod", "compound") and mod.i in self.at \
                        and self.at[mod.i].actor.type in ("Country", "Organization"):
                    return [self.at[mod.i].actor]
        if tok.lemma_.lower() in PROXY_NOUNS or tok.lower_ in PROXY_NOUNS:
            for prep in (c for c in tok.children if c.lower_ in ("of", "from", "at")):
                for obj in (c for c in prep.children if c.dep_ == "pobj" and c.i in self.at):
                    if self.at[obj.i].actor.type != "Person":    # "representatives of X"
                        return [self.at[obj.i].actor]
        people = [self.at[t.i].actor for t in tok.subtree
                  if t.i in self.at and t.i < tok.head.i and self.at[t.i].actor.type == "Person"]
        return people[-1:]

    def described(self, tok: Token) -> Actor | None:
        """"the union", "the commission", "the rebels", "Kamau's union": the latest
        organisation named earlier in the article whose name or description has that noun."""
        if tok.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") and
                                         (c.lower_ == "the" or c.dep_ == "poss")
                                         for c in tok.lefts):
            return None
        for c in tok.lefts:                 # "Kamau's union" names a person, not the union
            if c.dep_ == "poss" and c.i in self.at and self.at[c.i].actor.type == "Person":
                continue
            if c.pos_ == "PROPN" or c.i in self.at:
                return None
        kind = self.lemmas[tok.i]
        for m in reversed(self.mentions):
            if m.end > tok.idx or m.actor.type in ("Person", "NewsMediaOrganization",
                                                    "AnonymousSource"):
                continue
            if kind in self.kind_words(m):
                return m.actor
        return None

    def kind_words(self, m: Mention) -> set[str]:
        """The nouns a mention's name and description use ("Kenya National Union of
        Teachers": union, teacher; "the M23 rebel movement": rebel, movement)."""
        key = id(m)
        if key in self.kinds:
            return self.kinds[key]
        words = {w.rstrip("s") if len(w) > 3 else w
                 for w in (m.actor.name + " " + m.text).lower().replace("'", " ").split()}
        words |= {w + "s" for w in words}
        tokens = self.span_of.get(key)
        if tokens is not None:
            doc = self.doc
            words.update(self.lemmas[i] for i in range(*tokens))
            root = doc[tokens[1] - 1]
            while tokens[0] <= root.head.i < tokens[1] and root.head.i != root.i:
                root = root.head
            described = []
            if root.dep_ in ("compound", "nmod", "amod", "appos"):
                described.append(root.head)            # "the M23 rebel movement"
            described += [c for c in root.children if c.dep_ == "appos"]   # "X, the federation"
            for noun in described:
                if noun.pos_ == "NOUN":
                    words.add(self.lemmas[noun.i])
                    words.update(self.lemmas[c.i] for c in noun.lefts
                                 if c.dep_ in ("compound", "amod") and c.pos_ == "NOUN")
        self.kinds[key] = words
        return words

    def resolve(self, pronoun: Token) -> Actor | None:
        want = PRONOUNS[pronoun.lower_]

        def fits(actor: Actor) -> bool:
            if actor.type in ("AnonymousSource", "NewsMediaOrganization"):
                return False
            return {"Person": actor.type == "Person", "Thing": actor.type != "Person"}.get(want, True)

        for anc in pronoun.ancestors:
            for child in anc.children:
                if child.dep_ in SUBJECTS and child.i < pronoun.i and child.i in self.at:
                    if fits(self.at[child.i].actor):
                        return self.at[child.i].actor
                if child.dep_ in SUBJECTS and child.i < pronoun.i and want == "Thing":
                    actor = self.described(child)    # "the commission insists it has ..."
                    if actor is not None:
                        return actor
        before = [m for m in self.mentions
                  if m.end <= pronoun.idx and pronoun.idx - m.end < 400 and fits(m.actor)]
        if not before:
            return None
        for m in reversed(before[-4:]):    # the last main-clause subject before ("X, to
            if self.main_subject(m):         # which Y is affiliated, ... Its leadership")
                return m.actor
        return before[-1].actor

    def opening_actor(self, unit: Span) -> Token | None:
        """The actor a unit opens with ("Helena Vasconcelos, the governor, rejected ..."): its
        subject, when the parse tied the unit to the paragraph before."""
        i = unit.start
        while i < unit.end and self.doc[i].lower_ in ("the", "a", "an"):
            i += 1
        if i not in self.at:
            return None
        while i + 1 < unit.end and self.at.get(i + 1) is self.at[i]:
            i += 1
        return self.doc[i]

    def represented(self, actor: Actor) -> Actor:
        """Officials who speak for a country the article names hold its position: "Icelandic
        officials said it was too early" is Iceland's hesitation (attributed to them)."""
        if actor.type != "AnonymousSource":
            return actor
        for word in (w for form in (actor.name, *actor.aliases) for w in form.split()):
            country = country_for_demonym(word)
            if country is None:
                continue
            for m in self.mentions:
                if m.actor.name == country:
                    return m.actor
        return actor

    def coordinated_antecedent(self, pronoun: Token) -> list[Actor]:
        """"The UK and Iceland said *they* were not ready": every conjunct of the subject of
        the clause the plural pronoun sits in."""
        if PRONOUNS[pronoun.lower_] != "Any":
            return []
        for anc in pronoun.ancestors:
            for child in anc.children:
                if child.dep_ in SUBJECTS and child.i < pronoun.i and child.conjuncts:
                    found = self.actors_for(child)
                    if len(found) > 1:
                        return found
        return []

    def main_subject(self, m: Mention) -> bool:
        tokens = self.span_of.get(id(m))
        if tokens is None:
            return False
        root = self.doc[tokens[1] - 1]
        for _ in range(4):
            if tokens[0] <= root.head.i < tokens[1] and root.head.i != root.i:
                root = root.head
        return root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT"

    def nearest_before(self, unit: Span, cue: Token) -> list[Actor]:
        """When the parse gives no subject: the actors right before the cue, with no verb or
        clause break between ("Hungary and Slovakia, under ... leadership, oppose")."""
        for tok in reversed(unit.doc[unit.start:cue.i]):
            if tok.i in self.at:
                first = tok
                while first.dep_ == "conj" and first.head.i != first.i:
                    first = first.head
                if first.dep_ in ("pobj", "poss", "compound", "amod", "dobj", "nmod", "attr"):
                    return []
                return self.actors_for(tok)
            if tok.pos_ in ("VERB",) or tok.text in {";", ":", "“", "”", '"'}:
                return []
        return []

    def clause_speaker(self, tok: Token) -> list[Actor]:
        for anc in tok.ancestors:
            for subj in (c for c in anc.children if c.dep_ in SUBJECTS):
                found = self.actors_for(subj)
                if found:
                    return found
        return []

    # ---- proposition ----------------------------------------------------------------
    def proposition_tokens(self, unit: Span, cue: Cue, tokens: list[Token],
                           phrase_ids: set, anchor: Token) -> list[Token]:
        if cue.stance == "Conditional":
            return self.conditioned_clause(anchor, phrase_ids)
        if cue.phrase[0] == "warn" and "that" in cue.phrase:
            return self.warned_of(unit, anchor)
        picked: set[int] = set()
        if any(c.dep_ in ("auxpass", "agent") for c in anchor.children) \
                and self.lemmas[anchor.i] not in STATES_OF_MIND:
            # passive: "the deal was backed by X", "a move supported by X"
            patient = next((c for c in anchor.children if c.dep_ == "nsubjpass"), None)
            if patient is None and anchor.dep_ == "acl":
                patient = anchor.head
                return [patient] if patient.lemma_.lower() not in VAGUE else []
            return [t for t in patient.subtree if unit.start <= t.i < unit.end] if patient else []
        if anchor.head.lemma_.lower() in EVALUATING and anchor.dep_ in ("dobj", "oprd", "ccomp", "xcomp"):
            # "called the fine welcome": what is called so
            others = [c for c in anchor.head.children if c.dep_ in ("dobj", "nsubj") and c.i != anchor.i
                      and c.i > anchor.head.i]
            picked = ({t.i for c in others for t in c.subtree} if others else
                      {t.i for c in anchor.lefts if c.dep_ in ("det", "amod", "compound", "poss")
                       for t in c.subtree})
            if picked:
                return [unit.doc[i] for i in sorted(picked) if unit.start <= i < unit.end]
        if anchor.pos_ in ("NOUN", "PROPN"):
            picked = self.noun_complement(anchor)
        for tok in tokens if not picked else ():
            for child in tok.children:
                if child.i in phrase_ids or child.i < anchor.i or not self.topical(child):
                    continue
                picked.update(t.i for t in child.subtree)
        if not picked:
            picked = self.window_after(unit, tokens[-1])
        doc = unit.doc
        for i in list(picked):
            tok = doc[i]
            if tok.dep_ == "prep" and tok.head.i in picked and self.circumstantial(tok):
                picked -= {t.i for t in tok.subtree}
        return [doc[i] for i in sorted(picked)
                if unit.start <= i < unit.end and i not in phrase_ids]

    def warned_of(self, unit: Span, verb: Token) -> list[Token]:
        """"warned that the ruling would leave developers unsure": the ruling."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return []
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        # a warning about a definite measure ("the ruling would ..."), not about a trend
        # ("trade fragmentation could ...")
        if subject is not None and subject.pos_ == "NOUN" and subject.i not in self.at \
                and any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an")
                        for c in subject.lefts):
            return [t for t in subject.subtree if unit.start <= t.i < unit.end]
        return []

    def circumstantial(self, prep: Token) -> bool:
        """"in a letter", "ahead of the meeting", "on 3 December": not what is proposed."""
        if prep.lower_ in TOPIC_PREPS:
            return any(c.ent_type_ in ("DATE", "TIME") for c in prep.children)
        if prep.lower_ == "in":
            return not any(c.i in self.at and self.at[c.i].actor.type in ("Organization",)
                           for c in prep.children)
        return True

    @staticmethod
    def topical(child: Token) -> bool:
        if child.dep_ not in COMPLEMENTS:
            return False
        if child.dep_ == "prep":
            if child.lower_ not in TOPIC_PREPS:
                return False
            return not any(c.ent_type_ in ("DATE", "TIME") for c in child.children)
        return True

    def noun_complement(self, noun: Token) -> set[int]:
        head = noun.head
        if noun.dep_ in ("nsubj", "nsubjpass"):            # "his priority is to bring ..."
            return {t.i for c in head.children if c.i != noun.i and c.dep_ in
                    ("xcomp", "attr", "ccomp", "acomp") for t in c.subtree}
        if noun.dep_ == "pobj" and head.lower_ in ("with", "without") \
                and self.by_whom(noun) is not None:       # "passed with the backing of X"
            clause = head.head
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects and clause.dep_ in ("acl", "relcl"):    # "the measure, passed with"
                subjects = [clause.head]
            return {t.i for c in subjects for t in [*c.lefts, c]
                    if t.dep_ in ("det", "compound", "amod", "poss", "nummod") or t.i == c.i}
        if noun.dep_ == "pobj" and head.lower_ == "as":   # "with X as a cornerstone"
            owner = head.head
            return {t.i for t in owner.subtree if t.i not in {s.i for s in head.subtree}}
        return set()

    def window_after(self, unit: Span, last: Token) -> set[int]:
        picked = set()
        start = last.i + 1
        while start < unit.end and unit.doc[start].text in QUOTE_MARKS:
            start += 1                      # "had “fully supported” WADA’s appeal"
        for tok in unit.doc[start:unit.end]:
            if tok.text in BOUNDARY or tok.is_space:
                break
            picked.add(tok.i)
        return picked

    @staticmethod
    def conditioned_verb(cue_word: Token) -> Token | None:
        """The verb a condition ("only if ...", "when conditions are met") restricts."""
        for tok in [cue_word, *cue_word.ancestors]:
            if tok.dep_ == "advcl":
                head = tok.head        # "ready to act as soon as ...": the clause under "soon"
                while head.pos_ not in ("VERB", "AUX", "ADJ") and head.head.i != head.i \
                        and head.dep_ in ("advmod", "npadvmod", "prep"):
                    head = head.head
                return head
        return None

    def conditioned_clause(self, verb: Token, phrase_ids: set) -> list[Token]:
        """What is conditioned, without its subject, the condition, attributions
        ("according to X") or coordinated clauses of its own."""
        skip = {t.i for c in verb.children
                if c.dep_ in ("advcl", "aux", "mark", "nsubj", "punct", "cc", "conj")
                or c.lemma_.lower() in REPORTING
                or (c.dep_ == "advmod" and any(t.i in phrase_ids for t in c.subtree))
                for t in c.subtree}
        return [t for t in verb.subtree if t.i not in skip and t.i not in phrase_ids]

    @staticmethod
    def reverser(comp: list[Token]) -> Token | None:
        ids = {t.i for t in comp}
        for tok in comp:
            top = tok.head.i not in ids or tok.head.i == tok.i
            if top and tok.lemma_.lower() in REVERSERS and tok.pos_ in ("VERB", "NOUN"):
                return tok
            if top:
                break
        return None

    # ---- stance modifiers -------------------------------------------------------------
    @staticmethod
    def negated(anchor: Token, phrase_ids: set) -> bool:
        scope = list(anchor.children)
        if anchor.dep_ in ("acomp", "attr", "xcomp", "prep") or anchor.pos_ in ("ADJ", "ADP"):
            scope += list(anchor.head.children)
        return any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("det", "advmod"))
                   for c in scope if c.i not in phrase_ids)

    @staticmethod
    def negated_inside(comp: list[Token]) -> bool:
        ids = {t.i for t in comp}
        return any(t.pos_ in ("VERB", "AUX") and (t.head.i not in ids or t.head.i == t.i)
                   and any(c.dep_ == "neg" for c in t.children) for t in comp)

    @staticmethod
    def against_inside(comp: list[Token]) -> bool:
        ids = {t.i for t in comp}
        tops = [t for t in comp if t.head.i not in ids or t.head.i == t.i]
        return any(t.pos_ == "NOUN" and any(c.lower_ == "against" and c.dep_ == "prep"
                                            for c in t.children) for t in tops)

    def conditioned(self, anchor: Token, comp: list[Token]) -> bool:
        ids = {t.i for t in anchor.subtree}.union(t.i for t in comp)
        text = " " + " ".join(self.lemmas[i] for i in sorted(ids)) + " "
        return any(" " + " ".join(c) + " " in text for c in CONDITIONS)

    def hedging(self, anchor: Token) -> float:
        near = [*anchor.children, anchor.head, *anchor.head.children]
        hedges = {t.i for t in near if self.lemmas[t.i] in HEDGES or self.lower_ids[t.i] in HEDGE_IDS}
        return 0.8 ** len(hedges)

    # ---- context ----------------------------------------------------------------------
    def topic(self) -> Proposition | None:
        """The proposition the article was last talking about ("the issue", "it")."""
        return self.known[-1] if self.known else None

    def unresolved(self, comp: list[Token]) -> Proposition | None:
        """"backed the plan" with nothing earlier to say which plan: a proposition of this
        article only (its key carries the article's), labelled as written."""
        nouns = [t for t in comp if t.pos_ == "NOUN" and t.lemma_.lower() in VAGUE
                 and (t.head.i == t.i or t.head not in comp)]
        if not nouns:
            return None
        article = self.doc._.article
        scope = article.key if article is not None else digest(self.text, length=8)
        label = phrase_label(comp) or nouns[0].text
        return Proposition(slug(f"{nouns[0].lemma_.lower()}-{scope}", 80), label)

    def sources(self, unit: Span) -> list[Actor]:
        """Who the sentence's claims come from: subjects of reporting verbs, "according
        to X", "cited by X"."""
        key = (unit.start, unit.end)
        if key not in self.sources_in:
            self.sources_in[key] = self.find_sources(unit)
        return self.sources_in[key]

    def find_sources(self, unit: Span) -> list[Actor]:
        out = []
        for i in range(unit.start, unit.end):
            lemma = self.lemmas[i]
            if lemma not in REPORTING:
                continue
            tok = self.doc[i]
            if lemma in ("accord", "according"):
                for to in tok.children:
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            out += self.source_actors(obj)
                continue
            if tok.pos_ != "VERB":
                continue
            for child in tok.children:
                if child.dep_ in SUBJECTS:
                    out += self.source_actors(child)
                elif child.dep_ == "agent":
                    out += [a for c in child.children for a in self.source_actors(c)]
        return out

    def source_actors(self, tok: Token) -> list[Actor]:
        if tok.i in self.at:
            return self.actors_for(tok)
        found = {}
        for t in tok.subtree:
            if t.i not in self.at:
                continue
            if t.dep_ == "pobj" and t.head.lower_ in ("within", "in", "at", "from", "of", "inside"):
                continue
            if self.at[t.i].actor.type not in ("AnonymousSource", "NewsMediaOrganization", "Person"):
                continue
            found.setdefault(self.at[t.i].actor.key, self.at[t.i].actor)
        if tok.lower_ in PRONOUNS:
            actor = self.resolve(tok)
            if actor:
                found.setdefault(actor.key, actor)
        return list(found.values())

    def quote_in(self, unit: Span) -> Quote | None:
        start, end = unit.start_char, unit.end_char
        for quote in self.quotes:
            ev = quote.evidence
            if ev is not None and ev.start < end and start < ev.end:
                return quote
        return None

    def evidence(self, unit: Span) -> Evidence:
        text = self.text[unit.start_char:unit.end_char]
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        start = unit.start_char + lead
        return Evidence(stripped, start, start + len(stripped))
