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
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.check.placeholders import strip_placeholders
from generator.check.vocabulary import GENERIC_WORDS, SPECIFIC_TERMS

if TYPE_CHECKING:
    from generator.check.structure import Located

MARKS_NEEDED = 3
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_WORDS = re.compile(r"[\w'\u2019-]+")
_NUMBER = re.compile(r"\d")
_LINK = re.compile(r"https?://|www\.|\.(?:com|org|io|csv|json|md|py)\b", re.IGNORECASE)
_NAME = re.compile(r"(?<=\s)(?:[A-Z][a-z]*[A-Z][\w-]*|[A-Z]{2,}[\w-]*|[A-Z][a-z][\w-]+)")
_COMMON_CAPITALS = frozenset({"I", "The", "This", "These", "We", "It", "In", "A", "An", "Our", "My", "And", "But",
                              "Data", "Dataset", "Model", "Models", "Results", "Project", "Problem", "Method",
                              "Metrics", "Outcome", "Overall", "Finally", "Also", "However"})


@dataclass
class Specificity:
    """Per section: its specific marks; repeated sentences and the sections they occur in."""

    marks: dict[str, int] = field(default_factory=dict)
    repeated: dict[str, list[str]] = field(default_factory=dict)

    def specific(self, section_id: str) -> bool:
        """Whether the section carries enough specific marks."""
        return self.marks.get(section_id, 0) >= MARKS_NEEDED


def read_specificity(located: Mapping[str, Located]) -> Specificity:
    """Count the specific marks of every written section, leaving out sentences repeated across sections."""
    sentences: dict[str, list[str]] = {}
    for key, found in located.items():
        if found.hit.filled:
            sentences[key] = [s for s in _SENTENCES.split(strip_placeholders(found.section.prose())) if s.strip()]
    seen: Counter[str] = Counter()
    owners: dict[str, list[str]] = {}
    for key, items in sentences.items():
        for normal in {_normal(s) for s in items}:
            if len(normal.split()) >= 5:
                seen[normal] += 1
                owners.setdefault(normal, []).append(key)
    repeated = {normal: owners[normal] for normal, count in seen.items() if count > 1}
    result = Specificity(repeated=repeated)
    for key, items in sentences.items():
        marks = sum(_marks(s) for s in items if _normal(s) not in repeated)
        table_numbers = sum(1 for block in located[key].section.blocks if block.kind == "table"
                            for row in block.rows[1:] for cell in row if _NUMBER.search(cell))
        result.marks[key] = marks + min(2 * table_numbers + len(located[key].metric_values), MARKS_NEEDED)
    return result


def _normal(sentence: str) -> str:
    return " ".join(_WORDS.findall(sentence.lower()))


def _marks(sentence: str) -> int:
    """Specific things in one sentence (at most three count): a number, a link, names, named methods,
    and every two words of five letters or more that stock sentences do not use ("patients", "serum")."""
    count = len(_NUMBER.findall(sentence[:400])) and 1
    count += 1 if _LINK.search(sentence) else 0
    count += len({name for name in _NAME.findall(sentence) if name not in _COMMON_CAPITALS})
    count += len({match.group().lower() for match in SPECIFIC_TERMS.finditer(sentence)})
    uncommon = {word for word in _WORDS.findall(sentence.lower()) if len(word) >= 5 and word not in GENERIC_WORDS}
    count += len(uncommon) // 2
    return min(count, 3)
