"""Attribution chains, modality and mission outcomes on seed sentences and small ones."""

from __future__ import annotations

import pytest
from seedtext import seed as _seed
from seedtext import sentence as _sentence

from sitroom.demo import sample_corpus
from sitroom.extract.attribution import attribute, outcome, source_type, truce_outcome
from sitroom.records import MODALITIES


@pytest.mark.parametrize(
    ("seed", "containing", "chain", "modality", "kind"),
    [
        (
            "002",
            "quoted as saying by Russian state news agency RIA",
            ["Russian Defense Ministry", "RIA"],
            "reported",
            "official",
        ),
        (
            "002",
            "according to state-run Anadolu Agency",
            ["Defense Ministry", "Anadolu Agency"],
            "reported",
            "official",
        ),
        (
            "002",
            "Turkish Defense Ministry said on March 15",
            ["Turkish Defense Ministry"],
            "reported",
            "official",
        ),
        ("002", "Russian news agencies claimed", ["Russian news agencies"], "claimed", "media"),
        ("004", "Turkish sources said", ["Turkish sources"], "reported", "unnamed"),
        (
            "004",
            "According to sources who spoke to",
            ["sources", "Asharq Al-Awsat"],
            "reported",
            "unnamed",
        ),
        ("003", "Fahrettin Altun said", ["Fahrettin Altun"], "reported", "official"),
        (
            "003",
            "activists on the ground had earlier reported",
            ["activists"],
            "reported",
            "activists",
        ),
        ("003", "Analysts have also used maps", ["analysts"], "claimed", "analysts"),
        ("003", "Bloomberg reported", ["Bloomberg"], "reported", "media"),
        ("003", "would carry major implications", [], "hypothetical", None),
        (
            "001",
            "local sources told Al Jazeera",
            ["local sources", "Al Jazeera"],
            "reported",
            "local",
        ),
        ("000", "dismissed by many experts", ["experts"], "denied", "analysts"),
        ("000", "are expected to be deployed", [], "planned", None),
        ("000", "Turkish forces not yet involved", ["Recep Tayyip Erdogan"], "negated", "official"),
        (
            "001",
            "announced that the Ankara-backed",
            ["Recep Tayyip Erdogan"],
            "reported",
            "official",
        ),
    ],
)
def test_attribute_seed_sentences(nlp, seed, containing, chain, modality, kind):
    text = _seed(seed)
    para = next(p for p in text.split("\n\n") if containing in p)
    result = attribute(_sentence(nlp, para, containing))
    assert (result.chain, result.modality, result.source_type) == (chain, modality, kind)


def test_hurriyet_newspaper_reports(nlp):
    para = next(p for p in _seed("001").split("\n\n") if "Hurriyet newspaper" in p)
    result = attribute(_sentence(nlp, para, "Hurriyet"))
    assert (result.chain, result.source_type) == (["Hurriyet"], "media")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Syrian forces shelled the town of Saraqib.", "asserted"),
        ("The army said it shelled the town.", "reported"),
        ("The ministry denied that its jets struck the convoy.", "denied"),
        ("The rebels claimed that they shot down a helicopter.", "claimed"),
        ("Turkey will send more troops to Idlib.", "planned"),
        ("Turkey is preparing an operation in Idlib.", "planned"),
        ("The Turkish army has not entered Syria.", "negated"),
        ("If talks fail, Turkey could launch an offensive.", "hypothetical"),
        ("The convoy was reportedly attacked near Idlib.", "reported"),
        ("The rebels said they would boycott the talks.", "planned"),
        ("The rebels said they would attend the talks if the shelling stopped.", "hypothetical"),
        ("Russia denied its planes were responsible for the strike.", "denied"),
        ("The government denied entry to the journalists.", "asserted"),
        ("The rebels dismissed an appeal to lay down their arms.", "asserted"),
        ("The rebels not only shelled the town but also attacked the airport.", "asserted"),
    ],
)
def test_modality_small_sentences(nlp, text, modality):
    assert modality in MODALITIES
    assert attribute(_sentence(nlp, text, text[:8])).modality == modality


