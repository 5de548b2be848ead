"""Everything nbgrader's gradebook says about one module's submissions, for comparing two runs."""

from __future__ import annotations


def snapshot(db_url: str, assignment: str) -> dict:
    from nbgrader.api import Gradebook

    out: dict = {}
    with Gradebook(db_url) as gb:
        for sub in gb.find_assignment(assignment).submissions:
            s = sub.student.id
            out[(s, "submission")] = (sub.timestamp, sub.late_submission_penalty, sub.score, sub.max_score)
            for nb in sub.notebooks:
                for g in nb.grades:
                    out[(s, nb.name, g.name, "grade")] = (
                        g.auto_score,
                        g.manual_score,
                        g.extra_credit,
                        g.needs_manual_grade,
                        g.score,
                    )
                for c in nb.comments:
                    out[(s, nb.name, c.name, "comment")] = (c.auto_comment, c.manual_comment)
    return out
