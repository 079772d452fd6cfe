"""What an employer looks at beyond the text: the key figure, the notebook, the baseline, the branch.

Read from the checked-out project like everything else in the index (nothing is run):

* the key figure is the first image the README shows that exists in the repository, else the
  first image in ``reports/figures/``; a path that leaves the repository (``../``, a symlink)
  is never read, so a README cannot make the page embed a file from the learner's disk;
* the notebook is the first ``notebooks/*.ipynb`` (else any top-level one), for "Open in Colab";
* the baseline is the naive model's value of the headline metric, from
  ``reports/model_comparison.json`` (``baseline`` names the model) or a ``naive_``/``baseline_``
  key of ``metrics.json``.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path, PurePosixPath

from generator.index.model import Figure, Metric
from generator.index.thumbnails import thumbnail

FIGURES_DIR = Path("reports") / "figures"
COMPARISON_FILE = Path("reports") / "model_comparison.json"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
BASELINE_PREFIXES = ("naive_", "baseline_", "seasonal_naive_")


def key_figure(root: Path, readme_text: str, title: str) -> Figure | None:
    """The first figure the README shows, else the first one in ``reports/figures/``."""
    for source, alt in readme_images(readme_text):
        path = inside(root, source)
        if path is not None:
            return _figure(root, path, alt or _alt_from_name(path, title))
    folder = root / FIGURES_DIR
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in IMAGE_SUFFIXES and inside(root, path.relative_to(root).as_posix()):
                return _figure(root, path, _alt_from_name(path, title))
    return None


def readme_images(text: str) -> list[tuple[str, str]]:
    """``(src, alt)`` of every image in the README, Markdown and HTML alike, in reading order."""
    found: list[tuple[int, str, str]] = []
    for match in _MARKDOWN_IMAGE.finditer(text):
        found.append((match.start(), match["src"], match["alt"].strip()))
    for match in _HTML_IMAGE.finditer(text):
        attributes = {name.lower(): double or single for name, double, single in _ATTRIBUTE.findall(match[0])}
        if attributes.get("src"):
            found.append((match.start(), attributes["src"], attributes.get("alt", "").strip()))
    return [(src, alt) for _, src, alt in sorted(found)]


def inside(root: Path, source: str) -> Path | None:
    """The image file ``source`` names inside ``root``; None for URLs, other files or escapes."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", source, re.IGNORECASE):
        return None  # remote images (badges) are not the project's figures
    from urllib.parse import unquote

    # GitHub reads "/x.png" from the repository's top; "../" stays and is caught below
    relative = PurePosixPath(unquote(source.split("#", 1)[0].split("?", 1)[0]).lstrip("/"))
    if relative.suffix.lower() not in IMAGE_SUFFIXES:
        return None
    candidate = root / relative
    try:
        resolved, top = candidate.resolve(strict=True), root.resolve()
    except OSError:
        return None
    if not resolved.is_file() or not resolved.is_relative_to(top):
        return None
    return candidate


def _figure(root: Path, path: Path, alt: str) -> Figure:
    relative = path.relative_to(root).as_posix()
    try:
        small = thumbnail(path.read_bytes())
    except OSError:
        small = None
    if small is None:
        return Figure(relative, alt)
    return Figure(relative, alt, small.uri, small.width, small.height)


def _alt_from_name(path: Path, title: str) -> str:
    """``predicted_vs_actual.png`` in "House prices" -> "House prices: predicted vs actual"."""
    words = re.sub(r"[_\-.]+", " ", path.stem).strip()
    return f"{title}: {words}" if words else title


def notebook(root: Path) -> str | None:
    """The notebook to open in Colab: the first in ``notebooks/``, else the first at the top."""
    for folder in (root / "notebooks", root):
        if folder.is_dir():
            found = sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not p.is_symlink())
            if found:
                return found[0].relative_to(root).as_posix()
    return None


def baseline(root: Path, headline: Metric | None, metrics: dict[str, float]) -> Metric | None:
    """The naive model's value of the headline metric, labelled with the baseline's name."""
    if headline is None:
        return None
    from generator.scaffold.sync import format_value

    comparison = _comparison(root)
    name = comparison.get("baseline")
    models = comparison.get("models")
    if isinstance(name, str) and isinstance(models, dict) and isinstance(models.get(name), dict):
        value = models[name].get(headline.name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            label = name.replace("_", " ")
            return Metric(headline.name, label, float(value), format_value(float(value)), str(COMPARISON_FILE))
    for prefix in BASELINE_PREFIXES:
        value = metrics.get(prefix + headline.name)
        if value is not None:
            label = prefix.rstrip("_").replace("_", " ")
            return Metric(prefix + headline.name, label, value, format_value(value), headline.source)
    return None


def _comparison(root: Path) -> dict[str, object]:
    try:
        data = json.loads((root / COMPARISON_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def branch(root: Path) -> str | None:
    """The checked-out branch (links to files in the repository name it), None when detached."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "symbolic-ref", "--short", "-q", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    name = result.stdout.strip()
    return name if result.returncode == 0 and name else None
