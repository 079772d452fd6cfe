"""Features stage: physically meaningful features, computed inside the model pipeline.

Because the engineered features are a step of the saved scikit-learn pipeline, the API sends
raw sensor readings and gets exactly the transformation used in training (no train/serve skew),
and cross-validation fits the scaler on each training fold only (no leakage).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from .schema import FEATURES

CATEGORICAL = ["machine_type"]
ENGINEERED = ["temperature_gap_k", "power_w", "strain_nm_min"]


def add_engineered(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the three quantities the failure modes depend on: heat gap, mechanical power, strain."""
    frame = frame[FEATURES].copy()
    frame["temperature_gap_k"] = frame["process_temperature_k"] - frame["air_temperature_k"]
    frame["power_w"] = frame["torque_nm"] * frame["rotational_speed_rpm"] * 2 * np.pi / 60
    frame["strain_nm_min"] = frame["torque_nm"] * frame["tool_wear_min"]
    return frame


def build_features() -> Pipeline:
    """Raw readings -> engineered columns -> scaled numbers and one-hot machine type."""
    numeric = [name for name in FEATURES if name not in CATEGORICAL] + ENGINEERED
    encode = ColumnTransformer(
        [
            ("numeric", StandardScaler(), numeric),
            ("categorical", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
        ]
    )
    return Pipeline([("engineer", FunctionTransformer(add_engineered)), ("encode", encode)])
