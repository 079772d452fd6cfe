"""Metric names next to numbers, wherever a README puts them.

Three shapes are read: Markdown tables (a metric per row, or metrics as column headers),
loose rows (tab- or pipe-separated lines the parser saw as a paragraph), and prose
("an accuracy of 0.93", "F1 = 0.91", "reached 93% accuracy"). Every value is a number as
written plus its precision, so "0.9" agrees with 0.91 but "0.99" does not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.check.ascii_scan import has_digit, runs
from generator.check.line_scan import LINE_WORD, at_names, name_starts, numbers_first
from generator.check.vocabulary import MODEL

# metric id -> spellings (lower case; matched as whole words, spaces/dashes/underscores alike)
METRIC_NAMES: dict[str, tuple[str, ...]] = {
    "macro_f1": ("macro f1", "macro f1 score", "f1 macro", "macro avg f1", "macro averaged f1"),
    "weighted_f1": ("weighted f1", "f1 weighted"),
    "accuracy": (
        "accuracy",
        "acc",
        "test accuracy",
        "balanced accuracy",
        "validation accuracy",
        "val accuracy",
        "top 1 accuracy",
        "top1 accuracy",
    ),
    "precision": ("precision",),
    "recall": ("recall", "sensitivity"),
    "f1": ("f1", "f1 score", "f score", "f measure"),
    "roc_auc": ("roc auc", "auc roc", "auroc", "auc", "roc"),
    "pr_auc": ("pr auc", "average precision", "auprc"),
    "log_loss": ("log loss", "logloss", "cross entropy"),
    "rmse": ("rmse", "root mean squared error", "root mean square error"),
    "mse": ("mse", "mean squared error"),
    "mae": ("mae", "mean absolute error"),
    "mape": ("mape", "mean absolute percentage error"),
    "r2": ("r2", "r²", "r^2", "r squared", "coefficient of determination"),
    "silhouette": ("silhouette", "silhouette score"),
    "davies_bouldin": ("davies bouldin", "davies bouldin index", "davies bouldin score"),
    "adjusted_rand": ("adjusted rand", "adjusted rand index", "adjusted rand score", "ari"),
    "bleu": ("bleu",),
    "rouge": ("rouge", "rouge l", "rouge 1"),
    "perplexity": ("perplexity",),
    "iou": ("iou", "miou", "mean iou", "jaccard"),
    "dice": ("dice",),
    "map": ("map", "mean average precision"),
    "ndcg": ("ndcg",),
    "wer": ("wer", "word error rate"),
    "kappa": ("kappa", "cohen kappa", "cohen's kappa", "qwk", "quadratic weighted kappa"),
    "mcc": ("mcc", "matthews correlation", "matthews correlation coefficient"),
    "score": (
        "cv score",
        "public lb",
        "private lb",
        "lb score",
        "public score",
        "private score",
        "public leaderboard",
        "private leaderboard",
        "leaderboard score",
        "cv",
        "public",
        "private",
        "oof",
        "oof cv",
        "oof score",
        "publicscore",  # Kaggle's submission list, pasted as text
        "privatescore",
    ),
}
_SPELLING_TO_ID = {s: metric for metric, spellings in METRIC_NAMES.items() for s in spellings}
_NAME_WORDS = frozenset(word for spelling in _SPELLING_TO_ID for word in LINE_WORD.findall(spelling))
"""Every word of every metric spelling: a line without one of them names no metric."""
_BY_LENGTH = sorted(_SPELLING_TO_ID, key=len, reverse=True)
_NAME_RE = "|".join(re.escape(s).replace(r"\ ", r"[\s_-]?") for s in _BY_LENGTH)
_NAME = re.compile(rf"(?<![\w^])(?:{_NAME_RE})(?![\w²])", re.IGNORECASE)
_NUMBER = r"[-+]?(?:\d+(?:[.,]\d+)?|\.\d+)(?:\s?%)?"
_CELL_NUMBER = re.compile(rf"^\s*\**\s*({_NUMBER})\s*\**\s*(?:±\s*\S+|\(.*\))?\s*$")
_CONNECT = (
    r"(?:of|is|was|were|=|:|at|reaches|reached|achieved|around|about|approximately|roughly|nearly"
    r"|over|above|~|≈)(?:\s+(?:of|about|around|approximately))?"
)
_GAP = (
    rf"(?:\s*[:=]\s*|(?:\s+(?:on|in|for|the|test|held-out|validation|set|data|final|model|our|score|value))+"
    rf"\s*{_CONNECT}\s*|\s+(?:score\s+|value\s+)?(?:{_CONNECT})?\s*)"
)
_PROSE_AFTER = re.compile(
    rf"(?<![\w^])({_NAME_RE})(?![\w²])(?:\s*\([^)]*\))?{_GAP}\**({_NUMBER})(?!\w|\.\d)", re.IGNORECASE
)
_SLASHED = re.compile(
    rf"(?<![\w^])((?:{_NAME_RE}|public|private|train|val|valid|test)"
    rf"(?:\s*/\s*(?:{_NAME_RE}|public|private"
    rf"|train|val|valid|test))+)\s*[:=]?\s*({_NUMBER}(?:\s*/\s*{_NUMBER})+)",
    re.IGNORECASE,
)
_MODEL_SCORE = re.compile(rf"^\W*({MODEL.pattern})\W*\s*[:=\u2013-]\s*\**({_NUMBER})\**\s*$", re.IGNORECASE)
"""``Logistic Regression: 77%`` on a line of its own: a model's score with the metric left unnamed."""
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
    for spelling in _SPELLING_TO_ID
    for count in range(1, len(LINE_WORD.findall(spelling)) + 1)
)
"""The run of letters and digits a metric's name can start with: its first words written together or apart."""
_SLASH_STARTS = _NAME_STARTS | {"public", "private", "train", "val", "valid", "test"}
_PROSE_BEFORE = re.compile(rf"(?<![\w.])({_NUMBER})\**\s+(?:\w+\s+)?({_NAME_RE})(?![\w²])", re.IGNORECASE)
MAX_COLUMNS = 40
"""Cells per row looked at: wider "tables" are data dumps, not metric tables (and must stay linear)."""
_DIGIT = re.compile(r"\d")
_R_SQUARED = re.compile(r"\$?\bR\s*(?:\\?\^\s*\{?\s*2\s*\}?|<sup>\s*2\s*</sup>)\$?", re.IGNORECASE)
_BASELINE = re.compile(
    r"baseline|dummy|majority|most[- ]frequent|naive|random guess|before tuning|untuned|default", re.IGNORECASE
)
_FINAL = re.compile(r"final|selected|chosen|best|tuned|ours|proposed|deployed|winner|\(final\)|✅|⭐|🏆", re.IGNORECASE)
_WIDE_GAP = re.compile(r"\S {2,}\S")
_BOUNDED = {
    "score",
    "kappa",
    "mcc",
    "accuracy",
    "precision",
    "recall",
    "f1",
    "macro_f1",
    "weighted_f1",
    "roc_auc",
    "pr_auc",
    "r2",
    "silhouette",
    "iou",
    "dice",
    "map",
    "ndcg",
}


