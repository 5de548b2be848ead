"""Called from the hidden nbgrader test cells.

Each function prints per-criterion feedback (so the formgrader and the generated feedback show it) and
returns the score, which the cell leaves as its last expression: nbgrader reads that as partial credit.
Nothing may reach stderr here: nbgrader scores any stderr output as zero.
"""

from __future__ import annotations

import contextlib
import io
import os
import warnings

from .store import read_answers

REVIEW_MARKER = "NEEDS HUMAN REVIEW"

_TEXT = {
    "reflection": {"sv": "Reflektion", "en": "Reflection"},
    "exercise": {"sv": "Övning", "en": "Exercise"},
    "points": {"sv": "poäng", "en": "points"},
    "evidence": {"sv": "belägg", "en": "evidence"},
    "no-answer": {"sv": "Inget svar hittades i answers.json.", "en": "No answer was found in answers.json."},
    "not-attempt": {"sv": "Räknas inte som ett försök", "en": "Not counted as an attempt"},
    "review": {
        "sv": f"⚠ {REVIEW_MARKER}: bedömningen är osäker, en lärare läser svaret.",
        "en": f"⚠ {REVIEW_MARKER}: the grader is unsure; a teacher reads this answer.",
    },
}


@contextlib.contextmanager
def _quiet():
    """Keep warnings (and any library chatter on stderr) out of the cell's output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.redirect_stderr(io.StringIO()):
            yield


def _lang(data: dict) -> str:
    return data.get("lang") if data.get("lang") in ("sv", "en") else "sv"


def grade_item(item: str, folder: str | os.PathLike | None = None) -> float:
    """Score reflection `item` from the answers file; print its feedback; return the points."""
    with _quiet():
        from grading import score

        data = read_answers(folder or os.getcwd())
        lang = _lang(data)
        entry = data["items"].get(item) or {}
        result = score(item, entry.get("text", ""), lang)
    print(
        f"{_TEXT['reflection'][lang]} {item}: {result.points} / {result.max_points} {_TEXT['points'][lang]}"
    )
    if not entry:
        print(_TEXT["no-answer"][lang])
    elif not result.attempt:
        print(f"{_TEXT['not-attempt'][lang]}: {result.message}")
    elif result.message:
        print(result.message)
    for c in result.criteria:
        mark = "✓" if c.met else "✗"
        line = f"  {mark} {c.label}"
        if c.met and c.evidence:
            line += f" — {_TEXT['evidence'][lang]}: «{c.evidence[:300]}»"
        if c.feedback:
            line += f" — {c.feedback}"
        print(line)
    if result.needs_review:
        print(_TEXT["review"][lang])
    return result.points


def grade_exercise(exercise: str, folder: str | os.PathLike | None = None) -> float:
    """Score exercise `exercise` from the answers file; print its feedback; return the points."""
    with _quiet():
        from .exercises import score_exercise

        data = read_answers(folder or os.getcwd())
        lang = _lang(data)
        entry = data["exercises"].get(exercise) or {}
        result = score_exercise(exercise, entry.get("answer"), lang)
    points = result.points
    print(f"{_TEXT['exercise'][lang]} {exercise}: {points:g} / {result.max_points:g} {_TEXT['points'][lang]}")
    if not entry:
        print(_TEXT["no-answer"][lang])
    for line in result.feedback:
        print(f"  {line}")
    return points
