"""Publication dates: metadata values and datelines, absolute only, never today."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitroom.ingest import iter_articles
from sitroom.ingest.dates import dateline_date, is_date_only, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-03-15", "2020-03-15"),
        ("2020-03-15T23:30:00-05:00", "2020-03-15"),
        ("2020-03-05T21:30:00Z", "2020-03-05"),
        ("Sun, 15 Mar 2020 10:00:00 GMT", "2020-03-15"),
        ("15 March 2020", "2020-03-15"),
        ("March 15, 2020", "2020-03-15"),
        (1584266400, "2020-03-15"),
        ("March 2020", None),
        ("2020", None),
        ("yesterday", None),
        ("Tuesday", None),
        ("3 days ago", None),
        ("", None),
        (None, None),
        (True, None),
        ({"date": "2020-03-15"}, None),
    ],
)
def test_parse_date_absolute_only(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("line", "expected", "date_only"),
    [
        ("Tuesday, 22 September, 2020 - 08:30", "2020-09-22", True),
        ("Published: 15 March 2020", "2020-03-15", True),
        ("Updated 2020-09-22 10:30 GMT", "2020-09-22", True),
        ("22/09/2020", "2020-09-22", True),
        ("03/04/2020", None, False),
        ("ANKARA, Feb 28, 2020 (Reuters) - Turkey said", "2020-02-28", False),
        ("IDLIB, Syria, 5 March 2020 - Troops moved", "2020-03-05", False),
        ("ANKARA, Feb 28 (Agency) - Turkey said", None, False),
        ("BEIRUT (AP) - Shelling resumed", None, False),
        ("Turkey launched an offensive on Thursday, February 27, 2020.", None, False),
        ("On Monday, September 21, 2020 a convoy passed (AFP)", None, False),
    ],
)
def test_dateline_date(line: str, expected: str | None, date_only: bool) -> None:
    assert dateline_date(line) == expected
    assert is_date_only(line) is date_only


def test_undated_file_never_takes_mtime(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("Patrol on M4\n\nA patrol drove along the M4 on Thursday, officials said.\n")
    os.utime(path, (1_583_020_800, 1_583_020_800))  # 2020-03-01
    (article,) = iter_articles([path])
    assert article.published is None  # type: ignore[union-attr]
    assert article.published_how is None  # type: ignore[union-attr]


def test_dateline_only_near_top(tmp_path: Path) -> None:
    body = "\n\n".join(f"Paragraph {n} says shells fell on the town." for n in range(8))
    path = tmp_path / "late.txt"
    path.write_text(f"Shelling continues\n\n{body}\n\nTuesday, 22 September, 2020 - 08:30\n")
    (article,) = iter_articles([path])
    assert article.published is None  # type: ignore[union-attr]
