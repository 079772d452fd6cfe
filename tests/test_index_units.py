"""The pure parts of ``portfolio index``: type inference, links, escaping and the marker region."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import IndexOutputError
from generator.index.collect import web_url
from generator.index.html_page import safe_href
from generator.index.infer import dependencies, infer_type, skills_from_dependencies
from generator.index.markdown import escape
from generator.index.regions import END, START, merge
from tests.helpers import build_tree


@pytest.mark.parametrize(
    ("text", "metrics", "deps", "expected"),
    [
        ("# House prices\nWe fit a regression.", ["rmse", "r2"], [], "regression"),
        ("# Churn\nA classifier for churn.", ["accuracy", "f1"], ["scikit-learn"], "classification"),
        ("# Reviews\nTF-IDF features and a tokenizer.", ["accuracy"], ["nltk"], "nlp"),
        ("# BLEU on translations", ["bleu"], [], "nlp"),
        ("# Digits\nA small CNN on images.", ["accuracy"], ["torch"], "vision"),
        ("# Serving\nThe model is served with FastAPI.", ["f1"], ["mlflow", "fastapi", "docker"], "pipeline"),
        ("# Customers\nk-means clustering.", ["silhouette"], [], "clustering"),
        ("# Sales\nForecast with lag features and ARIMA.", ["mae", "mape"], ["statsmodels"], "timeseries"),
        ("# dotfiles\nMy shell flags.", [], [], None),  # "flags" must not count as "lag"
    ],
)
def test_infer_type(text: str, metrics: list[str], deps: list[str], expected: str | None):
    inference = infer_type(text, metrics, deps)
    assert inference.type == expected
    assert bool(inference.evidence) == (expected is not None)


def test_dependencies_from_every_kind_of_file(tmp_path: Path):
    root = build_tree(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "x"\ndependencies = ["scikit-learn>=1.4", "Pandas"]\n',
            "requirements-dev.txt": "# tools\n-r requirements.txt\npytest\n",
            "requirements.txt": "torch==2.3 ; python_version>'3.10'\nmlflow\n",
            "environment.yml": "dependencies:\n  - numpy\n",
            "Dockerfile": "FROM python:3.11\n",
        },
    )
    names = dependencies(root)
    assert names == ["scikit-learn", "pandas", "pytest", "torch", "mlflow", "numpy", "docker"]
    skills = ["scikit-learn", "pandas", "PyTorch", "MLflow", "NumPy", "Docker"]
    assert skills_from_dependencies(names) == skills


def test_broken_dependency_files_are_ignored(tmp_path: Path):
    root = build_tree(tmp_path, {"pyproject.toml": "not = [toml", "requirements.txt": b"\xff\xfe"})
    assert dependencies(root) == []


@pytest.mark.parametrize(
    ("remote", "web"),
    [
        ("git@github.com:ada/churn.git", "https://github.com/ada/churn"),
        ("https://github.com/ada/churn.git", "https://github.com/ada/churn"),
        ("https://ada:secret@github.com/ada/churn.git", "https://github.com/ada/churn"),
        ("ssh://git@github.com/ada/churn.git", "https://github.com/ada/churn"),
        ("file:///srv/git/churn.git", "file:///srv/git/churn.git"),
    ],
)
def test_web_url(remote: str, web: str):
    assert web_url(remote) == web


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://github.com/ada/x", "https://github.com/ada/x"),
        ("../my project", "../my%20project"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<b>", None),
        (None, None),
    ],
)
def test_safe_href(url: str | None, href: str | None):
    assert safe_href(url) == href


def test_markdown_escape_is_one_inert_line():
    assert escape("a | b\n<b>[x](y)</b> *c*") == r"a \| b &lt;b&gt;\[x\](y)&lt;/b&gt; \*c\*"


_free_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200).filter(
    lambda text: "portfolio:index" not in text
)


@given(before=_free_text, after=_free_text, old=_free_text, new=_free_text)
def test_region_keeps_everything_around_it(before: str, after: str, old: str, new: str):
    existing = f"{before}{START}{old}{END}{after}"
    updated = merge(existing, new, "{region}", Path("README.md"))
    assert updated.startswith(before + START) and updated.endswith(END + after)
    assert merge(updated, new, "{region}", Path("README.md")) == updated


@pytest.mark.parametrize("text", [f"{START}\nx\n", f"x\n{END}\n", f"{START}{END}\n{START}{END}\n", f"{END}{START}"])
def test_broken_markers_are_refused(text: str):
    with pytest.raises(IndexOutputError, match="expected one"):
        merge(text, "body", "{region}", Path("README.md"))


def test_page_is_well_formed_and_every_card_has_an_id():
    from html.parser import HTMLParser

    from generator.index.html_page import frame, render_body
    from generator.index.model import Metric, Portfolio, ProjectCard

    cards = [
        ProjectCard(
            id=f"p{n}",
            title=f"P{n} <&>",
            target=f"t{n}",
            url=f"https://example.com/{n}",
            group=group,
            type="nlp",
            type_title="NLP",
            level=group,
            inferred=n == 1,
            generated=n != 1,
            problem="Route tickets.",
            headline=Metric("f1", "F1", 0.5, "0.5000", "README"),
            skills=["spaCy"],
            score=70,
            grade="C",
            warnings=["odd"],
        )
        for n, group in enumerate(["foundational", "advanced", "end-to-end", "open-source"])
    ]
    page = frame("ada").replace("{region}", render_body(Portfolio("ada", cards)))
    void = {"meta", "br", "img", "link", "input", "hr"}

    class Balance(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.ids: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "article":
                self.ids.append(dict(attrs)["id"] or "")
            if tag not in void:
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.stack.pop() == tag

    parser = Balance()
    parser.feed(page)
    parser.close()
    assert parser.stack == [] and parser.ids == ["project-p0", "project-p1", "project-p2", "project-p3"]
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert re.findall(r"<link[^>]*>", page) == ['<link rel="icon" href="data:,">']
    assert "src=" not in page and "@import" not in page and "url(" not in page  # nothing to fetch


def test_key_figure_never_leaves_the_repository(tmp_path: Path):
    from generator.index.showcase import key_figure, readme_images
    from tests.github_server import solid_png

    outside = tmp_path / "secret.png"
    outside.write_bytes(solid_png(8, 8, (0, 0, 0)))
    root = build_tree(tmp_path / "repo", {"README.md": ""})
    (root / "reports" / "figures").mkdir(parents=True)
    (root / "reports" / "figures" / "b_second.png").write_bytes(solid_png(20, 10, (9, 9, 9)))
    (root / "reports" / "figures" / "a_link.png").symlink_to(outside)  # first by name, but leaves the repo
    (root / "shown.png").write_bytes(solid_png(30, 20, (1, 2, 3)))
    text = (
        "![badge](https://img.shields.io/x.png) ![up](../secret.png) "
        '<img alt="Linked" src="reports/figures/a_link.png"> ![Residuals by price](shown.png "t")'
    )
    assert readme_images(text)[-1] == ("shown.png", "Residuals by price")
    figure = key_figure(root, text, "House")
    assert figure is not None and (figure.path, figure.alt) == ("shown.png", "Residuals by price")
    assert figure.thumbnail is not None and figure.thumbnail.startswith("data:image/png;base64,")
    # without a usable README image: the first figure in reports/figures/ that stays inside
    fallback = key_figure(root, text.replace("shown.png", "missing.png"), "House")
    assert fallback is not None and (fallback.path, fallback.alt) == ("reports/figures/b_second.png", "House: b second")


def test_public_card_links_and_what_it_hides():
    from generator.index.html_page import render_body
    from generator.index.model import Figure, Metric, Portfolio, ProjectCard

    card = ProjectCard(
        id="p",
        title="Churn",
        target="/home/ada/churn",
        url="https://github.com/ada/churn",
        group="foundational",
        type="classification",
        type_title="Tabular classification",
        level="foundational",
        inferred=True,
        generated=False,
        problem="Who leaves.",
        headline=Metric("f1", "F1", 0.9, "0.9000", "README"),
        baseline=Metric("f1", "majority class", 0.1, "0.1000", "README"),
        score=40,
        grade="F",
        warnings=["no licence"],
        fixes=["Add a LICENSE"],
        branch="dev",
        figure=Figure("reports/figures/cm.png", "Confusion", "data:image/png;base64,AAAA", 4, 3),
        notebook="notebooks/01.ipynb",
        homepage="https://churn.example.org",
    )
    public = render_body(Portfolio("ada", [card]))
    assert 'href="https://churn.example.org">Live demo' in public
    assert "https://colab.research.google.com/github/ada/churn/blob/dev/notebooks/01.ipynb" in public
    assert 'href="https://github.com/ada/churn/blob/dev/reports/figures/cm.png"' in public
    assert 'F1 0.9000 <span class="versus">vs 0.1000 (majority class)</span>' in public
    for hidden in ("40/100", "no licence", "Add a LICENSE", "inferred</span>", "/home/ada"):
        assert hidden not in public
    review = render_body(Portfolio("ada", [card]), review=True)
    assert all(shown in review for shown in ("40/100 (F)", "no licence", "Add a LICENSE", "inferred</span>"))
    card.homepage, card.url = "javascript:alert(1)", "../churn"
    local = render_body(Portfolio("ada", [card]))
    assert "javascript" not in local and "../churn" not in local and "Colab" not in local


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[owner]\nname = 3\n", "owner.name: expected a string"),
        ('[owner.links]\nMe = "javascript:alert(1)"\n', "must start with https://"),
        ("owner = 1\n", "expected a table"),
        ("[owner\n", "cannot be read as TOML"),
    ],
)
def test_portfolio_toml_errors_are_one_line(tmp_path: Path, text: str, message: str):
    from generator.errors import UsageError
    from generator.index.owner import read_config

    path = build_tree(tmp_path, {"portfolio.toml": text}) / "portfolio.toml"
    with pytest.raises(UsageError, match=message):
        read_config(path)
