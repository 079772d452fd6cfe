"""The one definition of a sensor reading: the API validates requests with it, and the
batch validation stage derives its column rules from it, so serving and training agree.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

TARGET = "failure"


class SensorReading(BaseModel):
    """One reading of one machine; the ranges are the physically plausible operating envelope."""

    model_config = ConfigDict(extra="forbid")

    machine_type: Literal["L", "M", "H"] = Field(
        description="Product quality variant: low, medium, high"
    )
    air_temperature_k: float = Field(ge=285, le=325, description="Ambient air temperature (K)")
    process_temperature_k: float = Field(ge=295, le=335, description="Process temperature (K)")
    rotational_speed_rpm: float = Field(ge=800, le=3200, description="Spindle speed (rpm)")
    torque_nm: float = Field(ge=0, le=100, description="Torque (Nm)")
    tool_wear_min: float = Field(
        ge=0, le=400, description="Minutes the current tool has been in use"
    )
    vibration_mm_s: float = Field(ge=0, le=40, description="RMS vibration velocity (mm/s)")


FEATURES = list(SensorReading.model_fields)


def column_rules() -> dict[str, dict[str, Any]]:
    """Per column: ``{"kind": "number"|"category", "min", "max"}`` or ``{"allowed": [...]}``.

    Read from the model's JSON Schema, the documented, stable view of its constraints.
    """
    rules: dict[str, dict[str, Any]] = {}
    for name, spec in SensorReading.model_json_schema()["properties"].items():
        if "enum" in spec:
            rules[name] = {"kind": "category", "allowed": list(spec["enum"])}
        else:
            rules[name] = {"kind": "number", "min": spec["minimum"], "max": spec["maximum"]}
    return rules
