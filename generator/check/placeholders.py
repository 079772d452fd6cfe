"""Text that a learner was meant to replace: template guidance, stand-ins, chat-assistant residue.

Each pattern carries the one line a reviewer sees. Scanning works on raw source lines (code
blocks included: ``git clone https://github.com/yourusername/...`` is as unfinished as a TODO),
so every hit has a line number for the report and for SARIF.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

from generator.check.per_project import forgotten_per_project
from generator.check.regex_starts import literal_starts, matches, substitute
from generator.check.terms import lower_part

GUIDE_COMMENT = re.compile(r"<!--\s*portfolio:guide\b.*?-->", re.DOTALL | re.IGNORECASE)
"""The guidance comments our own templates put in every section."""


@dataclass(frozen=True)
class _Kind:
    """A kind of placeholder: the line reviewers read, its pattern, and lower-case literals
    of which at least one must occur for the pattern to be worth running (a cheap ``in``
    test keeps scanning a README fast)."""

    label: str
    pattern: re.Pattern[str]
    needles: tuple[str, ...]
    gate: re.Pattern[str] | None = None
    """For a pattern without literal starts: a part of every match that has some, looked for first."""

    starts: tuple[str, ...] = field(init=False)
    """What every match begins with, when the pattern says (it then runs only there)."""

    gate_starts: tuple[str, ...] = field(init=False)

    finder: re.Pattern[str] | None = field(init=False)
    """Needles that share their first letters (``<your``, ``<repo``…) as one search for those letters."""

    start_needles: tuple[frozenset[str], ...] = field(init=False)
    """For each start, the needles inside it: a start occurs only where they all do."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", literal_starts(self.pattern))
        object.__setattr__(self, "gate_starts", literal_starts(self.gate) if self.gate else ())
        assert self.gate is None or self.gate_starts, "a gate is looked for at its literal starts"
        inside = tuple(frozenset(needle for needle in self.needles if needle in start) for start in self.starts)
        object.__setattr__(self, "start_needles", inside)
        shared = self.needles[0] if len(self.needles) > 1 else ""
        for needle in self.needles[1:]:
            while not needle.startswith(shared):
                shared = shared[:-1]
        rests = "|".join(re.escape(needle[len(shared) :]) for needle in self.needles)
        object.__setattr__(self, "finder", re.compile(f"{re.escape(shared)}(?:{rests})") if shared else None)

    def starts_among(self, needles: frozenset[str]) -> tuple[str, ...] | None:
        """The starts that can occur in a text whose needles are ``needles`` (a start that holds a needle
        occurs only where that needle does): fewer places to look for; ``()`` for a pattern without
        literal starts (looked for everywhere), ``None`` when no match can begin in the text."""
        if not self.starts:
            return ()
        pairs = zip(self.starts, self.start_needles, strict=True)
        return tuple(start for start, inside in pairs if not inside or inside & needles) or None

    def gated(self, text: str, lowered: str | None = None) -> bool:
        """Whether the gate says no match is in ``text`` (``lowered``: its lower case, when known)."""
        gate = self.gate
        return gate is not None and next(matches(gate, self.gate_starts, text, lowered), None) is None

    def may_occur(self, lowered: str) -> bool:
        """Whether any needle occurs in the lower-cased text (``map`` keeps this loop in C; needles with
        a common start are found in one pass, the engine jumping from one occurrence of it to the next)."""
        if self.finder is not None:
            return self.finder.search(lowered) is not None
        return any(map(lowered.__contains__, self.needles))


