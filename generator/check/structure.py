"""Find the rubric's sections the way a reviewer does: by heading first, by content where headings fail.

Every heading (real or pseudo) and the untitled introduction under the title is a *candidate*.
Each candidate gets a score per section from its heading (strong: an exact synonym 4, a synonym
inside the heading 2.5-3, a generic word such as "Overview" beside a specific one 1) plus its
content (weaker, at most 1.5-2: data words, model names, metric numbers, conclusions). Pairs are
taken best first; each section gets one block, and a block serves a second section only when its
heading names that section too ("Results and Next Steps"). The title is never a section.
Notebooks are searched only for sections the README lacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.check.document import Document, Section, has_words, words
from generator.check.metric_blocks import values_in
from generator.check.metrics_text import MetricValue
from generator.check.model import SectionHit
from generator.check.placeholders import GUIDE_COMMENT, strip_placeholders
from generator.check.rubric import Rubric, SectionRule
from generator.check.vocabulary import CUES, distinct

MAX_CONTENT_CANDIDATES = 300
"""Blocks judged by content as well as heading (beyond this, a README has headings enough to go by)."""
_CONTENT_MINIMUM = 1.2
"""Content score a block needs to be taken for a section its heading does not name."""


@dataclass
class Located:
    """A section matched to a rubric id, with the document it lives in."""

    hit: SectionHit
    doc: Document
    section: Section
    has_guide: bool
    metric_values: list[MetricValue]


@dataclass
class _Candidate:
    section: Section
    order: int
    named: dict[str, float]
    content: dict[str, float]
    found_by: str


def find_sections(readme: Document | None, notebooks: Iterable[Document], rubric: Rubric) -> dict[str, Located]:
    """Each rubric section id -> where it was found (README first, then notebooks for the rest)."""
    located: dict[str, Located] = {}
    wanted = {rule.id: rule for rule in rubric.sections}
    if readme is not None:
        _assign(readme, rubric, wanted, located)
    documents = iter(notebooks)  # parsed one by one, only while a section is still missing
    while len(located) < len(wanted) and (doc := next(documents, None)) is not None:
        _assign(doc, rubric, {key: rule for key, rule in wanted.items() if key not in located}, located)
    return {rule.id: located[rule.id] for rule in rubric.sections if rule.id in located}


def _assign(doc: Document, rubric: Rubric, wanted: dict[str, SectionRule], located: dict[str, Located]) -> None:
    candidates = _candidates(doc, rubric, wanted)
    pairs = []
    for candidate in candidates:
        for section_id in wanted:
            named = candidate.named.get(section_id, 0.0)
            content = candidate.content.get(section_id, 0.0)
            if named >= 2.5 or named + content >= _CONTENT_MINIMUM:  # a generic word alone decides nothing
                pairs.append((named + content, -candidate.order, section_id, candidate))
    pairs.sort(key=lambda pair: (pair[0], pair[1]), reverse=True)
    used: set[int] = set()
    for _, _, section_id, candidate in pairs:
        if section_id in located or (candidate.order in used and not candidate.named.get(section_id)):
            continue
        used.add(candidate.order)
        located[section_id] = _judge(doc, candidate.section, wanted[section_id], _found_by(candidate, section_id))
    for _, _, section_id, candidate in pairs:  # still missing: results written inside the method, say
        if section_id not in located and candidate.content.get(section_id, 0.0) >= _CONTENT_MINIMUM:
            located[section_id] = _judge(doc, candidate.section, wanted[section_id], _found_by(candidate, section_id))


def _found_by(candidate: _Candidate, section_id: str) -> str:
    if candidate.named.get(section_id):
        return candidate.found_by
    return "introduction" if candidate.section.heading is None else "content"


def _candidates(doc: Document, rubric: Rubric, wanted: dict[str, SectionRule]) -> list[_Candidate]:
    title = doc.title_heading
    if (
        title is not None
        and max(rubric.heading_scores(title.text).values(), default=0) == 4.0
        and sum(h.level == 1 for h in doc.headings) > 1
    ):
        title = None  # a README whose sections are all level-1 headings has no title heading
    starts = [heading.line for heading in doc.headings[1:]] + [None] if doc.headings else []
    sections = [(s, end) for s, end in zip(doc.sections, starts, strict=True) if s.heading is not title]
    judge_content = len(sections) <= MAX_CONTENT_CANDIDATES
    candidates = []
    intro = doc.intro()
    if intro.blocks:
        cues = _content(intro, wanted)
        if "problem" in wanted and cues:
            cues["problem"] = cues.get("problem", 0.0) + 0.9  # where most READMEs state the problem
        candidates.append(_Candidate(intro, 0, {}, cues, "introduction"))
    for order, (section, end) in enumerate(sections, start=1):
        heading = section.heading
        assert heading is not None
        named = {key: value for key, value in rubric.heading_scores(heading.text).items() if key in wanted}
        content: dict[str, float] = {}
        if judge_content or named:  # on its own text, not its subsections'
            content = _content(Section(heading, [b for b in section.blocks if end is None or b.line < end]), wanted)
        found_by = "pseudo-heading" if heading.kind == "pseudo" else "heading"
        candidates.append(_Candidate(section, order, named, content, found_by))
    return candidates


def _content(section: Section, wanted: dict[str, SectionRule]) -> dict[str, float]:
    """How much a block's own text reads like each section (0 to 2)."""
    text = " ".join(section.text().split())
    if not has_words(text, 8):
        return {}
    scores = {}
    for section_id in wanted:
        cue = CUES.get(section_id)
        if cue is None:
            continue
        score = min(1.5, 0.3 * len(distinct(cue, text)))
        if section_id == "metrics":
            score += min(1.2, 0.4 * len(values_in(section.blocks)))
        if score:
            scores[section_id] = score
    return scores


def _judge(doc: Document, section: Section, rule: SectionRule, found_by: str) -> Located:
    heading = section.heading
    has_guide = any(block.kind == "html" and GUIDE_COMMENT.search(block.text) for block in section.blocks)
    count = words(strip_placeholders(section.text()))  # a table of models or columns is written content too
    values = values_in(section.blocks) if rule.id == "metrics" else []
    if rule.id == "metrics":
        filled = not has_guide and (bool(values) or (rule.min_words > 0 and count >= rule.min_words))
    else:
        filled = not has_guide and count >= max(rule.min_words, 1)
    line = heading.line if heading else section.lines().start
    hit = SectionHit(
        id=rule.id,
        heading=heading.text if heading else "(introduction)",
        where=doc.location(line),
        filled=filled,
        words=count,
        file=doc.name,
        line=doc.file_line(line),
        found_by=found_by,
    )
    return Located(hit, doc, section, has_guide, values)
