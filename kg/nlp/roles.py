"""newskg_roles: office titles given to people ("Hungarian Foreign Minister Péter Szijjártó",
"Mark Rutte, NATO's secretary general,") -> doc._.roles."""
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.ids import slug

from .columns import CharIndex, Sentences
from .extensions import doc_text
from . import role_owners as owners
from . import role_titles as titles
from .model import Actor, Evidence, Mention, Role

POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
PLACE_TYPES = {"Country", "Organization", "NewsMediaOrganization", "ActorGroup"}
NAME_PREPOSITIONS = {"for", "to", "on"}      # "envoy for Ukraine", "ambassador to the UN"
OF_PREPOSITIONS = {"of", "at", "with"}       # "chief executive of Acme", "coach at Leeds"
SKIPPABLE = {"newly", "recently", "appointed", "elected", "named", "new", "current",
             "sitting", "incumbent", "longtime", "long-time", "veteran", "the", "a", "an"}
APPOSITION_STOP = {",", ".", ";", ":", "(", ")", "\u2014", "\u2013", "--"}
# Words after which an apposition says something else than the title: "a lawyer with X who
# represented ...", "executive vice-president in charge of competition".
APPOSITION_CUT = {"who", "whom", "whose", "which", "that", "in", "since", "until", "during",
                  "between", "from", "based", "appointed", "elected", "named", "until"}
