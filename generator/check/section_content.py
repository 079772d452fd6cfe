"""How much a block's own text reads like each rubric section, and which blocks' text is worth reading.

A block's heading names a section strongly (``structure``); its text adds a weaker score: data words,
model names, metric numbers, conclusions. Reading text is most of the time spent finding sections, so
:func:`content_needed` says where it can still change which block a section gets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from generator.check.document import Section, has_words
from generator.check.metric_blocks import values_in
from generator.check.terms import read_joined
from generator.check.vocabulary import CUES

CUES_MAX = 1.5
"""Most a block's section words add to its score."""
VALUES_MAX = 1.2
"""Most a block's metric values add to its Metrics score."""
INTRO_PROBLEM = 0.9
"""What the untitled introduction under the title adds to its Problem score (it usually states the problem)."""


def content_needed(
    named: Sequence[Mapping[str, float]], wanted: Iterable[str], decisive: float
) -> tuple[set[str], dict[int, set[str]]]:
    """The sections whose content score can change where a section is found: for every candidate, and
    for some candidates (by index in ``named``, their heading scores) only.

    A section whose heading is plain ("## Data") is settled by headings: a pair scores its heading's score
    plus at most ``bound`` of content, so once a heading names a section (``decisive`` or more) with more
    than any content-only pair can reach, only the candidates whose heading could still outscore it need
    their content read (the others' pairs come after the section is taken, and are skipped exactly as before).
    """
    scored = [(index, scores) for index, scores in enumerate(named) if scores]
    best: dict[str, float] = {}
    for _, scores in scored:
        for key, value in scores.items():
            best[key] = max(best.get(key, 0.0), value)
    everyone: set[str] = set()
    some: dict[int, set[str]] = {}
    for section_id in wanted:
        bound = CUES_MAX + (VALUES_MAX if section_id == "metrics" else 0.0)
        bound += INTRO_PROBLEM if section_id == "problem" else 0.0
        sure = best.get(section_id, 0.0)
        if sure < decisive or sure <= bound:  # no named pair that a content-only one cannot beat
            everyone.add(section_id)
            continue
        for index, scores in scored:
            if scores.get(section_id, 0.0) + bound >= sure:
                some.setdefault(index, set()).add(section_id)
    return everyone, some


def content_scores(section: Section, wanted: Iterable[str]) -> dict[str, float]:
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
        score = min(CUES_MAX, 0.3 * cue.count(text, 5))
        if section_id == "metrics":
            score += min(VALUES_MAX, 0.4 * len(values_in(section.blocks)))
        if score:
            scores[section_id] = score
    return scores
