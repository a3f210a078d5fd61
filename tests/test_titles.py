"""Role, position and quote pages are titled by what they say, not by their hash key."""
from __future__ import annotations

import re

import pyoxigraph as ox

from kg import titles
from kg.namespaces import NKG, SCHEMA

HTML = {"Accept": "text/html"}


def props(**values):
    predicates = {"holder": NKG.holder, "proposition": NKG.proposition, "stance": NKG.stance,
                  "roleName": NKG.roleName, "roleIn": NKG.roleIn, "qualifier": NKG.qualifier,
                  "text": SCHEMA.text, "creator": SCHEMA.creator}
    return {str(predicates[k]): [ox.NamedNode(v) if v.startswith("http") else ox.Literal(v)]
            for k, v in values.items()}


NAMES = {"http://x/hu": "Hungary", "http://x/p": "inviting Ukraine to NATO", "http://x/ps": "Péter Szijjártó"}


def test_a_position_reads_as_a_sentence():
    p = props(holder="http://x/hu", proposition="http://x/p", stance=str(NKG.Opposes))
    assert titles.position_title(p, NAMES) == "Hungary opposes inviting Ukraine to NATO"
    p = props(holder="http://x/hu", proposition="http://x/p", stance=str(NKG.Hesitant))
    assert titles.position_title(p, NAMES) == "Hungary is hesitant about inviting Ukraine to NATO"


def test_a_role_names_its_holder_office_and_country():
    p = props(holder="http://x/ps", roleName="Foreign Minister", roleIn="http://x/hu")
    assert titles.role_title(p, NAMES) == "Péter Szijjártó, Foreign Minister of Hungary"
    p = props(holder="http://x/ps", roleName="Foreign Minister", qualifier="former")
    assert titles.role_title(p, NAMES) == "Péter Szijjártó, former Foreign Minister"


def test_a_quote_gives_its_speaker_and_its_first_words():
    p = props(text="one two three four five six seven eight nine ten eleven twelve thirteen", creator="http://x/ps")
    assert titles.quote_title(p, NAMES) == "Péter Szijjártó: “one two three four five six seven eight nine ten eleven twelve …”"


def test_pages_of_roles_and_positions_have_those_titles(client, store):
    for cls in ("nkg:Role", "nkg:Position"):
        iri = next(iter(store.query(f"PREFIX nkg: <{NKG}> SELECT ?x WHERE {{ ?x a {cls} }} LIMIT 1")))[0].value
        key = iri.rsplit("/", 1)[-1]
        page = client.get(iri[iri.index("/id/"):], headers=HTML).get_data(as_text=True)
        h1 = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
        assert key not in h1 and len(h1.split()) >= 3, h1


def test_evidence_that_quotes_someone_gets_single_quotation_marks(client, store):
    from kg.views import has_quotation_marks
    assert has_quotation_marks('“Not yet,” she said.') and not has_quotation_marks("Hungary is opposed.")
    iri = next(iter(store.query("PREFIX schema: <https://schema.org/> SELECT ?a WHERE { ?a a schema:NewsArticle ; "
                                "schema:headline ?h FILTER(CONTAINS(?h, 'not ready')) }")))[0].value
    page = client.get(iri[iri.index("/id/"):], headers=HTML).get_data(as_text=True)
    quoted = re.findall(r'<q class="quoted">([^<]*)</q>', page)
    plain = re.findall(r"<q>([^<]*)</q>", page)
    assert quoted and all(has_quotation_marks(t.replace("&#34;", '"')) for t in quoted)
    assert all(not has_quotation_marks(t.replace("&#34;", '"')) for t in plain)
