"""Self-study time per module, estimated from the content itself, against the catalogue's minutes.

The estimate is reading plus doing, with the figures kept as data in `course/modules.json`
("self_study"): the learner-facing words of the module (Swedish, without the overview box, the
instructor notes and the source list) at a careful reading pace, a few minutes for each "Fundera"
prompt, a fixed time per reflection and a time per exercise that grows with its number of cases,
steps, statements or incidents. The catalogue's "minutes" are what the start page shows; the group
times (teaching + exercises, with discussion) stay in each module's overview box.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache

from .content import Module, catalogue, module_text
from .exercises import load_exercise
from .paths import COURSE

_WORD = re.compile(r"[^\W\d_]{2,}")
# What each exercise type's time is multiplied by (the rest have a fixed time).
_COUNTED = {
    "per_case": "cases",
    "per_step": "steps",
    "per_statement": "statements",
    "per_incident": "incidents",
    "per_prompt": "prompts",
}


@cache
def model() -> dict:
    return json.loads((COURSE / "modules.json").read_text(encoding="utf-8"))["self_study"]


@dataclass
class Estimate:
    module: str
    words: int
    reading: float
    discussions: float
    reflections: float
    exercises: float

    @property
    def minutes(self) -> float:
        return self.reading + self.discussions + self.reflections + self.exercises

    def rounded(self) -> int:
        """To the nearest five minutes, as the catalogue gives them (never below five)."""
        return max(5, 5 * math.floor(self.minutes / 5 + 0.5))

    def explain(self) -> str:
        return (
            f"{self.words} words read ≈ {self.reading:.0f} min, Fundera {self.discussions:.0f} min, "
            f"reflections {self.reflections:.0f} min, exercises {self.exercises:.0f} min"
        )


def exercise_minutes(exercise_id: str, m: dict | None = None) -> float:
    m = m or model()
    spec = load_exercise(exercise_id)
    rates = m["exercise_minutes"].get(spec["type"])
    if rates is None:
        raise KeyError(
            f"course/modules.json self_study.exercise_minutes has no entry for type {spec['type']!r}"
        )
    total = float(rates.get("fixed", 0))
    for key, field in _COUNTED.items():
        if key in rates:
            total += rates[key] * len(spec.get(field, []))
    return total


def estimate(mod: Module, m: dict | None = None) -> Estimate:
    m = m or model()
    text = module_text(mod.id, "sv")
    skip = tuple(m["skip_sections"])
    words = 0
    discussions = 0
    for sid, body in text.sections.items():
        if sid in skip or sid.startswith(skip):
            continue
        words += len(_WORD.findall(body))
        if body.lstrip().startswith(m["discussion_heading"]):
            discussions += 1
    return Estimate(
        module=mod.id,
        words=words,
        reading=words / m["reading_wpm"],
        discussions=discussions * m["discussion_minutes"],
        reflections=len(mod.items) * m["reflection_minutes"],
        exercises=sum(exercise_minutes(e, m) for e in mod.exercises),
    )


def problems() -> list[str]:
    m = model()
    out = []
    for mod in catalogue():
        try:
            est = estimate(mod, m)
        except KeyError as exc:
            out.append(str(exc.args[0]))
            continue
        if abs(mod.minutes - est.minutes) > m["tolerance"]:
            out.append(
                f"course/modules.json: module {mod.id} says {mod.minutes} min of self-study; the estimate is "
                f"{est.rounded()} min ({est.explain()}). Change 'minutes' or the model in 'self_study'."
            )
    return out
