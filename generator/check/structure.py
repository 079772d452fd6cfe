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
from generator.check.placeholders import GUIDE_COMMENT, strip_joined
from generator.check.rubric import Rubric, SectionRule
from generator.check.terms import read_joined
from generator.check.vocabulary import CUES

MAX_CONTENT_CANDIDATES = 300
"""Blocks judged by content as well as heading (beyond this, a README has headings enough to go by)."""
_CONTENT_MINIMUM = 1.2
"""Content score a block needs to be taken for a section its heading does not name."""
_DECISIVE_HEADING = 2.5
"""Heading score that names a section by itself, whatever the text under it says."""
_CUES_MAX = 1.5
_VALUES_MAX = 1.2
_INTRO_PROBLEM = 0.9


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
            # a generic word alone decides nothing
            if named >= _DECISIVE_HEADING or named + content >= _CONTENT_MINIMUM:
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
    owned: list[Section | None] = []  # each candidate's own text (not its subsections'), when judged by content
    intro = doc.intro()
    if intro.blocks:
        candidates.append(_Candidate(intro, 0, {}, {}, "introduction"))
        owned.append(intro)
    for order, (section, end) in enumerate(sections, start=1):
        heading = section.heading
        assert heading is not None
        named = {key: value for key, value in rubric.heading_scores(heading.text).items() if key in wanted}
        found_by = "pseudo-heading" if heading.kind == "pseudo" else "heading"
        candidates.append(_Candidate(section, order, named, {}, found_by))
        judged = judge_content or named  # on its own text, not its subsections'
        owned.append(Section(heading, [b for b in section.blocks if end is None or b.line < end]) if judged else None)
    everyone, some = _content_needed(candidates, wanted)
    for index, (candidate, own) in enumerate(zip(candidates, owned, strict=True)):
        needed = everyone | some[index] if index in some else everyone
        if own is not None and needed:
            candidate.content = _content(own, wanted if candidate.order == 0 and "problem" in needed else needed)
    if candidates and candidates[0].order == 0 and "problem" in wanted and candidates[0].content:
        candidates[0].content["problem"] = candidates[0].content.get("problem", 0.0) + _INTRO_PROBLEM
    return candidates


def _content_needed(
    candidates: list[_Candidate], wanted: dict[str, SectionRule]
) -> tuple[set[str], dict[int, set[str]]]:
    """The sections whose content score can change where a section is found: for every candidate, and
    for some candidates (by place) only.

    Reading content is most of the time spent finding sections, and a section whose heading is plain
    ("## Data") is settled by headings: a pair scores its heading's score plus at most ``bound`` of
    content, so once a heading names a section with more than any content-only pair can reach, only
    the candidates whose heading could still outscore it need their content read (the others' pairs
    come after the section is taken, and are skipped exactly as before).
    """
    named = [(index, candidate.named) for index, candidate in enumerate(candidates) if candidate.named]
    best: dict[str, float] = {}
    for _, scores in named:
        for key, value in scores.items():
            best[key] = max(best.get(key, 0.0), value)
    everyone: set[str] = set()
    some: dict[int, set[str]] = {}
    for section_id in wanted:
        bound = _CUES_MAX + (_VALUES_MAX if section_id == "metrics" else 0.0)
        bound += _INTRO_PROBLEM if section_id == "problem" else 0.0
        sure = best.get(section_id, 0.0)
        if sure < _DECISIVE_HEADING or sure <= bound:  # no named pair that a content-only one cannot beat
            everyone.add(section_id)
            continue
        for index, scores in named:
            if scores.get(section_id, 0.0) + bound >= sure:
                some.setdefault(index, set()).add(section_id)
    return everyone, some


def _content(section: Section, wanted: Iterable[str]) -> dict[str, float]:
    """How much a block's own text reads like each of the ``wanted`` sections (0 to 2.7)."""
    texts = section.texts()
    text = " ".join(" ".join(texts).split())
    if not has_words(text, 8):
        return {}
    read_joined(text, texts)
    scores = {}
    for section_id in wanted:
        cue = CUES.get(section_id)
        if cue is None:
            continue
        score = min(_CUES_MAX, 0.3 * cue.count(text, 5))
        if section_id == "metrics":
            score += min(_VALUES_MAX, 0.4 * len(values_in(section.blocks)))
        if score:
            scores[section_id] = score
    return scores


def _judge(doc: Document, section: Section, rule: SectionRule, found_by: str) -> Located:
    heading = section.heading
    has_guide = any(block.kind == "html" and GUIDE_COMMENT.search(block.text) for block in section.blocks)
    count = words(strip_joined(section.texts()))  # a table of models or columns is written content too
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