@dataclass(frozen=True)
class MetricValue:
    """A number written next to a metric name: value as a fraction when it was a percentage."""

    metric: str
    value: float
    decimals: int
    line: int
    role: str = ""
    """``baseline`` or ``final`` when the row or sentence says so (the reported value prefers final)."""

    def agrees_with(self, truth: float) -> bool:
        """Whether ``truth`` rounds to what the README wrote (with a little slack for rounding)."""
        tolerance = 0.5 * 10 ** (-self.decimals) + 1e-9
        return abs(self.value - truth) <= max(tolerance, 0.005 * abs(truth))


@lru_cache(maxsize=4096)
def metric_id(name: str) -> str | None:
    """The metric id for a display name or key (``"ROC AUC"``, ``"roc_auc"``, ``"R²"``)."""
    key = " ".join(re.sub(r"[\s_\-]+", " ", name.strip().strip("*`:").lower()).split())
    return _SPELLING_TO_ID.get(key) or _SPELLING_TO_ID.get(key.replace(" ", ""))


def parse_number(text: str) -> tuple[float, int] | None:
    """``"93.1%"`` -> (0.931, 3); ``"0.95"`` -> (0.95, 2); not a number -> None."""
    cleaned = text.strip().replace(" ", "")
    percent = cleaned.endswith("%")
    cleaned = cleaned.rstrip("%")
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


ROLE_RANK = {"final": 2, "": 1, "baseline": 0}
"""Which value a reader takes as the result when a README gives several."""


_BASELINE_WORDS = (
    *("baseline", "dummy", "majority", "most-frequent", "most frequent", "naive", "random guess"),
    *("before tuning", "untuned", "default"),
)
_FINAL_WORDS = ("final", "selected", "chosen", "best", "tuned", "ours", "proposed", "deployed", "winner")
"""What :data:`_BASELINE` and :data:`_FINAL` match in ASCII text (where case is only A-Z), found with ``in``."""


def role(label: str) -> str:
    """``baseline``, ``final`` or ``""`` for a table row's label or the sentence around a value."""
    if label.isascii():
        lowered = label.lower()
        if any(map(lowered.__contains__, _BASELINE_WORDS)):
            return "baseline"
        return "final" if any(map(lowered.__contains__, _FINAL_WORDS)) else ""
    if _BASELINE.search(label):
        return "baseline"
    return "final" if _FINAL.search(label) else ""


def normalise_text(text: str) -> str:
    """``$R^2$``, ``R\\^2`` and ``R<sup>2</sup>`` written as ``R2`` (so the metric names match)."""
    return _R_SQUARED.sub("R2", text) if ("^" in text or "<sup>" in text.lower()) else text


def _value(metric: str, number: str, line: int, label: str = "") -> MetricValue | None:
    parsed = parse_number(number)
    if parsed is None:
        return None
    value, decimals = parsed
    if metric in _BOUNDED and not -1 <= value <= 1:
        if 1 < value <= 100 and not number.strip().endswith("%"):
            value, decimals = value / 100, decimals + 2
        else:
            return None
    return MetricValue(metric, value, decimals, line, role(label) if label else "")


