"""Positions: who stands where on what, found through the parse, on any topic."""
import json

import pytest

from kg.nlp import pipeline
from tests.conftest import SEED, SEED_GOLD

NEGATIVE = {"Opposes", "Hesitant"}
STAGES = ("newskg_actors", "newskg_roles", "newskg_quotes", "newskg_positions")


@pytest.fixture(scope="module")
def stance_nlp():
    return pipeline.build(stages=STAGES)


def stances(nlp, text):
    """{holder name: set of stances} for one text."""
    out = {}
    for p in nlp(text)._.positions:
        out.setdefault(p.holder.name, set()).add(p.stance)
    return out


def test_country_vetoing_a_trade_deal(stance_nlp):
    found = stances(stance_nlp, "Austria vetoed the trade deal between the European Union and Mercosur on Friday.")
    assert found.get("Austria") == {"Opposes"}


def test_named_union_opposes_a_merger(stance_nlp):
    doc = stance_nlp("The United Auto Workers strongly opposes the merger of Stellantis and Renault, "
                     "the union said in a statement.")
    opposers = [p for p in doc._.positions if p.stance == "Opposes"]
    assert opposers and "merger" in opposers[0].proposition.key


def test_party_backing_a_candidate(stance_nlp):
    found = stances(stance_nlp, "The Labour Party backed Sadiq Khan for a third term as mayor of London.")
    assert found.get("Labour Party") == {"Supports"} or found.get("Labour") == {"Supports"}


def test_federation_not_ready_to_readmit_a_team(stance_nlp):
    doc = stance_nlp("FIFA is not ready to readmit Russia to international competition, "
                     "officials said on Monday.")
    [pos] = [p for p in doc._.positions if p.holder.name == "FIFA"]
    assert pos.stance == "Hesitant"
    assert "readmit" in pos.proposition.key and "russia" in pos.proposition.key


def test_did_not_oppose_is_not_opposition(stance_nlp):
    found = stances(stance_nlp, "Prosecutors for the United States did not oppose bail for Sam Bankman-Fried.")
    assert all("Opposes" not in s for s in found.values())


def test_not_against_is_not_opposition(stance_nlp):
    found = stances(stance_nlp, "France and Italy are not against new sanctions on Iran.")
    assert "Opposes" not in found.get("France", set()) | found.get("Italy", set())


def test_coordinated_holders_each_get_a_position(stance_nlp):
    found = stances(stance_nlp, "Hungary and Slovakia oppose the new sanctions on Russia.")
    assert found.get("Hungary") == {"Opposes"} and found.get("Slovakia") == {"Opposes"}


def test_condition_makes_support_conditional(stance_nlp):
    found = stances(stance_nlp, "Poland will support the ceasefire only if Russia withdraws its troops.")
    assert found.get("Poland") == {"Conditional"}
    assert "Russia" not in found


def test_hedge_lowers_confidence(stance_nlp):
    plain = stance_nlp("Germany called for tariffs on Chinese steel.")._.positions
    hedged = stance_nlp("Germany reportedly called for tariffs on Chinese steel.")._.positions
    assert plain and hedged
    assert hedged[0].confidence < plain[0].confidence
    assert 0 <= hedged[0].confidence <= 1


def test_reported_claim_is_attributed_to_the_outlet(stance_nlp):
    doc = stance_nlp("Japan rejected the proposed whaling ban, Reuters reported on Tuesday.")
    [pos] = [p for p in doc._.positions if p.holder.name == "Japan"]
    assert pos.stance == "Opposes"
    assert [a.name for a in pos.attributed_to] == ["Reuters"]


def test_advocating_a_delay_is_negative(stance_nlp):
    doc = stance_nlp("Canada advocated delaying Ukraine's EU membership.")
    [pos] = [p for p in doc._.positions if p.holder.name == "Canada"]
    assert pos.stance in NEGATIVE


def test_evidence_offsets_point_at_the_sentence(stance_nlp):
    text = "Talks resumed on Monday. Sweden opposes the merger of Nokia and Ericsson."
    doc = stance_nlp(text)
    [pos] = doc._.positions
    assert text[pos.evidence.start:pos.evidence.end] == pos.evidence.text
    assert pos.evidence.text.startswith("Sweden opposes")


