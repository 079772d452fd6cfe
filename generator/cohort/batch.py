"""Render many projects of one type in one process, paying for the template once.

``copier.run_copy`` is built for one project per process: every call re-reads ``copier.yml``,
builds a new Jinja environment (so every template file and every templated path is compiled
again) and asks git about each file it writes. For a cohort of 300 students that is most of
the time. :class:`BatchRenderer` keeps one copier ``Template`` and one Jinja environment for
the whole batch (compiled templates are reusable: rendering is a pure function of the context)
and lends them to a fresh copier worker per project. Each project still goes through
:func:`generator.scaffold.render.render_project` (validate, staging folder, first commit, one rename),
with only the copier step swapped.

This leans on copier's internal ``Worker`` (the public API has no "render many" entry point),
so it is kept to this module, checked by a test that compares its output with a plain render
file by file, and it steps aside (plain ``render_project``) for anything else: cookiecutter
entries, a template other than the one it holds, a copier without ``Worker``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from types import TracebackType
from typing import Any

from generator.catalog.entries import CatalogEntry
from generator.catalog.source import template_root
from generator.errors import RenderError
from generator.scaffold.answers import load_template_config
from generator.scaffold.render import NewProject, Rendered, check_trust, render_project
from generator.scaffold.safety import VCS_NAMES, check_template_links


class BatchRenderer:
    """Render projects of one catalog entry, sharing the parsed template and compiled Jinja.

    Use as a context manager; :meth:`render` takes the same :class:`NewProject` requests as
    :func:`render_project` and gives the same guarantees (all or nothing, first commit).
    Whether the template may run code, and whether it holds a link out of itself, is checked
    here, once, before the first project.
    """

    def __init__(self, entry: CatalogEntry, *, trust: bool = False) -> None:
        self.entry = entry
        self._shared: _SharedCopier | None = None
        root = template_root(entry)  # the folder render_project will render from
        if entry.template.engine == "cookiecutter":
            from generator.scaffold import cookiecutter_engine

            folder = cookiecutter_engine.template_folder(root, entry.template.directory)
            cookiecutter_engine.check_trust(folder, trust)
            check_template_links(folder)
        else:
            check_trust(load_template_config(root), root, trust)
            check_template_links(root)
            self._shared = _SharedCopier.create(root)

    @property
    def shared(self) -> bool:
        """Whether renders share one template (False: each is a plain ``render_project``)."""
        return self._shared is not None

    def __enter__(self) -> BatchRenderer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._shared is not None:
            self._shared.close()

    def render(self, request: NewProject) -> Rendered:
        """Create one project; see :func:`generator.scaffold.render.render_project` for the guarantees."""
        copy = self._shared.render if self._shared is not None else None
        return render_project(request, copy=copy, links_checked=True)


class _SharedCopier:
    """One copier template and Jinja environment, lent to a fresh copier worker per project."""

    def __init__(self, root: Path, worker_class: type, template: Any) -> None:
        self.root = root
        self.worker_class = worker_class
        self.template = template
        self.jinja_env: Any = None

    @classmethod
    def create(cls, root: Path) -> _SharedCopier | None:
        """The shared state for ``root``, or None when this copier has no usable ``Worker``."""
        try:
            from copier._main import Worker
            from copier._template import Template
        except ImportError:  # copier reorganised its internals: render one by one instead
            return None

        class FreshRenderWorker(Worker):
            def _sync_git_index_executable_bit(self, dst_relpath: Path, src_mode: int) -> None:
                """Nothing to sync: a fresh render goes into a folder git does not track yet.

                (copier asks git once per written file; across a cohort that is thousands of
                processes for nothing.)
                """

        # ref HEAD: a template at a git root renders what is checked out, as copier_render does.
        return cls(root, FreshRenderWorker, Template(url=str(root), ref="HEAD"))

    def render(self, template: Path, destination: Path, answers: dict[str, Any], *, unsafe: bool) -> None:
        """Render ``answers`` into ``destination`` like :func:`generator.scaffold.render.copier_render`."""
        if Path(template) != self.root:  # not the template this batch holds: never render the wrong one
            from generator.scaffold.render import copier_render

            copier_render(template, destination, answers, unsafe=unsafe)
            return
        from copier.errors import CopierError
        from jinja2 import TemplateError

        worker = self.worker_class(
            src_path=str(self.root),
            dst_path=destination,
            data=answers,
            defaults=True,
            overwrite=True,
            quiet=True,
            unsafe=unsafe,
            cleanup_on_error=True,
            exclude=sorted(VCS_NAMES),  # as render_project's copier call: a template's .git is never copied
        )
        # cached_property values live in the instance dict: pre-filling them shares the work.
        worker.__dict__["template"] = self.template
        if self.jinja_env is not None:
            worker.__dict__["jinja_env"] = self.jinja_env
        try:
            with worker:
                worker.run_copy()
        except (CopierError, TemplateError, ValueError, OSError) as error:  # as render.copier_render
            message = " ".join(str(error).split())
            raise RenderError(f"rendering {self.root.name} failed: {message}") from error
        if self.jinja_env is None:
            env = worker.jinja_env
            # Templated paths and strings go through from_string, which Jinja never caches.
            env.from_string = functools.lru_cache(maxsize=4096)(env.from_string)
            self.jinja_env = env

    def close(self) -> None:
        """Remove anything the template left behind (a clone, for remote templates)."""
        self.template._cleanup()
