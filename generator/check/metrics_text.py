"""Metric names next to numbers, wherever a README puts them.

Three shapes are read: Markdown tables (a metric per row, or metrics as column headers),
loose rows (tab-, pipe- or space-aligned lines the parser saw as a paragraph), and prose
("an accuracy of 0.93", "F1 = 0.91", "reached 93% accuracy", "R^2 value of 0.59"). Every value is a
number as written plus its precision, so "0.9" agrees with 0.91 but "0.99" does not; and it carries
what the words around it say about whose number it is (:mod:`generator.check.metric_roles`) and
which model's row it sits on, so that the reported value can be the final model's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.check.ascii_scan import has_digit, runs
from generator.check.line_scan import LINE_WORD, at_names, name_starts, numbers_first
from generator.check.metric_names import BOUNDED, SPELLING_TO_ID, metric_id, qualified_metric_id
from generator.check.metric_roles import CLAUSE_END, carried, clause, combine, label_role, role
from generator.check.vocabulary import MODEL

_NAME_WORDS = frozenset(word for spelling in SPELLING_TO_ID for word in LINE_WORD.findall(spelling))
"""Every word of every metric spelling: a line without one of them names no metric."""
_BY_LENGTH = sorted(SPELLING_TO_ID, key=len, reverse=True)
_NAME_RE = "|".join(re.escape(s).replace(r"\ ", r"[\s_-]?") for s in _BY_LENGTH)
_NAME = re.compile(rf"(?<![\w^])(?:{_NAME_RE})(?![\w²])", re.IGNORECASE)
_NUMBER = r"[-+]?(?:\d+(?:[.,]\d+)?|\.\d+)(?:\s?%)?"
_WRITTEN = rf"(?:%\s?)?{_NUMBER}"
"""A number as a value is written, the percent sign before it included ("%91.67")."""
_CELL_NUMBER = re.compile(rf"^\s*\**\s*({_WRITTEN})\s*\**\s*(?:±\s*\S+|\(.*\))?\s*$")
_CONNECT = (
    r"(?:(?:is|was|were|are)(?:\s+(?:found|shown|measured|calculated|computed|estimated)\s+(?:to\s+be|at|as))?"
    r"|of|=|:|at|reaches|reached|achieved|around|about|approximately|roughly|nearly|over|above|~|≈)"
    r"(?:\s+(?:of|about|around|approximately|at least|at most|more than|less than|below|under))?"
)
_NOUN = r"(?:score|value|rating|ratings|rate)"
"""What can follow a metric's name before its value: "an R^2 value of", "accuracy rating of"."""
_IN_BRACKETS = r"\s+(?:of|for)\s+(?:[\w-]+\s+){0,2}[\w-]+\s*\(\s*(?=[^()\s]{1,12}\s*\))"
"""A model's value in brackets after the metric's name: "AUC for XGBoost (0.88)", "recall of class 1 (0.4)"."""
_GAP = (
    rf"(?:\s*[:=]\s*|(?:\s+(?:on|in|for|the|test|held-out|validation|set|data|final|model|our|{_NOUN}))+"
    rf"\s*{_CONNECT}\s*|\s+(?:{_NOUN}\s+)?(?:{_CONNECT})?\s*|{_IN_BRACKETS})"
)
_ABOUT = r"(?:\\?~|≈)?\s?"
"""An approximate value's mark ("Test Accuracy: ~77%", which editors escape as ``\\~77%``): the value is the one
written."""
_PROSE_AFTER = re.compile(
    rf"(?<![\w^])({_NAME_RE})(?![\w²])(?:\s*\([^)\n]{{0,60}}\))?{_GAP}\**{_ABOUT}({_WRITTEN})(?!\w|\.\d)",
    re.IGNORECASE,
)
_SLASHED = re.compile(
    rf"(?<![\w^])((?:{_NAME_RE}|public|private|train|val|valid|test)"
    rf"(?:\s*/\s*(?:{_NAME_RE}|public|private"
    rf"|train|val|valid|test))+)\s*[:=]?\s*({_NUMBER}(?:\s*/\s*{_NUMBER})+)",
    re.IGNORECASE,
)
_MODEL_SCORE = re.compile(
    rf"^\W*({MODEL.pattern}(?:[ \t]+[A-Za-z][\w-]*){{0,3}})(?:\s*\([^()\n]{{1,40}}\))?\W*\s*[:=\u2013-]\s*\**"
    rf"({_WRITTEN})\**\s*$",
    re.IGNORECASE,
)
"""``Logistic Regression: 77%``, ``Support Vector Machine (SVM): 0.90`` on a line of its own: a model's
score with the metric left unnamed (the text around it may name it: :mod:`generator.check.metric_blocks`)."""
_LEADING_MODEL = re.compile(rf"^[^A-Za-z(\n]{{0,12}}({MODEL.pattern})", re.IGNORECASE)
"""A line that starts with a model's name (``- Random Forest: F1 0.92``) gives its values that model's row."""
_SLASH_NAMES = {
    "public": "score",
    "private": "score",
    "train": "score",
    "val": "score",
    "valid": "score",
    "test": "score",
}
_NAME_STARTS = frozenset(
    "".join(LINE_WORD.findall(spelling)[:count])
    for spelling in SPELLING_TO_ID
    for count in range(1, len(LINE_WORD.findall(spelling)) + 1)
)
"""The run of letters and digits a metric's name can start with: its first words written together or apart."""
_SLASH_STARTS = _NAME_STARTS | {"public", "private", "train", "val", "valid", "test"}
_PROSE_BEFORE = re.compile(rf"(?<![\w.])({_NUMBER})\**\s+(?:\w+(?:-\w+)?\s+)?({_NAME_RE})(?![\w²])", re.IGNORECASE)
_AFTER = re.compile(r"(?:(?! and )[^,;.(\n]){0,30}")
"""The words after "86% accuracy" that say whose it is ("on the test set"), up to the end of the phrase."""
_DESCRIBED = re.compile(r"\s*(?:range|ranges|threshold|thresholds|interval|intervals|band|bands)\b", re.IGNORECASE)
"""A noun after "0.9 recall" that makes the number describe something ("the 0.6 to 0.9 recall range")."""
MAX_COLUMNS = 40
"""Cells per row looked at: wider "tables" are data dumps, not metric tables (and must stay linear)."""
_DIGIT = re.compile(r"\d")
_R_SQUARED = re.compile(r"\$?\bR\s*(?:\\?\^\s*(?:\{\s*2\s*\}|2)|<sup>\s*2\s*</sup>)\$?", re.IGNORECASE)
_WIDE_GAP = re.compile(r"\S {2,}\S")
_CELLS = re.compile(r"\t+|\||\s{2,}")
_SPLIT = r"(?:train(?:ing)?|test(?:ing)?|val(?:idation)?|valid|hold[- ]?out|held[- ]?out)(?:[\s_-]+set)?"
_SPLIT_WORD = re.compile(
    rf"^(?:{_SPLIT}[\s_-]+(?P<after>.+)|(?P<before>.+?)[\s_-]*\(?{_SPLIT}\)?)$",
    re.IGNORECASE,
)
"""A column header that names the data split with the metric ("Train R2", "RMSE (test)")."""
_NOT_A_MODEL = re.compile(
    r"\b(?:std|sd|stdev|st\.? ?dev|deviation|variance|var|ci|confidence|interval|error|se|support|count|n|samples?"
    r"|p[- ]?value|delta|change|diff|difference|improvement|gain|lift|rank|notes?|comments?|description|units?)\b|[%±]",
    re.IGNORECASE,
)
"""Headers of columns beside a metric's value that hold something else than another model's value."""
MAX_CELL_WORDS = 6
"""A space-aligned cell longer than this is a sentence, not a cell."""