def from_rows(rows: list[list[str]], lines: Sequence[int]) -> list[MetricValue]:
    """Values from a table: metric-per-row (``| Accuracy | 0.95 |``) or metric-per-column.

    ``lines`` holds each row's source line. A row's first cell (the model's name) or a column's
    header ("Baseline", "Final") gives each value its role.
    """
    found: list[MetricValue] = []
    rows = [row[:MAX_COLUMNS] for row in rows]
    header = rows[0] if rows else []
    for number, row in enumerate(rows):
        for position, metric in enumerate(metric_id(cell) for cell in row):
            if metric is None:
                continue
            first = True
            for column in range(position + 1, min(position + 4, len(row))):  # values sit next to their name
                match = _CELL_NUMBER.match(row[column])
                if not match:
                    continue
                label = header[column] if number and column < len(header) else ""
                if first or role(label):
                    value = _value(metric, match.group(1), lines[number], label or row[0])
                    if value:
                        found.append(value)
                first = False
    metrics = [metric_id(cell) for cell in header]
    if any(metrics):
        for number, row in enumerate(rows[1:], start=1):
            for metric, cell in zip(metrics, row, strict=False):
                match = _CELL_NUMBER.match(cell) if metric else None
                if metric and match:
                    value = _value(metric, match.group(1), lines[number], row[0])
                    if value:
                        found.append(value)
    return found


def from_text(text: str, line: int) -> list[MetricValue]:
    """Values from prose and loose rows (tab, pipe or multi-space separated lines).

    Consecutive loose rows are read together as one table, so a header row of metric
    names applies to the number rows under it.
    """
    if not _digit(text):
        return []  # no number, no metric value (a header row alone gives nothing either)
    text = normalise_text(text)
    found: list[MetricValue] = []
    rows: list[list[str]] = []
    for offset, raw in enumerate([*text.split("\n"), ""]):
        number = line + offset
        cells = loose_cells(raw)
        if cells:
            rows.append(cells)
            continue
        if rows:
            found.extend(from_rows(rows, range(number - len(rows), number)))
            rows = []
        if not _digit(raw):
            continue
        lowered = raw.lower()
        line_words = runs(lowered)
        line_words = LINE_WORD.findall(lowered) if line_words is None else line_words
        named = not _NAME_WORDS.isdisjoint(line_words)
        if "/" in raw:
            found += _slashed(raw, number)
        if not named:
            labelled = _MODEL_SCORE.match(raw)
            value = _value("score", labelled.group(2), number, labelled.group(1)) if labelled else None
            found += [value] if value else []
            continue  # no metric's name on the line: nothing more to read
        names = name_starts(raw, _NAME_STARTS, (lowered, line_words))
        for match in at_names(_PROSE_AFTER, raw, names):
            metric = metric_id(match.group(1))
            value = (
                _value(metric, match.group(2), number, raw[max(0, match.start() - 40) : match.end()])
                if metric
                else None
            )
            if value:
                found.append(value)
        for match in numbers_first(_PROSE_BEFORE, raw, names):
            metric = metric_id(match.group(2))
            value = (
                _value(metric, match.group(1), number, raw[max(0, match.start() - 40) : match.end()])
                if metric
                else None
            )
            if value and not any(v.metric == value.metric and v.line == number for v in found):
                found.append(value)
    return found


def _digit(text: str) -> bool:
    found = has_digit(text)
    return bool(_DIGIT.search(text)) if found is None else found


def _slashed(raw: str, number: int) -> list[MetricValue]:
    """``CV/Public/Private 0.712 / 0.705 / 0.698``: names and numbers paired by position."""
    found = []
    for match in at_names(_SLASHED, raw, _SLASH_STARTS):
        names = [name.strip() for name in match.group(1).split("/")]
        numbers = [value.strip() for value in match.group(2).split("/")]
        for name, value in zip(names, numbers, strict=False):
            metric = metric_id(name) or _SLASH_NAMES.get(name.lower())
            parsed = _value(metric, value, number, raw[max(0, match.start() - 40) : match.end()]) if metric else None
            if parsed:
                found.append(parsed)
    return found


def loose_cells(raw: str) -> list[str]:
    """Cells of a tab-, pipe- or wide-space-separated line; [] for ordinary prose."""
    raw = raw.strip()
    if "\t" not in raw and "|" not in raw and "  " not in raw.strip():
        return []
    if "\t" not in raw and raw.count("|") < 2 and not _WIDE_GAP.search(raw):
        return []
    cells = [c.strip() for c in re.split(r"\t+|\||\s{2,}", raw) if c.strip()]
    return cells if len(cells) >= 2 else []


def mentions(text: str) -> set[str]:
    """Metric ids named anywhere in ``text`` (with or without numbers)."""
    return {metric for match in at_names(_NAME, text, _NAME_STARTS) if (metric := metric_id(match.group()))}
