"""Classify: each case gets one category (e.g. which part of the stance a move shows or breaks)."""

from __future__ import annotations

from typing import Any

from ..exercises import ExerciseResult
from ._text import t as _t

LANGS = ("sv", "en")


def score(spec: dict, answer: Any, lang: str) -> ExerciseResult:
    choices = answer.get("choices") if isinstance(answer, dict) else None
    choices = choices if isinstance(choices, dict) else {}  # an odd saved answer reads as nothing chosen
    cases = spec["cases"]
    correct = 0
    feedback = []
    details = {}
    for n, case in enumerate(cases, 1):
        picked = choices.get(case["id"])
        ok = picked == case["answer"]
        correct += ok
        details[case["id"]] = {"picked": picked, "correct": ok}
        mark = "✓" if ok else ("–" if picked is None else "✗")
        feedback.append(f"{mark} {n}. {_t(case['explanation'], lang)}")
    points = round(spec["points"] * correct / len(cases), 2)
    complete = all(choices.get(c["id"]) for c in cases)
    return ExerciseResult(points, float(spec["points"]), complete, feedback, details)


def validate(spec: dict) -> list[str]:
    problems = []
    cats = {c.get("id") for c in spec.get("categories", [])}
    if len(cats) < 2:
        problems.append(f"{spec['id']}: needs at least two categories")
    if not spec.get("cases"):
        problems.append(f"{spec['id']}: needs at least one case")
    seen = set()
    for case in spec.get("cases", []):
        cid = case.get("id")
        if cid in seen:
            problems.append(f"{spec['id']}: case id {cid!r} is used twice")
        seen.add(cid)
        if case.get("answer") not in cats:
            problems.append(
                f"{spec['id']}: case {cid!r} has answer {case.get('answer')!r}, not one of {sorted(cats)}"
            )
        for field in ("text", "explanation"):
            for lang in LANGS:
                if not (case.get(field) or {}).get(lang):
                    problems.append(f"{spec['id']}: case {cid!r} lacks {field} in {lang}")
    return problems