def test_pronoun_speaker_is_left_out(nlp):
    result = attribute(_sentence(nlp, "He said the army shelled the town.", "shelled"))
    assert (result.chain, result.modality) == ([], "reported")


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("the Syrian Observatory for Human Rights", "monitor"),
        ("Reuters", "media"),
        ("residents", "local"),
        ("the Interior Ministry", "official"),
        ("a source", "unnamed"),
        ("Hamid", None),
    ],
)
def test_source_type_vocabulary(phrase, kind):
    assert source_type(phrase) == kind


@pytest.mark.parametrize(
    ("seed", "containing", "expected"),
    [
        ("002", "have conducted the first joint patrolling mission", "completed"),
        ("002", "had to cut short their first mission", "cut_short"),
        ("002", "explaining the reason for the shorter route", "cut_short"),
        ("004", "refused to hold a joint patrol", "refused"),
        ("004", "carried out a joint military drill", "completed"),
        ("003", "the strikes on Turkish forces were carried out", None),  # a strike, no mission
        ("004", "refused to withdraw its heavy weapons", None),
    ],
)
def test_outcome_seed_sentences(nlp, seed, containing, expected):
    text = _seed(seed)
    para = next(p for p in text.split("\n\n") if containing in p)
    assert outcome(_sentence(nlp, para, containing)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The joint patrol was cancelled because of protests.", "cancelled"),
        ("The patrol was postponed until next week.", "postponed"),
        ("The evacuation convoy failed to reach the town.", "failed"),
        ("The joint patrol was halted after an explosion.", "cut_short"),
        ("Turkish forces will conduct a patrol on Friday.", None),
        # who holds a place fought over
        ("The army said it had liberated the town of Lachin on Sunday.", "taken"),
        ("Fighting for Lachin is still going on, the ministry said.", "contested"),
        ("The attack on the village was repelled overnight.", "contested"),
        ("Rebels captured two soldiers.", None),
        ("The army said the rebels had not captured the airport at Lachin.", "taken"),
        ("The RSF said its fighters had seized the palace in Khartoum.", "taken"),
        ("The army said the airport in Khartoum remained under its control.", "contested"),
        ("Rebels seized two trucks.", None),
    ],
)
def test_outcome_small_sentences(nlp, text, expected):
    assert outcome(_sentence(nlp, text, text[:8])) == expected


@pytest.mark.parametrize(
    ("headline", "chain", "kind"),
    [
        ("Mission was cut short: Russia", ["Russia"], "official"),
        (
            "Turkish troops coordinate actions in Idlib with Russian Federation - prime minister",
            ["prime minister"],
            "official",
        ),
        ("Turkey, Russia launched first joint patrol in Idlib", [], None),
    ],
)
def test_headline_source_after_colon_or_dash(nlp, headline, chain, kind):
    result = attribute(next(nlp(headline).sents))
    assert (result.chain, result.source_type) == (chain, kind)


def test_not_taking_up_a_report_is_no_denial() -> None:
    from sitroom.nlp import get_nlp

    doc = get_nlp()("The Russian statement did not refer to reports from Turkey that two "
                    "Turkish soldiers had been killed in an air strike in the same area.")
    assert attribute(next(iter(doc.sents))).modality not in ("negated", "denied")


