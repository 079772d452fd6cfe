"""Whether a written section says anything specific, and whether sections repeat each other.

A reviewer skims past "The results were good and I learned a lot": it has the words but no
content. A sentence is *specific* when it carries something checkable: a number, a link, a
name (a capitalised word inside the sentence, an acronym such as AUC or UCI, ``code``), or a
named model, validation scheme or baseline. A sentence of five or more words that occurs in two
sections (neither inside the other) is *repeated* and counts for neither. A section is specific with
three such marks; a metrics table's numbers count as marks, so a table alone is specific.

A section is *padded* when stock sentences are a real share of it (a third of its sentences): one
plain sentence among specific ones is how people write, not filler. Connective sentences, which
only lead into what follows ("The file structure can be seen below.", "After cleaning, we have:"),
count neither way, and an image's alt text is a caption, not a sentence.

A section is *written as a plan* when most of its sentences say what the project will do ("will be
evaluated", "we will", "aims to", "to be added"): a proposal names models and metrics too, so its
words are not evidence that the work was done.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from generator.check.ascii_scan import has_digit, normal_words
from generator.check.document import PSEUDO_LEVEL
from generator.check.placeholders import strip_joined
from generator.check.terms import lowered_in_place
from generator.check.vocabulary import (
    COURTESY,
    COURTESY_WORDS,
    GENERIC_WORDS,
    INSTRUCTION_VERBS,
    OBJECT_STARTS,
    PLAN,
    PLAN_WORDS,
    SIGNPOST,
    SPECIFIC_TERMS,
)

if TYPE_CHECKING:
    from generator.check.document import Block, Document, Heading
    from generator.check.structure import Located

MARKS_NEEDED = 3
PADDED_SHARE = 1 / 3
"""Share of a section's sentences that stock sentences must reach before the section counts as padded."""
PROPOSAL_SHARE = 0.3
PROPOSAL_SENTENCES = 10
"""A document of at least this many sentences, of which ``PROPOSAL_SHARE`` say what will be done ("the project
will include…", "will serve as…", "aims to…"), is a proposal: its Method's list of models is a list of models
to try (finished write-ups in the calibration set and the survey stay under a fifth)."""
PLAN_SHARE = 1 / 2
"""Share of a section's sentences that plans must exceed before the section counts as written as a plan (one
"will improve with more data" beside one finding is a next step, not a plan)."""
_LEADS_INTO = ("below", "following", "as follows", "shown here")
_LEAD_INS = ("now that ", "here is ", "here are ", "let's ", "let us ")
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

_COMMON_CELLS = frozenset(
    {"Yes", "No", "True", "False", "None", "Null", "Numeric", "Numerical", "Categorical", "Integer", "Float",
     "String", "Object", "Boolean", "Binary", "Date", "Text", "Target", "Feature", "Description", "Type", "Value",
     "High", "Low", "Medium", "Good", "Bad", "Done", "Pending", "Unknown", "Other", "Total", "Mean", "Average"}
)  # fmt: skip
"""Capitalised words that fill table cells without naming anything."""


