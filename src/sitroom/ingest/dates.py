"""Publication dates: metadata values and datelines, never relative to today.

Only absolute dates with day, month and year become ``Article.published``;
anything vaguer stays None (file times and ingest times are never used).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import dateparser

_DP_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+"
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_FULL_DATE = (
    rf"(?:{_WEEKDAY})?(?:{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR}"
    rf"|{_YEAR}-\d\d-\d\d|[0-3]?\d[/.][01]?\d[/.]{_YEAR})"
)
_TIME = r"(?:\s*[-–—|,at]*\s*\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|[a-z]{2,4}t))?)?"
# A line that is only a date: "Tuesday, 22 September, 2020 - 08:30", "Published: 15 March 2020".
_DATE_LINE = re.compile(
    rf"(?:(?:published|posted|updated|last updated|date)\s*(?:on)?\s*:?\s*)?"
    rf"(?P<date>{_FULL_DATE}){_TIME}\s*",
    re.IGNORECASE,
)
# An agency dateline opening the body: "ANKARA, Feb 28, 2020 (Reuters) -".
_AGENCY_DATELINE = re.compile(
    rf"[A-Z][A-Z .'’-]{{1,40}}(?:,\s*[A-Z][A-Za-z .'’-]{{1,30}})?\s*[,(]\s*"
    rf"(?P<date>(?i:{_FULL_DATE}))\s*(?:\([^)]{{1,30}}\))?\s*[-–—:]",
)

# The agency credit of a dateline: "ANKARA, Oct 13 (Anatolia Wire) -", "BEIRUT (AP) -".
_AGENCY_CREDIT = re.compile(
    r"[A-Z][A-Z .'’-]{1,40}(?:,[^()\n]{1,40})?\s*\((?P<agency>[A-Z][\w .&'’-]{0,40})\)\s*[-–—]"
)


def parse_date(value: object) -> str | None:
    """Return the ISO day of an absolute metadata date (ISO, RFC 822, text), else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser_day(text)


def _dateparser_day(text: str) -> str | None:
    """Parse one absolute date expression with dateparser; None unless day/month/year given."""
    if not re.search(r"\d", text):
        return None
    parsed = dateparser.parse(text, languages=["en"], settings=_DP_SETTINGS)
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None
    return parsed.date().isoformat()


def dateline_date(line: str) -> str | None:
    """Return the ISO day a dateline line gives (a date-only line or an agency dateline)."""
    match = _DATE_LINE.fullmatch(line.strip()) or _AGENCY_DATELINE.match(line.strip())
    if match is None or _ambiguous_numeric(match.group("date")):
        return None
    return _dateparser_day(_strip_weekday(match.group("date")))


def _ambiguous_numeric(text: str) -> bool:
    """Return True for 03/04/2020-style dates that read differently in DMY and MDY."""
    parts = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.]\d{4}", text.strip())
    return (
        parts is not None
        and len({int(parts[1]), int(parts[2])}) == 2
        and (max(int(parts[1]), int(parts[2])) <= 12)
    )


def dateline_agency(line: str) -> str | None:
    """Return the news agency a dateline credits ("Anatolia Wire" in "ANKARA (Anatolia Wire) -")."""
    match = _AGENCY_CREDIT.match(line.strip())
    return match.group("agency").strip() if match else None


def is_date_only(line: str) -> bool:
    """Return True when the line holds nothing but a publication date (and time)."""
    return _DATE_LINE.fullmatch(line.strip()) is not None and dateline_date(line) is not None


def _strip_weekday(text: str) -> str:
    """Drop a leading weekday: it adds nothing and may contradict a misprinted date."""
    return re.sub(rf"^{_WEEKDAY}", "", text, flags=re.IGNORECASE)
