"""Text that a learner was meant to replace: template guidance, stand-ins, chat-assistant residue.

Each pattern carries the one line a reviewer sees. Scanning works on raw source lines (code
blocks included: ``git clone https://github.com/yourusername/...`` is as unfinished as a TODO),
so every hit has a line number for the report and for SARIF.
"""

from __future__ import annotations

import re
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
    ("a template guidance line ('>📋')", re.compile(r"^\s*>\s*📋")),
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


def find_placeholders(source: str, first_line: int = 1) -> list[Placeholder]:
    """Every placeholder in ``source``; guidance comments count once, at their first line."""
    hits: list[Placeholder] = []
    covered: list[tuple[int, int]] = []
    for match in GUIDE_COMMENT.finditer(source):
        line = first_line + source.count("\n", 0, match.start())
        hits.append(Placeholder("a template guidance comment (portfolio:guide)", _short(match.group()), line))
        covered.append(match.span())
    offset = 0
    for number, text in enumerate(source.split("\n"), start=first_line):
        start, offset = offset, offset + len(text) + 1
        if any(a <= start < b for a, b in covered):
            continue
        for kind, pattern in _PATTERNS:
            match = pattern.search(text)
            if match:
                hits.append(Placeholder(kind, _short(match.group()), number))
    hits.sort(key=lambda hit: hit.line)
    return hits


def strip_placeholders(text: str) -> str:
    """``text`` without guidance comments and placeholder phrases (to count the real words left)."""
    text = GUIDE_COMMENT.sub(" ", text)
    for _, pattern in _PATTERNS:
        text = pattern.sub(" ", text)
    return text


def _short(text: str, limit: int = 60) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
