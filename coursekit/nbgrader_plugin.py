"""nbgrader configuration hook: answers the grader is unsure of are flagged for a person.

Used in nbgrader_config.py in place of nbgrader's SaveAutoGrades. It records the same scores, then
marks a grade `needs_manual_grade` when the test cell printed the review marker, so the formgrader
lists it under "needs manual grading". A manual score an instructor gave stays: nbgrader never
overwrites it, and it takes precedence over the autograder's.
"""

from __future__ import annotations

from nbgrader.preprocessors import SaveAutoGrades

from .autograde import REVIEW_MARKER


def _printed(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


class FlagUncertainGrades(SaveAutoGrades):
    def _add_score(self, cell, resources) -> None:
        super()._add_score(cell, resources)
        if REVIEW_MARKER in _printed(cell):
            grade = self.gradebook.find_grade(
                cell.metadata["nbgrader"]["grade_id"], self.notebook_id, self.assignment_id, self.student_id
            )
            grade.needs_manual_grade = True
            self.gradebook.db.commit()
