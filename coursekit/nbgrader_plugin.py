"""nbgrader configuration hook: answers the grader is unsure of, and criteria the learner objected to,
are flagged for a person.

Used in nbgrader_config.py in place of nbgrader's SaveAutoGrades. It records the same scores, then
marks a grade `needs_manual_grade` when the test cell's output has a line that starts with the review
or the objection marker, so the formgrader lists it under "needs manual grading". Only a line start
counts: the learner's own text is shown behind a prefix, so writing a marker into an answer flags
nothing. A manual score an instructor gave stays: nbgrader never overwrites it, and it takes precedence
over the autograder's.
"""

from __future__ import annotations

import re

from nbgrader.preprocessors import SaveAutoGrades

from .readable import OBJECTION_MARKER, REVIEW_MARKER

_FLAG = re.compile(rf"^(?:⚠ )?(?:{re.escape(REVIEW_MARKER)}|{re.escape(OBJECTION_MARKER)})\b", re.MULTILINE)


def _printed(cell) -> str:
    """The cell's plain-text output: printed streams and the text version of each display."""
    parts = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            parts.append(o.get("text", ""))
        elif o.get("output_type") in ("display_data", "execute_result"):
            text = o.get("data", {}).get("text/plain", "")
            parts.append("".join(text) if isinstance(text, list) else text)
    return "\n".join(parts)


def flagged(cell) -> bool:
    return bool(_FLAG.search(_printed(cell)))


class FlagUncertainGrades(SaveAutoGrades):
    def _add_score(self, cell, resources) -> None:
        super()._add_score(cell, resources)
        if flagged(cell):
            grade = self.gradebook.find_grade(
                cell.metadata["nbgrader"]["grade_id"], self.notebook_id, self.assignment_id, self.student_id
            )
            grade.needs_manual_grade = True
            self.gradebook.db.commit()
