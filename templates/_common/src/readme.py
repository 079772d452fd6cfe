"""Keep README.md and docs/model_card.md in step with the last training run.

Training writes only between marker comments, ``<!-- portfolio:NAME:start -->`` and
``<!-- portfolio:NAME:end -->``: everything outside them is yours and never touched, and writing
the same results twice changes nothing. Delete a pair of markers to stop that region updating.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .paths import PROJECT_ROOT


def write_region(path: Path, name: str, text: str) -> bool:
    """Put ``text`` between the ``name`` markers of ``path``; True when the file changed.

    A file without those markers (or without the file) is left alone.
    """
    start, end = f"<!-- portfolio:{name}:start -->", f"<!-- portfolio:{name}:end -->"
    if not path.is_file():
        return False
    old = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    new = pattern.sub(lambda _: f"{start}\n{text.strip()}\n{end}", old, count=1)
    if new == old:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells are written as given (pipes escaped)."""
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
                     for row in lines)


def number(value: float) -> str:
    """Four decimals for scores and small errors, fewer for large values."""
    return f"{value:.4f}" if abs(value) < 1000 else f"{value:,.1f}"


def metrics_table(metrics: dict[str, float], intervals: dict[str, list[float]],
                  labels: dict[str, str]) -> str:
    """The Markdown table of the run: each metric, its value and its bootstrap 95 % interval."""
    rows = ["| Metric | Value | 95% interval |", "|---|---|---|"]
    for name, value in metrics.items():
        low, high = intervals.get(name, (value, value))
        interval = f"{number(low)} – {number(high)}"
        rows.append(f"| {labels.get(name, name)} | {number(value)} | {interval} |")
    return "\n".join(rows)


def key_result(metrics: dict[str, float], intervals: dict[str, list[float]],
               labels: dict[str, str], comparison: dict) -> str:
    """One sentence: the headline (first) metric of the selected model against the baseline."""
    headline = next(iter(metrics))
    low, high = intervals.get(headline, (metrics[headline],) * 2)
    sentence = (
        f"**Key result:** {comparison['selected'].replace('_', ' ')} reaches "
        f"{labels.get(headline, headline)} {number(metrics[headline])} "
        f"(95% interval {number(low)} – {number(high)}) on {comparison['evaluated_on']}"
    )
    baseline = comparison.get("baseline")
    if baseline:
        versus = comparison["models"][baseline][headline]
        sentence += f", against {number(versus)} for the {baseline.replace('_', ' ')} baseline"
    return sentence + "."


def publish_results(reports_dir: Path, labels: dict[str, str], root: Path = PROJECT_ROOT) -> None:
    """Write the run in ``reports_dir`` into the README (key result, metrics table) and the
    model card (how the model was chosen and evaluated, the same table)."""
    metrics = json.loads((reports_dir / "metrics.json").read_text(encoding="utf-8"))
    intervals = json.loads((reports_dir / "metrics_intervals.json").read_text(encoding="utf-8"))
    comparison = json.loads((reports_dir / "model_comparison.json").read_text(encoding="utf-8"))
    table = metrics_table(metrics, intervals, labels)
    key = key_result(metrics, intervals, labels, comparison)
    write_region(root / "README.md", "key-result", key)
    write_region(root / "README.md", "metrics", table)
    chosen = (
        f"Selected: `{comparison['selected']}` of {len(comparison['models'])} candidates "
        f"({', '.join(f'`{name}`' for name in comparison['models'])}), evaluated on "
        f"{comparison['evaluated_on']}; intervals: bootstrap over those rows "
        "(`[evaluate]` in params.toml)."
    )
    write_region(root / "docs" / "model_card.md", "model-metrics", f"{chosen}\n\n{table}")