def test_text_without_stances_gives_none(stance_nlp):
    doc = stance_nlp("Lithuanian Foreign Minister Gabrielius Landsbergis arrived in Brussels on Tuesday.")
    assert doc._.positions == []


# --- the seed article, through the real pipeline --------------------------------------

@pytest.fixture(scope="module")
def seed_doc(stance_nlp):
    return stance_nlp(SEED.read_text(encoding="utf-8"))


def _gold_names():
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    return gold


def _matches(actor, entry):
    names = {entry["name"].lower(), *(a.lower() for a in entry.get("aliases", []))}
    return actor.name.lower() in names or (entry.get("wikidata") and actor.wikidata == entry["wikidata"])


def test_seed_required_positions_found_with_right_polarity(seed_doc):
    gold = _gold_names()
    polarity = {"Supports": "positive", "Opposes": "negative", "Hesitant": "negative",
                "Conditional": "neutral", "Neutral": "neutral"}
    found = set()
    for p in seed_doc._.positions:
        for entry in gold["actors"]:
            if _matches(p.holder, entry):
                found.add((entry["name"], polarity[p.stance]))
    required = {(g["holder"], g["polarity"]) for g in gold["positions"] if not g.get("optional")}
    allowed = {(g["holder"], g["polarity"]) for g in gold["positions"]}
    tp = len(found & required)
    fp = len(found - allowed)
    f1 = 2 * tp / (2 * tp + fp + len(required - found))
    assert f1 >= 0.85, (sorted(required - found), sorted(found - allowed))


def test_seed_one_proposition_for_the_invitation(seed_doc):
    keys = {p.holder.name: p.proposition.key for p in seed_doc._.positions}
    invitation = {keys.get(n) for n in ("United States", "Germany", "Hungary", "Slovakia")}
    assert len(invitation) == 1 and None not in invitation


def test_seed_source_attribution(seed_doc):
    by_holder = {p.holder.name: p for p in seed_doc._.positions}
    us = by_holder["United States"]
    assert any(a.type == "AnonymousSource" for a in us.attributed_to)
    assert all(0 <= p.confidence <= 1 for p in seed_doc._.positions)


# --- error classes: parse failures, holders, negation scope, labels -------------------

def positions_of(nlp, text):
    return {(p.holder.name, p.stance): p for p in nlp(text)._.positions}


def test_back_tagged_as_adverb_still_a_stance(stance_nlp):
    found = stances(stance_nlp, "Spain and Portugal back the proposal to cap fishing quotas.")
    assert found.get("Spain") == {"Supports"} and found.get("Portugal") == {"Supports"}


def test_not_calling_for_something_is_neutral(stance_nlp):
    found = stances(stance_nlp, "Denmark did not call for sanctions on Venezuela.")
    assert found.get("Denmark") == {"Neutral"}


def test_urging_someone_not_to_act_is_opposition(stance_nlp):
    found = stances(stance_nlp, "Chile urged the government not to approve the lithium deal.")
    assert found.get("Chile") == {"Opposes"}


def test_cue_inside_a_condition_is_no_stance(stance_nlp):
    found = stances(stance_nlp, "Mexico will lower its tariffs only if Canada drops its demand for a quota.")
    assert found.get("Mexico") == {"Conditional"}
    assert "Canada" not in found


def test_condition_on_suspending_stays_conditional(stance_nlp):
    found = positions_of(stance_nlp, "Brazil said it would suspend the export ban only if prices fell.")
    pos = found[("Brazil", "Conditional")]
    assert pos.proposition.label == "suspending the export ban"


def test_members_named_in_an_apposition_are_not_holders(stance_nlp):
    found = stances(stance_nlp, "The Nordic group, a bloc that includes Sweden and Finland, "
                                "opposed the fishing quotas.")
    assert "Sweden" not in found and "Finland" not in found


def test_representatives_of_an_organisation_speak_for_it(stance_nlp):
    found = stances(stance_nlp, "Representatives of the African Union did not oppose the plan "
                                "to extend the mission.")
    assert found.get("African Union") == {"Neutral"}