CHAT_TEXT = "leftover chat-assistant text"
"""The label of what a chat assistant wrote around the README it generated ("Below is a README you can copy")."""
_DOCUMENTED = r"(?:(?:machine learning |ml )?project|dataset|data|model|results?|approach|method|problem)\b"
"""What a template asks the author to describe."""
_KINDS: tuple[_Kind, ...] = (
    _Kind("a TODO marker", re.compile(r"\bTODO\b"), ("todo",)),
    _Kind("a TBD marker", re.compile(r"\bTBD\b"), ("tbd",)),
    _Kind("a FIXME marker", re.compile(r"\bFIXME\b"), ("fixme",)),
    _Kind("lorem ipsum filler", re.compile(r"\blorem\s+ipsum\b", re.IGNORECASE), ("lorem",)),
    _Kind(
        "a 'paste your …' instruction",
        re.compile(r"\b(?:paste|insert|fill in)\s+your\s+\w+", re.IGNORECASE),
        ("paste", "insert", "fill in"),
    ),
    _Kind(
        "an 'X%' stand-in number",
        re.compile(r"(?<![\w.])(?:X{1,3}|x{1,3})(?:\.(?:X+|x+))?\s?%|(?<![\w.])0\.(?:X+|x+)\b"),
        ("x%", "x %", "0.x"),
    ),
    _Kind(
        "a '[Project Title]'-style stand-in",
        re.compile(
            r"\[(?:project\s+(?:title|name)|your\s+[^\]\n]{1,40}|insert\s+[^\]\n]{1,40}|title)\]", re.IGNORECASE
        ),
        ("[project", "[your", "[insert", "[title]"),
    ),
    _Kind(
        "a 'yourusername' stand-in",
        re.compile(r"\byour[-_]?(?:user[-_]?name|github[-_]?(?:user|handle|name)?|handle|name)\b", re.IGNORECASE),
        tuple(f"your{sep}{word}" for sep in ("", "-", "_") for word in ("user", "github", "handle", "name")),
    ),
    _Kind(
        "a '<your-…>' stand-in",
        re.compile(
            r"<(?:your|repo|repository|project|user|username|path|dataset|model|name)[-_ ][^>\n]{1,40}>", re.IGNORECASE
        ),
        ("<your", "<repo", "<project", "<user", "<path", "<dataset", "<model", "<name"),
    ),
    *(
        # three patterns, so that each runs only where its first word is: "Describe the dataset",
        # "A short description of your project", "# Project Title"
        _Kind("a template instruction ('describe your …')", re.compile(pattern, re.IGNORECASE | re.MULTILINE), needles)
        for pattern, needles in (
            (
                r"(?<!\bwe )(?<!\bi )(?<!\bwill )(?<!\bto )"  # "we will describe the data below" is the author's
                r"\b(?:describe|explain|summari[sz]e|list|insert|write about|discuss) (?:your|the) " + _DOCUMENTED,
                ("describe", "explain", "summari", "list ", "insert", "write about", "discuss"),
            ),
            (
                r"(?:(?<=\ba )|(?<=\ban )|(?<=brief )|(?<=short ))description of (?:your|the) " + _DOCUMENTED,
                ("description of",),
            ),
            (r"^#\s*(?:project\s+(?:title|name)|title)\s*$", ("title",)),
        )
    ),
    _Kind(
        "a template instruction ('describe your …')",
        re.compile(
            # an imperative at the start of a line, a list item or a sentence ("Provide an overview of the
            # dataset, including its size…", "Wrap up with a brief conclusion…"): the whole line is the
            # template's, examples included, so none of it counts as the author's words.
            # The line must also sound like one: "including", "e.g.", "briefly"… (or "Briefly describe").
            r"(?:(?<=briefly )|(?<=please )|(?:(?<![^\n])|(?<=[-*+>] )|(?<=\d\. )|(?<=\d\) )|(?<=[.:] )|(?<=\*\*))"
            r"(?=[^\n]{0,300}?(?:\bincluding\b|\bsuch as\b|\be\.g\b|\bfor example\b|\bbrief(?:ly)?\b"
            r"|\bif (?:any|applicable|relevant)\b)))"
            r"(?:describe|explain|summari[sz]e|discuss|provide|give|outline|highlight|mention"
            r"|detail|include|state|wrap up|write|insert)\b"
            r"(?:[ ,]+[\w'-]+){0,8}?[ ,]+(?:overview|description|summary|insights?|findings|approach(?:es)?"
            r"|performance|results?|conclusions?|dataset|data|problem|project|methods?|methodology|models?"
            r"|objectives?|goals?|motivation|challenges|limitations?|observations|evaluation|impact"
            r"|recommendations|context|background|purpose|steps|preprocessing|analysis)\b[^\n]*",
            re.IGNORECASE,
        ),
        (
            *("describe", "explain", "summari", "discuss", "provide", "give", "outline", "highlight"),
            *("mention", "detail", "include", "state", "write", "insert", "wrap up"),
        ),
    ),
    _Kind(
        "a template instruction ('describe your …')",
        re.compile(
            # a generic README template talks to the author about "your project" ("Highlight the key features
            # of your project.", "Explain how users can use your project."); a README talks to its reader
            # about "this project" (and "your project ID" is the reader's, not a stand-in)
            r"(?:(?<![^\n])|(?<=[-*+>] )|(?<=\d\. )|(?<=[.:] ))(?:highlight|guide|list|provide|explain|describe"
            r"|summari[sz]e|mention|outline|specify|tell)\b[^\n.]{0,80}?\byour (?:project|app|application"
            r"|repository|repo|code|model|work)\b(?!['\u2019]?s?[ _-]?(?:id|ids|name|key|number|token|root|folder"
            r"|directory|path)\b)[^\n]*",
            re.IGNORECASE,
        ),
        ("your project", "your app", "your repo", "your code", "your model", "your work"),
    ),
    _Kind(
        "an instruction to add a screenshot ('add a screenshot of your app here')",
        re.compile(
            # asks the author for a picture: "Add a screenshot of your app here", "[Embed a demo GIF here]"
            r"(?:(?<![^\n])|(?<=[-*+>] )|(?<=[\[(*_])|(?<=\d\. )|(?<=[.:!] )|(?<=\bneed to )|(?<=\bhave to ))"
            r"(?:take|add|insert|embed|include|upload|attach|place|put|paste|drop)\b[^\n.]{0,40}?"
            r"\b(?:screen ?shots?|gifs?|demo videos?|video links?)\b[^\n]{0,80}?\b(?:here|your)\b[^\n]*",
            re.IGNORECASE,
        ),
        ("screenshot", "screen shot", "gif", "demo video", "video link"),
    ),
    _Kind(
        "a 'Feature 1' stand-in",
        re.compile(
            r"^[ \t]*[-*+][ \t]+(?:feature|item|point|bullet point)[ \t]+\d[ \t]*$", re.IGNORECASE | re.MULTILINE
        ),
        ("feature", "item", "point"),
        re.compile(r"(?:feature|item|point)[ \t]+\d", re.IGNORECASE),  # "feature" alone is a word of many READMEs
    ),
    _Kind(
        "a metrics cell waiting for `make train` or `portfolio sync`",
        re.compile(r"\|[^|\n]*(?<![A-Za-z])run\b[^|\n]*(?:portfolio sync|make train)[^|\n]*\|", re.IGNORECASE),
        ("portfolio sync", "make train"),
    ),
    _Kind(
        "a '_say …_' template instruction",
        re.compile(r"(?<![\w`])_(?:say|describe|explain|write|name|state)\s[^_\n]{3,100}_(?!\w)", re.IGNORECASE),
        ("_say", "_describe", "_explain", "_write", "_name", "_state"),
    ),
    _Kind("a template guidance line ('>📋')", re.compile(r"^[ \t]*>[ \t]*📋", re.MULTILINE), ("📋",)),
    *(
        _Kind(CHAT_TEXT, re.compile(pattern, re.IGNORECASE | re.MULTILINE), needles)
        for pattern, needles in (
            (r"\b(?:do you want|would you like|want) me to\b", ("me to",)),
            (r"\bshall I (?:also|add|create|write)\b", ("shall i",)),
            (r"\bif you(?:'d like| want| like),? I can\b|\bI can also (?:add|create|write|make)\b", ("i can",)),
            (r"\blet me know if you(?:'d| would)? (?:like|want|need)", ("let me know",)),
            (r"\bI hope this helps\b", ("hope this",)),
            (r"\bas an AI(?: language model)?\b", ("as an ai",)),
            # "Below is a **clean, ready-to-use README.md** for your project": emphasis and commas included
            (
                r"\b(?:here(?:'s|\u2019s| is)|below is) \**(?:a|an|the|your)\b[^\n]{0,60}?\bREADME\b",
                ("here", "below is"),
            ),
            (r"\bfeel free to ask\b|\bcertainly! here\b", ("feel free", "certainly!")),
            (
                r"\bcopy[ \t]?(?:[-/\u2013\u2014]|and)?[ \t]?paste\**[ \t]+\**(?:it|this|the|directly|into)\b",
                ("paste",),
            ),
            # the assistant praising what it wrote: "This README is GitHub-ready and interview-safe"
            (
                r"\b(?:github|recruiter|interview|resume|r\u00e9sum\u00e9|linkedin)[- ](?:ready|safe)\b",
                ("github", "recruiter", "interview", "resume", "r\u00e9sum\u00e9", "linkedin"),
            ),
            (r"\bI(?:'ve| have) (?:created|written|drafted|prepared) (?:a|an|the|your)\b", ("i've", "i have")),
            (r"^(?:sure|certainly|absolutely|of course)[!,] ", ("sure", "certainly", "absolutely", "of course")),
            (r"^copy(?: code|[ \t]*\n[ \t]*edit)[ \t]*$", ("copy",)),  # a chat window's copy button, pasted along
        )
    ),
    _Kind(
        "a '[link](link)' placeholder",
        re.compile(
            r"\[[^\]\n]{1,40}\]\((?:link|url|your[-_ ]?(?:link|url)|https?://(?:www\.)?example\.(?:com|org)[^)\s]*|)\)",
            re.IGNORECASE,
        ),
        ("](",),
    ),
)


