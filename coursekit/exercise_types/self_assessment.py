"""Self-assessment: confidence 1–5 in each skill of the course, before and now, and a next step.

Answer: `{"before": {"<skill>": 1-5}, "after": {"<skill>": 1-5}, "next_step": str}`. Worth
`spec["points"]` when every rating is given and the next step has at least `next_step.min_words`
words; nothing is right or wrong.
"""

from __future__ import annotations

from typing import Any

from ..exercises import ExerciseResult
from ._text import both as _both
from ._text import t as _t
from ._text import words

COLUMNS = ("before", "after")


def scale_values(spec: dict) -> list[int]:
    return [s["value"] for s in spec["scale"]]


def normalize(spec: dict, answer: Any) -> dict:
    """Any saved value as `{"before", "after", "next_step"}`; ratings outside the scale are dropped."""
    a = answer if isinstance(answer, dict) else {}
    skills = [s["id"] for s in spec["skills"]]
    allowed = set(scale_values(spec))
    out: dict[str, Any] = {}
    for col in COLUMNS:
        raw = a.get(col) if isinstance(a.get(col), dict) else {}
        out[col] = {
            k: raw[k]
            for k in skills
            if isinstance(raw.get(k), int) and not isinstance(raw[k], bool) and raw[k] in allowed
        }
    out["next_step"] = a.get("next_step")[:5000] if isinstance(a.get("next_step"), str) else ""
    return out


def score(spec: dict, answer: Any, lang: str) -> ExerciseResult:
    a = normalize(spec, answer)
    ui = spec.get("ui", {})
    skills = spec["skills"]
    missing = {col: [s for s in skills if s["id"] not in a[col]] for col in COLUMNS}
    n_missing = sum(len(v) for v in missing.values())
    min_words = int(spec.get("next_step", {}).get("min_words", 5))
    has_step = words(a["next_step"]) >= min_words
    complete = n_missing == 0 and has_step
    feedback = []
    if n_missing:
        feedback.append("✗ " + _t(ui.get("missing_ratings"), lang).format(n=n_missing))
    else:
        feedback.append("✓ " + _t(ui.get("all_rated"), lang))
    feedback.append(
        ("✓ " + _t(ui.get("step_ok"), lang)) if has_step else ("✗ " + _t(ui.get("step_missing"), lang))
    )
    change = {
        s["id"]: a["after"][s["id"]] - a["before"][s["id"]]
        for s in skills
        if s["id"] in a["after"] and s["id"] in a["before"]
    }
    details = {
        "missing": {c: [s["id"] for s in v] for c, v in missing.items()},
        "next_step": has_step,
        "change": change,
    }
    return ExerciseResult(
        float(spec["points"]) if complete else 0.0, float(spec["points"]), complete, feedback, details
    )


def validate(spec: dict) -> list[str]:
    sid = spec.get("id", "?")
    problems = []
    for key in ("title", "instructions"):
        if not _both(spec.get(key)):
            problems.append(f"{sid}: {key!r} must be given in sv and en")
    skills = spec.get("skills")
    if not isinstance(skills, list) or not skills:
        problems.append(f"{sid}: needs a non-empty list 'skills', each {{'id', 'label'}}")
    else:
        ids = [s.get("id") for s in skills]
        if len(set(ids)) != len(ids) or not all(ids):
            problems.append(f"{sid}: every skill needs a unique 'id'")
        for s in skills:
            if not _both(s.get("label")):
                problems.append(f"{sid}: skill {s.get('id')!r} lacks a label in sv and en")
    scale = spec.get("scale")
    values = [s.get("value") for s in scale] if isinstance(scale, list) else []
    if values != list(range(1, len(values) + 1)) or len(values) < 3:
        problems.append(
            f"{sid}: 'scale' must list the values 1, 2, 3 … in order (at least three), each with a label"
        )
    for s in scale or []:
        if not _both(s.get("label")):
            problems.append(f"{sid}: scale value {s.get('value')!r} lacks a label in sv and en")
    step = spec.get("next_step", {})
    if not _both(step.get("label")):
        problems.append(f"{sid}: 'next_step.label' must be given in sv and en")
    if not isinstance(step.get("min_words", 5), int) or step.get("min_words", 5) < 1:
        problems.append(f"{sid}: 'next_step.min_words' must be a whole number of at least 1")
    for col in COLUMNS:
        if not _both(spec.get("columns", {}).get(col)):
            problems.append(f"{sid}: 'columns.{col}' must be given in sv and en")
    return problems
