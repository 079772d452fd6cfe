"""Text that a learner was meant to replace: template guidance, stand-ins, chat-assistant residue.

Each pattern carries the one line a reviewer sees. Scanning works on raw source lines (code
blocks included: ``git clone https://github.com/yourusername/...`` is as unfinished as a TODO),
so every hit has a line number for the report and for SARIF.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

GUIDE_COMMENT = re.compile(r"<!--\s*portfolio:guide\b.*?-->", re.DOTALL | re.IGNORECASE)
"""The guidance comments our own templates put in every section."""

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a TODO marker", re.compile(r"\bTODO\b")),
    ("a TBD marker", re.compile(r"\bTBD\b")),
    ("a FIXME marker", re.compile(r"\bFIXME\b")),
    ("lorem ipsum filler", re.compile(r"\blorem\s+ipsum\b", re.IGNORECASE)),
    ("a 'paste your …' instruction", re.compile(r"\b(?:paste|insert|fill in)\s+your\s+\w+",
                                                re.IGNORECASE)),
    ("an 'X%' stand-in number", re.compile(r"(?<![\w.])(?:X{1,3}|x{1,3})(?:\.(?:X+|x+))?\s?%"
                                           r"|(?<![\w.])0\.(?:X+|x+)\b")),
    ("a '[Project Title]'-style stand-in", re.compile(
        r"\[(?:project\s+(?:title|name)|your\s+[^\]\n]{1,40}|insert\s+[^\]\n]{1,40}|title)\]",
        re.IGNORECASE)),
    ("a 'yourusername' stand-in", re.compile(r"\byour[-_]?(?:user[-_]?name|github[-_]?(?:user|handle|name)?"
                                            r"|handle|name)\b", re.IGNORECASE)),
    ("a '<your-…>' stand-in", re.compile(r"<your[-_ ][^>\n]{1,40}>", re.IGNORECASE)),
    ("a metrics cell waiting for `portfolio sync`",
     re.compile(r"\|[^|\n]*(?<![A-Za-z])run\b[^|\n]*portfolio sync[^|\n]*\|", re.IGNORECASE)),
    ("a template guidance line ('>📋')", re.compile(r"^[ \t]*>[ \t]*📋")),
    ("leftover chat-assistant text", re.compile(
        r"\b(?:do you want me to|would you like me to|shall I (?:also|add|create|write)|"
        r"let me know if you(?:'d| would)? (?:like|want|need)|I hope this helps|"
        r"as an AI(?: language model)?|here(?:'s| is) (?:a|an|the) (?:updated |improved |revised )?README"
        r"|feel free to ask|certainly! here)",
        re.IGNORECASE)),
)


@dataclass(frozen=True)
class Placeholder:
    """One placeholder: what it is, the text matched, and its 1-based line."""

    kind: str
    text: str
    line: int


def _scoped(pattern: re.Pattern[str]) -> str:
    return f"(?i:{pattern.pattern})" if pattern.flags & re.IGNORECASE else pattern.pattern


# One pass over the text finds every kind (a README can be 5 MB; thirteen passes per line add up).
_ANY = re.compile(
    "|".join(f"(?P<p{index}>{_scoped(pattern)})" for index, (_, pattern) in enumerate(_PATTERNS)),
    re.MULTILINE,
)
_KINDS = {f"p{index}": kind for index, (kind, _) in enumerate(_PATTERNS)}


def find_placeholders(source: str, first_line: int = 1) -> list[Placeholder]:
    """Every placeholder in ``source`` (one per kind and line); a guidance comment counts once."""
    found: list[tuple[int, str, str]] = []
    covered: list[tuple[int, int]] = []
    for match in GUIDE_COMMENT.finditer(source):
        found.append((match.start(), "a template guidance comment (portfolio:guide)", match.group()))
        covered.append(match.span())
    for match in _ANY.finditer(source):
        if not any(start <= match.start() < end for start, end in covered):
            found.append((match.start(), _KINDS[str(match.lastgroup)], match.group()))
    if not found:
        return []
    newlines = [m.start() for m in re.finditer("\n", source)]
    hits: dict[tuple[str, int], Placeholder] = {}
    for offset, kind, text in sorted(found):
        line = first_line + bisect_left(newlines, offset)
        hits.setdefault((kind, line), Placeholder(kind, _short(text), line))
    return sorted(hits.values(), key=lambda hit: hit.line)


def strip_placeholders(text: str) -> str:
    """``text`` without guidance comments and placeholder phrases (to count the real words left)."""
    return _ANY.sub(" ", GUIDE_COMMENT.sub(" ", text))


def _short(text: str, limit: int = 60) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