_TEMPLATE_INSTRUCTIONS = tuple(kind for kind in _KINDS if kind.label.startswith("a template instruction"))
_TEMPLATE_NEEDLES = tuple(dict.fromkeys(needle for kind in _TEMPLATE_INSTRUCTIONS for needle in kind.needles))


@lru_cache(maxsize=1024)
def template_instruction(text: str) -> bool:
    """Whether ``text`` holds a template's instruction ("Describe the dataset: …"): each needle looked for
    once, and each kind tried only at the starts its needles allow."""
    lowered = text.lower()
    needles = frozenset(compress(_TEMPLATE_NEEDLES, map(lowered.__contains__, _TEMPLATE_NEEDLES)))
    for kind in _TEMPLATE_INSTRUCTIONS:
        if needles.isdisjoint(kind.needles):
            continue
        starts = kind.starts_among(needles)
        if starts is not None and next(matches(kind.pattern, starts, text, lowered), None) is not None:
            return True
    return False


@dataclass(frozen=True)
class Placeholder:
    """One placeholder: what it is, the text matched, and its 1-based line."""

    kind: str
    text: str
    line: int


def find_placeholders(source: str, first_line: int = 1) -> list[Placeholder]:
    """Every placeholder in ``source`` (one per kind and line); a guidance comment counts once."""
    found: list[tuple[int, str, str]] = []
    covered: list[tuple[int, int]] = []
    for match in GUIDE_COMMENT.finditer(source) if "<!--" in source else ():
        found.append((match.start(), "a template guidance comment (portfolio:guide)", match.group()))
        covered.append(match.span())
    lowered = source.lower()
    needles = _needles_of(lowered)
    for kind in _kinds_of(needles):
        starts = kind.starts_among(needles)
        if starts is None or kind.gated(source, lowered):
            continue  # no start of a match is in the text
        for match in matches(kind.pattern, starts, source, lowered):
            if not any(start <= match.start() < end for start, end in covered):
                found.append((match.start(), kind.label, match.group()))
    if not found:
        return []
    newlines = [m.start() for m in re.finditer("\n", source)]
    hits: dict[tuple[str, int], Placeholder] = {}
    for offset, label, text in sorted(found):
        line = first_line + bisect_left(newlines, offset)
        hits.setdefault((label, line), Placeholder(label, _short(text), line))
    return sorted(hits.values(), key=lambda hit: hit.line)


