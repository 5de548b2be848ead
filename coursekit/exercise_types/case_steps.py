"""Case steps: a transfer case as a sequence of decisions; each step has one best option and feedback.

Answer: `{"choices": {"<step id>": "<option id>"}, "checked": bool}`. Points are `spec["points"]` times
the share of steps where the best option was chosen; complete when every step has a choice.
"""

from __future__ import annotations

from typing import Any

from ..exercises import ExerciseResult
from ._text import both as _both
from ._text import t as _t


def choices(answer: Any) -> dict[str, str]:
    """The learner's choices from any saved value; anything of the wrong shape is dropped."""
    raw = answer.get("choices") if isinstance(answer, dict) else None
    if not isinstance(raw, dict):
        return {}
    return {k: v for k, v in raw.items() if isinstance(k, str) and isinstance(v, str)}


def step_results(spec: dict, answer: Any, lang: str) -> dict[str, dict]:
    """Per step: picked option, whether it is the best one, and the feedback for the picked option."""
    picked = choices(answer)
    out = {}
    for step in spec["steps"]:
        options = {o["id"]: o for o in step["options"]}
        choice = picked.get(step["id"])
        option = options.get(choice)
        out[step["id"]] = {
            "picked": choice if option else None,
            "correct": bool(option and option.get("correct")),
            "feedback": _t(option.get("feedback"), lang) if option else "",
        }
    return out


def score(spec: dict, answer: Any, lang: str) -> ExerciseResult:
    results = step_results(spec, answer, lang)
    correct = sum(r["correct"] for r in results.values())
    total = len(spec["steps"])
    feedback = []
    for n, step in enumerate(spec["steps"], 1):
        r = results[step["id"]]
        mark = "✓" if r["correct"] else ("–" if r["picked"] is None else "✗")
        text = r["feedback"] or _t(spec.get("ui", {}).get("unanswered_step"), lang)
        feedback.append(f"{mark} {n}. {_t(step.get('skill'), lang)}: {text}")
    points = round(spec["points"] * correct / total, 2) if total else 0.0
    complete = bool(total) and all(r["picked"] for r in results.values())
    return ExerciseResult(
        points, float(spec["points"]), complete, feedback, {"steps": results, "correct": correct}
    )


def validate(spec: dict) -> list[str]:
    sid = spec.get("id", "?")
    problems = []
    for key in ("title", "instructions", "case"):
        if not _both(spec.get(key)):
            problems.append(f"{sid}: {key!r} must be given in sv and en")
    steps = spec.get("steps")
    if not isinstance(steps, list) or not steps:
        return problems + [f"{sid}: needs a non-empty list 'steps'"]
    seen = set()
    for n, step in enumerate(steps, 1):
        stid = step.get("id") if isinstance(step, dict) else None
        if not stid:
            problems.append(f"{sid}: step number {n} needs an 'id'")
            continue
        if stid in seen:
            problems.append(f"{sid}: step id {stid!r} is used twice")
        seen.add(stid)
        for fld in ("skill", "situation", "question"):
            if not _both(step.get(fld)):
                problems.append(f"{sid}: step {stid!r} lacks {fld} in sv and en")
        options = step.get("options") or []
        if len(options) < 2:
            problems.append(f"{sid}: step {stid!r} needs at least two options")
        ids = [o.get("id") for o in options]
        if len(set(ids)) != len(ids) or not all(ids):
            problems.append(f"{sid}: step {stid!r} needs a unique 'id' on every option")
        best = sum(1 for o in options if o.get("correct") is True)
        if best != 1:
            problems.append(
                f'{sid}: step {stid!r} must mark exactly one option with "correct": true (found {best})'
            )
        for o in options:
            for fld in ("text", "feedback"):
                if not _both(o.get(fld)):
                    problems.append(f"{sid}: step {stid!r}, option {o.get('id')!r} lacks {fld} in sv and en")
    return problems
