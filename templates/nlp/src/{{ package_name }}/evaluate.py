"""The figure that explains a linear text model: the terms that push towards each class."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib.pyplot as plt

from .reporting import save_figure


def plot_top_terms(terms: dict[str, list[tuple[str, float]]], path: Path, columns: int = 2) -> Path:
    """One bar chart per class of its highest-weighted terms."""
    rows = math.ceil(len(terms) / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(5 * columns, 3.2 * rows), squeeze=False)
    for axis in axes.flat[len(terms):]:
        axis.axis("off")
    for axis, (label, weighted) in zip(axes.flat, terms.items(), strict=False):
        words = [word for word, _ in weighted][::-1]
        axis.barh(words, [weight for _, weight in weighted][::-1])
        axis.set(title=f"class: {label}", xlabel="weight in the linear model")
    figure.suptitle("Top terms per class")
    return save_figure(figure, path)
