"""Whether a README is written in English: the content signals read English words.

The signals that look for words ("for whom", "cross-validation", "limitation") cannot judge a README
written in Spanish or Chinese: they would report as missing what is plainly there in another language.
A reviewer who cannot read the language judges what is universal (headings in known languages, numbers,
links, model names) and leaves the rest; so does check.
"""

from __future__ import annotations

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
    ours = sum(word in _ENGLISH for word in words)
    theirs = sum(word in _OTHER for word in words)
    return ours >= theirs


_LETTERS = bytes(code if 97 <= code <= 122 else 32 for code in range(256))
"""ASCII ``a``-``z`` kept, every other byte a space."""


def latin_words(text: str) -> list[str]:
    """``re.findall(r"[^\\W\\d_]+", text.lower())`` outside web addresses; for ASCII text (a letter is
    ``a``-``z`` there) with ``bytes.translate`` instead of the regular expression engine."""
    lowered = text.lower()
    if "http" in lowered or "www." in lowered:  # what every address begins with
        lowered = _ADDRESS.sub(" ", lowered)
    if lowered.isascii():
        return lowered.encode("ascii").translate(_LETTERS).decode("ascii").split()
    return _TOKEN.findall(lowered)