@dataclass
class Specificity:
    """Per written section: its specific marks (counted as far as telling whether there are
    ``MARKS_NEEDED``), its stock sentences and the text that says something."""

    marks: dict[str, int] = field(default_factory=dict)
    stock: dict[str, list[str]] = field(default_factory=dict)
    kept: dict[str, str] = field(default_factory=dict)
    repeated: dict[str, list[str]] = field(default_factory=dict)
    """Sentences (normal form) said in two parts of a document -> the written sections that hold them."""
    titles: dict[str, list[str]] = field(default_factory=dict)
    """Repeated sentences -> the headings of every part that says them."""
    plans: dict[str, list[str]] = field(default_factory=dict)
    """Sentences in future or intent form ("will be evaluated", "aims to")."""
    steps: dict[str, list[str]] = field(default_factory=dict)
    """Instructions that are not plans already ("Build a simple baseline model")."""
    counted: dict[str, int] = field(default_factory=dict)
    """Sentences of four words or more that say or fail to say something (connectives and repeats left out)."""
    sections: dict[str, tuple[str, Heading | None]] = field(default_factory=dict)
    """Where each section is (document, heading): one block can serve two sections."""
    documents: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per document read: its plan sentences and its sentences of four words or more."""
    judged_plans: list[str] | None = field(default=None, repr=False)
    """The sections :func:`generator.check.plans.planned_sections` found, kept once it has looked."""

    def proposal(self, document: str) -> bool:
        """Whether the document reads as a proposal: a real share of all its sentences say what will be done."""
        plans, sentences = self.documents.get(document, (0, 0))
        return sentences >= PROPOSAL_SENTENCES and plans >= PROPOSAL_SHARE * sentences

    def specific(self, section_id: str) -> bool:
        """Whether the section carries enough specific marks."""
        return self.marks.get(section_id, 0) >= MARKS_NEEDED

    def padded(self, section_id: str) -> bool:
        """Whether stock sentences are a real share of the section (not one plain sentence among specific ones)."""
        stock = len(self.stock.get(section_id, ()))
        return stock > 0 and stock >= PADDED_SHARE * self.counted.get(section_id, 0)

    def planned(self, section_id: str, *, steps: bool = False) -> bool:
        """Whether most of the section says what the project will do rather than what it did; with ``steps``,
        instructions ("Build a baseline model", "Select the model that…") count as plans too (in a Method,
        a list of steps to take is a plan; in an Outcome, "Use the model to…" is a recommendation)."""
        plans = len(self.plans.get(section_id, ())) + (len(self.steps.get(section_id, ())) if steps else 0)
        return plans > 0 and plans > PLAN_SHARE * self.counted.get(section_id, 0)


def read_specificity(located: Mapping[str, Located]) -> Specificity:
    """Read every written section's sentences: repeated across sections, stock (no mark at all), or kept.

    Repetition is looked for in the whole document a section is in, part by part (a part is the text under
    one heading; pseudo-headings are labels inside it): an Overview pasted again as Business Understanding
    is padding even when only one of the two is read as a section."""
    read: dict[int, list[tuple[str, str, bool]]] = {}  # block -> its sentences, their normal forms, whether plans
    parts: dict[str, dict[tuple[str, int], str]] = {}  # normal form -> part (document, heading line) -> title
    proposals: dict[str, tuple[int, int]] = {}  # document -> (plans, sentences of four words or more)
    written = {key: found for key, found in located.items() if found.hit.filled}
    judged = {id(block) for found in written.values() for block in found.section.blocks}
    for doc in {id(found.doc): found.doc for found in written.values()}.values():
        planned = long = 0
        for block, part, title in _parts(doc):
            text = block.text_without_alt()
            read[id(block)] = items = []
            text = strip_joined([text]) if id(block) in judged else text  # elsewhere only repeats are looked for
            for sentence in _sentences(" ".join(text.split())):
                if sentence.strip():
                    normal = _normal(sentence)
                    spaces = normal.count(" ")
                    plan = spaces >= 3 and _plan(normal)  # four words or more
                    items.append((sentence.strip(), normal, plan))
                    long += spaces >= 3
                    planned += plan
                    if spaces >= 4:
                        parts.setdefault(normal, {}).setdefault((doc.name, part), title)
        proposals[doc.name] = (planned, long)
    sentences = {
        key: [item for block in found.section.blocks for item in read.get(id(block), ())]
        for key, found in written.items()
    }
    where = {key: (found.doc.name, found.section.heading) for key, found in located.items()}
    repeated: dict[str, list[str]] = {}
    titles: dict[str, list[str]] = {}
    for key, items in sentences.items():
        for _, normal, _ in items:
            if normal not in titles and len(parts.get(normal, ())) > 1:
                titles[normal] = list(islice(parts[normal].values(), 3))  # a finding names a few
            if normal in titles:
                owners = repeated.setdefault(normal, [])
                if key not in owners:
                    owners.append(key)
    result = Specificity(repeated=repeated, titles=titles, sections=where, documents=proposals)
    shared = {normal for normal, owners in repeated.items() if len({where[key] for key in owners}) > 1}
    """Said in two of the sections read: it counts for neither (said once beside a part no section is read
    from, it still says what it says, and only pads)."""
    known: dict[str, tuple[int, int]] = {}  # a subsection's sentences are also its parent's: read each once
    for key, items in sentences.items():
        marks = counted = 0
        kept: list[str] = []
        stock: list[str] = []
        plans: list[str] = []
        steps: list[str] = []
        for sentence, normal, plan in items:
            if normal in shared:
                continue
            limit = max(1, MARKS_NEEDED - marks)  # a section with its marks only asks whether a sentence has any
            mark, read_to = known.get(sentence, (0, 0))
            if read_to < limit and mark == read_to:  # not read, or read only as far as a lower limit
                mark = _marks(sentence, normal, limit)
                known[sentence] = (mark, limit)
            mark = 0 if mark and _courtesy(normal) and not _checkable(sentence) else min(mark, limit)
            long = normal.count(" ") >= 3  # four words or more
            if mark == 0 and long and _connective(sentence, normal):
                continue  # a lead-in to a table, list or figure: neither stock nor specific
            counted += long
            if plan:
                plans.append(sentence)
            elif long and _instruction(normal):
                steps.append(sentence)
            if mark == 0 and long:
                stock.append(sentence)
            else:
                marks += mark
                kept.append(sentence)
        result.counted[key] = counted
        result.plans[key] = plans
        result.steps[key] = steps
        table = _table_marks(located[key].section.blocks, MARKS_NEEDED)
        result.marks[key] = marks + min(table + len(located[key].metric_values), MARKS_NEEDED)
        result.kept[key] = " ".join(kept)
        result.stock[key] = stock
    return result


def _table_marks(blocks: list[Block], limit: int) -> int:
    """Marks of a section's tables, counted up to ``limit``: two for a cell with a number, one for a cell that
    names something (a model, a dataset, a column: ``PatchTST``, ``ETTh1``, ``start_station``), since a table of
    names is as specific as a sentence of them. Header rows and cells such as "Yes" say nothing."""
    count = 0
    for block in blocks:
        if block.kind != "table":
            continue
        for row in block.rows[1:]:
            for cell in row:
                if _NUMBER.search(cell):
                    count += 2
                elif any("_" in word or _named(word) for word in cell.split()):
                    count += 1
                if count >= limit:
                    return limit
    return count


def _named(word: str) -> bool:
    """A name written as in :func:`_names` (not a word that starts a sentence or a table cell)."""
    word = word.strip("*`'\"()[],.:;")
    return (
        bool(word)
        and "A" <= word[0] <= "Z"
        and word not in _COMMON_CAPITALS
        and word not in _COMMON_CELLS
        and bool(_NAME.fullmatch(word))
    )


def _parts(doc: Document) -> Iterator[tuple[Block, int, str]]:
    """Each prose block with its part: the line and text of the last heading above it that is not a
    pseudo-heading (0 and "(introduction)" before the first)."""
    headings = [heading for heading in doc.headings if heading.level < PSEUDO_LEVEL]
    index, line, title = 0, 0, "(introduction)"
    for block in doc.blocks:
        while index < len(headings) and headings[index].line <= block.line:
            line, title = headings[index].line, headings[index].text
            index += 1
        if block.kind == "prose":
            yield block, line, title


def _connective(sentence: str, normal: str) -> bool:
    """A sentence that only leads into what follows: it ends in a colon or points below, or it is a
    short lead-in ("Now that the data has been prepared.")."""
    end = sentence.rstrip(" .*_)")
    return end.endswith(":") or normal.endswith(_LEADS_INTO) or (normal + " ").startswith(_LEAD_INS)


def _plan(normal: str) -> bool:
    """Whether the sentence says what will be done (future or intent)."""
    return (
        not PLAN_WORDS.isdisjoint(normal.split(" ")) and PLAN.search(normal) is not None and not SIGNPOST.search(normal)
    )


def _courtesy(normal: str) -> bool:
    """Whether the sentence speaks to the reader (thanks, invitations, good wishes) rather than of the work."""
    return not COURTESY_WORDS.isdisjoint(normal.split(" ")) and COURTESY.search(normal) is not None


def _checkable(sentence: str) -> bool:
    """A number or a link: what a sentence to the reader may still give."""
    return _has_number(sentence[:400]) or _has_link(sentence)


def _instruction(normal: str) -> bool:
    """Whether the sentence is an instruction: it starts with a verb of a step to take, and its object follows
    ("build a baseline", "evaluate the model"; not "test accuracy was 0.9")."""
    words = normal.split(" ", 2)
    return len(words) > 2 and words[0] in INSTRUCTION_VERBS and words[1] in OBJECT_STARTS


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
"""One of these is in the lower case of every match of :data:`_LINK` (ASCII text, or text that
:func:`~generator.check.terms.lowered_in_place` allows: no dotless i, long s or dotted capital I)."""


def _has_link(sentence: str) -> bool:
    lowered = sentence.lower()
    if (sentence.isascii() or lowered_in_place(sentence, lowered) is not None) and not any(
        map(lowered.__contains__, _LINK_PARTS)
    ):
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
