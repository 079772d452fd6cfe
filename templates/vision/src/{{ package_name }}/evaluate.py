"""What the model sees: test images with their predicted labels, and occlusion saliency maps
(which parts of an image the model's score depends on)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .data import as_images
from .explain import FIGURE, Explanation, publish_explanation
from .reporting import save_figure


def tile(images: np.ndarray, columns: int) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """The images on one sheet, in rows of ``columns``, with a blank (NaN) band above each
    for its caption; returns the sheet and where each caption goes (x, y in sheet pixels).

    One ``imshow`` of a sheet draws in a tenth of the time of one axes per image.
    """
    count, side = len(images), images.shape[1]
    band, gap = max(2, side // 2), max(1, side // 8)  # caption space above, gap beside
    rows, height, width = -(-count // columns), side + band, side + gap
    sheet = np.full((rows * height, columns * width - gap), np.nan)
    captions = []
    for position, image in enumerate(images):
        row, column = divmod(position, columns)
        top, left = row * height + band, column * width
        sheet[top:top + side, left:left + side] = image
        captions.append((left + (side - 1) / 2, top - 0.6))
    return sheet, captions


def _show_sheet(images: np.ndarray, captions: list[str], colours: list[str], columns: int,
                title: str, path: Path, overlay: np.ndarray | None = None) -> Path:
    """Draw ``images`` on one sheet with a caption above each, ``overlay`` (one map per image)
    in red over them, and save it."""
    sheet, places = tile(images, columns)
    rows = -(-len(images) // columns)
    figure, axis = plt.subplots(figsize=(1.3 * columns, 1.5 * rows))
    axis.axis("off")
    axis.imshow(sheet, cmap="gray_r", interpolation="nearest")
    if overlay is not None:
        axis.imshow(tile(overlay, columns)[0], cmap="Reds", alpha=0.55, interpolation="nearest")
    for (x, y), caption, colour in zip(places, captions, colours, strict=True):
        axis.text(x, y, caption, ha="center", va="bottom", fontsize=9, color=colour)
    figure.suptitle(title)
    return save_figure(figure, path)


def plot_sample_grid(pixels, y_true, y_pred, path: Path, count: int = 24, columns: int = 8) -> Path:
    """The first ``count`` test images captioned "predicted (true)"; mistakes in red.

    Mistakes are shown first, so the grid answers "what does the model get wrong?".
    """
    images, y_true, y_pred = as_images(pixels), np.asarray(y_true), np.asarray(y_pred)
    order = np.argsort(y_true == y_pred, kind="stable")[:count]
    return _show_sheet(
        images[order], [f"{y_pred[index]} ({y_true[index]})" for index in order],
        ["red" if y_true[index] != y_pred[index] else "black" for index in order],
        columns, "Test images: predicted (true); mistakes in red, first", path,
    )


def class_scores(model, pixels) -> tuple[np.ndarray, list]:
    """The model's score for every class (probability, or an SVM's decision value) and the
    classes in column order."""
    score = model.predict_proba if hasattr(model, "predict_proba") else model.decision_function
    return np.asarray(score(pixels)), list(model.classes_)


def occlusion_maps(model, pixels, labels, per_class: int, fill: float = 0.0):
    """For the first ``per_class`` test images of each class, how much the model's score for
    that class drops when each square patch of the image is blanked to ``fill``.

    Patches are a square of a quarter of the side (2x2 pixels for 8x8 digits: one pixel alone
    rarely changes a prediction), so any image size costs 16 extra predictions per image.
    Returns the chosen row positions, one map per image (pixel resolution) and the patch side.
    """
    images, labels = as_images(pixels), np.asarray(labels)
    side = images.shape[1]
    patch = max(1, side // 4)
    chosen = [int(index) for label in sorted(set(labels.tolist()), key=str)
              for index in np.flatnonzero(labels == label)[:per_class]]
    starts = range(0, side, patch)
    variants = []
    for index in chosen:
        for row in starts:
            for column in starts:
                blanked = images[index].copy()
                blanked[row:row + patch, column:column + patch] = fill
                variants.append(blanked.ravel())
    base, classes = class_scores(model, pixels.iloc[chosen])
    occluded, _ = class_scores(model, pd.DataFrame(np.array(variants), columns=pixels.columns))
    grid = len(starts)
    occluded = occluded.reshape(len(chosen), grid, grid, -1)
    maps = []
    for position, index in enumerate(chosen):
        column_of_class = classes.index(labels[index])
        drop = base[position, column_of_class] - occluded[position, :, :, column_of_class]
        maps.append(np.kron(drop, np.ones((patch, patch)))[:side, :side])
    return chosen, maps, patch


def plot_saliency(pixels, labels, chosen: list[int], maps: list[np.ndarray], path: Path,
                  columns: int = 6) -> Path:
    """Each explained test image in grey with its occlusion map in red: red is where blanking
    the image lowers the score of its true class."""
    images, labels = as_images(pixels), np.asarray(labels)
    return _show_sheet(
        images[chosen], [f"class {labels[index]}" for index in chosen], ["black"] * len(chosen),
        columns, "Occlusion saliency on test images: red = the score drops when blanked", path,
        overlay=np.clip(np.array(maps), 0, None),
    )


def explain_occlusion(model, name: str, pixels, labels, per_class: int,
                      reports_dir: Path) -> Explanation:
    """Occlusion maps of the selected model on held-out images: figure, JSON, README table."""
    chosen, maps, patch = occlusion_maps(model, pixels, labels, per_class)
    plot_saliency(pixels, labels, chosen, maps, reports_dir / "figures" / FIGURE)
    labels = np.asarray(labels)
    by_class: dict[str, list[np.ndarray]] = {}
    for index, saliency in zip(chosen, maps, strict=True):
        by_class.setdefault(str(labels[index]), []).append(saliency)
    rows, details = [], {}
    for label, class_maps in by_class.items():
        mean = np.mean(class_maps, axis=0)
        row, column = np.unravel_index(np.argmax(mean), mean.shape)
        rows.append([f"`{label}`", str(len(class_maps)),
                     f"rows {row}–{row + patch - 1}, columns {column}–{column + patch - 1}",
                     f"{mean[row, column]:.3f}"])
        details[label] = {"images": len(class_maps), "mean_map": mean.round(4).tolist()}
    explanation = Explanation(
        method="occlusion_saliency", model=name,
        summary=(f"Occlusion saliency of `{name}` on held-out images: each {patch}x{patch} patch "
                 "is blanked in turn and the drop in the model's score for the image's true class "
                 "is measured (a probability, or an SVM's decision value)."),
        header=["Class", "Images", "Patch it relies on most", "Mean score drop"], rows=rows,
        details={"patch": patch, "test_rows": chosen, "classes": details},
    )
    publish_explanation(explanation, reports_dir)
    return explanation
