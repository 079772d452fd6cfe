"""Cluster quality without labels (silhouette, Davies-Bouldin) and against hidden labels (ARI)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, davies_bouldin_score, silhouette_score

from .explain import FIGURE, Explanation, publish_explanation
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


def centroid_profile(model, features) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Feature names, each cluster's centroid in standard deviations from the overall mean of
    the scaled features, and the size of each cluster."""
    scaled = np.asarray(model["features"].transform(features))
    clusters = model["kmeans"].predict(scaled)
    names = [name.split("__", 1)[-1] for name in model["features"].get_feature_names_out()]
    centroids = np.array([scaled[clusters == k].mean(axis=0)
                          for k in range(model["kmeans"].n_clusters)])
    differences = (centroids - scaled.mean(axis=0)) / scaled.std(axis=0).clip(min=1e-12)
    return names, differences, np.bincount(clusters, minlength=len(centroids))


def plot_centroid_profile(names: list[str], differences: np.ndarray, path: Path) -> Path:
    """Heat map of clusters x features: red above the average row, blue below (in SDs)."""
    limit = float(np.abs(differences).max()) or 1.0
    figure, axis = plt.subplots(figsize=(0.45 * len(names) + 2.5, 0.5 * len(differences) + 2))
    image = axis.imshow(differences, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
    axis.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=8)
    axis.set_yticks(range(len(differences)), [f"cluster {k}" for k in range(len(differences))])
    figure.colorbar(image, ax=axis, label="centroid - mean (standard deviations)")
    axis.set_title("What distinguishes each cluster")
    return save_figure(figure, path)


def explain_clusters(model, name: str, features, reports_dir: Path, top: int = 3) -> Explanation:
    """The features that set each cluster apart: figure, JSON and README table."""
    names, differences, sizes = centroid_profile(model, features)
    plot_centroid_profile(names, differences, reports_dir / "figures" / FIGURE)
    rows, details = [], {}
    for cluster, row in enumerate(differences):
        strongest = np.argsort(-np.abs(row), kind="stable")[:top]
        rows.append([str(cluster), str(int(sizes[cluster])),
                     ", ".join(f"{names[index]} ({row[index]:+.2f})" for index in strongest)])
        details[str(cluster)] = {"size": int(sizes[cluster]),
                                 "differences": dict(zip(names, row.tolist(), strict=True))}
    explanation = Explanation(
        method="standardised_centroid_differences", model=name,
        summary=(f"What distinguishes each cluster of `{name}`: its centroid minus the mean of "
                 "all rows, in standard deviations of the scaled features (clustering has no "
                 "held-out split, so every row is used)."),
        header=["Cluster", "Rows", f"Most distinctive features (top {top}, in SDs)"], rows=rows,
        details={"clusters": details},
    )
    publish_explanation(explanation, reports_dir)
    return explanation
