"""Whether a README is written in English: the content signals read English words.

The signals that look for words ("for whom", "cross-validation", "limitation") cannot judge a README
written in Spanish or Chinese: they would report as missing what is plainly there in another language.
A reviewer who cannot read the language judges what is universal (headings in known languages, numbers,
links, model names) and leaves the rest; so does check.
"""

from __future__ import annotations

import codecs
import re

from generator.check.document import CHARACTERS_PER_WORD, IDEOGRAPHS

_ENGLISH = frozenset(
    {
        *("the", "and", "of", "to", "in", "is", "for", "with", "that", "this", "on", "are", "was", "we", "it"),
        *("by", "as", "from", "be", "an", "our", "were", "which"),
    }
)
_OTHER = frozenset(
    # words no English sentence uses, that each language uses in most of its sentences
    {
        *("de", "la", "el", "que", "los", "las", "del", "por", "una", "para", "con", "como", "más"),  # Spanish
        *("da", "dos", "das", "em", "uma", "não", "pelo", "pela", "são", "ao"),  # Portuguese
        *("les", "des", "et", "est", "du", "une", "dans", "sur", "pas"),  # French
        *("della", "che", "gli", "delle"),  # Italian
        *("der", "und", "das", "ist", "mit", "von", "zu", "nicht", "ein", "eine", "auf", "für"),  # German
        *("het", "een", "van", "voor", "niet"),  # Dutch
    }
)
_ADDRESS = re.compile(r"(?:https?://|www\.)\S*")
_TOKEN = re.compile(r"[^\W\d_]+")


def english(text: str) -> bool:
    """Whether ``text`` reads as English: more English function words than those of the other languages
    READMEs are often written in, and more Latin-script words than Chinese or Japanese ones."""
    words = latin_words(text)
    ideographs = 0 if text.isascii() else len(IDEOGRAPHS.findall(text)) // CHARACTERS_PER_WORD
    if ideographs > len(words):
        return False
    return sum(map(_ENGLISH.__contains__, words)) >= sum(map(_OTHER.__contains__, words))


_LETTERS = bytes(code if 97 <= code <= 122 else 32 for code in range(256))
"""ASCII ``a``-``z`` kept, every other byte a space."""


def latin_words(text: str) -> list[str]:
    """``re.findall(r"[^\\W\\d_]+", text.lower())`` outside web addresses; for text whose letters are all
    ASCII (``a``-``z`` once lowered; ``±``, dashes and box-drawing characters only separate words) with
    ``bytes.translate`` instead of the regular expression engine."""
    lowered = text.lower()
    if "http" in lowered or "www." in lowered:  # what every address begins with
        lowered = _ADDRESS.sub(" ", lowered)
    try:
        data = lowered.encode("ascii") if lowered.isascii() else lowered.encode("ascii", _NOT_LETTERS)
    except _Letter:
        return _TOKEN.findall(lowered)
    return data.translate(_LETTERS).decode("ascii").split()


class _Letter(ValueError):
    """A character that is not ASCII but is a letter to ``[^\\W\\d_]`` (``é``, ``ß``, a Chinese character)."""


def _not_letters(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler of :func:`latin_words`: a space for each character that is not ASCII and not a
    letter (``\\w`` is ``str.isalnum`` or ``_``, ``\\d`` is ``str.isdecimal``); a letter stops the encoding."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    run = error.object[error.start : error.end]
    if any(char.isalnum() and not char.isdecimal() for char in run):
        raise _Letter(run)
    return " " * len(run), error.end


_NOT_LETTERS = "portfolio-not-letters"
codecs.register_error(_NOT_LETTERS, _not_letters)
