"""Render a bootcamp's existing cookiecutter template as a catalog entry.

A catalog entry ``template = { engine = "cookiecutter", path|url = ..., directory = ... }`` is
rendered through cookiecutter's Python API. People answer *our* questions (project name,
description, author, licence, package and repository names); the answers are mapped onto the
keys the template itself declares in ``cookiecutter.json`` (``full_name``, ``project_slug``,
``open_source_license``...), and only onto those. The template's other keys are questions too,
answerable with ``--data key=value``.

Hooks (``hooks/pre_prompt.*``, ``pre_gen_project.*``, ``post_gen_project.*``) and Jinja
``_extensions`` run code on the user's machine. Without ``--trust`` the render is *refused*
rather than done without them: a template whose post-generation hook was skipped can look
complete and still be broken (hooks usually delete or rename files), which is worse than a
clear refusal. Previews (``portfolio show``) render without hooks and run nothing.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.errors import RenderError, UntrustedTemplateError
from generator.scaffold.answers import Question, TemplateConfig, load_template_config

CONFIG_FILE = "cookiecutter.json"
HOOK_NAMES = ("pre_prompt", "pre_gen_project", "post_gen_project")
# Our questions, and the cookiecutter keys commonly used for the same thing (first declared wins).
KEY_MAP: dict[str, tuple[str, ...]] = {
    "project_name": ("project_name", "name", "project_title"),
    "description": ("description", "project_description", "project_short_description", "short_description"),
    "author_name": ("full_name", "author_name", "author", "author_fullname"),
    "author_email": ("email", "author_email"),
    "license": ("open_source_license", "license"),
    "package_name": ("module_name", "package_name", "project_module", "python_package"),
    "repo_name": ("project_slug", "repo_name", "project_repo", "repo_slug"),
}
# How our licence answers appear among a template's choices (compared without case or punctuation).
_LICENCE_WORDS = {
    "MIT": ("mit",),
    "Apache-2.0": ("apache",),
    "BSD-3-Clause": ("bsd",),
    "none": ("nolicense", "notopensource", "none", "proprietary"),
}


def template_folder(root: Path, directory: str | None) -> Path:
    """The folder holding ``cookiecutter.json`` (``directory`` inside the repository, if given)."""
    folder = root / directory if directory else root
    if not (folder / CONFIG_FILE).is_file():
        raise RenderError(f"{folder}: no {CONFIG_FILE}: not a cookiecutter template")
    return folder


def read_context(folder: Path) -> dict[str, Any]:
    """The template's ``cookiecutter.json``."""
    path = folder / CONFIG_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise RenderError(f"{path}: cannot read ({error})") from None
    if not isinstance(raw, dict):
        raise RenderError(f"{path}: expected a JSON object of variables")
    return raw


def load_config(folder: Path) -> TemplateConfig:
    """Our standard questions plus the template's own variables that none of them maps to."""
    from generator.resources import builtin_templates_dir

    ours = load_template_config(builtin_templates_dir())
    questions = [question for name in KEY_MAP if (question := ours.question(name)) is not None]
    context = read_context(folder)
    mapped = {key for keys in KEY_MAP.values() for key in keys}
    for key, value in context.items():
        if key.startswith("_") or key in mapped:
            continue
        if isinstance(value, list) and value:
            questions.append(Question(key, type="str", default=value[0], choices=tuple(value)))
        elif isinstance(value, bool):
            questions.append(Question(key, type="bool", default=value))
        elif isinstance(value, str | int | float):
            questions.append(Question(key, type="str", default=str(value)))
    settings = {key: value for key, value in context.items() if key.startswith("_")}
    return TemplateConfig(tuple(questions), settings)


def code_it_runs(folder: Path, context: dict[str, Any]) -> list[str]:
    """The hooks and Jinja extensions of a template: code that would run on the user's machine."""
    hooks = folder / "hooks"
    found = []
    if hooks.is_dir():
        found = sorted(f"hooks/{path.name}" for path in hooks.iterdir() if path.is_file() and path.stem in HOOK_NAMES)
    extensions = context.get("_extensions") or []
    if extensions:
        found.append("_extensions " + ", ".join(map(str, extensions)))
    return found


def check_trust(folder: Path, trusted: bool) -> None:
    """Refuse a template with hooks or extensions unless the user trusted it (see module docstring)."""
    code = code_it_runs(folder, read_context(folder))
    if code and not trusted:
        raise UntrustedTemplateError(
            f"template {folder} runs code on your machine ({'; '.join(code)}); it was not rendered. "
            "Review that code, then re-run with --trust to allow it"
        )


