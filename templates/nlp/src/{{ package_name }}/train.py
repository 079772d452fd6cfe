"""Classify short texts: majority baseline vs TF-IDF linear models (and an optional transformer).

Run ``python -m <package>.train``. Writes ``reports/metrics.json`` (the selected model on the
held-out test split), ``reports/model_comparison.json`` (every candidate), the confusion matrix
and the terms that push each class (``explanation.png``) in ``reports/figures/``,
``reports/explanation.json``, ``reports/slices.json`` and ``models/model.joblib``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

from .classifying import BASELINE, METRICS, majority_baseline, train_classifiers
from .cli import train_main
from .data import load_dataset
from .evaluate import explain_terms, length_slices
from .features import build_vectoriser
from .params import load_params
from .paths import MODELS_DIR, REPORTS_DIR
from .transformer import TransformerEmbeddingClassifier, transformer_model_path

EXPLAINED = "tfidf_logistic_regression"


def candidates(params: dict[str, Any]) -> dict[str, Any]:
    """The baseline, TF-IDF + logistic regression, TF-IDF + linear SVM, and the transformer
    path when it is configured and available."""
    settings, seed = params["features"], params["split"]["seed"]
    models = {
        BASELINE: majority_baseline(),
        EXPLAINED: Pipeline([
            ("tfidf", build_vectoriser(settings)),
            ("model", LogisticRegression(C=params["train"]["c"], max_iter=2000)),
        ]),
        "tfidf_linear_svm": Pipeline([
            ("tfidf", build_vectoriser(settings)),
            ("model", LinearSVC(C=params["train"]["c"] / 10, random_state=seed)),
        ]),
    }
    model_path = transformer_model_path(params["transformer"])
    if model_path is not None:
        models["transformer_embeddings"] = TransformerEmbeddingClassifier(str(model_path))
    return models


def run(reports_dir: Path = REPORTS_DIR, models_dir: Path = MODELS_DIR,
        params: dict[str, Any] | None = None) -> dict[str, float]:
    """Train, select by cross-validated macro F1, evaluate on the test split, save everything."""
    params = params or load_params()
    texts, labels = load_dataset(params)
    result = train_classifiers(candidates(params), texts, labels, params, reports_dir, models_dir,
                               unit="texts")
    # Terms come from the selected model when it is a TF-IDF one, else from logistic regression.
    explained = result.selected if result.selected.startswith("tfidf") else EXPLAINED
    explain_terms(result.fitted[explained], explained, result.x_test, result.y_test,
                  params["train"]["top_terms"], reports_dir)
    length_slices(result.x_test, result.y_test, result.y_pred, reports_dir)
    return result.metrics


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    train_main(run, __doc__.splitlines()[0], METRICS, argv)


if __name__ == "__main__":
    main()
