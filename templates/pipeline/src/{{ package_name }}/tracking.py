"""Experiment tracking with MLflow in a local SQLite store (``sqlite:///mlflow.db``).

MLflow 3 refuses the old ``mlruns/`` file store unless forced, so runs, parameters, metrics and
registered model versions live in one SQLite file in the project, and artifacts beside it in
``mlartifacts/``. Browse them with ``make mlflow-ui``. A relative SQLite path is taken from the
project root, so the store is the same whichever folder you run from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mlflow

from .paths import PROJECT_ROOT

SQLITE_PREFIX = "sqlite:///"


def tracking_uri(params: dict[str, Any]) -> str:
    """The store named in params.toml, with a relative SQLite path anchored at the project root."""
    uri = params["tracking"]["uri"]
    if uri.startswith(SQLITE_PREFIX) and not Path(uri.removeprefix(SQLITE_PREFIX)).is_absolute():
        return SQLITE_PREFIX + (PROJECT_ROOT / uri.removeprefix(SQLITE_PREFIX)).as_posix()
    return uri


def start_run(params: dict[str, Any]) -> mlflow.ActiveRun:
    """Open a run in the configured experiment, creating the store and experiment on first use."""
    uri = tracking_uri(params)
    mlflow.set_tracking_uri(uri)
    name = params["tracking"]["experiment"]
    experiment = mlflow.get_experiment_by_name(name)
    if experiment is None:
        store = (
            Path(uri.removeprefix(SQLITE_PREFIX)).parent
            if uri.startswith(SQLITE_PREFIX)
            else PROJECT_ROOT
        )
        experiment_id = mlflow.create_experiment(
            name, artifact_location=(store / "mlartifacts").as_uri()
        )
    else:
        experiment_id = experiment.experiment_id
    return mlflow.start_run(experiment_id=experiment_id)


def flatten(params: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"split": {"seed": 42}}`` -> ``{"split.seed": 42}``: MLflow parameters are flat."""
    flat: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat
