"""Train and save the shipped event classifiers (CASE 2021 ACLED labels, PLOVER GSR types).

Reads the DEV files in ../shared/eval (relative to the repo root) at train
time only and writes src/sitroom/data/models/event_models.joblib. Usage:
``.venv/bin/python scripts/train_event_model.py [--cv]`` (``--cv`` also prints
the 5-fold cross-validated scores).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import joblib

from sitroom.evaluate.events import crossval_case, crossval_plover
from sitroom.extract.event_type import MODEL_PATH, fit_model

EVAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> None:
    """Fit both models on all DEV records, save them, optionally report CV scores."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cv", action="store_true", help="also print 5-fold CV scores")
    args = parser.parse_args()
    case = _read(EVAL / "case2021_task2" / "dev.jsonl")
    plover = _read(EVAL / "plover_gsr" / "dev.jsonl")
    models = {
        "case": fit_model("case", [r["text"] for r in case], [r["label"] for r in case]),
        "plover": fit_model("plover", [r["text"] for r in plover], [r["event"] for r in plover]),
    }
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(models, MODEL_PATH, compress=3)
    print(f"saved {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e6:.1f} MB)")
    if args.cv:
        print("CASE 5-fold CV:", json.dumps(crossval_case(case), indent=1))
        print("PLOVER 5-fold CV:", json.dumps(crossval_plover(plover), indent=1))


if __name__ == "__main__":
    main()
