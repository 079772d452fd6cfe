"""Register stage: give the trained model a version and save what the API serves.

The model is logged to the MLflow model registry (a new version of ``tracking.model_name`` per
run), and the same fitted pipeline is saved as ``models/model.joblib`` together with its
threshold, metrics and MLflow version, so the API and the Docker image need neither MLflow
nor the tracking store to serve it, yet every prediction can be traced to its run.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import mlflow
import mlflow.sklearn
import pandas as pd
import sklearn
import skops.io
from mlflow.models import infer_signature
from sklearn.model_selection import TunedThresholdClassifierCV

from .experiment import save_model
from .schema import FEATURES

# What skops may load beyond plain scikit-learn and numpy: our feature function and the trees of
# gradient boosting. A model needing anything else is refused, not trusted blindly.
TRUSTED_TYPES = frozenset({f"{__package__}.features.add_engineered", "sklearn.tree._tree.Tree"})


def trusted_types(model) -> list[str]:
    """The types of ``model`` skops does not trust by default, all of them on the trust list."""
    needed = set(skops.io.get_untrusted_types(data=skops.io.dumps(model)))
    if not needed <= TRUSTED_TYPES:
        unknown = sorted(needed - TRUSTED_TYPES)
        raise ValueError(f"not on the skops trust list (register.py: TRUSTED_TYPES): {unknown}")
    return sorted(needed)


def register(
    tuned: TunedThresholdClassifierCV,
    example: pd.DataFrame,
    metrics: dict[str, float],
    params: dict[str, Any],
    models_dir: Path,
) -> dict[str, Any]:
    """Log the fitted pipeline to the active MLflow run (and registry) and write the serving
    bundle: the pipeline and the alarm threshold tuned on the training folds."""
    tracking = params["tracking"]
    model = tuned.estimator_
    version: str | None = None
    if tracking["register_model"]:
        logged = mlflow.sklearn.log_model(
            model,
            name="model",
            registered_model_name=tracking["model_name"],
            signature=infer_signature(example, model.predict_proba(example)[:, 1]),
            # skops (MLflow's safe format) loads only the types listed, from TRUSTED_TYPES.
            serialization_format="skops",
            skops_trusted_types=trusted_types(model),
            # The pipeline calls this package's feature code: ship it, and pin what it ran with.
            code_paths=[str(Path(__file__).parent)],
            pip_requirements=[f"scikit-learn=={sklearn.__version__}", f"pandas=={pd.__version__}"],
        )
        version = str(logged.registered_model_version)
    active = mlflow.active_run()
    bundle = {
        "model": model,
        "features": FEATURES,
        "threshold": float(tuned.best_threshold_),
        "metrics": metrics,
        "model_name": tracking["model_name"],
        "version": version,
        "mlflow_run_id": active.info.run_id if active else None,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    save_model(bundle, models_dir)
    return bundle
