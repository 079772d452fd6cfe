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

from generator.check.ascii_scan import normal_words
from generator.check.placeholders import strip_placeholders
from generator.check.vocabulary import GENERIC_WORDS, SPECIFIC_TERMS

if TYPE_CHECKING:
    from generator.check.structure import Located

MARKS_NEEDED = 3
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(*])")
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
    """Per written section: its specific marks, its stock sentences and the text that says something."""

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
            for sentence in _SENTENCES.split(" ".join(strip_placeholders(block.text).split())):
                if not sentence.strip():
                    continue
                normal = _normal(sentence)
                sentences[key].append((sentence.strip(), normal))
                if len(normal.split()) >= 5:
                    blocks_of.setdefault(normal, set()).add(id(block))
                    if key not in keys_of.setdefault(normal, []):
                        keys_of[normal].append(key)
    result = Specificity(repeated={normal: keys_of[normal] for normal, ids in blocks_of.items() if len(ids) > 1})
    known: dict[str, int] = {}  # a subsection's sentences are also its parent's: read each once
    for key, items in sentences.items():
        marks, kept, stock = 0, [], []
        for sentence, normal in items:
            if normal in result.repeated:
                continue
            mark = known.get(sentence)
            if mark is None:
                mark = known[sentence] = _marks(sentence, normal)
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


def _normal(sentence: str) -> str:
    found = normal_words(sentence)
    return " ".join(_WORDS.findall(sentence.lower()) if found is None else found)


def _marks(sentence: str, normal: str) -> int:
    """Specific things in one sentence (at most three count): a number, a link, names, named methods,
    and every two words of five letters or more that stock sentences do not use ("patients", "serum")."""
    count = 1 if _NUMBER.search(sentence, 0, 400) else 0
    count += 1 if _LINK.search(sentence) else 0
    count += len({name for name in _names(sentence) if name not in _COMMON_CAPITALS})
    if count >= 3:
        return 3  # the cheap marks are enough: no need to look for named methods
    uncommon = {word for word in normal.split(" ") if len(word) >= 5 and word not in GENERIC_WORDS}  # its words
    count += len(uncommon) // 2
    if count >= 3:
        return 3  # marks only add up: named methods could not change the result
    return count + SPECIFIC_TERMS.count(sentence, 3 - count)


def _names(sentence: str) -> list[str]:
    """What ``(?<=\\s)`` + :data:`_NAME` finds, searched without the look-behind (which the regular
    expression engine would try at every position) and checked where a name starts."""
    found = []
    position = 0
    while match := _NAME.search(sentence, position):
        start = match.start()
        if start and sentence[start - 1].isspace():
            found.append(match.group())
            position = match.end()
        else:
            position = start + 1
    return found
