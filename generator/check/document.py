"""Documents as reviewers read them: headings, the blocks under them, and the sections they make.

Every reader (Markdown, reStructuredText, notebook markdown) produces a :class:`Document`;
everything after reading works on this shape only. A section is a heading plus everything
until the next heading of the same or a higher level, so ``## Data`` includes its ``### Source``;
the extents are computed in one pass with a stack (a README with 16,000 headings stays linear).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.check import ascii_scan

if TYPE_CHECKING:
    from generator.check.metrics_text import MetricValue

PSEUDO_LEVEL = 7
"""Pseudo-headings (bold, emoji, numbered, ALL-CAPS or short lines) rank below ``######``."""
_NOT_NEWLINE = re.compile(r"[^\n]")
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+", re.IGNORECASE)
IDEOGRAPHS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Chinese characters and Japanese kana: written without spaces between words."""
CHARACTERS_PER_WORD = 2
"""How many of those characters a reader takes for a word (most Chinese words have two)."""


@dataclass
class Block:
    """One piece of content: prose (paragraph or list text), code, table, or raw HTML."""

    kind: str
    line: int
    text: str
    info: str = ""
    rows: list[list[str]] = field(default_factory=list)
    row_lines: list[int] = field(default_factory=list)
    metric_values: list[MetricValue] | None = field(default=None, repr=False)
    alt: tuple[str, ...] = ()
    """Alt texts of the images in a prose block: read as words, but a figure's title is not a result."""

    def text_without_alt(self) -> str:
        """The text with its images' alt texts blanked, each character a space (``![ROC of 10 folds](roc.png)``
        is a figure's title, not a value or a sentence; offsets and lines stay where they were)."""
        text = self.text
        for alt in self.alt:
            text = text.replace(alt, _NOT_NEWLINE.sub(" ", alt), 1)
        return text


@dataclass(frozen=True)
class Link:
    """A link or image target, its text, and the source line it is on."""

    target: str
    line: int
    text: str = ""


@dataclass(frozen=True)
class Heading:
    """A heading as written: text, level 1-7, 1-based line, kind (atx, setext, rst, pseudo) and style.

    ``style`` says how a pseudo-heading was recognised (bold, emoji, numbered, caps, line),
    so a report can tell the author that a real heading would be easier to find.
    """

    text: str
    level: int
    line: int
    kind: str
    style: str = ""


@dataclass
class Section:
    """A heading and the blocks under it (``heading`` is ``None`` for the untitled introduction)."""

    heading: Heading | None
    blocks: list[Block]
    _prose: str | None = field(default=None, repr=False, compare=False)

    def prose(self) -> str:
        """The section's paragraph and list text (no code, tables, comments); joined once (the checks of
        a section ask for it many times)."""
        if self._prose is None:
            self._prose = "\n".join(block.text for block in self.blocks if block.kind == "prose")
        return self._prose

    def text(self) -> str:
        """Prose and table text: what a reviewer reads as the section's content."""
        return "\n".join(self.texts())

    def texts(self) -> list[str]:
        """The texts of :meth:`text`, block by block."""
        return [block.text for block in self.blocks if block.kind in ("prose", "table")]

    def lines(self) -> range:
        """Source lines this section covers (heading included)."""
        start = self.heading.line if self.heading else min((b.line for b in self.blocks), default=1)
        end = max((block.line for block in self.blocks), default=start)
        return range(start, max(start, end) + 1)


@dataclass
class Document:
    """A parsed README or the markdown cells of one notebook."""

    name: str
    source: str
    headings: list[Heading]
    blocks: list[Block]
    links: list[Link]
    images: list[Link]
    cell_starts: Sequence[tuple[int, int]] = ()
    formatting: list[tuple[int, str]] = field(default_factory=list)
    _sections: list[Section] | None = None

    @property
    def title_heading(self) -> Heading | None:
        """The title (a README's name, never one of its sections): the first heading when it is level 1,
        or a long level-2/3 heading with nothing but badges above it (``## Sleep stages - 4th place``)."""
        first = self.headings[0] if self.headings else None
        if first is None or not first.text:
            return None
        if first.level == 1:
            return first
        before = any(block.line < first.line and block.kind in ("prose", "table") for block in self.blocks[:5])
        return first if first.level <= 3 and len(first.text.split()) >= 4 and not before else None

    @property
    def title(self) -> str | None:
        """What the project calls itself: the title heading, else the first level-1 heading."""
        heading = self.title_heading
        return heading.text if heading else next((h.text for h in self.headings if h.level == 1 and h.text), None)

    @property
    def sections(self) -> list[Section]:
        """One section per heading, in order (computed once, in linear time)."""
        if self._sections is None:
            self._sections = _sections(self.headings, self.blocks)
        return self._sections

    def intro(self) -> Section:
        """The untitled text before the first heading and directly under the title."""
        title = self.title_heading
        stop = next((h.line for h in self.headings if h is not title), None)
        blocks = [b for b in self.blocks if stop is None or b.line < stop]
        return Section(None, blocks)

    def location(self, line: int) -> str:
        """Where a reviewer finds ``line``: ``README.md:12`` or ``notebooks/x.ipynb cell 3``."""
        return location(self.name, self.cell_starts, line)

    def file_line(self, line: int) -> int | None:
        """The line in the file on disk (notebook cells have no stable file line)."""
        return None if self.cell_starts else line


def location(name: str, cell_starts: Sequence[tuple[int, int]], line: int) -> str:
    """``name:line`` for a file; ``name cell N`` for a line of a notebook's joined markdown cells."""
    if not cell_starts:
        return f"{name}:{line}"
    index = max(bisect_right([start for start, _ in cell_starts], line) - 1, 0)
    return f"{name} cell {cell_starts[index][1]}"


def words(text: str) -> int:
    """Words of prose (letters in any script; numbers and punctuation do not count). Chinese and Japanese
    text counts a word per ``CHARACTERS_PER_WORD`` characters: it has no spaces to count between words."""
    if text.isascii():
        return ascii_scan.words(text)  # counted without making a string per word
    spaced, ideographs = IDEOGRAPHS.subn(" ", text)
    return ascii_scan.words(spaced) + -(-ideographs // CHARACTERS_PER_WORD)


def has_words(text: str, count: int) -> bool:
    """Whether ``text`` has at least ``count`` words."""
    return count <= 0 or words(text) >= count


def bare_urls(text: str) -> list[str]:
    """``http(s)://`` addresses written as plain text."""
    return _BARE_URL.findall(text)


def _sections(headings: list[Heading], blocks: list[Block]) -> list[Section]:
    """Each heading's extent (until the next heading of the same or a higher level), via a stack."""
    ends: list[int | None] = [None] * len(headings)
    open_: list[int] = []
    for index, heading in enumerate(headings):
        while open_ and headings[open_[-1]].level >= heading.level:
            ends[open_.pop()] = heading.line
        open_.append(index)
    starts = [block.line for block in blocks]
    sections = []
    for heading, end in zip(headings, ends, strict=True):
        first = bisect_left(starts, heading.line)
        last = len(blocks) if end is None else bisect_left(starts, end)
        sections.append(Section(heading, blocks[first:last]))
    return sections
