"""Find the rubric's sections the way a reviewer does: by heading first, by content where headings fail.

Every heading (real or pseudo) and the untitled introduction under the title is a *candidate*.
Each candidate gets a score per section from its heading (strong: an exact synonym 4, a synonym
inside the heading 2.5-3, a generic word such as "Overview" beside a specific one 1) plus its
content (weaker, at most 1.5-2: data words, model names, metric numbers, conclusions). Pairs are
taken best first; each section gets one block, and a block serves a second section only when its
heading names that section too ("Results and Next Steps"). The title is never a section.
The block taken is the one a reviewer would point at:
- a heading that names the section beats one that only introduces it or names a step done to it
  ("Business Problem" over "Overview", "Dataset information" over "Data Cleaning"), though what the
  other says is still read as part of the section;
- a section whose heading names it above all else is taken with its subsections, rather than one of
  them ("## Data" with its link, not its "### Columns"; a pipeline, not its "Models evaluated:");
- a written block beats an empty one whose heading names the section as well.
Notebooks are searched only for sections the README lacks, and a notebook heading stands in for one
only when it is short (not a sentence) and written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.check.document import Document, Section, words
from generator.check.metric_blocks import values_in
from generator.check.metrics_text import MetricValue
from generator.check.model import SectionHit
from generator.check.placeholders import GUIDE_COMMENT, strip_joined, template_instruction
from generator.check.rubric import Rubric, SectionRule, next_steps_words, normalise
from generator.check.section_content import INTRO_PROBLEM, content_needed, content_scores

MAX_CONTENT_CANDIDATES = 300
"""Blocks judged by content as well as heading (beyond this, a README has headings enough to go by)."""
_CONTENT_MINIMUM = 1.2
"""Content score a block needs to be taken for a section its heading does not name."""
_DECISIVE_HEADING = 2.5
"""Heading score that names a section by itself, whatever the text under it says."""
_VAGUE = frozenset(
    {
        *("overview", "introduction", "intro", "about", "summary", "background", "description", "executive"),
        *("the", "project", "our"),
    }
)
"""Heading words that introduce without naming: a heading of only these ("Overview", "About the project")
loses its section to a heading that names it ("Business Problem")."""
_PROCESS = frozenset(
    {
        *("cleaning", "cleansing", "cleanup", "preparation", "preprocessing", "processing", "wrangling"),
        *("analysis", "exploration", "exploratory", "eda", "visualization", "visualisation", "transformation"),
        *("engineering", "augmentation", "loading", "manipulation", "splitting"),
    }
)
"""Heading words for a step done to a section's subject: "Data Cleaning" loses the data section to
"Dataset information" (a reviewer points at what the data is, not at how it was cleaned)."""
_NOTEBOOK_HEADING_WORDS = 5
"""Longest notebook heading that names a section: longer ones are sentences ("Now we load the data")."""


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
    parent: _Candidate | None = None
    indirect: bool = False
    """Its heading only introduces ("Overview", "About the project") or names a step done to the section's
    subject ("Data Cleaning"): it loses the section to a heading that names it directly."""
    lends_until: int | None = None
    """Where the text it lends to the section it lost ends: an overview lends its own text, not the
    subsections it introduces (``None``: all of it)."""
    ahead: bool = False
    """Its heading names only what comes next ("Future Work", "Next Steps"): it loses the Outcome to a heading
    that names a conclusion ("Conclusion", "Key Takeaways"), whose text a reviewer reads as the outcome."""


@dataclass(frozen=True)
class _Reading:
    """What a block holds for one section: guidance comments, words, metric values, and so whether it is written."""

    has_guide: bool
    words: int
    values: list[MetricValue]
    filled: bool


def find_sections(readme: Document | None, notebooks: Iterable[Document], rubric: Rubric) -> dict[str, Located]:
    """Each rubric section id -> where it was found (README first, then notebooks for the rest)."""
    located: dict[str, Located] = {}
    wanted = {rule.id: rule for rule in rubric.sections}
    if readme is not None:
        _assign(readme, rubric, wanted, located, notebook=False)
    documents = iter(notebooks)  # parsed one by one, only while a section is still missing
    while len(located) < len(wanted) and (doc := next(documents, None)) is not None:
        missing = {key: rule for key, rule in wanted.items() if key not in located}
        _assign(doc, rubric, missing, located, notebook=True)
    return {rule.id: located[rule.id] for rule in rubric.sections if rule.id in located}


@dataclass
class _Pair:
    """A candidate block for one section, and the block that is chosen if it wins (its parent, maybe)."""

    score: float
    section_id: str
    candidate: _Candidate
    target: _Candidate


def _assign(
    doc: Document, rubric: Rubric, wanted: dict[str, SectionRule], located: dict[str, Located], *, notebook: bool
) -> None:
    candidates = _candidates(doc, rubric, wanted, notebook=notebook)
    pairs = []
    for candidate in candidates:
        for section_id in wanted:
            named = candidate.named.get(section_id, 0.0)
            content = candidate.content.get(section_id, 0.0)
            # a generic word alone decides nothing
            if named >= _DECISIVE_HEADING or named + content >= _CONTENT_MINIMUM:
                pairs.append(_Pair(named + content, section_id, candidate, _lifted(candidate, section_id)))
    readings: dict[tuple[int, str], _Reading] = {}

    def reading(pair: _Pair) -> _Reading:
        key = (pair.target.order, pair.section_id)
        if key not in readings:
            readings[key] = _read(pair.target.section, wanted[pair.section_id])
        return readings[key]

    direct = {
        pair.section_id
        for pair in pairs
        if _names(pair.target, pair.section_id) and not pair.target.indirect and not pair.target.ahead
    }
    pairs.sort(
        key=lambda pair: (
            pair.section_id not in direct or not (_indirect_for(pair.target, pair.section_id) or pair.target.ahead),
            pair.score,
            -pair.candidate.order,
        ),
        reverse=True,
    )
    used: set[int] = set()
    chosen: dict[str, _Pair] = {}
    searched: set[str] = set()  # sections already searched for a written block (once each: linear time)

    def free(pair: _Pair) -> bool:
        return pair.section_id not in chosen and (pair.target.order not in used or _names(pair.target, pair.section_id))

    for index, pair in enumerate(pairs):
        if not free(pair):
            continue
        if not reading(pair).filled and pair.section_id not in searched:  # a written block that names it instead
            searched.add(pair.section_id)
            pair = next(
                (
                    other
                    for other in pairs[index + 1 :]
                    if other.section_id == pair.section_id
                    and _names_first(other.target, other.section_id)
                    and free(other)
                    and reading(other).filled
                ),
                pair,
            )
        if notebook and not reading(pair).filled:
            continue  # an empty notebook heading does not stand in for the README's section
        used.update((pair.target.order, pair.candidate.order))
        chosen[pair.section_id] = pair
    for pair in pairs:  # still missing: results written inside the method, say
        if (
            pair.section_id not in chosen
            and pair.candidate.content.get(pair.section_id, 0.0) >= _CONTENT_MINIMUM
            and (not notebook or reading(pair).filled)
        ):
            chosen[pair.section_id] = pair
    for section_id, pair in chosen.items():
        found = located[section_id] = _judge(doc, pair, reading(pair))
        lenders = _lenders(candidates, pairs, section_id, pair.target)
        if lenders:
            found.section = _with_lent(found.section, lenders)


def _lenders(candidates: list[_Candidate], pairs: list[_Pair], section_id: str, chosen: _Candidate) -> list[_Candidate]:
    """The indirect headings whose text the chosen section reads too: those before it, and those after it
    up to the next heading that names another section (a "Data Preprocessing" step inside the Method
    is the method's; and a section's text stays one stretch of the README, as a reviewer reads it)."""
    indirect = {
        pair.target.order: pair.target
        for pair in pairs
        if pair.section_id == section_id and _indirect_for(pair.target, section_id)
    }
    if not indirect or chosen.indirect:
        return []
    lenders = [candidate for order, candidate in indirect.items() if order < chosen.order]
    for candidate in candidates:
        if candidate.order <= chosen.order or _inside(candidate, chosen):
            continue
        if candidate.order in indirect:
            lenders.append(candidate)
        elif any(_names_first(candidate, other) for other in candidate.named if other != section_id):
            break
    return lenders


def _inside(candidate: _Candidate, ancestor: _Candidate) -> bool:
    parent = candidate.parent
    while parent is not None and parent is not ancestor:
        parent = parent.parent
    return parent is ancestor


def _names(candidate: _Candidate, section_id: str) -> bool:
    """Whether the candidate's heading names the section by itself."""
    return candidate.named.get(section_id, 0.0) >= _DECISIVE_HEADING


