"""Load the images named in params.toml: scikit-learn's bundled Digits, or your own CSV.

Images are returned flattened, one column per pixel (``pixel_0`` ... row by row), which is
what the scikit-learn models take; :func:`as_images` turns rows back into square images.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from sklearn.datasets import load_digits

from .params import load_params
from .paths import PROJECT_ROOT
from .tabular import load_csv


def load_dataset(params: dict[str, Any] | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """Return pixels (one row per image) and the digit (or class) of each image."""
    data = (params or load_params())["data"]
    if data.get("csv"):
        pixels, labels = load_csv(PROJECT_ROOT / data["csv"], data["target"])
        image_side(pixels)  # fail early on a table that is not square images
        return pixels.astype(float), labels.astype(str)
    bunch = load_digits()
    columns = [f"pixel_{index}" for index in range(bunch.data.shape[1])]
    return pd.DataFrame(bunch.data, columns=columns), pd.Series(bunch.target, name="digit")


def image_side(pixels: pd.DataFrame) -> int:
    """The side of the square images stored one per row (8 for Digits)."""
    side = math.isqrt(pixels.shape[1])
    if side * side != pixels.shape[1]:
        raise ValueError(f"{pixels.shape[1]} pixel columns do not make square images")
    return side


def as_images(pixels: pd.DataFrame) -> np.ndarray:
    """Rows of pixels as an array of shape (images, side, side)."""
    side = image_side(pixels)
    return np.asarray(pixels, dtype=float).reshape(-1, side, side)
