"""Term lists matched as whole words, fast: the machinery under :mod:`generator.check.vocabulary`.

One big regular expression of alternatives is slow in Python (every alternative is tried at every
position). Most terms are single words or word stems, so words are classified instead of texts:
each word, the first time it is seen, is told which lists it is a single word or stem of and which
leftover patterns' literal *anchors* it contains (a dictionary of the language, kept for the run and
bounded). A text is then read once for every list (:func:`_reading`): its words, and per list the
words it owns and the leftover patterns worth running. Phrases are looked for only when their first
two words occur; a leftover pattern runs only when a word of the text contains its anchor.

Readings of texts are kept per project only (:mod:`generator.check.per_project`): a cohort of similar projects
is read as if each were the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from generator.check.ascii_scan import tokens
from generator.check.per_project import forgotten_per_project

_PLAIN = re.compile(r"^[a-z0-9']+$")
_PLURAL = re.compile(r"^([a-z0-9']+)s\?$")
_ANCHOR = re.compile(r"[a-z0-9']+")
_GROUP = re.compile(r"\((?:[^()]|\([^()]*\))*\)[?*+]?")
_CLASS = re.compile(r"\[[^\]]*\][?*+]?|\\[a-z][?*+]?")
_OPTIONAL = re.compile(r".[?*]")
_PHRASE = re.compile(r"^[a-z0-9']+(?: [a-z0-9']+)+(?:s\?)?$")
_STEM = re.compile(r"^([a-z0-9']+)\\w[*+]$")


class Terms:
    """Words and phrases to look for, matched as whole words, case-insensitively."""

    def __init__(self, *alternatives: str) -> None:
        self.alternatives = alternatives
        _ALL.append(self)
        self.words: set[str] = set()
        phrases: set[str] = set()
        stems: list[str] = []
        rest: list[str] = []
        for alternative in (a.lower() for a in alternatives):
            if _PLAIN.match(alternative):
                self.words.add(alternative)
            elif plural := _PLURAL.match(alternative):
                self.words.update((plural.group(1), plural.group(1) + "s"))
            elif stem := _STEM.match(alternative):
                stems.append(stem.group(1))
            elif _PHRASE.match(alternative) and len(alternative.split()) <= 4:
                phrase = alternative.removesuffix("s?")
                phrases.update((phrase, phrase + "s") if alternative.endswith("s?") else (phrase,))
            else:
                rest.append(alternative)
        self.stems = tuple(stems)
        self.phrases: dict[str, dict[str, tuple[str, ...]]] = {}  # first word -> second word -> phrases
        for phrase in sorted(phrases):
            first, second = phrase.split(" ")[:2]
            seconds = self.phrases.setdefault(first, {})
            seconds[second] = (*seconds.get(second, ()), f" {phrase} ")
        self.firsts = frozenset(self.phrases)
        self.anchors = tuple(_anchor(item) for item in rest)
        self.rest = [re.compile(r"(?<![\w-])(?:" + item + r")(?![\w-])", re.IGNORECASE) for item in rest]
        self.prefixes = tuple(_prefix(item) for item in rest)
        marks = [(index, _mark(item)) for index, (item, anchor) in enumerate(zip(rest, self.anchors, strict=True))]
        self.marked = tuple((index, mark) for index, mark in marks if mark and not self.anchors[index])
        """Leftover patterns without a word anchor but with a caseless character every match holds (``%``)."""
        self.always = tuple(index for index, mark in marks if not mark and not self.anchors[index])
        """Leftover patterns with neither: they run on every text."""
        for index, anchor in enumerate(self.anchors):
            if anchor:  # anchors have two letters or more: indexed by their first two
                _ANCHORS.setdefault(anchor[:2], []).append((anchor, self, index))
        self.members: set[str] = set()
        """Words seen so far that are one of the single words or stems."""
        self.anchored: dict[str, tuple[int, ...]] = {}
        """Words seen so far that contain leftover patterns' anchors -> those patterns."""
        self.pattern = r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])"
        _forget_words()  # a new list: words classified before do not know it

    def distinct(self, text: str) -> set[str]:
        """The different terms that occur in ``text`` (lower case)."""
        reading = _reading(text)
        found = reading.tokens & self.members
        for phrases in self._openings(reading):
            joined = reading.joined()
            found.update(phrase[1:-1] for phrase in phrases if phrase in joined)
        for index in self._leftovers(reading, text):
            found.update(match.group().lower() for match in self._matches(index, text, reading))
        return found

    def count(self, text: str, limit: int) -> int:
        """``min(limit, len(self.distinct(text)))``, without looking further once ``limit`` terms are found."""
        reading = _reading(text)
        found = reading.tokens & self.members
        for phrases in self._openings(reading) if len(found) < limit else ():
            joined = reading.joined()
            found.update(phrase[1:-1] for phrase in phrases if phrase in joined)
        for index in self._leftovers(reading, text) if len(found) < limit else ():
            found.update(match.group().lower() for match in self._matches(index, text, reading))
            if len(found) >= limit:
                break
        return min(limit, len(found))

    def search(self, text: str) -> bool:
        """Whether any term occurs in ``text``."""
        reading = _reading(text)
        if not self.members.isdisjoint(reading.tokens):
            return True
        for phrases in self._openings(reading):
            joined = reading.joined()
            if any(phrase in joined for phrase in phrases):
                return True
        return any(next(self._matches(index, text, reading), None) for index in self._leftovers(reading, text))

    def _matches(self, index: int, text: str, reading: _Reading) -> Iterator[re.Match[str]]:
        """``finditer`` of leftover pattern ``index``, tried only where its literal start occurs.

        The pattern starts with a look-behind, which the regular expression engine evaluates at every
        position of the text (most of the time of a check); its literal start (``train``) is found by
        ``str.find`` in the lower-case text instead (exact when :func:`lowered_in_place` allows it).
        """
        pattern, prefix, lowered = self.rest[index], self.prefixes[index], reading.in_place
        if not prefix or lowered is None:
            yield from pattern.finditer(text)
            return
        position = lowered.find(prefix)
        while position >= 0:
            match = pattern.match(text, position)
            if match:
                yield match
                position = lowered.find(prefix, match.end())
            else:
                position = lowered.find(prefix, position + 1)

    def _openings(self, reading: _Reading) -> list[tuple[str, ...]]:
        """The phrases whose first two words both occur (only those are looked for in the text)."""
        tokens = reading.tokens
        return [
            phrases
            for first in self.firsts & tokens
            for second, phrases in self.phrases[first].items()
            if second in tokens
        ]

    def _leftovers(self, reading: _Reading, text: str) -> Iterable[int]:
        """The leftover patterns whose anchor occurs in a word of the text or whose character occurs in
        it, and those with neither."""
        words = reading.tokens & self.anchored.keys() if self.anchored else ()
        found = {index for word in words for index in self.anchored[word]}
        found.update(index for index, mark in self.marked if mark in text)
        return found.union(self.always) if found else self.always


