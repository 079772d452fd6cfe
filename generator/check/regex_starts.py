"""Run a regular expression only where a match can start: at the literal text every match begins with.

Python's engine tries a pattern that begins with ``\\b``, ``^`` or a case-insensitive letter at every
position of the text. When every match starts with one of a few literal strings (``here``/``below is``
for ``\\b(?:here(?:'s| is)|below is) …``), ``str.find`` in the lower-case text finds the few positions
worth trying. Exact: the starts are read from the pattern's own parse tree, and the search falls back
to ``finditer`` when lowering moves characters (see :func:`~generator.check.terms.lowered_in_place`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from generator.check.terms import lowered_in_place

try:  # the parser behind re.compile (private: without it every pattern simply runs everywhere)
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    _sre_parse = None

_ZERO_WIDTH = ("AT_BOUNDARY", "AT_BEGINNING", "AT_BEGINNING_LINE", "AT_BEGINNING_STRING")
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789' -")
"""Characters whose case-insensitive matches are exactly their lower-case forms in a lowered text."""


def literal_starts(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Lower-case strings one of which begins every match of ``pattern`` (``()`` when unknown)."""
    if _sre_parse is None:
        return ()
    try:
        starts = _starts(list(_sre_parse.parse(pattern.pattern, pattern.flags).data))
    except Exception:  # an unreadable tree only means no shortcut
        return ()
    if not starts or any(start == "" or (len(start) == 1 and start in _SAFE) for start in starts):
        return ()  # unknown, or a single common letter: no fewer places to try than finditer's
    return tuple(sorted(starts))


def _starts(items: list[tuple[Any, Any]]) -> set[str]:
    """The literal beginnings of ``items`` (a sequence of parse-tree nodes); ``""`` means unknown."""
    for position, (op, value) in enumerate(items):
        name = str(op)
        if (name == "AT" and str(value) in _ZERO_WIDTH) or name in ("ASSERT", "ASSERT_NOT"):
            continue  # \b, ^ and look-arounds take no text: the literal after them starts the match
        if name == "LITERAL":
            text = ""
            for following_op, following in items[position:]:
                char = chr(following) if str(following_op) == "LITERAL" else ""
                if not char or not _literal(char):
                    break
                text += char.lower()
            return {text}
        rest = items[position + 1 :]  # what follows a group that may take no text (a branch of look-arounds)
        if name == "SUBPATTERN" and not value[1] and not value[2]:
            return _starts(list(value[3].data) + rest)
        if name == "BRANCH":
            return set().union(*(_starts(list(branch.data) + rest) for branch in value[1]))
        return {""}
    return {""}


def _literal(char: str) -> bool:
    """An ASCII letter or digit (either case) or a character without case: found as itself in a lowered text."""
    if char.isascii() and char.lower() in _SAFE:
        return True
    return char.lower() == char.upper() and not char.isspace() and char.isprintable()


def matches(
    pattern: re.Pattern[str], starts: tuple[str, ...], text: str, lowered: str | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only where one of ``starts`` occurs (``lowered``: ``text.lower()``
    when the caller has it)."""
    lowered = lowered_in_place(text, text.lower() if lowered is None else lowered) if starts else None
    if lowered is None:
        yield from pattern.finditer(text)
        return
    found: set[int] = set()
    for start in starts:  # str.find in a loop: no generator to switch to at every occurrence
        at = lowered.find(start)
        while at >= 0:
            found.add(at)
            at = lowered.find(start, at + 1)
    positions = sorted(found)
    end = 0
    for position in positions:
        if position >= end and (match := pattern.match(text, position)):
            yield match
            end = match.end()


def substitute(
    pattern: re.Pattern[str], starts: tuple[str, ...], text: str, replacement: str, lowered: str | None = None
) -> str:
    """``pattern.sub(replacement, text)`` for a literal replacement, tried only where a match can start
    (the very ``text`` back when nothing matches)."""
    if not starts:
        return pattern.sub(replacement, text)
    pieces, last = [], 0
    for match in matches(pattern, starts, text, lowered):
        pieces += [text[last : match.start()], replacement]
        last = match.end()
    return "".join(pieces) + text[last:] if pieces else text


def occurs(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text) is not None``, each top-level alternative looked for on its own: those with
    literal starts only where a start occurs (``str.find``), the others by the engine.

    The engine tries every branch of an alternation at every position, and a case-insensitive branch
    cannot be skipped by its first letter: a twenty-branch list of cue phrases costs twenty attempts a
    character. A text holds a match of ``A|B|…`` exactly when it holds a match of one of them (nothing
    follows the alternation), so the answer is the same.
    """
    branches = _branches(pattern)
    if not branches:
        return pattern.search(text) is not None
    lowered = None
    for branch, starts in branches:
        if starts:
            lowered = text.lower() if lowered is None else lowered
            if next(matches(branch, starts, text, lowered), None) is not None:
                return True
    return any(branch.search(text) for branch, starts in branches if not starts)


@lru_cache(maxsize=64)
def _branches(pattern: re.Pattern[str]) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """The top-level alternatives of ``pattern``, each compiled alone with its literal starts; ``()`` when the
    pattern is not an alternation that can be split so (verbose, back-references, inline global flags)."""
    source = pattern.pattern
    if pattern.flags & re.VERBOSE or _UNSPLITTABLE.search(source) or _sre_parse is None:
        return ()
    parts = _top_level(source)
    try:
        tree = _sre_parse.parse(source, pattern.flags)
        items = list(tree.data)
        if len(parts) < 2 or len(items) != 1 or str(items[0][0]) != "BRANCH" or len(items[0][1][1]) != len(parts):
            return ()
        compiled = [re.compile(part, pattern.flags) for part in parts]
    except Exception:  # an unreadable tree only means no shortcut
        return ()
    return tuple((branch, literal_starts(branch)) for branch in compiled)


_UNSPLITTABLE = re.compile(r"\\\d|\(\?P=|\(\?\(|^\(\?[aiLmsux]+\)")
"""Back-references, conditional groups and inline global flags: a branch alone would not mean the same."""


def _top_level(source: str) -> list[str]:
    """``source`` split at each ``|`` outside groups and character classes."""
    parts: list[str] = []
    depth = start = index = 0
    in_class = False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1
            index += source.startswith("^", index)
            index += source.startswith("]", index)  # a "]" first in a class is itself
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    return [*parts, source[start:]]