def _with_lent(section: Section, lenders: Iterable[_Candidate]) -> Section:
    """The chosen section read together with the text of the indirect headings it won over ("Overview",
    "Data Cleaning"): the heading that names the section is where a reviewer points, but what the others
    say about it is still read (their prose and tables, once; a template's instruction left there is theirs)."""
    blocks = {id(block): block for block in section.blocks}
    said = {" ".join(block.text.split()) for block in section.blocks}  # an overview that repeats it adds nothing
    for candidate in lenders:
        end = candidate.lends_until
        for block in candidate.section.blocks:
            text = " ".join(block.text.split())
            if (
                (end is None or block.line < end)
                and block.kind in ("prose", "table")
                and text not in said
                and not template_instruction(text)
            ):
                blocks[id(block)] = block
                said.add(text)
    return Section(section.heading, sorted(blocks.values(), key=lambda block: block.line))


def _names_first(candidate: _Candidate, section_id: str) -> bool:
    """Whether the candidate's heading names the section by itself and above any other ("Model Evaluation"
    names the metrics first, the method second)."""
    score = candidate.named.get(section_id, 0.0)
    return score >= _DECISIVE_HEADING and score == max(candidate.named.values())


def _indirect_for(candidate: _Candidate, section_id: str) -> bool:
    return candidate.indirect and _names(candidate, section_id)


