"""Model comparison: cross-validate every candidate on the training split, then pick one.

Each candidate is cross-validated on the training split only, refitted on it, and scored once on
the held-out split; the held-out numbers of every candidate are kept, so the README can say how
far the selected model is from the naive baseline. The test split never chooses the model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sklearn.base import clone
from sklearn.model_selection import cross_val_score

Evaluate = Callable[[Any, Any, Any], dict[str, float]]


@dataclass
class Comparison:
    """Scores and fitted models of every candidate, by name, in the order compared."""

    scoring: str
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    fitted: dict[str, Any] = field(default_factory=dict)

    def best(self, *baselines: str) -> str:
        """The candidate (other than the baselines) with the best mean cross-validation score."""
        contenders = [name for name in self.scores if name not in baselines]
        return max(contenders, key=lambda name: self.scores[name][f"cv_{self.scoring}_mean"])


def compare_candidates(candidates: Mapping[str, Any], train: tuple[Any, Any], test: tuple[Any, Any],
                       *, cv: Any, scoring: str, evaluate: Evaluate) -> Comparison:
    """Cross-validate each candidate on ``train``, refit it there, evaluate it on ``test``.

    ``scoring`` is a scikit-learn scorer name where greater is better (e.g. ``f1_macro`` or
    ``neg_root_mean_squared_error``); ``evaluate(model, x, y)`` returns the held-out metrics.
    """
    comparison = Comparison(scoring=scoring)
    x_train, y_train = train
    for name, estimator in candidates.items():
        cv_scores = cross_val_score(clone(estimator), x_train, y_train, cv=cv, scoring=scoring)
        model = clone(estimator).fit(x_train, y_train)
        comparison.scores[name] = {
            f"cv_{scoring}_mean": float(cv_scores.mean()),
            f"cv_{scoring}_std": float(cv_scores.std()),
            **evaluate(model, *test),
        }
        comparison.fitted[name] = model
    return comparison
