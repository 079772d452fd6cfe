"""The questions a copier template asks, and the answers given by flags, files and prompts.

Questions are read from the template's own ``copier.yml`` so there is one source of truth for
help texts, choices and types, whether a template is built in or brought by a bootcamp.
"""

from __future__ import annotations

import difflib
import functools
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import AnswerError, RenderError

# Answers the tool itself always provides; never prompted for.
COMPUTED = frozenset({"project_type", "package_name", "repo_name", "dataset_file", "target_column", "copyright_year"})


@dataclass(frozen=True)
class Question:
    """One copier question, as much of it as prompting and validation need."""

    name: str
    type: str = "str"
    help: str = ""
    default: Any = None
    choices: tuple[Any, ...] = ()
    when: Any = True

    @property
    def default_is_template(self) -> bool:
        """Whether the default is a Jinja expression (rendered by copier, not shown to users)."""
        return isinstance(self.default, str) and ("{{" in self.default or "{%" in self.default)


@dataclass(frozen=True)
class TemplateConfig:
    """The parts of ``copier.yml`` the tool reads: questions and the settings that run code."""

    questions: tuple[Question, ...]
    settings: dict[str, Any] = field(default_factory=dict)

    def question(self, name: str) -> Question | None:
        """The question called ``name``, if the template asks it."""
        return next((q for q in self.questions if q.name == name), None)

    @property
    def names(self) -> list[str]:
        """Every question name, in template order."""
        return [q.name for q in self.questions]


def load_template_config(template_root: Path) -> TemplateConfig:
    """Read ``copier.yml`` (or ``copier.yaml``) at ``template_root``."""
    for name in ("copier.yml", "copier.yaml"):
        path = template_root / name
        if path.is_file():
            break
    else:
        raise RenderError(f"{template_root}: no copier.yml: not a copier template")
    return _parse_cached(path.read_text(encoding="utf-8"), str(path))


@functools.lru_cache(maxsize=32)
def _parse_cached(text: str, origin: str) -> TemplateConfig:
    """``new`` asks for the questions before rendering and the render asks again: parse once."""
    return parse_template_config(text, origin)


def parse_template_config(text: str, origin: str) -> TemplateConfig:
    """Parse the text of a ``copier.yml``; ``origin`` names it in error messages."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: several times faster
    try:
        raw = yaml.load(text, Loader=loader) or {}
    except yaml.YAMLError as error:
        raise RenderError(f"{origin}: invalid YAML: {' '.join(str(error).split())}") from None
    if not isinstance(raw, dict):
        raise RenderError(f"{origin}: expected a mapping of questions and settings")
    questions, settings = [], {}
    for key, value in raw.items():
        if key.startswith("_"):
            settings[key] = value
        elif isinstance(value, dict):
            choices = value.get("choices") or ()
            if isinstance(choices, dict):
                choices = tuple(choices.values())
            questions.append(
                Question(
                    name=key,
                    type=str(value.get("type", "str")),
                    help=str(value.get("help", "")),
                    default=value.get("default"),
                    choices=tuple(choices),
                    when=value.get("when", True),
                )
            )
        else:  # shorthand `name: default`
            questions.append(Question(name=key, default=value, type=_type_of(value)))
    return TemplateConfig(tuple(questions), settings)


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"


def coerce(question: Question | None, value: Any, origin: str) -> Any:
    """Convert a text answer to the question's type, with a clear error naming where it came from."""
    if question is None or not isinstance(value, str):
        return value
    kind = question.type
    try:
        if kind == "bool":
            lowered = value.strip().lower()
            if lowered in {"y", "yes", "true", "1", "on"}:
                return True
            if lowered in {"n", "no", "false", "0", "off"}:
                return False
            raise ValueError("expected yes/no")
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
    except ValueError:
        raise AnswerError(f"{origin}: {question.name}={value!r} is not a valid {kind}") from None
    if question.choices:
        return _choice(question, value, origin)
    return value


def _choice(question: Question, value: str, origin: str) -> str:
    """The choice ``value`` names, ignoring case as people type it (``mit`` is ``MIT``)."""
    choices = [str(choice) for choice in question.choices]
    if value in choices:
        return value
    by_folded = {choice.casefold(): choice for choice in choices}
    typed = value.strip().casefold()
    if typed in by_folded:
        return by_folded[typed]
    close = difflib.get_close_matches(typed, list(by_folded), n=1, cutoff=0.5)
    hint = f"; did you mean {by_folded[close[0]]!r}?" if close else ""
    raise AnswerError(f"{origin}: {question.name}={value!r} is not one of {', '.join(choices)}{hint}")


def parse_data_pairs(pairs: list[str], config: TemplateConfig) -> dict[str, Any]:
    """Parse ``--data key=value`` options, checking each key is a question of the template."""
    answers: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise AnswerError(f"--data {pair!r}: expected key=value")
        answers[key] = coerce(_known(key, config, f"--data {key}"), value, "--data")
    return answers


def load_answers_file(path: Path, config: TemplateConfig) -> dict[str, Any]:
    """Answers from a YAML, JSON or TOML file (a project's ``.copier-answers.yml`` works too).

    Keys starting with ``_`` (copier's own bookkeeping) are ignored.
    """
    import yaml

    if not path.is_file():
        raise AnswerError(f"answers file not found: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AnswerError(f"{path}: cannot read the answers as UTF-8 text ({error})") from None
    try:
        if path.suffix == ".json":
            raw = json.loads(text)
        elif path.suffix == ".toml":
            raw = tomllib.loads(text)
        else:
            raw = yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as error:
        raise AnswerError(f"{path}: cannot parse answers ({' '.join(str(error).split())[:200]})") from None
    if not isinstance(raw, dict):
        raise AnswerError(f"{path}: expected a mapping of question: answer")
    answers = {}
    for key, value in raw.items():
        if str(key).startswith("_"):
            continue
        answers[str(key)] = coerce(_known(str(key), config, str(path)), value, str(path))
    return answers


def _known(key: str, config: TemplateConfig, origin: str) -> Question:
    question = config.question(key)
    if question is None:
        close = difflib.get_close_matches(key, config.names, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise AnswerError(f"{origin}: the template has no question {key!r}{hint}")
    return question