def _lifted(candidate: _Candidate, section_id: str) -> _Candidate:
    """The outermost section around ``candidate`` whose heading names ``section_id`` above all else: a
    reviewer points at "## Data" (with its link), not at its "### Columns" (never at an "Overview" that
    holds a heading that names the section directly)."""
    chosen = candidate
    direct = _names(candidate, section_id) and not candidate.indirect
    parent = candidate.parent
    while parent is not None:
        if _names_first(parent, section_id) and not (parent.indirect and direct):
            chosen = parent
        parent = parent.parent
    return chosen


def _found_by(candidate: _Candidate, section_id: str) -> str:
    if candidate.named.get(section_id):
        return candidate.found_by
    return "introduction" if candidate.section.heading is None else "content"


def _candidates(doc: Document, rubric: Rubric, wanted: dict[str, SectionRule], *, notebook: bool) -> list[_Candidate]:
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
    open_: list[_Candidate] = []  # the enclosing sections of the next heading, outermost first
    for order, (section, end) in enumerate(sections, start=1):
        heading = section.heading
        assert heading is not None
        named = {key: value for key, value in rubric.heading_scores(heading.text).items() if key in wanted}
        words_of = normalise(heading.text) if named else ()
        if notebook and len(words_of) > _NOTEBOOK_HEADING_WORDS:  # a sentence ("Now we load the data and…")
            named = {}
        found_by = "pseudo-heading" if heading.kind == "pseudo" else "heading"
        while open_ and open_[-1].section.heading.level >= heading.level:  # type: ignore[union-attr]
            open_.pop()
        vague = bool(named) and all(word in _VAGUE for word in words_of)
        # a step done to a subject the heading names ("Data Cleaning"; "EDA Summary" names none)
        indirect = vague or (
            any(word in _PROCESS for word in words_of)
            and any(word not in _PROCESS and word not in _VAGUE for word in words_of)
        )
        parent = open_[-1] if open_ else None
        candidate = _Candidate(section, order, named, {}, found_by, parent, indirect, end if vague else None)
        candidate.ahead = next_steps_words(words_of)
        candidates.append(candidate)
        open_.append(candidate)
        judged = judge_content or named  # on its own text, not its subsections'
        owned.append(Section(heading, [b for b in section.blocks if end is None or b.line < end]) if judged else None)
    everyone, some = content_needed([candidate.named for candidate in candidates], wanted, _DECISIVE_HEADING)
    for index, (candidate, own) in enumerate(zip(candidates, owned, strict=True)):
        needed = everyone | some[index] if index in some else everyone
        if own is not None and needed:
            candidate.content = content_scores(own, wanted if candidate.order == 0 and "problem" in needed else needed)
    if candidates and candidates[0].order == 0 and "problem" in wanted and candidates[0].content:
        candidates[0].content["problem"] = candidates[0].content.get("problem", 0.0) + INTRO_PROBLEM
    return candidates


def _read(section: Section, rule: SectionRule) -> _Reading:
    has_guide = any(block.kind == "html" and GUIDE_COMMENT.search(block.text) for block in section.blocks)
    count = words(strip_joined(section.texts()))  # a table of models or columns is written content too
    values = values_in(section.blocks) if rule.id == "metrics" else []
    if rule.id == "metrics":
        filled = not has_guide and (bool(values) or (rule.min_words > 0 and count >= rule.min_words))
    else:
        filled = not has_guide and count >= max(rule.min_words, 1)
    return _Reading(has_guide, count, values, filled)


def _judge(doc: Document, pair: _Pair, reading: _Reading) -> Located:
    section = pair.target.section
    heading = section.heading
    line = heading.line if heading else section.lines().start
    hit = SectionHit(
        id=pair.section_id,
        heading=heading.text if heading else "(introduction)",
        where=doc.location(line),
        filled=reading.filled,
        words=reading.words,
        file=doc.name,
        line=doc.file_line(line),
        found_by=_found_by(pair.target, pair.section_id),
    )
    return Located(hit, doc, section, reading.has_guide, reading.values)