ITS = {"its", "their"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Named entities that are never part of a capitalised title ("Monday Foreign Minister").
NOT_TITLE_ENTITIES = {"GPE", "PERSON", "DATE", "TIME", "NORP", "LOC", "FAC", "EVENT",
                      "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# "the company's chief executive": the most recent actor of these types.
GENERIC_OWNERS = {"company": "Organization", "firm": "Organization", "club": "Organization",
                  "team": "Organization", "group": "Organization", "bank": "Organization",
                  "party": "Organization", "court": "Organization", "alliance": "Organization",
                  "agency": "Organization", "organisation": "Organization",
                  "organization": "Organization", "league": "Organization",
                  "association": "Organization", "union": "Organization", "body": "Organization",
                  "federation": "Organization", "coalition": "Organization",
                  "commission": "Organization", "ministry": "Organization",
                  "department": "Organization", "regulator": "Organization",
                  "institute": "Organization", "confederation": "Organization",
                  "bloc": "Organization", "committee": "Organization", "council": "Organization",
                  "authority": "Organization", "board": "Organization", "society": "Organization",
                  "foundation": "Organization", "movement": "Organization",
                  "delegation": "Country",
                  "country": "Country", "nation": "Country", "government": "Country"}
CITY_NOUNS = {"city", "town", "municipality", "capital"}


class _Title:
    """A title found next to a person, before it is turned into a Role."""

    def __init__(self):
        self.words: list[str] = []        # title words in text order
        self.suffix: list[str] = []       # "for Ukraine and Russia"
        self.of: Actor | None = None
        self.possessor: Actor | None = None   # a person: "Trump's envoy"
        self.qualifier: str | None = None

    def name(self) -> str:
        return titles.normalise(" ".join(self.words + self.suffix))

    def has_head(self) -> bool:
        return any(w.lower() in titles.TITLE_HEADS for w in self.words)


def _token_mentions(doc: Doc, mentions: list[Mention], chars: CharIndex) -> list[Mention | None]:
    by_token: list[Mention | None] = [None] * len(doc)
    for mention in mentions:
        tokens = chars.expand(mention.start, mention.end)
        if tokens is not None:
            for i in range(*tokens):
                by_token[i] = mention
    return by_token


def _country(doc: Doc, mentions: list[Mention], name: str) -> Actor:
    key = slug(name)
    for mention in mentions:
        actor = mention.actor
        if actor.type == "Country" and (actor.key == key or name in actor.aliases):
            return actor
    return Actor(key=key, name=name, type="Country")


def _recent_actor(mentions: list[Mention], before: int, actor_type: str,
                  noun: str | None = None, named_only: bool = False) -> Actor | None:
    """The latest actor of a type before a position; 'the association' prefers the latest
    whose name holds the noun."""
    found = named = None
    for mention in mentions:
        if mention.end > before:
            break
        if mention.actor.type == actor_type:
            found = mention.actor
            if noun and noun in mention.actor.name.lower().split():
                named = mention.actor
    return named if named_only else named or found


class _Scanner:
    """Reads titles around one person mention."""

    def __init__(self, doc: Doc, mentions: list[Mention], by_token: list[Mention | None]):
        self.doc, self.mentions, self.by_token = doc, mentions, by_token
        self.sentences = Sentences(doc)

    def _place_mention(self, i: int) -> Mention | None:
        mention = self.by_token[i] if i >= 0 else None
        return mention if mention and mention.actor.type in PLACE_TYPES else None

    def _named_owner(self, i: int) -> Mention | None:
        """An owner after 'of'/'at': an organisation, or a name the actor stage took for a
        person though the title says it is a body ('chief executive of Acme Cloud') when an
        organisation it names begins the same way."""
        mention = self._place_mention(i)
        if mention is not None or i < 0 or self.by_token[i] is None:
            return mention
        name = self.by_token[i].actor.name
        for other in self.mentions:
            if other.actor.type == "Organization" and name.startswith(other.actor.name + " "):
                return Mention(other.actor, self.by_token[i].text, self.by_token[i].start,
                               self.by_token[i].end)
        return None

    def _antecedent(self, i: int, actor_type: str | None = None) -> Actor | None:
        """'its leader', "the firm's partner": the organisation or country that is the subject of
        the sentence before the title (else of the sentence before it); when a scope has no
        subject, the latest one it names. A subject that names no such actor settles it: None."""
        doc = self.doc
        sent_start = self.sentences.bounds(i)[0]
        scopes = [(sent_start, i)]
        if sent_start > 0:
            scopes.append(self.sentences.bounds(sent_start - 1))
        for start, end in scopes:
            subjects = [doc[j] for j in range(start, end) if (doc[j].dep_ in SUBJECT_DEPS or
                                                              doc[j].dep_ == "ROOT" and j < i)
                        and doc[j].pos_ in ("PROPN", "NOUN") and not self._person(j)]
            if subjects:
                # the first subject that names such an actor: "Leaders of the union walked out
                # when the commission refused ... Its chief executive"
                for subject in subjects:
                    actor = self._actor_named_by(subject) or next(
                        (a for a in map(self._actor_named_by, [c for c in subject.children
                                                               if c.dep_ == "appos"]) if a), None)
                    if actor is not None and any(c.dep_ == "conj" for c in subject.children):
                        return None                # "France and Spain signed ...": no one of them
                    if actor is not None and (actor_type is None or actor.type == actor_type):
                        return actor
                    if actor is not None and subject is subjects[0]:
                        return None                # the sentence is about another kind of actor
                if start == sent_start and start < i and \
                        all(t.pos_ in ("DET", "ADJ", "NOUN", "ADP", "PRON") for t in doc[start:i]):
                    continue                       # "A statement from its leadership": the sentence before
                return None
            nearest = None
            for j in range(start, end):
                mention = self._place_mention(j)
                if mention is not None and mention.actor.type != "NewsMediaOrganization" and \
                        (actor_type is None or mention.actor.type == actor_type):
                    nearest = mention.actor
            if nearest is not None:
                return nearest
        return None

    def _person(self, i: int) -> bool:
        return self.by_token[i] is not None and self.by_token[i].actor.type == "Person"

    def _actor_named_by(self, token) -> Actor | None:
        """The organisation or country a subject names: its mention when the mention covers the
        whole name, else the capitalised name itself ('Latvia First', 'Kestrel Partners')."""
        doc = self.doc
        if token.pos_ == "NOUN" and GENERIC_OWNERS.get(token.lower_) == "Country":
            for child in token.children:                   # "Portugal's government", "the Irish government"
                if child.dep_ not in ("poss", "amod", "compound"):
                    continue
                mention = self._place_mention(child.i)
                if mention is not None and mention.actor.type != "NewsMediaOrganization":
                    return mention.actor
                country = titles.country_for_demonym(child.text) if not child.is_lower else None
                if country:
                    return _country(doc, self.mentions, country)
        if token.pos_ == "NOUN" and token.lower_ in GENERIC_OWNERS and \
                any(c.lower_ == "the" for c in token.children) and self.by_token[token.i] is None:
            # "The commission insists ...": the latest body whose name holds the noun
            return _recent_actor(self.mentions, token.idx, GENERIC_OWNERS[token.lower_],
                                 token.lower_, named_only=True)
        first = max(token.left_edge.i, self.sentences.bounds(token.i)[0])
        while first < token.i and (doc[first].pos_ == "DET" or
                                   not (doc[first].is_title or doc[first].is_upper)):
            first += 1                                     # "the centre-right National Accord"
        mention = self._place_mention(token.i)
        if mention is not None:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.start <= first:
                return mention.actor if mention.actor.type != "NewsMediaOrganization" else None
        if not (token.pos_ == "PROPN" or token.is_title) or any(self.by_token[k] is not None and
                                        self.by_token[k].actor.type == "Person"
                                        for k in range(first, token.i + 1)):
            return None
        name = doc[first:token.i + 1]
        if not all(t.is_title or t.is_upper or not t.is_alpha for t in name) or \
                any(t.ent_type_ in ("DATE", "TIME") for t in name):
            return None
        if token.pos_ != "PROPN" or any(t.ent_type_ == "PERSON" for t in name):
            # only a short form of a body the article tags ("Corvane said" after "Corvane AI")
            return owners.named_organisation(name.text, self.mentions, known_only=True)
        return owners.named_organisation(name.text, self.mentions)

    def _entity_left(self, i: int, floor: int) -> tuple[Actor, int] | None:
        """A named place or body before a title that is no mention: 'California Attorney General'."""
        doc = self.doc
        if i < floor or doc[i].ent_type_ not in ("GPE", "ORG") or doc[i].ent_iob_ == "O":
            return None
        for ent in doc.ents:
            if ent.end - 1 == i and ent.start >= floor:
                if any(titles.is_title_word(t.lower_) for t in ent):
                    return None
                actor = owners.entity_owner(ent)
                return (actor, ent.start - 1) if actor else None
        return None

    def _recent_city(self, before: int) -> Actor | None:
        """The city named last before a position: a place the model tagged that is no country."""
        for ent in reversed(self.doc.ents):
            if ent.end_char > before:
                continue
            known = titles.place_form(ent.text)         # a capital the model may call a person
            if ent.label_ != "GPE" and (known is None or known.type != "Country"):
                continue
            if known is not None and (ent.text == known.name or ent.text in known.aliases):
                continue                                 # the country itself
            if titles.country_for_demonym(ent.text) is None:
                return self._city(ent.text)
        return None

    def _recent_place(self, before: int) -> Actor | None:
        """The place named last before a position that is no country: its mention's actor, else
        a body of its name ('the state's governor' after 'sent to Ohio')."""
        for ent in reversed(self.doc.ents):
            if ent.end_char > before or ent.label_ != "GPE":
                continue
            mention = self._place_mention(ent.start)
            if mention is not None and mention.actor.type == "Country":
                continue
            if mention is None and (titles.country_for_demonym(ent.text) or (
                    (known := titles.place_form(ent.text)) is not None and known.type == "Country")):
                continue
            return mention.actor if mention is not None else self._city(ent.text)
        return None

    def _city(self, name: str) -> Actor:
        """A city as the body a mayor belongs to (not the country a capital stands for)."""
        key = slug(name)
        for mention in self.mentions:
            if mention.actor.type == "Organization" and (mention.actor.key == key or
                                                         mention.actor.name == name):
                return mention.actor
        return Actor(key=key, name=name, type="Organization")

    def frame_owner(self, sent: Span, title: _Title) -> Actor | None:
        """'In Porto, Mayor Tiago Brandao said': the place a sentence opens with owns a title of
        a city (or of a state, when the place is a country) that names no owner."""
        doc = self.doc
        start = sent.start
        while start < sent.end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        if sent.end - start < 4 or doc[start].lower_ != "in":
            return None
        ent = next((e for e in doc.ents if e.start == start + 1 and e.label_ == "GPE"), None)
        if ent is None or ent.end >= sent.end or doc[ent.end].text != ",":
            return None
        if titles.is_city_title(title.words):
            return self._city(ent.text)
        if any(w.lower() in owners.STATE_TITLE_WORDS for w in title.words):
            actor = owners.entity_owner(ent)
            return actor if actor is not None and actor.type == "Country" else None
        return None

    def _title_case_word(self, i: int, floor: int) -> bool:
        """A capitalised word inside a title written in title case: 'Natural Resources Minister'."""
        token = self.doc[i]
        opening = i == floor or i == self.sentences.bounds(i)[0]   # capitalised anyway
        if opening and not (token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("compound", "nmod")):
            return False
        return (token.is_alpha and token.is_title
                and not token.is_stop and self.by_token[i] is None
                and token.ent_type_ not in NOT_TITLE_ENTITIES
                and token.lower_ not in titles.QUALIFIERS_BEFORE and token.lower_ not in SKIPPABLE
                and titles.country_for_demonym(token.text) is None
                and titles.place_form(token.text) is None)

    def _title_case_field(self, i: int, floor: int) -> tuple[int, list[str]] | None:
        """'Minister of Affordability and Utilities' ending at token i: (head index, words after it)."""
        doc, words = self.doc, []
        k = i
        while k > floor and (self._title_case_word(k, floor) or
                             doc[k].lower_ in ("and", "&") and words and self._title_case_word(k - 1, floor)):
            words.insert(0, doc[k].text)
            k -= 1
        if words and words[0][:1].isupper() and k - 1 >= floor and doc[k].lower_ in ("of", "for") \
                and doc[k - 1].lower_ in titles.TITLE_HEADS and doc[k - 1].text[:1].isupper():
            return k - 1, [doc[k].lower_] + words
        return None

    def _owner_left(self, i: int, floor: int, title: _Title) -> int:
        """An owner written before a title, ending at token i: 'Hungarian', 'NATO', "Ukraine's"."""
        doc = self.doc
        if i < floor:
            return i
        if doc[i].lower_ in ITS:
            title.of = self._antecedent(i)
            return i - 1
        if doc[i].lower_ in POSSESSIVE and i - 1 >= floor:
            mention = self.by_token[i - 1]
            if mention is not None:
                if mention.actor.type == "Person":
                    title.possessor = mention.actor
                else:
                    title.of = mention.actor
                j = i - 1
                while j - 1 >= floor and self.by_token[j - 1] is mention:
                    j -= 1
                return j - 1
            short = owners.named_organisation(doc[i - 1].text, self.mentions, known_only=True) \
                if doc[i - 1].pos_ == "PROPN" else None
            if short is not None:                          # "Calyra's chief executive"
                title.of = short
                return i - 2
            if doc[i - 1].lower_ in titles.PLACE_OWNERS and doc[i - 1].is_lower:
                title.of = self._recent_place(doc[i - 1].idx)  # "the state's governor"
                j = i - 1
                return j - 2 if j - 1 >= floor and doc[j - 1].lower_ == "the" else j - 1
            owner_type = GENERIC_OWNERS.get(doc[i - 1].lower_)
            if owner_type:
                noun = doc[i - 1].lower_
                title.of = _recent_actor(self.mentions, doc[i - 1].idx, owner_type, noun, True) \
                    or self._antecedent(i - 1, owner_type)
                return i - 2
            j = i - 1                                      # "the port operator's": no owner known
            while j - 1 >= floor and doc[j - 1].pos_ in ("NOUN", "ADJ") and doc[j - 1].is_lower:
                j -= 1
            if doc[i - 1].pos_ == "NOUN" and doc[i - 1].is_lower and j - 1 >= floor \
                    and doc[j - 1].lower_ == "the":
                return j - 2
            return i
        mention = self._place_mention(i)
        if mention is not None:
            title.of = mention.actor
            if titles.is_city_title(title.words) and mention.actor.type == "Country" and \
                    mention.text != mention.actor.name and mention.text not in mention.actor.aliases:
                title.of = self._city(mention.text)        # "Lisbon Mayor ...", not Portugal
            j = i
            while j - 1 >= floor and self.by_token[j - 1] is mention:
                j -= 1
            return j - 1
        if titles.is_city_title(title.words) and doc[i].pos_ == "PROPN" and doc[i].is_title \
                and titles.country_for_demonym(doc[i].text) is None and self.by_token[i] is None:
            j = i                                          # "Bogotá Mayor", "New York Mayor"
            while j - 1 >= floor and i - j < 2 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].is_title:
                j -= 1
            title.of = self._city(doc[j:i + 1].text)
            return j - 1
        if i - 1 >= floor:
            country = titles.country_for_demonym(f"{doc[i - 1].text} {doc[i].text}")
            if country:
                title.of = _country(doc, self.mentions, country)
                return i - 2
        country = titles.country_for_demonym(doc[i].text)
        if country and not doc[i].is_lower:
            title.of = _country(doc, self.mentions, country)
            return i - 1
        entity = self._entity_left(i, floor)
        if entity is not None:
            title.of, i = entity
            if titles.is_city_title(title.words) and title.of.type == "Country" and \
                    doc[i + 1:self._entity_end(i + 1)].text != title.of.name:
                title.of = self._city(doc[i + 1:self._entity_end(i + 1)].text)
        return i

    def _entity_end(self, start: int) -> int:
        return next((e.end for e in self.doc.ents if e.start == start), start + 1)

    def _qualifier_left(self, i: int, floor: int, title: _Title) -> int:
        doc = self.doc
        while i >= floor:
            lower = doc[i].lower_
            if lower == "-" and i - 1 >= floor and doc[i - 1].lower_ in titles.QUALIFIERS_BEFORE:
                i -= 1
                continue
            if lower.rstrip("-") in titles.QUALIFIERS_BEFORE:
                title.qualifier = title.qualifier or titles.QUALIFIERS_BEFORE[lower.rstrip("-")]
            elif lower not in SKIPPABLE:
                break
            i -= 1
        return i

    def _core_left(self, i: int, floor: int, title: _Title) -> int:
        """Title words ending at token i ('Foreign Minister', 'President-elect', 'Minister of Defence')."""
        doc = self.doc
        words: list[str] = []
        if i - 1 >= floor and doc[i].lower_ in titles.QUALIFIERS_AFTER and doc[i - 1].text == "-":
            title.qualifier = titles.QUALIFIERS_AFTER[doc[i].lower_]
            words.append(f"-{doc[i].lower_}")
            i -= 2
        if i - 2 >= floor and doc[i].lower_ in titles.TITLE_MODIFIERS and \
                doc[i - 1].lower_ in ("of", "for") and doc[i - 2].lower_ in titles.TITLE_HEADS:
            words = [doc[i - 1].lower_, doc[i].text]       # "Secretary of State"
            i -= 2
        elif i >= floor and (field := self._title_case_field(i, floor)) is not None:
            i, words = field                               # "Minister of Affordability and Utilities"
        elif i < floor or doc[i].lower_ not in titles.TITLE_HEADS or self._place_mention(i):
            return i
        while i >= floor:
            token = doc[i]
            lower = token.lower_
            if titles.is_title_word(lower) and not self._place_mention(i):
                words.insert(0, token.text)
            elif words and words[0][:1].isupper() and self._title_case_word(i, floor) \
                    and not titles.is_city_title(words):   # "Bogotá Mayor": the city, no title word
                words.insert(0, token.text)                # "Natural Resources Minister"
            elif lower in ("and", "&") and words and words[0][:1].isupper() and i - 1 >= floor and (
                    self._title_case_word(i - 1, floor) or titles.is_title_word(doc[i - 1].lower_)):
                words.insert(0, lower)                     # "Energy and Natural Resources Minister"
            elif lower in ("of", "for") and words and words[0].lower() in titles.TITLE_MODIFIERS \
                    and i - 1 >= floor and doc[i - 1].lower_ in titles.TITLE_HEADS:
                words.insert(0, lower)                     # "Minister of Foreign Affairs"
            elif lower == "-" and words and i - 1 >= floor and titles.is_title_word(doc[i - 1].lower_):
                words[0] = doc[i - 1].text + "-" + words[0]
                i -= 2
                continue
            else:
                break
            i -= 1
        title.words = words
        return i

    def _join_hyphen_suffix(self, title: _Title) -> None:
        if title.words and title.words[-1].startswith("-") and len(title.words) > 1:
            suffix = title.words.pop()
            title.words[-1] += suffix

    def before(self, start: int, sent: Span) -> _Title | None:
        """A title written before the name, start = the name's first token."""
        doc, floor = self.doc, sent.start
        title = _Title()
        i = start - 1
        if i >= floor and doc[i].text == "," and i - 3 >= floor and doc[i - 1].pos_ == "NOUN" \
                and doc[i - 1].is_lower and doc[i - 2].lower_ in ("of", "for") \
                and doc[i - 3].lower_ in titles.TITLE_HEADS:
            title.suffix = [doc[i - 2].lower_, doc[i - 1].text]
            i -= 3                                         # "Its head of delegation, Ola Nordmann"
        elif i >= floor and doc[i].text == "," and i - 1 >= floor and (
                doc[i - 1].lower_ in titles.TITLE_HEADS or self._title_case_field(i - 1, floor)
                or self._body_token(i - 1)):
            i -= 1                                         # "Apple's chief executive, Tim Cook"
        # "envoy for Ukraine and Russia", "Minister of State at the Ministry of ..." before the name
        j = i
        while j >= floor and (self._body_token(j) or doc[j].lower_ in ("and", ",", "the")):
            j -= 1
        if j < i and j - 1 >= floor and doc[j].lower_ in NAME_PREPOSITIONS | OF_PREPOSITIONS \
                and self._ends_with_head(j - 1, floor) and self._body_token(i) \
                and not (titles.is_title_word(doc[i].lower_) and not self._body_token(i - 1)):
            if doc[j].lower_ in OF_PREPOSITIONS:
                mention = self._place_mention(i)
                title.of = mention.actor if mention is not None else next(
                    (owners.entity_owner(e) for e in doc.ents if e.start <= i < e.end), None)
            else:
                title.suffix = [t.text for t in doc[j:i + 1]]
            i = j - 1
        i = self._core_left(i, floor, title)
        self._join_hyphen_suffix(title)
        if not title.has_head():
            return None
        i = self._qualifier_left(i, floor, title)
        i = self._owner_left(i, floor, title)
        self._qualifier_left(i, floor, title)
        if title.of is None:
            title.of = self._department(title)
        return title

    def _department(self, title: _Title) -> Actor | None:
        """'Health and Human Services Secretary': a field of several title-case words, not all
        of them office words, before a department's head names the department."""
        words = title.words
        if len(words) < 3 or words[-1].lower() not in titles.DEPARTMENT_HEADS:
            return None
        field = words[:-1]
        lower = [w.lower() for w in field]
        if not all(w[:1].isupper() or w in ("and", "&") for w in field) or set(lower) & titles.RANK_WORDS:
            return None                                    # "Deputy Foreign Secretary": a rank
        if "and" not in lower and "&" not in lower and all(w in titles.TITLE_MODIFIERS for w in lower):
            return None
        return owners.named_organisation(" ".join(field), self.mentions)

    def _body_token(self, i: int) -> bool:
        """Token i names an organisation or place: a mention, or an organisation the parser found."""
        doc = self.doc
        if self._place_mention(i) is not None:
            return True
        if self.by_token[i] is not None or doc[i].ent_type_ != "ORG":
            return False
        start = i                                         # "the Ministry of ...", not "of Utilities"
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        return doc[start].lower_ == "the" or start > 0 and doc[start - 1].lower_ == "the"

    def _appositive_body(self, comma: int, sent: Span) -> Actor | None:
        """', the European Consumer Organisation' after an acronym: the body it spells out."""
        doc = self.doc
        k = comma + 1
        if comma >= sent.end or doc[comma].text != ",":
            return None
        if k < sent.end and doc[k].lower_ == "the":
            k += 1
        mention = self._place_mention(k) if k < sent.end else None
        if mention is None or mention.actor.type != "Organization":
            return None
        while k < sent.end and self.by_token[k] is mention:
            k += 1
        return mention.actor if k >= sent.end or doc[k].is_punct else None

    def _ends_with_head(self, i: int, floor: int) -> bool:
        """A title ends at token i: 'envoy', 'Minister of State'."""
        doc = self.doc
        return doc[i].lower_ in titles.TITLE_HEADS or (
            doc[i].lower_ in titles.TITLE_MODIFIERS and i - 2 >= floor and
            doc[i - 1].lower_ in ("of", "for") and doc[i - 2].lower_ in titles.TITLE_HEADS)

    def owner_after(self, end: int, sent: Span) -> Actor | None:
        """'Judge Maria Lopez of the Supreme Court': an owner right after the name."""
        i = end
        if i < sent.end and self.doc[i].lower_ in OF_PREPOSITIONS:
            i += 1
            if i < sent.end and self.doc[i].lower_ == "the":
                i += 1
            mention = self._place_mention(i) if i < sent.end else None
            if mention is not None:
                return mention.actor
        return None

    def _field_suffix(self, start: int, last: int, title: _Title) -> int:
        """'head of policy', 'director for trade': a title head, of/for, then plain words."""
        doc = self.doc
        for k in range(last - 1, start, -1):
            if self.by_token[k] is not None or not doc[k].is_alpha:
                return last
            if doc[k].lower_ in ("of", "for") and doc[k - 1].lower_ in titles.TITLE_HEADS:
                title.suffix = [t.text for t in doc[k:last + 1]]
                return k - 1
        return last

    def _generic_owner_after(self, start: int, last: int, title: _Title) -> int:
        """'secretary general of the miners' association': the latest organisation whose
        name holds the noun (else the latest of the noun's type)."""
        doc = self.doc
        owner_type = GENERIC_OWNERS.get(doc[last].lower_)
        if owner_type is None and doc[last].lower_ in CITY_NOUNS and last - 2 > start \
                and doc[last - 1].lower_ == "the" and doc[last - 2].lower_ in OF_PREPOSITIONS:
            title.of = self._recent_city(doc[last].idx)     # "a former mayor of the city"
            return last - 3 if title.of is not None else last
        if owner_type is None:
            return last
        k = last - 1
        demonym = None
        while k > start and doc[k].lower_ not in OF_PREPOSITIONS and k > last - 4:
            mention = self.by_token[k]
            if mention is not None and not (owner_type == "Country" and mention.actor.type == "Country"):
                return last
            demonym = mention.actor if mention is not None else demonym
            k -= 1
        if k <= start or doc[k].lower_ not in OF_PREPOSITIONS or doc[k + 1].lower_ != "the":
            return last
        if demonym is not None:                            # "head of the Pakistani delegation"
            title.of = demonym
            return k - 1
        title.of = _recent_actor(self.mentions, doc[k].idx, owner_type, doc[last].lower_)
        return k - 1 if title.of is not None else last

    def _free_words_left(self, i: int, floor: int, title: _Title) -> int:
        """Plain words that complete a title inside an apposition: 'chief euro-area economist',
        'senior policy officer', "the group's Europe researcher"."""
        doc = self.doc
        while i >= floor:
            token = doc[i]
            if self.by_token[i] is not None or token.lower_ in SKIPPABLE or \
                    token.lower_.rstrip("-") in titles.QUALIFIERS_BEFORE or \
                    titles.country_for_demonym(token.text):
                break
            if token.text == "-" and title.words and i - 1 >= floor and doc[i - 1].is_alpha:
                title.words[0] = doc[i - 1].text + "-" + title.words[0]
                i -= 2
                continue
            if not token.is_alpha or token.pos_ not in ("NOUN", "ADJ", "PROPN"):
                break
            title.words.insert(0, token.text)
            i -= 1
        return i

    def after(self, end: int, sent: Span) -> _Title | None:
        """An apposition after the name: 'Mark Rutte, NATO's secretary general, said'."""
        doc = self.doc
        if end >= sent.end or doc[end].text != ",":
            return None
        stop = end + 1
        while stop < sent.end and doc[stop].text not in APPOSITION_STOP and stop - end < 14 and \
                not (doc[stop].lower_ in APPOSITION_CUT and stop > end + 2):
            stop += 1
        if doc[end + 1].lower_ == "who":
            return self._relative_title(end + 1, sent)
        if stop - end >= 14 or stop == end + 1:
            return None
        phrase = doc[end + 1:stop]
        # the phrase ends with the title or with "of/at ORG"
        title = _Title()
        last = phrase.end - 1
        tail = last
        while tail >= phrase.start and self._named_owner(tail) and not self._ends_with_head(last, phrase.start):
            tail -= 1                                      # not "of State" in "Secretary of State"
        if tail < last and tail - 1 > phrase.start and doc[tail].lower_ in POSSESSIVE and \
                self._named_owner(tail - 1):               # "president of Spain's Sports Council"
            tail -= 1
            while tail >= phrase.start and self._named_owner(tail):
                tail -= 1
        unnamed = None                # "officer at BEUC, the European Consumer Organisation"
        if tail == last and self.by_token[last] is None and doc[last].ent_type_ == "ORG" \
                and not self._ends_with_head(last, phrase.start):
            unnamed = next((e for e in doc.ents if e.end == last + 1 and e.start > phrase.start), None)
            if unnamed is not None:
                tail = unnamed.start - 1
        if tail < last and tail > phrase.start and doc[tail].lower_ == "the":
            tail -= 1
        if tail < last and tail > phrase.start and doc[tail].lower_ in OF_PREPOSITIONS | NAME_PREPOSITIONS:
            if unnamed is not None:
                title.of = self._appositive_body(stop, sent) or owners.entity_owner(unnamed)
                if title.of is None:
                    return None
            elif doc[tail].lower_ in OF_PREPOSITIONS:
                title.of = self._named_owner(last).actor
            elif doc[tail].lower_ == "for" and self._named_owner(last).actor.type == "Organization" \
                    and doc[tail - 1].lower_ in titles.SPEAKING_HEADS:
                title.of = self._named_owner(last).actor   # "a spokesperson for Harbor Health"
            else:
                title.suffix = [t.text for t in doc[tail:last + 1]]
            last = tail - 1
        elif tail == last:
            last = self._generic_owner_after(phrase.start, last, title)   # "of the miners' association"
        if doc[last].lower_ not in titles.TITLE_HEADS and not title.suffix:
            last = self._field_suffix(phrase.start, last, title)   # "head of commodities research"
        i = self._core_left(last, phrase.start, title)
        self._join_hyphen_suffix(title)
        if not title.has_head():
            return None
        i = self._free_words_left(i, phrase.start, title)
        i = self._qualifier_left(i, phrase.start, title)
        of_written_after = title.of
        i = self._owner_left(i, phrase.start, title)
        if of_written_after is not None:
            title.of = of_written_after
        if title.of is None and title.suffix:
            title.of = self._spoken_for(title)             # "a spokesperson for Harbor Health System"
        i = self._qualifier_left(i, phrase.start, title)
        if i >= phrase.start:
            return None
        if title.of is None and stop < sent.end and doc[stop].lower_ in ("who", "which", "that"):
            title.of = self._relative_owner(stop, sent)
        return title

    def _spoken_for(self, title: _Title) -> Actor | None:
        """The body a title speaks for, written after 'for' in title case and untagged: it
        becomes the owner (the suffix is then dropped)."""
        words = title.suffix
        if len(words) < 2 or words[0].lower() != "for" or not title.words or \
                title.words[-1].lower() not in titles.SPEAKING_HEADS:
            return None
        name = [w for w in words[1:] if w.lower() != "the"]
        if not name or not all(w[:1].isupper() or w in ("and", "&", "of") for w in name) or \
                titles.place_form(" ".join(name)) is not None or titles.country_for_demonym(name[0]):
            return None
        title.suffix = []
        return owners.named_organisation(" ".join(name), self.mentions)

    def _relative_verb(self, who: int, sent: Span):
        """The verb of a relative clause starting at 'who', and the token after it."""
        doc = self.doc
        k = who + 1
        while k < sent.end and doc[k].pos_ in ("ADV", "AUX", "PART") and k < who + 3:
            k += 1                                       # "who currently chairs", "who has led"
        return (doc[k], k + 1) if k < sent.end and doc[k].pos_ == "VERB" else (None, k)

    def _object_owner(self, k: int, sent: Span) -> tuple[Actor | None, str | None]:
        """The owner named by the object starting at token k: 'the National Parents Association'
        (an organisation), 'the Congolese delegation' (the country of its demonym): (owner, kind)."""
        doc = self.doc
        while k < sent.end and doc[k].lower_ in ("the", "a", "an"):
            k += 1
        if k >= sent.end:
            return None, None
        mention = self._named_owner(k)
        if mention is not None:
            j = k
            while j < sent.end and self.by_token[j] is self.by_token[k]:
                j += 1
            return mention.actor, ("body" if j >= sent.end or not doc[j].is_alpha or
                                   doc[j].lower_ not in owners.REPRESENTATIVE_BODIES else "team")
        country = titles.country_for_demonym(doc[k].text) if not doc[k].is_lower else None
        if country and k + 1 < sent.end and doc[k + 1].lower_ in owners.REPRESENTATIVE_BODIES:
            return _country(doc, self.mentions, country), "team"
        return None, None

    def _relative_copula_title(self, who: int, sent: Span) -> _Title | None:
        """'Ruto, who became president in 2022', 'Odhiambo, who is Kenya's finance minister',
        'Lind, who was named envoy last year': the title the clause gives, with its owner and
        a 'former' for 'who was'."""
        doc = self.doc
        k = who + 1
        verb = None
        while k < sent.end and k < who + 4 and doc[k].pos_ in ("AUX", "VERB", "ADV", "PART"):
            lemma = doc[k].lemma_.lower()
            if lemma in titles.TITLE_VERBS or lemma in titles.APPOINTED_VERBS:
                verb = doc[k]
            k += 1
        if verb is None or (verb.pos_ == "VERB" and verb.lemma_.lower() in titles.APPOINTED_VERBS
                            and not any(c.dep_ == "auxpass" for c in verb.children)):
            return None                                    # "who appointed X": X holds it
        if k < sent.end and doc[k].lower_ == "as":
            k += 1                                         # "who serves as envoy"
        stop = k
        while stop < sent.end and doc[stop].text not in APPOSITION_STOP and stop - k < 10 and \
                doc[stop].lower_ not in ("in", "since", "until", "from", "during", "when", "after", "before"):
            stop += 1
        if stop == k:
            return None
        owner = self.owner_after(stop, sent) if stop < sent.end and doc[stop].lower_ in OF_PREPOSITIONS else None
        last = stop - 1
        title = _Title()
        split = next((j for j in range(k + 1, stop) if doc[j].lower_ in NAME_PREPOSITIONS
                      and doc[j - 1].lower_ in titles.TITLE_HEADS), None)
        if split is not None:                              # "ambassador to Peru"
            title.suffix = [t.text for t in doc[split:stop]]
            last = split - 1
        i = self._core_left(last, k, title)
        self._join_hyphen_suffix(title)
        if not title.has_head():
            return None
        i = self._free_words_left(i, k, title)
        i = self._qualifier_left(i, k, title)
        i = self._owner_left(i, k, title)
        i = self._qualifier_left(i, k, title)
        if i >= k:
            return None
        title.of = title.of or owner
        return title

    def _relative_title(self, who: int, sent: Span) -> _Title | None:
        """'Jane Doe, who chairs the Parents' Association': a title from a verb of office."""
        copula = self._relative_copula_title(who, sent)
        if copula is not None:
            return copula
        verb, k = self._relative_verb(who, sent)
        if verb is None or verb.tag_ not in ("VBZ", "VBP"):
            return None
        noun = titles.OFFICE_VERBS.get(verb.lemma_.lower())
        if noun is None:
            return None
        owner, kind = self._object_owner(k, sent)
        if owner is None or kind != "body":
            return None
        title = _Title()
        title.words, title.of = [noun], owner
        return title

    def _relative_owner(self, who: int, sent: Span) -> Actor | None:
        """'the deputy foreign minister who led the Congolese delegation': the country (or body)
        the person speaks for."""
        verb, k = self._relative_verb(who, sent)
        if verb is None or verb.lemma_.lower() not in titles.OFFICE_VERBS:
            return None
        owner, kind = self._object_owner(k, sent)
        return owner


def _evidence(sent: Span, text: str) -> Evidence:
    """text: the doc's (Span.text joins its tokens anew)."""
    return Evidence(text=text[sent.start_char:sent.end_char], start=sent.start_char, end=sent.end_char)


def _name_span(doc: Doc, mention: Mention, chars: CharIndex) -> Span | None:
    """The person's name without any title the mention happens to include."""
    tokens = chars.expand(mention.start, mention.end)
    if tokens is None:
        return None
    start, end = tokens
    while start < end - 1 and titles.is_title_word(doc[start].lower_):
        start += 1
    return doc[start:end]


def _infer_owners(roles: list[Role], possessors: list[Actor | None]) -> None:
    """Fill a missing roleIn from what the rest of the article says."""
    for role, possessor in zip(roles, possessors):
        if role.of is not None:
            continue
        if possessor is not None:          # "Trump's envoy" -> the country Trump heads
            for other in roles:
                if other.holder.key == possessor.key and other.of is not None and \
                        set(other.name.lower().split()) & titles.HEAD_OF_STATE_WORDS:
                    role.of = other.of
                    break
            continue
        if role.name.lower() in titles.ORGANISATION_TITLES:
            owners = {o.of.key: o.of for o in roles
                      if o.of is not None and o.name.lower() == role.name.lower()
                      and o.of.type != "Country"}
            if len(owners) == 1:
                role.of = next(iter(owners.values()))


def _head(name: str) -> str | None:
    """The title's head word: 'Minister' in 'Minister of Affordability', 'Commissioner'."""
    head = None
    for word in name.lower().split():
        if word in titles.LOWER_WORDS and head:
            break
        if word in titles.TITLE_HEADS:
            head = word
    return head


def _subject_of_sentence(doc: Doc, actor: Actor, role: Role, mentions: list[Mention]) -> bool:
    """The actor is the subject of the sentence that gives the role ('The Bank held rates, with
    President Jane Doe saying ...')."""
    for m in mentions:
        if m.actor.key == actor.key and role.evidence.start <= m.start < role.evidence.end:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in SUBJECT_DEPS:
                return True
    return False


def _infer_from_article(doc: Doc, roles: list[Role], possessors: list[Actor | None],
                        mentions: list[Mention]) -> None:
    """Owners of bare titles ('President Jane Doe') from the article as a whole: the body a
    title names ('Commissioner' -> the Commission), the organisation the article is about when
    the same sentence names it, the country the article is about for offices of a state."""
    bare = [r for r, p in zip(roles, possessors) if r.of is None and p is None]
    if not bare:
        return
    home = owners.home_country(mentions)
    organisation = owners.dominant_organisation(doc, mentions)
    city = None
    if any(titles.is_city_title(r.name.split()) for r in bare):
        city = owners.home_city(doc, mentions, CharIndex(doc))
    for role in bare:
        if city is not None and titles.is_city_title(role.name.split()):
            role.of = city                                 # "Mayor Jane Doe" in a story about a city
            continue
        words = set(role.name.lower().replace("-", " ").split()) | {role.name.lower()}
        head = _head(role.name)
        if head is None:
            continue
        role.of = owners.body_named_for(head, mentions)
        if role.of is None and organisation is not None and head in owners.ORGANISATION_HEADS \
                and role.evidence is not None and _subject_of_sentence(doc, organisation, role, mentions):
            role.of = organisation
        if role.of is None and home is not None and words & owners.STATE_TITLE_WORDS:
            role.of = home


def _without_vague(roles: list[Role]) -> list[Role]:
    def specific_elsewhere(role: Role) -> bool:
        return any(o is not role and o.holder.key == role.holder.key and o.of == role.of
                   and o.name.lower() not in titles.VAGUE_TITLES for o in roles)
    return [r for r in roles if not (r.name.lower() in titles.VAGUE_TITLES and specific_elsewhere(r))]


def _unique(roles: list[Role]) -> list[Role]:
    seen, kept = set(), []
    for role in roles:
        key = (role.holder.key, role.name.lower(), role.of.key if role.of else None, role.qualifier)
        if key not in seen:
            seen.add(key)
            kept.append(role)
    return kept


def find_roles(doc: Doc) -> list[Role]:
    mentions = doc._.mentions or []
    text = doc_text(doc)
    chars = CharIndex(doc)
    owner_mentions = sorted(mentions + owners.extra_mentions(doc, mentions, chars),
                            key=lambda m: m.start)
    scanner = _Scanner(doc, owner_mentions, _token_mentions(doc, owner_mentions, chars))
    roles: list[Role] = []
    possessors: list[Actor | None] = []
    for mention in mentions:
        if mention.actor.type != "Person":
            continue
        name = _name_span(doc, mention, chars)
        if name is None:
            continue
        sent = scanner.sentences.of(name.start)
        for title in (scanner.before(name.start, sent), scanner.after(name.end, sent)):
            if title is None:
                continue
            if title.of is None:
                title.of = scanner.owner_after(name.end, sent)
            if title.of is None and title.possessor is None:
                title.of = scanner.frame_owner(sent, title)
            if title.of is None and title.possessor is None and \
                    {w.lower() for w in title.words} & owners.STATE_TITLE_WORDS:
                # "Russia reacted angrily. Foreign Ministry spokesman Pavel Orlov said ..."
                title.of = scanner._antecedent(name.start, "Country")
            roles.append(Role(holder=mention.actor, name=title.name(), of=title.of,
                              qualifier=title.qualifier, evidence=_evidence(sent, text)))
            possessors.append(title.possessor)
    _infer_owners(roles, possessors)
    _infer_from_article(doc, roles, possessors, mentions)
    return _unique(_without_vague(roles))


@Language.component("newskg_roles")
def roles_component(doc: Doc) -> Doc:
    doc._.roles = find_roles(doc)
    return doc


def owner_reader(doc: Doc):
    """A function i -> the organisation or country an 'its' (or 'the group's') at token i refers
    to, for other stages (quotes: 'Its spokesperson said')."""
    mentions = doc._.mentions or []
    chars = CharIndex(doc)
    owner_mentions = sorted(mentions + owners.extra_mentions(doc, mentions, chars),
                            key=lambda m: m.start)
    scanner = _Scanner(doc, owner_mentions, _token_mentions(doc, owner_mentions, chars))
    return scanner._antecedent
