"""Permutation importance of a tabular model: shuffle one column of the test split and measure how
much the score drops, a few times, so the spread shows which differences are noise. SHAP's summary
plot joins it when SHAP is installed (an optional extra).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.inspection import permutation_importance

from .explain import FIGURE, SHAP_FIGURE, Explanation, publish_explanation
from .reporting import save_figure


def permutation_explanation(model, features, target, *, model_name: str, scoring: str,
                            score_label: str, repeats: int, seed: int,
                            top: int = 8) -> Explanation:
    """Permutation importance of ``model`` on held-out ``features``/``target``.

    ``scoring`` is a scikit-learn scorer name (greater is better), so an importance is how
    much ``score_label`` worsens when the column is shuffled; near zero or negative means
    the model does not rely on it (or another, correlated column carries the same signal).
    """
    result = permutation_importance(model, features, target, scoring=scoring,
                                    n_repeats=repeats, random_state=seed, n_jobs=1)
    order = np.argsort(-result.importances_mean, kind="stable")
    importances = {
        str(features.columns[index]): {"mean": float(result.importances_mean[index]),
                                       "std": float(result.importances_std[index])}
        for index in order
    }
    rows = [[f"`{name}`", f"{value['mean']:.4f}", f"{value['std']:.4f}"]
            for name, value in list(importances.items())[:top]]
    return Explanation(
        method="permutation_importance", model=model_name,
        summary=(f"Permutation importance of the selected model (`{model_name}`) on the held-out "
                 f"split: how much its {score_label} worsens when one column is shuffled, mean and "
                 f"standard deviation over {repeats} repeats."),
        header=["Feature", f"{score_label} worsens by", "Spread (std)"], rows=rows,
        details={"scoring": scoring, "repeats": repeats, "importances": importances},
    )


def plot_importances(importances: dict[str, dict[str, float]], title: str, path: Path,
                     top: int = 15) -> Path:
    """Horizontal bars of the ``top`` importances with their spread as error bars."""
    shown = list(importances.items())[:top][::-1]
    figure, axis = plt.subplots(figsize=(6.5, 0.35 * len(shown) + 1.5))
    axis.barh([name for name, _ in shown], [value["mean"] for _, value in shown],
              xerr=[value["std"] for _, value in shown], color="tab:blue", ecolor="grey")
    axis.axvline(0, color="grey", linewidth=0.8)
    axis.set(title=title, xlabel="score lost when the column is shuffled (mean ± std)")
    return save_figure(figure, path)


def shap_summary(model, features, path: Path, samples: int = 60) -> Path | None:
    """SHAP's beeswarm summary of ``model`` on up to ``samples`` held-out rows, when SHAP is
    installed (``pip install -e ".[shap]"``); otherwise one note and nothing else."""
    try:
        import shap
    except ImportError:
        print('note: SHAP is not installed (pip install -e ".[shap]"), so its summary plot is '
              "skipped (the permutation importances do not need it)", file=sys.stderr)
        path.unlink(missing_ok=True)
        return None
    rows = features.iloc[:samples]
    columns = features.columns
    scores = model.predict_proba if hasattr(model, "predict_proba") else model.predict

    def predict(values):
        output = scores(pd.DataFrame(values, columns=columns).astype(rows.dtypes.to_dict()))
        return output[:, -1] if np.ndim(output) == 2 else output

    values = shap.Explainer(predict, rows)(rows)
    shap.plots.beeswarm(values, show=False)
    return save_figure(plt.gcf(), path)


def explain_tabular(model, model_name: str, features, target, *, scoring: str, score_label: str,
                    repeats: int, seed: int, reports_dir: Path) -> Explanation:
    """Permutation importance of the selected tabular model, its figure, the optional SHAP plot,
    the JSON and the README table: the whole explanation step of a tabular type."""
    explanation = permutation_explanation(
        model, features, target, model_name=model_name, scoring=scoring, score_label=score_label,
        repeats=repeats, seed=seed,
    )
    figures = reports_dir / "figures"
    plot_importances(explanation.details["importances"],
                     f"What drives {model_name} (held-out split)", figures / FIGURE)
    shap_summary(model, features, figures / SHAP_FIGURE)
    publish_explanation(explanation, reports_dir)
    return explanation
