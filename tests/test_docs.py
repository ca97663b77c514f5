"""The docs keep up with the code: every CLI option, public name, web route and record field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

import sitroom
import sitroom.cli
from sitroom.export import event_record
from sitroom.records import (
    ActorRef,
    Claim,
    Contradiction,
    DateRef,
    Event,
    Mention,
    PlaceRef,
    Quantity,
)

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _commands(cmd: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command and group under the Typer app, with its path of names."""
    out = [(path, cmd)] if path else []
    for name, sub in getattr(cmd, "commands", {}).items():  # typer vendors click: duck-type
        out.extend(_commands(sub, (*path, name)))
    return out


CLI = _commands(typer.main.get_command(sitroom.cli.app))


def _section(text: str, heading: str) -> str:
    """The text under the first heading that starts with ``heading``, up to the next one."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("#") and line.lstrip("#").strip().startswith(heading):
            end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith("#")), None)
            return "\n".join(lines[i + 1 : end])
    raise AssertionError(f"no heading starting with {heading!r}")


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def test_cli_walk_finds_the_commands() -> None:
    names = {" ".join(path) for path, _ in CLI}
    assert {"run", "events", "export", "zones", "zones import", "eval"} <= names


@pytest.mark.parametrize("path,cmd", CLI, ids=[" ".join(p) for p, _ in CLI])
def test_every_cli_command_and_option_is_documented(path: tuple[str, ...], cmd: Any) -> None:
    section = _section(_read("cli.md"), f"`sitroom {' '.join(path)}")
    for param in cmd.params:
        if param.param_type_name == "argument":
            assert _has_word(section, param.name.upper()), f"argument {param.name} of {path}"
        else:
            for opt in [*param.opts, *param.secondary_opts]:
                assert _has_word(section, opt), f"option {opt} of sitroom {' '.join(path)}"


@pytest.mark.parametrize("name", sitroom.__all__)
def test_every_public_name_is_documented(name: str) -> None:
    assert re.search(rf"`(sitroom\.)?{re.escape(name)}\b", _read("python-api.md")), name


def test_every_web_route_is_documented(tmp_path: Path) -> None:
    from sitroom.store import Store
    from sitroom.web.app import create_app

    doc = _read("web-api.md")
    routes = create_app(Store(tmp_path / "empty.db")).routes
    assert any(getattr(r, "path", "") == "/api/events" for r in routes)
    for route in routes:
        methods = getattr(route, "methods", None)
        if methods is None:  # a mount: /static
            assert f"`{route.path}/" in doc, route.path
            continue
        for method in sorted(methods - {"HEAD"}):
            assert f"`{method} {route.path}`" in doc, f"{method} {route.path}"


def _full_event() -> dict[str, Any]:
    """An event record with every optional part filled, built without any parsing."""
    place = PlaceRef("Saraqib", 35.86, 36.8, "SYR", "Idlib", "town", 172059)
    mention = Mention(
        id="men_1", article_id="art_1", event_type="ASSAULT", sentence="Shells hit Saraqib.",
        start=0, end=19, attribution=["monitor"], source_type="monitor", doc="d", outlet="O",
        url="https://news.example/1", published="2020-03-02", location=place,
    )  # fmt: skip
    event = Event(
        id="evt_1", event_type="ASSAULT", mode="artillery", cameo="195",
        acled_event_type="Explosions/Remote violence", acled_sub_event_type="Shelling",
        actor1=ActorRef("Syrian Arab Army", "SYR", "MIL"),
        actor2=ActorRef("civilians", "SYR", "CVL"),
        date=DateRef(month_day="--03-02", anchored_by="art_0", precision="unknown"),
        location=place, fatalities=Quantity("killed", 2, 3, 4), outcome="completed",
        n_sources=1, first_reported="2020-03-02", last_reported="2020-03-02",
        mention_ids=["men_1"],
        contradictions=[Contradiction("fatalities", [Claim(3, ["art_1"], ["monitor"])])],
        violations=[{"event_id": "evt_1"}],
    )  # fmt: skip
    return event_record(event, {"men_1": mention})


def _row(doc: str, field: str) -> str:
    """The formats.md table row whose first cell names ``field``."""
    return next(line for line in doc.splitlines() if line.startswith(f"| `{field}"))


def test_every_event_record_field_is_in_formats_md() -> None:
    doc = _read("formats.md")
    record = _full_event()
    for key in record:
        assert re.search(rf"`{key}[`\[]", doc), f"event field {key}"
    for key in record["date"]:
        assert f"`date.{key}`" in doc, f"date.{key}"
    for obj in ("actor1", "location", "fatalities"):
        for key in record[obj]:
            assert _has_word(_row(doc, obj), key), f"{obj}.{key}"
    contradiction = _row(doc, "contradictions")
    for key in [*record["contradictions"][0], *record["contradictions"][0]["claims"][0]]:
        assert _has_word(contradiction, key), f"contradictions.{key}"
    sources = _section(doc, "Source entry")
    for key in record["sources"][0]:
        assert f"`{key}`" in sources, f"sources[].{key}"
