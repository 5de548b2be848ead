"""An instructor's review: a manual grade and a comment in nbgrader's gradebook, and a note in a sidecar.

The gradebook gets what nbgrader knows how to show (formgrader, `generate_feedback`, `nbgrader export`):
the grade's manual score, with needs_manual_grade cleared as the formgrader does, and the comment on the
graded cell. The sidecar (`.backa-instructor/reviews.json` in the course folder) remembers what nbgrader
cannot: the per-criterion decisions, and the hash of the text that was reviewed. Re-autograding flags a
grade with a manual score again (nbgrader does that on purpose); the review queue keeps such an answer out
as long as its text is the one the instructor reviewed, and brings it back as soon as the text changed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .cohort import Course, answer_text, item_info, review_key, sha1

SIDECAR = "reviews.json"
MAX_COMMENT = 20_000


class ReviewError(ValueError):
    """The review cannot be saved as sent; the message says why, for the instructor."""


def _path(course: Course) -> Path:
    return course.state_dir / SIDECAR


def load_reviews(course: Course) -> dict[str, dict]:
    try:
        data = json.loads(_path(course).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        # Never lose the gradebook's state over the sidecar: without it, reviewed answers show again.
        return {}
    return data.get("reviews", {}) if isinstance(data, dict) else {}


@contextlib.contextmanager
def _locked(course: Course):
    course.state_dir.mkdir(parents=True, exist_ok=True)
    with open(course.state_dir / (SIDECAR + ".lock"), "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write(course: Course, reviews: dict) -> None:
    payload = json.dumps({"format": 1, "reviews": reviews}, ensure_ascii=False, indent=1, sort_keys=True)
    fd, tmp = tempfile.mkstemp(dir=course.state_dir, prefix=".reviews-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, _path(course))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@dataclass
class Saved:
    student: str
    assignment: str
    grade_id: str
    score: float
    max_score: float


def current_text(course: Course, student: str, assignment: str, grade_id: str, kind: str) -> str:
    """The text that was autograded (or, before autograding, submitted) for this graded cell."""
    from .cohort import _read_answers

    for step in ("autograded", "submitted"):
        folder = course.folder(step, student, assignment)
        if (folder / "answers.json").exists():
            data, _ = _read_answers(folder)
            if not data:
                return ""
            if kind == "item":
                entry = (data.get("items") or {}).get(grade_id) or {}
                return entry.get("text") if isinstance(entry.get("text"), str) else ""
            entry = (data.get("exercises") or {}).get(grade_id) or {}
            return answer_text(entry.get("answer")) if entry.get("answer") is not None else ""
    return ""


def save_review(
    course: Course,
    student: str,
    assignment: str,
    grade_id: str,
    *,
    seen_sha1: str,
    criteria: dict[str, bool] | None = None,
    score: float | None = None,
    comment: str = "",
    by: str = "",
) -> Saved:
    """Write the manual score and comment to the gradebook (nbgrader's API) and note the review.

    A reflection is scored per criterion (`criteria`, one point each as the grader does); any other graded
    cell takes `score`. `seen_sha1` is the hash of the text the instructor read: if the learner's text
    changed since, nothing is saved and the instructor is asked to read it again.
    """
    from nbgrader.api import Comment, Gradebook, MissingEntry

    from ..content import catalogue

    module = next((m for m in catalogue() if m.assignment == assignment), None)
    kind = "item" if module and grade_id in module.items else "exercise"
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise ReviewError(f"The comment is too long ({len(comment)} characters; at most {MAX_COMMENT}).")
    text = current_text(course, student, assignment, grade_id, kind)
    if sha1(text) != seen_sha1:
        raise ReviewError(
            "The learner's answer changed since this page was loaded. Nothing was saved: read it again."
        )
    with Gradebook(course.db_url, course.course_id) as gb:
        try:
            grade = gb.find_grade(grade_id, module.notebook if module else "", assignment, student)
        except MissingEntry:
            grade = _find_grade_any_notebook(gb, grade_id, assignment, student)
        max_score = float(grade.max_score)
        if kind == "item":
            ids = [c["id"] for c in item_info(grade_id)["criteria"]]
            decisions = {cid: bool((criteria or {}).get(cid)) for cid in ids}
            points = float(sum(decisions.values())) * (max_score / len(ids) if ids else 1.0)
        else:
            decisions = {}
            if score is None:
                raise ReviewError("Give a score.")
            points = float(score)
        if not 0 <= points <= max_score:
            raise ReviewError(f"The score must be between 0 and {max_score:g}.")
        grade.manual_score = points
        # As the formgrader does when a score is entered: the grade no longer waits for a person.
        grade.needs_manual_grade = False
        note = grade_comment(gb, grade)
        if note is None:
            # The course's graded cells are test cells, which nbgrader gives no comment row; add one.
            note = Comment(cell_id=grade.cell_id, notebook_id=grade.notebook_id)
            gb.db.add(note)
        note.manual_comment = comment or None
        gb.db.commit()
    with _locked(course):
        reviews = load_reviews(course)
        reviews[review_key(student, assignment, grade_id)] = {
            "text_sha1": seen_sha1,
            "criteria": decisions,
            "score": points,
            "comment": comment,
            "at": time.time(),
            "by": by,
        }
        _write(course, reviews)
    return Saved(student, assignment, grade_id, points, max_score)


def grade_comment(gb, grade):
    """The nbgrader Comment on a graded cell, if any (nbgrader's find_comment looks at solution and task cells only)."""
    from nbgrader.api import Comment

    return (
        gb.db.query(Comment)
        .filter(Comment.cell_id == grade.cell_id, Comment.notebook_id == grade.notebook_id)
        .one_or_none()
    )


def _find_grade_any_notebook(gb, grade_id: str, assignment: str, student: str):
    from nbgrader.api import MissingEntry

    try:
        sub = gb.find_submission(assignment, student)
    except MissingEntry:
        raise ReviewError(f"No autograded submission of {assignment} by {student}.") from None
    for nb in sub.notebooks:
        for g in nb.grades:
            if g.name == grade_id:
                return g
    raise ReviewError(f"{assignment} has no graded cell {grade_id!r}.")
