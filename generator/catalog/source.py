"""Where a custom catalog (or a template given by URL) comes from: a local folder or a git repository.

``--catalog`` takes a folder, or a git URL with an optional ``@REF`` (tag, branch or commit).
Git sources are cloned once with GitPython into ``$XDG_CACHE_HOME/portfolio/catalogs/<key>``
(the key is a hash of the URL without credentials) and refreshed with ``fetch`` on later use.
Without ``@REF`` the newest version tag is used (bootcamps release catalogs by tagging them),
or the default branch when the repository has no version tags.

Credentials in a URL (``https://user:token@host/...``) are never printed: every message shows
:func:`redact`-ed URLs.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.catalog.entries import CATALOG_SUBDIR, CatalogEntry, TemplateSpec
from generator.errors import CatalogError

if TYPE_CHECKING:
    from git import GitCommandError, Repo

_URL_SCHEMES = ("file://", "http://", "https://", "ssh://", "git://", "git+")
_SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:")  # git@github.com:org/repo
_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s]+@", re.IGNORECASE)
_VERSION_TAG = re.compile(r"^v?\d+(\.\d+)*([.+-].*)?$")


@dataclass(frozen=True)
class GitLocation:
    """A git URL and the ref to check out (``None``: newest version tag, else default branch)."""

    url: str
    ref: str | None = None

    @property
    def display(self) -> str:
        """The location as it may be shown to people: credentials removed."""
        return redact(self.url) + (f"@{self.ref}" if self.ref else "")


def redact(url: str) -> str:
    """``https://user:token@host/x`` -> ``https://***@host/x``: never show a secret."""
    return _CREDENTIALS.sub(lambda match: f"{match['scheme']}***@", url)


def is_git_location(location: str) -> bool:
    """Whether ``--catalog`` names a git URL (rather than a local folder)."""
    return location.startswith(_URL_SCHEMES) or bool(_SCP_LIKE.match(location))


def parse_git_location(location: str) -> GitLocation:
    """Split ``URL[@REF]``; the ``@`` of ``user@host`` and of credentials is not a ref separator."""
    head, sep, ref = location.rpartition("@")
    # A ref holds no "/" or ":"; that tells "repo.git@v1" from "git@host:org/repo" and "user:token@host/x".
    if sep and head and "/" not in ref and ":" not in ref and (head.count("/") >= 1 or "://" in head):
        return GitLocation(head, ref or None)
    return GitLocation(location, None)


TRUST_ENV = "PORTFOLIO_TRUSTED_CATALOGS"


def is_trusted_catalog(location: str | None) -> bool:
    """Whether the user trusts this catalog's code (hooks, tasks) as if ``--trust`` were given.

    The setting is ``PORTFOLIO_TRUSTED_CATALOGS``: catalog folders or git URLs separated by spaces
    or commas, set by the person running the tool (a catalog cannot trust itself). A URL is
    trusted at every ref; credentials are ignored when comparing.
    """
    if not location:
        return False
    listed = os.environ.get(TRUST_ENV, "").replace(",", " ").split()
    return _identity(location) in {_identity(item) for item in listed}


def _identity(location: str) -> str:
    if is_git_location(location):
        return redact(parse_git_location(location).url).rstrip("/").removesuffix(".git")
    return str(Path(location).expanduser().resolve())


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/portfolio`` (or ``~/.cache/portfolio``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "portfolio"


def cache_key(url: str) -> str:
    """A stable folder name for ``url``: readable tail plus a hash of the credential-free URL."""
    clean = redact(url)
    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", clean.rstrip("/").rsplit("/", 1)[-1])[:40] or "repo"
    return f"{tail.removesuffix('.git')}-{hashlib.sha256(clean.encode()).hexdigest()[:12]}"


def resolve_catalog_root(location: str) -> Path:
    """The local folder of a custom catalog given by ``--catalog`` (cloning git URLs first)."""
    if is_git_location(location):
        target = parse_git_location(location)
        root = checkout(target, cache_root() / "catalogs")
        where = target.display
    else:
        root = Path(location).expanduser()
        where = location
    if not (root / CATALOG_SUBDIR).is_dir():
        raise CatalogError([f"{where}: {CATALOG_SUBDIR}: folder not found (not a catalog)"])
    return root.resolve()


def fetch_template(spec: TemplateSpec) -> Path:
    """A local checkout of a template given by ``url`` (and ``ref``) in a catalog entry."""
    if spec.url is None:
        raise CatalogError([f"{spec.location}: template: neither path nor url given"])
    return checkout(GitLocation(spec.url, spec.ref), cache_root() / "templates-src")


def checkout(target: GitLocation, parent: Path) -> Path:
    """Clone (or fetch) ``target.url`` under ``parent`` and check out the wanted ref; return the folder."""
    import git

    if target.ref and target.ref.startswith("-"):  # would read as an option of git
        raise CatalogError([f"{target.display}: ref: {target.ref!r} is not a tag, branch or commit"])
    folder = parent / cache_key(target.url)
    try:
        cached = (folder / ".git").is_dir()
        if not cached:
            parent.mkdir(parents=True, exist_ok=True)
        repo = git.Repo(folder) if cached else git.Repo.clone_from(target.url, folder, no_checkout=True)
        with repo:  # closes git's helper processes now, not whenever the Repo is collected
            if cached:
                repo.remotes.origin.set_url(target.url)
                try:
                    repo.remotes.origin.fetch(tags=True, prune=True, force=True)
                except git.GitCommandError as error:  # offline: the cached copy is better than nothing
                    from generator.cli.console import warn

                    warn(f"{target.display}: cannot fetch ({_detail(error)}); using the cached copy")
            ref = target.ref or newest_version_tag(repo) or _default_branch(repo)
            commit = _resolve(repo, ref)
            repo.git.checkout("--force", "--detach", commit)
            repo.git.clean("-ffdx")
    except git.GitCommandError as error:
        raise CatalogError([f"{target.display}: git: cannot fetch ({_detail(error)})"]) from None
    return folder


def _detail(error: GitCommandError) -> str:
    return " ".join(redact(str(error.stderr or error)).split())[-300:]


def _resolve(repo: Repo, ref: str) -> str:
    """The commit ``ref`` names: a tag, a remote branch, or a commit id."""
    import git

    for candidate in (f"refs/tags/{ref}", f"refs/remotes/origin/{ref}", ref):
        try:
            return repo.git.rev_parse("--verify", "--quiet", f"{candidate}^{{commit}}")
        except git.GitCommandError:
            continue
    raise git.GitCommandError(["rev-parse", ref], 1, stderr=f"unknown ref {ref!r}")


def _default_branch(repo: Repo) -> str:
    head = repo.git.symbolic_ref("--quiet", "--short", "refs/remotes/origin/HEAD", with_exceptions=False)
    return head.removeprefix("origin/") if head else "main"


def newest_version_tag(repo: Repo) -> str | None:
    """The highest tag that reads as a version (PEP 440 order), or ``None``."""
    tags = [tag.name for tag in repo.tags if _VERSION_TAG.match(tag.name)]
    return max(tags, key=version_key, default=None)


def version_key(label: str) -> tuple[int, Any]:
    """Order version labels ("v1", "v0.2.0", "v0.1.0+2.ab12") by PEP 440; unparsable ones first."""
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(label))
    except InvalidVersion:
        return (0, Version("0"))


def template_root(entry: CatalogEntry) -> Path:
    """The local folder of an entry's template: its catalog folder, or a checkout of its git source."""
    if entry.template.path is None:
        return fetch_template(entry.template)
    return entry.template.path
