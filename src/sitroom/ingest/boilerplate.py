"""The boilerplate rules in one place: page furniture and photo captions to drop.

Each rule names a kind of line, a pattern matched against the whole stripped
line (case-insensitive) and the longest line it may apply to, so a real
paragraph that happens to start with "Subscribe" is never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One kind of boilerplate line."""

    name: str
    pattern: re.Pattern[str]
    max_len: int

    def matches(self, line: str) -> bool:
        """Return True when the stripped line is this kind of boilerplate."""
        return len(line) <= self.max_len and self.pattern.fullmatch(line) is not None


def _rule(name: str, pattern: str, max_len: int = 100) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), max_len)


_AGENCIES = r"afp|reuters|ap|getty images|epa|anadolu( agency)?|aa|sana|dpa|xinhua|tass|ria novosti"

RULES: tuple[Rule, ...] = (
    _rule("breadcrumb", r"you are here\b.*"),
    _rule("editor_picks", r"editor[’']?s?[’']? (picks?|choice)"),
    _rule("subscribe", r"(subscribe|sign up|sign in|log in|register)\b.*", 120),
    _rule("share", r"(share|tweet|email|print)( this( article| story| page)?| on \w+)?\s*:?"),
    _rule("follow", r"follow (us|[\w .'-]{1,40} on (twitter|facebook|telegram|instagram|x))\b.*"),
    _rule(
        "cookies",
        r".*\bcookies?\b.*\b(accept|agree|consent|policy|continu\w*|use|using)\b.*"
        r"|.*\b(accept|agree|consent|use|using)\b.*\bcookies?\b.*",
        400,
    ),
    _rule("advert", r"(advertisement|advertising|sponsored( content)?|ad)"),
    _rule(
        "related",
        r"(read (more|also)|see also|related( articles| stories| news| topics)?|more (from|on) .*"
        r"|most (read|popular|viewed)|trending( now)?|recommended( for you)?|latest news"
        r"|top stories)\s*:?",
    ),
    _rule("copyright", r"(©|copyright\b|\(c\) \d{4}|all rights reserved).*", 160),
    _rule("navigation", r"(skip to (main )?content|main menu|menu|home|search|back to top|close)"),
    _rule("caption_credit", rf".*\((({_AGENCIES})( photo)?|photo: .*|file photo)\)\.?", 300),
    _rule("caption_photo", r"(photo|file photo|image|picture|photograph)\s*(:|-|–|—|by\b).*", 300),
    _rule("caption_file", r"file photo\b.*", 300),
)

# A banner line that advertises the site rather than saying anything: "X News and Opinion
# from X Newspaper", "Breaking news from ...". Used with the repeated-name test in clean.py.
TAGLINE = re.compile(
    r"\b(news( and opinion)?|newspaper|breaking news|latest news|online|daily|english)\b",
    re.IGNORECASE,
)


def boilerplate_kind(line: str) -> str | None:
    """Return the name of the first rule the stripped line matches, or None."""
    for rule in RULES:
        if rule.matches(line):
            return rule.name
    return None
