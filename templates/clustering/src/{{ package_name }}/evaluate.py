"""Cluster quality without labels (silhouette, Davies-Bouldin) and against hidden labels (ARI)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, davies_bouldin_score, silhouette_score

from .reporting import save_figure

METRICS = {"silhouette": "Silhouette", "davies_bouldin": "Davies-Bouldin",
           "adjusted_rand": "Adjusted Rand index"}  # id -> label in the README


def cluster_metrics(embedded, clusters, hidden_labels) -> dict[str, float]:
    """Silhouette (-1..1, higher is better), Davies-Bouldin (>= 0, lower is better) and the
    adjusted Rand index against the hidden labels (about 0 for chance, 1 for a perfect match)."""
    return {
        "silhouette": float(silhouette_score(embedded, clusters)),
        "davies_bouldin": float(davies_bouldin_score(embedded, clusters)),
        "adjusted_rand": float(adjusted_rand_score(hidden_labels, clusters)),
    }


def plot_k_selection(scores: dict[int, dict[str, float]], chosen: int, path: Path) -> Path:
    """Elbow (inertia) and silhouette against k, with the chosen k marked."""
    ks = sorted(scores)
    figure, (elbow, silhouette) = plt.subplots(1, 2, figsize=(9, 3.8))
    elbow.plot(ks, [scores[k]["inertia"] for k in ks], marker="o")
    elbow.set(xlabel="k (clusters)", ylabel="inertia (within-cluster squares)", title="Elbow")
    silhouette.plot(ks, [scores[k]["silhouette"] for k in ks], marker="o")
    silhouette.set(xlabel="k (clusters)", ylabel="mean silhouette", title="Silhouette")
    for axis in (elbow, silhouette):
        axis.axvline(chosen, linestyle="--", color="grey", label=f"chosen k = {chosen}")
        axis.legend()
    return save_figure(figure, path)


def plot_pca_clusters(embedded, clusters, hidden_labels, path: Path, seed: int = 0) -> Path:
    """The data projected on its first two principal components, coloured by cluster (left)
    and by the hidden labels (right): matching colour groups mean the clusters found them."""
    pca = PCA(n_components=2, random_state=seed)
    points = pca.fit_transform(embedded)
    explained = pca.explained_variance_ratio_
    figure, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharex=True, sharey=True)
    # Two palettes and two marker shapes: colour 1 on the left is not colour 1 on the right,
    # because cluster numbers and label names are different things.
    panels = ((axes[0], clusters, "clusters found", plt.get_cmap("tab10"), "o"),
              (axes[1], hidden_labels, "hidden labels", plt.get_cmap("Dark2"), "s"))
    for axis, groups, title, palette, marker in panels:
        for position, group in enumerate(sorted(set(np.asarray(groups).tolist()), key=str)):
            mask = np.asarray(groups) == group
            axis.scatter(points[mask, 0], points[mask, 1], s=14, alpha=0.75, marker=marker,
                         color=palette(position % palette.N), label=str(group))
        axis.set(title=f"PCA projection: {title}", xlabel=f"PC1 ({explained[0]:.0%} of variance)",
                 ylabel=f"PC2 ({explained[1]:.0%} of variance)")
        axis.legend(fontsize="small", loc="best")
    return save_figure(figure, path)
