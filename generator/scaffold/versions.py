"""Versioned copies of templates, so ``copier update`` can diff a project's old template against a new one.

copier updates a project by rendering the template at the version recorded in the project
(``_commit`` in ``.copier-answers.yml``) and at the new version, and merging the difference
into the project. That needs "one template = one git repository with version tags". Our
templates are folders (the built-in one ships inside the package; a catalog keeps several
under ``templates/``), so each template gets a *store*: a git repository under
``$XDG_CACHE_HOME/portfolio/templates/<key>`` whose commits have the template folder as their
root and whose tags are versions (its own work tree stays empty: it is only ever cloned).
Projects record it as ``~/.cache/portfolio/templates/<key>`` when it is under the home folder,
so the same repository finds its store on every machine with the usual cache layout.

How a store is fed (``portfolio.kind`` in the store's git config):

* ``folder``: the built-in template, or a custom catalog folder that is not at a clean tag.
  A *snapshot* commits the folder as it is now (``git --work-tree=FOLDER add -A``, nothing is
  copied) and tags it ``v<base>``, where base is this tool's ``__version__`` for built-in
  templates and ``0.0.0`` for custom folders. If the content changed but the base did not
  (a template edited without a release), the tag gets a local part that sorts after it:
  ``v0.1.0+1.<tree>``, ``v0.1.0+2.<tree>``. A content hash index makes the common case (same
  content as a known tag) cost one walk of the folder, reading no file and calling no git.
* ``git``: a template inside a git catalog (cloned by :mod:`generator.catalog.source`, or a
  local repository checked out at a tag). Every version tag ``T`` of the catalog becomes a
  tag ``T`` in the store, pointing at a commit whose tree is the template's sub-folder at
  ``T`` (``git commit-tree T:templates``: again nothing is copied).

``portfolio new`` still renders from the plain folder (fast), then records the store and tag
in the project's answers file, exactly as copier would have written them had it rendered from
the store. ``portfolio update`` refreshes the store (a new snapshot for built-ins, ``fetch``
and mirror tags for git catalogs) and updates the project to the newest tag.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.catalog.entries import CatalogEntry
from generator.catalog.source import cache_key, cache_root, version_key
from generator.errors import AnswerError, GitError
from generator.vcs import git_run

ANSWERS_FILE = ".copier-answers.yml"
# What a checkout collects that a release never ships (editors, notebooks, test and lint caches):
# an editable install and a wheel of one release must give one content, hence one version.
_IGNORED = {
    ".git",
    "__pycache__",
    ".DS_Store",
    ".ipynb_checkpoints",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
    ".idea",
    ".vscode",
}
_STORE_IDENTITY = {
    "GIT_AUTHOR_NAME": "portfolio",
    "GIT_AUTHOR_EMAIL": "portfolio@localhost",
    "GIT_COMMITTER_NAME": "portfolio",
    "GIT_COMMITTER_EMAIL": "portfolio@localhost",
}
_CUSTOM_BASE = "0.0.0"
_EXCLUDE_PATHSPECS = (
    *(f":(exclude,glob)**/{name}/**" for name in sorted(_IGNORED - {".git", ".DS_Store"})),
    ":(exclude,glob)**/*.pyc",
    ":(exclude,glob)**/.DS_Store",
)


@dataclass(frozen=True)
class TemplateVersion:
    """A tag in a template store: what a project records as ``_src_path`` and ``_commit``."""

    store: Path
    tag: str


def stores_root() -> Path:
    """Where template stores live."""
    return cache_root() / "templates"


def _store_git(store: Path, *args: str, work_tree: Path | None = None) -> str:
    prefix = [f"--git-dir={store / '.git'}"] + ([f"--work-tree={work_tree}"] if work_tree else [])
    return git_run([*prefix, *args], env=_STORE_IDENTITY)


# ---------------------------------------------------------------------------------------------
# Recording the version of a new project
# ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _stores_locked() -> Iterator[None]:
    """One process at a time writes the stores: two ``portfolio new`` at once (a class script,
    parallel CI jobs) would otherwise race for git's index.lock and the tag index of a store."""
    stores_root().mkdir(parents=True, exist_ok=True)
    with (stores_root() / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes, also if the process dies
        yield


def pin_version(entry: CatalogEntry, template: Path) -> TemplateVersion:
    """The store and tag holding ``template`` exactly as it is now (created on first use)."""
    with _stores_locked():
        return _pin_version(entry, template.resolve())


def _pin_version(entry: CatalogEntry, template: Path) -> TemplateVersion:
    if entry.builtin:
        from generator.resources import builtin_catalog_dir

        relative = template.relative_to(builtin_catalog_dir().parent.resolve()).as_posix()
        store = _open_store("builtin-" + _slug(relative), kind="folder", source="builtin", subdir=relative)
        return TemplateVersion(store, snapshot(store, template, _tool_version()))
    tagged = _clean_tag_of(template)
    if tagged is not None:
        repo, subdir, tag = tagged
        store = _open_store(_git_store_key(repo, subdir), kind="git", repo=str(repo), subdir=subdir)
        if not _has_tag(store, tag):
            mirror_git_tags(store)
        return TemplateVersion(store, tag)
    key = f"folder-{_slug(template.name)}-{hashlib.sha256(str(template).encode()).hexdigest()[:12]}"
    store = _open_store(key, kind="folder", source=str(template))
    return TemplateVersion(store, snapshot(store, template, _CUSTOM_BASE))


def record_version(project: Path, version: TemplateVersion) -> None:
    """Point the project's answers file at the store and tag, as copier writes it when rendering from git."""
    import yaml
    from jinja2_ansible_filters.core_filters import to_nice_yaml

    path = project / ANSWERS_FILE
    text = path.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    answers = yaml.safe_load(text) or {}
    rest = {key: value for key, value in answers.items() if key not in {"_commit", "_src_path"}}
    pinned = {"_commit": version.tag, "_src_path": portable_path(version.store), **rest}
    path.write_text(header + to_nice_yaml(pinned), encoding="utf-8")


def portable_path(store: Path) -> str:
    """``~/.cache/portfolio/templates/<key>`` when the store is under the home folder (copier expands ``~``).

    The same project then finds its store on any machine whose cache has the same layout, e.g. a
    student's laptop for a repository the instructor generated (see ``portfolio --catalog URL update``).
    """
    home = Path.home().resolve()
    resolved = store.resolve()
    if resolved.is_relative_to(home):
        return "~/" + resolved.relative_to(home).as_posix()
    return resolved.as_posix()


def read_answers(project: Path) -> dict:
    """The project's copier answers (empty when the file is missing)."""
    import yaml

    path = project / ANSWERS_FILE
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise AnswerError(f"{path}: cannot read the answers ({' '.join(str(error).split())[:200]})") from None
    return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------------------------------------
# Stores
# ---------------------------------------------------------------------------------------------


def _open_store(key: str, **config: str) -> Path:
    store = stores_root() / key
    if not (store / ".git" / "HEAD").is_file():
        store.parent.mkdir(parents=True, exist_ok=True)
        git_run(["init", "--quiet", str(store)])
        for name, value in config.items():
            _store_git(store, "config", f"portfolio.{name}", value)
    return store


def store_config(store: Path) -> dict[str, str]:
    """The ``portfolio.*`` settings of a store (empty when ``store`` is not one of ours)."""
    if not (store / ".git" / "HEAD").is_file():
        return {}
    try:
        raw = _store_git(store, "config", "--get-regexp", r"^portfolio\.")
    except GitError:
        return {}
    pairs = (line.split(" ", 1) for line in raw.splitlines() if " " in line)
    return {name.removeprefix("portfolio."): value for name, value in pairs}


def store_tags(store: Path) -> list[str]:
    """The store's version tags, oldest first."""
    raw = _store_git(store, "tag", "--list")
    return sorted(raw.split(), key=version_key)


def _has_tag(store: Path, tag: str) -> bool:
    return (store / ".git" / "refs" / "tags" / tag).is_file() or tag in store_tags(store)


def folder_base(store: Path) -> str:
    """The version a snapshot of this store's folder gets: the tool's version for built-ins."""
    return _tool_version() if store_config(store).get("source") == "builtin" else _CUSTOM_BASE


def _tool_version() -> str:
    import generator  # read at call time: a test (or an upgrade in a long-lived process) may change it

    return generator.__version__


def refresh(store: Path) -> None:
    """Bring a store up to date with its source: a snapshot of a folder, or new tags of a git catalog."""
    with _stores_locked():
        _refresh(store)


def _refresh(store: Path) -> None:
    config = store_config(store)
    if config.get("kind") == "git":
        repo = Path(config["repo"])
        if repo.is_dir() and _is_cache_clone(repo):
            git_run(["-C", str(repo), "fetch", "--quiet", "--tags", "--force", "origin"])
        if repo.is_dir():
            mirror_git_tags(store)
        return
    folder = _folder_source(config)
    if folder is not None and folder.is_dir():
        snapshot(store, folder, folder_base(store))


def _folder_source(config: dict[str, str]) -> Path | None:
    if config.get("source") == "builtin":
        from generator.resources import builtin_catalog_dir

        return builtin_catalog_dir().parent / config.get("subdir", "templates")
    return Path(config["source"]) if config.get("source") else None


def _is_cache_clone(repo: Path) -> bool:
    return repo.resolve().is_relative_to(cache_root().resolve())


def snapshot(store: Path, folder: Path, base: str) -> str:
    """Tag the folder's current content in the store (reusing the tag of identical content)."""
    digest = content_hash(folder, store / ".git" / "portfolio-stat-index.json")
    index_path = store / ".git" / "portfolio-index.json"
    index: dict[str, str] = json.loads(index_path.read_text()) if index_path.is_file() else {}
    known = index.get(digest)
    if known and _has_tag(store, known):
        return known
    # --force: a .gitignore inside the template is template content, not a rule for the store.
    _store_git(store, "add", "--all", "--force", "--", ".", *_EXCLUDE_PATHSPECS, work_tree=folder)
    tree = _store_git(store, "write-tree")
    tags = store_tags(store)
    same = next((tag for tag in reversed(tags) if _store_git(store, "rev-parse", f"{tag}^{{tree}}") == tree), None)
    tag = same or _next_label(tags, base, tree)
    if same is None:
        commit = _store_git(store, "commit-tree", "--no-gpg-sign", tree, "-m", f"template {tag}")
        _store_git(store, "tag", tag, commit)
    index[digest] = tag
    index_path.write_text(json.dumps(index, indent=1), encoding="utf-8")
    return tag


def _next_label(tags: list[str], base: str, tree: str) -> str:
    plain = f"v{base}"
    if plain not in tags:
        return plain
    local = [tag for tag in tags if tag.startswith(plain + "+")]
    return f"{plain}+{len(local) + 1}.{tree[:8]}"


def content_hash(folder: Path, remembered: Path) -> str:
    """A hash of every file (content, executable bit) and symlink (target) below ``folder``.

    Remembered by the files' names, sizes, modes and modification times (git's index trusts the
    same signature), in the JSON file ``remembered``: a ``portfolio new`` from an unchanged
    template reads no template file, and a cohort reads the template once.
    """
    paths = sorted(_walk(folder))
    stats = ((path, os.lstat(path)) for path in paths)
    listing = "\n".join(f"{path} {stat.st_mtime_ns} {stat.st_size} {stat.st_mode}" for path, stat in stats)
    signature = hashlib.sha256(listing.encode()).hexdigest()
    known: dict[str, str] = {}
    with contextlib.suppress(OSError, ValueError):
        known = json.loads(remembered.read_text(encoding="utf-8"))
    if signature not in known:
        # Keep the newest few: an edited template leaves old signatures behind.
        newest = list(known.items())[-(_REMEMBERED_SIGNATURES - 1) :]
        known = {**dict(newest), signature: _hash_files(folder, paths)}
        with contextlib.suppress(OSError):
            remembered.write_text(json.dumps(known, indent=1), encoding="utf-8")
    return known[signature]


_REMEMBERED_SIGNATURES = 32


def _hash_files(folder: Path, paths: list[str]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        relative = Path(os.path.relpath(path, folder)).as_posix()
        if os.path.islink(path):
            digest.update(f"L {relative} {os.readlink(path)}\n".encode())
        else:
            mode = "x" if os.access(path, os.X_OK) else "f"
            digest.update(f"{mode} {relative} {hashlib.sha256(Path(path).read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def _walk(folder: Path) -> Iterable[str]:
    """Every file and symlink below ``folder``, not entering linked folders.

    Plain strings, not pathlib objects: those would cost more than the walk itself.
    """
    for root, dirs, files in os.walk(folder):
        links = [name for name in dirs if os.path.islink(os.path.join(root, name))]
        dirs[:] = [name for name in dirs if name not in _IGNORED and name not in links]
        for name in [*files, *links]:
            if name not in _IGNORED and not name.endswith(".pyc"):
                yield os.path.join(root, name)


def mirror_git_tags(store: Path) -> None:
    """Give the store a tag for every version tag of its git source that holds the template folder."""
    config = store_config(store)
    repo, subdir = Path(config["repo"]), config.get("subdir", "")
    _store_git(store, "fetch", "--quiet", "--no-tags", "--force", str(repo), "+refs/tags/*:refs/source-tags/*")
    existing = set(store_tags(store))
    for line in _store_git(store, "for-each-ref", "--format=%(refname:strip=2)", "refs/source-tags").split():
        if line in existing or version_key(line)[0] == 0:
            continue
        try:
            tree = _store_git(store, "rev-parse", "--verify", f"refs/source-tags/{line}^{{commit}}:{subdir}")
        except GitError:
            continue  # the template did not exist yet at that tag
        commit = _store_git(store, "commit-tree", "--no-gpg-sign", tree, "-m", f"template {line}")
        _store_git(store, "tag", line, commit)


def _clean_tag_of(template: Path) -> tuple[Path, str, str] | None:
    """(repository, template sub-folder, tag) when the template sits in a git checkout exactly at a tag."""
    try:
        top = Path(git_run(["-C", str(template), "rev-parse", "--show-toplevel"])).resolve()
        tag = git_run(["-C", str(top), "describe", "--tags", "--exact-match", "HEAD"])
        subdir = template.relative_to(top).as_posix()
        subdir = "" if subdir == "." else subdir
        dirty = git_run(["-C", str(top), "status", "--porcelain", "--", subdir or "."])
    except GitError:
        return None
    if dirty or version_key(tag)[0] == 0:
        return None
    return top, subdir, tag


def _git_store_key(repo: Path, subdir: str) -> str:
    source = str(repo)
    if _is_cache_clone(repo):
        with contextlib.suppress(GitError):
            source = git_run(["-C", str(repo), "remote", "get-url", "origin"])
    return f"git-{cache_key(source)}-{_slug(subdir or 'root')}"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "root"


def pin_catalog(catalog_root: Path) -> int:
    """Create (or refresh) the stores of every copier entry of a custom catalog; return how many.

    On a machine that never rendered from the catalog (a student's clone of a repository the
    instructor generated), ``portfolio --catalog URL update`` rebuilds the stores this way; their
    keys derive from the catalog URL and template folder, so they land where the project expects.
    """
    from generator.catalog.entries import read_entries
    from generator.catalog.source import template_root
    from generator.errors import CatalogError

    entries, problems = read_entries(catalog_root, builtin=False)
    if problems:
        raise CatalogError(problems)
    copier_entries = [entry for entry in entries if entry.template.engine == "copier"]
    for entry in copier_entries:
        pin_version(entry, template_root(entry))
    return len(copier_entries)
