"""What every rules data file shares: strict models, and load errors that name the file and field."""
from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError


class RulesFileError(ValueError):
    pass


class Strict(BaseModel):
    """Unknown keys are errors (a misspelt field must not be ignored); loaded data is frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def describe(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(x) for x in e['loc']) or '(file)'}: {e['msg']}" for e in exc.errors())


def parse(text: str | bytes):
    """YAML through libyaml's safe loader: the same documents as yaml.safe_load, a tenth of the
    time (the lexicon's files took 0.2 s of each judge task's 0.75 with the Python loader)."""
    return yaml.load(text, Loader=yaml.CSafeLoader)


def load_yaml(path: Path, model: type[Strict]):
    try:
        data = parse(path.read_text(encoding="utf-8"))
        return model.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise RulesFileError(f"{path}: {exc}") from exc
    except ValidationError as exc:
        raise RulesFileError(f"{path}: {describe(exc)}") from None
