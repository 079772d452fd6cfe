"""Checks on what the write-up says (each section present and written: ``checks_sections``): the specific things a
reviewer looks for in it (what is predicted and why; the data's source, size and licence; models,
validation and a baseline; a result, its meaning and its limits), across sections whether the
text is specific, and two marks of a strong write-up (what drives predictions, where it fails).

Content checks name the section they read (``REQUIRES``): when that section is missing or unwritten
they fail without a finding of their own, so one gap is reported once, as the section's finding.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote

from generator.check.checks_metrics import NOTEBOOK_ONLY_CREDIT, compares
from generator.check.checks_writing import filler, plans, specific
from generator.check.context import Context, Failure, Partial
from generator.check.document import bare_urls
from generator.check.plans import (
    JUDGED,
    PLANNED_CONTENT_CREDIT,
    next_steps_without_result,
    planned_sections,
)
from generator.check.regex_starts import occurs
from generator.check.rubric import only_next_steps
from generator.check.rules import WORDED_CHECKS
from generator.check.structure import Located
from generator.check.vocabulary import (
    BASELINE,
    CITATION,
    COMPARISON,
    DRIVERS,
    IMPACT,
    LICENCE,
    LIMITS,
    ML,
    MODEL,
    RESULT,
    SIZE,
    SLICES,
    TARGET,
    VALIDATION,
    WHY,
    Terms,
    distinct,
)

Outcome = list[Failure] | None
_DIGIT = re.compile(r"\d")

REQUIRES = {
    "problem.target": "problem",
    "problem.why": "problem",
    "data.source": "data",
    "data.size": "data",
    "data.licence": "data",
    "method.models": "method",
    "method.validation": "method",
    "method.baseline": "method",
    "outcome.result": "outcome",
    "outcome.impact": "outcome",
    "outcome.limits": "outcome",
}


def _lacks(found: Located, what: str) -> list[Failure]:
    """The one finding of a content check: the section, where it was found, and what it does not say."""
    return [Failure(f"{found.hit.heading} ({found.hit.where}) {what}", found.hit.file, found.hit.line)]


def _says(
    section_id: str, what: str, *patterns: Terms | re.Pattern[str], also: tuple[str, ...] = (), headings: bool = False
) -> Callable[[Context], Outcome]:
    """A check that the section's text (and ``also`` sections', and with ``headings`` every heading of the
    README) matches one of ``patterns``."""

    def run(ctx: Context) -> Outcome:
        found = ctx.located[section_id]
        text = ctx.section_text(section_id, *also)
        if any(_in(pattern, text) or (headings and _in(pattern, ctx.headings_text())) for pattern in patterns):
            return []  # write-ups also put it in a heading ("Split used: 5 Fold GroupKFold")
        return _lacks(found, f"does not say {what}.")

    return run


def _in(pattern: Terms | re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` occurs in ``text`` (a regular expression's alternatives each where they can start)."""
    return occurs(pattern, text) if isinstance(pattern, re.Pattern) else pattern.search(text)


def _problem_text(ctx: Context) -> str:
    """The Problem section with the title and the introduction, where the target is often named."""
    readme = ctx.evidence.readme
    if readme is None:
        return ctx.section_text("problem")
    return " ".join((readme.title or "", " ".join(readme.intro().text().split()), ctx.section_text("problem")))


def _target(ctx: Context) -> Outcome:
    found = ctx.located["problem"]
    if TARGET.search(_problem_text(ctx)):
        return []
    return _lacks(found, "does not say what is predicted or found.")


def _also_named(ctx: Context, section_id: str) -> str:
    """The README's other sections whose heading names ``section_id`` as well as the one chosen: a reviewer
    who finds no "why" under "Goals" reads "Business Problem" too. Read only when the chosen one lacks it."""
    readme, found = ctx.evidence.readme, ctx.located.get(section_id)
    if readme is None or found is None:
        return ""
    chosen = found.hit.line if found.doc is readme else None
    parts = [
        section.prose()
        for section in readme.sections
        if section.heading is not None
        and section.heading.line != chosen
        and ctx.rubric.heading_scores(section.heading.text).get(section_id, 0.0) >= _NAMES_IT
    ]
    return " ".join(" ".join(parts).split())


_NAMES_IT = 3.0
"""A heading's score for a section from which it names that section (a synonym in it, not only a generic word)."""


def _why(ctx: Context) -> Outcome:
    found = ctx.located["problem"]
    if WHY.search(ctx.section_text("problem")) or WHY.search(_also_named(ctx, "problem")):
        return []
    return _lacks(found, "does not say for whom it matters or why.")


def _data_links(ctx: Context, found: Located) -> list[str]:
    lines = found.section.lines()
    text = found.section.text()
    return [link.target for link in found.doc.links if link.line in lines] + bare_urls(text)


