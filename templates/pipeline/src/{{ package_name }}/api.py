"""HTTP service: ``GET /health`` and ``POST /predict`` for one sensor reading.

Requests are validated by the same pydantic schema as training data (wrong types, missing or
extra fields and out-of-range values get a 422 before the model is touched). Run it with
``make serve`` (or ``uvicorn <package>.api:app``); the model path can be set with ``MODEL_PATH``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from .paths import MODELS_DIR
from .predict import load_bundle, score
from .schema import SensorReading


class Health(BaseModel):
    """Whether the service can answer predictions, and with which model version."""

    status: str
    model_name: str | None = None
    model_version: str | None = None
    trained_at: str | None = None


class Prediction(BaseModel):
    """The model's answer for one reading."""

    failure_probability: float
    alarm: bool
    threshold: float
    model_version: str | None = None


def create_app(model_path: Path | None = None) -> FastAPI:
    """An app serving the bundle at ``model_path`` (default: ``$MODEL_PATH``, else models/)."""
    path = model_path or Path(os.environ.get("MODEL_PATH", MODELS_DIR / "model.joblib"))
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            state["bundle"] = load_bundle(path)
        except FileNotFoundError:
            state["bundle"] = None  # /health reports it; the process stays up for the orchestrator
        yield

    app = FastAPI(title="Machine failure prediction", version="0.1.0", lifespan=lifespan)

    def bundle() -> dict[str, Any]:
        if state.get("bundle") is None:
            raise HTTPException(status_code=503, detail=f"no model loaded from {path}: train first")
        return state["bundle"]

    @app.get("/health", response_model=Health)
    def health() -> Health:
        loaded = bundle()
        return Health(
            status="ok",
            model_name=loaded["model_name"],
            model_version=loaded["version"],
            trained_at=loaded["trained_at"],
        )

    @app.post("/predict", response_model=Prediction)
    def predict(reading: SensorReading) -> Prediction:
        loaded = bundle()
        result = score(loaded, pd.DataFrame([reading.model_dump()])).iloc[0]
        return Prediction(
            failure_probability=float(result["failure_probability"]),
            alarm=bool(result["alarm"]),
            threshold=loaded["threshold"],
            model_version=loaded["version"],
        )

    return app


app = create_app()
