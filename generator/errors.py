"""One error family for everything the user can get wrong.

The CLI catches :class:`PortfolioError` once, prints its message on one line and exits
with ``exit_code``; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class PortfolioError(Exception):
    """A problem the user can act on; ``str(error)`` is the one line they see."""

    exit_code = 1


class UsageError(PortfolioError):
    """The command line itself is wrong (exit 2, like Typer's own usage errors)."""

    exit_code = 2


class CatalogError(PortfolioError):
    """One or more catalog entries are invalid; each problem is ``file: field: message``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        first = problems[0] if problems else "invalid catalog"
        more = f" (+{len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)


class UnknownTypeError(PortfolioError):
    """The requested project type is not in the catalog."""


class DestinationError(PortfolioError):
    """The destination cannot be used without losing or escaping something."""


class AnswerError(PortfolioError):
    """An answer (flag, ``--data``, answers file or dataset) is invalid."""


class RenderError(PortfolioError):
    """The template could not be rendered."""


class GitError(PortfolioError):
    """A git operation failed or git is not configured."""


class SyncError(PortfolioError):
    """The README metrics table could not be synchronised."""


class UntrustedTemplateError(PortfolioError):
    """A template wants to run code (hooks, tasks, migrations) and was not trusted."""


class RubricError(UsageError):
    """A ``--rubric`` file is missing or invalid; each problem is ``file: field: message``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = f" (+{len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)


class TargetError(PortfolioError):
    """A ``portfolio check`` target cannot be found, cloned or fetched."""


class IndexOutputError(PortfolioError):
    """``portfolio index`` cannot update its output (e.g. the README's markers are broken)."""


class GitHubError(PortfolioError):
    """GitHub (or a GitHub Enterprise server) refused a request or could not be reached.

    ``status`` is GitHub's HTTP status when it answered (None when it could not be reached),
    so callers can tell "not found" (404) or "name taken" (422) from real failures.
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class TokenError(GitHubError):
    """No GitHub token was found, or GitHub rejected it."""


class RepositoryExistsError(GitHubError):
    """The repository name is taken by a repository whose history is not this project's."""


class PushError(GitError):
    """``git push`` did not update the remote branch; nothing is reported as published."""


class NotPublishedError(PortfolioError):
    """``new --publish`` created the project but could not publish it; the message says how to retry."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