@dataclass(frozen=True)
class MetricValue:
    """A number written next to a metric name: value as a fraction when it was a percentage."""

    metric: str
    value: float
    decimals: int
    line: int
    role: str = ""
    """Whose number the words around it say it is (:data:`~generator.check.metric_roles.ROLE_RANK`)."""
    row: str = ""
    """The model (table row, or line that starts with a model's name) the value belongs to; ``""``: none."""
    table: int = 0
    """The first line of the value's table; 0 for a model's line in prose (those read as one list)."""
    named: bool = True
    """False for ``Model: 0.9`` with no metric named: ``score`` until the text around it names the metric."""

    def agrees_with(self, truth: float) -> bool:
        """Whether ``truth`` rounds to what the README wrote (with a little slack for rounding)."""
        tolerance = 0.5 * 10 ** (-self.decimals) + 1e-9
        return abs(self.value - truth) <= max(tolerance, 0.005 * abs(truth))


def parse_number(text: str) -> tuple[float, int] | None:
    """``"93.1%"`` -> (0.931, 3); ``"%91.67"`` -> (0.9167, 4); ``"0.95"`` -> (0.95, 2); not a number -> None."""
    cleaned = text.strip().replace(" ", "")
    percent = cleaned.endswith("%") or cleaned.startswith("%")
    cleaned = cleaned.strip("%")
    if cleaned.count(",") == 1 and "." not in cleaned and len(cleaned.split(",")[1]) != 3:
        cleaned = cleaned.replace(",", ".")
    cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    decimals = len(cleaned.split(".")[1]) if "." in cleaned else 0
    if percent:
        return value / 100, decimals + 2
    return value, decimals


