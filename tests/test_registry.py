import pycountry
import pytest

from kg import registry
from kg.registry import find, find_place


@pytest.mark.parametrize("surface, name, qid", [
    ("US", "United States", "Q30"), ("U.S.", "United States", "Q30"),
    ("USA", "United States", "Q30"), ("the United States", "United States", "Q30"),
    ("America", "United States", "Q30"), ("American", "United States", "Q30"),
    ("UK", "United Kingdom", "Q145"), ("Britain", "United Kingdom", "Q145"),
    ("Russian Federation", "Russia", "Q159"), ("DPRK", "North Korea", "Q423"),
    ("North Korean", "North Korea", "Q423"), ("South Korea", "South Korea", None),
    ("Hungarian", "Hungary", "Q28"), ("Budapest’s", "Hungary", "Q28"),
    ("Kiev", "Ukraine", "Q212"), ("Kyiv", "Ukraine", "Q212"), ("Beijing", "China", "Q148"),
    ("the Alliance", "NATO", "Q7184"), ("North Atlantic Treaty Organization", "NATO", "Q7184"),
    ("Ukraine's Parliament", "Verkhovna Rada", None), ("UA:PBC", "Suspilne", None),
    ("Reuters", "Reuters", "Q130879"), ("Zelensky", "Volodymyr Zelenskyy", "Q3874799"),
    ("Szijjarto", "Péter Szijjártó", None), ("ORBÁN".title(), "Viktor Orbán", "Q57641"),
    ("Rutte’s", "Mark Rutte", "Q57792"),
])
def test_find_tolerates_case_accents_article_possessive(surface, name, qid):
    actor = find(surface)
    assert actor is not None and actor.name == name
    if qid:
        assert actor.wikidata == qid


def test_short_acronyms_are_case_sensitive():
    assert find("us") is None and find("who") is None
    assert find("WHO").name == "World Health Organization"


def test_types_and_keys():
    assert find("Suspilne").type == "NewsMediaOrganization"
    assert find("NATO").type == "Organization"
    assert find("Trump").type == "Person" and find("Trump").key == "donald-trump"
    assert find("Hungary").type == "Country" and find("Hungary").key == "hungary"


def test_every_sovereign_country_is_there():
    reg = registry.default()
    countries = [a for a in reg.actors.values() if a.type == "Country"]
    assert 193 <= len(countries) <= 210
    for code in ("UA", "HU", "SK", "LT", "KP", "TV", "VA", "PS", "TW"):
        name = pycountry.countries.get(alpha_2=code).name
        assert reg.find(name) is not None, name
    assert reg.find("Aruba") is None and reg.find("Guam") is None     # no government news cites


def test_self_governing_territories_are_parties_of_their_own():
    reg = registry.default()
    faroe = reg.find("Faroe Islands")
    assert (faroe.type, faroe.wikidata) == ("Country", "Q4628")
    assert reg.find("Faroese", kinds=("demonym",)) == faroe
    assert reg.find("Greenland").wikidata == "Q223"


def test_wikidata_ids_are_unique_and_well_formed():
    seen = {}
    for actor in registry.default().actors.values():
        if actor.wikidata:
            assert actor.wikidata[0] == "Q" and actor.wikidata[1:].isdigit()
            assert actor.wikidata not in seen, (actor.name, seen.get(actor.wikidata))
            seen[actor.wikidata] = actor.name


def test_places():
    assert find_place("Brussels").wikidata == "Q239"
    assert find_place("Vilnius").wikidata == "Q216"
    assert find_place("Kiev").name == "Kyiv"
    assert find_place("Ukraine").wikidata == "Q212"
    assert find_place("Nowhere-on-Sea") is None
    assert find("Brussels") is None          # a place, not an actor


def test_subnational_governments_are_linked_organisations():
    from kg import registry
    for name, qid in (("California", "Q99"), ("Québec", "Q176"), ("Alberta", "Q1951")):
        actor = registry.find(name)
        assert actor is not None and actor.type == "Organization" and actor.wikidata == qid, name


@pytest.mark.parametrize("surface, qid", [
    ("Democratic Republic of Congo", "Q974"), ("Democratic Republic of the Congo", "Q974"),
    ("DR Congo", "Q974"), ("Congo", "Q974"), ("Kinshasa", "Q974"),
    ("Republic of Congo", "Q971"), ("Republic of the Congo", "Q971"), ("Brazzaville", "Q971"),
    ("South Sudan", "Q958"), ("Republic of Sudan", "Q1049"), ("Republic of Korea", "Q884"),
])
def test_ambiguous_country_names_go_to_the_specific_state(surface, qid):
    assert find(surface).wikidata == qid


def test_contextual_forms_written_with_a_capital_need_one():
    r = registry.default()
    assert r.find("the Commission").name == "European Commission"
    assert r.find("the commission") is None and r.find("the union") is None
    assert r.find("the bloc").name == "European Union"          # listed in lower case


def test_news_agencies_and_newspapers_are_media():
    for name in ("Lusa", "Daily Nation", "El País", "Anadolu Agency", "Süddeutsche Zeitung"):
        assert find(name).type == "NewsMediaOrganization", name
    assert find("Dawn") is None and find("CCTV") is None     # ordinary words stay out


def test_northern_ireland_is_not_ireland():
    assert find("Northern Ireland").wikidata == "Q26"
