"""One test per boilerplate rule, plus the banner, title and dateline rules of cleaning."""

from __future__ import annotations

import pytest

from sitroom.ingest.boilerplate import RULES, boilerplate_kind
from sitroom.ingest.clean import banner_outlet, clean, split_paragraphs

EXAMPLES = {
    "breadcrumb": ["You are here", "You are here: Home > Middle East"],
    "editor_picks": ["Editor Picks", "Editor's Choice"],
    "subscribe": ["Subscribe to our newsletter", "Sign up for daily briefings"],
    "share": ["Share this article", "Share on Facebook", "Print"],
    "follow": ["Follow us on Twitter", "Follow Levant Wire on Telegram for updates"],
    "cookies": ["We use cookies to improve your experience on our site."],
    "advert": ["Advertisement", "Sponsored content"],
    "related": ["Read more:", "Related Articles", "Most Read", "More from Syria"],
    "copyright": ["© 2020 Example Media", "All rights reserved."],
    "navigation": ["Skip to main content", "Back to top"],
    "caption_credit": [
        "A Syrian man near a US vehicle east of the Euphrates on Monday, September 21, 2020 (AFP)",
        "Turkish soldiers stand guard near Afrin (Reuters)",
        "Smoke rises over the town (Getty Images)",
        "A convoy on the highway (AP)",
    ],
    "caption_photo": ["Photo: smoke over Saraqib", "Picture - a damaged school in Ariha"],
    "caption_file": ["File photo of a Russian patrol near Tal Tamr"],
}

KEPT = [
    "Turkish and Russian forces carried out a joint military drill in northwestern Syria's "
    "Idlib on Monday.",
    "Subscribers to the ministry's channel were told the patrol had been cut short, and that "
    "it would resume next week once the road had been cleared of debris left by the protest.",
    "Share prices in Istanbul fell sharply after the news of the strike.",
    "Home Office officials said the request was under review.",
    "The photographer who took the image was detained in Afrin.",
    "Residents said they had followed the convoy on foot for an hour.",
    "Mission was cut short: Russia",
    "ANKARA",
]


def test_every_rule_has_examples() -> None:
    assert {rule.name for rule in RULES} == set(EXAMPLES)


@pytest.mark.parametrize(
    ("rule", "line"), [(rule, line) for rule, lines in EXAMPLES.items() for line in lines]
)
def test_boilerplate_rule_matches(rule: str, line: str) -> None:
    assert boilerplate_kind(line) == rule


@pytest.mark.parametrize("line", KEPT)
def test_boilerplate_keeps_news_lines(line: str) -> None:
    assert boilerplate_kind(line) is None


def test_banner_repeating_outlet_sets_outlet() -> None:
    banner = (
        "Asharq Al-awsat English Middle-east and International News and Opinion "
        "from Asharq Al-awsat Newspaper"
    )
    assert banner_outlet(banner) == "Asharq Al-awsat"
    assert banner_outlet("Hurriyet Turkish and World News and Opinion from the Hurriyet Daily") == (
        "Hurriyet"
    )
    cleaned = clean(f"{banner}\n\nTroops withdraw from post\n\nTroops left the post on Friday.")
    assert cleaned.outlet == "Asharq Al-awsat"
    assert cleaned.paragraphs == ["Troops withdraw from post", "Troops left the post on Friday."]


@pytest.mark.parametrize(
    "line",
    [
        "Turkish troops coordinate actions in Idlib, Syria with Russian Federation - PM",
        "Russia, Turkey Conduct Joint Military Drill to Contain Tension in Idlib",
        "Turkey news: Turkey sends more troops",
    ],
)
def test_banner_needs_repeat_and_tagline(line: str) -> None:
    assert banner_outlet(line) is None


def test_repeated_title_kept_once() -> None:
    text = "Patrol on M4\n\nPatrol on M4\n\nANKARA\nPatrol on M4\n\nThe patrol ended early."
    cleaned = clean(text)
    assert cleaned.title == "Patrol on M4"
    assert cleaned.paragraphs == ["Patrol on M4", "ANKARA", "The patrol ended early."]


def test_metadata_title_prepended_once() -> None:
    cleaned = clean("The patrol ended early, officials said.", title="  Patrol   on M4 ")
    assert cleaned.paragraphs == ["Patrol on M4", "The patrol ended early, officials said."]


def test_long_first_line_is_not_a_title() -> None:
    cleaned = clean("Shells fell on the town on Monday, residents said.\n\nNobody was hurt.")
    assert cleaned.title is None
    assert cleaned.paragraphs[0].startswith("Shells fell")


def test_caption_date_is_not_the_dateline() -> None:
    text = (
        "Drill near Idlib\n\n"
        "A soldier near a vehicle east of the Euphrates on Monday, September 21, 2020 (AFP)\n\n"
        "Forces carried out a drill on Monday."
    )
    cleaned = clean(text)
    assert cleaned.dateline is None
    assert cleaned.paragraphs == ["Drill near Idlib", "Forces carried out a drill on Monday."]


def test_date_only_line_becomes_dateline_and_leaves_text() -> None:
    cleaned = clean("Drill near Idlib\n\nTuesday, 22 September, 2020 - 08:30\nForces drilled.")
    assert cleaned.dateline == "2020-09-22"
    assert cleaned.paragraphs == ["Drill near Idlib", "Forces drilled."]


def test_agency_dateline_kept_in_text() -> None:
    body = "ANKARA, Feb 28, 2020 (Reuters) - Turkey said it would respond."
    cleaned = clean(f"Turkey vows response\n\n{body}")
    assert cleaned.dateline == "2020-02-28"
    assert cleaned.paragraphs[1] == body


def test_agency_dateline_without_year_gives_no_date() -> None:
    cleaned = clean("Turkey vows response\n\nANKARA, Feb 28 (Agency) - Turkey said it would act.")
    assert cleaned.dateline is None


def test_split_paragraphs_rejoins_hard_wraps_only() -> None:
    text = "Troops crossed the border\nnear Kafr Lusin at dawn.\nA second convoy followed.\n"
    assert split_paragraphs(text) == [
        "Troops crossed the border near Kafr Lusin at dawn.",
        "A second convoy followed.",
    ]
    headline = "Soldiers killed as Ankara launches operation\nThe ministry added that fifty died."
    assert len(split_paragraphs(headline)) == 2
    assert split_paragraphs("A  b\u00a0c\r\n\r\n\r\nD") == ["A b c", "D"]
