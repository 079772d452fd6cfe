"""What explains a linear text model, on held-out texts: the terms that push towards each class,
and where it does worse (accuracy by message length)."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.metrics import accuracy_score

from .explain import FIGURE, Explanation, publish_explanation
from .features import term_contributions
from .reporting import save_figure
from .slice_columns import column_slices


def plot_top_terms(terms: dict[str, list[tuple[str, float]]], path: Path, columns: int = 2) -> Path:
    """One bar chart per class of its highest-weighted terms."""
    rows = math.ceil(len(terms) / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(5 * columns, 3.2 * rows), squeeze=False)
    for axis in axes.flat[len(terms):]:
        axis.axis("off")
    for axis, (label, weighted) in zip(axes.flat, terms.items(), strict=False):
        words = [word for word, _ in weighted][::-1]
        axis.barh(words, [weight for _, weight in weighted][::-1])
        axis.set(title=f"class: {label}", xlabel="mean contribution to its score")
    figure.suptitle("Terms that push held-out texts towards their class")
    return save_figure(figure, path)


def explain_terms(pipeline, name: str, texts: pd.DataFrame, labels, count: int,
                  reports_dir: Path) -> Explanation:
    """The terms pushing each class on the held-out texts: figure, JSON and README table."""
    terms = term_contributions(pipeline, texts, labels, count)
    plot_top_terms(terms, reports_dir / "figures" / FIGURE)
    explanation = Explanation(
        method="linear_term_contributions", model=name,
        summary=(f"Terms that push the held-out texts of each class towards it in `{name}`: "
                 "TF-IDF weight times the model's coefficient, averaged over the class's texts."),
        header=["Class", "Strongest terms (mean contribution)"],
        rows=[[f"`{label}`", ", ".join(f"{word} ({value:.3f})" for word, value in weighted[:5])]
              for label, weighted in terms.items()],
        details={"terms": {
            label: [{"term": word, "contribution": value} for word, value in weighted]
            for label, weighted in terms.items()
        }},
    )
    publish_explanation(explanation, reports_dir)
    return explanation


def length_slices(texts: pd.DataFrame, labels, predicted, reports_dir: Path) -> dict | None:
    """Accuracy on short, medium and long held-out messages (thirds of their word count)."""
    words = pd.DataFrame({"words per message": texts["text"].str.split().str.len()})
    return column_slices(words, labels, predicted, {"columns": list(words), "bins": 3},
                         metric="accuracy", label="Accuracy", score=accuracy_score,
                         higher_is_better=True, reports_dir=reports_dir)
