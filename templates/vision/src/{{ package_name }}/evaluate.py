"""The figure that shows what the model sees: test images with their predicted labels."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from .data import as_images
from .reporting import save_figure


def plot_sample_grid(pixels, y_true, y_pred, path: Path, count: int = 24, columns: int = 8) -> Path:
    """The first ``count`` test images titled "predicted (true)"; mistakes in red.

    Mistakes are shown first, so the grid answers "what does the model get wrong?".
    """
    images, y_true, y_pred = as_images(pixels), np.asarray(y_true), np.asarray(y_pred)
    order = np.argsort(y_true == y_pred, kind="stable")[:count]
    rows = int(np.ceil(len(order) / columns))
    figure, axes = plt.subplots(rows, columns, figsize=(1.3 * columns, 1.5 * rows))
    for axis in np.ravel(axes):
        axis.axis("off")
    for axis, index in zip(np.ravel(axes), order, strict=False):
        axis.imshow(images[index], cmap="gray_r", interpolation="nearest")
        colour = "red" if y_true[index] != y_pred[index] else "black"
        axis.set_title(f"{y_pred[index]} ({y_true[index]})", fontsize=9, color=colour)
    figure.suptitle("Test images: predicted (true); mistakes in red, first")
    return save_figure(figure, path)
