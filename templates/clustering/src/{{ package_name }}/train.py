"""Cluster with k-means, choosing k by silhouette; score the result against the hidden labels.

Run ``python -m <package>.train``. Writes ``reports/metrics.json`` (the chosen k), its
``reports/metrics_intervals.json``, ``reports/model_comparison.json`` (every k tried), figures
in ``reports/figures/`` and the fitted scaler + k-means pipeline in ``models/model.joblib``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sklearn.cluster import KMeans
from sklearn.pipeline import Pipeline

from .cli import train_main
from .data import load_dataset
from .evaluate import (
    METRICS,
    cluster_metrics,
    explain_clusters,
    plot_k_selection,
    plot_pca_clusters,
)
from .experiment import save_model
from .features import build_preprocessor
from .params import load_params
from .paths import MODELS_DIR, REPORTS_DIR
from .reporting import save_run
from .uncertainty import bootstrap_intervals


def fit_kmeans(features, k: int, seed: int, n_init: int) -> Pipeline:
    """Scale the features, then k-means with ``n_init`` restarts (the best inertia is kept)."""
    model = KMeans(n_clusters=k, n_init=n_init, random_state=seed)
    return Pipeline([("features", build_preprocessor()), ("kmeans", model)]).fit(features)


def scan_k(features, hidden_labels, settings: dict[str, Any], seed: int):
    """Fit k-means for every k in the configured range; return scores and fitted models by k."""
    scores: dict[int, dict[str, float]] = {}
    fitted: dict[int, Pipeline] = {}
    for k in range(settings["k_min"], settings["k_max"] + 1):
        model = fit_kmeans(features, k, seed, settings["n_init"])
        embedded = model["features"].transform(features)
        scores[k] = {"inertia": float(model["kmeans"].inertia_),
                     **cluster_metrics(embedded, model["kmeans"].labels_, hidden_labels)}
        fitted[k] = model
    return scores, fitted


def run(reports_dir: Path = REPORTS_DIR, models_dir: Path = MODELS_DIR,
        params: dict[str, Any] | None = None) -> dict[str, float]:
    """Scan k, keep the best silhouette, save metrics, figures and the model."""
    params = params or load_params()
    seed = params["train"]["seed"]
    features, hidden_labels = load_dataset(params)
    scores, fitted = scan_k(features, hidden_labels, params["train"], seed)
    # k is chosen without the labels: the adjusted Rand index is reported, never optimised.
    chosen = max(scores, key=lambda k: scores[k]["silhouette"])
    model = fitted[chosen]
    metrics = {name: scores[chosen][name] for name in METRICS}
    embedded = model["features"].transform(features)
    clusters = model["kmeans"].labels_
    # The rows are resampled with the clusters they were given: the interval shows how much the
    # scores depend on which wines were sampled, not how stable k-means itself is.
    intervals = bootstrap_intervals(cluster_metrics, (embedded, clusters, hidden_labels), seed=seed,
                                    resamples=params["evaluate"]["bootstrap_resamples"])

    models = {f"kmeans_k{k}": values for k, values in scores.items()}
    save_run(reports_dir, metrics, intervals, selected=f"kmeans_k{chosen}", baseline=None,
             models=models, evaluated_on=f"all {len(features)} rows (k chosen without the labels)")
    figures = reports_dir / "figures"
    plot_k_selection(scores, chosen, figures / "k_selection.png")
    plot_pca_clusters(embedded, clusters, hidden_labels, figures / "pca_clusters.png", seed)
    explain_clusters(model, f"kmeans_k{chosen}", features, reports_dir)
    save_model({"model": model, "columns": list(features.columns), "output": "cluster"}, models_dir)
    return metrics


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    train_main(run, __doc__.splitlines()[0], METRICS, argv)


if __name__ == "__main__":
    main()