def strip_joined(parts: list[str]) -> str:
    """``strip_placeholders("\\n".join(parts))``, with the needles looked for in each part once per project
    (a block is in its section's text, in the texts of several checks and in the README's).

    No needle holds a line break, so a needle of the joined text is inside one part: only the kinds
    with a needle in some part are asked about the joined text. A guidance comment (its ``<!--`` is
    inside a part too) leaves a space where it was, which can bring new needles together: then the
    whole text is read. A joined text is stripped once per project (a section's text is read for its
    words, its sentences and by several checks).
    """
    joined = "\n".join(parts)
    if any("<!--" in part for part in parts):
        return strip_placeholders(joined)
    stripped = _STRIPPED.get(joined)
    if stripped is None:
        needles = frozenset().union(*map(_needles_in, parts))
        stripped = _strip(joined, _kinds_of(needles), needles, "\n".join(map(lower_part, parts))) if needles else joined
        if len(_STRIPPED) >= _MAX_STRIPPED:
            _STRIPPED.clear()
        _STRIPPED[joined] = stripped
    return stripped


_STRIPPED: dict[str, str] = {}
"""Joined texts of this project and what is left of them without placeholders."""
_MAX_STRIPPED = 4096


def _kinds_of(needles: frozenset[str]) -> list[_Kind]:
    """The kinds with one of ``needles``, in their order."""
    return [_KINDS[at] for at in sorted({at for needle in needles for at in _NEEDLE_KINDS[needle]})]


