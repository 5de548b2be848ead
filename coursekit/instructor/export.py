"""CSV export with one column per criterion, to sit beside `nbgrader export`'s grades.csv.

One row per learner. Per module: the total score, the score of each graded cell, and for each reflection
one column per criterion (1 met, 0 not met: the instructor's decision where they reviewed it, else the
grader's). Empty cells: the learner has not handed that module in.
"""

from __future__ import annotations

import csv
import io

from .cohort import Cohort, criterion_decisions, item_info, review_key


def _num(x: float) -> str:
    return f"{x:g}"


def _safe(value: str) -> str:
    """Keep a spreadsheet from reading an id as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def header(cohort: Cohort) -> list[str]:
    cols = ["student_id", "name"]
    for m in cohort.modules:
        cols.append(f"{m.assignment}")
        for gid in m.grade_ids:
            cols.append(f"{m.assignment}/{gid}")
            if gid in m.items:
                cols.extend(f"{m.assignment}/{gid}/{c['id']}" for c in item_info(gid)["criteria"])
    return cols


def rows(cohort: Cohort, reviews: dict) -> list[list[str]]:
    out = []
    for student in cohort.students:
        row = [_safe(student), _safe(cohort.names.get(student, ""))]
        for m in cohort.modules:
            sub = cohort.submissions.get((student, m.assignment))
            row.append(_num(sub.score) if sub else "")
            for gid in m.grade_ids:
                cell = sub.cells.get(gid) if sub else None
                row.append(_num(cell.score) if cell else "")
                if gid in m.items:
                    ids = [c["id"] for c in item_info(gid)["criteria"]]
                    if cell is None or cell.result is None:
                        row.extend("" for _ in ids)
                    else:
                        d = criterion_decisions(cell, reviews.get(review_key(student, m.assignment, gid)))
                        row.extend(str(int(d.get(cid, False))) for cid in ids)
        out.append(row)
    return out


def criteria_csv(cohort: Cohort, reviews: dict) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header(cohort))
    w.writerows(rows(cohort, reviews))
    return buf.getvalue()