def normalise_text(text: str) -> str:
    """``$R^2$``, ``R\\^2`` and ``R<sup>2</sup>`` written as ``R2`` (so the metric names match)."""
    return _R_SQUARED.sub("R2", text) if ("^" in text or "<sup>" in text.lower()) else text


@lru_cache(maxsize=4096)
def cell_metric(cell: str) -> tuple[str, str] | None:
    """A header cell's metric id and the role its words give (``"Test RMSE"`` -> ``("rmse", "test")``,
    ``"F1 (macro)"`` -> ``("macro_f1", "")``)."""
    metric = metric_id(cell)
    if metric is None:
        bare = cell.strip().strip("*`:").strip()
        split = _SPLIT_WORD.match(bare)
        metric = metric_id(split.group("after") or split.group("before")) if split else None
        metric = metric or qualified_metric_id(bare)
    return (metric, label_role(cell)) if metric else None


def _value(
    metric: str, number: str, line: int, found_role: str = "", row: str = "", table: int = 0
) -> MetricValue | None:
    parsed = parse_number(number)
    if parsed is None:
        return None
    value, decimals = parsed
    if metric in BOUNDED and "%" in number and abs(value) < 0.01:
        return None  # "a 0.5% accuracy gain", "0.90% AUC": a change or a slip of the pen, not a score
    if metric in BOUNDED and not -1 <= value <= 1:
        if 1 < value <= 100 and "%" not in number:
            value, decimals = value / 100, decimals + 2
        else:
            return None
    if number.lstrip().startswith("+"):
        found_role = "delta"  # "+0.015 on CV", "+2% recall": a gain over something else, not a score
    return MetricValue(metric, value, decimals, line, found_role, row, table)


def from_rows(rows: list[list[str]], lines: Sequence[int]) -> list[MetricValue]:
    """Values from a table: metric-per-row (``| Accuracy | 0.95 |``) or metric-per-column.

    ``lines`` holds each row's source line. A row's first cell (the model's name) and a column's
    header ("Baseline", "Final", "Train", "Test R2") give each value its role; the model is the row
    (metrics as columns) or the column (metrics as rows).
    """
    found: list[MetricValue] = []
    rows = [row[:MAX_COLUMNS] for row in rows]
    header = rows[0] if rows else []
    table = lines[0] if rows else 0
    for number, row in enumerate(rows):
        for position, named in enumerate(map(cell_metric, row)):
            if named is None:
                continue
            first = True
            for column in range(position + 1, min(position + 4, len(row))):  # values sit next to their name
                match = _CELL_NUMBER.match(row[column])
                if not match:
                    continue
                label = header[column] if number and column < len(header) else ""
                column_role = label_role(label) if label else ""
                if first or column_role or _model_column(label):
                    found_role = combine(named[1], label_role(row[0]) if position else "", column_role)
                    value = _value(named[0], match.group(1), lines[number], found_role, label.lower(), table)
                    if value:
                        found.append(value)
                first = False
    metrics = [cell_metric(cell) for cell in header]
    if any(metrics):
        for number, written in enumerate(rows[1:], start=1):
            # a printed data frame's index is a column without a header: the header names the cells after it
            row = written[1:] if len(written) == len(header) + 1 else written
            row_role = label_role(row[0]) if row else ""
            key = (row[0].strip().lower() if row else "") or f"line {lines[number]}"
            for named, cell in zip(metrics, row, strict=False):
                match = _CELL_NUMBER.match(cell) if named else None
                if named and match:
                    value = _value(named[0], match.group(1), lines[number], combine(row_role, named[1]), key, table)
                    if value:
                        found.append(value)
    return found


