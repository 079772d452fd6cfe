"""The placeholder check: template guidance, stand-ins and chat-assistant text in any Markdown of the
project (README, docs/*.md and other Markdown files, notebooks' markdown cells)."""

from __future__ import annotations

from generator.check.context import Context, Failure
from generator.check.document import location

MAX_PLACEHOLDER_FINDINGS = 20
"""Placeholder findings listed per document (the rest are summed up in one line)."""


def _placeholders(ctx: Context) -> list[Failure] | None:
    if not ctx.evidence.has_documentation:
        return None
    failures: list[Failure] = []
    for name, source, cell_starts in ctx.evidence.sources():
        hits = ctx.placeholders(name, source)
        for hit in hits[:MAX_PLACEHOLDER_FINDINGS]:
            failures.append(
                Failure(
                    f"{location(name, cell_starts, hit.line)}: {hit.kind}: {hit.text!r}",
                    name,
                    None if cell_starts else hit.line,
                )
            )
        if len(hits) > MAX_PLACEHOLDER_FINDINGS:
            more = len(hits) - MAX_PLACEHOLDER_FINDINGS
            failures.append(Failure(f"{name}: {more} more placeholders.", name))
    return failures


FUNCTIONS = {"placeholders": _placeholders}
