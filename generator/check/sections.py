"""Find the rubric's sections in the README and the notebooks, and judge whether each is written."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.check.markdown_doc import Block, Document, Section, words
from generator.check.metrics_text import MetricValue, from_rows, from_text
from generator.check.model import SectionHit
from generator.check.placeholders import GUIDE_COMMENT, strip_placeholders
from generator.check.rubric import Rubric, SectionRule


@dataclass
class Located:
    """A section matched to a rubric id, with the document it lives in."""

    hit: SectionHit
    doc: Document
    section: Section
    has_guide: bool
    metric_values: list[MetricValue]


def metric_values(section: Section) -> list[MetricValue]:
    """Metric numbers in a section's tables, prose and printed output."""
    return [value for block in section.blocks for value in block_values(block)]


def block_values(block: Block) -> list[MetricValue]:
    """Metric numbers in one block, computed once (sections overlap, so blocks are seen repeatedly)."""
    if block.metric_values is None:
        if block.kind == "table":
            block.metric_values = (from_rows(block.rows, block.row_lines) if block.rows
                                   else from_text(block.text, block.line))
        elif block.kind in ("prose", "code"):
            block.metric_values = from_text(block.text, block.line)
        else:
            block.metric_values = []
    return block.metric_values


def find_sections(
    readme: Document | None, notebooks: Iterable[Document], rubric: Rubric
) -> dict[str, Located]:
    """Each rubric section id -> where it was found.

    A section the README has is judged there, written or not (reviewers read the README
    first; an empty README section is a gap even if a notebook covers it). Only sections
    the README lacks are looked for in the notebooks (parsed only then), where the first
    written one wins over unwritten ones.
    """
    located: dict[str, Located] = {}
    if readme is not None:
        for section, rule in _matches(readme, rubric):
            _consider(located, readme, section, rule)
    wanted = {rule.id for rule in rubric.sections} - set(located)
    if not wanted:
        return located
    for doc in notebooks:
        for section, rule in _matches(doc, rubric):
            if rule.id in wanted:
                _consider(located, doc, section, rule)
    return located


def _consider(located: dict[str, Located], doc: Document, section: Section, rule: SectionRule) -> None:
    """Keep the first written match for a section, else the first match."""
    current = located.get(rule.id)
    if current is not None and current.hit.filled:
        return
    candidate = _judge(doc, section, rule)
    if current is None or candidate.hit.filled:
        located[rule.id] = candidate


def _matches(doc: Document, rubric: Rubric) -> Iterator[tuple[Section, SectionRule]]:
    for section in doc.sections:
        if section.heading is None:
            continue
        section_id = rubric.match_heading(section.heading.text)
        rule = rubric.section(section_id) if section_id else None
        if rule is not None:
            yield section, rule


def _judge(doc: Document, section: Section, rule: SectionRule) -> Located:
    heading = section.heading
    assert heading is not None
    has_guide = any(block.kind == "html" and GUIDE_COMMENT.search(block.text) for block in section.blocks)
    count = words(strip_placeholders(section.prose()))
    values = metric_values(section) if rule.id == "metrics" else []
    if rule.id == "metrics":
        filled = not has_guide and (bool(values) or (rule.min_words > 0 and count >= rule.min_words))
    else:
        filled = not has_guide and count >= max(rule.min_words, 1)
    hit = SectionHit(
        id=rule.id,
        heading=heading.text,
        where=doc.location(heading.line),
        filled=filled,
        words=count,
        file=doc.name,
        line=doc.file_line(heading.line),
    )
    return Located(hit, doc, section, has_guide, values)
