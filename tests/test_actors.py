"""Actor coding: dictionary names, demonym + sector nouns, roles from the parse."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sitroom.extract.actors import assign_roles, canonical_actor, find_actors, ruler_patterns
from sitroom.extract.event_type import classify_sentence


def _code(text: str, when: str | None = None) -> tuple[str | None, str | None]:
    ref = canonical_actor(text, when)
    assert ref is not None, text
    return ref.country, ref.sector


def test_dictionary_names():
    assert _code("Ankara") == ("TUR", "GOV")
    assert _code("the Kremlin") == ("RUS", "GOV")
    assert _code("Turkish troops") == ("TUR", "MIL")
    assert _code("the Russian Defense Ministry") == ("RUS", "MIL")
    assert _code("NATO")[0] == "IGO"
    assert _code("Iran") == ("IRN", "GOV")


def test_hts_variants_are_one_actor():
    names = {canonical_actor(t).name for t in
             ("HTS", "Hay'et Tahrir al-Sham", "Hay’at Tahrir Al-Sham", "Hayat Tahrir al-Sham")}
    assert len(names) == 1
    assert _code("HTS") == ("SYR", "REB")


def test_time_bounded_role():
    assert canonical_actor("the Turkish President", "2020-03-15").name == "Recep Tayyip Erdoğan"
    assert canonical_actor("Turkish President", "2010-01-01").name == "Abdullah Gül"


def test_countries_and_demonyms_beyond_region():
    assert _code("Hungarian") == ("HUN", "GOV")
    assert _code("Romanian officials") == ("ROU", "GOV")
    assert _code("Israeli police") == ("ISR", "COP")
    assert canonical_actor("the weather") is None


def test_ruler_patterns_tag_hts_as_org():
    pats = ruler_patterns()
    assert {"label": "ORG", "pattern": "hts", "id": "Hayat Tahrir al-Sham"} in pats


def test_find_actors_offsets(nlp):
    doc = nlp("Turkish troops entered Idlib with Russian forces.")
    found = find_actors(next(doc.sents))
    assert [(a.country, a.sector) for a in found] == [("TUR", "MIL"), ("RUS", "MIL")]
    for a in found:
        assert doc.text[a.start : a.end] == a.text


def test_roles_passive_agent_in_seed_003(nlp, seeds_dir: Path):
    text = next(seeds_dir.glob("003_*.txt")).read_text(encoding="utf-8")
    doc = nlp(text)
    sent = next(s for s in doc.sents if "strikes on Turkish forces" in s.text)
    code = classify_sentence(sent)
    a1, a2 = assign_roles(sent, code, find_actors(sent, when="2020-02-27"))
    assert (a1.country, a2.country) == ("SYR", "TUR")
    assert a1.sector == "MIL"


def test_roles_active_and_speaker(nlp):
    doc = nlp("Officials said Russian jets bombed Turkish positions near the town.")
    sent = next(doc.sents)
    a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert (a1.country, a1.sector) == ("RUS", "MIL")
    assert a2.country == "TUR"


def test_possessive_titles_and_igo_officials():
    assert _code("Montenegro's prime minister") == ("MNE", "GOV")
    assert _code("Poland's parliament") == ("POL", "LEG")
    assert _code("U.N. Secretary-General Kofi Annan") == ("IGO", "GOV")
    assert _code("IAEA")[0] == "IGO"


def _coded(text: str, event: str) -> tuple[tuple, tuple]:
    from sitroom.extract.actors import code_text_actors

    src, tar = code_text_actors(text, event)
    return tuple((a[0]["code"], a[0]["sector"]) if a else (None, None) for a in (src, tar))


def test_counted_people_titles_of_and_sentence_country():
    # Counted/qualified plural demonyms are people; "the president of X"; a countryless
    # title holder takes the sentence's one other (non-state) country.
    assert _coded("Soldiers arrested more than 100 Palestinians near the city.",
                  "COERCE")[1] == ("PSE", "CVL")
    assert _coded("The Kremlin offered to negotiate with the president of Armenia.",
                  "AGREE")[1] == ("ARM", "GOV")
    assert _coded("Angry Egyptian students demanded that President Mubarak resign.",
                  "DEMAND")[1] == ("EGY", "GOV")
    # A foreign state as the other party lends no country to the title holder.
    assert _coded("President Tomasz Kowalczyk threatened further action against Russia.",
                  "THREATEN")[0] == (None, "GOV")


def test_joint_act_target_from_object(nlp):
    assert _coded("Finland agreed to give Tanzania a grant for new schools.", "AGREE") == (
        ("FIN", "GOV"), ("TZA", "GOV"))


def test_speaker_acts_through_pronoun_and_town_targets():
    assert _coded("Switzerland said today it had expelled two diplomats for spying.",
                  "SANCTION")[0] == ("CHE", "GOV")
    # A physical act on a town: the town's country, its civilians.
    assert _coded("Turkish authorities imposed a curfew in the town of Cizre on Monday.",
                  "COERCE")[1] == ("TUR", "CVL")


def test_leaders_and_armed_groups_beyond_the_region():
    assert _code("President Yoweri Museveni") == ("UGA", "GOV")
    assert _code("President Mugabe") == ("ZWE", "GOV")
    assert _code("UNITA") == ("AGO", "REB")
    assert _code("Vietnamese-led forces") == ("VNM", "MIL")


def test_civilians_do_not_take_the_country_of_the_forces_around_them(nlp):
    doc = nlp("An air strike on Wednesday wrecked the drama theatre in the centre of Mariupol, "
              "where city officials said hundreds of residents had been hiding from the "
              "Russian bombardment of the port.")
    sent = next(doc.sents)
    _a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert (a2.sector, a2.country) == ("CVL", None)  # not Russian civilians


def test_a_country_inside_the_speakers_title_is_not_the_target(nlp):
    doc = nlp("In the days after the bombing, Ukraine's human rights commissioner Lyudmyla "
              "Denisova said that more than 130 people had been brought out of the basement.")
    sent = next(doc.sents)
    _a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a2.sector == "CVL"  # the people, not the speaker's government


def test_what_a_protest_opposes_is_its_target_not_its_doer(nlp):
    doc = nlp("Local residents said dozens of protesters opposed to Russian involvement had "
              "staged a sit-in on the M4 highway near Nayrab, blocking the route.")
    sent = next(doc.sents)
    a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is None or a1.country != "RUS"
    assert a2.country == "RUS"


def test_what_an_attack_is_called_names_no_party_to_it(nlp):
    doc = nlp("The Russian Ministry of Defence said on Friday that the missile attack on the "
              "railway station in Kramatorsk was a provocation by the Kiev regime.")
    sent = next(doc.sents)
    a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    named = [a for a in (a1, a2) if a is not None]
    assert all("regime" not in (a.text or "").lower() for a in named)


@pytest.mark.parametrize("text", [
    "The ministry called the attack a bloody provocation by Kiev, meant to discredit Russia.",
    "President Volodymyr Zelensky called the killings a deliberate Russian war crime.",
    "Georgia's foreign ministry described the shelling of the church as an act of terror.",
])
def test_who_names_an_act_and_what_they_call_it_are_no_party_to_it(nlp, text):
    sent = next(nlp(text).sents)
    a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert (a1, a2) == (None, None)


def test_a_language_is_not_an_actor(nlp):
    doc = nlp('Satellite pictures taken before the attack showed the word "children" written '
              'in large Russian letters on the ground in front of the theatre.')
    assert all(a.country != "RUS" for a in find_actors(next(doc.sents)))


def test_who_died_when_it_struck_is_a_victim_not_the_doer(nlp):
    sent = next(nlp("Officials say six people died when the rocket struck a school in the "
                    "town.").sents)
    a1, _ = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is None


def test_reporters_from_a_country_are_its_press_not_its_state(nlp):
    sent = next(nlp("Shells hit the market, wounding several journalists from Russia.").sents)
    sectors = {a.sector for a in find_actors(sent) if a.country == "RUS"}
    assert sectors == {"MED"}


def test_whose_accusation_it_is_names_no_party_to_the_act(nlp):
    sent = next(nlp("The ministry rejected Georgian accusations that its artillery had "
                    "shelled a village near the border.").sents)
    a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert all(a is None or a.country != "GEO" for a in (a1, a2))


@pytest.mark.parametrize("text", [
    "Russian reporters hurt as the cathedral is shelled again",
    "The jet was escorting a convoy of the Russian base when it was hit by a missile.",
])
def test_the_hurt_and_the_hit_are_not_the_doers(nlp, text):
    sent = next(nlp(text).sents)
    a1, _ = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is None


def test_an_actor_in_a_contrasting_clause_is_no_party(nlp):
    sent = next(nlp("The monitor said Russian jets were flying over the area at the time of "
                    "the raid, while Syrian aircraft were active further south.").sents)
    _, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a2 is None or a2.country != "SYR"


def test_whose_killing_it_was_is_the_target(nlp):
    sent = next(nlp("Turkey sent more troops after the killing of Turkish soldiers in an air "
                    "strike near Balyun.").sents)
    strike = next(t for t in sent if t.lower_ == "strike")
    code = replace(classify_sentence(sent), trigger_start=strike.idx)
    a1, a2 = assign_roles(sent, code, find_actors(sent))
    assert a2 is not None and a2.text == "Turkish soldiers"
    assert a1 is None or a1.text != "Turkish soldiers"


def test_a_passenger_jet_is_civilian_and_a_reporter_lends_no_country(nlp):
    assert canonical_actor("a Saudi passenger jet").sector == "CVL"
    assert canonical_actor("Saudi jets").sector == "MIL"
    sent = next(nlp("General Burhan told Al Jazeera that the rebels had attacked his "
                    "residence.").sents)
    a1, _ = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is not None and a1.sector == "REB" and a1.country != "QAT"
    assert canonical_actor("the Rapid Support Forces").country == "SDN"


def test_a_place_phrase_and_the_pronoun_us_are_no_doers(nlp):
    sent = next(nlp("An air strike hit a detention centre in Tajoura, on the eastern side of "
                    "Tripoli, killing at least 40 people.").sents)
    a1, _ = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is None
    sent = next(nlp("Residents told us there was no heavy fighting.").sents)
    assert all(a.country != "USA" for a in find_actors(sent))


def test_a_groups_own_aircraft_are_the_group_not_a_state_army(nlp):
    sent = next(nlp("The Libyan National Army said its aircraft had struck a camp of armed "
                    "groups.").sents)
    a1, _ = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is not None and (a1.name, a1.sector) == ("Libyan National Army", "REB")


def test_what_a_strike_was_on_is_no_fallback_doer(nlp):
    sent = next(nlp("Strike on Tripoli military academy kills 30 cadets").sents)
    a1, _ = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is None


def test_a_body_of_an_armed_group_is_the_group(nlp):
    sent = next(nlp("The General Command of the Libyan Arab Armed Forces announced a ceasefire "
                    "in the western military region.").sents)
    found = find_actors(sent)
    assert [(a.name, a.sector) for a in found] == [("Libyan National Army", "REB")]


def test_those_helping_an_attack_are_not_its_target(nlp):
    sent = next(nlp("The command said that the militia attack on the town had succeeded only "
                    "with the help of Turkish drones.").sents)
    _, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a2 is None or a2.country != "TUR"


def test_the_owner_of_a_lost_ship_is_not_the_doer(nlp):
    sent = next(nlp("The Moskva, flagship of Russia's Black Sea Fleet, sank on Thursday after a "
                    "fire and an explosion the night before, Russia's defence ministry "
                    "said.").sents)
    a1, _ = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is None


def test_where_a_weapon_flew_over_is_no_target_but_whom_a_town_was_taken_from_is(nlp):
    sent = next(nlp("The air force said the missiles were fired from bombers flying over "
                    "Russia's Kursk region.").sents)
    _, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a2 is None
    sent = next(nlp("Rebel fighters recaptured Saraqeb from government forces on "
                    "Monday.").sents)
    _, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a2 is not None and a2.text == "government forces"


@pytest.mark.parametrize("text", [
    "Russian Mi-24 shot down over Armenia, two crew killed",
    "Syrian jet shot down by Turkish F-16s",
])
def test_a_headline_passive_names_the_downed_as_target(nlp, text):
    sent = next(nlp(text).sents)
    a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is None or a1.country not in {"RUS", "SYR", "ARM"}


def test_what_remained_under_control_is_no_doer(nlp):
    sent = next(nlp("The army said on Saturday that the Republican Palace, the General Command "
                    "and the airport remained under army control after rebel attacks.").sents)
    a1, _ = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is None or "General Command" not in (a1.text or "")


def test_who_reports_an_attack_did_not_carry_it_out(nlp):
    sent = next(nlp("Baku reports new deadly strike on Ganja, Yerevan denies "
                    "involvement").sents)
    a1, _ = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is None or a1.country != "AZE"


def test_a_group_takes_the_country_it_operates_in(nlp):
    sent = next(nlp("Militants based in Syria fired rockets at Turkey.").sents)
    found = {a.text: a for a in find_actors(sent)}
    assert found["Militants"].country == "SYR"


def test_whoever_held_the_place_attacked_is_the_target(nlp):
    sent = next(nlp("Syrian rebel factions backed by Turkey launched an attack on Thursday on "
                    "government-held Nairab.").sents)
    a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is not None and (a1.country, a1.sector) == ("SYR", "REB")
    assert a2 is not None and (a2.country, a2.sector) == ("SYR", "GOV")


def test_lines_broken_through_are_the_target_and_a_patron_lends_no_country(nlp):
    sent = next(nlp("Militants backed by Turkish artillery broke through Syrian army positions "
                    "near Nairab.").sents)
    a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a1 is not None and a1.text == "Militants" and a1.country != "TUR"
    assert a2 is not None and a2.country == "SYR"
    # flying over a region is still only a route
    sent = next(nlp("Drones flying over the Kursk region struck a depot.").sents)
    _a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert a2 is None or a2.country != "RUS"


@pytest.mark.parametrize(("text", "doer", "target"), [
    # the country across a border, or a border post's, is a where, not a party
    ("M23 rebels captured Bunagana, a trading town on Congo's border with Uganda, on Monday.",
     "COD", None),
    ("Residents fled towards the Ugandan border post as the rebels shelled the town.",
     None, None),
])
def test_a_border_names_no_party(nlp, text, doer, target):
    sent = next(nlp(text).sents)
    a1, a2 = assign_roles(sent, classify_sentence(sent), find_actors(sent))
    assert (a1.country if a1 else None) == doer or doer is None
    assert (a2.country if a2 else None) == target
    assert all(a.country != "UGA" for a in (a1, a2) if a is not None)


def test_an_accusation_beside_an_act_with_its_own_doer_leaves_the_doer(nlp):
    from sitroom.extract import mentions_from_doc
    from sitroom.records import Article

    text = "M23 rebels took the border town of Bunagana on Monday, and the army accused " \
           "Rwanda of invading."
    article = Article(id="art_b", text=text, published="2022-06-13", doc="b")
    took = next(m for m in mentions_from_doc(nlp(text), article) if m.trigger == "took")
    assert took.actor1 is not None and took.actor1.country == "COD"
    assert took.actor2 is None  # Rwanda is accused, not attacked


def test_those_doing_what_a_participle_tells_are_its_doers_not_its_target(nlp):
    # "fighters launching shelling" do it, where "soldiers killed in Idlib" suffer it
    sent = next(nlp("Footage on social media showed Turkish troops and the aligned Syrian "
                    "rebel fighters launching mortar shelling campaigns and mobilising tanks "
                    "and personnel to the frontlines.").sents)
    code = classify_sentence(sent)
    a1, a2 = assign_roles(sent, code, find_actors(sent))
    assert a2 is None  # the rebels fire with the troops: nobody here is shelled
    assert a1 is not None and a1.text in {"Turkish troops", "the aligned Syrian rebel fighters"}
