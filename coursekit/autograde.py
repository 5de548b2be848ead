"""Called from the hidden nbgrader test cells.

Each function shows the graded answer in readable form (coursekit.readable: the learner's full text or
answers, each criterion with evidence and advice, the review flag, the learner's objections) as one
display with an HTML and a plain-text version, so the formgrader and the generated feedback show it. It
returns the score, which the cell leaves as its last expression: nbgrader reads that as partial credit.
Nothing may reach stderr here: nbgrader scores any stderr output as zero. nbgrader's LimitOutput cuts
only stream output, never a display, so a long text is shown in full.
"""

from __future__ import annotations

import contextlib
import io
import os
import warnings

from .readable import OBJECTION_MARKER, REVIEW_MARKER, View, exercise_view, lang_of, reflection_view
from .store import read_answers

__all__ = ["OBJECTION_MARKER", "REVIEW_MARKER", "grade_exercise", "grade_item"]


@contextlib.contextmanager
def _quiet():
    """Keep warnings (and any library chatter on stderr) out of the cell's output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.redirect_stderr(io.StringIO()):
            yield


def _show(view: View) -> None:
    """One display with both versions in a kernel; the plain text when run outside one (tests, CLI)."""
    from IPython import get_ipython

    if get_ipython() is None:
        print(view.text)
        return
    from IPython.display import display

    display(view.bundle(), raw=True)


def grade_item(item: str, folder: str | os.PathLike | None = None) -> float:
    """Score reflection `item` from the answers file; show it readably; return the points."""
    with _quiet():
        from grading import score

        data = read_answers(folder or os.getcwd())
        lang = lang_of(data)
        entry = data["items"].get(item) or {}
        text = entry.get("text", "") if isinstance(entry.get("text"), str) else ""
        result = score(item, text, lang)
        view = reflection_view(item, dict(entry, text=text) if entry else {}, result, lang)
    _show(view)
    return result.points


def grade_exercise(exercise: str, folder: str | os.PathLike | None = None) -> float:
    """Score exercise `exercise` from the answers file; show it readably; return the points."""
    with _quiet():
        from .exercises import load_exercise, score_exercise

        data = read_answers(folder or os.getcwd())
        lang = lang_of(data)
        entry = data["exercises"].get(exercise) or {}
        result = score_exercise(exercise, entry.get("answer"), lang)
        view = exercise_view(exercise, load_exercise(exercise), entry, result, lang)
    _show(view)
    return result.points
