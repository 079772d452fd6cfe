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
    root = build_tree(tmp_path, {
        "pyproject.toml": '[project]\nname = "x"\ndependencies = ["scikit-learn>=1.4", "Pandas"]\n',
        "requirements-dev.txt": "# tools\n-r requirements.txt\npytest\n",
        "requirements.txt": "torch==2.3 ; python_version>'3.10'\nmlflow\n",
        "environment.yml": "dependencies:\n  - numpy\n",
        "Dockerfile": "FROM python:3.11\n",
    })
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


@pytest.mark.parametrize(
    "text", [f"{START}\nx\n", f"x\n{END}\n", f"{START}{END}\n{START}{END}\n", f"{END}{START}"]
)
def test_broken_markers_are_refused(text: str):
    with pytest.raises(IndexOutputError, match="expected one"):
        merge(text, "body", "{region}", Path("README.md"))


def test_page_is_well_formed_and_every_card_has_an_id():
    from html.parser import HTMLParser

    from generator.index.html_page import frame, render_body
    from generator.index.model import Metric, Portfolio, ProjectCard

    cards = [
        ProjectCard(id=f"p{n}", title=f"P{n} <&>", target=f"t{n}", url=f"https://example.com/{n}",
                    group=group, type="nlp", type_title="NLP", level=group, inferred=n == 1, generated=n != 1,
                    problem="Route tickets.", headline=Metric("f1", "F1", 0.5, "0.5000", "README"),
                    skills=["spaCy"], score=70, grade="C", warnings=["odd"])
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