def test_a_committee_of_an_organisation_holds_for_it(stance_nlp):
    found = stances(stance_nlp, "The European Parliament's trade committee is not ready to vote "
                                "on the agreement.")
    assert found.get("European Parliament") == {"Hesitant"}


def test_speaker_holds_what_an_unnamed_government_is_said_to_do(stance_nlp):
    found = stances(stance_nlp, "Foreign Minister Alberto van Klaveren said the government was "
                                "not ready to sign the treaty.")
    assert found.get("Alberto van Klaveren") == {"Hesitant"}


def test_we_in_a_quotation_is_its_speaker(stance_nlp):
    found = stances(stance_nlp, "\u201cWe fundamentally disagree with the ruling,\u201d said "
                                "Maria Santos, the chief executive of Petrobras.")
    assert found.get("Maria Santos") == {"Opposes"}


def test_capital_stands_for_its_government(stance_nlp):
    found = stances(stance_nlp, "Ottawa opposes the proposed pipeline tolls.")
    assert found.get("Canada") == {"Opposes"}


def test_taking_no_position_and_remaining_neutral(stance_nlp):
    for text in ("Switzerland took no position on the arms embargo.",
                 "Switzerland remained neutral on the arms embargo."):
        assert stances(stance_nlp, text).get("Switzerland") == {"Neutral"}


def test_subject_named_beside_a_description(stance_nlp):
    found = stances(stance_nlp, "Her rival Carlos Mendoza refused to concede the election.")
    assert found.get("Carlos Mendoza") == {"Opposes"}


def test_labels_read_as_propositions(stance_nlp):
    found = positions_of(stance_nlp, "Norway is not ready to give up its moratorium entirely.")
    assert found[("Norway", "Hesitant")].proposition.label == "Norway giving up its moratorium"
    found = positions_of(stance_nlp, "Chile supports a permanent ban on seabed mining.")
    prop = found[("Chile", "Supports")].proposition
    assert prop.label == "a permanent ban on seabed mining"
    assert prop.key == "ban-seabed-mining"


def test_unresolved_plan_stays_within_its_article(stance_nlp):
    a = positions_of(stance_nlp, "Kenya backed the plan on Tuesday.")[("Kenya", "Supports")]
    b = positions_of(stance_nlp, "Ghana backed the plan on Friday.")[("Ghana", "Supports")]
    assert a.proposition.label == "the plan"
    assert a.proposition.key != b.proposition.key


# ---- verb classes and constructions added for text on new topics -------------------------

def test_condemned_by_coordinated_holders(stance_nlp):
    found = stances(stance_nlp, "Austria and Hungary both condemned the tariff plan on Monday.")
    assert found.get("Austria") == {"Opposes"} and found.get("Hungary") == {"Opposes"}


def test_balked_at_is_hesitation(stance_nlp):
    found = stances(stance_nlp, "Poland and Romania have balked at the proposal, diplomats said.")
    assert found.get("Poland") == {"Hesitant"} and found.get("Romania") == {"Hesitant"}


def test_not_convinced_is_hesitation(stance_nlp):
    found = stances(stance_nlp, "Finance Minister Maria Holm said she was \"not convinced\" "
                                "that a windfall tax would raise revenue.")
    assert found.get("Maria Holm") == {"Hesitant"}


def test_raised_no_objection_is_neutral(stance_nlp):
    found = stances(stance_nlp, "Denmark raised no objection to the new fishing quotas.")
    assert found.get("Denmark") == {"Neutral"}


def test_neither_condemned_nor_endorsed_is_neutral(stance_nlp):
    found = stances(stance_nlp, "The World Health Organization neither condemned nor endorsed the boycott.")
    assert found.get("World Health Organization") == {"Neutral"}


def test_stopped_short_of_endorsing_is_neutral(stance_nlp):
    doc = stance_nlp("The Dutch government stopped short of endorsing the merger of KLM and Lufthansa.")
    found = {p.holder.name: p.stance for p in doc._.positions}
    assert found.get("Netherlands") == "Neutral"
    assert all("endors" not in p.proposition.label.lower() for p in doc._.positions)


