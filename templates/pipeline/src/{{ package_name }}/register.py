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

import joblib
import mlflow
import mlflow.sklearn
import pandas as pd
import sklearn
import skops.io
from mlflow.models import infer_signature
from sklearn.pipeline import Pipeline

from .schema import FEATURES


def register(
    model: Pipeline,
    example: pd.DataFrame,
    metrics: dict[str, float],
    params: dict[str, Any],
    models_dir: Path,
) -> dict[str, Any]:
    """Log ``model`` to the active MLflow run (and registry) and write the serving bundle."""
    tracking = params["tracking"]
    version: str | None = None
    if tracking["register_model"]:
        logged = mlflow.sklearn.log_model(
            model,
            name="model",
            registered_model_name=tracking["model_name"],
            signature=infer_signature(example, model.predict_proba(example)[:, 1]),
            # skops (MLflow's safe format) loads only the types listed: this model's own, since we
            # built it (our feature function, the estimator's internals).
            serialization_format="skops",
            skops_trusted_types=skops.io.get_untrusted_types(data=skops.io.dumps(model)),
            # The pipeline calls this package's feature code: ship it, and pin what it ran with.
            code_paths=[str(Path(__file__).parent)],
            pip_requirements=[f"scikit-learn=={sklearn.__version__}", f"pandas=={pd.__version__}"],
        )
        version = str(logged.registered_model_version)
    active = mlflow.active_run()
    bundle = {
        "model": model,
        "features": FEATURES,
        "threshold": params["train"]["threshold"],
        "metrics": metrics,
        "model_name": tracking["model_name"],
        "version": version,
        "mlflow_run_id": active.info.run_id if active else None,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    models_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(bundle, models_dir / "model.joblib")
    return bundle
