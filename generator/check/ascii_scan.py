"""Scans by character class done with ``bytes.translate`` instead of the regular expression engine.

The engine spends some twenty instructions a character on a class such as ``[a-z0-9']+`` (more on
``\\w`` or ``\\d``, which look up Unicode categories), and a check reads the same texts several times;
``translate`` maps a character in about one. Each function gives exactly what its regular expression
gives (tests/test_check_shortcuts.py). Where the class holds characters that are not ASCII (``\\w`` takes
``é``), a codec error handler first writes each run of them as ASCII characters of their class (once per
run: a README's ``±`` and dashes are few), or a function answers ``None`` for text it cannot read so
(``str.isascii`` tells ASCII text at no cost).
"""

from __future__ import annotations

import codecs
import string

_KEEP = frozenset(string.ascii_lowercase + string.digits + "'")
_TOKEN_TABLE = bytes(code if chr(code) in _KEEP else 32 for code in range(256))
"""``[a-z0-9']`` kept, every other byte a space."""
_LETTER_TABLE = bytes(97 if chr(code).isascii() and chr(code).isalpha() else 32 for code in range(256))
"""ASCII letters as ``a``, other bytes as spaces (what ``_WORD_MIDDLE`` deletes is never seen)."""
_WORD_MIDDLE = (string.digits + "_'-").encode()
"""Characters that continue a word but cannot start one."""
_NORMAL_TABLE = bytes(
    ord(chr(code).lower()) if chr(code).isascii() and (chr(code).isalnum() or chr(code) in "_'-") else 32
    for code in range(256)
)
"""``[\\w'-]`` of ASCII, lower-cased; every other byte a space."""
_RUN_TABLE = bytes(code if chr(code) in string.ascii_lowercase + string.digits else 32 for code in range(256))
"""``[a-z0-9]`` kept, every other byte a space."""
_DIGITS = string.digits


def tokens(lowered: str) -> list[str]:
    """``re.findall(r"[a-z0-9']+", lowered)``: every other character, ASCII or not, only separates."""
    return lowered.encode("ascii", "replace").translate(_TOKEN_TABLE).decode("ascii").split()


def words(text: str) -> int:
    """``len(re.findall(r"[^\\W\\d_][\\w'\\u2019-]*", text))``.

    A word starts at the first letter of a run of ``[\\w'\\u2019-]`` and takes the rest of the run, so
    there is one word per run that holds a letter: with the letters marked, the other characters of runs
    deleted and everything else a space, that is the number of runs of marks. A character that is not
    ASCII (``é``, ``±``, a dash) is first written as an ASCII character of its class (:func:`_classes`).
    """
    data = text.encode("ascii") if text.isascii() else text.encode("ascii", _CLASSES)
    marked = data.translate(_LETTER_TABLE, _WORD_MIDDLE)
    return marked.count(b" a") + marked.startswith(b"a")


def _classes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler of :func:`words`: characters that are not ASCII as ``a`` for a letter (what
    ``[^\\W\\d_]`` takes: ``\\w`` is ``str.isalnum``, ``\\d`` is ``str.isdecimal``), ``0`` for a decimal
    digit, ``'`` for U+2019, else a space (called once per run of such characters)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    classes = "".join(
        ("0" if char.isdecimal() else "a") if char.isalnum() else "'" if char == "\u2019" else " "
        for char in error.object[error.start : error.end]
    )
    return classes, error.end


_CLASSES = "portfolio-word-classes"
codecs.register_error(_CLASSES, _classes)


def normal_words(text: str) -> list[str] | None:
    """``re.findall(r"[\\w'\\u2019-]+", text.lower())`` for text whose characters that are not ASCII
    (``±``, a dash) lower to none of those (they only separate words), else ``None``."""
    try:
        data = text.encode("ascii") if text.isascii() else text.encode("ascii", _SEPARATORS)
    except _WordCharacter:
        return None
    return data.translate(_NORMAL_TABLE).decode("ascii").split()


class _WordCharacter(ValueError):
    """A character that is not ASCII but can be part of a word (``é``, U+2019)."""


def _separators(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler of :func:`normal_words`: spaces for characters whose lower case holds no
    ``[\\w'\\u2019-]`` character; any other stops the encoding."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    for char in error.object[error.start : error.end]:
        if any(low.isalnum() or low in "_'\u2019-" for low in char.lower()):
            raise _WordCharacter(char)
    return " " * (error.end - error.start), error.end


_SEPARATORS = "portfolio-word-separators"
codecs.register_error(_SEPARATORS, _separators)


def has_digit(text: str) -> bool | None:
    """``re.search(r"\\d", text) is not None`` when the text is ASCII or holds an ASCII digit, else ``None``
    (``\\d`` takes other scripts' digits too)."""
    if any(map(text.__contains__, _DIGITS)):
        return True
    return False if text.isascii() else None


def runs(lowered: str) -> list[str] | None:
    """``re.findall(r"[a-z0-9²]+", lowered)`` for text without ``²``, else ``None`` (any other character
    that is not ASCII only separates runs, as the ``?`` it is encoded as does)."""
    if lowered.isascii():
        data = lowered.encode("ascii")
    elif "²" in lowered:
        return None
    else:
        data = lowered.encode("ascii", "replace")
    return data.translate(_RUN_TABLE).decode("ascii").split()