def test_with_the_backing_of_names_the_supporters(stance_nlp):
    found = stances(stance_nlp, "The budget passed by 60 votes to 40 with the backing of the Green Party.")
    assert found.get("Green Party") == {"Supports"}


def test_agreed_to_extend_is_support(stance_nlp):
    found = stances(stance_nlp, "Armenia and Azerbaijan agreed on Sunday to extend the truce by 30 days.")
    assert found.get("Armenia") == {"Supports"} and found.get("Azerbaijan") == {"Supports"}


def test_voted_to_stop_supports_the_measure(stance_nlp):
    doc = stance_nlp("The European Parliament voted on Tuesday to stop issuing new drilling permits.")
    found = {p.holder.name: p.stance for p in doc._.positions}
    assert found.get("European Parliament") == "Supports"


def test_walked_out_of_the_talks_is_opposition(stance_nlp):
    found = stances(stance_nlp, "Leaders of the International Transport Workers' Federation walked out of the talks.")
    assert found and all(s == {"Opposes"} for s in found.values())


def test_only_once_is_a_condition(stance_nlp):
    found = stances(stance_nlp, "Serbia is willing to release the detainees only once Kosovo withdraws its police.")
    assert found.get("Serbia") == {"Conditional"}


def test_as_soon_as_is_a_condition(stance_nlp):
    found = stances(stance_nlp, "The World Food Programme said it was ready to deliver aid as soon as "
                                "both sides opened the border crossings.")
    assert found.get("World Food Programme") == {"Conditional"}


def test_respected_the_decision_is_neutral_but_respecting_a_process_is_not(stance_nlp):
    found = stances(stance_nlp, "The Italian Football Federation said it respected the court's decision.")
    assert found.get("Italian Football Federation") == {"Neutral"}
    assert not stances(stance_nlp, "Greenpeace said it respected the process.")


def test_rejecting_an_accusation_is_no_policy_stance(stance_nlp):
    found = stances(stance_nlp, "Belarus, which critics say has armed the militia, rejects the accusation.")
    assert "Opposes" not in found.get("Belarus", set())


def test_the_union_is_the_union_named_earlier(stance_nlp):
    doc = stance_nlp("The Transport Salaried Staffs' Association and the National Union of Rail Workers "
                     "met the operator on Monday. The union wants a 9 per cent rise.")
    holders = {p.holder.name for p in doc._.positions if p.stance == "Supports"}
    assert holders and all("Union" in h for h in holders)
    assert "European Union" not in holders


def test_its_resolves_to_the_main_subject_before(stance_nlp):
    doc = stance_nlp("The Confederation of British Industry, to which Unilever belongs, has kept quiet. "
                     "A statement from its leadership neither condemned nor endorsed the strike.")
    found = {p.holder.name: p.stance for p in doc._.positions}
    assert found.get("Confederation of British Industry") == "Neutral"
    assert "Unilever" not in found


def test_speaker_of_a_parenthetical_report_holds_the_condition(stance_nlp):
    doc = stance_nlp("Health Secretary Anna Berg met the nurses on Monday. The government, she said, "
                     "was prepared to raise pay only if the nurses accepted longer shifts.")
    found = {p.holder.name: p.stance for p in doc._.positions}
    assert found.get("Anna Berg") == "Conditional"


def test_would_not_unless_is_a_condition(stance_nlp):
    found = stances(stance_nlp, "The British Olympic Association said the rower would not be selected "
                                "unless the appeal court lifted the ban.")
    assert found.get("British Olympic Association") == {"Conditional"}


def test_called_it_welcome_is_support(stance_nlp):
    doc = stance_nlp("Amnesty International called the verdict welcome but overdue.")
    [pos] = [p for p in doc._.positions if p.holder.name == "Amnesty International"]
    assert pos.stance == "Supports" and "verdict" in pos.proposition.label


def test_warned_that_the_measure_would_harm_is_opposition(stance_nlp):
    found = stances(stance_nlp, "Lufthansa warned that the new levy would drive passengers "
                                "to other airports.")
    assert found.get("Lufthansa") == {"Opposes"}
    assert not stances(stance_nlp, "Lufthansa warned that rising fuel prices could hurt demand.")


