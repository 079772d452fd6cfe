"""Why the selected model decides what it does, measured on the held-out split.

Every type ends with the same three artefacts, whatever its method: ``reports/explanation.json``
(the numbers), ``reports/figures/explanation.png`` (the picture) and the README's "What drives
the predictions" table, rewritten between its markers on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .readme import markdown_table, write_region
from .reporting import save_json

FIGURE = "explanation.png"
SHAP_FIGURE = "shap_summary.png"


@dataclass
class Explanation:
    """What one method found: a sentence, the README table and every number for the JSON."""

    method: str
    model: str
    summary: str
    header: list[str]
    rows: list[list[str]]
    details: dict[str, Any] = field(default_factory=dict)


def publish_explanation(explanation: Explanation, reports_dir: Path) -> Path:
    """Write ``explanation.json`` and the README table beside ``reports_dir``; return the JSON."""
    table = markdown_table(explanation.header, explanation.rows)
    path = save_json({
        "method": explanation.method, "model": explanation.model, "split": "held-out test",
        "summary": explanation.summary, "figure": f"figures/{FIGURE}",
        "table": {"header": explanation.header, "rows": explanation.rows},
        **explanation.details,
    }, reports_dir / "explanation.json")
    shap_line = (f"\n\n![SHAP summary](reports/figures/{SHAP_FIGURE})"
                 if (reports_dir / "figures" / SHAP_FIGURE).is_file() else "")
    write_region(reports_dir.parent / "README.md", "explanation",
                 f"{explanation.summary}\n\n{table}{shap_line}")
    return path