def _sample(name: str) -> str:
    """Text of one file of the bundled sample corpus."""
    return (sample_corpus() / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "containing", "chain"),
    [
        # the headline's 'ministry says' is the body's 'the Turkish Defence Ministry said'
        ("aws_first_joint_patrol.txt", "patrol, ministry says", ["Turkish Defence Ministry"]),
        ("aws_first_joint_patrol.txt", "the ministry said in a statement",
         ["Turkish Defence Ministry"]),
        # the dateline's city is no speaker; the governor is named in apposition
        ("aws_hatay_governor_toll.txt", "HATAY, Feb 28", ["Rahmi Doğan"]),
        ("aws_hatay_governor_toll.txt", "the governor said", ["Rahmi Doğan"]),
        ("aws_spring_shield_launched.txt", "ANKARA, March 1", ["Hulusi Akar"]),
        ("aws_spring_shield_launched.txt", "the minister said", ["Hulusi Akar"]),
        ("nfm_qaminas_jet_dispute.txt", "Activists say Russian jet", ["activists"]),
    ],
)
def test_speakers_in_whole_sample_reports(nlp, name, containing, chain):
    doc = nlp(_sample(name))
    sent = next(s for s in doc.sents if containing in s.text)
    assert attribute(sent).chain == chain


@pytest.mark.parametrize(
    ("name", "text", "chain", "modality"),
    [
        ("caspian_dispatch_feed.xml",
         "First joint patrol on M4 shortened over militant provocations, says Russian ministry",
         ["Russian ministry"], "reported"),
        ("caspian_dispatch_feed.xml",
         "Russian jets hit militants who broke through Syrian lines near Nairab, Moscow says",
         ["Moscow"], "reported"),
        ("ledger_balyun_early_report.html",
         "Dozens of Turkish soldiers reported killed in Idlib air raid", [], "reported"),
        ("orontes_patrol_two_accounts.html",
         "But the Russian defence ministry said, according to the state news agency TASS, that "
         "the patrol route had been shortened because militants had placed civilians, among "
         "them women and children, on the road as human shields.",
         ["Russian defence ministry", "TASS"], "reported"),
        # 'says' coordinated into the 'that' clause by the parser still has Moscow as speaker
        ("meridian_desk.jsonl",
         "Moscow has rejected reports that Russian jets carried out the raid and says Turkish "
         "troops should not have been operating alongside militant groups.", ["Moscow"],
         "denied"),
    ],
)
def test_inverted_and_headline_speakers(nlp, name, text, chain, modality):
    assert text in _sample(name)
    result = attribute(next(nlp(text).sents))
    assert (result.chain, result.modality) == (chain, modality)


def test_a_new_statement_is_not_resolved_to_an_earlier_ministry(nlp):
    # seed 003 quotes the Russian defence ministry, then "A ministry statement" of Turkey's
    doc = nlp(_seed("003"))
    sent = next(s for s in doc.sents if "A ministry statement posted" in s.text)
    assert attribute(sent).chain == ["ministry"]
    earlier = next(s for s in doc.sents if "the Russian defence ministry said" in s.text)
    assert attribute(earlier).chain == ["Russian defence ministry"]


@pytest.mark.parametrize(("text", "fared"), [
    ("The armed forces said the rebel militia had violated the 24-hour truce.", "violated"),
    ("Rebel militia broke the truce as soon as it began, army says.", "violated"),
    ("Earlier truces collapsed within hours.", "violated"),
    ("The ceasefire did not hold.", "violated"),
    ("The RSF said they had respected the truce from its first minute.", "held"),
    ("The truce has largely held, although both sides have reported violations.", "held"),
    ("Fighting broke out again near the airport.", None),  # no truce named
])
def test_how_a_truce_fared(nlp, text, fared):
    assert truce_outcome(next(nlp(text).sents)) == fared


@pytest.mark.parametrize(("text", "modality"), [
    ("A Saudi passenger jet was hit by gunfire at the airport as it prepared to leave, the "
     "carrier said.", "reported"),
    ("Turkish forces plan to strike the town next week.", "planned"),
    ("The army will attack the town tomorrow.", "planned"),
])
def test_a_plan_counts_only_on_the_acts_own_clause(nlp, text, modality):
    from sitroom.extract.event_type import classify_sentence

    sent = next(nlp(text).sents)
    assert attribute(sent, classify_sentence(sent).trigger_start).modality == modality
