"""The rubric: which sections a README needs, what each check weighs, what passes.

The default ships as ``default_rubric.toml`` next to this module. A bootcamp's rubric file
holds only what it changes and is laid over the default, so a one-line file such as
``passing_score = 80`` is a complete rubric. Every problem in a rubric file is reported as
``file: field: message`` (and exits 2: a bad ``--rubric`` is a usage error).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from generator.check.document import IDEOGRAPHS
from generator.check.rules import CHECKS
from generator.errors import RubricError

DEFAULT_RUBRIC = Path(__file__).with_name("default_rubric.toml")
_TOP_KEYS = {"name", "passing_score", "min_words", "grades", "sections", "checks"}
_SECTION_KEYS = {"title", "weight", "required", "describe", "synonyms", "min_words"}
_NOT_A_WORD = re.compile(r"[^\w\s]|_")
_SECTION_ID = re.compile(r"^[a-z][a-z0-9_-]{0,40}$")


@dataclass(frozen=True)
class SectionRule:
    """One section a README should have and how it is recognised."""

    id: str
    title: str
    synonyms: tuple[str, ...]
    weight: int
    required: bool
    describe: str
    min_words: int


@dataclass(frozen=True)
class Rubric:
    """A validated rubric (default merged with a bootcamp's overrides)."""

    name: str
    passing_score: int
    grades: tuple[tuple[str, int], ...]
    sections: tuple[SectionRule, ...]
    weights: dict[str, int]
    text: str
    source: str

    def grade(self, score: int) -> str:
        """The grade for ``score`` ("F" below the lowest threshold)."""
        return next((grade for grade, minimum in self.grades if score >= minimum), "F")

    def section(self, section_id: str) -> SectionRule | None:
        """The rule for a section id, if the rubric has one."""
        return next((rule for rule in self.sections if rule.id == section_id), None)

    def match_heading(self, heading: str) -> str | None:
        """The section id a heading names best, or ``None`` (see :meth:`heading_scores`)."""
        scores = self.heading_scores(heading)
        return max(scores, key=lambda key: scores[key]) if scores else None

    def heading_scores(self, heading: str) -> dict[str, float]:
        """How strongly a heading names each section: 4 for an exact synonym, 3 for the synonym that
        ends latest in it (English puts the head noun last: "Model Evaluation" is about evaluation),
        2.5 for other synonyms in it; a generic word ("Overview", "Summary") only decides alone
        ("Dataset Overview" is about data, "Models Summary" about the models)."""
        exact, table, seen = self._synonym_index()
        found = seen.get(heading)
        if found is None:
            found = seen[heading] = _score(normalise(heading), exact, table)
        return found

    def _synonym_index(
        self,
    ) -> tuple[dict[tuple[str, ...], str], dict[str, list[tuple[str, tuple[str, ...]]]], dict[str, dict[str, float]]]:
        """Normalised synonyms and the headings already scored, built once per rubric
        (a cohort or a benchmark matches the same headings thousands of times)."""
        cached = self.__dict__.get("_index")
        if cached is None:
            table = [(rule.id, normalise(s)) for rule in self.sections for s in (rule.id, *rule.synonyms)]
            table = [(section_id, words) for section_id, words in table if words]
            exact: dict[tuple[str, ...], str] = {}
            by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
            for section_id, words in table:
                exact.setdefault(words, section_id)
                by_first.setdefault(words[0], []).append((section_id, words))
            cached = (exact, by_first, {})
            object.__setattr__(self, "_index", cached)
        return cached


GENERIC = frozenset(
    {
        "overview",
        "summary",
        "introduction",
        "about",
        "background",
        "context",
        "description",
        "detail",
        "task",
        "project",
        "goal",
        "objective",
        # introduction, overview, summary, project, background (Chinese, Japanese, Korean)
        *("简", "介", "绍", "概", "述", "要", "项", "目", "背", "景", "개요", "소개", "배경", "프로젝트"),
    }
)
"""Heading words that name a section only when nothing more specific is in the heading."""


def _score(
    words: tuple[str, ...], exact: dict[tuple[str, ...], str], table: dict[str, list[tuple[str, tuple[str, ...]]]]
) -> dict[str, float]:
    if not words:
        return {}
    if words in exact:
        return {exact[words]: 4.0}
    ends: dict[str, tuple[int, bool]] = {}
    for section_id, synonym in (item for word in set(words) for item in table.get(word, ())):
        size = len(synonym)
        generic = all(word in GENERIC for word in synonym)
        for start in range(len(words) - size + 1):
            if words[start : start + size] == synonym:
                best = ends.get(section_id)
                if best is None or (start + size, not generic) > (best[0], not best[1]):
                    ends[section_id] = (start + size, generic)
    specific = {key: end for key, (end, generic) in ends.items() if not generic}
    if not specific:
        return dict.fromkeys(ends, 2.5)
    latest = max(specific.values())
    return {key: (3.0 if end == latest else 2.5) if key in specific else 1.0 for key, (end, _) in ends.items()}


@lru_cache(maxsize=8192)
def normalise(text: str) -> tuple[str, ...]:
    """Heading words for matching: lower case, no emoji, numbering or punctuation, no plural 's'.

    Chinese and Japanese write words without spaces, so each of their characters is a word here: a
    synonym ("数据集", dataset) is then found inside a heading ("数据集介绍") the way "data set" is found
    in "The Data Set"."""
    kept = _NOT_A_WORD.sub(" ", text.lower())
    if not kept.isascii():
        kept = IDEOGRAPHS.sub(lambda character: f" {character.group()} ", kept)
    return tuple(_singular(word) for word in kept.split() if not word.isdigit())


_NEXT_STEPS = frozenset(
    {
        "future",
        "work",
        "next",
        "step",
        "improvement",
        "enhancement",
        "extension",
        "roadmap",
        "todo",
        "to",
        "do",
        "further",
        "possible",
        "potential",
        "planned",
        "idea",
        "scope",
        "and",
    }
)
_NEXT = frozenset({"future", "next", "roadmap", "todo", "improvement", "enhancement"})


def only_next_steps(heading: str) -> bool:
    """A heading that names only what comes next ("Future Work", "Next Steps", "Future Improvements"): the
    model names and numbers under it are plans ("Add a transformer model"), not a result."""
    return next_steps_words(normalise(heading))


def next_steps_words(words: tuple[str, ...]) -> bool:
    """:func:`only_next_steps` of a heading's :func:`normalise` words."""
    return bool(words) and all(word in _NEXT_STEPS for word in words) and not _NEXT.isdisjoint(words)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def load_rubric(path: Path | None = None) -> Rubric:
    """The default rubric, or the default with the rubric file at ``path`` laid over it."""
    if path is None:
        return _default_rubric()
    default = _read(DEFAULT_RUBRIC)
    if not path.is_file():
        raise RubricError([f"{path}: -: rubric file not found"])
    override = _read(path)
    return _build(_merge(default, override), path.read_text(encoding="utf-8"), str(path), path)


@cache
def _default_rubric() -> Rubric:
    """Read once per process: checking 500 projects must not parse the same TOML 500 times."""
    text = DEFAULT_RUBRIC.read_text(encoding="utf-8")
    return _build(_read(DEFAULT_RUBRIC), text, "default", DEFAULT_RUBRIC)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise RubricError([f"{path}: -: cannot read file ({error})"]) from None
    except tomllib.TOMLDecodeError as error:
        raise RubricError([f"{path}: -: invalid TOML ({error})"]) from None


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key in ("sections", "checks", "grades") and isinstance(value, dict):
            table = dict(base.get(key, {}))
            for name, item in value.items():
                if key == "sections" and isinstance(item, dict) and isinstance(table.get(name), dict):
                    table[name] = {**table[name], **item}
                else:
                    table[name] = item
            merged[key] = table
        else:
            merged[key] = value
    if "grades" in override:  # grades are a ladder: a rubric giving grades gives all of them
        merged["grades"] = override["grades"]
    return merged


def _build(raw: dict[str, Any], text: str, source: str, path: Path) -> Rubric:
    problems: list[str] = []

    def problem(field_name: str, message: str) -> None:
        problems.append(f"{path}: {field_name}: {message}")

    for key in sorted(set(raw) - _TOP_KEYS):
        problem(key, f"unknown field (known: {', '.join(sorted(_TOP_KEYS))})")
    passing = raw.get("passing_score", 70)
    if not _is_int(passing) or not 0 <= passing <= 100:
        problem("passing_score", "must be a whole number from 0 to 100")
    min_words = raw.get("min_words", 15)
    if not _is_int(min_words) or min_words < 0:
        problem("min_words", "must be a whole number >= 0")
        min_words = 15
    grades = raw.get("grades", {})
    if not isinstance(grades, dict) or not all(_is_int(v) and 0 <= v <= 100 for v in grades.values()):
        problem("grades", "must be a table of grade = lowest score (0-100)")
        grades = {}
    weights: dict[str, int] = {}
    checks = raw.get("checks", {})
    if not isinstance(checks, dict):
        problem("checks", "must be a table of check id = weight")
        checks = {}
    for check_id, weight in checks.items():
        if check_id not in CHECKS:
            problem(f"checks.{check_id}", f"unknown check (known: {', '.join(sorted(CHECKS))})")
        elif not _is_int(weight) or weight < 0:
            problem(f"checks.{check_id}", "weight must be a whole number >= 0")
        else:
            weights[check_id] = weight
    sections = _sections(raw.get("sections", {}), min_words, problem)
    if problems:
        raise RubricError(problems)
    return Rubric(
        name=str(raw.get("name", source)),
        passing_score=passing,
        grades=tuple(sorted(grades.items(), key=lambda item: -item[1])),
        sections=sections,
        weights=weights,
        text=text,
        source=source,
    )


def _sections(raw: object, min_words: int, problem: Any) -> tuple[SectionRule, ...]:
    if not isinstance(raw, dict):
        problem("sections", "must be a table of section tables")
        return ()
    rules: list[SectionRule] = []
    for section_id, table in raw.items():
        where = f"sections.{section_id}"
        if not _SECTION_ID.match(section_id):
            problem(where, "section ids are lowercase letters, digits, '-' and '_'")
            continue
        if not isinstance(table, dict):
            problem(where, "must be a table")
            continue
        for key in sorted(set(table) - _SECTION_KEYS):
            problem(f"{where}.{key}", f"unknown field (known: {', '.join(sorted(_SECTION_KEYS))})")
        synonyms = table.get("synonyms", [])
        if not isinstance(synonyms, list) or not all(isinstance(s, str) and s.strip() for s in synonyms):
            problem(f"{where}.synonyms", "must be a list of non-empty strings")
            continue
        weight = table.get("weight", 10)
        words = table.get("min_words", min_words)
        if not _is_int(weight) or weight < 0:
            problem(f"{where}.weight", "must be a whole number >= 0")
            continue
        if not _is_int(words) or words < 0:
            problem(f"{where}.min_words", "must be a whole number >= 0")
            continue
        if not isinstance(table.get("required", True), bool):
            problem(f"{where}.required", "must be true or false")
            continue
        rules.append(
            SectionRule(
                id=section_id,
                title=str(table.get("title", section_id.replace("_", " ").title())),
                synonyms=tuple(synonyms),
                weight=weight,
                required=table.get("required", True),
                describe=str(table.get("describe", f"your {section_id.replace('_', ' ')}")),
                min_words=words,
            )
        )
    return tuple(rules)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
