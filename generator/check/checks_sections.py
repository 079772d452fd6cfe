"""Whether each rubric section is there and written, and how much of a write-up exists.

A section found but short, still the template's instruction, or only setup steps (download commands
as the Data section) is there but not written; :func:`coverage` is the share of a full write-up that
is written, which the quality checks (specific, free of filler) scale by.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.check.context import Context, Failure, Partial
from generator.check.placeholders import template_instruction
from generator.check.plans import PLAN_CREDIT, next_steps_without_result, planned_sections
from generator.check.rubric import SectionRule
from generator.check.setup_steps import assignment_brief, setup_only
from generator.check.structure import Located

Outcome = list[Failure] | None


def section_function(rule: SectionRule) -> Callable[[Context], Outcome]:
    """The check that ``rule``'s section is there and written (a quarter of the credit when it says nothing
    specific: headings over stock sentences are an outline, not a write-up)."""

    def run(ctx: Context) -> Outcome:
        found = ctx.located.get(rule.id)
        if found is None and rule.id == "metrics" and ctx.readme_values():
            first = ctx.readme_values()[0]
            return Partial(
                [
                    Failure(
                        f"Metric values (from line {first.line}) but no Results section to find them under.",
                        ctx.evidence.readme_name,
                        first.line,
                        "Gather the numbers under a '## Results' heading, in a | Model | Metric | table.",
                    )
                ],
                0.5,
            )
        if found is None:
            looked = ", ".join(rule.synonyms[:4])
            return [
                Failure(
                    f"No {rule.title} section (no heading like: {looked}, … and no text about it).",
                    ctx.evidence.readme_name,
                )
            ]
        hit = found.hit
        if hit.filled and template_left(found):
            return [
                Failure(
                    f"{rule.title} section at {hit.where} is still the template's instruction.",
                    hit.file,
                    hit.line,
                    f"Replace the instruction with {rule.describe}.",
                )
            ]
        if hit.filled and setup_steps(found):
            what = "is the assignment brief ('your task is…')" if brief(found) else "only gives setup steps"
            return Partial(
                [
                    Failure(
                        f"{rule.title} section at {hit.where} {what}, not a description of the work.",
                        hit.file,
                        hit.line,
                        f"Keep the steps, and add {rule.describe}.",
                    )
                ],
                SETUP_CREDIT,
            )
        if hit.filled:
            credit = 1.0 if rule.id not in ctx.specificity().marks or ctx.specificity().specific(rule.id) else 0.25
            if rule.id in planned_sections(ctx) or (rule.id == "outcome" and next_steps_without_result(ctx)):
                credit = min(credit, PLAN_CREDIT)  # text.plans or outcome.result says so
            if hit.file != ctx.evidence.readme_name:  # a notebook's cell: written, but not where a reader looks
                message = f"The {rule.title} section is only in {hit.where}, not in {ctx.evidence.readme_name}."
                fix = f"Add a '## {rule.title}' section to the README with {rule.describe}."
                return Partial([Failure(message, hit.file, hit.line, fix)], credit * ELSEWHERE_CREDIT)
            return [] if credit == 1 else Partial([], credit)
        if found.has_guide:
            message = f"{rule.title} section at {hit.where} still holds the template guidance comment."
            fix = f"Replace the guidance comment with {rule.describe}."
        elif rule.id == "metrics":
            message = f"{rule.title} section at {hit.where} has no numbers next to metric names."
            fix = "Run `portfolio sync`, or write a | Metric | Value | table with your held-out results."
        else:
            message = f"{rule.title} section at {hit.where} has {hit.words} words of prose (needs {rule.min_words})."
            fix = f"Write {rule.describe}."
        return [Failure(message, hit.file, hit.line, fix)]

    return run


ELSEWHERE_CREDIT = 0.5
"""Credit of a section written only in a notebook: the work is described, but a reviewer reads the README."""
SETUP_CREDIT = 0.25
"""Credit of a section that only gives instructions (download commands as the Data section, or the
assignment brief): it helps a reader reproduce or place the work, but describes nothing a reviewer asks about."""


def template_left(found: Located) -> bool:
    """A section that still holds a template's instruction ("Describe the dataset: its source…"): the
    words around the instruction are the template's too, so the section is not written."""
    return template_instruction(found.section.prose())


def brief(found: Located) -> bool:
    """A section that is the assignment brief pasted in ("your task is to predict…")."""
    return assignment_brief(found.section.prose())


def setup_steps(found: Located) -> bool:
    """Instructions rather than a description: setup steps (not for Metrics, whose table is the point),
    or the assignment brief pasted in."""
    return (found.hit.id != "metrics" and setup_only(found.section.prose())) or brief(found)


FULL_WRITEUP = 3
"""Written sections a write-up needs before "specific" and "free of filler" mean much: two specific
lines under a title are not a specific write-up (a reviewer judges the text that should be there)."""


def coverage(ctx: Context) -> float:
    """The share of a full write-up that is written: 1 from ``FULL_WRITEUP`` written sections on (a section
    that is there but short, or only setup steps, counts half: a list of four model names says something)."""
    written = sum(
        1.0 if found.hit.filled and not setup_steps(found) and not template_left(found) else 0.5
        for key, found in ctx.located.items()
        if ctx.rubric.section(key)
    )
    return min(1.0, written / FULL_WRITEUP)