@lru_cache(maxsize=4096)
def _needles_in(part: str) -> frozenset[str]:
    """The needles in ``part`` (each looked for once: a block is short, and several kinds share needles)."""
    return _needles_of(lower_part(part))


def _needles_of(lower: str) -> frozenset[str]:
    """The needles in a lower-cased text, those behind a gate only when the gate is there (``compress``
    over ``map`` keeps the loops in C)."""
    found = list(compress(_UNGATED, map(lower.__contains__, _UNGATED)))
    for members in compress(_GATED, map(lower.__contains__, _GATES)):
        found += compress(members, map(lower.__contains__, members))
    return frozenset(found)


_NEEDLES = tuple(dict.fromkeys(needle for kind in _KINDS for needle in kind.needles))
_GATES = ("your", "<", "[", "_", "x", "me ", "certainly", "write ")
"""Text inside many needles or in a few rare ones (a part without ``your`` holds none of the fourteen
``your…`` needles): each needle is behind the first gate it holds, if any."""
_GATED = tuple(
    tuple(
        needle
        for needle in _NEEDLES
        if gate in needle and not any(earlier in needle for earlier in _GATES[: _GATES.index(gate)])
    )
    for gate in _GATES
)
_UNGATED = tuple(needle for needle in _NEEDLES if not any(gate in needle for gate in _GATES))
_NEEDLE_KINDS = {needle: tuple(at for at, kind in enumerate(_KINDS) if needle in kind.needles) for needle in _NEEDLES}
"""Each needle's kinds (by place in ``_KINDS``)."""


assert not any("\n" in needle for kind in _KINDS for needle in kind.needles), "see strip_joined"


@lru_cache(maxsize=1024)
def strip_placeholders(text: str) -> str:
    """``text`` without guidance comments and placeholder phrases (to count the real words left)."""
    return _strip(GUIDE_COMMENT.sub(" ", text), _KINDS)


def _strip(text: str, kinds: Iterable[_Kind], needles: frozenset[str] | None = None, lower: str | None = None) -> str:
    """``text`` without the placeholders of those ``kinds`` whose needles occur in it (``needles``: all
    the needles in it, and ``lower``: ``text.lower()``, when the caller knows them)."""
    lower = text.lower() if lower is None else lower
    current: str | None = lower  # the lower-case text while nothing was stripped yet
    for kind in kinds:
        if not (kind.may_occur(lower) if needles is None else needles.intersection(kind.needles)):
            continue
        # while the text is as its needles were read, only the starts they allow can begin a match
        starts = kind.starts_among(needles) if current is not None and needles is not None else kind.starts
        if starts is None or kind.gated(text, current):
            continue
        stripped = substitute(kind.pattern, starts, text, " ", current)
        if stripped is not text:
            text, current = stripped, None  # the next kind reads the text as it is now
    return text


def _short(text: str, limit: int = 60) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


forgotten_per_project(strip_placeholders.cache_clear)
forgotten_per_project(_STRIPPED.clear)
forgotten_per_project(_needles_in.cache_clear)
forgotten_per_project(template_instruction.cache_clear)
