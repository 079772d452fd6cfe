"""Whether a written section says anything specific, and whether sections repeat each other.

A reviewer skims past "The results were good and I learned a lot": it has the words but no
content. A sentence is *specific* when it carries something checkable: a number, a link, a
name (a capitalised word inside the sentence, an acronym such as AUC or UCI, ``code``), or a
named model, validation scheme or baseline. A sentence of five or more words that occurs in two
sections is *repeated* and counts for neither. A section is specific with three such marks;
a metrics table's numbers count as marks, so a table alone is specific.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.check.ascii_scan import has_digit, normal_words
from generator.check.placeholders import strip_joined
from generator.check.vocabulary import GENERIC_WORDS, SPECIFIC_TERMS

if TYPE_CHECKING:
    from generator.check.structure import Located

MARKS_NEEDED = 3
_SENTENCE_BREAK = re.compile(r"[.!?] (?=[A-Z0-9\"'(*])")
"""A sentence ends at a stop followed by white space and a capital, digit, quote or bracket: in a text
whose white space is single spaces, found from the stop (a look-behind for it, ``(?<=[.!?])\\s+``,
would be tried at every position)."""
_WORDS = re.compile(r"[\w'\u2019-]+")
_NUMBER = re.compile(r"\d")
_LINK = re.compile(r"https?://|www\.|\.(?:com|org|io|csv|json|md|py)\b", re.IGNORECASE)
_NAME = re.compile(r"[A-Z][a-z]*[A-Z][\w-]*|[A-Z]{2,}[\w-]*|[A-Z][a-z][\w-]+")
"""A name (``Wisconsin``, ``AUC``, ``XGBoost``) where it follows white space (see :func:`_names`)."""
_COMMON_CAPITALS = frozenset(
    {
        "I",
        "The",
        "This",
        "These",
        "We",
        "It",
        "In",
        "A",
        "An",
        "Our",
        "My",
        "And",
        "But",
        "Data",
        "Dataset",
        "Model",
        "Models",
        "Results",
        "Project",
        "Problem",
        "Method",
        "Metrics",
        "Outcome",
        "Overall",
        "Finally",
        "Also",
        "However",
    }
)


@dataclass
class Specificity:
    """Per written section: its specific marks (counted as far as telling whether there are
    ``MARKS_NEEDED``), its stock sentences and the text that says something."""

    marks: dict[str, int] = field(default_factory=dict)
    stock: dict[str, list[str]] = field(default_factory=dict)
    kept: dict[str, str] = field(default_factory=dict)
    repeated: dict[str, list[str]] = field(default_factory=dict)

    def specific(self, section_id: str) -> bool:
        """Whether the section carries enough specific marks."""
        return self.marks.get(section_id, 0) >= MARKS_NEEDED


def read_specificity(located: Mapping[str, Located]) -> Specificity:
    """Read every written section's sentences: repeated across sections, stock (no mark at all), or kept."""
    sentences: dict[str, list[tuple[str, str]]] = {}  # (sentence, its normal form)
    blocks_of: dict[str, set[int]] = {}  # sections overlap (a subsection is inside its parent): count blocks
    keys_of: dict[str, list[str]] = {}
    for key, found in located.items():
        if not found.hit.filled:
            continue
        sentences[key] = []
        for block in found.section.blocks:
            if block.kind != "prose":
                continue
            for sentence in _sentences(" ".join(strip_joined([block.text]).split())):
                if not sentence.strip():
                    continue
                normal = _normal(sentence)
                sentences[key].append((sentence.strip(), normal))
                if len(normal.split()) >= 5:
                    blocks_of.setdefault(normal, set()).add(id(block))
                    if key not in keys_of.setdefault(normal, []):
                        keys_of[normal].append(key)
    result = Specificity(repeated={normal: keys_of[normal] for normal, ids in blocks_of.items() if len(ids) > 1})
    known: dict[str, tuple[int, int]] = {}  # a subsection's sentences are also its parent's: read each once
    for key, items in sentences.items():
        marks, kept, stock = 0, [], []
        for sentence, normal in items:
            if normal in result.repeated:
                continue
            limit = max(1, MARKS_NEEDED - marks)  # a section with its marks only asks whether a sentence has any
            mark, read_to = known.get(sentence, (0, 0))
            if read_to < limit and mark == read_to:  # not read, or read only as far as a lower limit
                mark = _marks(sentence, normal, limit)
                known[sentence] = (mark, limit)
            mark = min(mark, limit)
            if mark == 0 and len(_WORDS.findall(sentence)) >= 4:
                stock.append(sentence)
            else:
                marks += mark
                kept.append(sentence)
        table_numbers = sum(
            1
            for block in located[key].section.blocks
            if block.kind == "table"
            for row in block.rows[1:]
            for cell in row
            if _NUMBER.search(cell)
        )
        result.marks[key] = marks + min(2 * table_numbers + len(located[key].metric_values), MARKS_NEEDED)
        result.kept[key] = " ".join(kept)
        result.stock[key] = stock
    return result


def _sentences(text: str) -> list[str]:
    """``re.split(r"(?<=[.!?])\\s+(?=[A-Z0-9\"'(*])", text)`` for a text whose white space is single spaces."""
    pieces, start = [], 0
    for match in _SENTENCE_BREAK.finditer(text):
        pieces.append(text[start : match.start() + 1])
        start = match.end()
    pieces.append(text[start:])
    return pieces


def _normal(sentence: str) -> str:
    found = normal_words(sentence)
    return " ".join(_WORDS.findall(sentence.lower()) if found is None else found)


def _marks(sentence: str, normal: str, limit: int) -> int:
    """Specific things in one sentence, counted up to ``limit`` (at most three count): a number, a link,
    names, named methods, and every two words of five letters or more that stock sentences do not use
    ("patients", "serum"). Marks only add up, so the count stops as soon as it reaches ``limit``."""
    count = 1 if _has_number(sentence[:400]) else 0
    if count < limit and _has_link(sentence):
        count += 1
    if count < limit:
        count += len({name for name in _names(sentence) if name not in _COMMON_CAPITALS})
    if count >= limit:
        return limit
    uncommon = {word for word in normal.split(" ") if len(word) >= 5 and word not in GENERIC_WORDS}  # its words
    count += len(uncommon) // 2
    if count >= limit:
        return limit
    return count + SPECIFIC_TERMS.count(sentence, limit - count)


def _has_number(text: str) -> bool:
    found = has_digit(text)
    return bool(_NUMBER.search(text)) if found is None else found


_LINK_PARTS = ("http", "www.", ".com", ".org", ".io", ".csv", ".json", ".md", ".py")
"""One of these is in every match of :data:`_LINK` (as written: ASCII, where case is only A-Z)."""


def _has_link(sentence: str) -> bool:
    if sentence.isascii() and not any(map(sentence.lower().__contains__, _LINK_PARTS)):
        return False
    return bool(_LINK.search(sentence))


def _names(sentence: str) -> list[str]:
    """What ``(?<=\\s)`` + :data:`_NAME` finds: a name starts after white space, so at a word of
    ``sentence.split()`` (the first one only when white space comes before it), and ends inside it;
    the look-behind, which the regular expression engine would try at every position, is not needed."""
    words = sentence.split()
    if words and not sentence[:1].isspace():
        del words[0]
    return [match.group() for word in words if "A" <= word[0] <= "Z" and (match := _NAME.match(word))]
