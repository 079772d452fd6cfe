"""The public portfolio page and the private review in headless Chromium, audited by axe-core.

One trained project (real metrics, real figures) stands in for two types; a hand-made project
has no figure; an empty one has nothing to show and must stay off the public page. Screenshots
at 360 px and 1280 px (light, dark) go to test-artifacts/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.catalog.entries import load_catalog
from generator.index import CollectOptions, IndexRequest, build_portfolio, write_site
from generator.index.review import review_path, write_review
from tests.browser import axe_violations, console_errors, headless_browser, save_screenshot, serve_directory
from tests.generated import isolated_home, trained_copy, trains_projects
from tests.github_server import solid_png
from tests.helpers import build_tree, git, git_init_commit
from tests.test_index import fill_readme, hand_made

pytestmark = pytest.mark.browser
OWNER = "Ada Lovelace"
TITLES = {"classification": "Breast cancer triage", "nlp": "Support ticket routing"}


@dataclass(frozen=True)
class Site:
    public: Path
    review: Path
    titles: list[str]  # on the public page, in group order
    hidden: str  # only in the review
    local_paths: list[str]


@trains_projects(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("portfolio-browser")
    with isolated_home(tmp_path_factory.mktemp("browser-home")):
        trained = trained_copy("classification", root / "classification", tmp_path_factory)
        shutil.copytree(trained.path, root / "nlp")
        projects = [root / "classification", root / "nlp"]
        for path, (type_id, title) in zip(projects, TITLES.items(), strict=True):
            answers_file = path / ".copier-answers.yml"
            answers = yaml.safe_load(answers_file.read_text(encoding="utf-8"))
            answers.update(project_type=type_id, project_name=title)
            answers_file.write_text(yaml.safe_dump(answers), encoding="utf-8")
        for path, title in zip(projects, TITLES.values(), strict=True):
            fill_readme(path, title)
            git_init_commit(path, "Results")
            git(path, "remote", "add", "origin", f"https://github.com/ada/{path.name}.git")
        empty = build_tree(root / "empty", {"README.md": "# Scratch\n\nNothing here yet.\n"})
        (root / "me.png").write_bytes(solid_png(120, 120, (30, 90, 160)))
        config = (
            build_tree(
                root,
                {
                    "portfolio.toml": (
                        f'[owner]\nname = "{OWNER}"\nbio = "Data scientist: tabular models and text."\n'
                        'location = "London"\n'
                        'avatar = "me.png"\n[owner.links]\nLinkedIn = "https://www.linkedin.com/in/ada"\n'
                    )
                },
            )
            / "portfolio.toml"
        )
        targets = [*projects, hand_made(root), empty]
        out = root / "site"
        portfolio = build_portfolio(
            IndexRequest(
                targets=[str(t) for t in targets], config=config, collect=CollectOptions(catalog=load_catalog())
            ),
            out,
        )
        result = write_site(portfolio, out)
        review = write_review(portfolio, review_path(out), result.left_out)
        yield Site(
            result.html,
            review,
            [TITLES["classification"], "House prices", TITLES["nlp"]],
            "Scratch",
            [str(root), str(root.resolve())],
        )


def test_public_page_for_employers(site: Site, tmp_path: Path):
    from selenium.webdriver.common.by import By

    page = site.public.read_text(encoding="utf-8")
    for banned in ("⚠", "/100", "Documentation", "(F)", "What to fix", "file:", *site.local_paths):
        assert banned not in page, banned
    assert not re.search(r"\b\d{1,3}/100\b", page)
    with headless_browser(tmp_path) as driver, serve_directory(site.public.parent) as base:
        driver.set_window_size(1280, 900)
        driver.get(f"{base}/{site.public.name}")
        cards = driver.find_elements(By.CSS_SELECTOR, "article.project-card")
        assert [card.find_element(By.TAG_NAME, "h3").text for card in cards] == site.titles
        visible = driver.find_element(By.TAG_NAME, "main").text
        assert site.hidden not in visible and "inferred" not in visible
        thumbnails = driver.find_elements(By.CSS_SELECTOR, "article .thumb img")
        assert len(thumbnails) == 2  # the two trained projects; the hand-made one has no figure
        for image in [*thumbnails, driver.find_element(By.CSS_SELECTOR, ".owner img")]:
            assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) > 0
            assert image.get_attribute("alt")
        first = cards[0]
        links = {
            link.get_attribute("textContent").split(" of ")[0]: link.get_attribute("href")
            for link in first.find_elements(By.CSS_SELECTOR, ".links a")
        }
        assert set(links) == {"Repository", "Open in Colab"}
        assert links["Repository"] == "https://github.com/ada/classification"
        assert links["Open in Colab"].startswith("https://colab.research.google.com/github/ada/classification/blob/")
        figure_link = first.find_element(By.CSS_SELECTOR, "a.thumb").get_attribute("href")
        assert figure_link.startswith("https://github.com/ada/classification/blob/main/reports/figures/")
        assert " vs " in first.find_element(By.CSS_SELECTOR, "dd.metric").text  # against the baseline
        assert OWNER in driver.find_element(By.CSS_SELECTOR, ".owner").text
        # the stylesheet applies (a broken one still passes axe): bordered cards, two side by side
        assert driver.execute_script("return getComputedStyle(arguments[0]).borderTopStyle", first) == "solid"
        assert cards[0].location["y"] == cards[1].location["y"] and cards[0].location["x"] < cards[1].location["x"]
        assert console_errors(driver) == []
        assert axe_violations(driver) == []
        _full_page_screenshot(driver, 1280, "portfolio-index-1280")

        driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
        )
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(13, 17, 23)"
        assert axe_violations(driver) == []  # contrast holds in dark mode too
        _full_page_screenshot(driver, 1280, "portfolio-index-1280-dark")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

        driver.set_window_size(360, 800)
        width = driver.execute_script("return document.documentElement.clientWidth")
        assert driver.execute_script("return document.documentElement.scrollWidth") <= width  # no sideways scroll
        narrow = driver.find_elements(By.CSS_SELECTOR, "article.project-card")
        for card in narrow:
            assert card.size["width"] <= width
        assert narrow[0].location["y"] < narrow[1].location["y"]  # one column
        assert axe_violations(driver) == []
        _full_page_screenshot(driver, 360, "portfolio-index-360")


def test_keyboard_and_print(site: Site, tmp_path: Path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    with headless_browser(tmp_path) as driver:
        driver.get(site.public.as_uri())
        reached = []
        for _ in driver.find_elements(By.CSS_SELECTOR, "a[href]"):  # every link, in document order
            ActionChains(driver).send_keys(Keys.TAB).perform()
            reached.append(
                driver.execute_script(
                    "const e = document.activeElement; return [e.textContent.trim(), getComputedStyle(e).outlineStyle];"
                )
            )
        assert reached[0][0] == "Skip to the projects"
        texts = [text for text, _ in reached]
        assert any(text.startswith("Repository") for text in texts) and any("Colab" in text for text in texts)
        assert all(outline == "solid" for _, outline in reached), reached  # focus is visible on every stop
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert driver.execute_script("return getComputedStyle(document.querySelector('.cards')).display") == "block"


def test_review_page_shows_what_to_fix(site: Site, tmp_path: Path):
    from selenium.webdriver.common.by import By

    assert site.review.parent != site.public.parent  # never inside the folder that gets published
    with headless_browser(tmp_path) as driver:
        driver.get(site.review.as_uri())
        text = driver.find_element(By.TAG_NAME, "main").text
        assert re.search(r"\d{1,3}/100 \([A-F]\)", text)
        assert "⚠" in text and "What to fix next" in text
        assert f"{site.hidden}: nothing to show yet" in text
        cards = driver.find_elements(By.CSS_SELECTOR, "article.project-card")
        assert len(cards) == len(site.titles) + 1  # the empty project is reviewed too
        assert any(
            link.get_attribute("href").startswith("file:")
            for link in driver.find_elements(By.CSS_SELECTOR, "article h3 a")
        )
        assert axe_violations(driver) == []
        assert console_errors(driver) == []
        _full_page_screenshot(driver, 1280, "portfolio-review-1280")


def _full_page_screenshot(driver, width: int, name: str) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(int(height) + 140, 8000))
    assert save_screenshot(driver, name).stat().st_size > 0


@pytest.mark.parametrize("ci", ["true", ""])
def test_a_missing_axe_fails_under_ci_and_skips_elsewhere(ci: str, monkeypatch: pytest.MonkeyPatch):
    from tests.browser import find_axe, missing

    monkeypatch.setenv("AXE_CORE_JS", "/nonexistent/axe.min.js")
    monkeypatch.setenv("CI", ci)
    assert find_axe() is None
    expected = pytest.fail.Exception if ci else pytest.skip.Exception
    with pytest.raises(expected, match="axe-core"):
        missing("axe-core is not installed")
