"""What every rules data file shares: strict models, and validation errors that name the field."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationError


class Strict(BaseModel):
    """Unknown keys are errors (a misspelt field must not be ignored); loaded data is frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def describe(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(x) for x in e['loc']) or '(file)'}: {e['msg']}" for e in exc.errors())