@lru_cache(maxsize=4096)
def _model_column(label: str) -> bool:
    """Whether a header over values names a model (``| Metric | Ridge | Forest |``), not a spread or a note."""
    return bool(label) and not _CELL_NUMBER.match(label) and not _NOT_A_MODEL.search(label) and not metric_id(label)


def from_text(text: str, line: int) -> list[MetricValue]:
    """Values from prose and loose rows (tab, pipe or space-aligned lines).

    Consecutive loose rows are read together as one table, so a header row of metric
    names applies to the number rows under it.
    """
    if not _digit(text):
        return []  # no number, no metric value (a header row alone gives nothing either)
    text = normalise_text(text)
    raws = text.split("\n")
    found: list[MetricValue] = []
    rows: list[list[str]] = []
    loose = _loose_rows(raws) if "\t" in text or "|" in text or "  " in text else [[]] * len(raws)
    for offset, cells in enumerate([*loose, []]):
        number = line + offset
        if cells:
            rows.append(cells)
            continue
        if rows:
            found.extend(from_rows(rows, range(number - len(rows), number)))
            rows = []
        if offset < len(raws) and _digit(raws[offset]):
            found += _from_line(raws[offset], number)
    return found


def _from_line(raw: str, number: int) -> list[MetricValue]:
    """Values in one line of prose; a line that starts with a model's name gives them that model's row."""
    lowered = raw.lower()
    line_words = runs(lowered)
    line_words = LINE_WORD.findall(lowered) if line_words is None else line_words
    found = _slashed(raw, number) if "/" in raw else []
    if _NAME_WORDS.isdisjoint(line_words):
        labelled = _MODEL_SCORE.match(raw)
        value = _value("score", labelled.group(2), number, role(labelled.group(1))) if labelled else None
        return [*found, replace(value, row=labelled.group(1).lower(), named=False)] if value and labelled else found
    names = name_starts(raw, _NAME_STARTS, (lowered, line_words))
    end, previous = 0, ""
    logged = "val_" in lowered  # "loss: 0.2 - accuracy: 0.95 - val_accuracy: 0.91": a training log's line
    read: set[int] = set()  # where the numbers read name-first end: not read again number-first
    for match in at_names(_PROSE_AFTER, raw, names):
        metric = metric_id(match.group(1))
        found_role = _role_after(raw, match, end, previous)
        if logged and not found_role and not match.group(1).lower().startswith("val"):
            found_role = "train"  # beside a val_ value, the unprefixed one is the training set's
        end = match.end()
        value = _value(metric, match.group(2), number, found_role) if metric else None
        if value:
            found.append(value)
            read.add(match.end(2))
            previous = found_role
    # "88% training accuracy, 82% validation accuracy": each number once, however many share a metric
    floor = 0
    for match in numbers_first(_PROSE_BEFORE, raw, names):
        metric = metric_id(match.group(2))
        if metric is None or match.end(1) in read or not _a_result(raw, match):
            continue
        after = _AFTER.match(raw, match.end())
        found_role = role(after.group() if after else "") or role(clause(raw, match.start(), match.end(), floor))
        value = _value(metric, match.group(1), number, found_role)
        if value:
            found.append(value)
            read.add(match.end(1))
            floor = match.end()
    model = _LEADING_MODEL.match(raw) if found else None
    if model is None:
        return found
    return [replace(value, row=model.group(1).lower()) for value in found]