_ELSEWHERE = ("intro", "problem", "method")
"""Where write-ups also say where the data comes from and how big it is ("a model trained on the 41,200
records published by …" in the overview, "239 training patients" in the method): a reviewer reads it there."""


def _source(ctx: Context) -> Outcome:
    found = ctx.located["data"]
    links = _data_links(ctx, found)
    if any(t.startswith(("http://", "https://")) or _local_document(ctx, t) for t in links):
        return []
    if occurs(CITATION, ctx.section_text("data", *_ELSEWHERE)):
        return []
    also = _also_named(ctx, "data")
    if bare_urls(also) or occurs(CITATION, also):
        return []
    return _lacks(found, "has no link or citation to where the data comes from.")


_TIME_UNITS = re.compile(r"(?:days?|weeks?|months?|years?|hours?)$", re.IGNORECASE)


def _size(ctx: Context) -> Outcome:
    """The data's size in its section; elsewhere only a count of things ("41,200 water points"), since
    "within 30 days" in a problem statement is a horizon, not a size."""
    if SIZE.search(ctx.section_text("data")) or any(
        not _TIME_UNITS.search(match.group().rstrip()) for match in SIZE.finditer(ctx.section_text(*_ELSEWHERE))
    ):
        return []
    if SIZE.search(_also_named(ctx, "data")):
        return []
    found = ctx.located["data"]
    return _lacks(found, "does not say how big the data is (rows, samples, columns).")


def _local_document(ctx: Context, target: str) -> bool:
    """A link to a document in the project (a data card, a datasheet), which can state the source."""
    relative = posixpath.normpath(unquote(target.split("#", 1)[0]))
    return relative.lower().endswith((".md", ".rst", ".txt", ".pdf", ".html")) and ctx.evidence.files.exists(relative)


def _limits(ctx: Context) -> Outcome:
    found = ctx.located["outcome"]
    if LIMITS.search(ctx.section_text("outcome")) or re.search(
        r"limitation|next step|future", ctx.headings_text(), re.I
    ):
        return []
    return _lacks(found, "names no limitation or next step.")


_PLANNED = re.compile(r"^\s*\[ \]\s*(.+)$", re.MULTILINE)


def _done(ctx: Context, section_ids: tuple[str, ...]) -> str:
    """The sections' text without unticked task-list items: "- [ ] Compare against a baseline" is a plan."""
    text = ctx.section_text(*section_ids)
    for key in section_ids:
        found = ctx.located.get(key)
        for planned in _PLANNED.findall(found.section.prose()) if found else ():
            text = text.replace(" ".join(planned.split()), " ")
    return text


def _baseline(ctx: Context) -> Outcome:
    """A named baseline, or a comparison between at least two named models (the simpler one is the bar)."""
    found = ctx.located["method"]
    text = _done(ctx, ("method", "metrics", "outcome"))
    if BASELINE.search(text):
        return []
    if (COMPARISON.search(text) or compares(ctx.readme_values())) and len(distinct(MODEL, text)) >= 2:
        return []  # a comparison of named models, in words or in a table of their scores
    return _lacks(found, "names no baseline or simpler model to compare with.")


def _result(ctx: Context) -> Outcome:
    found = ctx.located["outcome"]
    if "outcome" in planned_sections(ctx):
        hit = found.hit
        return [
            Failure(
                f"{hit.heading} ({hit.where}) says what the project will do, not what it found.",
                hit.file,
                hit.line,
                "Report the result you got: which model won, its held-out score, and what that means.",
            )
        ]
    if only_next_steps(found.hit.heading):
        # its model names are plans ("Add a transformer"): the result must be said where results are
        if not next_steps_without_result(ctx):
            return []
        return _lacks(found, "lists what to do next, not what the project found (a number, the model that won).")
    text = ctx.section_text("outcome")
    if _DIGIT.search(text) or RESULT.search(text) or MODEL.search(text):
        return []
    return _lacks(found, "states no result (a number, the model that won).")


_SAYS_IMPACT = _says("outcome", "what the result means for someone (a decision, a recommendation, impact)", IMPACT)


def _impact(ctx: Context) -> Outcome:
    """What the result means for someone; an Outcome that only lists next steps in a README that reports no
    result has no result to give a meaning to ("Deploy as a web app" is a plan, not an impact)."""
    if next_steps_without_result(ctx):
        return _lacks(ctx.located["outcome"], "lists what to do next, not what a result means for someone.")
    return _SAYS_IMPACT(ctx)


