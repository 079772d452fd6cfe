"""Which parts of a write-up are plans: a Method or Outcome that says what the project will do.

A proposal reads like a write-up: it names models, a validation scheme, metrics and who benefits. What
it lacks is the work. A reviewer credits only what the README shows as done, so a Method or Outcome
whose sentences are mostly plans ("will be evaluated", "we will", "aims to", "to be added") earns part
of its credit, and the Outcome's result check says it reports no result. Dominance and the section
matter: "the model will flag customers at risk" is how an Outcome describes the use of a finished
model, so a README that shows result numbers is not read as a plan, nor is a section headed as what
comes next ("Next steps", "Future work").
"""

from __future__ import annotations

import re

from generator.check.context import Context
from generator.check.rubric import only_next_steps
from generator.check.vocabulary import RESULT

PLAN_CREDIT = 0.5
"""Share of a section's weight (``section.method``, ``section.outcome``) earned when it is written as a plan."""
PLANNED_CONTENT_CREDIT = 0.25
"""Most a content check of a planned section earns (``method.models``…): a model the project will train is
named, not trained, which is worth what a section that names nothing specific is worth."""
JUDGED = {"method": True, "outcome": False}
"""The sections read for plans -> whether instructions ("Build a baseline model…") count as plans there: in a
Method a list of steps to take is a plan; in an Outcome "Use the model to…" is a recommendation."""
_DIGIT = re.compile(r"\b\d")
"""A number, not a digit inside a name ("Mental360")."""
_AHEAD = re.compile(
    r"\b(?:next|future|roadmap|improvements?|limitations?|recommendations?|to ?do|plans?|outlook)\b", re.IGNORECASE
)
"""Headings of sections that are about what comes next by design."""


def planned_sections(ctx: Context) -> list[str]:
    """The judged README sections written as plans, in a README that shows no result number (a notebook's
    "In this notebook we will…" is a tutorial's voice over work that its outputs show). In a README that
    reads as a proposal as a whole, every judged section is one (a Method that lists models to try)."""
    reading = ctx.specificity()
    if reading.judged_plans is None:
        reading.judged_plans = _planned(ctx)
    return reading.judged_plans


def _planned(ctx: Context) -> list[str]:
    readme = ctx.evidence.readme
    if readme is None or ctx.readme_values():
        return []
    reading = ctx.specificity()
    proposal = reading.proposal(readme.name)
    run = bool(ctx.notebook_values())  # steps whose results a notebook shows were taken, not planned
    return [
        key
        for key, steps in JUDGED.items()
        if key in reading.counted
        and ctx.located[key].doc is readme
        and (proposal or reading.planned(key, steps=steps and not run))
        and not _AHEAD.search(ctx.located[key].hit.heading)
        and not (key == "outcome" and _finds(ctx))
    ]


def _finds(ctx: Context) -> bool:
    """Whether the Outcome states a finding outside its plans ("Random forest was the best model", a number):
    then what follows it ("it will improve with more data") is a next step."""
    text = ctx.section_text("outcome")
    for plan in ctx.specificity().plans["outcome"]:
        text = text.replace(" ".join(plan.split()), " ")
    return bool(_DIGIT.search(text)) or RESULT.search(text)


def next_steps_without_result(ctx: Context) -> bool:
    """An Outcome that only lists what comes next ("Future Work") in a README that reports no result: no metric
    value anywhere in it, no result's words in its Results (a digit is not one: "weights saved as .h5"). Its
    model names are plans ("Add a transformer"), so it is half an Outcome, as a plan is."""
    found = ctx.located.get("outcome")
    if found is None or not only_next_steps(found.hit.heading) or ctx.readme_values():
        return False
    return not ("metrics" in ctx.located and RESULT.search(ctx.section_text("metrics")))