_ALL: list[Terms] = []
_ANCHORS: dict[str, list[tuple[str, Terms, int]]] = {}
"""First two letters -> (anchor, list, leftover pattern) of every list's anchored leftover patterns."""
_SEEN: set[str] = set()
"""Every word classified so far (most belong to no list); bounded by ``_MAX_WORDS``."""
_MAX_WORDS = 200_000


def _forget_words() -> None:
    _SEEN.clear()
    for terms in _ALL:
        terms.members.clear()
        terms.anchored.clear()


def _classify(words: set[str]) -> None:
    """Tell each list which of these words (never seen before) it owns or holds an anchor of."""
    if len(_SEEN) + len(words) >= _MAX_WORDS:
        _forget_words()
    for terms in _ALL:  # a list owns a word that is one of its single words or starts with one of its stems
        terms.members.update(words.intersection(terms.words))
        if terms.stems:
            terms.members.update(word for word in words if word.startswith(terms.stems))
    for word in words:  # the anchors a word contains, looked up by each pair of letters in it
        for position in range(len(word) - 1):
            for anchor, terms, index in _ANCHORS.get(word[position : position + 2], ()):
                if word.startswith(anchor, position):
                    terms.anchored[word] = (*terms.anchored.get(word, ()), index)
    _SEEN.update(words)


class _Reading:
    """One text as the term lists read it: its words, their set, (when a phrase may occur) the words
    joined by single spaces, and (when a leftover pattern runs) the lower-case text."""

    __slots__ = ("_in_place", "_joined", "text", "tokens", "words")

    def __init__(self, text: str, words: list[str] | None = None) -> None:
        self.text = text
        self._in_place: str | bool | None = False  # not lowered yet
        if words is None:
            lowered = text.lower()
            self._in_place = lowered_in_place(text, lowered)
            words = tokens(lowered)
        self.words = words
        self.tokens = set(words)
        new = self.tokens - _SEEN
        if new:
            _classify(new)
        self._joined: str | None = None

    @property
    def in_place(self) -> str | None:
        """The lower-case text where :func:`lowered_in_place` allows a plain search in it."""
        if self._in_place is False:
            self._in_place = lowered_in_place(self.text, self.text.lower())
        return self._in_place  # type: ignore[return-value]

    def joined(self) -> str:
        """`` word word … `` with a space at each end, so a phrase is found as `` phrase ``."""
        if self._joined is None:
            self._joined = " " + " ".join(self.words) + " "
        return self._joined


