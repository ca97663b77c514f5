"""Turn raw article text into clean paragraphs: banner, boilerplate, title, dateline.

The cleaned paragraphs, joined by blank lines, become ``Article.text``, the
text every character offset downstream refers to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.ingest.boilerplate import TAGLINE, boilerplate_kind
from sitroom.ingest.dates import dateline_agency, dateline_date, is_date_only

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK = re.compile(r"\n\s*\n")
_SENTENCE_END = tuple('.!?:;"”’)]')
_TITLE_MAX = 200
_BANNER_MIN_WORDS = 8  # a one-word outlet name repeated in a shorter line may be a headline
_DATELINE_WINDOW = 6  # datelines sit among the first few lines after the title


@dataclass
class Cleaned:
    """Result of cleaning: paragraphs (title first when known) and what was learned."""

    paragraphs: list[str]
    title: str | None
    outlet: str | None
    dateline: str | None  # ISO day read from a dateline near the top


def split_paragraphs(text: str) -> list[str]:
    """Split text into stripped lines, rejoining lines a hard wrap broke mid-sentence."""
    paragraphs: list[str] = []
    for block in _BLANK.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [_SPACE.sub(" ", line).strip() for line in block.split("\n")]
        current = ""
        for line in filter(None, lines):
            if current and not current.endswith(_SENTENCE_END) and line[0].islower():
                current = f"{current} {line}"
            else:
                if current:
                    paragraphs.append(current)
                current = line
        if current:
            paragraphs.append(current)
    return paragraphs


def clean(text: str, *, title: str | None = None, outlet: str | None = None) -> Cleaned:
    """Drop banner, boilerplate, captions and repeated titles; find title and dateline."""
    lines = split_paragraphs(text)
    if len(lines) > 1:
        banner = banner_outlet(lines[0])
        if banner is not None:
            lines = lines[1:]
            outlet = outlet or banner
    lines = [line for line in lines if boilerplate_kind(line) is None]
    dateline = None
    for i, line in enumerate(lines[:_DATELINE_WINDOW]):
        dateline = dateline_date(line)
        if dateline is not None:
            if is_date_only(line):
                del lines[i]
            break
    title = _clean_title(title) or _first_title(lines)
    if title is not None:
        key = _key(title)
        lines = [line for line in lines if _key(line) != key]
    if outlet is None:
        outlet = next(filter(None, map(dateline_agency, lines[:_DATELINE_WINDOW])), None)
    paragraphs = ([title] if title else []) + lines
    return Cleaned(paragraphs=paragraphs, title=title, outlet=outlet, dateline=dateline)


def banner_outlet(line: str) -> str | None:
    """Return the outlet name when a line is a site banner that repeats it as a tagline."""
    if len(line) > _TITLE_MAX or line.endswith(_SENTENCE_END) or not TAGLINE.search(line):
        return None
    words = line.split()
    folded = [w.casefold() for w in words]
    for size in range(4, 0, -1):
        for start in range(len(words) - size + 1):
            gram = words[start : start + size]
            if not all(w[:1].isupper() for w in gram) or len(" ".join(gram)) < 4:
                continue
            needle = folded[start : start + size]
            hits = sum(folded[i : i + size] == needle for i in range(len(words) - size + 1))
            if hits >= 2 and (size >= 2 or _ends_with_tagline(words)):
                return " ".join(gram)
    return None


def _ends_with_tagline(words: list[str]) -> bool:
    """Return True for a long line closing on a tagline word ("... from Hurriyet Daily News")."""
    return len(words) >= _BANNER_MIN_WORDS and TAGLINE.fullmatch(words[-1]) is not None


def _first_title(lines: list[str]) -> str | None:
    """Return the first line when it reads like a headline (short, several words, no period)."""
    if not lines:
        return None
    first = lines[0]
    if len(first) > _TITLE_MAX or first.endswith(".") or len(first.split()) < 3:
        return None
    if dateline_date(first) is not None:
        return None
    return first


def _clean_title(title: str | None) -> str | None:
    """Collapse whitespace in a metadata title; None when empty."""
    if not title:
        return None
    return _SPACE.sub(" ", " ".join(title.split())).strip() or None


def _key(line: str) -> str:
    """Return a comparison key: casefolded words only, so repeats match despite punctuation."""
    return " ".join(re.findall(r"\w+", line.casefold()))
