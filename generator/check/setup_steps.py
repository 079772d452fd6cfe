"""Tell a section that describes something from one that only gives instructions.

Real READMEs often have a "Data" section that is download commands, a "Model" section that is
``python train.py``, or a project tree and a ``.gitignore`` pasted in as text. A reviewer reads
those as instructions: useful for reproducing, but they say nothing about what the data is or
what the method does. A line is a *setup line* when it is a shell command, a file or folder name
on its own, a line of a drawn directory tree, or starts with a setup verb (install, download,
clone, open…); a section is *setup only* when most of its prose lines are setup lines.

The other kind of instructions is the assignment itself pasted in as the README ("your task is to
predict…", "your model will be evaluated…"): it speaks to the person who will solve the problem, so
it says what was asked, not what was done (:func:`assignment_brief`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.check.per_project import forgotten_per_project
from generator.check.regex_starts import literal_starts, matches

SETUP_SHARE = 0.6
"""Share of a section's prose lines that must be setup lines for the section to be setup only."""

_LIST_MARK = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s*|[$>]\s+)+")
_SETUP_LINE = re.compile(
    # a shell command (lower case, with an argument: "source: Kaggle" is not one)
    r"(?-i:pip3?|python3?|conda|mamba|git|cd|mkdir|kaggle|unzip|tar|wget|curl|bash|sh|source|export|docker"
    r"|jupyter|make|npm|yarn|cp|mv|rm|ls|apt(?:-get)?|brew|streamlit|uv|poetry|pipenv|dvc|gdown|chmod|"
    r"accelerate|torchrun)(?=[ \t]+[^\s:])(?![ \t]+(?:is|was|are|were|of|and)\b)"
    r"|\./\S+"
    # a setup verb in the imperative, followed by what it acts on
    r"|(?:install|download|clone|unzip|run|execute|launch|activate|navigate to|go to|set ?up|fill in"
    r"|change (?:into|to) the|create (?:a |an )?(?:virtual |conda )?env\w*|make sure"
    r"|open (?:the|a|an|your|it|\S+\.\w+)"
    r"|replace the path|update the path)[ \t]"
    # a file or folder name on its own, or a line of a drawn tree
    r"|[\w.*~-]*[./][\w.*/~-]*/?\s*$|.*[\u2500-\u257f]",
    re.IGNORECASE,
)


def setup_line(line: str) -> bool:
    """Whether a prose line is an instruction, a command, a file name or a tree line (not a description)."""
    return bool(_SETUP_LINE.match(_LIST_MARK.sub("", line.strip())))


@lru_cache(maxsize=1024)
def setup_only(prose: str) -> bool:
    """Whether most of the prose lines are setup lines (at least two of them)."""
    lines = [line for line in prose.splitlines() if line.strip()]
    needed = max(2.0, SETUP_SHARE * len(lines))
    setup, reachable = 0, len(lines)  # reachable: setup lines if every line not read yet is one
    for line in lines:
        if setup_line(line):
            setup += 1
        else:
            reachable -= 1
            if reachable < needed:
                return False  # the rest cannot make it (one pattern match a line is most of the time)
    return setup >= needed


_SOLVER = re.compile(
    r"\byour (?:task|goal|job|challenge|model|predictions?|submissions?|solution|private score"
    r"|final (?:score|ranking))\b"
    r"|\byou (?:are|will be) (?:asked|given|predicting|evaluated|scored|ranked)\b"
    r"|\byou (?:will|must|should|may|can) (?:predict|build|submit|upload|make)\b",
    re.IGNORECASE,
)
_SOLVER_STARTS = literal_starts(_SOLVER)
BRIEF_PHRASES = 3
"""Different phrases addressed to the solver that make a text the assignment brief."""


@lru_cache(maxsize=1024)
def assignment_brief(prose: str) -> bool:
    """Whether the text speaks to whoever will solve the task (the assignment, pasted in)."""
    return len({match.group().lower() for match in matches(_SOLVER, _SOLVER_STARTS, prose)}) >= BRIEF_PHRASES


forgotten_per_project(setup_only.cache_clear)
forgotten_per_project(assignment_brief.cache_clear)
