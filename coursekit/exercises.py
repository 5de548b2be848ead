"""Exercises as data: `exercises/<id>.json`, scored by the module named after the exercise's type.

Convention: type "perspective-map" is scored by `coursekit.exercise_types.perspective_map.score`
and shown by `widgets.perspective_map.build`. Adding a type needs no change here.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from .paths import EXERCISES


class ExerciseError(ValueError):
    """An exercise file is missing or broken; the message names the file and the problem."""


@dataclass
class ExerciseResult:
    points: float
    max_points: float
    complete: bool
    feedback: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def module_name(kind: str) -> str:
    return kind.replace("-", "_")


@cache
def load_exercise(exercise_id: str) -> dict:
    path = EXERCISES / f"{exercise_id}.json"
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        known = ", ".join(sorted(p.stem for p in EXERCISES.glob("*.json")))
        raise ExerciseError(
            f"Unknown exercise {exercise_id!r} (no exercises/{exercise_id}.json). Known: {known}"
        ) from None
    except ValueError as exc:
        raise ExerciseError(f"exercises/{exercise_id}.json is not valid JSON: {exc}") from None
    for key in ("id", "type", "points"):
        if key not in spec:
            raise ExerciseError(f"exercises/{exercise_id}.json lacks the field {key!r}")
    if spec["id"] != exercise_id:
        raise ExerciseError(
            f"exercises/{exercise_id}.json has id {spec['id']!r}; it must match the file name"
        )
    return spec


def type_module(kind: str):
    try:
        return importlib.import_module(f"coursekit.exercise_types.{module_name(kind)}")
    except ModuleNotFoundError:
        raise ExerciseError(
            f"Unknown exercise type {kind!r}: no coursekit/exercise_types/{module_name(kind)}.py"
        ) from None


def score_exercise(exercise_id: str, answer: Any, lang: str = "sv") -> ExerciseResult:
    spec = load_exercise(exercise_id)
    return type_module(spec["type"]).score(spec, answer, lang)


def validate_exercise(exercise_id: str) -> list[str]:
    """Problems in one exercise file, as sentences a trainer can act on (empty when fine)."""
    try:
        spec = load_exercise(exercise_id)
        mod = type_module(spec["type"])
    except ExerciseError as exc:
        return [str(exc)]
    check = getattr(mod, "validate", None)
    return list(check(spec)) if check else []