def _anywhere(pattern: Terms, what: str) -> Callable[[Context], Outcome]:
    def run(ctx: Context) -> Outcome:
        readme = ctx.evidence.readme
        if readme is None:
            return None
        images = " ".join(f"{image.text} {image.target}" for image in readme.images)
        if (
            pattern.search(ctx.readme_text())
            or pattern.search(images.replace("_", " "))
            or pattern.search(ctx.headings_text())
        ):
            return []
        return [Failure(f"{readme.name} does not show {what}.", readme.name)]

    return run


def _headings(ctx: Context) -> Outcome:
    readme = ctx.evidence.readme
    if readme is None:
        return None
    failures = []
    for key, found in ctx.located.items():
        hit = found.hit
        if found.doc is readme and (hit.found_by == "content" or (hit.found_by == "introduction" and key != "problem")):
            rule = ctx.rubric.section(key)
            title = rule.title if rule else key
            failures.append(
                Failure(
                    f"{title} found by its content under '{hit.heading}' ({hit.where}).",
                    hit.file,
                    hit.line,
                    f"Give it a heading a reviewer looks for: '## {title}'.",
                )
            )
    return failures


def _format(ctx: Context) -> Outcome:
    readme = ctx.evidence.readme
    if readme is None or readme.name.lower().endswith((".rst", ".txt")):
        return None
    return [Failure(f"{readme.name}:{line}: {message}.", readme.name, line) for line, message in readme.formatting]


def looks_like_ml(ctx: Context) -> bool:
    """Data, a model or results anywhere: notebooks, metrics, ML words in the README or its sections."""
    evidence = ctx.evidence
    if evidence.notebooks or evidence.metrics_json is not None or ctx.readme_values():
        return True
    named = sum(found.hit.found_by == "heading" for found in ctx.located.values())
    return named >= 2 or len(distinct(ML, ctx.readme_text())) >= 3


def _ml(ctx: Context) -> Outcome:
    readme = ctx.evidence.readme
    if readme is None or looks_like_ml(ctx):
        return [] if readme is not None else None
    return [
        Failure(
            f"{readme.name} does not describe a machine-learning project (no data, model or results "
            "mentioned), so its write-up sections were not judged.",
            readme.name,
        )
    ]


def _as_done(check_id: str, function: Callable[[Context], Outcome]) -> Callable[[Context], Outcome]:
    """``function``, earning at most ``PLANNED_CONTENT_CREDIT`` when its section is written as a plan
    (``text.plans`` or ``outcome.result`` says so, once), and at most ``NOTEBOOK_ONLY_CREDIT`` when its section is
    only in a notebook: a reader of the README does not see it (``section.*`` says so, once)."""
    section_id = REQUIRES[check_id]

    def run(ctx: Context) -> Outcome:
        outcome = function(ctx)
        if outcome is None:
            return outcome
        found = ctx.located.get(section_id)
        cap = NOTEBOOK_ONLY_CREDIT if found is not None and found.doc is not ctx.evidence.readme else 1.0
        if section_id in planned_sections(ctx):
            cap = min(cap, PLANNED_CONTENT_CREDIT)
        credit = outcome.credit if isinstance(outcome, Partial) else 0.0 if outcome else 1.0
        return Partial(list(outcome), min(credit, cap)) if credit > cap else outcome

    return run


_FUNCTIONS: dict[str, Callable[[Context], Outcome]] = {
    "project.ml": _ml,
    "readme.format": _format,
    "readme.headings": _headings,
    "problem.target": _target,
    "problem.why": _why,
    "data.source": _source,
    "data.size": _size,
    "data.licence": _says("data", "under which licence or terms the data may be used", LICENCE),
    "method.models": _says("method", "which models were trained", MODEL, also=("metrics", "intro"), headings=True),
    "method.validation": _says(
        "method", "how the models were validated", VALIDATION, also=("metrics", "intro"), headings=True
    ),
    "method.baseline": _baseline,
    "outcome.result": _result,
    "outcome.impact": _impact,
    "outcome.limits": _limits,
    "text.specific": specific,
    "text.filler": filler,
    "text.plans": plans,
    "explain.drivers": _anywhere(DRIVERS, "what drives the predictions (feature importance, SHAP, coefficients)"),
    "limits.slices": _anywhere(SLICES, "where the model fails (per-segment metrics, error analysis)"),
}


def _in_english(function: Callable[[Context], Outcome]) -> Callable[[Context], Outcome]:
    def run(ctx: Context) -> Outcome:
        return function(ctx) if ctx.english() else None

    return run


FUNCTIONS = {
    check_id: _as_done(check_id, function) if REQUIRES.get(check_id) in JUDGED else function
    for check_id, function in _FUNCTIONS.items()
}
FUNCTIONS.update({check_id: _in_english(FUNCTIONS[check_id]) for check_id in WORDED_CHECKS})
