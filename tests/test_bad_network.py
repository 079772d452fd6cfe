"""Bad-input corpus, network half: publish, cohort, index and check against a GitHub that misbehaves.

The loopback GitHub (tests/github_server.py) injects the faults: status codes, ``Retry-After``,
secondary rate limits, slow and stalled responses, a push cut mid-way, a stalled git server.
``PORTFOLIO_NETWORK_TIMEOUT=1`` keeps every bounded wait short; each case must finish well
inside the harness's 30 s hang limit. Same five promises as test_bad_input.py.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from tests.bad_input import AUTHOR, TOKEN, Case, Workspace, make_workspace, run_case
from tests.github_server import FakeGitHub, Fault
from tests.helpers import git, git_init_commit

SECONDARY = {
    "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
}
PRIMARY = {
    "message": "API rate limit exceeded for user ID 1000.",
    "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
}
SERVER_ERROR = {"message": "Server Error"}


@pytest.fixture
def network(tmp_path: Path, isolated_environment: Path, github_server: FakeGitHub) -> tuple[Workspace, FakeGitHub]:
    workspace = make_workspace(tmp_path, isolated_environment)
    github_server.state.tokens[TOKEN] = github_server.login  # the corpus token is the user's
    return workspace, github_server


def project(w: Workspace, name: str = "proj") -> Path:
    w.write(f"{name}/README.md", "# Late trains\n\nPredict delays.\n")
    w.write(f"{name}/src/model.py", "print('hi')\n")
    return git_init_commit(w.ws / name, "First version")


def publish(*extra: str, name: str = "proj"):
    return lambda w, s: ["publish", w.path(name), "--api-url", s.api_url, "--write-pause", "0", "--quiet", *extra]


def cohort_publish():
    """``cohort new --publish`` of roster ``r.csv`` from the mini catalog into ``class/``, unpaced."""
    return lambda w, s: [
        *("--catalog", str(w.catalog), "cohort", "new", "--type", "mini", w.path("r.csv")),
        *("--dest", w.path("class"), "--author", AUTHOR, "--publish", "--api-url", s.api_url, "--write-pause", "0"),
    ]


def faults(*items: Fault):
    return lambda s: [s.inject(item) for item in items]


def api(path: str, status: int, body=None, headers=None, times: int = -1, method: str = "*") -> Fault:
    return Fault(
        path=path,
        status=status,
        body=body if body is not None else SERVER_ERROR,
        headers=headers or {},
        times=times,
        method=method,
    )


@dataclasses.dataclass(frozen=True)
class NetCase:
    """A :class:`Case` whose command and set-up also see the server."""

    id: str
    argv: object  # (Workspace, FakeGitHub) -> list[str]
    code: int
    expect: str
    arrange: object = None  # (FakeGitHub) -> Any: faults
    setup: object = project  # (Workspace) -> Any
    writes: tuple[str, ...] = ()
    lines: int | None = 1
    env: tuple[tuple[str, str], ...] = ()
    error_line: bool = True
    waits: bool = False  # waits out a timeout or retry budget: seconds of wall time, so `slow`

    def __str__(self) -> str:
        return self.id


PUSHED = ("proj/.git",)  # a successful publish records origin and the upstream in the project's own .git
NOT_PUBLISHED = ("proj/.git/index",)  # reading the work tree's state refreshes git's index, nothing else

CASES: list[NetCase] = [
    # -- the token ----------------------------------------------------------------------------------------
    NetCase(
        "publish-token-rejected",
        publish(),
        1,
        "rejected the token",
        env=(("GITHUB_TOKEN", "ghp_wrong"),),
        writes=NOT_PUBLISHED,
    ),
    NetCase("publish-no-token", publish(), 1, "no GitHub token", env=(("GITHUB_TOKEN", ""),), writes=NOT_PUBLISHED),
    NetCase("publish-token-env-empty", publish("--token-env", "MY_TOKEN"), 1, "MY_TOKEN", writes=NOT_PUBLISHED),
    # -- status codes ----------------------------------------------------------------------------------------
    *[
        NetCase(
            f"publish-user-{status}-persistent",
            publish(),
            1,
            f"answered {status} 3 times",
            faults(api("^/api/v3/user$", status)),
            writes=NOT_PUBLISHED,
        )
        for status in (500, 502, 503, 504)
    ],
    *[
        NetCase(
            f"publish-user-{status}-once-then-fine",
            publish(),
            0,
            "",
            faults(api("^/api/v3/user$", status, times=1)),
            writes=PUSHED,
            lines=0,
        )
        for status in (500, 502, 503)
    ],
    NetCase(
        "publish-create-500-persistent",
        publish(),
        1,
        "answered 500",
        faults(api("^/api/v3/user/repos$", 500, method="POST")),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-lookup-500-persistent",
        publish(),
        1,
        "answered 500",
        faults(api("^/api/v3/repos/", 500, method="GET")),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-topics-500",
        publish("--topic", "ml"),
        1,
        "topics",
        faults(api("/topics$", 500, method="PUT")),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-html-error-body",
        publish(),
        1,
        "answered 500",
        faults(Fault(path="^/api/v3/user$", status=500, body="<html>oops</html>")),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-404-on-user",
        publish(),
        1,
        "404",
        faults(api("^/api/v3/user$", 404, {"message": "Not Found"})),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-422-odd",
        publish(),
        1,
        "422",
        faults(
            api(
                "^/api/v3/user/repos$",
                422,
                {"message": "Repository creation failed.", "errors": [{"message": "name is reserved"}]},
                method="POST",
            )
        ),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-429",
        publish(),
        1,
        "429",
        faults(api("^/api/v3/user$", 429, {"message": "Too many"})),
        writes=NOT_PUBLISHED,
    ),
    # -- rate limits and Retry-After -----------------------------------------------------------------------------
    NetCase(
        "publish-secondary-rate-limit",
        publish(),
        1,
        "secondary rate limit",
        faults(api("^/api/v3/user/repos$", 403, SECONDARY, method="POST")),
        writes=NOT_PUBLISHED,
        waits=True,
    ),
    NetCase(
        "publish-secondary-rate-limit-once",
        publish(),
        0,
        "",
        faults(api("^/api/v3/user/repos$", 403, SECONDARY, method="POST", times=1)),
        writes=PUSHED,
        lines=0,
        waits=True,
    ),
    NetCase(
        "publish-retry-after-an-hour",
        publish(),
        1,
        "wait 3600",
        faults(api("^/api/v3/user$", 403, SECONDARY, {"Retry-After": "3600"})),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-retry-after-a-day-on-create",
        publish(),
        1,
        "asks to wait",
        faults(api("^/api/v3/user/repos$", 403, SECONDARY, {"Retry-After": "86400"}, method="POST")),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-retry-after-short-then-fine",
        publish(),
        0,
        "",
        faults(api("^/api/v3/user$", 403, SECONDARY, {"Retry-After": "0"}, times=1)),
        writes=PUSHED,
        lines=0,
    ),
    NetCase(
        "publish-retry-after-garbage",
        publish(),
        1,
        "",
        faults(api("^/api/v3/user$", 403, SECONDARY, {"Retry-After": "soon"})),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-primary-rate-limit",
        publish(),
        1,
        "rate limit",
        faults(
            api(
                "^/api/v3/user$",
                403,
                PRIMARY,
                {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 3000)},
            )
        ),
        writes=NOT_PUBLISHED,
    ),
    # -- slow, stalled, gone ---------------------------------------------------------------------------------
    NetCase(
        "publish-api-slow-within-budget",
        publish(),
        0,
        "",
        faults(Fault(path="^/api/v3/user$", kind="slow", delay=0.2)),
        writes=PUSHED,
        lines=0,
    ),
    NetCase(
        "publish-api-slower-than-timeout",
        publish(),
        1,
        "timed out",
        faults(Fault(path="^/api/v3/user$", kind="slow", delay=5)),
        writes=NOT_PUBLISHED,
        waits=True,
    ),
    NetCase(
        "publish-api-stalled",
        publish(),
        1,
        "timed out",
        faults(Fault(path="^/api/v3/user$", kind="stall")),
        writes=NOT_PUBLISHED,
        waits=True,
    ),
    NetCase(
        "publish-api-stalled-on-create",
        publish(),
        1,
        "timed out",
        faults(Fault(path="^/api/v3/user/repos$", kind="stall", method="POST")),
        writes=NOT_PUBLISHED,
        waits=True,
    ),
    NetCase(
        "publish-api-connection-cut",
        publish(),
        1,
        "cannot reach",
        faults(Fault(path="^/api/v3/user$", kind="cut")),
        writes=NOT_PUBLISHED,
    ),
    NetCase("publish-server-down", publish(), 1, "connection refused", lambda s: s.stop(), writes=NOT_PUBLISHED),
    NetCase(
        "publish-git-stalled",
        publish(),
        1,
        "",
        faults(Fault(path="/info/refs", kind="stall")),
        writes=NOT_PUBLISHED,
        waits=True,
    ),
    NetCase(
        "publish-git-slow-refs",
        publish(),
        1,
        "",
        faults(Fault(path="/info/refs", kind="slow", delay=8)),
        writes=NOT_PUBLISHED,
        waits=True,
    ),
    NetCase("publish-git-refs-500", publish(), 1, "", faults(api("/info/refs", 500)), writes=NOT_PUBLISHED),
    NetCase(
        "publish-git-refs-401",
        publish(),
        1,
        "",
        faults(api("/info/refs", 401, {"message": "no"})),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-push-cut-mid-way",
        publish(),
        1,
        "push",
        faults(Fault(path="/git-receive-pack$", kind="cut")),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-push-stalled",
        publish(),
        1,
        "push",
        faults(Fault(path="/git-receive-pack$", kind="stall")),
        writes=NOT_PUBLISHED,
        waits=True,
    ),
    NetCase("publish-push-500", publish(), 1, "push", faults(api("/git-receive-pack$", 500)), writes=NOT_PUBLISHED),
    NetCase(
        "publish-push-rejected",
        publish(),
        1,
        "rejected",
        lambda s: s.reject_pushes("no pushes today"),
        writes=NOT_PUBLISHED,
    ),
    # -- the project and the options ----------------------------------------------------------------------------
    NetCase(
        "publish-api-url-not-http",
        lambda w, s: ["publish", w.path("proj"), "--api-url", "ftp://x"],
        2,
        "must start with https",
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-negative-pause", publish("--write-pause", "-1"), 2, "write-pause", writes=NOT_PUBLISHED, lines=None
    ),  # click's own usage error: usage, hint, then one "Error:" line
    NetCase(
        "publish-not-a-repository",
        publish(name="plain"),
        1,
        "not a git repository",
        setup=lambda w: w.write("plain/README.md", "# x\n"),
    ),
    NetCase("publish-missing-folder", publish(name="none"), 1, "does not exist", setup=None),
    NetCase(
        "publish-no-commits",
        publish(name="empty"),
        1,
        "no commits",
        setup=lambda w: (w.write("empty/README.md", "# x\n"), git(w.ws / "empty", "init", "-q", "-b", "main")),
    ),
    NetCase(
        "publish-detached-head",
        publish(),
        1,
        "detached",
        setup=lambda w: git(project(w), "checkout", "-q", "--detach"),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-origin-elsewhere",
        publish(),
        1,
        "already points to",
        setup=lambda w: git(project(w), "remote", "add", "origin", "https://example.org/other/thing.git"),
        writes=NOT_PUBLISHED,
    ),
    NetCase("publish-org-missing", publish("--org", "no-such-org"), 1, "not found", writes=NOT_PUBLISHED),
    NetCase(
        "publish-org-not-member",
        publish("--org", "closed"),
        1,
        "403",
        lambda s: s.add_org("closed"),
        writes=NOT_PUBLISHED,
    ),
    NetCase(
        "publish-name-taken-by-foreign-history",
        publish("--name", "taken"),
        1,
        "already exists",
        lambda s: s.add_repo(s.login, "taken", files={"x.txt": "theirs\n"}),
        writes=NOT_PUBLISHED,
    ),
    NetCase("publish-name-invalid", publish("--name", "bad name!"), 2, "repository name", writes=NOT_PUBLISHED),
    # -- new --publish, cohort, index, check against the same faults -------------------------------------------------
    NetCase(
        "new-publish-api-500",
        lambda w, s: [
            "--catalog",
            str(w.catalog),
            "new",
            "mini",
            w.path("made"),
            "--defaults",
            "--author",
            AUTHOR,
            "--publish",
            "--api-url",
            s.api_url,
            "--write-pause",
            "0",
        ],
        1,
        "answered 500",
        faults(api("^/api/v3/user", 500)),
        setup=None,
        writes=("made",),
        lines=None,
    ),
    NetCase(
        "cohort-publish-api-500",
        cohort_publish(),
        1,
        "answered 500",
        faults(api("^/api/v3/user", 500)),
        setup=lambda w: w.write("r.csv", "name,github\nAda Learner,ada-l\n"),
        writes=("class",),
        lines=None,
    ),
    NetCase(
        "cohort-publish-push-cut",
        cohort_publish(),
        1,
        "",
        faults(Fault(path="/git-receive-pack$", kind="cut")),
        setup=lambda w: w.write("r.csv", "name\nAda Learner\nBo Student\n"),
        writes=("class",),
        lines=None,
        error_line=False,
    ),  # a report: one "failed" line per student, then what to do
    *[
        NetCase(
            f"index-github-user-{label}",
            lambda w, s, user=user: ["index", "--github-user", user, "--api-url", s.api_url, "--out", w.path("site")],
            1,
            expect,
            arrange,
            setup=None,
            waits=label == "stalled",
        )
        for label, user, arrange, expect in [
            ("500", "ada-learner", faults(api("/users/", 500)), "500"),
            ("stalled", "ada-learner", faults(Fault(path="/users/", kind="stall")), "timed out"),
            ("unknown-user", "nobody-here", None, "not found"),
        ]
    ],
]


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.slow) if c.waits else c for c in CASES], ids=str)
def test_bad_network(case: NetCase, network: tuple[Workspace, FakeGitHub]) -> None:
    workspace, server = network
    workspace.env.update(dict(case.env))
    if case.arrange is not None:
        case.arrange(server)
    run_case(
        Case(
            case.id,
            lambda w: case.argv(w, server),
            case.code,
            case.expect,
            case.setup,
            case.writes,
            case.lines,
            case.error_line,
        ),
        workspace,
    )
    if case.code != 0 and case.id.startswith("publish-") and case.id != "publish-origin-elsewhere":
        assert git_remotes(workspace.ws / "proj") == "", "a failed publish recorded a remote"


def git_remotes(path: Path) -> str:
    return git(path, "remote") if (path / ".git").is_dir() else ""


def test_the_corpus_is_large_enough() -> None:
    from tests.test_bad_input import CASES as LOCAL

    assert len(CASES) + len(LOCAL) >= 150