def lowered_in_place(text: str, lowered: str) -> str | None:
    """``lowered`` (``text.lower()``) when a case-insensitive match in ``text`` is the same as a plain match
    of lower-case letters at the same place in ``lowered``, else ``None``.

    That holds when lowering keeps every character in its place (no ``İ``, which lowers to two) and
    the text has neither U+0131 (dotless i) nor U+017F (long s), which case-insensitive matching
    takes for ``i`` and ``s`` but which do not lower to them (checked for every code point).
    """
    if len(lowered) != len(text) or "\u0131" in text or "\u017f" in text:
        return None
    return lowered


def _reading(text: str) -> _Reading:
    """Read ``text`` once for all term lists (the same section text is asked about many times)."""
    reading = _READINGS.get(text)
    if reading is None:
        if len(_READINGS) >= _MAX_TEXTS:
            forget_texts()
        reading = _READINGS[text] = _Reading(text)
    return reading


def read_joined(text: str, parts: Iterable[str], *, keep: bool = True) -> None:
    """Read ``text``, which is ``parts`` joined by white space (any white space), from its parts' words
    (``keep``: remember the words of parts not read before; else they are read in runs, not one by one).

    Words never hold white space, and a part lower-cased alone has the same letters a-z, digits and
    apostrophes as in the text (only a Greek final sigma depends on its neighbours), so the text's
    words are its parts' words in turn; each part (a block, a section's kept sentences) is then
    read once per project, however many candidate, section and README texts hold it.
    """
    if text in _READINGS:
        return
    words: list[str] = []
    unread: list[str] = []
    for part in parts:
        found = _PART_WORDS.get(part)
        if found is None:
            read = _READINGS.get(part)
            if read is None and not keep:
                unread.append(part)
                continue
            found = _PART_WORDS[part] = tokens(lower_part(part)) if read is None else read.words
        if unread:
            words += tokens(" ".join(unread).lower())
            unread.clear()
        words += found
    if unread:
        words += tokens(" ".join(unread).lower())
    if len(_READINGS) >= _MAX_TEXTS:
        forget_texts()
    _READINGS[text] = _Reading(text, words)


def lower_part(part: str) -> str:
    """``part.lower()``, made once per project for a part of texts (a block, a section's kept sentences)
    that several readers lower: the term lists and the placeholder needles. Parts joined by a line break
    or a space lower to the joined text's lower case (the one letter whose lower case depends on its
    neighbours, the Greek capital sigma, does not look past either)."""
    found = _LOWERED.get(part)
    if found is None:
        if len(_LOWERED) >= _MAX_TEXTS:
            _LOWERED.clear()
        found = _LOWERED[part] = part.lower()
    return found


_READINGS: dict[str, _Reading] = {}
_PART_WORDS: dict[str, list[str]] = {}
_LOWERED: dict[str, str] = {}
_MAX_TEXTS = 4096


def forget_texts() -> None:
    """Drop the texts read so far: before each project (memory stays bounded by one project's texts,
    nothing one project wrote is remembered for the next), and when one project holds too many."""
    _READINGS.clear()
    _PART_WORDS.clear()
    _LOWERED.clear()


forgotten_per_project(forget_texts)


def _anchor(pattern: str) -> str:
    """Letters every match of ``pattern`` contains (its longest run outside groups, classes and optional
    letters), so the pattern runs only on texts that contain them; "" when there is no such run."""
    core = _GROUP.sub(" ", pattern)
    core = _CLASS.sub(" ", core)
    core = _OPTIONAL.sub(" ", core)
    best = max(_ANCHOR.findall(core), key=len, default="")
    return best if len(best) >= 2 else ""


_SPECIAL = frozenset("\\.^$*+?{}[]()|")


def _mark(pattern: str) -> str:
    """A character without case that every match of ``pattern`` contains (``%``, ``²``), or ""."""
    core = _OPTIONAL.sub(" ", _CLASS.sub(" ", _GROUP.sub(" ", pattern)))
    if "|" in core or "{" in core:
        return ""  # an alternative or a counted repeat: no single character is sure to occur
    return next(
        (
            char
            for char in core
            if char not in _SPECIAL and not char.isspace() and char.lower() == char.upper() and not _ANCHOR.match(char)
        ),
        "",
    )


def _prefix(pattern: str) -> str:
    """The literal text every match of ``pattern`` starts with (``train`` of ``train(?:ing)?[/ -]…``), or ""."""
    if "|" in _GROUP.sub(" ", pattern):
        return ""  # alternatives at the top level start differently
    prefix = []
    for position, char in enumerate(pattern):
        following = pattern[position + 1 : position + 2]
        if char not in _LITERAL or following in ("?", "*", "{"):
            break
        prefix.append(char)
        if following == "+":
            break
    return "".join(prefix)


_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789' -")