def map_answers(answers: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    """Our answers as cookiecutter ``extra_context``, only for keys the template declares."""
    extra: dict[str, Any] = {}
    for ours, keys in KEY_MAP.items():
        if ours not in answers:
            continue
        for key in keys:
            if key in context and key not in extra:
                value = _fit(answers[ours], context[key], licence=ours == "license")
                if value is not None:
                    extra[key] = value
    for key, value in answers.items():
        if key in context and key not in extra and not key.startswith("_"):
            extra[key] = value
    return extra


def _fit(value: Any, declared: Any, *, licence: bool) -> Any:
    """Our value in the template's terms: the matching choice of a choice variable, or ``None``."""
    if not isinstance(declared, list):
        return value
    if value in declared:
        return value
    if licence:
        words = _LICENCE_WORDS.get(str(value), ())
        for choice in declared:
            squashed = re.sub(r"[^a-z0-9]", "", str(choice).lower())
            if any(squashed.startswith(word) or word in squashed for word in words):
                return choice
    return None


def cookiecutter_render(folder: Path, destination: Path, answers: dict[str, Any], *, accept_hooks: bool) -> None:
    """Render into ``destination`` (which must not exist); cookiecutter's errors become RenderErrors.

    Every file name is rendered and checked first (:func:`check_rendered_names`): cookiecutter
    itself writes wherever a name points. Without hooks accepted (an untrusted or inert render),
    Jinja runs sandboxed, so ``{{ ''.__class__ ... }}`` tricks cannot reach Python. Cookiecutter's
    replay file goes to the temporary folder, not ``~/.cookiecutter_replay``.
    """
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.main import cookiecutter
    from jinja2 import TemplateError

    extra = map_answers(answers, read_context(folder))
    with tempfile.TemporaryDirectory(prefix="portfolio-cookiecutter-", dir=destination.parent) as out:
        config = Path(out, "config.yaml")
        config.write_text(json.dumps({"replay_dir": str(Path(out, "replay"))}), encoding="utf-8")
        try:
            with _engine(sandboxed=not accept_hooks):
                check_rendered_names(folder, extra, Path(out, "output"))
                made = cookiecutter(
                    str(folder),
                    no_input=True,
                    extra_context=extra,
                    output_dir=str(Path(out, "output")),
                    accept_hooks=accept_hooks,
                    config_file=str(config),
                )
        except (CookiecutterException, TemplateError, ValueError, OSError) as error:
            message = " ".join(str(error).split())
            raise RenderError(f"rendering {folder.name} with cookiecutter failed: {message}") from error
        os.replace(made, destination)


def check_extensions(folder: Path, trusted: bool) -> None:
    """Refuse to load a template's ``_extensions`` (Python imported from the template) unless trusted."""
    extensions = read_context(folder).get("_extensions") or []
    if extensions and not trusted:
        raise UntrustedTemplateError(
            f"template {folder} loads Jinja extensions ({', '.join(map(str, extensions))}): code that runs "
            "on import; it was not rendered. Review it, then trust the catalog (PORTFOLIO_TRUSTED_CATALOGS) "
            "or use --trust"
        )


def check_rendered_names(folder: Path, extra: dict[str, Any], output: Path) -> None:
    """Render every file and folder name as cookiecutter will, and refuse any that leaves the project."""
    from cookiecutter import prompt
    from cookiecutter.generate import generate_context

    from generator.scaffold.safety import check_folder_name, check_relative_path

    context = generate_context(context_file=str(folder / CONFIG_FILE), default_context={}, extra_context=extra)
    sys.path.insert(0, str(folder))  # where cookiecutter imports a trusted template's _extensions from
    try:
        context["cookiecutter"].update(prompt.prompt_for_config(context, no_input=True))
        context["cookiecutter"].update(
            _template=str(folder), _output_dir=str(output), _repo_dir=str(folder), _checkout=None
        )
        env = prompt.create_env_with_context(context)  # sandboxed when the render is (see _engine)
    finally:
        sys.path.remove(str(folder))
    for top in folder.iterdir():  # the project folder(s): {{cookiecutter.x}} names at the top
        if not top.is_dir() or "{{" not in top.name:
            continue
        check_folder_name(env.from_string(top.name).render(**context), folder)
        # Names below it are rendered relative to it, then joined to it: "/x" would be absolute.
        for root, dirs, files in os.walk(top):
            for entry in (*dirs, *files):
                relative = Path(root, entry).relative_to(top).as_posix()
                if "{{" in relative or "{%" in relative:
                    check_relative_path(env.from_string(relative).render(**context), folder)


@contextmanager
def _engine(*, sandboxed: bool) -> Iterator[None]:
    """Cookiecutter with its Jinja environment sandboxed (untrusted renders) or as it is (trusted).

    Cookiecutter's ``StrictEnvironment`` is a plain Jinja environment: a template can reach
    Python objects from an expression. Jinja's sandbox refuses that; cookiecutter offers no
    setting for it, so its environment factory is swapped for the length of one render.
    """
    if not sandboxed:
        yield
        return
    from cookiecutter import generate, prompt

    saved = generate.create_env_with_context, prompt.create_env_with_context
    generate.create_env_with_context = prompt.create_env_with_context = _sandboxed_env
    try:
        yield
    finally:
        generate.create_env_with_context, prompt.create_env_with_context = saved


def _sandboxed_env(context: dict[str, Any]) -> Any:
    from cookiecutter.environment import ExtensionLoaderMixin
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class SandboxedStrictEnvironment(ExtensionLoaderMixin, SandboxedEnvironment):
        """cookiecutter's StrictEnvironment on Jinja's sandbox."""

    envvars = context.get("cookiecutter", {}).get("_jinja2_env_vars", {})
    return SandboxedStrictEnvironment(context=context, keep_trailing_newline=True, undefined=StrictUndefined, **envvars)
