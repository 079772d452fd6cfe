"""Metric names and numbers found in a line of text without the regular expression engine trying every
position: the runs of letters that can start a name are found with ``str.find``, numbers from their runs
of digits. Each function gives exactly what ``finditer`` of its pattern gives (tests/test_check_shortcuts.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.terms import lowered_in_place

LINE_WORD = re.compile(r"[a-z0-9²]+")
"""A run of letters and digits in a lower-case line."""
_RUN = re.compile(r"[a-z0-9²]+", re.IGNORECASE)
_RUN_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789²")
_DIGITS = re.compile(r"\d+")


def at_names(pattern: re.Pattern[str], raw: str, starts: frozenset[str] | list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(raw)`` for a pattern that starts with a metric's name after a word boundary,
    tried only where a run of letters could start a name: the regular expression engine would
    otherwise try every name at every position of the line (most of the time of a check).
    ``starts``: the run words a name can start with, or where they are in the line (:func:`name_starts`)."""
    end = 0
    for position in name_starts(raw, starts) if isinstance(starts, frozenset) else starts:
        if position >= end:
            match = pattern.match(raw, position)
            if match:
                yield match
                end = match.end()


def numbers_first(pattern: re.Pattern[str], raw: str, names: list[int] | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(raw)`` for a pattern that starts ``(?<![\\w.])[-+]?(?:\\d+…|\\.\\d+)``, tried only
    where such a number can start: at a run of digits, or at the sign or point just before it (the
    look-behind costs at every position).

    ``names``: where the metric names of the line start (:func:`name_starts`), for a pattern that reads a
    number, then at most a word, then a name after white space (``0.93 test accuracy``): its number then
    lies in one of the three words before a name, and numbers elsewhere in the line are not tried.
    """
    end = 0
    for run in _digit_runs(raw, names):
        digit = run.start()
        for start in (digit - 2, digit - 1, digit):
            if start < end or start < 0:
                continue
            if start == digit - 2 and not (raw[digit - 1] == "." and raw[start] in "+-"):
                continue
            if start == digit - 1 and raw[start] not in "+-.":
                continue
            match = pattern.match(raw, start)
            if match:
                yield match
                end = match.end()


def _digit_runs(raw: str, names: list[int] | None) -> Iterator[re.Match[str]]:
    """The runs of digits of ``raw``; with ``names``, only those in the three words before a name that
    follows white space (white space included: a number written ``0.5 %`` is two words). A window
    starts at white space and ends at a name, so no run of digits crosses its edges."""
    if names is None:
        yield from _DIGITS.finditer(raw)
        return
    windows: list[list[int]] = []
    for name in names:
        if name and raw[name - 1].isspace():
            # only the text since the last window's end is split (the whole prefix would make it quadratic):
            # a start found before that end merges the windows wherever it lies
            since = windows[-1][1] if windows else 0
            pieces = raw[since:name].rsplit(None, 3)
            low = since + len(pieces[0]) if len(pieces) == 4 else since
            if windows and low <= windows[-1][1]:
                windows[-1][1] = name  # names come in order, and so do their windows' starts
            else:
                windows.append([low, name])
    for low, high in windows:
        yield from _DIGITS.finditer(raw, low, high)


def name_starts(raw: str, starts: frozenset[str], read: tuple[str, list[str]] | None = None) -> list[int]:
    """Where the runs of letters and digits of ``raw`` that are in ``starts`` begin, in order.

    The runs are found in the lower-case line with ``str.find``, for only the few run words that are
    in ``starts`` (when :func:`~generator.check.terms.lowered_in_place` allows it; else every run
    is looked at).
    """
    lowered = lowered_in_place(raw, read[0] if read else raw.lower())
    if lowered is None:
        return [run.start() for run in _RUN.finditer(raw) if run.group().lower() in starts]
    positions = []
    for word in starts.intersection(read[1] if read else LINE_WORD.findall(lowered)):
        size, at = len(word), lowered.find(word)
        while at >= 0:
            before, after = lowered[at - 1 : at] if at else "", lowered[at + size : at + size + 1]
            if before not in _RUN_CHARACTERS and after not in _RUN_CHARACTERS:
                positions.append(at)
            at = lowered.find(word, at + size)
    return sorted(positions)