def test_dummy_it_leaves_the_position_with_the_speaker(stance_nlp):
    doc = stance_nlp("The regulator fined Ostara Foods last week. Trade Minister Ilse Varga said "
                     "it was too early to say whether the labelling rules would change.")
    [position] = doc._.positions
    assert (position.holder.name, position.stance) == ("Ilse Varga", "Hesitant")


def test_they_after_a_coordinated_subject_is_every_conjunct(stance_nlp):
    doc = stance_nlp("Portugal and Ireland said they were not ready to back the fishing quota.")
    found = {p.holder.name: p for p in doc._.positions}
    assert set(found) == {"Portugal", "Ireland"}
    assert all(p.stance == "Hesitant" for p in found.values())
    assert not any(p.attributed_to for p in found.values())     # not each other's source


def test_officials_of_a_named_country_speak_for_it(stance_nlp):
    doc = stance_nlp("Chile wants the treaty signed this year. Peru has hesitated, and Peruvian "
                     "officials said it was too early to commit to a date for the treaty.")
    peru = [p for p in doc._.positions if p.holder.name == "Peru"]
    assert peru and peru[-1].stance == "Hesitant"
    assert any(a.type == "AnonymousSource" for a in peru[-1].attributed_to)


@pytest.mark.parametrize("text, holder, stance", [
    ("The European Commission called on Norway to withdraw the proposal.", "European Commission", "Supports"),
    ("Solvia Air dismissed the regulator's findings as flawed.", "Solvia Air", "Opposes"),
    ("The Rotterdam Dockers Union turned down the offer of job guarantees.", "Rotterdam Dockers Union", "Opposes"),
    ("Russia refused to join the consensus on the catch limit.", "Russia", "Opposes"),
    ("Halvorsen Shipping vowed to appeal the ruling.", "Halvorsen Shipping", "Opposes"),
    ("Greenpeace threatened to sue the government over the drilling permit.", "Greenpeace", "Opposes"),
    ("The Commerce Ministry pushed back on the demand for tariffs.", "Commerce Ministry", "Opposes"),
    ("Poland has long argued that the climate fund should be larger.", "Poland", "Supports"),
])
def test_everyday_stance_verbs(stance_nlp, text, holder, stance):
    assert stances(stance_nlp, text).get(holder) == {stance}


def test_argued_that_alone_is_a_claim_not_a_stance(stance_nlp):
    assert stances(stance_nlp, "Italy has argued that a settlement remains possible.") == {}


def test_urging_someone_to_act_is_about_the_act(stance_nlp):
    [position] = stance_nlp("Vietnam urged China to release more water from its dams.")._.positions
    assert "release" in position.proposition.key


@pytest.mark.parametrize("text, holder, stance", [
    ("The Dockers Union called the offer an insult.", "Dockers Union", "Opposes"),
    ("The fisheries minister, Rógvi Jacobsen, called the closure disproportionate.", "Rógvi Jacobsen", "Opposes"),
    ("Greenpeace described the agreement as a breakthrough.", "Greenpeace", "Supports"),
    ("Singapore declined to side with either camp.", "Singapore", "Neutral"),
    ("The European Commission declined to take a position on the ruling.", "European Commission", "Neutral"),
    ("Siemens said it was disappointed by the verdict.", "Siemens", "Opposes"),
])
def test_verdicts_refusals_to_side_and_disappointment(stance_nlp, text, holder, stance):
    assert stances(stance_nlp, text).get(holder) == {stance}


def test_not_calling_something_a_mistake_is_no_verdict(stance_nlp):
    assert stances(stance_nlp, "Germany did not call the plan a mistake.") == {}



def test_it_ready_to_is_the_country_not_a_dummy(stance_nlp):
    doc = stance_nlp("Germany hosted the talks. Chancellor Olaf Scholz said it was not ready to "
                     "back the deal.")
    assert {(p.holder.name, p.stance) for p in doc._.positions} == {("Germany", "Hesitant")}
