"""Classify small images: baseline, SVM and MLP on pixels, and a CNN when torch is installed.

Run ``python -m <package>.train``. Writes ``reports/metrics.json`` (the selected model on the
held-out test split), ``reports/model_comparison.json`` (every candidate), the confusion matrix
and a grid of test images with predictions in ``reports/figures/``, and ``models/model.joblib``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from .classifying import BASELINE, METRICS, majority_baseline, train_classifiers
from .cli import train_main
from .cnn import SmallCNN, use_cnn
from .data import image_side, load_dataset
from .evaluate import explain_occlusion, plot_sample_grid
from .params import load_params
from .paths import MODELS_DIR, REPORTS_DIR


def candidates(settings: dict[str, Any], seed: int, side: int) -> dict[str, Any]:
    """The majority baseline, an RBF support-vector machine and a multi-layer perceptron on
    standardised pixels, and the small CNN when ``[train] cnn`` allows it."""
    models = {
        BASELINE: majority_baseline(),
        "svm_rbf": make_pipeline(StandardScaler(), SVC(C=settings["svm_c"], gamma="scale")),
        "mlp": make_pipeline(
            StandardScaler(),
            MLPClassifier(hidden_layer_sizes=(settings["mlp_hidden"],), early_stopping=True,
                          max_iter=settings["mlp_max_iter"], random_state=seed),
        ),
    }
    if use_cnn(settings["cnn"]):
        models["cnn"] = SmallCNN(side=side, max_value=settings["pixel_max"],
                                 epochs=settings["cnn_epochs"], seed=seed)
    elif settings["cnn"] == "auto":
        print("note: PyTorch is not installed, so the optional CNN is skipped", file=sys.stderr)
    return models


def run(reports_dir: Path = REPORTS_DIR, models_dir: Path = MODELS_DIR,
        params: dict[str, Any] | None = None) -> dict[str, float]:
    """Train, select by cross-validated macro F1, evaluate on the test split, save everything."""
    params = params or load_params()
    pixels, labels = load_dataset(params)
    side = image_side(pixels)
    result = train_classifiers(
        candidates(params["train"], params["split"]["seed"], side), pixels, labels, params,
        reports_dir, models_dir, unit="images",
    )
    plot_sample_grid(result.x_test, result.y_test, result.y_pred,
                     reports_dir / "figures" / "sample_predictions.png")
    explain_occlusion(result.fitted[result.selected], result.selected, result.x_test,
                      result.y_test, params["explain"]["images_per_class"], reports_dir)
    return result.metrics


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    train_main(run, __doc__.splitlines()[0], METRICS, argv)


if __name__ == "__main__":
    main()
