"""Checks across the write-up's sections: whether they say specific things, whether they are padded with stock
or copied sentences, and whether the Method and Outcome report work done rather than plans (the reading
itself: :mod:`generator.check.specificity`; which sections are plans: :mod:`generator.check.plans`)."""

from __future__ import annotations

from generator.check.checks_sections import coverage
from generator.check.context import Context, Failure, Partial
from generator.check.plans import JUDGED, planned_sections

Outcome = list[Failure] | None


GENERATED_CREDIT = 0.5
"""What the writing of a README a chat assistant wrote earns: it may describe the author's work, but its
sentences are the assistant's, so they say little about how the author explains the work."""


def _scaled(ctx: Context, failures: list[Failure], credit: float) -> Outcome:
    """``credit`` in proportion to how much of the write-up is there (see ``FULL_WRITEUP``), and halved when
    a chat assistant wrote the README (its text to the user was left in it)."""
    credit *= coverage(ctx)
    chat = ctx.chat_line()
    if chat is not None:
        credit *= GENERATED_CREDIT
        readme = ctx.evidence.readme
        name = readme.name if readme else None
        failures = [
            *failures,
            Failure(
                f"{name}:{chat}: the README holds a chat assistant's words to its user, so its prose is the "
                "assistant's, not yours.",
                name,
                chat,
                "Delete the assistant's text and rewrite the sections in your own words, with your numbers.",
            ),
        ]
    return Partial(failures, credit) if failures or credit < 1 else []


def filler(ctx: Context) -> Outcome:
    """Padded sections (stock sentences a real share of them) and sentences repeated across sections; credit:
    the share of sections free of both. A block that serves two sections is one section here."""
    reading = ctx.specificity()
    if not reading.marks:
        return None
    failures: list[Failure] = []
    for normal, owners in list(reading.repeated.items())[:3]:
        titles = " and ".join(dict.fromkeys(reading.titles[normal]))
        failures.append(
            Failure(
                f"{titles} repeat the same sentence ('{normal[:60]}').",
                ctx.located[owners[0]].hit.file,
                ctx.located[owners[0]].hit.line,
                "Write each section in its own words; say a thing once, where it belongs.",
            )
        )
    places = {reading.sections[key] for key in reading.marks}
    padded = {reading.sections[key] for owners in reading.repeated.values() for key in owners}
    reported = set()
    for key, stock in reading.stock.items():
        place = reading.sections[key]
        if not reading.padded(key) or place in reported:
            continue
        padded.add(place)
        reported.add(place)
        hit = ctx.located[key].hit
        example = stock[0] if len(stock[0]) <= 70 else stock[0][:69] + "…"
        failures.append(
            Failure(
                f"{hit.heading} ({hit.where}) has {len(stock)} stock sentence(s) that say "
                f"nothing checkable, e.g. '{example}'.",
                hit.file,
                hit.line,
            )
        )
    return _scaled(ctx, failures, 1 - len(padded & places) / len(places))


def plans(ctx: Context) -> Outcome:
    """Method and Outcome written as plans; credit: the share of them that report work done. It applies only where
    it finds a plan (like ``metrics.consistent`` only where there is a metrics file): a write-up earns nothing for
    not being a proposal, so a vague README is not lifted by it. The Outcome's plan is reported by
    ``outcome.result`` (it states no result), the Method's here."""
    judged = [key for key in JUDGED if key in ctx.located and ctx.located[key].hit.filled]
    if not judged:
        return None
    planned = planned_sections(ctx)
    if not planned:
        return None
    reading = ctx.specificity()
    failures = []
    for key in planned:
        if key == "outcome":
            continue
        hit = ctx.located[key].hit
        plans = reading.plans[key] + reading.steps[key]
        if reading.planned(key, steps=JUDGED[key]):
            example = plans[0] if len(plans[0]) <= 70 else plans[0][:69] + "…"
            said = f"{len(plans)} of its {reading.counted[key]} sentences say what will be done, e.g. '{example}'"
        else:  # the README as a whole is a proposal
            many, sentences = reading.documents[ctx.located[key].doc.name]
            said = f"the README says what the project will do ({many} of its {sentences} sentences) and shows no result"
        failures.append(Failure(f"{hit.heading} ({hit.where}) is written as a plan: {said}.", hit.file, hit.line))
    return Partial(failures, 1 - len(planned) / len(judged))


def specific(ctx: Context) -> Outcome:
    """The share of written sections that say specific things. A section written as a plan does not count:
    what it names is what the project means to do, which nothing in the README lets a reader check
    (``text.plans`` says so; no second finding here)."""
    reading = ctx.specificity()
    if not reading.marks:
        return None
    failures: list[Failure] = []
    vague = [key for key in reading.marks if not reading.specific(key)]
    planned = [key for key in planned_sections(ctx) if key not in vague]
    for key in vague:
        hit, rule = ctx.located[key].hit, ctx.rubric.section(key)
        describe = rule.describe if rule else "the specifics"
        failures.append(
            Failure(
                f"{hit.heading} ({hit.where}) is written but names nothing specific (no number, name or example).",
                hit.file,
                hit.line,
                f"Replace the stock sentences with {describe}.",
            )
        )
    return _scaled(ctx, failures, 1 - (len(vague) + len(planned)) / len(reading.marks))
