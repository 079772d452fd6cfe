"""``portfolio index --publish`` to GitHub Pages, against the loopback GitHub of tests/github_server.py.

The user site ``USER.github.io`` is created once; a re-run with nothing changed pushes nothing;
a change pushes exactly one commit and keeps what the learner wrote around the generated region.
A named repository gets its ``gh-pages`` branch instead. The owner header comes from the GitHub
profile, with the avatar downloaded without the token.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.github_server import FakeGitHub
from tests.helpers import build_tree, git_init_commit, run_cli
from tests.test_index import git_as

PROBLEM = "Predict the sale price of a house from its size, age and location so buyers spot overpriced listings."


def house(root: Path, rmse: str = "23456.7") -> Path:
    """A small hand-made regression project with a figure its README shows (no training needed)."""
    from tests.github_server import solid_png

    project = build_tree(
        root / "house-prices",
        {
            "README.md": (
                f"# House prices\n\n## Problem\n\n{PROBLEM}\n\n![Residuals by price](figures/residuals.png)\n\n"
                f"## Results\n\n| Metric | Value |\n|---|---|\n| RMSE | {rmse} |\n"
            ),
            "requirements.txt": "pandas\nscikit-learn\n",
        },
    )
    (project / "figures").mkdir()
    (project / "figures" / "residuals.png").write_bytes(solid_png(640, 400, (200, 60, 60)))
    git_init_commit(project)
    return project


def publish(hub: FakeGitHub, project: Path, out: Path, *args: str):
    result = run_cli(
        [
            "index",
            str(project),
            "--out",
            str(out),
            "--github-user",
            hub.login,
            "--publish",
            "--config",
            str(out.parent / "none.toml"),
            *args,
            "--api-url",
            hub.api_url,
            "--write-pause",
            "0",
        ],
        env={"GITHUB_TOKEN": hub.token},
    )
    assert result.exit_code == 0, result.stderr
    assert hub.token not in result.stdout + result.stderr
    return result


def commits(hub: FakeGitHub, name: str, branch: str = "main") -> int:
    from tests.github_server import _run_git

    return int(_run_git(["rev-list", "--count", f"refs/heads/{branch}"], cwd=hub.bare_path(hub.login, name)))


@pytest.mark.slow
def test_user_site_created_once_idempotent_and_one_commit_per_change(github_server: FakeGitHub, tmp_path: Path):
    hub = github_server
    hub.index_site.set_profile(
        hub.login, name="Ada Learner", bio="I model houses.", location="Leeds", blog="ada.example.org"
    )
    site = f"{hub.login}.github.io"
    project, out = house(tmp_path), tmp_path / "site"

    first = publish(hub, project, out)
    assert hub.repo(hub.login, site) is not None
    assert first.stdout.strip().splitlines()[-1] == f"https://{hub.login}.github.io/"
    assert hub.index_site.pages[(hub.login, site)] == {"branch": "main", "path": "/"}
    assert len(hub.calls("POST", "/user/repos$")) == 2  # the profile repository and the site, once each
    assert commits(hub, site) == 1
    page = tmp_path / "pages"
    git_as(hub, "clone", "-q", hub.clone_url(hub.login, site), str(page))
    published = (page / "index.html").read_text(encoding="utf-8")
    assert published == (out / "index.html").read_text(encoding="utf-8")
    assert "Ada Learner" in published and "I model houses." in published and "https://ada.example.org" in published
    assert 'alt="Photo of Ada Learner"' in published and "data:image/png;base64," in published
    assert hub.index_site.avatar_requests == [(hub.login, None)]  # the avatar is fetched without the token
    assert "Residuals by price" in published and PROBLEM in published
    assert sorted(path.name for path in page.iterdir()) == [".git", "index.html"]

    # nothing changed: nothing is pushed to either repository, no second repository or Pages site
    second = publish(hub, project, out)
    assert commits(hub, site) == 1 and commits(hub, hub.login) == 1
    assert len(hub.calls("POST", "/user/repos$")) == 2 and len(hub.calls("POST", "/pages$")) == 1
    assert "already up to date" in second.stderr

    # the learner adds a line on GitHub; a new result pushes one commit and keeps their line
    page_file = page / "index.html"
    page_file.write_text(published.replace("<main", "<p>Hire me!</p>\n<main"), encoding="utf-8")
    git_init_commit(page, "My own words")
    git_as(hub, "push", "-q", "origin", "main", cwd=page)
    (project / "README.md").write_text(
        (project / "README.md").read_text(encoding="utf-8").replace("23456.7", "21000.5"), encoding="utf-8"
    )
    git_init_commit(project, "Better model")
    publish(hub, project, out)
    assert commits(hub, site) == 3  # the learner's commit and exactly one of ours
    git_as(hub, "pull", "-q", "--ff-only", cwd=page)
    text = page_file.read_text(encoding="utf-8")
    assert "<p>Hire me!</p>" in text and "21,000.5" in text and "23,456.7" not in text


@pytest.mark.slow
def test_gh_pages_branch_of_a_named_repository(github_server: FakeGitHub, tmp_path: Path):
    hub = github_server
    hub.add_repo(hub.login, "portfolio", files={"README.md": "# My portfolio\n"})
    project, out = house(tmp_path), tmp_path / "site"
    result = publish(hub, project, out, "--pages-repo", "portfolio")
    assert result.stdout.strip().splitlines()[-1] == f"https://{hub.login}.github.io/portfolio/"
    refs = hub.refs(hub.login, "portfolio")
    assert set(refs) == {"refs/heads/main", "refs/heads/gh-pages"}
    assert commits(hub, "portfolio", "gh-pages") == 1 and commits(hub, "portfolio") == 1  # main untouched
    assert hub.index_site.pages[(hub.login, "portfolio")] == {"branch": "gh-pages", "path": "/"}
    assert hub.repo(hub.login, f"{hub.login}.github.io") is None
    publish(hub, project, out, "--pages-repo", "portfolio")
    assert hub.refs(hub.login, "portfolio") == refs  # idempotent


@pytest.mark.parametrize("name", ["no-such-repo"])
def test_a_named_repository_must_exist(github_server: FakeGitHub, tmp_path: Path, name: str):
    hub = github_server
    result = run_cli(
        [
            "index",
            str(house(tmp_path)),
            "--out",
            str(tmp_path / "site"),
            "--publish",
            "--pages-repo",
            name,
            "--api-url",
            hub.api_url,
            "--write-pause",
            "0",
        ],
        env={"GITHUB_TOKEN": hub.token},
    )
    assert result.exit_code == 1 and f"{hub.login}/{name} does not exist" in result.stderr
    assert "Traceback" not in result.stderr and hub.repo(hub.login, name) is None
    assert hub.repo(hub.login, hub.login) is None  # checked before the profile was written
