"""Whether a learner's CSV (``new --dataset``) can train at all, said before anything is made.

The starter code splits off a test set (20 %) and cross-validates on the rest (5 folds): those
are the built-in templates' defaults in ``params.toml``. A CSV that cannot survive that ends in a
scikit-learn traceback deep in ``train.py``; here it is refused with the file and the problem.
The file is read once, streaming, so a 200 MB file costs one pass and little memory.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from generator.errors import AnswerError

MAX_DATASET_BYTES = 200 * 1024 * 1024
TEST_SIZE = 0.2
CV_FOLDS = 5
MIN_ROWS = 20  # fewer cannot give a test set and five folds with more than a handful of rows each
# Each class needs a few rows in every fold of the stratified split of the training part.
MIN_PER_CLASS = math.ceil(CV_FOLDS / (1 - TEST_SIZE)) + 1
CLASSIFICATION_METRICS = frozenset(
    {"accuracy", "balanced_accuracy", "f1", "f1_macro", "macro_f1", "precision", "recall", "roc_auc", "log_loss"}
)
REGRESSION_METRICS = frozenset({"mae", "rmse", "mse", "r2", "mape"})


def task_of(metrics: Iterable[str]) -> str | None:
    """``classification``, ``regression`` or None (other kinds: no per-target rule), from the entry's metrics."""
    names = {name.lower() for name in metrics}
    if names & CLASSIFICATION_METRICS:
        return "classification"
    if names & REGRESSION_METRICS:
        return "regression"
    return None


def check_dataset(path: Path, target: str, task: str | None = None) -> None:
    """Refuse a CSV that is missing, huge, binary, unreadable, without ``target``, or too small to train."""
    if not path.is_file():
        raise AnswerError(f"dataset not found: {path}")
    if path.stat().st_size > MAX_DATASET_BYTES:
        raise AnswerError(f"dataset {path} is larger than {MAX_DATASET_BYTES // 2**20} MB; keep big data out of git")
    with path.open("rb") as raw:
        if b"\x00" in raw.read(1 << 16):
            raise AnswerError(f"dataset {path.name}: binary content (NUL bytes), not a CSV text file")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = csv.reader(handle)
            header = next(rows, [])
            if target not in header:
                columns = ", ".join(header[:20]) or "no columns"
                raise AnswerError(f"target column {target!r} not found in {path.name} (columns: {columns})")
            column = header.index(target)
            values = Counter(row[column].strip() for row in rows if len(row) > column)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise AnswerError(f"cannot read {path} as a UTF-8 CSV: {error}") from None
    _check_rows(path.name, target, values, task)


def _check_rows(name: str, target: str, values: Counter[str], task: str | None) -> None:
    rows = sum(values.values())
    if rows == 0:
        raise AnswerError(f"dataset {name} has a header but no data rows")
    empty = values.get("", 0)
    if empty:
        raise AnswerError(f"dataset {name}: {empty} row(s) have no value in the target column {target!r}")
    if rows < MIN_ROWS:
        raise AnswerError(
            f"dataset {name} has {rows} rows; a test split ({TEST_SIZE:.0%}) and {CV_FOLDS}-fold "
            f"cross-validation need at least {MIN_ROWS}"
        )
    if task == "regression":
        bad = next((value for value in values if not _is_number(value)), None)
        if bad is not None:
            raise AnswerError(f"dataset {name}: the target {target!r} must be numeric for regression (found {bad!r})")
    if task == "classification":
        if len(values) < 2:
            raise AnswerError(f"dataset {name}: the target {target!r} has a single class; a classifier needs two")
        rare = sorted(label for label, count in values.items() if count < MIN_PER_CLASS)
        if rare:
            shown = ", ".join(repr(label) for label in rare[:5]) + (" ..." if len(rare) > 5 else "")
            raise AnswerError(
                f"dataset {name}: class(es) {shown} of {target!r} have fewer than {MIN_PER_CLASS} rows; "
                f"the stratified split and {CV_FOLDS}-fold cross-validation need at least that many per class"
            )


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False
