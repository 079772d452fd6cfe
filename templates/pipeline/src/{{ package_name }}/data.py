"""Ingest stage: synthetic predictive-maintenance readings, generated with a seed, or your CSV.

The generator follows the failure modes published with the AI4I 2020 predictive-maintenance
dataset (heat dissipation, power, overstrain, tool wear) plus a vibration-driven bearing failure,
so the label depends on the sensors the way a maintenance engineer would expect. No download:
the same seed gives the same rows on every machine. ``drift`` moves the operating point
(hotter air, more torque, more worn tools, slower spindles) to simulate production data that
no longer looks like the training data.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .params import load_params
from .paths import PROJECT_ROOT
from .schema import TARGET

MACHINE_TYPES = {"L": 0.6, "M": 0.3, "H": 0.1}
# Torque x tool wear (Nm x min) above which each quality variant starts to overstrain.
OVERSTRAIN_LIMIT = {"L": 11_000.0, "M": 12_000.0, "H": 13_000.0}


def generate_readings(n_rows: int, seed: int, drift: float = 0.0) -> pd.DataFrame:
    """``n_rows`` readings with a ``failure`` label (0/1); ``drift`` = 0 is the training regime."""
    rng = np.random.default_rng(seed)
    machine_type = rng.choice(list(MACHINE_TYPES), size=n_rows, p=list(MACHINE_TYPES.values()))
    air = rng.normal(300.0 + 4.0 * drift, 2.0, n_rows)
    process = air + 10.0 + rng.normal(0.0, 1.0, n_rows)
    speed = np.clip(rng.normal(1540.0 - 120.0 * drift, 170.0, n_rows), 1100.0, 2900.0)
    torque = np.clip(
        rng.normal(40.0 + 6.0 * drift, 9.0, n_rows) - 0.02 * (speed - 1540.0), 3.0, 90.0
    )
    wear = np.clip(rng.uniform(0.0, 240.0, n_rows) + 60.0 * drift, 0.0, 400.0)
    vibration = np.clip(1.5 + 0.012 * wear + 0.03 * torque + rng.gamma(2.0, 0.4, n_rows), 0.0, 40.0)
    frame = pd.DataFrame(
        {
            "machine_type": machine_type,
            "air_temperature_k": air.round(1),
            "process_temperature_k": process.round(1),
            "rotational_speed_rpm": speed.round(0),
            "torque_nm": torque.round(1),
            "tool_wear_min": wear.round(0),
            "vibration_mm_s": vibration.round(2),
        }
    )
    probability = failure_probability(frame)
    frame[TARGET] = (rng.random(n_rows) < probability).astype(int)
    return frame


def failure_probability(frame: pd.DataFrame) -> np.ndarray:
    """Chance that a reading ends in a failure: any of five modes, plus rare random ones."""
    temp_gap = frame["process_temperature_k"] - frame["air_temperature_k"]
    speed = frame["rotational_speed_rpm"]
    power_w = frame["torque_nm"] * speed * 2 * np.pi / 60
    strain = frame["tool_wear_min"] * frame["torque_nm"]
    limit = frame["machine_type"].map(OVERSTRAIN_LIMIT)
    modes = [
        0.9
        * _sigmoid((8.6 - temp_gap) / 0.3)
        * _sigmoid((1380.0 - speed) / 40.0),  # heat dissipation
        0.9
        * (_sigmoid((3000.0 - power_w) / 120.0) + _sigmoid((power_w - 9600.0) / 250.0)),  # power
        0.9 * _sigmoid((strain - limit) / 400.0),  # overstrain
        0.4 * _sigmoid((frame["tool_wear_min"] - 225.0) / 5.0),  # tool wear
        0.5 * _sigmoid((frame["vibration_mm_s"] - 7.5) / 0.4),  # bearing
        np.full(len(frame), 0.002),  # random failures nobody can predict
    ]
    survive = np.ones(len(frame))
    for mode in modes:
        survive *= 1.0 - np.clip(np.asarray(mode, dtype=float), 0.0, 1.0)
    return 1.0 - survive


def ingest(params: dict[str, Any] | None = None) -> pd.DataFrame:
    """The training data: your CSV when params.toml sets ``data.csv``, else generated rows."""
    data = (params or load_params())["data"]
    if data.get("csv"):
        path = PROJECT_ROOT / data["csv"]
        if not path.exists():
            raise FileNotFoundError(f"dataset not found: {path}")
        target = data.get("target") or TARGET
        # Columns are checked by the validate stage, which lists every mismatch with the schema.
        return pd.read_csv(path).rename(columns={target: TARGET})
    return generate_readings(data["n_rows"], data["seed"])


def _sigmoid(value):
    return 1.0 / (1.0 + np.exp(-value))