def _role_after(raw: str, match: re.Match[str], floor: int, previous: str) -> str:
    """The role of a value read name-first: its clause's, else that of the value before it in the same
    sentence ("our final model reached accuracy 0.91 and F1 0.88": both the final model's)."""
    found = role(clause(raw, match.start(), match.end(), floor))
    if found or CLAUSE_END.search(raw, floor, match.start()):
        return found
    return carried(previous, raw, floor, match.start(), match.end())


def _a_result(raw: str, match: re.Match[str]) -> bool:
    """Whether a number written before a metric's name is a result: written as one (``0.93``, ``93%``;
    not ``10 folds ROC``), and followed by nothing that makes it a description ("0.9 recall range")."""
    return any(mark in match.group(1) for mark in ".,%") and not _DESCRIBED.match(raw, match.end())


def _digit(text: str) -> bool:
    found = has_digit(text)
    return bool(_DIGIT.search(text)) if found is None else found


def _slashed(raw: str, number: int) -> list[MetricValue]:
    """``CV/Public/Private 0.712 / 0.705 / 0.698``: names and numbers paired by position."""
    found = []
    for match in at_names(_SLASHED, raw, _SLASH_STARTS):
        names = [name.strip() for name in match.group(1).split("/")]
        numbers = [value.strip() for value in match.group(2).split("/")]
        found_role = role(clause(raw, match.start(), match.end()))
        for name, value in zip(names, numbers, strict=False):
            metric = metric_id(name) or _SLASH_NAMES.get(name.lower())
            parsed = _value(metric, value, number, found_role) if metric else None
            if parsed:
                found.append(parsed)
    return found


def _split(raw: str) -> tuple[list[str], bool]:
    """A line's cells when it is tab-, pipe- or space-separated, and whether spaces alone separate them.
    Space-separated cells must look like cells: a few words each, none a sentence's end."""
    raw = raw.strip()
    if "\t" in raw or raw.count("|") >= 2:
        cells = [c.strip() for c in _CELLS.split(raw) if c.strip()]
        return (cells if len(cells) >= 2 else []), False
    if "  " not in raw or not _WIDE_GAP.search(raw):
        return [], False
    cells = [c.strip() for c in _CELLS.split(raw) if c.strip()]
    if len(cells) < 2 or not all(map(_cell_like, cells)):
        return [], True
    return cells, True


def _cell_like(cell: str) -> bool:
    words = cell.split()
    return len(words) <= MAX_CELL_WORDS and not (len(words) > 1 and cell[-1] in ".!?;,")


def _row_like(cells: list[str]) -> bool:
    """Cells that are a table row on their own: a bare number among them, or two metrics' names."""
    return any(_CELL_NUMBER.match(cell) for cell in cells) or sum(metric_id(cell) is not None for cell in cells) >= 2


def loose_cells(raw: str) -> list[str]:
    """Cells of a tab-, pipe- or space-aligned line that reads as a table row on its own; [] for prose
    (two spaces after a full stop do not make a sentence a row)."""
    cells, spaced = _split(raw)
    return cells if cells and (not spaced or _row_like(cells)) else []


def _loose_rows(raws: list[str]) -> list[list[str]]:
    """Each line's cells when it is a table row: on its own, or as a header aligned like the row beside it."""
    split = [_split(raw) for raw in raws]
    alone = [bool(cells) and (not spaced or _row_like(cells)) for cells, spaced in split]
    rows = []
    for index, (cells, _spaced) in enumerate(split):
        if alone[index] or not cells:
            rows.append(cells if alone[index] else [])
            continue
        beside = [near for near in (index - 1, index + 1) if 0 <= near < len(split) and alone[near]]
        aligned = any(split[near][1] and len(split[near][0]) == len(cells) for near in beside)
        rows.append(cells if aligned else [])
    return rows


def mentions(text: str) -> set[str]:
    """Metric ids named anywhere in ``text`` (with or without numbers)."""
    return {metric for match in at_names(_NAME, text, _NAME_STARTS) if (metric := metric_id(match.group()))}
