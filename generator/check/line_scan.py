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


def at_names(
    pattern: re.Pattern[str], raw: str, starts: frozenset[str], read: tuple[str, list[str]] | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(raw)`` for a pattern that starts with a metric's name after a word boundary,
    tried only where a run of letters could start a name: the regular expression engine would
    otherwise try every name at every position of the line (most of the time of a check).
    ``read``: the lower-case line and its runs, when the caller has them."""
    end = 0
    for position in name_starts(raw, starts, read):
        if position >= end:
            match = pattern.match(raw, position)
            if match:
                yield match
                end = match.end()


def numbers_first(pattern: re.Pattern[str], raw: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(raw)`` for a pattern that starts ``(?<![\\w.])[-+]?(?:\\d+…|\\.\\d+)``, tried only
    where such a number can start: at a run of digits, or at the sign or point just before it (the
    look-behind costs at every position)."""
    end = 0
    for run in _DIGITS.finditer(raw):
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
